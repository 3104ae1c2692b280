/**
 * Event decoder for `emit_cpi!` events. The program emits every event as a self-CPI whose
 * instruction data is Anchor's `EVENT_IX_TAG_LE` (0x1d9acb512ea545e4, little-endian), then the
 * event's 8-byte discriminator and its Borsh body. They appear in a transaction's inner
 * instructions (`getTransaction` / `getParsedTransaction`), which explorers keep even when logs
 * are truncated; natively, `emit!` log events do not exist at all. Transactions fetched through
 * any copy of web3.js decode (program ids are compared by their bytes).
 */
import { utils } from "@anchor-lang/core";
import type {
  ParsedTransactionWithMeta,
  PartiallyDecodedInstruction,
  PublicKey,
  TransactionResponse,
  VersionedTransactionResponse,
} from "@solana/web3.js";

import { sameKey } from "./interop";
import type { CipProgram } from "./program";
import type { CipEventName, CipEvents } from "./types";

/** `anchor_lang::event::EVENT_IX_TAG_LE`. */
export const EVENT_IX_TAG = Buffer.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);

/** A decoded event: `name` is the IDL's camelCase event name. */
export type CipEvent = { [K in CipEventName]: { name: K; data: CipEvents[K] } }[CipEventName];

type AnyTransaction = VersionedTransactionResponse | TransactionResponse | ParsedTransactionWithMeta;

/** Decodes one inner instruction's data if it is one of this program's events. */
export function decodeEventData(program: CipProgram, data: Buffer): CipEvent | null {
  if (data.length < 16 || !data.subarray(0, 8).equals(EVENT_IX_TAG)) return null;
  const event = program.coder.events.decode(data.subarray(8).toString("base64"));
  return (event as CipEvent | null) ?? null;
}

/** Every event the program emitted in a transaction, in execution order. */
export function decodeEvents(program: CipProgram, tx: AnyTransaction | null | undefined): CipEvent[] {
  if (!tx?.meta?.innerInstructions) return [];
  const events: CipEvent[] = [];
  const inner = [...tx.meta.innerInstructions].sort((a, b) => a.index - b.index);
  if (isParsed(tx)) {
    for (const group of inner) {
      for (const ix of group.instructions) {
        const partial = ix as PartiallyDecodedInstruction;
        if (!partial.programId || !sameKey(partial.programId, program.programId) || typeof partial.data !== "string") continue;
        const event = decodeEventData(program, Buffer.from(utils.bytes.bs58.decode(partial.data)));
        if (event) events.push(event);
      }
    }
    return events;
  }
  const message = (tx as VersionedTransactionResponse).transaction.message;
  const keys = message.getAccountKeys({ accountKeysFromLookups: tx.meta.loadedAddresses });
  for (const group of inner) {
    for (const ix of group.instructions as { programIdIndex: number; data: string }[]) {
      const programId: PublicKey | undefined = keys.get(ix.programIdIndex);
      if (!programId || !sameKey(programId, program.programId)) continue;
      const event = decodeEventData(program, Buffer.from(utils.bytes.bs58.decode(ix.data)));
      if (event) events.push(event);
    }
  }
  return events;
}

function isParsed(tx: AnyTransaction): tx is ParsedTransactionWithMeta {
  const keys = (tx.transaction.message as { accountKeys?: unknown[] }).accountKeys;
  return Array.isArray(keys) && keys.length > 0 && typeof keys[0] === "object" && keys[0] !== null && "pubkey" in (keys[0] as object);
}

/** The events named `name`, typed. */
export function eventsNamed<K extends CipEventName>(events: CipEvent[], name: K): CipEvents[K][] {
  return events.filter((event) => event.name === name).map((event) => event.data as CipEvents[K]);
}

/** The single event named `name`; throws if there is not exactly one. */
export function eventNamed<K extends CipEventName>(events: CipEvent[], name: K): CipEvents[K] {
  const found = eventsNamed(events, name);
  if (found.length !== 1) {
    throw new Error(`expected one ${name} event, found ${found.length} (${events.map((e) => e.name).join(", ")})`);
  }
  return found[0];
}
