/**
 * Decodes the program's `emit_cpi!` events from a transaction fetched with Kit's `getTransaction`
 * (`json`, `jsonParsed` or `base64` encoding). Each event is a self-invocation recorded in the
 * transaction's inner instructions: an instruction to this program whose data is Anchor's event
 * tag `EVENT_IX_TAG_LE` (e4 45 a5 2e 51 cb 9a 1d), the event's 8-byte discriminator and its Borsh
 * body. The codecs and the discriminator table are generated (`generated/events`).
 */
import {
  getBase58Encoder,
  getBase64Encoder,
  getCompiledTransactionMessageDecoder,
  getTransactionDecoder,
  type Address,
  type ReadonlyUint8Array,
} from "@solana/kit";

import { CONTRACT_INSURANCE_EVENTS, CONTRACT_INSURANCE_PROGRAM_ADDRESS, type ContractInsuranceEvent } from "./generated";

/** `anchor_lang::event::EVENT_IX_TAG_LE`: the first 8 bytes of every `emit_cpi!` instruction. */
export const EVENT_IX_TAG = new Uint8Array([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);

/** Number of events the client decodes (the generated table; a test pins it to the IDL). */
export const EVENT_COUNT = CONTRACT_INSURANCE_EVENTS.length;

type EventName = ContractInsuranceEvent["name"];
type EventData<K extends EventName> = Extract<ContractInsuranceEvent, { name: K }>["data"];

function startsWith(data: ReadonlyUint8Array, prefix: ReadonlyUint8Array, offset = 0): boolean {
  if (data.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (data[offset + i] !== prefix[i]) return false;
  return true;
}

/**
 * Decodes one instruction's data if it is an event of this program (event tag, then a known
 * discriminator); `null` otherwise, also for an event this client does not know (stale client).
 */
export function decodeEventData(data: ReadonlyUint8Array): ContractInsuranceEvent | null {
  if (!startsWith(data, EVENT_IX_TAG)) return null;
  const body = data.subarray(EVENT_IX_TAG.length);
  const event = CONTRACT_INSURANCE_EVENTS.find((e) => startsWith(body, e.discriminator));
  if (!event) return null;
  return { name: event.name, data: event.getDecoder().decode(body) } as ContractInsuranceEvent;
}

/** An inner instruction as `getTransaction` returns it, in any of its encodings. */
type InnerInstruction =
  | Readonly<{ programIdIndex: number; data: string }>
  | Readonly<{ programId: Address; data: string }>
  | Readonly<{ programId: Address; parsed: unknown }>;

/** The parts of a `getTransaction` result the decoder reads (`json`, `jsonParsed` or `base64`). */
export type TransactionWithInnerInstructions = Readonly<{
  transaction:
    | Readonly<{ message: Readonly<{ accountKeys: readonly (Address | Readonly<{ pubkey: Address }>)[] }> }>
    | readonly [string, "base64"];
  meta: Readonly<{
    innerInstructions?: readonly Readonly<{ index: number; instructions: readonly InnerInstruction[] }>[] | null;
    loadedAddresses?: Readonly<{ writable: readonly Address[]; readonly: readonly Address[] }>;
  }> | null;
}>;

/** Static account keys, then the lookup tables' writable and read-only addresses (v0). */
function accountKeys(tx: TransactionWithInnerInstructions): Address[] {
  let keys: Address[];
  if (Array.isArray(tx.transaction)) {
    const [encoded] = tx.transaction as readonly [string, "base64"];
    const { messageBytes } = getTransactionDecoder().decode(getBase64Encoder().encode(encoded));
    keys = [...getCompiledTransactionMessageDecoder().decode(messageBytes).staticAccounts];
  } else {
    const { message } = tx.transaction as Exclude<TransactionWithInnerInstructions["transaction"], readonly [string, "base64"]>;
    keys = message.accountKeys.map((key) => (typeof key === "string" ? key : key.pubkey));
  }
  const loaded = tx.meta?.loadedAddresses;
  return loaded ? [...keys, ...loaded.writable, ...loaded.readonly] : keys;
}

/**
 * Every event `programAddress` emitted in a transaction, in execution order. Pass the result of
 * `rpc.getTransaction(signature, { maxSupportedTransactionVersion: 0, encoding })`.
 */
export function decodeEvents(
  tx: TransactionWithInnerInstructions | null,
  programAddress: Address = CONTRACT_INSURANCE_PROGRAM_ADDRESS,
): ContractInsuranceEvent[] {
  const groups = tx?.meta?.innerInstructions;
  if (!tx || !groups) return [];
  let keys: Address[] | undefined;
  const events: ContractInsuranceEvent[] = [];
  for (const group of [...groups].sort((a, b) => a.index - b.index)) {
    for (const ix of group.instructions) {
      if (!("data" in ix)) continue; // parsed: another program's instruction (jsonParsed)
      const program = "programId" in ix ? ix.programId : (keys ??= accountKeys(tx))[ix.programIdIndex];
      if (program !== programAddress) continue;
      const event = decodeEventData(getBase58Encoder().encode(ix.data));
      if (event) events.push(event);
    }
  }
  return events;
}

/** The events named `name`, typed. */
export function eventsNamed<K extends EventName>(events: readonly ContractInsuranceEvent[], name: K): EventData<K>[] {
  return events.filter((event) => event.name === name).map((event) => event.data as EventData<K>);
}

/** The single event named `name`; throws if there is not exactly one. */
export function eventNamed<K extends EventName>(events: readonly ContractInsuranceEvent[], name: K): EventData<K> {
  const found = eventsNamed(events, name);
  if (found.length !== 1) {
    throw new Error(`expected one ${name} event, found ${found.length} (${events.map((e) => e.name).join(", ")})`);
  }
  return found[0];
}
