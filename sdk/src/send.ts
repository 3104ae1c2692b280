/**
 * Sending transactions built from this SDK's instructions. The payer is recognised by its shape
 * (never `instanceof`, so objects from the app's own copy of `@solana/web3.js` work):
 * - keypair-like: `{ publicKey, secretKey }` with a 64-byte secret key (a web3.js `Keypair` of
 *   any copy, or a `Signer`) — the SDK signs locally;
 * - a wallet that only signs: `{ publicKey, signTransaction }` (a wallet adapter, Anchor's
 *   `Wallet`) — the SDK never sees a secret key.
 */
import { AnchorError } from "@anchor-lang/core";
import {
  Transaction,
  type Commitment,
  type Connection,
  type PublicKey,
  type Signer,
  type TransactionInstruction,
  type VersionedTransaction,
} from "@solana/web3.js";

import { TransactionFailedError } from "./errors";
import { asSigner, isKeypairSigner, isPublicKeyLike, logsOf, toPublicKey, type KeypairSigner } from "./interop";

/** A wallet that can sign but never shows its key. */
export interface SigningWallet {
  publicKey: PublicKey;
  signTransaction<T extends Transaction | VersionedTransaction>(tx: T): Promise<T>;
}

/** Who pays and signs: keypair-like (`publicKey` + 64-byte `secretKey`) or a signing-only wallet. */
export type Payer = KeypairSigner | SigningWallet;

/** Whether `value` is a wallet that signs (`publicKey` and a `signTransaction` function). */
export function isSigningWallet(value: unknown): value is SigningWallet {
  const candidate = value as { publicKey?: unknown; signTransaction?: unknown } | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    isPublicKeyLike(candidate.publicKey) &&
    typeof candidate.signTransaction === "function"
  );
}

/** Whether `value` can pay for and sign a transaction sent by this SDK. */
export function isPayer(value: unknown): value is Payer {
  return isKeypairSigner(value) || isSigningWallet(value);
}

export interface SendOptions {
  commitment?: Commitment;
  skipPreflight?: boolean;
}

/** Builds an unsigned legacy transaction with a fresh blockhash, for a wallet to sign. */
export async function buildTransaction(
  connection: Connection,
  feePayer: PublicKey,
  instructions: TransactionInstruction[],
  commitment: Commitment = "confirmed",
): Promise<{ transaction: Transaction; lastValidBlockHeight: number }> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash(commitment);
  const transaction = new Transaction({ feePayer: toPublicKey(feePayer), blockhash, lastValidBlockHeight }).add(
    ...instructions,
  );
  return { transaction, lastValidBlockHeight };
}

/**
 * Signs (payer last, so a wallet sees the other signatures), sends and confirms. Errors:
 * - failed preflight: an `AnchorError` when the logs hold one, else web3.js's `SendTransactionError`;
 * - landed but failed: an `AnchorError` from the transaction's logs, else `TransactionFailedError`.
 */
export async function sendInstructions(
  connection: Connection,
  instructions: TransactionInstruction[],
  payer: Payer,
  signers: Signer[] = [],
  options: SendOptions = {},
): Promise<string> {
  if (!isPayer(payer)) {
    throw new TypeError(
      "payer must be keypair-like ({ publicKey, secretKey: 64 bytes }, e.g. a Keypair) or a wallet ({ publicKey, signTransaction })",
    );
  }
  const commitment = options.commitment ?? "confirmed";
  const { transaction, lastValidBlockHeight } = await buildTransaction(
    connection,
    toPublicKey(payer.publicKey),
    instructions,
    commitment,
  );
  if (signers.length > 0) transaction.partialSign(...signers.map(asSigner));
  let signed: { serialize(): Uint8Array };
  if (isKeypairSigner(payer)) {
    transaction.partialSign(asSigner(payer));
    signed = transaction;
  } else {
    signed = await payer.signTransaction(transaction);
  }
  let signature: string;
  try {
    signature = await connection.sendRawTransaction(signed.serialize(), {
      skipPreflight: options.skipPreflight ?? false,
      preflightCommitment: commitment,
    });
  } catch (err) {
    throw translateSendError(err);
  }
  const result = await connection.confirmTransaction(
    { signature, blockhash: transaction.recentBlockhash!, lastValidBlockHeight },
    commitment,
  );
  if (result.value.err) {
    const tx = await connection
      .getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 })
      .catch(() => null);
    const logs = tx?.meta?.logMessages ?? [];
    throw AnchorError.parse(logs) ?? new TransactionFailedError(signature, result.value.err, logs);
  }
  return signature;
}

/** A failed preflight (`SendTransactionError` of any web3.js copy: it has `logs`) as an `AnchorError` if it holds one. */
function translateSendError(err: unknown): unknown {
  const logs = logsOf(err);
  return (logs && AnchorError.parse(logs)) ?? err;
}
