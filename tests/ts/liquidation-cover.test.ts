/**
 * Liquidation cover (per order) end to end on cip-validator: capital deposited, purchase with
 * quotas and the worst case reserved, fills, a partial cancel with its pro-rata refund, a close
 * without liquidation, liquidations under review, a reviewer approval and a keeper finalisation
 * after the deadline, and the daily vesting claimed to the last tranche (the clock moved by time
 * travel, no sleeps). Then capacity: a cover the free capital cannot back is refused until
 * capital is deposited, and a refund credited (no trader account passed) is claimed.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import type { Keypair, PublicKey } from "@solana/web3.js";

import { Side, coverKeys, eventNamed, pda, programErrorOf, totalLiabilities, variant, type CoverKeys, type Liabilities } from "@contract-insurance/sdk";

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
    // Capital backs the covers' reserves (anyone may deposit it).
    const deposited = eventNamed((await world.depositCapital(world.usd(1_000))).events, "capitalDeposited");
    assert.equal(big(deposited.amount), 1_000n * USD);
    assert.equal(big(deposited.books.vaultBalance), 1_000n * USD);
  });

  /** A cover, which must exist. */
  async function coverState(cover: CoverKeys) {
    const state = await world.client.fetch.liquidationCover(cover.cover);
    assert.ok(state, "the cover exists");
    return state;
  }

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
      // The worst case is reserved: 2 × 85 % × insured.
      assert.equal(big(event.reserved), (BigInt(insured) * USD * 17n) / 10n);
      assert.equal(big(event.dayTotal), total);
      assert.equal(big(event.cumulative), total);
      covers.push(coverKeys(world.pool, gina.wallet.publicKey, index, market));
      const cover = await coverState(covers[index]);
      assert.equal(variant(cover.status), "ongoing");
      assert.equal(big(cover.filledQty), 0n, "pending: nothing filled");
      assert.equal(big(cover.reserveBought), big(event.reserved));
    }
    assert.equal(await world.balance(gina.token), before - 230n * USD);
    const exposure = await world.client.fetch.exposure(world.pool, gina.wallet.publicKey, market);
    assert.ok(exposure);
    assert.equal(exposure.ongoing, 3);
    assert.equal(variant(exposure.side), "long");
    // 391 USDT reserved (1.7 × 230) out of 1 230 in the vault.
    const capacity = await world.client.capacity(world.pool);
    assert.equal(big(capacity.liabilities.coversReserved), 391n * USD);
    assert.equal(capacity.vaultBalance, 1_230n * USD);
    assert.equal(capacity.freeCapital, 839n * USD);
    assert.deepEqual(capacity.recorded, { vaultBalance: 1_230n * USD, freeCapital: 839n * USD });
  });

  it("the reporter reports fills into positions (order #102 only 4 of 10 lots)", async () => {
    for (const [index, cover] of covers.entries()) {
      const stored = await coverState(cover);
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
    // The reserve is released pro rata on the original reserve: 170 × 6/10 = 102.
    assert.equal(big(event.reserveReleased), 102n * USD);
    assert.equal(big(event.reservedRemaining), 68n * USD);
    assert.equal(await world.balance(gina.token), before + 60n * USD);
    const cover = await coverState(covers[2]);
    assert.equal(big(cover.margin), 120n * USD); // margin scales with the cancelled share
    assert.equal(big(cover.insuredBought), 100n * USD);
    assert.equal(big(cover.insured), 40n * USD);
    assert.equal(big(cover.refundOwed), 0n, "paid at once");

    const closed = eventNamed(
      (await world.sendAs(world.reporter, [await world.client.ix.closeOrderCover({ reporter: world.reporter.publicKey, keys: world.keys, cover: covers[2] })])).events,
      "coverClosed",
    );
    assert.equal(big(closed.insured), 40n * USD);
    assert.equal(big(closed.reserveReleased), 68n * USD);
    const after = await coverState(covers[2]);
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
        keys: world.keys,
        cover: covers[index],
        liquidatedQty: LOT,
        loss: world.usd(500),
      });
      const event = eventNamed((await world.sendAs(world.reporter, [ix])).events, "liquidationReported");
      assert.equal(big(event.loss), 500n * USD);
      assert.equal(big(event.reviewDeadline) - big((await coverState(covers[index])).liquidatedAt), BigInt(DAY));
      // The claim's cap: min(compensation now, the cover's reserve); the rest of the reserve is released.
      assert.ok(big(event.claimCap) > 0n);
      assert.equal(big(event.claimCap) + big(event.reserveReleased), (BigInt([80, 50][index]) * USD * 17n) / 10n);
    }
    liquidatedAt = (await coverState(covers[0])).liquidatedAt.toNumber();
    const pool = await world.poolState();
    const caps = await Promise.all([0, 1].map(async (i) => big((await coverState(covers[i])).reserved)));
    assert.equal(big((pool.liabilities as Liabilities).claimsUnderReview), caps[0] + caps[1]);
    assert.equal(big((pool.liabilities as Liabilities).coversReserved), 0n, "no cover is ongoing any more");
  });

  it("the reviewer approves #100: used 80 → ratio 85 % → 2 × 85 % × min(500, 200, 80) = 136", async () => {
    // Only the reviewer may decide before the deadline; nobody may finalise yet.
    await expectProgramError(
      world.sendAs(keeper, [await world.client.ix.reviewClaim({ reviewer: keeper.publicKey, keys: world.keys, cover: covers[0], approve: true })]),
      "NotReviewer",
    );
    await expectProgramError(
      world.sendAs(keeper, [await world.client.ix.finalizeClaim({ keeper: keeper.publicKey, keys: world.keys, cover: covers[0] })]),
      "ReviewDeadlineNotReached",
    );
    const ix = await world.client.ix.reviewClaim({ reviewer: world.reviewer.publicKey, keys: world.keys, cover: covers[0], approve: true });
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
      world.sendAs(world.reviewer, [await world.client.ix.reviewClaim({ reviewer: world.reviewer.publicKey, keys: world.keys, cover: covers[1], approve: false })]),
      "ReviewDeadlinePassed",
    );
    const ix = await world.client.ix.finalizeClaim({ keeper: keeper.publicKey, keys: world.keys, cover: covers[1] });
    const event = eventNamed((await world.sendAs(keeper, [ix])).events, "claimDecided");
    assert.equal(event.byTimeout, true);
    assert.ok(event.decidedBy.equals(keeper.publicKey));
    assert.equal(big(event.usedAfter), 130n * USD);
    assert.equal(event.ratioBps, 8_000);
    assert.equal(big(event.compensation), 80n * USD);
    assert.equal(big(event.books.liabilities.claimsUnderReview), 0n);
    const pool = await world.poolState();
    assert.equal(big(pool.liabilities.claimsUnderReview), 0n);
    assert.equal(big(pool.liabilities.vestingOwed), 216n * USD);
    assert.equal(big((await world.user(gina.wallet.publicKey)).liquidationUsed), 130n * USD);
  });

  it("vesting pays one 1/20 tranche a day from 12:00 local of the next day, to the full amount", async () => {
    const start = (await coverState(covers[0])).vestingStart.toNumber();
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
      const cover = await coverState(covers[index]);
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

describe("liquidation cover (c'): capacity, capital, a credited refund", () => {
  let world: World;
  let trader: Trader;
  let market: PublicKey;

  before(async () => {
    world = await World.create({ preset: "A" });
    market = await world.addMarket(2, btcMarket("ETH-PERP"));
    trader = await world.newTrader(null, 1_000);
  });

  const buy = async (insured: number, orderId = 1) =>
    world.sendAs(trader.wallet, [
      await world.client.buyLiquidationCover({
        trader: trader.wallet.publicKey,
        keys: world.keys,
        market,
        traderToken: trader.token,
        args: { orderId: new BN(orderId), side: Side.long, orderQty: new BN(LOT), margin: world.usd(200), insured: { amount: [world.usd(insured)] } },
      }),
    ]);

  it("an empty pool cannot back a cover: InsufficientCapacity; after deposit_capital the same cover sells", async () => {
    const empty = await world.client.capacity(world.pool);
    assert.deepEqual([empty.vaultBalance, empty.freeCapital, empty.maxInsured, empty.reserveBps], [0n, 0n, 0n, 17_000n]);
    // 50 insured needs a 85 reserve: 0 free + 50 paid in is not enough.
    await expectProgramError(buy(50), "InsufficientCapacity");
    assert.equal((await world.user(trader.wallet.publicKey)).liquidationCoverCount.toNumber(), 0, "nothing sold");

    const deposited = eventNamed((await world.depositCapital(world.usd(35))).events, "capitalDeposited");
    assert.equal(big(deposited.amount), 35n * USD);
    assert.equal(big(deposited.totalDeposited), 35n * USD);
    const funded = await world.client.capacity(world.pool);
    assert.equal(funded.freeCapital, 35n * USD);
    assert.equal(funded.maxInsured, 50n * USD, "35 free backs 50 insured: 35 + 50 = 1.7 × 50");
    assert.deepEqual(funded.recorded, { vaultBalance: 35n * USD, freeCapital: 35n * USD });

    const bought = eventNamed((await buy(50)).events, "liquidationCoverBought");
    assert.equal(big(bought.reserved), 85n * USD);
    assert.equal(big(bought.books.vaultBalance), 85n * USD);
    assert.equal(big(bought.books.liabilities.coversReserved), 85n * USD);
    const after = await world.client.capacity(world.pool);
    assert.deepEqual([after.vaultBalance, after.owed, after.freeCapital, after.maxInsured], [85n * USD, 85n * USD, 0n, 0n]);
    assert.equal(totalLiabilities(after.liabilities), 85n * USD);
    // Now full: even 1 USDT more is refused.
    await expectProgramError(buy(1, 2), "InsufficientCapacity");
  });

  it("a cancellation without the trader's account credits the refund; claim_refund pays it", async () => {
    const cover = coverKeys(world.pool, trader.wallet.publicKey, 0, market);
    const cancel = await world.client.ix.cancelOrderRemainder({ reporter: world.reporter.publicKey, keys: world.keys, cover, cancelledQty: LOT });
    const event = eventNamed((await world.sendAs(world.reporter, [cancel])).events, "orderCancelled");
    assert.equal(event.refundPaid, false);
    assert.equal(big(event.refund), 50n * USD);
    assert.equal(variant(event.outcome), "cancelled");
    assert.equal(big(event.books.liabilities.refundsOwed), 50n * USD);
    assert.equal(big(event.books.liabilities.coversReserved), 0n);
    const owed = await world.client.fetch.liquidationCover(cover.cover);
    assert.ok(owed);
    assert.equal(big(owed.refundOwed), 50n * USD);

    const before = await world.balance(trader.token);
    const claim = await world.client.ix.claimRefund({ owner: trader.wallet.publicKey, keys: world.keys, cover: cover.cover, destination: trader.token });
    const claimed = eventNamed((await world.sendAs(trader.wallet, [claim])).events, "refundClaimed");
    assert.equal(big(claimed.amount), 50n * USD);
    assert.equal(await world.balance(trader.token), before + 50n * USD);
    assert.equal(big(claimed.books.liabilities.refundsOwed), 0n);
    await expectProgramError(world.sendAs(trader.wallet, [claim]), "NothingToClaim");
    // The capital stays: 35 free again.
    assert.equal((await world.client.capacity(world.pool)).freeCapital, 35n * USD);
  });
});
