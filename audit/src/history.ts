/**
 * The program's transaction history, oldest first, with its events decoded.
 *
 * Paging is on the **program id**, not on a pool address: the program id is an account key of
 * every transaction that invokes the program (it is the instruction's program, or the callee of
 * a CPI), while several instructions never name the pool — `close_liquidation_cover` (whose event
 * carries a cover's final state), `close_policy`, `close_miner`, `stake`, `unstake`,
 * `claim_rewards` — so paging on the pool would miss events the books depend on. Events are
 * attributed to pools by their own fields afterwards.
 *
 * - `listSignatures`: `getSignaturesForAddress` pages of 1 000, newest first, back to the start of
 *   the history or to `until` (exclusive, for resuming), then reversed. Transactions that share a
 *   slot are put in block order with `getBlock(transactionDetails: "signatures")` (one call per
 *   slot holding several of the program's transactions), because an RPC node is not obliged to
 *   list them in execution order; the books snapshots depend on it.
 * - `fetchTransactions`: `getTransaction` (`json` encoding, `maxSupportedTransactionVersion: 0`)
 *   for every signature, as JSON-RPC batch requests of `batchSize` with at most `concurrency` in
 *   flight, yielded in order. Raw JSON-RPC here (and for the signatures) rather than web3.js:
 *   web3.js validates every response with superstruct, which cost more than decoding the events
 *   (README). Accounts are read through a web3.js `Connection`. Failed requests are retried with exponential backoff; a node that refuses batches is
 *   used one request at a time. Failed transactions (`meta.err`) are yielded with no events.
 */
import http from "node:http";
import https from "node:https";

import { PublicKey, type Commitment } from "@solana/web3.js";

import { decodeEventData, PROGRAM_ID } from "./idl";
import type { AuditEvent } from "./replay";

export interface RetryOptions {
  retries: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 6, baseMs: 250, maxMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An error worth retrying: network failures, HTTP 429 / 5xx, node-side "not available yet". */
export class TransientError extends Error {}

/** Runs `fn`, retrying `TransientError`s (and network errors) with exponential backoff and jitter. */
export async function withRetry<T>(
  label: string,
  fn: () => Promise<T>,
  options: RetryOptions,
  log: (line: string) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt >= options.retries) throw err;
      const delay = Math.round(Math.min(options.maxMs, options.baseMs * 2 ** attempt) * (0.8 + 0.4 * Math.random()));
      log(`${label}: ${firstLine(err)}; retry ${attempt + 1}/${options.retries} in ${delay} ms`);
      await sleep(delay);
    }
  }
}

function isTransient(err: unknown): boolean {
  if (err instanceof TransientError) return true;
  const text = firstLine(err);
  return /fetch failed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|timeout|429|50[0-9]|Too Many Requests|Service Unavailable/i.test(
    text,
  );
}

export function firstLine(err: unknown): string {
  return String((err as { message?: unknown })?.message ?? err).split("\n")[0];
}

/** JSON-RPC error codes a node returns for data it does not have *yet* (or is behind on). */
const RETRYABLE_RPC_CODES = new Set([-32004, -32005, -32007, -32009, -32014, -32016]);

interface JsonRpcResponse {
  id: number;
  result?: unknown;
  error?: { code: number; message: string };
}

/**
 * A minimal JSON-RPC client over keep-alive HTTP(S), with batches. At most `maxInFlight` HTTP requests are
 * open at a time, whether they carry a batch or a single call (a node that refuses batches gets
 * the same bounded load one call at a time).
 */
export class Rpc {
  private nextId = 1;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  /** Set when the node refuses batch requests; then every call goes alone. */
  batchesRefused = false;
  requests = 0;

  constructor(
    readonly url: string,
    readonly retry: RetryOptions = DEFAULT_RETRY,
    readonly log: (line: string) => void = () => {},
    readonly maxInFlight = 8,
  ) {}

  private agent: http.Agent | null = null;

  /** One HTTP POST over a keep-alive connection (node:http: ~2.5× the requests per second of fetch). */
  private request(body: string): Promise<{ status: number; text: string }> {
    const url = new URL(this.url);
    const secure = url.protocol === "https:";
    this.agent ??= secure
      ? new https.Agent({ keepAlive: true, maxSockets: this.maxInFlight })
      : new http.Agent({ keepAlive: true, maxSockets: this.maxInFlight });
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method: "POST",
          agent: this.agent!,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          timeout: 60_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", reject);
      request.end(body);
    });
  }

  private async post(body: unknown): Promise<unknown> {
    while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight += 1;
    try {
      this.requests += 1;
      let response: { status: number; text: string };
      try {
        response = await this.request(JSON.stringify(body));
      } catch (err) {
        throw new TransientError(`${firstLine(err)} (${(err as { code?: string })?.code ?? "network"})`);
      }
      const { status, text } = response;
      if (status === 429 || status >= 500) throw new TransientError(`HTTP ${status}: ${text.slice(0, 200)}`);
      if (status < 200 || status >= 300) throw new Error(`HTTP ${status}: ${text.slice(0, 200)}`);
      return JSON.parse(text);
    } finally {
      this.inFlight -= 1;
      this.waiting.shift()?.();
    }
  }

  /** Closes the keep-alive connections. */
  close(): void {
    this.agent?.destroy();
    this.agent = null;
  }

  private refuseBatches(reason: string): void {
    if (!this.batchesRefused) this.log(`the node refuses batch requests (${reason}); sending one call per request`);
    this.batchesRefused = true;
  }

  /** One call; retried while the failure is transient. */
  async call<T>(method: string, params: unknown[]): Promise<T> {
    return withRetry(
      method,
      async () => {
        const response = (await this.post({ jsonrpc: "2.0", id: this.nextId++, method, params })) as JsonRpcResponse;
        if (response.error) {
          const message = `${method}: ${response.error.message} (${response.error.code})`;
          if (RETRYABLE_RPC_CODES.has(response.error.code)) throw new TransientError(message);
          throw new Error(message);
        }
        return response.result as T;
      },
      this.retry,
      this.log,
    );
  }

  /**
   * The same method for many parameter lists, as one batch request; results in order. Items the
   * node answered with a retryable error, or with `null` when `retryNull`, are asked again.
   */
  async batch<T>(method: string, paramsList: unknown[][], retryNull = false): Promise<T[]> {
    const results: (T | undefined)[] = new Array(paramsList.length);
    let pending = paramsList.map((_, index) => index);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) {
        if (attempt > this.retry.retries) {
          throw new Error(`${method}: no answer for ${pending.length} item(s) after ${this.retry.retries} retries`);
        }
        const delay = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempt - 1));
        this.log(`${method}: ${pending.length} item(s) not available yet; retry ${attempt}/${this.retry.retries} in ${delay} ms`);
        await sleep(delay);
      }
      const answers = await this.send(method, pending.map((index) => paramsList[index]));
      const still: number[] = [];
      answers.forEach((answer, position) => {
        const index = pending[position];
        if (answer.error) {
          if (RETRYABLE_RPC_CODES.has(answer.error.code)) still.push(index);
          else throw new Error(`${method}: ${answer.error.message} (${answer.error.code})`);
        } else if (answer.result === null && retryNull) {
          still.push(index);
        } else {
          results[index] = answer.result as T;
        }
      });
      pending = still;
    }
    return results as T[];
  }

  private async send(method: string, paramsList: unknown[][]): Promise<JsonRpcResponse[]> {
    if (paramsList.length === 1 || this.batchesRefused) {
      return Promise.all(
        paramsList.map((params) =>
          withRetry(method, async () => (await this.post({ jsonrpc: "2.0", id: this.nextId++, method, params })) as JsonRpcResponse, this.retry, this.log),
        ),
      );
    }
    const requests = paramsList.map((params) => ({ jsonrpc: "2.0", id: this.nextId++, method, params }));
    let answer: unknown;
    try {
      answer = await withRetry(`${method} ×${requests.length}`, () => this.post(requests), this.retry, this.log);
    } catch (err) {
      if (isTransient(err)) throw err;
      this.refuseBatches(firstLine(err));
      return this.send(method, paramsList);
    }
    if (!Array.isArray(answer)) {
      this.refuseBatches(firstLine((answer as JsonRpcResponse)?.error?.message ?? "no array"));
      return this.send(method, paramsList);
    }
    const byId = new Map((answer as JsonRpcResponse[]).map((item) => [item.id, item]));
    return requests.map((request) => byId.get(request.id) ?? { id: request.id, error: { code: -32005, message: "missing from batch answer" } });
  }
}

export interface SignatureInfo {
  signature: string;
  slot: number;
  failed: boolean;
}

/**
 * Every signature of `address` newer than `until` (all when null), **oldest first**, with
 * transactions of one slot in block order.
 */
export async function listSignatures(
  rpc: Rpc,
  address: PublicKey,
  options: { until?: string | null; commitment: Commitment; blockOrder: boolean; onPage?: (listed: number) => void },
): Promise<SignatureInfo[]> {
  const pages: { signature: string; slot: number; err: unknown }[][] = [];
  let before: string | undefined;
  let listed = 0;
  for (;;) {
    const page = await rpc.call<{ signature: string; slot: number; err: unknown }[]>("getSignaturesForAddress", [
      address.toBase58(),
      { before, until: options.until ?? undefined, limit: 1000, commitment: options.commitment },
    ]);
    if (page.length === 0) break;
    pages.push(page);
    listed += page.length;
    options.onPage?.(listed);
    before = page[page.length - 1].signature;
    if (page.length < 1000) break;
  }
  const newestFirst = pages.flat();
  // Pages can overlap if the node's view moved between calls: keep the first sighting.
  const seen = new Set<string>();
  const oldestFirst: SignatureInfo[] = [];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const info = newestFirst[i];
    if (seen.has(info.signature)) continue;
    seen.add(info.signature);
    oldestFirst.push({ signature: info.signature, slot: info.slot, failed: info.err !== null && info.err !== undefined });
  }
  oldestFirst.sort((a, b) => a.slot - b.slot); // stable: keeps the node's order within a slot
  if (options.blockOrder) await orderWithinSlots(rpc, oldestFirst, options.commitment);
  return oldestFirst;
}

/** Puts the transactions of each slot that holds several in the order of the block. */
async function orderWithinSlots(rpc: Rpc, signatures: SignatureInfo[], commitment: Commitment): Promise<void> {
  const bySlot = new Map<number, SignatureInfo[]>();
  for (const info of signatures) {
    const group = bySlot.get(info.slot);
    if (group) group.push(info);
    else bySlot.set(info.slot, [info]);
  }
  const shared = [...bySlot.entries()].filter(([, group]) => group.length > 1);
  if (shared.length === 0) return;
  const config = { encoding: "json", transactionDetails: "signatures", rewards: false, maxSupportedTransactionVersion: 0, commitment };
  for (let start = 0; start < shared.length; start += 20) {
    const chunk = shared.slice(start, start + 20);
    const blocks = await rpc.batch<{ signatures?: string[] } | null>(
      "getBlock",
      chunk.map(([slot]) => [slot, config]),
    );
    chunk.forEach(([, group], i) => {
      const order = blocks[i]?.signatures;
      if (!order) return; // no block (pruned): keep the node's order
      const position = new Map(order.map((signature, index) => [signature, index]));
      group.sort((a, b) => (position.get(a.signature) ?? Infinity) - (position.get(b.signature) ?? Infinity));
    });
  }
  // Write the groups back in slot order.
  let index = 0;
  for (const [, group] of [...bySlot.entries()].sort((a, b) => a[0] - b[0])) {
    for (const info of group) signatures[index++] = info;
  }
}

/** A transaction of the history with the program's events, in execution order. */
export interface HistoryTransaction {
  signature: string;
  slot: number;
  failed: boolean;
  events: AuditEvent[];
}

interface RawTransaction {
  slot: number;
  transaction: { message: { accountKeys: string[] } };
  meta: {
    err: unknown;
    loadedAddresses?: { writable: string[]; readonly: string[] };
    innerInstructions?: { index: number; instructions: { programIdIndex: number; accounts: number[]; data: string }[] }[];
  } | null;
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const BASE58_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE58.length; i++) BASE58_VALUE[BASE58.charCodeAt(i)] = i;
const CHUNK = 8; // 58^8 < 2^53: a chunk's value is exact in a double
const BIG_58_POW = Array.from({ length: CHUNK + 1 }, (_, i) => 58n ** BigInt(i));

/**
 * Base-58 decoding through `BigInt`, eight digits at a time: near-linear where the usual
 * byte-by-byte decoder is quadratic (it was the largest cost of decoding events).
 */
export function base58Decode(text: string): Buffer {
  let zeros = 0;
  while (zeros < text.length && text.charCodeAt(zeros) === 49 /* '1' */) zeros++;
  let value = 0n;
  for (let i = zeros; i < text.length; i += CHUNK) {
    const end = Math.min(i + CHUNK, text.length);
    let chunk = 0;
    for (let j = i; j < end; j++) {
      const code = text.charCodeAt(j);
      const digit = code < 128 ? BASE58_VALUE[code] : -1;
      if (digit < 0) throw new Error(`invalid base-58 character in ${text.slice(0, 16)}…`);
      chunk = chunk * 58 + digit;
    }
    value = value * BIG_58_POW[end - i] + BigInt(chunk);
  }
  const hex = value === 0n ? "" : value.toString(16);
  const body = Buffer.from(hex.length % 2 ? `0${hex}` : hex, "hex");
  return zeros === 0 ? body : Buffer.concat([Buffer.alloc(zeros), body]);
}

const EVENT_AUTHORITY = PublicKey.findProgramAddressSync([Buffer.from("__event_authority")], PROGRAM_ID)[0].toBase58();

/**
 * The program's `emit_cpi!` events in a `getTransaction` result (`json` encoding): inner
 * instructions of the program whose first account is its event authority (only the program can
 * sign for it, so nobody else can forge an event) and whose data starts with the event tag.
 */
export function eventsOfTransaction(signature: string, tx: RawTransaction, programId = PROGRAM_ID.toBase58()): AuditEvent[] {
  const meta = tx.meta;
  if (!meta || meta.err !== null || !meta.innerInstructions) return [];
  const keys = [
    ...tx.transaction.message.accountKeys,
    ...(meta.loadedAddresses?.writable ?? []),
    ...(meta.loadedAddresses?.readonly ?? []),
  ];
  const programIndex = keys.indexOf(programId);
  const authorityIndex = keys.indexOf(EVENT_AUTHORITY);
  if (programIndex < 0 || authorityIndex < 0) return [];
  const events: AuditEvent[] = [];
  const groups = [...meta.innerInstructions].sort((a, b) => a.index - b.index);
  for (const group of groups) {
    for (const ix of group.instructions) {
      if (ix.programIdIndex !== programIndex || ix.accounts[0] !== authorityIndex) continue;
      const decoded = decodeEventData(base58Decode(ix.data));
      if (decoded) events.push({ ...decoded, signature, slot: tx.slot, index: events.length });
    }
  }
  return events;
}

/**
 * Fetches `signatures` (oldest first) and yields them in the same order with their events, keeping
 * at most `concurrency` batch requests of `batchSize` in flight.
 */
export async function* fetchTransactions(
  rpc: Rpc,
  signatures: SignatureInfo[],
  options: { batchSize: number; concurrency: number; commitment: Commitment },
): AsyncGenerator<HistoryTransaction> {
  const config = { encoding: "json", maxSupportedTransactionVersion: 0, commitment: options.commitment };
  const batches: SignatureInfo[][] = [];
  for (let start = 0; start < signatures.length; start += options.batchSize) {
    batches.push(signatures.slice(start, start + options.batchSize));
  }
  const fetchBatch = async (batch: SignatureInfo[]): Promise<HistoryTransaction[]> => {
    // Failed transactions carry no events: no need to fetch them.
    const wanted = batch.filter((info) => !info.failed);
    const raw = await rpc.batch<RawTransaction | null>("getTransaction", wanted.map((info) => [info.signature, config]), true);
    const bySignature = new Map(wanted.map((info, i) => [info.signature, raw[i]]));
    return batch.map((info) => {
      const tx = bySignature.get(info.signature);
      if (!tx) return { signature: info.signature, slot: info.slot, failed: true, events: [] };
      return {
        signature: info.signature,
        slot: tx.slot,
        failed: tx.meta?.err !== null && tx.meta?.err !== undefined,
        events: eventsOfTransaction(info.signature, tx),
      };
    });
  };
  const inflight: Promise<HistoryTransaction[]>[] = [];
  let next = 0;
  const launch = () => {
    while (inflight.length < options.concurrency && next < batches.length) {
      const promise = fetchBatch(batches[next++]);
      promise.catch(() => {}); // surfaced when awaited, in order
      inflight.push(promise);
    }
  };
  launch();
  while (inflight.length > 0) {
    const done = await inflight.shift()!;
    launch();
    yield* done;
  }
}
