/**
 * History of accounts that no longer exist. Every closer emits the account's final state (or, for
 * a policy exposure, its valuation) in its event, so a closed policy, cover, market exposure or
 * miner is found in the transaction that closed it: `getSignaturesForAddress` on the address
 * (newest first), then the first transaction whose closing event names it.
 */
import type { Connection, PublicKey } from "@solana/web3.js";

import { decodeEvents, type CipEvent } from "./events";
import { sameKey, toPublicKey } from "./interop";
import type { CipProgram } from "./program";
import type { CipEvents } from "./types";

/** The closing events and the field that names the closed account. */
export const CLOSING_EVENTS = {
  policyClosed: "policy",
  policyExposureClosed: "exposure",
  liquidationCoverClosed: "cover",
  marketExposureClosed: "exposure",
  minerClosed: "miner",
} as const;

export type ClosingEventName = keyof typeof CLOSING_EVENTS;

/** A closed account's closing event with where it happened. */
export interface ClosedAccount<K extends ClosingEventName> {
  address: PublicKey;
  signature: string;
  slot: number;
  blockTime: number | null;
  event: CipEvents[K];
}

/**
 * The event that closed `address` (`policyClosed`, `liquidationCoverClosed`, …), or null when no
 * transaction in the last `limit` of the address closed it (it may still be open, or the node has
 * pruned its history: explorers and archive nodes keep it).
 */
export async function findClosingEvent<K extends ClosingEventName>(
  program: CipProgram,
  connection: Connection,
  address: PublicKey,
  name: K,
  limit = 50,
): Promise<ClosedAccount<K> | null> {
  const field = CLOSING_EVENTS[name];
  const signatures = await connection.getSignaturesForAddress(toPublicKey(address), { limit }, "confirmed");
  for (const entry of signatures) {
    if (entry.err !== null) continue;
    const transaction = await connection.getTransaction(entry.signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    const event = decodeEvents(program, transaction).find(
      (candidate: CipEvent) =>
        candidate.name === name && sameKey((candidate.data as Record<string, PublicKey>)[field], address),
    );
    if (event) {
      return {
        address: toPublicKey(address),
        signature: entry.signature,
        slot: entry.slot,
        blockTime: entry.blockTime ?? null,
        event: event.data as CipEvents[K],
      };
    }
  }
  return null;
}
