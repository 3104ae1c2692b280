/**
 * One audit: load or start the replay state, list the program's history after it, fetch and
 * replay it, read the accounts, compare, report. `main.ts` is the command line around this.
 */
import { Connection, type Commitment } from "@solana/web3.js";

import { addressesToRead, comparePool, readAccounts, type ChainSnapshot } from "./compare";
import { fetchTransactions, listSignatures, Rpc, DEFAULT_RETRY, type RetryOptions, type SignatureInfo } from "./history";
import { PROGRAM_ID } from "./idl";
import { emptyState, Replayer, type ReplayState } from "./replay";
import type { Report } from "./report";
import { loadState, saveState } from "./state";

export interface AuditOptions {
  url: string;
  /** Only these pools; all pools in the history when empty. */
  pools: string[];
  /** Resume after this signature: the state file must have been saved there. */
  since: string | null;
  /** Load the replay state from here (if it exists) and save it back. */
  stateFile: string | null;
  commitment: Commitment;
  /** `getTransaction` calls per JSON-RPC batch; HTTP requests in flight. */
  batchSize: number;
  concurrency: number;
  /** Progress line every this many transactions (0: none). */
  progressEvery: number;
  /** Save the state every this many transactions (at a slot boundary) when `stateFile` is set. */
  checkpointEvery: number;
  blockOrder: boolean;
  retry: RetryOptions;
  log: (line: string) => void;
}

export const DEFAULTS: Omit<AuditOptions, "url" | "log"> = {
  pools: [],
  since: null,
  stateFile: null,
  commitment: "confirmed",
  batchSize: 25,
  concurrency: 8,
  progressEvery: 1000,
  checkpointEvery: 5000,
  blockOrder: true,
  retry: DEFAULT_RETRY,
};

/** A usage problem (exit status 2 without a stack trace). */
export class UsageError extends Error {}

export async function runAudit(options: AuditOptions): Promise<Report> {
  const started = performance.now();
  const { log } = options;
  const connection = new Connection(options.url, { commitment: options.commitment, disableRetryOnRateLimit: true });
  const rpc = new Rpc(options.url, options.retry, log, options.concurrency);
  const filter = options.pools.length > 0 ? [...options.pools].sort() : null;

  let state: ReplayState | null = options.stateFile ? loadState(options.stateFile) : null;
  if (options.since) {
    if (!state) throw new UsageError(`--since needs the state saved at that signature (--state <file>)`);
    if (state.last_signature !== options.since) {
      throw new UsageError(`--since ${options.since}: the state file was saved after ${state.last_signature ?? "no transaction"}`);
    }
  }
  if (state) {
    if (state.program !== PROGRAM_ID.toBase58()) throw new UsageError(`the state file is for program ${state.program}`);
    if (filter && JSON.stringify(filter) !== JSON.stringify(state.filter)) {
      throw new UsageError(`the state file audits ${state.filter ? state.filter.join(", ") : "every pool"}, not ${filter.join(", ")}`);
    }
  }
  const resumedFrom = state?.last_signature ?? null;
  state ??= emptyState(PROGRAM_ID.toBase58(), filter);
  const replayer = new Replayer(state);

  const run = { transactions: 0, failed: 0, events: 0 };
  let sinceCheckpoint = 0;
  const replaySignatures = async (signatures: SignatureInfo[]) => {
    let lastProgress = performance.now();
    let index = 0;
    for await (const tx of fetchTransactions(rpc, signatures, options)) {
      replayer.beginTransaction(tx.signature, tx.slot);
      for (const event of tx.events) replayer.apply(event);
      run.transactions += 1;
      run.events += tx.events.length;
      if (tx.failed) run.failed += 1;
      sinceCheckpoint += 1;
      index += 1;
      const slotEnds = index === signatures.length || signatures[index].slot !== tx.slot;
      if (options.stateFile && slotEnds && sinceCheckpoint >= options.checkpointEvery) {
        saveState(options.stateFile, state!);
        sinceCheckpoint = 0;
      }
      if (options.progressEvery > 0 && run.transactions % options.progressEvery === 0) {
        const now = performance.now();
        const rate = run.transactions / ((now - started) / 1000);
        log(
          `${run.transactions}/${signatures.length} transactions, ${run.events} events, slot ${tx.slot}, ` +
            `${rate.toFixed(0)} tx/s overall (${(options.progressEvery / ((now - lastProgress) / 1000)).toFixed(0)} tx/s lately)`,
        );
        lastProgress = now;
      }
    }
  };
  const newSignatures = async () => {
    const listed = await listSignatures(rpc, PROGRAM_ID, {
      until: state!.last_signature,
      commitment: options.commitment,
      blockOrder: options.blockOrder,
      onPage: (count) => {
        if (count % 10_000 === 0) log(`listed ${count} signatures`);
      },
    });
    // A slot is replayed whole; anything at or before the last replayed slot is already in.
    return listed.filter((info) => info.slot > state!.last_slot || state!.last_signature === null);
  };

  const phases = { list_seconds: 0, replay_seconds: 0, accounts_seconds: 0 };
  let mark = performance.now();
  const lap = (phase: keyof typeof phases) => {
    const now = performance.now();
    phases[phase] += (now - mark) / 1000;
    mark = now;
  };
  const signatures = await newSignatures();
  lap("list_seconds");
  log(`${signatures.length} transaction(s) of the program to replay${resumedFrom ? ` after ${resumedFrom}` : ""}`);
  await replaySignatures(signatures);
  lap("replay_seconds");

  // Read the accounts; if the program moved meanwhile, replay what is new and read again, so the
  // accounts and the history describe the same slot.
  const pools = (filter ?? Object.keys(state.pools).sort()).filter((pool) => state!.pools[pool] || filter);
  let snapshot: ChainSnapshot | null = null;
  for (let round = 0; round < 5; round++) {
    snapshot = await readAccounts(connection, addressesToRead(state, pools), options.commitment, 4, options.retry, log);
    lap("accounts_seconds");
    const later = await newSignatures();
    lap("list_seconds");
    if (later.length === 0) break;
    log(`${later.length} new transaction(s) while reading the accounts; replaying them and reading again`);
    await replaySignatures(later);
    lap("replay_seconds");
    snapshot = null;
  }
  rpc.close();
  if (!snapshot) throw new Error("the program's history kept moving while the accounts were read (5 rounds); try again");
  if (options.stateFile) saveState(options.stateFile, state);

  const poolReports = pools.map((pool) => {
    const books = state!.pools[pool];
    if (!books) {
      return null;
    }
    return comparePool(state!, books, snapshot!);
  });
  const missing = pools.filter((_, i) => poolReports[i] === null);
  const reports = poolReports.filter((report) => report !== null);
  const selected = new Set(reports.map((report) => report.pool));
  const otherIssues = state.issues.filter((issue) => issue.pool === null || !selected.has(issue.pool));
  for (const pool of missing) {
    otherIssues.push({
      kind: "history",
      pool,
      entity: "pool",
      field: "PoolInitialized",
      expected: "the pool's creation in the program's history",
      actual: "not found",
      cause: null,
    });
  }
  const mismatches = reports.reduce((sum, report) => sum + report.issues.length, 0) + otherIssues.length;
  const seconds = (performance.now() - started) / 1000;
  return {
    program: PROGRAM_ID.toBase58(),
    pools: reports,
    other_issues: otherIssues,
    notes: [...state.notes],
    history: {
      transactions: state.transactions,
      events: state.events,
      first_signature: state.first_signature,
      last_signature: state.last_signature,
      last_slot: state.last_slot,
      passive_events: Object.fromEntries(Object.entries(state.passive_events).sort(([a], [b]) => a.localeCompare(b))),
    },
    mismatches,
    clean: mismatches === 0,
    run: {
      url: options.url,
      commitment: options.commitment,
      transactions: run.transactions,
      failed_transactions: run.failed,
      events: run.events,
      seconds,
      transactions_per_second: run.transactions / seconds,
      replay_transactions_per_second: phases.replay_seconds > 0 ? run.transactions / phases.replay_seconds : 0,
      ...phases,
      rpc_requests: rpc.requests,
      resumed_from: resumedFrom,
      account_slot: snapshot.maxSlot,
    },
  };
}
