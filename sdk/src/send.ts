/**
 * Sending transactions built from this SDK's instructions. The payer can be a `Keypair` or any
 * wallet that only signs (`{ publicKey, signTransaction }`, e.g. a browser wallet adapter or
 * Anchor's `Wallet`): the SDK never needs a secret key.
 */
import { AnchorError } from "@anchor-lang/core";
import {
  Keypair,
  SendTransactionError,
  Transaction,
  type Commitment,
  type Connection,
  type PublicKey,
  type Signer,
  type TransactionInstruction,
  type VersionedTransaction,
} from "@solana/web3.js";

import { TransactionFailedError } from "./errors";

/** A wallet that can sign but never shows its key. */
export interface SigningWallet {
  publicKey: PublicKey;
  signTransaction<T extends Transaction | VersionedTransaction>(tx: T): Promise<T>;
}

export type Payer = Keypair | SigningWallet;

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
  const transaction = new Transaction({ feePayer, blockhash, lastValidBlockHeight }).add(...instructions);
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
  const commitment = options.commitment ?? "confirmed";
  const { transaction, lastValidBlockHeight } = await buildTransaction(
    connection,
    payer.publicKey,
    instructions,
    commitment,
  );
  if (signers.length > 0) transaction.partialSign(...signers);
  const signed = payer instanceof Keypair ? (transaction.partialSign(payer), transaction) : await payer.signTransaction(transaction);
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

function translateSendError(err: unknown): unknown {
  if (err instanceof SendTransactionError) {
    const logs = (err as SendTransactionError & { logs?: string[] }).logs ?? [];
    const anchor = AnchorError.parse(logs);
    if (anchor) return anchor;
  }
  return err;
}
