/**
 * The keeper: the "anyone" role of the program (SPEC §1). Each round it
 * 1. settles Active policies whose window has ended (passing every open attached position with
 *    its market and oracle),
 * 2. issues compensation for Compensating policies (with the owner's uplines for the rebates),
 * 3. finalises liquidation claims still UnderReview after their review deadline.
 *
 * It is idempotent: work is found from chain state every round, and a program answer meaning
 * "someone already did it" (PolicyNotActive, PolicyNotCompensating, ClaimNotUnderReview) counts as
 * done. Two keepers can run at once: the program pays each policy and claim at most once, and the
 * loser of a race gets one of those answers. Transient RPC failures are retried with exponential
 * backoff; a failing item is logged and retried next round; nothing here throws out of `run`.
 */
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";

import {
  CipClient,
  defaultOracle,
  eventNamed,
  keysOf,
  programErrorOf,
  variant,
  type CipErrorName,
  type Payer,
  type PoolKeys,
  type Receipt,
} from "@contract-insurance/sdk";

import { DEFAULT_RETRY, backoffDelay, firstLine, sleep, withRetry, type RetryOptions } from "./retry";

export * from "./retry";

/** Program answers that mean the work item is already done (by this keeper or another). */
export const ALREADY_DONE: CipErrorName[] = ["PolicyNotActive", "PolicyNotCompensating", "ClaimNotUnderReview"];

export type Action = "settle" | "compensate" | "finalize";

export interface ActionResult {
  action: Action;
  target: string;
  outcome: "done" | "already-done" | "failed";
  signature?: string;
  detail: string;
}

export interface RoundReport {
  startedAt: number;
  clusterTime: number;
  pools: number;
  results: ActionResult[];
}

export interface KeeperOptions {
  client: CipClient;
  payer: Payer;
  /** Only these pools (default: every pool of the program). */
  pools?: PublicKey[];
  /** Oracle account per market for Pyth-priced markets (`market base58 → account`). */
  oracleOverrides?: Map<string, PublicKey>;
  retry?: RetryOptions;
  log?: (line: string) => void;
}

export function count(report: RoundReport, outcome: ActionResult["outcome"], action?: Action): number {
  return report.results.filter((r) => r.outcome === outcome && (!action || r.action === action)).length;
}

export class Keeper {
  private readonly client: CipClient;
  private readonly retry: RetryOptions;
  private readonly log: (line: string) => void;

  constructor(private readonly options: KeeperOptions) {
    this.client = options.client;
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.log = options.log ?? ((line) => console.log(`${new Date().toISOString()} ${line}`));
  }

  private rpc<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return withRetry(label, fn, this.retry, this.log);
  }

  /** One pass over all due work. Throws only if the chain cannot be read at all (after retries). */
  async runOnce(): Promise<RoundReport> {
    const startedAt = Date.now();
    const now = await this.rpc("getAccountInfo(Clock)", () => this.client.clusterTime());
    const pools =
      this.options.pools ??
      (await this.rpc("getProgramAccounts(Pool)", () => this.client.pools())).map((pool) => pool.publicKey);
    const report: RoundReport = { startedAt, clusterTime: now, pools: pools.length, results: [] };
    for (const pool of pools) {
      const state = await this.rpc(`getAccountInfo(pool ${short(pool)})`, () => this.client.fetch.pool(pool));
      const keys = keysOf(pool, state);
      await this.settleExpired(keys, now, report);
      await this.compensate(keys, report);
      await this.finalizeClaims(keys, now, report);
    }
    return report;
  }

  /**
   * Runs rounds every `intervalMs` until `signal` aborts. A round that cannot read the chain is
   * logged and followed by an exponentially growing pause (up to `retry.maxMs`).
   */
  async run(intervalMs: number, signal?: AbortSignal): Promise<void> {
    let failedRounds = 0;
    while (!signal?.aborted) {
      let pause = intervalMs;
      try {
        const report = await this.runOnce();
        failedRounds = 0;
        this.log(summary(report));
      } catch (err) {
        pause = Math.max(intervalMs, backoffDelay(failedRounds, this.retry));
        failedRounds++;
        this.log(`round failed (${failedRounds} in a row): ${firstLine(err)}; next round in ${pause} ms`);
      }
      await sleep(pause, signal);
    }
  }

  // --- the three kinds of work -----------------------------------------------------------------

  private async settleExpired(keys: PoolKeys, now: number, report: RoundReport): Promise<void> {
    const active = await this.rpc("getProgramAccounts(Policy active)", () => this.client.policies(keys.pool, "active"));
    const due = active.filter(({ account }) => account.end.toNumber() < now);
    for (const { publicKey: policy, account } of due) {
      const target = `policy ${short(policy)} of ${short(account.owner)}`;
      await this.attempt(report, "settle", target, async () => {
        const oracleFor = defaultOracle(this.options.oracleOverrides);
        return this.client.settlePolicy({ keeper: this.options.payer.publicKey, policy, oracleFor });
      }, (receipt) => {
        const event = eventNamed(receipt.events, "policySettled");
        return `${variant(event.status)}${variant(event.outcome) === "expired" ? " (expired, no payout)" : ""}, loss ${event.loss} vs trigger ${event.trigger}, ${event.valuations.length} position(s)`;
      });
    }
  }

  private async compensate(keys: PoolKeys, report: RoundReport): Promise<void> {
    const compensating = await this.rpc("getProgramAccounts(Policy compensating)", () =>
      this.client.policies(keys.pool, "compensating"),
    );
    for (const { publicKey: policy, account } of compensating) {
      const target = `policy ${short(policy)} of ${short(account.owner)}`;
      await this.attempt(report, "compensate", target, () =>
        this.client.issueCompensation({ keeper: this.options.payer.publicKey, keys, policy }),
      (receipt) => {
        const event = eventNamed(receipt.events, "compensationIssued");
        return `${event.credits} credits to ${short(event.creditAccount)}, rebates ${event.totalRebates} over ${event.rebates.length} upline(s)`;
      });
    }
  }

  private async finalizeClaims(keys: PoolKeys, now: number, report: RoundReport): Promise<void> {
    const underReview = await this.rpc("getProgramAccounts(LiquidationCover under review)", () =>
      this.client.covers(keys.pool, "underReview"),
    );
    const due = underReview.filter(({ account }) => account.reviewDeadline.toNumber() < now);
    for (const { publicKey: cover, account } of due) {
      const target = `claim ${short(cover)} of ${short(account.owner)}`;
      await this.attempt(report, "finalize", target, async () =>
        this.client.ix.finalizeClaim({ keeper: this.options.payer.publicKey, pool: keys.pool, cover: { cover, owner: account.owner } }),
      (receipt) => {
        const event = eventNamed(receipt.events, "claimDecided");
        return `approved by timeout, ratio ${event.ratioBps / 100} %, compensation ${event.compensation} vesting over ${event.vestingDays} days`;
      });
    }
  }

  /** Builds (with retries), sends (with retries) and records one work item; never throws. */
  private async attempt(
    report: RoundReport,
    action: Action,
    target: string,
    build: () => Promise<TransactionInstruction>,
    describe: (receipt: Receipt) => string,
  ): Promise<void> {
    let result: ActionResult;
    try {
      const ix = await this.rpc(`${action} ${target}: build`, build);
      const receipt = await this.rpc(`${action} ${target}: send`, () =>
        this.client.sendAndDecode([ix], this.options.payer),
      );
      result = { action, target, outcome: "done", signature: receipt.signature, detail: describeSafely(describe, receipt) };
    } catch (err) {
      const info = programErrorOf(err);
      if (info?.name && (ALREADY_DONE as string[]).includes(info.name)) {
        result = { action, target, outcome: "already-done", detail: `already done (${info.name})` };
      } else {
        const reason = info ? `program error ${info.name ?? info.number}` : firstLine(err);
        result = { action, target, outcome: "failed", detail: `${reason}; will retry next round` };
      }
    }
    report.results.push(result);
    this.log(`${action} ${target}: ${result.detail}${result.signature ? ` [${result.signature}]` : ""}`);
  }
}

function describeSafely(describe: (receipt: Receipt) => string, receipt: Receipt): string {
  try {
    return describe(receipt);
  } catch (err) {
    return `done (${firstLine(err)})`;
  }
}

export function summary(report: RoundReport): string {
  const parts = (["settle", "compensate", "finalize"] as Action[]).map(
    (action) => `${action} ${count(report, "done", action)}`,
  );
  return `round at cluster time ${report.clusterTime}: ${report.pools} pool(s); ${parts.join(", ")}; already done ${count(report, "already-done")}; failed ${count(report, "failed")}; ${Date.now() - report.startedAt} ms`;
}

function short(key: PublicKey): string {
  const text = key.toBase58();
  return `${text.slice(0, 4)}…${text.slice(-4)}`;
}
