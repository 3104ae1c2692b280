/**
 * The keeper: the "anyone" role of the program (SPEC §1). Each round, per pool, it
 * 1. records Pyth observations: for every Pyth market in which an Active policy has an exposure
 *    whose window is still open for prices, the market's Pyth push-oracle price-feed account
 *    (shard 0 of the market's feed id) is recorded into the market's feed when it holds a fresh
 *    print newer than the feed's latest by the pool's spacing;
 * 2. settles Active policies whose settlement has opened (`end` + the policy's staleness + the
 *    pool's staleness), in batches of `(policy exposure, mark-price feed)` pairs that fit a legacy
 *    transaction (or `batchSize`), one transaction per batch;
 * 3. issues compensation for Compensating policies (with the owner's uplines for the rebates);
 * 4. finalises liquidation claims still UnderReview after their review deadline;
 * 5. closes everything closable, rent back to whoever paid it: exposures of finished policies
 *    (valued, or the policy finished without them), Completed policies with every exposure closed,
 *    finished liquidation covers, market exposures without ongoing covers, empty miners.
 *
 * It is idempotent: work is found from chain state every round, and a program answer meaning
 * "someone already did it" (see `ALREADY_DONE`) counts as done. Two keepers can run at once: the
 * program pays, values and closes each thing at most once, and the loser of a race gets one of
 * those answers. Transient RPC failures are retried with exponential backoff; a failing item is
 * logged and retried next round; nothing here throws out of `run`.
 */
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";

import {
  CipClient,
  eventNamed,
  eventsNamed,
  keysOf,
  latestObservation,
  pda,
  programErrorOf,
  settlementBatches,
  toPublicKey,
  variant,
  type CipErrorName,
  type MarketAccount,
  type Payer,
  type PoolAccount,
  type PoolKeys,
  type Receipt,
} from "@contract-insurance/sdk";

import { DEFAULT_RETRY, backoffDelay, firstLine, sleep, withRetry, type RetryOptions } from "./retry";

export * from "./retry";

/**
 * Program answers that mean the work item is already done (by this keeper or another): a policy
 * settled or paid, an exposure valued, a claim decided, a print already recorded, and Anchor's
 * `AccountNotInitialized` (3012) for an account another keeper closed first.
 */
export const ALREADY_DONE: string[] = [
  "PolicyNotActive",
  "PolicyNotCompensating",
  "ExposureAlreadyValued",
  "ClaimNotUnderReview",
  "ObservationNotNewer",
  "ObservationTooSoon",
  "AccountNotInitialized",
] satisfies (CipErrorName | "AccountNotInitialized")[];

export type Action = "record" | "settle" | "compensate" | "finalize" | "close";
export const ACTIONS: Action[] = ["record", "settle", "compensate", "finalize", "close"];

export interface ActionResult {
  action: Action;
  target: string;
  outcome: "done" | "already-done" | "failed";
  signature?: string;
  detail: string;
  /** For `close`: the lamports returned and to whom (from the closing event). */
  rent?: { recipient: string; lamports: bigint };
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
  /** Settlement pairs per transaction (default and maximum: 13, what fits a legacy transaction). */
  batchSize?: number;
  /** Close finished accounts (default true). */
  close?: boolean;
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

  private get payerKey(): PublicKey {
    // The payer may come from another copy of web3.js: keep this SDK's `PublicKey`.
    return toPublicKey(this.options.payer.publicKey);
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
      await this.recordPythPrices(keys, state, now, report);
      await this.settleDue(keys, now, report);
      await this.compensate(keys, report);
      await this.finalizeClaims(keys, now, report);
      if (this.options.close ?? true) await this.closeFinished(keys, report);
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

  // --- 1. Pyth observations ------------------------------------------------------------------------

  private async recordPythPrices(keys: PoolKeys, pool: PoolAccount, now: number, report: RoundReport): Promise<void> {
    const [active, exposures] = await Promise.all([
      this.rpc("getProgramAccounts(Policy active)", () => this.client.policies(keys.pool, "active")),
      this.rpc("getProgramAccounts(PolicyExposure)", () => this.client.policyExposures(keys.pool)),
    ]);
    // Markets whose prices can still matter: an Active policy's unvalued exposure whose window is
    // open for prices (until settlement opens).
    const open = new Map(
      active
        .filter(({ account }) => now < this.client.settlementOpensAt(account))
        .map(({ publicKey }) => [publicKey.toBase58(), true]),
    );
    const markets = [
      ...new Set(exposures.filter(({ account }) => !account.valued && open.has(account.policy.toBase58())).map(({ account }) => account.market.toBase58())),
    ];
    for (const marketKey of markets) {
      const market = await this.rpc(`getAccountInfo(market ${marketKey.slice(0, 4)})`, () =>
        this.client.fetch.market(new PublicKey(marketKey)),
      );
      const priceAccount = this.client.pythPriceAccountOf(market);
      if (!priceAccount) continue;
      const marketAddress = pda.market(keys.pool, market.marketId);
      const target = `${symbolOf(market)} (market ${short(marketAddress)}) from ${short(priceAccount)}`;
      const fresh = await this.rpc(`read Pyth ${target}`, () => this.freshPythPrint(marketAddress, priceAccount, pool, now));
      if (!fresh) continue;
      await this.attempt(report, "record", target, async () => [
        await this.client.ix.recordPythPrice({ recorder: this.payerKey, pool: keys.pool, market: marketAddress, priceUpdate: priceAccount }),
      ], (receipt) => {
        const event = eventNamed(receipt.events, "markPriceRecorded");
        return `recorded ${event.price} ± ${event.conf} published at ${event.publishTime}`;
      });
    }
  }

  /** Whether the Pyth account holds a fully verified print the feed would take now. */
  private async freshPythPrint(market: PublicKey, priceAccount: PublicKey, pool: PoolAccount, now: number): Promise<boolean> {
    const [update, feed] = await Promise.all([this.client.fetch.priceUpdate(priceAccount), this.client.fetch.markPriceFeed(market)]);
    if (!update || !update.verification.full) return false;
    if (update.publishTime > now || now - update.publishTime > pool.config.maxPriceStaleness) return false;
    const latest = latestObservation(feed);
    if (!latest) return true;
    return update.publishTime >= latest.publishTime.toNumber() + pool.config.minObservationSpacing;
  }

  // --- 2. settlement in batches --------------------------------------------------------------------

  private async settleDue(keys: PoolKeys, now: number, report: RoundReport): Promise<void> {
    const active = await this.rpc("getProgramAccounts(Policy active)", () => this.client.policies(keys.pool, "active"));
    const due = active.filter(({ account }) => now >= this.client.settlementOpensAt(account));
    for (const { publicKey: policy, account } of due) {
      const target = `policy ${short(policy)} of ${short(account.owner)}`;
      // Batches are rebuilt from chain state after each transaction, so a batch another keeper
      // valued first is simply skipped; a bounded number of passes keeps a round finite.
      for (let pass = 0; pass < 64; pass++) {
        const pairs = await this.rpc(`settle ${target}: pairs`, () => this.client.settlementPairs(policy));
        const batch = pairs.length === 0 ? [] : settlementBatches(pairs, this.options.batchSize)[0];
        const label = pairs.length === 0 ? target : `${target} (${batch.length} of ${pairs.length} unvalued market(s))`;
        const result = await this.attempt(report, "settle", label, async () => [
          await this.client.ix.settlePolicy({ keeper: this.payerKey, pool: keys.pool, policy, owner: account.owner, pairs: batch }),
        ], describeSettlement);
        if (result.outcome === "failed" || pairs.length === 0) break;
        if (result.outcome === "already-done" && result.detail.includes("PolicyNotActive")) break;
        const state = await this.rpc(`settle ${target}: state`, () => this.client.fetch.policy(policy));
        if (!state || variant(state.status) !== "active") break;
      }
    }
  }

  // --- 3. compensation -----------------------------------------------------------------------------

  private async compensate(keys: PoolKeys, report: RoundReport): Promise<void> {
    const compensating = await this.rpc("getProgramAccounts(Policy compensating)", () =>
      this.client.policies(keys.pool, "compensating"),
    );
    for (const { publicKey: policy, account } of compensating) {
      const target = `policy ${short(policy)} of ${short(account.owner)}`;
      await this.attempt(report, "compensate", target, async () => [
        await this.client.issueCompensation({ keeper: this.payerKey, keys, policy }),
      ], (receipt) => {
        const event = eventNamed(receipt.events, "compensationIssued");
        const where = event.deferred ? "deferred to the owner's account (claim_credits)" : `to ${short(event.creditAccount)}`;
        return `${event.credits} credits ${where}, rebates ${event.totalRebates} over ${event.rebates.length} upline(s)`;
      });
    }
  }

  // --- 4. overdue claims ---------------------------------------------------------------------------

  private async finalizeClaims(keys: PoolKeys, now: number, report: RoundReport): Promise<void> {
    const underReview = await this.rpc("getProgramAccounts(LiquidationCover under review)", () =>
      this.client.covers(keys.pool, "underReview"),
    );
    const due = underReview.filter(({ account }) => account.reviewDeadline.toNumber() < now);
    for (const { publicKey: cover, account } of due) {
      const target = `claim ${short(cover)} of ${short(account.owner)}`;
      await this.attempt(report, "finalize", target, async () => [
        await this.client.ix.finalizeClaim({ keeper: this.payerKey, keys, cover: { cover, owner: account.owner } }),
      ], (receipt) => {
        const event = eventNamed(receipt.events, "claimDecided");
        return `approved by timeout, ratio ${event.ratioBps / 100} %, compensation ${event.compensation} vesting over ${event.vestingDays} days`;
      });
    }
  }

  // --- 5. closing what is finished -----------------------------------------------------------------

  private async closeFinished(keys: PoolKeys, report: RoundReport): Promise<void> {
    const closer = this.payerKey;
    // Exposures first: a policy closes only once all of its exposures are closed.
    const [exposures, policies] = await Promise.all([
      this.rpc("getProgramAccounts(PolicyExposure)", () => this.client.policyExposures(keys.pool)),
      this.rpc("getProgramAccounts(Policy)", () => this.client.policies(keys.pool)),
    ]);
    const policyState = new Map(policies.map(({ publicKey, account }) => [publicKey.toBase58(), account]));
    for (const { publicKey: exposure, account } of exposures) {
      const policy = policyState.get(account.policy.toBase58());
      const finished = account.valued || (policy !== undefined && variant(policy.status) !== "active");
      if (!finished) continue;
      await this.close(report, `policy exposure ${short(exposure)} of policy ${short(account.policy)}`, () =>
        this.client.ix.closePolicyExposure({ closer, policy: account.policy, exposure, rentPayer: account.rentPayer }),
      );
    }
    const completed = await this.rpc("getProgramAccounts(Policy completed)", () => this.client.policies(keys.pool, "completed"));
    for (const { publicKey: policy, account } of completed) {
      if (account.exposuresClosed !== account.exposures) continue;
      await this.close(report, `policy ${short(policy)} of ${short(account.owner)} (${variant(account.outcome)})`, () =>
        this.client.ix.closePolicy({ closer, policy, owner: account.owner }),
      );
    }
    const covers = await this.rpc("getProgramAccounts(LiquidationCover completed)", () => this.client.covers(keys.pool, "completed"));
    for (const { publicKey: cover, account } of covers) {
      if (!account.refundOwed.isZero() || !account.vestedClaimed.eq(account.compensation)) continue;
      await this.close(report, `liquidation cover ${short(cover)} of ${short(account.owner)} (${variant(account.outcome)})`, () =>
        this.client.ix.closeLiquidationCover({ closer, cover, owner: account.owner }),
      );
    }
    const marketExposures = await this.rpc("getProgramAccounts(MarketExposure)", () => this.client.marketExposures(keys.pool));
    for (const { publicKey: exposure, account } of marketExposures) {
      if (account.ongoing !== 0) continue;
      await this.close(report, `market exposure ${short(exposure)} of ${short(account.owner)}`, () =>
        this.client.ix.closeMarketExposure({ closer, exposure, owner: account.owner }),
      );
    }
    const miningPool = pda.miningPool(keys.pool);
    const miningInfo = await this.rpc("getAccountInfo(mining pool)", () => this.client.connection.getAccountInfo(miningPool, "confirmed"));
    if (miningInfo) {
      const miners = await this.rpc("getProgramAccounts(Miner)", () => this.client.miners(miningPool));
      for (const { publicKey: miner, account } of miners) {
        if (!account.staked.isZero() || !account.pending.isZero()) continue;
        await this.close(report, `miner ${short(miner)} of ${short(account.owner)}`, () =>
          this.client.ix.closeMiner({ closer, miningPool, owner: account.owner }),
        );
      }
    }
  }

  private close(report: RoundReport, target: string, build: () => Promise<TransactionInstruction>): Promise<ActionResult> {
    return this.attempt(report, "close", target, async () => [await build()], (receipt, result) => {
      const closing = receipt.events.find((event) => /Closed$/.test(event.name));
      if (!closing) return "closed";
      const data = closing.data as { rentRecipient: PublicKey; lamports: { toString(): string } };
      result.rent = { recipient: data.rentRecipient.toBase58(), lamports: BigInt(data.lamports.toString()) };
      return `closed, ${data.lamports} lamports of rent to ${short(data.rentRecipient)}`;
    });
  }

  /** Builds (with retries), sends (with retries) and records one work item; never throws. */
  private async attempt(
    report: RoundReport,
    action: Action,
    target: string,
    build: () => Promise<TransactionInstruction[]>,
    describe: (receipt: Receipt, result: ActionResult) => string,
  ): Promise<ActionResult> {
    let result: ActionResult;
    try {
      const instructions = await this.rpc(`${action} ${target}: build`, build);
      const receipt = await this.rpc(`${action} ${target}: send`, () =>
        this.client.sendAndDecode(instructions, this.options.payer),
      );
      result = { action, target, outcome: "done", signature: receipt.signature, detail: "" };
      result.detail = describeSafely(describe, receipt, result);
    } catch (err) {
      const info = programErrorOf(err);
      if (info?.name && ALREADY_DONE.includes(info.name)) {
        result = { action, target, outcome: "already-done", detail: `already done (${info.name})` };
      } else {
        const reason = info ? `program error ${info.name ?? info.number}` : firstLine(err);
        result = { action, target, outcome: "failed", detail: `${reason}; will retry next round` };
      }
    }
    report.results.push(result);
    this.log(`${action} ${target}: ${result.detail}${result.signature ? ` [${result.signature}]` : ""}`);
    return result;
  }
}

function describeSettlement(receipt: Receipt): string {
  const valued = eventsNamed(receipt.events, "exposuresValued")[0];
  const settled = eventsNamed(receipt.events, "policySettled")[0];
  const marks = valued
    ? `valued ${valued.valuations.length} market(s) (${valued.exposuresValued}/${valued.exposures})`
    : "no market to value";
  if (!settled) return `${marks}; more to value`;
  const outcome = variant(settled.outcome) === "expired" ? " (expired, no payout)" : "";
  const fallback = settled.fallbackMarks > 0 ? `, ${settled.fallbackMarks} fallback mark(s)` : "";
  return `${marks} → ${variant(settled.status)}${outcome}, loss ${settled.loss} vs trigger ${settled.trigger}${fallback}`;
}

function describeSafely(describe: (receipt: Receipt, result: ActionResult) => string, receipt: Receipt, result: ActionResult): string {
  try {
    return describe(receipt, result);
  } catch (err) {
    return `done (${firstLine(err)})`;
  }
}

export function summary(report: RoundReport): string {
  const parts = ACTIONS.map((action) => `${action} ${count(report, "done", action)}`);
  return `round at cluster time ${report.clusterTime}: ${report.pools} pool(s); ${parts.join(", ")}; already done ${count(report, "already-done")}; failed ${count(report, "failed")}; ${Date.now() - report.startedAt} ms`;
}

function symbolOf(market: MarketAccount): string {
  return Buffer.from(market.params.symbol).toString("utf8").replace(/\0+$/, "");
}

function short(key: PublicKey): string {
  const text = key.toBase58();
  return `${text.slice(0, 4)}…${text.slice(-4)}`;
}
