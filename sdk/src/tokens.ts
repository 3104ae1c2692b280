/**
 * SPL token helpers built on `sendInstructions` (fresh blockhash per transaction, so they work
 * at any slot time, unlike `@solana/spl-token`'s helpers that reuse a cached blockhash).
 */
import {
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToCheckedInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";
import { Keypair, SystemProgram, type Connection, type PublicKey, type Signer } from "@solana/web3.js";

import { sameKey, toPublicKey } from "./interop";
import { sendInstructions, type Payer } from "./send";
import { type IntLike, toBigInt } from "./units";

/** Creates a mint (no freeze authority) and returns its address. */
export async function createMint(
  connection: Connection,
  payer: Payer,
  mintAuthority: PublicKey,
  decimals: number,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
  mint: Signer = Keypair.generate(),
): Promise<PublicKey> {
  const lamports = await connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  await sendInstructions(
    connection,
    [
      SystemProgram.createAccount({
        fromPubkey: payer.publicKey,
        newAccountPubkey: mint.publicKey,
        lamports,
        space: MINT_SIZE,
        programId: tokenProgram,
      }),
      createInitializeMint2Instruction(mint.publicKey, decimals, mintAuthority, null, tokenProgram),
    ],
    payer,
    [mint],
  );
  return toPublicKey(mint.publicKey);
}

/** Creates `owner`'s associated token account for `mint` if missing; returns its address. */
export async function ensureTokenAccount(
  connection: Connection,
  payer: Payer,
  mint: PublicKey,
  owner: PublicKey,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): Promise<PublicKey> {
  const address = getAssociatedTokenAddressSync(mint, owner, true, tokenProgram);
  if (await connection.getAccountInfo(address, "confirmed")) return address;
  await sendInstructions(
    connection,
    [createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, address, owner, mint, tokenProgram)],
    payer,
  );
  return address;
}

/** Mints `amount` base units to `destination`. */
export async function mintTokens(
  connection: Connection,
  payer: Payer,
  mint: PublicKey,
  destination: PublicKey,
  authority: Signer,
  amount: IntLike,
  decimals: number,
  tokenProgram: PublicKey = TOKEN_PROGRAM_ID,
): Promise<string> {
  const signers = sameKey(payer.publicKey, authority.publicKey) ? [] : [authority];
  return sendInstructions(
    connection,
    [createMintToCheckedInstruction(mint, destination, authority.publicKey, toBigInt(amount), decimals, [], tokenProgram)],
    payer,
    signers,
  );
}
