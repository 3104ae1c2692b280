/**
 * Recognising web3.js and Anchor objects by their shape, never by `instanceof`.
 *
 * An app can hold its own copy of `@solana/web3.js` (another version in its tree, a bundler that
 * duplicated it, an npm alias, or the ESM and CJS builds of one version side by side). Its
 * `Keypair`, `PublicKey`, `Connection` and errors are then instances of other classes than the
 * SDK's, and an `instanceof` check silently takes the wrong branch. Everything the SDK accepts
 * is therefore checked by what it has, and keys it keeps are converted to its own `PublicKey`.
 */
import { PublicKey, type Signer } from "@solana/web3.js";

/** A public key from any copy of web3.js (or anything with the same two methods). */
export interface PublicKeyLike {
  toBytes(): Uint8Array;
  toBase58(): string;
}

/** Whether `value` looks like a web3.js `PublicKey` (32 bytes via `toBytes`, base58 via `toBase58`). */
export function isPublicKeyLike(value: unknown): value is PublicKeyLike {
  const candidate = value as Partial<PublicKeyLike> | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.toBytes === "function" &&
    typeof candidate.toBase58 === "function"
  );
}

/** This SDK's `PublicKey` for a key from any copy of web3.js, a base58 string or 32 bytes. */
export function toPublicKey(key: PublicKeyLike | string | Uint8Array): PublicKey {
  if (typeof key === "string" || ArrayBuffer.isView(key)) return new PublicKey(key);
  if (isPublicKeyLike(key)) return new PublicKey(key.toBytes());
  throw new TypeError(`not a public key: ${String(key)}`);
}

/** Whether two keys (from any copies of web3.js) are the same address; compares their bytes. */
export function sameKey(a: PublicKeyLike, b: PublicKeyLike): boolean {
  const x = a.toBytes();
  const y = b.toBytes();
  return x.length === y.length && x.every((byte, i) => byte === y[i]);
}

/**
 * A signer that holds its secret key: a web3.js `Keypair` from any copy, or any
 * `{ publicKey, secretKey }` with a 64-byte ed25519 secret key (web3.js's `Signer`).
 */
export type KeypairSigner = Signer;

/** Whether `value` is keypair-like: a public key and a 64-byte `secretKey`. */
export function isKeypairSigner(value: unknown): value is KeypairSigner {
  const candidate = value as { publicKey?: unknown; secretKey?: unknown } | null;
  return (
    typeof candidate === "object" &&
    candidate !== null &&
    isPublicKeyLike(candidate.publicKey) &&
    ArrayBuffer.isView(candidate.secretKey) &&
    candidate.secretKey.byteLength === 64
  );
}

/** A keypair-like signer as this SDK's web3.js `Signer` (its own `PublicKey`, the same secret). */
export function asSigner(signer: KeypairSigner): Signer {
  if (!isKeypairSigner(signer)) {
    throw new TypeError("a signer needs a publicKey and a 64-byte secretKey (a web3.js Keypair or Signer)");
  }
  const secret = signer.secretKey;
  return {
    publicKey: toPublicKey(signer.publicKey),
    secretKey: new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength),
  };
}

/**
 * The logs of a client error that carries them: web3.js's `SendTransactionError` (failed
 * preflight, from any copy: its `logs` getter), Anchor's `AnchorError` / `ProgramError`, or
 * this SDK's `TransactionFailedError`.
 */
export function logsOf(err: unknown): string[] | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const logs = (err as { logs?: unknown }).logs;
  return Array.isArray(logs) && logs.every((line) => typeof line === "string") ? logs : undefined;
}
