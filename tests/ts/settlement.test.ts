/**
 * Batched settlement through the SDK on cip-validator: two traders hold the same positions in
 * three markets; one policy is settled in batches of two (two `settle_policy` transactions), the
 * other in one — the same facts give the same payout. Also: batches that repeat or
 * borrow an exposure are refused, and an open reported at a venue time before the policy's start
 * voids it.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import type { PublicKey } from "@solana/web3.js";

import { Side, eventNamed, eventsNamed, pda, variant, type ExposureValuation, type PolicyTerms } from "@contract-insurance/sdk";

import { World, big, btcMarket, expectProgramError, type Trader } from "./lib/world";

const USD = 1_000_000n;
const BTC = 1_000_000;
const price = (whole: number) => new BN(whole).mul(new BN(1_000_000));

describe("settlement in batches: the same facts give the same payout", () => {
  let world: World;
  const markets: PublicKey[] = [];
  let batched: Trader;
  let single: Trader;

  before(async () => {
    world = await World.create({ preset: "A" });
    for (const [id, symbol] of [[1, "BTC-PERP"], [2, "ETH-PERP"], [3, "SOL-PERP"]] as const) {
      markets.push(await world.addMarket(id, btcMarket(symbol)));
    }
    batched = await world.newTrader(null, 1_000);
    single = await world.newTrader(null, 1_000);
  });

  it("two policies with the same positions in three markets", async () => {
    for (const trader of [batched, single]) {
      await world.buy(trader, world.usd(100));
      // Long 1 at 60,000; short 2 at 3,000; long 1 and short 1 at 100 (mark-independent).
      const owner = trader.wallet.publicKey;
      await world.openPosition(owner, markets[0], 1, { side: Side.long, size: new BN(BTC), entryPrice: price(60_000), margin: world.usd(5_000) });
      await world.openPosition(owner, markets[1], 2, { side: Side.short, size: new BN(2 * BTC), entryPrice: price(3_000), margin: world.usd(500) });
      await world.openPosition(owner, markets[2], 3, { side: Side.long, size: new BN(BTC), entryPrice: price(100), margin: world.usd(50) });
      await world.openPosition(owner, markets[2], 4, { side: Side.short, size: new BN(BTC), entryPrice: price(100), margin: world.usd(50) });
      const policy = await world.policy(owner, 0);
      assert.ok(policy);
      assert.equal(policy.exposures, 3, "one exposure per market, however many positions");
      let attached = 0;
      for (const pair of await world.client.settlementPairs(world.policyKey(owner, 0))) {
        attached += (await world.client.program.account.policyExposure.fetch(pair.exposure)).positions;
      }
      assert.equal(attached, 4, "every position counted in its market's exposure");
      assert.equal((await world.client.settlementPairs(world.policyKey(owner, 0))).length, 3);
    }
  });

  it("refuses settlement before the window's prices are final, repeated and foreign exposures", async () => {
    const owner = batched.wallet.publicKey;
    await expectProgramError(world.settle(owner, 0), "SettlementNotOpen");
    await world.expireAtMarks(
      [[owner, 0], [single.wallet.publicKey, 0]],
      [[markets[0], price(59_000)], [markets[1], price(3_200)], [markets[2], price(90)]],
    );
    const pairs = await world.client.settlementPairs(world.policyKey(owner, 0));
    await expectProgramError(world.settleWith(owner, 0, [pairs[0], pairs[0]]), "ExposureAlreadyValued");
    const foreign = await world.client.settlementPairs(world.policyKey(single.wallet.publicKey, 0));
    await expectProgramError(world.settleWith(owner, 0, [foreign[0]]), "ExposureNotInPolicy");
  });

  it("in batches of 2: two settle_policy transactions; the one that values the last market decides the policy", async () => {
    const owner = batched.wallet.publicKey;
    const policy = world.policyKey(owner, 0);
    const receipts = await world.settleAll(owner, 0, 2);
    assert.equal(receipts.length, 2, "3 pairs in batches of 2: two settle_policy transactions");
    const first = eventNamed(receipts[0].events, "exposuresValued");
    assert.equal(first.valuations.length, 2);
    assert.equal(first.exposuresValued, 2);
    assert.equal(first.exposures, 3);
    assert.equal(eventsNamed(receipts[0].events, "policySettled").length, 0, "not decided after the first batch");
    const second = eventNamed(receipts[1].events, "exposuresValued");
    assert.equal(second.valuations.length, 1);
    assert.equal(second.exposuresValued, 3);
    assert.equal(variant(eventNamed(receipts[1].events, "policySettled").status), "compensating");
    assert.deepEqual(await world.client.settlementPairs(policy), [], "every exposure valued");
    for (const receipt of receipts) assert.equal(receipt.transaction.transaction.message.compiledInstructions.length, 1);
  });

  it("one batch for the other policy: the same marks, P&L, loss and outcome", async () => {
    const receipts = await world.settleAll(single.wallet.publicKey, 0);
    assert.equal(receipts.length, 1);
    const one = eventNamed(receipts[0].events, "exposuresValued").valuations as ExposureValuation[];
    const [a, b] = await Promise.all([batched, single].map((t) => world.policy(t.wallet.publicKey, 0)));
    assert.ok(a && b);
    for (const field of ["status", "outcome", "settlement"] as const) assert.deepEqual(a[field], b[field], field);
    assert.equal(big(a.unrealizedPnl), big(b.unrealizedPnl));
    assert.equal(big(a.loss), big(b.loss));
    assert.equal(a.exposuresValued, b.exposuresValued);
    // −1,000 (BTC) − 400 (ETH short 2 × +200) + 0 (SOL long and short cancel): loss 1,400 ≥ trigger 1,000.
    assert.equal(big(b.unrealizedPnl), -1_400n * USD);
    assert.equal(big(b.loss), 1_400n * USD);
    assert.equal(big(b.loss) >= big((b.terms as PolicyTerms).trigger), true);
    // Market by market, the same marks and values.
    const valued = async (trader: Trader) =>
      Promise.all(
        markets.map(async (market) => {
          const exposure = await world.client.fetch.policyExposure(world.policyKey(trader.wallet.publicKey, 0), market);
          assert.ok(exposure);
          return [variant(exposure.markSource), big(exposure.markPrice), big(exposure.unrealizedPnl)];
        }),
      );
    assert.deepEqual(await valued(batched), await valued(single));
    assert.deepEqual(
      one.map((v) => [variant(v.markSource), big(v.unrealizedPnl)]).sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
      [
        ["canonical", -1_000n * USD],
        ["canonical", -400n * USD],
        ["notNeeded", 0n],
      ].sort((x, y) => String(x[1]).localeCompare(String(y[1]))),
    );
  });

  it("an open at a venue time before the policy's start voids the policy (no payout, premium kept)", async () => {
    const trader = await world.newTrader(null, 100);
    await world.buy(trader, world.usd(10));
    const owner = trader.wallet.publicKey;
    const start = (await world.terms(owner, 0)).start.toNumber();
    const receipt = await world.openPosition(owner, markets[0], 9, {
      side: Side.long,
      size: new BN(BTC),
      entryPrice: price(60_000),
      margin: world.usd(100),
      openedAt: new BN(start - 30),
    });
    const voided = eventNamed(receipt.events, "policyVoided");
    assert.ok(voided.policy.equals(world.policyKey(owner, 0)));
    assert.equal(voided.positionOpenedAt.toNumber(), start - 30);
    assert.equal(big(voided.premium), 10n * USD);
    const opened = eventNamed(receipt.events, "positionOpened");
    assert.ok(opened.voidedPolicy?.equals(world.policyKey(owner, 0)));
    assert.equal(opened.policy, null);
    const policy = await world.policy(owner, 0);
    assert.ok(policy);
    assert.deepEqual([variant(policy.status), variant(policy.outcome), variant(policy.settlement)], ["completed", "void", "voided"]);
    assert.equal((await world.user(owner)).activePolicyIndex, null);
    assert.equal((await world.poolState()).totals.policiesVoided.toNumber(), 1);
    assert.equal(await world.client.fetch.policyExposure(world.policyKey(owner, 0), markets[0]), null, "nothing attached");
    const position = await world.client.fetch.position(pda.position(world.pool, owner, 9));
    assert.ok(position, "the position itself is recorded");
    assert.equal(position.policy, null);
  });
});
