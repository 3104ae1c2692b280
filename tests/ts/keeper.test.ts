/**
 * The keeper (keeper/src) against cip-validator: two keeper processes racing on the same due
 * work pay each policy and claim exactly once and both exit cleanly; a second pass is a no-op;
 * two in-process keepers racing see the program's "already done" answers and treat them as
 * success; RPC failures are retried with backoff without a crash; the long-running mode picks up
 * new work and stops on SIGTERM. Then: the keeper closes exactly what is closable, rent back to
 * whoever paid it; and it records a Pyth print (placed where the push oracle keeps it with
 * `surfnet_setAccount`) and settles a Pyth-market policy from it, with no override.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import { Keypair, PublicKey } from "@solana/web3.js";

import {
  CipClient,
  PYTH_RECEIVER_ID,
  Side,
  coverKeys,
  createMint,
  encodePriceUpdate,
  eventNamed,
  eventsNamed,
  miningKeys,
  pda,
  pythPriceFeedAccount,
  setAccount,
  variant,
  type MarketParams,
  type PolicyAccount,
  type PolicyTerms,
} from "@contract-insurance/sdk";
import { Keeper, count, isTransient, withRetry, type Action, type RoundReport } from "@contract-insurance/keeper";

import { RPC_URL, World, big, btcMarket, expectProgramError, type Trader } from "./lib/world";

const REPO = resolve(__dirname, "..", "..");
const KEEPER_MAIN = join(REPO, "keeper", "src", "main.ts");
const USD = 1_000_000n;
const BTC = 1_000_000;
const price = (whole: number) => new BN(whole).mul(new BN(1_000_000));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Starts `cip-keeper` as its own process (the command a user runs). */
function startKeeper(args: string[]): { done: Promise<Run>; stop: () => void; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", KEEPER_MAIN, ...args], {
    cwd: REPO,
    env: { ...process.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const done = new Promise<Run>((resolveRun) =>
    child.on("close", (code, signal) => resolveRun({ code, signal, output })),
  );
  return { done, stop: () => child.kill("SIGTERM"), output: () => output };
}

/** JSON of keeper reports (their rents are bigints). */
function dump(value: unknown): string {
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v), 1);
}

function countLines(output: string, pattern: RegExp): number {
  return output.split("\n").filter((line) => pattern.test(line)).length;
}

/** A policy's state: the account while it exists, else the final state its `PolicyClosed` event carries. */
async function policyState(world: World, policy: PublicKey): Promise<PolicyAccount> {
  const live = await world.client.fetch.policy(policy);
  if (live) return live;
  const closed = await world.client.closed.policy(policy);
  assert.ok(closed, `policy ${policy.toBase58()} neither exists nor was closed`);
  return closed.event.finalState as PolicyAccount;
}

describe("keeper: settles, compensates, finalises; idempotent; races; retries", () => {
  let world: World;
  let market: PublicKey;
  let referrer: Trader;
  let keyDir: string;
  const keeperKeys: { keypair: Keypair; file: string }[] = [];

  before(async () => {
    world = await World.create({ preset: "B" });
    market = await world.addMarket(1);
    referrer = await world.newTrader(null, 0);
    await world.assignLevel(referrer, 3);
    keyDir = mkdtempSync(join(tmpdir(), "cip-keeper-"));
    for (let i = 0; i < 2; i++) {
      const keypair = await world.fundedKeypair(10);
      const file = join(keyDir, `keeper-${i}.json`);
      writeFileSync(file, JSON.stringify([...keypair.secretKey]));
      keeperKeys.push({ keypair, file });
    }
  });

  after(() => rmSync(keyDir, { recursive: true, force: true }));

  /** A trader under `referrer` with a 100 USDT policy and a position; returns its policy. */
  async function insured(side: typeof Side.long, size: number, premium = 100): Promise<{ trader: Trader; policy: PublicKey }> {
    const trader = await world.newTrader(referrer, premium);
    await world.buy(trader, world.usd(premium));
    if (size > 0) {
      await world.openPosition(trader.wallet.publicKey, market, 1, {
        side,
        size: new BN(size),
        entryPrice: price(60_000),
        margin: world.usd(5_000),
      });
    }
    return { trader, policy: world.policyKey(trader.wallet.publicKey, 0) };
  }

  /** Early settlement of a short that the current mark (62,100) puts 1,050 USDT under water. */
  async function settleEarly(trader: Trader, policy: PublicKey) {
    await world.postFreshPrice(market, price(62_100));
    const owner = trader.wallet.publicKey;
    const receipt = await world.sendAs(trader.wallet, [
      await world.client.requestEarlySettlement({ owner, pool: world.pool, policy, positionId: 1 }),
    ]);
    // (Read from the event: a running keeper may already have paid it by the time we look.)
    assert.equal(variant(eventNamed(receipt.events, "policySettled").status), "compensating");
  }

  /**
   * Posts a 58,800 mark at the latest of the policies' ends (within the staleness bound of each)
   * and moves past the moment their settlement opens (and past `extraUntil`).
   */
  async function expire(policies: PublicKey[], extraUntil = 0) {
    const states = await Promise.all(policies.map((p) => policyState(world, p)));
    const end = Math.max(...states.map((p) => (p.terms as PolicyTerms).end.toNumber()));
    await world.travelTo(end);
    await world.postPrice(market, price(58_800), 0, end);
    const opens = Math.max(...states.map((p) => world.client.settlementOpensAt(p)));
    await world.travelTo(Math.max(opens, extraUntil + 1));
  }

  async function compensationEvents(policy: PublicKey): Promise<number> {
    const signatures = await world.connection.getSignaturesForAddress(policy, undefined, "confirmed");
    let issued = 0;
    for (const entry of signatures.filter((s) => s.err === null)) {
      const receipt = await world.client.receipt(entry.signature);
      issued += receipt.events.filter((e) => e.name === "compensationIssued").length;
    }
    return issued;
  }

  it("two keeper processes racing on the same due work pay exactly once and both exit 0", async () => {
    const losing = await insured(Side.long, BTC); // expires 1,200 under water → Compensating
    const flat = await insured(Side.long, 0, 10); // expires with no position → Completed
    const early = await insured(Side.short, BTC / 2);
    await settleEarly(early.trader, early.policy); // Compensating already
    // A liquidation claim nobody reviews.
    const gina = await world.newTrader(null, 100);
    const ix = await world.client.buyLiquidationCover({
      trader: gina.wallet.publicKey,
      keys: world.keys,
      market,
      traderToken: gina.token,
      args: { orderId: new BN(1), side: Side.long, orderQty: new BN(BTC), margin: world.usd(200), insured: { amount: [world.usd(50)] } },
    });
    await world.sendAs(gina.wallet, [ix]);
    const cover = coverKeys(world.pool, gina.wallet.publicKey, 0, market);
    await world.openPosition(gina.wallet.publicKey, market, 7, { side: Side.long, size: new BN(BTC), entryPrice: price(60_000), margin: world.usd(200) });
    await world.sendAs(world.reporter, [
      await world.client.ix.reportOrderFill({ reporter: world.reporter.publicKey, pool: world.pool, cover: cover.cover, position: pda.position(world.pool, gina.wallet.publicKey, 7), fillQty: BTC }),
    ]);
    await world.sendAs(world.reporter, [
      await world.client.ix.reportLiquidation({ reporter: world.reporter.publicKey, keys: world.keys, cover, liquidatedQty: BTC, loss: world.usd(500) }),
    ]);
    const deadline = (await world.client.fetch.liquidationCover(cover.cover))!.reviewDeadline.toNumber();
    await expire([losing.policy, flat.policy], deadline);

    const runs = await Promise.all(
      keeperKeys.map(({ file }) => startKeeper(["--url", RPC_URL, "--pool", world.pool.toBase58(), "--keypair", file, "--once"]).done),
    );
    for (const [i, run] of runs.entries()) {
      assert.equal(run.code, 0, `keeper ${i} exited ${run.code}:\n${run.output}`);
      assert.doesNotMatch(run.output, /crashed|Unhandled|TypeError/);
    }
    const output = runs.map((run) => run.output).join("\n");
    console.log(`# keeper race: ${countLines(output, /: already done \(/)} "already done" answers across both processes`);
    // Across both processes every item was done exactly once.
    assert.equal(countLines(output, /\] settle policy .*→ (compensating|completed)/), 2, output);
    assert.equal(countLines(output, /\] compensate policy .*: \d+ credits/), 2, output);
    assert.equal(countLines(output, /\] finalize claim .*: approved by timeout/), 1, output);
    // …and everything finished was closed once: the losing policy's exposure, the early one's
    // (its policy finished without valuing it), all three policies, gina's market exposure.
    assert.equal(countLines(output, /\] close policy exposure .*: closed/), 2, output);
    assert.equal(countLines(output, /\] close policy [^e].*: closed/), 3, output);
    assert.equal(countLines(output, /\] close market exposure .*: closed/), 1, output);

    // Chain state: each policy paid once (final states from the closing events), the claim approved once.
    for (const { trader, policy } of [losing, early]) {
      assert.equal(await world.client.fetch.policy(policy), null, "closed by a keeper");
      const state = await policyState(world, policy);
      assert.equal(variant(state.outcome), "paid");
      assert.equal(await world.balance(world.creditAccount(trader.wallet.publicKey)), big((state.terms as PolicyTerms).payoutCredits));
      assert.equal(await compensationEvents(policy), 1);
    }
    const flatState = await policyState(world, flat.policy);
    assert.equal(variant(flatState.outcome), "expired");
    const claim = await world.client.fetch.liquidationCover(cover.cover);
    assert.ok(claim, "vesting: not finished, not closed");
    assert.equal(variant(claim.outcome), "paid");
    assert.equal(claim.approvedByTimeout, true);
    const pool = await world.poolState();
    assert.equal(pool.totals.policiesCompensated.toNumber(), 2);
    assert.equal(pool.totals.liquidationClaimsApproved.toNumber(), 1);
    assert.equal(big(pool.totals.compensationCredits), 1_000n * USD);
  });

  it("a further round finds nothing to do (idempotent)", async () => {
    const run = await startKeeper(["--url", RPC_URL, "--pool", world.pool.toBase58(), "--keypair", keeperKeys[0].file, "--once"]).done;
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /record 0, settle 0, compensate 0, finalize 0, close 0; already done 0; failed 0/);
  });

  it("two in-process keepers racing: the loser gets 'already done' answers and counts them as success", async () => {
    const losing = await insured(Side.long, BTC);
    const early = await insured(Side.short, BTC / 2);
    await settleEarly(early.trader, early.policy);
    await expire([losing.policy]);
    const keepers = keeperKeys.map(
      ({ keypair }) => new Keeper({ client: new CipClient(world.connection), payer: keypair, pools: [world.pool], log: () => {} }),
    );
    const reports = await Promise.all(keepers.map((keeper) => keeper.runOnce()));
    const total = (outcome: "done" | "already-done" | "failed", action?: Action) =>
      reports.reduce((sum, report) => sum + count(report, outcome, action), 0);
    assert.equal(total("failed"), 0, dump(reports));
    assert.equal(total("done", "settle"), 1);
    assert.equal(total("done", "compensate"), 2);
    assert.ok(total("already-done") >= 1, "both keepers saw the same work; one lost the race");
    console.log(`# in-process race: ${total("already-done")} "already done" answers`);
    for (const { trader, policy } of [losing, early]) {
      const state = await policyState(world, policy);
      assert.equal(variant(state.outcome), "paid");
      assert.equal(await world.balance(world.creditAccount(trader.wallet.publicKey)), big((state.terms as PolicyTerms).payoutCredits));
      assert.equal(await compensationEvents(policy), 1);
    }
    // Closing raced too: each account closed once (the loser's attempts are "already done").
    assert.equal(total("done", "close"), 4, "2 exposures and 2 policies, each closed by one keeper");
  });

  it("RPC failures are retried with exponential backoff; the keeper exits cleanly", async () => {
    // In-process: a call that fails twice, then answers.
    let calls = 0;
    const logged: string[] = [];
    const value = await withRetry(
      "flaky",
      async () => {
        if (++calls < 3) throw new Error("fetch failed: ECONNRESET");
        return 42;
      },
      { retries: 5, baseMs: 10, maxMs: 100 },
      (line) => logged.push(line),
    );
    assert.equal(value, 42);
    assert.equal(logged.length, 2);
    assert.match(logged[1], /retry 2\/5 in \d+ ms/);
    assert.equal(isTransient(new Error("custom program error: 0x17b4")), false, "program errors are answers");

    // The command against a cluster URL where nothing answers.
    const run = await startKeeper(["--url", "http://127.0.0.1:9", "--keypair", keeperKeys[0].file, "--once", "--max-retries", "2", "--retry-base-ms", "50"]).done;
    assert.equal(run.code, 1, run.output);
    assert.equal(countLines(run.output, /retry \d\/2 in \d+ ms/), 2, run.output);
    assert.match(run.output, /round failed/);
    assert.doesNotMatch(run.output, /crashed|at .*\.ts:\d+/);
  });

  it("long-running: picks up new due work every interval and stops on SIGTERM", async () => {
    const keeper = startKeeper(["--url", RPC_URL, "--pool", world.pool.toBase58(), "--keypair", keeperKeys[1].file, "--interval", "1"]);
    let early: { trader: Trader; policy: PublicKey };
    try {
      early = await insured(Side.short, BTC / 2);
      await settleEarly(early.trader, early.policy);
      const deadline = Date.now() + 30_000;
      while (variant((await policyState(world, early.policy)).outcome) !== "paid") {
        assert.ok(Date.now() < deadline, `not compensated within 30 s:\n${keeper.output()}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      keeper.stop();
    }
    const run = await keeper.done;
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /SIGTERM: stopping after the current round/);
    assert.match(run.output, /\] stopped/);
    assert.ok(countLines(run.output, /\] round at cluster time/) >= 1, run.output);
    assert.equal(await compensationEvents(early.policy), 1);
  });
});

describe("keeper: closes exactly what is closable (rent to its payers); records Pyth prints and settles from them", () => {
  let world: World;
  let market: PublicKey;
  let keeperKey: Keypair;

  before(async () => {
    world = await World.create({ preset: "A" });
    market = await world.addMarket(1);
    keeperKey = await world.fundedKeypair(10);
  });

  function keeper(pool: PublicKey = world.pool): Keeper {
    return new Keeper({ client: new CipClient(world.connection), payer: keeperKey, pools: [pool], log: () => {} });
  }

  const lamports = async (key: PublicKey) => (await world.connection.getAccountInfo(key, "confirmed"))?.lamports ?? 0;
  const closedTargets = (report: RoundReport) => report.results.filter((r) => r.action === "close" && r.outcome === "done");

  it("closes finished exposures, policies, covers, market exposures and miners — and nothing else", async () => {
    await world.depositCapital(world.usd(1_000));
    const position = (size: number) => ({ side: Side.long, size: new BN(size), entryPrice: price(60_000), margin: world.usd(5_000) });
    // A policy settled (expired): its exposure (the reporter paid the rent) and the policy are closable.
    const settled = await world.newTrader(null, 100);
    await world.buy(settled, world.usd(100));
    await world.openPosition(settled.wallet.publicKey, market, 1, position(BTC));
    // A policy still active (bought later, ends later): nothing of it is closable.
    await world.travelTo((await world.now()) + 3_600);
    const ongoing = await world.newTrader(null, 100);
    await world.buy(ongoing, world.usd(100));
    await world.openPosition(ongoing.wallet.publicKey, market, 1, position(BTC));
    await world.expireAtMarks([[settled.wallet.publicKey, 0]], [[market, price(60_500)]]);
    const settledReceipt = await world.settle(settled.wallet.publicKey, 0);
    assert.equal(variant(eventNamed(settledReceipt.events, "policySettled").outcome), "expired");

    // Liquidation covers: one cancelled and refunded at once (finished), one ongoing, one
    // cancelled with its refund still owed (not finished).
    const coverArgs = (orderId: number) => ({ orderId: new BN(orderId), side: Side.long, orderQty: new BN(BTC), margin: world.usd(200), insured: { amount: [world.usd(20)] } });
    const buyCover = async (trader: Trader, orderId: number) =>
      world.sendAs(trader.wallet, [
        await world.client.buyLiquidationCover({ trader: trader.wallet.publicKey, keys: world.keys, market, traderToken: trader.token, args: coverArgs(orderId) }),
      ]);
    const cancel = async (trader: Trader, index: number, paid: boolean) =>
      world.sendAs(world.reporter, [
        await world.client.ix.cancelOrderRemainder({
          reporter: world.reporter.publicKey,
          keys: world.keys,
          cover: coverKeys(world.pool, trader.wallet.publicKey, index, market),
          traderToken: paid ? trader.token : null,
          cancelledQty: BTC,
        }),
      ]);
    const refunded = await world.newTrader(null, 100);
    await buyCover(refunded, 1);
    await cancel(refunded, 0, true);
    const active = await world.newTrader(null, 100);
    await buyCover(active, 1);
    const owed = await world.newTrader(null, 100);
    await buyCover(owed, 1);
    await cancel(owed, 0, false);

    // Miners: one emptied (unstaked everything), one still staked.
    const rewardMint = await createMint(world.connection, world.mintAuthority, world.mintAuthority.publicKey, 6);
    const mining = miningKeys(world.keys, rewardMint);
    await world.send([
      await world.client.ix.initMiningPool({
        admin: world.admin.publicKey,
        mining,
        params: { rewardPerSecond: new BN(0), endTime: null, unstakeAllowed: true, unstakeCooldown: new BN(0) },
      }),
    ]);
    const emptied = await world.newTrader(null, 0);
    const staker = await world.newTrader(null, 0);
    for (const trader of [emptied, staker]) {
      const credits = await world.earnCredits(trader, 10, 500);
      await world.sendAs(trader.wallet, [
        await world.client.ix.stake({ owner: trader.wallet.publicKey, mining, source: world.creditAccount(trader.wallet.publicKey), amount: credits }),
      ]);
      if (trader === emptied) {
        await world.sendAs(trader.wallet, [
          await world.client.ix.unstake({ owner: trader.wallet.publicKey, mining, destination: world.creditAccount(trader.wallet.publicKey), amount: credits }),
        ]);
      }
    }

    // What must close, and who gets each rent back.
    const settledPolicy = world.policyKey(settled.wallet.publicKey, 0);
    const earned = (trader: Trader) => world.policyKey(trader.wallet.publicKey, 0);
    const expected: [string, PublicKey, PublicKey][] = [
      ["exposure of the settled policy", pda.policyExposure(settledPolicy, market), world.reporter.publicKey],
      ["settled policy", settledPolicy, settled.wallet.publicKey],
      // earnCredits: early settlement leaves the exposure unvalued; the policy finished without it.
      ["exposure of an early-settled policy", pda.policyExposure(earned(emptied), pda.market(world.pool, 500)), world.reporter.publicKey],
      ["early-settled policy", earned(emptied), emptied.wallet.publicKey],
      ["exposure of the other early-settled policy", pda.policyExposure(earned(staker), pda.market(world.pool, 500)), world.reporter.publicKey],
      ["the other early-settled policy", earned(staker), staker.wallet.publicKey],
      ["refunded cover", pda.liquidationCover(world.pool, refunded.wallet.publicKey, 0), refunded.wallet.publicKey],
      ["market exposure of the refunded cover", pda.exposure(world.pool, refunded.wallet.publicKey, market), refunded.wallet.publicKey],
      ["market exposure of the cover with a refund owed", pda.exposure(world.pool, owed.wallet.publicKey, market), owed.wallet.publicKey],
      ["emptied miner", pda.miner(mining.miningPool, emptied.wallet.publicKey), emptied.wallet.publicKey],
    ];
    const untouched: [string, PublicKey][] = [
      ["active policy", earned(ongoing)],
      ["its exposure", pda.policyExposure(earned(ongoing), market)],
      ["ongoing cover", pda.liquidationCover(world.pool, active.wallet.publicKey, 0)],
      ["its market exposure", pda.exposure(world.pool, active.wallet.publicKey, market)],
      ["cover with a refund owed", pda.liquidationCover(world.pool, owed.wallet.publicKey, 0)],
      ["staked miner", pda.miner(mining.miningPool, staker.wallet.publicKey)],
      ["positions", pda.position(world.pool, settled.wallet.publicKey, 1)],
    ];
    const rent = new Map<string, number>();
    for (const [name, account] of expected) {
      const balance = await lamports(account);
      assert.ok(balance > 0, `${name} exists before the round`);
      rent.set(account.toBase58(), balance);
    }
    const recipients = [...new Set(expected.map(([, , recipient]) => recipient.toBase58()))].map((key) => new PublicKey(key));
    const before = new Map(await Promise.all(recipients.map(async (key) => [key.toBase58(), await lamports(key)] as const)));
    const untouchedBefore = await Promise.all(untouched.map(([, key]) => world.connection.getAccountInfo(key, "confirmed")));

    const report = await keeper().runOnce();
    assert.equal(count(report, "failed"), 0, dump(report.results));
    assert.equal(closedTargets(report).length, expected.length, report.results.map((r) => `${r.action} ${r.target}: ${r.detail}`).join("\n"));
    for (const [name, account] of expected) assert.equal(await lamports(account), 0, `${name} closed`);
    for (const [index, [name, account]] of untouched.entries()) {
      const after = await world.connection.getAccountInfo(account, "confirmed");
      assert.ok(after && untouchedBefore[index], `${name} still open`);
      assert.ok(after.data.equals(untouchedBefore[index].data), `${name} unchanged`);
    }
    // Every rent went to whoever paid it — none to the keeper that sent the transactions.
    for (const recipient of recipients) {
      const owedRent = expected
        .filter(([, , r]) => r.equals(recipient))
        .reduce((sum, [, account]) => sum + rent.get(account.toBase58())!, 0);
      assert.equal(await lamports(recipient), before.get(recipient.toBase58())! + owedRent, `rent back to ${recipient.toBase58()}`);
    }
    const reported = closedTargets(report).reduce((sum, r) => sum + (r.rent?.lamports ?? 0n), 0n);
    assert.equal(reported, BigInt([...rent.values()].reduce((a, b) => a + b, 0)), "the closing events report the same lamports");

    // A closed policy's final state is still readable, from its closing event.
    const history = await world.client.closed.policy(settledPolicy);
    assert.ok(history);
    assert.equal(variant((history.event.finalState as PolicyAccount).outcome), "expired");
    assert.equal((history.event.finalState as PolicyAccount).exposuresClosed, 1);
    assert.equal(await world.client.closed.policy(earned(ongoing)), null, "not closed");

    // Nothing more to close: the next round is a no-op.
    const again = await keeper().runOnce();
    assert.equal(again.results.length, 0, dump(again.results));
  });

  it("records the Pyth push-oracle print of a market's feed id (placed with surfnet_setAccount) and settles from it", async () => {
    // A pool of its own: nothing else of the first test's pool falls due while the clock moves.
    world = await World.create({ preset: "A" });
    const feedId = [...Keypair.generate().publicKey.toBytes()];
    const params: MarketParams = { ...btcMarket("PYTH-BTC"), oracle: { pyth: { feedId } } };
    const pythMarket = await world.addMarket(7, params);
    const trader = await world.newTrader(null, 100);
    await world.buy(trader, world.usd(100));
    await world.openPosition(trader.wallet.publicKey, pythMarket, 1, { side: Side.long, size: new BN(BTC), entryPrice: price(60_000), margin: world.usd(5_000) });
    const policy = world.policyKey(trader.wallet.publicKey, 0);
    const end = (await world.terms(trader.wallet.publicKey, 0)).end.toNumber();
    await world.travelTo(end);

    // Pyth's sponsored account for the feed id, as the push oracle would leave it: 58,800 × 10^-8.
    const priceAccount = pythPriceFeedAccount(feedId);
    const data = encodePriceUpdate({ feedId, price: 5_880_000_000_000n, conf: 0n, exponent: -8, publishTime: end });
    await setAccount(world.connection, priceAccount, {
      lamports: await world.connection.getMinimumBalanceForRentExemption(data.length),
      data,
      owner: PYTH_RECEIVER_ID,
    });
    const decoded = await world.client.fetch.priceUpdate(priceAccount);
    assert.ok(decoded);
    assert.equal(decoded.publishTime, end);

    // Settlement is not open yet: the keeper only records the print.
    const first = await keeper(world.pool).runOnce();
    assert.equal(count(first, "failed"), 0, dump(first.results));
    const recorded = first.results.filter((r) => r.action === "record");
    assert.equal(recorded.length, 1, dump(first.results));
    assert.equal(count(first, "done", "settle"), 0);
    const receipt = await world.client.receipt(recorded[0].signature!);
    const event = eventNamed(receipt.events, "markPriceRecorded");
    assert.equal(variant(event.source), "pyth");
    assert.ok(event.priceUpdate.equals(priceAccount));
    assert.equal(big(event.price), big(price(58_800)), "rescaled to the market's 6 price decimals");
    assert.equal(event.publishTime.toNumber(), end);
    // A second round has nothing new to record.
    assert.equal(count(await keeper(world.pool).runOnce(), "done", "record"), 0);

    // Once settlement opens: settled at the recorded mark, compensated, closed.
    await world.travelTo(await world.settlementOpensAt(trader.wallet.publicKey, 0));
    const second = await keeper(world.pool).runOnce();
    assert.equal(count(second, "failed"), 0, dump(second.results));
    assert.equal(count(second, "done", "settle"), 1);
    assert.equal(count(second, "done", "compensate"), 1);
    const settle = await world.client.receipt(second.results.find((r) => r.action === "settle")!.signature!);
    const valuation = eventNamed(settle.events, "exposuresValued").valuations[0];
    assert.equal(variant(valuation.markSource), "canonical");
    assert.equal(big(valuation.markPrice), big(price(58_800)));
    assert.equal(big(eventNamed(settle.events, "policySettled").loss), 1_200n * USD);
    const state = await policyState(world, policy);
    assert.equal(variant(state.outcome), "paid");
    assert.equal(await world.client.fetch.policy(policy), null, "closed in the same round");
    // A print that is not fully verified is never recorded (the program refuses it as well).
    const partial = encodePriceUpdate({ feedId, price: 5_900_000_000_000n, conf: 0n, exponent: -8, publishTime: await world.now(), fullyVerified: false });
    await setAccount(world.connection, priceAccount, { lamports: await world.connection.getMinimumBalanceForRentExemption(partial.length), data: partial, owner: PYTH_RECEIVER_ID });
    await expectProgramError(
      world.sendAs(keeperKey, [await world.client.recordPythPrice({ recorder: keeperKey.publicKey, market: pythMarket })]),
      "OracleNotFullyVerified",
    );
    assert.ok(eventsNamed(settle.events, "policySettled").length === 1);
  });
});
