/**
 * The keeper (keeper/src) against cip-validator: two keeper processes racing on the same due
 * work pay each policy and claim exactly once and both exit cleanly; a second pass is a no-op;
 * two in-process keepers racing see the program's "already done" answers and treat them as
 * success; RPC failures are retried with backoff without a crash; the long-running mode picks up
 * new work and stops on SIGTERM.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import { Keypair, type PublicKey } from "@solana/web3.js";

import { CipClient, Side, coverKeys, eventNamed, pda, variant } from "@contract-insurance/sdk";
import { Keeper, count, isTransient, withRetry } from "@contract-insurance/keeper";

import { RPC_URL, World, big, type Trader } from "./lib/world";

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

function countLines(output: string, pattern: RegExp): number {
  return output.split("\n").filter((line) => pattern.test(line)).length;
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
    await world.postPrice(market, price(62_100), 0, await world.now());
    const owner = trader.wallet.publicKey;
    const receipt = await world.sendAs(trader.wallet, [
      await world.client.ix.requestEarlySettlement({
        owner,
        pool: world.pool,
        policy,
        positionId: 1,
        openPosition: { position: pda.position(world.pool, owner, 1), market, oracle: pda.markPriceFeed(market) },
      }),
    ]);
    // (Read from the event: a running keeper may already have paid it by the time we look.)
    assert.equal(variant(eventNamed(receipt.events, "policySettled").status), "compensating");
  }

  /** Moves past every given policy end and posts a 58,800 mark at each end. */
  async function expire(policies: PublicKey[], extraUntil = 0) {
    const ends = await Promise.all(policies.map(async (p) => (await world.client.fetch.policy(p)).end.toNumber()));
    await world.travelTo(Math.max(...ends, extraUntil) + 20);
    for (const end of new Set(ends)) await world.postPrice(market, price(58_800), 0, end);
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
      await world.client.ix.reportLiquidation({ reporter: world.reporter.publicKey, pool: world.pool, cover, liquidatedQty: BTC, loss: world.usd(500) }),
    ]);
    const deadline = (await world.client.fetch.liquidationCover(cover.cover)).reviewDeadline.toNumber();
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
    assert.equal(countLines(output, /\] settle policy .*: (compensating|completed)/), 2, output);
    assert.equal(countLines(output, /\] compensate policy .*: \d+ credits/), 2, output);
    assert.equal(countLines(output, /\] finalize claim .*: approved by timeout/), 1, output);

    // Chain state: each policy paid once, the claim approved once.
    for (const { trader, policy } of [losing, early]) {
      const state = await world.client.fetch.policy(policy);
      assert.equal(variant(state.outcome), "paid");
      assert.equal(await world.balance(world.creditAccount(trader.wallet.publicKey)), big(state.payout));
      assert.equal(await compensationEvents(policy), 1);
    }
    const flatState = await world.client.fetch.policy(flat.policy);
    assert.equal(variant(flatState.outcome), "expired");
    const claim = await world.client.fetch.liquidationCover(cover.cover);
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
    assert.match(run.output, /settle 0, compensate 0, finalize 0; already done 0; failed 0/);
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
    const total = (outcome: "done" | "already-done" | "failed", action?: "settle" | "compensate") =>
      reports.reduce((sum, report) => sum + count(report, outcome, action), 0);
    assert.equal(total("failed"), 0, JSON.stringify(reports, null, 1));
    assert.equal(total("done", "settle"), 1);
    assert.equal(total("done", "compensate"), 2);
    assert.ok(total("already-done") >= 1, "both keepers saw the same work; one lost the race");
    console.log(`# in-process race: ${total("already-done")} "already done" answers`);
    for (const { trader, policy } of [losing, early]) {
      const state = await world.client.fetch.policy(policy);
      assert.equal(variant(state.outcome), "paid");
      assert.equal(await world.balance(world.creditAccount(trader.wallet.publicKey)), big(state.payout));
      assert.equal(await compensationEvents(policy), 1);
    }
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
      while (variant((await world.client.fetch.policy(early.policy)).outcome) !== "paid") {
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
