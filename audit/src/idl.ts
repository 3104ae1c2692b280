/**
 * Everything the auditor knows about the program comes from its IDL (`idl/contract_insurance.json`,
 * generated from the program by `cip-idl`): event and account layouts are decoded with
 * `@anchor-lang/core`'s Borsh coder, then normalised into plain values the replay can compare and
 * serialise:
 *
 * - every integer (u8 … u128, i32 … i128) becomes a `bigint`,
 * - a public key becomes its base-58 string,
 * - an enum without fields becomes its variant name (`"Ongoing"`), one with fields
 *   `{ kind: "Amount", 0: 5n }` / `{ kind: "Pyth", feed_id: [...] }`,
 * - `Option<T>` becomes `T | null`; structs keep the IDL's (the Rust source's) snake_case names.
 *
 * The IDL is the raw JSON (not the camelCased one `Program` builds), so field and event names are
 * exactly those of `programs/contract-insurance/src/events.rs` and `state/`.
 */
import { BorshCoder, type Idl } from "@anchor-lang/core";
import { PublicKey } from "@solana/web3.js";

import idlJson from "../../idl/contract_insurance.json";

export const IDL = idlJson as unknown as Idl;
export const PROGRAM_ID = new PublicKey(idlJson.address);

/** `anchor_lang::event::EVENT_IX_TAG_LE`: the first 8 bytes of every `emit_cpi!` instruction. */
export const EVENT_IX_TAG = Buffer.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);

type IdlType =
  | string
  | { defined: { name: string } }
  | { option: IdlType }
  | { vec: IdlType }
  | { array: [IdlType, number] };

interface IdlTypeDef {
  name: string;
  type:
    | { kind: "struct"; fields?: { name: string; type: IdlType }[] }
    | { kind: "enum"; variants: { name: string; fields?: (IdlType | { name: string; type: IdlType })[] }[] };
}

const TYPES = new Map<string, IdlTypeDef>(
  (idlJson.types as unknown as IdlTypeDef[]).map((definition) => [definition.name, definition]),
);

/** A normalised value (see the module comment). */
export type Plain = bigint | string | boolean | null | Plain[] | { [field: string]: Plain };

const INTEGERS = new Set(["u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "i128"]);

function toBigInt(value: unknown): bigint {
  if (typeof value === "number") return BigInt(value);
  if (typeof value === "bigint") return value;
  // bn.js (what the Borsh coder returns for 64-bit and wider integers)
  return BigInt((value as { toString(base?: number): string }).toString(10));
}

/** base-58 of public keys seen before (pools, nodes and owners repeat across events). */
const base58Cache = new Map<string, string>();

function base58Of(key: PublicKey): string {
  const bytes = key.toBuffer().toString("hex");
  let text = base58Cache.get(bytes);
  if (text === undefined) {
    text = key.toBase58();
    if (base58Cache.size > 200_000) base58Cache.clear();
    base58Cache.set(bytes, text);
  }
  return text;
}

/** Normalises `value`, decoded by the Borsh coder as IDL type `type`. */
export function normalize(type: IdlType, value: unknown): Plain {
  if (typeof type === "string") {
    if (INTEGERS.has(type)) return toBigInt(value);
    if (type === "pubkey") return base58Of(value as PublicKey);
    if (type === "bool") return Boolean(value);
    if (type === "string") return String(value);
    if (type === "bytes") return [...(value as Uint8Array)].map((byte) => BigInt(byte));
    throw new Error(`IDL type ${type} is not supported by the auditor`);
  }
  if ("option" in type) return value === null || value === undefined ? null : normalize(type.option, value);
  if ("vec" in type) return (value as unknown[]).map((item) => normalize(type.vec, item));
  if ("array" in type) return (value as unknown[]).map((item) => normalize(type.array[0], item));
  if ("defined" in type) return normalizeDefined(type.defined.name, value);
  throw new Error(`unsupported IDL type ${JSON.stringify(type)}`);
}

function normalizeDefined(name: string, value: unknown): Plain {
  const definition = TYPES.get(name);
  if (!definition) throw new Error(`IDL type ${name} not found`);
  const record = value as Record<string, unknown>;
  if (definition.type.kind === "struct") {
    const out: { [field: string]: Plain } = {};
    for (const field of definition.type.fields ?? []) out[field.name] = normalize(field.type, record[field.name]);
    return out;
  }
  const [variantName] = Object.keys(record);
  const variant = definition.type.variants.find((candidate) => candidate.name === variantName);
  if (!variant) throw new Error(`${name}: unknown variant ${variantName}`);
  if (!variant.fields || variant.fields.length === 0) return variant.name;
  const inner = record[variantName] as Record<string, unknown>;
  const out: { [field: string]: Plain } = { kind: variant.name };
  variant.fields.forEach((field, index) => {
    if (typeof field === "object" && field !== null && "name" in field) {
      out[field.name] = normalize(field.type, inner[field.name]);
    } else {
      out[String(index)] = normalize(field as IdlType, inner[String(index)]);
    }
  });
  return out;
}

const coder = new BorshCoder(IDL);

/** Every event the IDL declares (46 for this program). */
export const EVENT_NAMES: string[] = (idlJson.events as { name: string }[]).map((event) => event.name);

/**
 * Decodes the data of an inner instruction of the program if it is an `emit_cpi!` event:
 * tag `e445a52e51cb9a1d`, 8-byte event discriminator, Borsh body.
 */
export function decodeEventData(data: Buffer): { name: string; data: Record<string, Plain> } | null {
  if (data.length < 16 || !data.subarray(0, 8).equals(EVENT_IX_TAG)) return null;
  const decoded = coder.events.decode(data.subarray(8).toString("base64"));
  if (!decoded) return null;
  return { name: decoded.name, data: normalizeDefined(decoded.name, decoded.data) as Record<string, Plain> };
}

/** Decodes an account of the program by its IDL name (`Pool`, `ReferralNode`, …). */
export function decodeAccount(name: string, data: Buffer): Record<string, Plain> {
  return normalizeDefined(name, coder.accounts.decode(name, data)) as Record<string, Plain>;
}

/** The 8-byte discriminator of an account type (to tell accounts apart). */
export function accountDiscriminator(name: string): Buffer {
  const account = (idlJson.accounts as { name: string; discriminator: number[] }[]).find((a) => a.name === name);
  if (!account) throw new Error(`account ${name} not in the IDL`);
  return Buffer.from(account.discriminator);
}
