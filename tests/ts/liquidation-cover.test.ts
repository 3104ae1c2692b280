/**
 * Liquidation cover (per order) end to end on cip-validator: purchase with quotas, fills, a
 * partial cancel with its pro-rata refund, a close without liquidation, liquidations under
 * review, a reviewer approval and a keeper finalisation after the deadline, and the daily
 * vesting claimed to the last tranche (the clock moved by time travel, no sleeps).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import type { Keypair, PublicKey } from "@solana/web3.js";

import { Side, coverKeys, eventNamed, pda, programErrorOf, variant, type CoverKeys } from "@contract-insurance/sdk";

import { World, big, btcMarket, expectProgramError, type Trader } from "./lib/world";

const USD = 1_000_000n;
const LOT = 1_000_000; // order quantity: 6 decimals
const DAY = 86_400;
const UTC8 = 8 * 3_600;

describe("liquidation cover (c): purchase, fills, refund, review, finalise, vesting", () => {
  let world: World;
  let gina: Trader;
  let market: PublicKey;
  const covers: CoverKeys[] = [];
  let liquidatedAt = 0;
  let keeper: Keypair;

  before(async () => {
    world = await World.create({ preset: "A" });
    market = await world.addMarket(2, btcMarket("ETH-PERP"));
    gina = await world.newTrader(null, 1_000);
    keeper = await world.fundedKeypair();
    // Premiums of another product fund the vault that pays approved claims.
    const whale = await world.newTrader(null, 1_000);
    await world.buy(whale, world.usd(1_000));
  });

  it("buys cover on three orders within the per-order, daily and cumulative quotas", async () => {
    const orders = [
      [LOT, 200, 80],
      [LOT, 200, 50],
      [10 * LOT, 300, 100],
    ] as const;
    const before = await world.balance(gina.token);
    let total = 0n;
    for (const [index, [orderQty, margin, insured]] of orders.entries()) {
      const ix = await world.client.buyLiquidationCover({
        trader: gina.wallet.publicKey,
        keys: world.keys,
        market,
        traderToken: gina.token,
        args: {
          orderId: new BN(100 + index),
          side: Side.long,
          orderQty: new BN(orderQty),
          margin: world.usd(margin),
          insured: { amount: [world.usd(insured)] },
        },
      });
      const event = eventNamed((await world.sendAs(gina.wallet, [ix])).events, "liquidationCoverBought");
      total += BigInt(insured) * USD;
      assert.equal(big(event.insured), BigInt(insured) * USD);
      assert.equal(big(event.dayTotal), total);
      assert.equal(big(event.cumulative), total);
      covers.push(coverKeys(world.pool, gina.wallet.publicKey, index, market));
      const cover = await world.client.fetch.liquidationCover(covers[index].cover);
      assert.equal(variant(cover.status), "ongoing");
      assert.equal(variant(cover.fillState), "pending");
    }
    assert.equal(await world.balance(gina.token), before - 230n * USD);
    const exposure = await world.client.fetch.exposure(world.pool, gina.wallet.publicKey, market);
    assert.equal(exposure.ongoing, 3);
    assert.equal(variant(exposure.side), "long");
  });

  it("the reporter reports fills into positions (order #102 only 4 of 10 lots)", async () => {
    for (const [index, cover] of covers.entries()) {
      const stored = await world.client.fetch.liquidationCover(cover.cover);
      const filled = index === 2 ? 4 * LOT : stored.orderQty.toNumber();
      await world.openPosition(gina.wallet.publicKey, market, 100 + index, {
        side: Side.long,
        size: new BN(filled),
        entryPrice: new BN(3_000).mul(new BN(1_000_000)),
        margin: stored.margin,
      });
      const ix = await world.client.ix.reportOrderFill({
        reporter: world.reporter.publicKey,
        pool: world.pool,
        cover: cover.cover,
        position: pda.position(world.pool, gina.wallet.publicKey, 100 + index),
        fillQty: filled,
      });
      const event = eventNamed((await world.sendAs(world.reporter, [ix])).events, "orderFilled");
      assert.equal(variant(event.fillState), index === 2 ? "partiallyFilled" : "filled");
    }
  });

  it("cancelling the unfilled 6 lots refunds insured × 6/10 at once; the order then closes", async () => {
    const before = await world.balance(gina.token);
    const ix = await world.client.ix.cancelOrderRemainder({
      reporter: world.reporter.publicKey,
      keys: world.keys,
      cover: covers[2],
      traderToken: gina.token,
      cancelledQty: 6 * LOT,
    });
    const event = eventNamed((await world.sendAs(world.reporter, [ix])).events, "orderCancelled");
    assert.equal(big(event.refund), 60n * USD);
    assert.equal(event.refundPaid, true);
    assert.equal(big(event.insuredRemaining), 40n * USD);
    assert.equal(await world.balance(gina.token), before + 60n * USD);
    const cover = await world.client.fetch.liquidationCover(covers[2].cover);
    assert.equal(big(cover.margin), 120n * USD); // margin scales with the cancelled share
    assert.equal(big(cover.refunded), 60n * USD);

    const closed = eventNamed(
      (await world.sendAs(world.reporter, [await world.client.ix.closeOrderCover({ reporter: world.reporter.publicKey, pool: world.pool, cover: covers[2] })])).events,
      "coverClosed",
    );
    assert.equal(big(closed.insured), 40n * USD);
    const after = await world.client.fetch.liquidationCover(covers[2].cover);
    assert.equal(variant(after.status), "completed");
    assert.equal(variant(after.outcome), "closedNoLiquidation");
  });

  it("orders #100 and #101 are liquidated (early local morning) and go under review", async () => {
    // Liquidate at 00:30 local (UTC+8) so that the 24 h review deadline falls before vesting
    // starts (12:00 local the next day): the clock only moves forward.
    const now = await world.now();
    const nextLocalMidnight = (Math.floor((now + UTC8) / DAY) + 1) * DAY - UTC8;
    await world.travelTo(nextLocalMidnight + 1_800);
    for (const index of [0, 1]) {
      const ix = await world.client.ix.reportLiquidation({
        reporter: world.reporter.publicKey,
        pool: world.pool,
        cover: covers[index],
        liquidatedQty: LOT,
        loss: world.usd(500),
      });
      const event = eventNamed((await world.sendAs(world.reporter, [ix])).events, "liquidationReported");
      assert.equal(big(event.loss), 500n * USD);
      assert.equal(big(event.reviewDeadline) - big((await world.client.fetch.liquidationCover(covers[index].cover)).liquidatedAt), BigInt(DAY));
      assert.ok(big(event.worstCasePayout) > 0n);
    }
    liquidatedAt = (await world.client.fetch.liquidationCover(covers[0].cover)).liquidatedAt.toNumber();
    const pool = await world.poolState();
    const worst = await Promise.all([0, 1].map(async (i) => big((await world.client.fetch.liquidationCover(covers[i].cover)).worstCasePayout)));
    assert.equal(big(pool.liabilities.reviewWorstCase), worst[0] + worst[1]);
  });

  it("the reviewer approves #100: used 80 → ratio 85 % → 2 × 85 % × min(500, 200, 80) = 136", async () => {
    // Only the reviewer may decide before the deadline; nobody may finalise yet.
    await expectProgramError(
      world.sendAs(keeper, [await world.client.ix.reviewClaim({ reviewer: keeper.publicKey, pool: world.pool, cover: covers[0], approve: true })]),
      "NotReviewer",
    );
    await expectProgramError(
      world.sendAs(keeper, [await world.client.ix.finalizeClaim({ keeper: keeper.publicKey, pool: world.pool, cover: covers[0] })]),
      "ReviewDeadlineNotReached",
    );
    const ix = await world.client.ix.reviewClaim({ reviewer: world.reviewer.publicKey, pool: world.pool, cover: covers[0], approve: true });
    const event = eventNamed((await world.sendAs(world.reviewer, [ix])).events, "claimDecided");
    assert.equal(event.approved, true);
    assert.equal(event.byTimeout, false);
    assert.equal(big(event.usedAfter), 80n * USD);
    assert.equal(event.ratioBps, 8_500);
    assert.equal(big(event.compensation), 136n * USD);
    assert.equal(event.vestingDays, 20);
    const expectedStart = (Math.floor((liquidatedAt + UTC8) / DAY) + 1) * DAY - UTC8 + 12 * 3_600;
    assert.equal(event.vestingStart.toNumber(), expectedStart);
  });

  it("after the 24 h deadline anyone finalises #101 as approved: used 130 → ratio 80 % → 80", async () => {
    await world.travelTo(liquidatedAt + DAY + 1);
    await expectProgramError(
      world.sendAs(world.reviewer, [await world.client.ix.reviewClaim({ reviewer: world.reviewer.publicKey, pool: world.pool, cover: covers[1], approve: false })]),
      "ReviewDeadlinePassed",
    );
    const ix = await world.client.ix.finalizeClaim({ keeper: keeper.publicKey, pool: world.pool, cover: covers[1] });
    const event = eventNamed((await world.sendAs(keeper, [ix])).events, "claimDecided");
    assert.equal(event.byTimeout, true);
    assert.ok(event.decidedBy.equals(keeper.publicKey));
    assert.equal(big(event.usedAfter), 130n * USD);
    assert.equal(event.ratioBps, 8_000);
    assert.equal(big(event.compensation), 80n * USD);
    const pool = await world.poolState();
    assert.equal(big(pool.liabilities.reviewWorstCase), 0n);
    assert.equal(big(pool.liabilities.vestingOwed), 216n * USD);
    assert.equal(big((await world.user(gina.wallet.publicKey)).liquidationUsed), 130n * USD);
  });

  it("vesting pays one 1/20 tranche a day from 12:00 local of the next day, to the full amount", async () => {
    const start = (await world.client.fetch.liquidationCover(covers[0].cover)).vestingStart.toNumber();
    assert.ok((await world.now()) < start, "vesting has not started yet");
    const claim = async (index: number) =>
      world.sendAs(gina.wallet, [
        await world.client.ix.claimVested({ owner: gina.wallet.publicKey, keys: world.keys, cover: covers[index].cover, destination: gina.token }),
      ]);
    await expectProgramError(claim(0), "NothingVested");

    const moments: [string, number, bigint[] | null][] = [
      ["day 1, 12:00 local", 0, [6_800_000n, 4_000_000n]], // 1/20 of 136 and of 80
      ["day 1, 23:00 local", 11 * 3_600, null], // same day: nothing new
      ["day 10", 9 * DAY, [61_200_000n, 36_000_000n]], // 10/20 minus what was claimed
      ["after the end", 40 * DAY, [68_000_000n, 40_000_000n]],
    ];
    for (const [label, offset, amounts] of moments) {
      await world.travelTo(start + offset);
      for (const index of [0, 1]) {
        if (amounts === null) {
          await expectProgramError(claim(index), "NothingVested");
          continue;
        }
        const before = await world.balance(gina.token);
        const event = eventNamed((await claim(index)).events, "vestedClaimed");
        assert.equal(big(event.amount), amounts[index], `${label}, cover #${100 + index}`);
        assert.equal(await world.balance(gina.token), before + amounts[index]);
      }
    }
    for (const [index, total] of [136n, 80n].entries()) {
      const cover = await world.client.fetch.liquidationCover(covers[index].cover);
      assert.equal(big(cover.vestedClaimed), total * USD);
    }
    await expectProgramError(claim(0), "NothingVested");
    const pool = await world.poolState();
    assert.equal(big(pool.liabilities.vestingOwed), 0n);
    assert.equal(big(pool.totals.liquidationVestedPaid), 216n * USD);
    assert.equal(pool.totals.liquidationClaimsApproved.toNumber(), 2);
  });

  it("rejections: quotas, one direction per market, lead traders", async () => {
    const buy = async (trader: Trader, side: typeof Side.long, insured: number, margin = 200) =>
      world.sendAs(trader.wallet, [
        await world.client.buyLiquidationCover({
          trader: trader.wallet.publicKey,
          keys: world.keys,
          market,
          traderToken: trader.token,
          args: { orderId: new BN(999), side, orderQty: new BN(LOT), margin: world.usd(margin), insured: { amount: [world.usd(insured)] } },
        }),
      ]);
    const hal = await world.newTrader(null, 1_000);
    await expectProgramError(buy(hal, Side.long, 101, 500), "PerOrderQuotaExceeded");
    await expectProgramError(buy(hal, Side.long, 60, 50), "InsuredAboveMargin");
    await buy(hal, Side.long, 10);
    await expectProgramError(buy(hal, Side.short, 10), "OppositeDirectionOngoing");
    for (let i = 0; i < 3; i++) await buy(hal, Side.long, 100, 100);
    const error = await buy(hal, Side.long, 100, 100).catch((err) => err);
    assert.equal(programErrorOf(error)?.name, "DailyQuotaExceeded");
    await world.send([await world.client.ix.setLeadTrader({ admin: world.admin.publicKey, pool: world.pool, owner: hal.wallet.publicKey, isLeadTrader: true })]);
    await expectProgramError(buy(hal, Side.long, 10), "LeadTraderExcluded");
  });
});
