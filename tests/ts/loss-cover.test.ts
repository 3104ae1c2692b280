/**
 * Loss cover, the main product, end to end on cip-validator:
 * (a) preset A pool, referral tree, purchases across tiers with the commission walk, claims;
 * (b) preset B pool, positions reported with the venue's times, settlement at expiry (clock moved
 *     by time travel; marks from the market's feed nearest the end) and early settlement,
 *     compensation minting the credits fixed at purchase with upline rebates, rebate claims.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN, Wallet } from "@anchor-lang/core";
import type { PublicKey } from "@solana/web3.js";

import { Side, eventNamed, pda, variant, type PolicyTerms } from "@contract-insurance/sdk";

import { World, big, btcMarket, expectProgramError, type Trader } from "./lib/world";

const USD = 1_000_000n; // 6 decimals
const BTC = 1_000_000; // position size: 6 decimals

describe("loss cover (a): referral tree, purchases across tiers, commission walk, claim", () => {
  let world: World;
  const people: Record<string, Trader> = {};

  before(async () => {
    world = await World.create({ preset: "A" });
  });

  it("registers a referral tree with depths and assigned levels", async () => {
    // (name, referrer, assigned level): a tree four deep with assigned levels, preset A.
    const plan: [string, string | null, number][] = [
      ["alice", null, 3],
      ["bob", "alice", 2],
      ["carol", "bob", 0],
      ["dave", "carol", 0],
      ["erin", "dave", 0],
      ["frank", "alice", 0],
    ];
    for (const [name, referrer, level] of plan) {
      people[name] = await world.newTrader(referrer ? people[referrer] : null, 20_000);
      if (level > 0) {
        const receipt = await world.assignLevel(people[name], level);
        const event = eventNamed(receipt.events, "levelAssigned");
        assert.equal(event.newAssignedLevel, level);
        assert.equal(event.effectiveLevel, level);
      }
    }
    const erin = await world.node(people.erin.wallet.publicKey);
    assert.equal(erin.depth, 4);
    assert.ok(erin.parent?.equals(people.dave.node));
    assert.ok((await world.node(people.dave.wallet.publicKey)).owner.equals(people.dave.wallet.publicKey), "the referrer is the parent node's owner");
    assert.equal((await world.node(people.alice.wallet.publicKey)).directReferrals, 2);
    assert.equal((await world.poolState()).totals.usersRegistered.toNumber(), 6);
    // The SDK resolves exactly min(depth, max_depth) uplines, direct referrer first.
    const uplines = await world.client.uplinesOf(world.pool, people.erin.wallet.publicKey);
    assert.deepEqual(
      uplines.map((key) => key.toBase58()),
      [people.dave, people.carol, people.bob, people.alice].map((t) => t.node.toBase58()),
    );
  });

  it("erin buys 5 USDT (tier 1): 15 % to dave, same-level cut at carol; premium moves to the vault", async () => {
    const before = await world.balance(people.erin.token);
    const receipt = await world.buy(people.erin, world.usd(5));
    const event = eventNamed(receipt.events, "policyPurchased");
    assert.equal(event.tier, 0);
    const terms = event.terms as PolicyTerms;
    assert.equal(big(terms.premium), 5n * USD);
    assert.equal(big(terms.trigger), 50n * USD);
    assert.equal(big(terms.payout), 25n * USD);
    assert.equal(big(terms.payoutCredits), 25n * USD, "1 credit per USDT of payout (hashrate_per_usdt 100 %)");
    assert.equal(big(terms.end) - big(terms.start), 86_400n);
    assert.deepEqual([terms.markGuards.maxStaleness, terms.markGuards.maxConfBps, terms.settlementGrace], [60, 200, 3_600]);
    // The books after the purchase: the premium in the vault, the commission owed.
    assert.equal(big(event.books.vaultBalance), 5n * USD);
    assert.equal(big(event.books.liabilities.commissionOwed), 750_000n);
    assert.deepEqual(
      event.commissions.map((share) => [share.owner.toBase58(), share.rateBps, big(share.amount)]),
      [
        [people.dave.wallet.publicKey.toBase58(), 1_500, 750_000n],
        // Walked nodes past the cut are listed with 0 (their team volume still grows).
        [people.carol.wallet.publicKey.toBase58(), 1_500, 0n],
        [people.bob.wallet.publicKey.toBase58(), 2_300, 0n],
        [people.alice.wallet.publicKey.toBase58(), 2_500, 0n],
      ],
    );
    assert.equal(event.cutAt, 1);
    assert.equal(big(event.totalCommission), 750_000n);
    assert.equal(await world.balance(people.erin.token), before - 5n * USD);
    assert.equal(await world.vaultBalance(), 5n * USD);

    const policy = await world.policy(people.erin.wallet.publicKey, 0);
    assert.ok(policy);
    assert.equal(variant(policy.status), "active");
    assert.ok(policy.owner.equals(people.erin.wallet.publicKey));
    assert.deepEqual(policy.terms, event.terms, "terms fixed at purchase, as the event reported them");
    const user = await world.user(people.erin.wallet.publicKey);
    assert.equal(user.activePolicyIndex?.toNumber(), 0, "the active policy is the one at index 0");
    assert.equal(user.policyCount.toNumber(), 1);
    // Team volume grows on every walked node, even past the cut.
    for (const name of ["dave", "carol", "bob", "alice"]) {
      assert.equal(big((await world.node(people[name].wallet.publicKey)).teamVolume), 5n * USD, name);
    }
  });

  it("purchases across tiers pay the differential commission up the tree", async () => {
    const expectations: [string, number, bigint[]][] = [
      ["dave", 50, [7_500_000n, 4_000_000n, 1_000_000n]], // carol 15 %, bob 23-15, alice 25-23
      ["carol", 300, [69_000_000n, 6_000_000n]], // bob 23 %, alice 2 %
      ["bob", 10_000, [2_500_000_000n]], // alice 25 %
    ];
    for (const [name, premium, amounts] of expectations) {
      const receipt = await world.buy(people[name], world.usd(premium));
      const event = eventNamed(receipt.events, "policyPurchased");
      assert.deepEqual(event.commissions.map((share) => big(share.amount)), amounts, name);
      assert.equal(event.cutAt, null);
    }
    // frank buys through a wallet that only signs (the SDK builds, the wallet signs).
    const frank = people.frank;
    const ix = await world.client.buyPolicy({
      trader: frank.wallet.publicKey,
      keys: world.keys,
      traderToken: frank.token,
      premium: world.usd(2_000),
    });
    const receipt = await world.client.sendAndDecode([ix], new Wallet(frank.wallet));
    const event = eventNamed(receipt.events, "policyPurchased");
    assert.equal(event.tier, 3);
    assert.deepEqual(event.commissions.map((share) => big(share.amount)), [500_000_000n]);

    const earned = async (name: string) => big((await world.node(people[name].wallet.publicKey)).commissionEarned);
    assert.equal(await earned("dave"), 750_000n);
    assert.equal(await earned("carol"), 7_500_000n);
    assert.equal(await earned("bob"), 73_000_000n);
    assert.equal(await earned("alice"), 3_007_000_000n);
    const pool = await world.poolState();
    assert.equal(pool.totals.policiesSold.toNumber(), 5);
    assert.equal(big(pool.totals.premiumsCollected), 12_355n * USD);
    assert.equal(big(pool.liabilities.commissionOwed), 3_088_250_000n);
    assert.equal(big((await world.node(people.alice.wallet.publicKey)).teamVolume), 12_355n * USD);
  });

  it("claim_commission pays the node's commission from the vault (Anchor .rpc())", async () => {
    const bob = people.bob;
    const before = await world.balance(bob.token);
    const vaultBefore = await world.vaultBalance();
    const signature = await world.program.methods
      .claimCommission()
      .accountsStrict({
        owner: bob.wallet.publicKey,
        premiumMint: world.keys.premiumMint,
        pool: world.pool,
        vault: world.keys.vault,
        tokenProgram: world.keys.tokenProgram,
        referralNode: bob.node,
        destination: bob.token,
        eventAuthority: pda.eventAuthority(),
        program: world.program.programId,
      })
      .signers([bob.wallet])
      .rpc();
    const event = eventNamed((await world.client.receipt(signature)).events, "commissionClaimed");
    assert.equal(big(event.amount), 73n * USD);
    assert.equal(big(event.books.liabilities.commissionOwed), 3_088_250_000n - 73n * USD);
    assert.equal(await world.balance(bob.token), before + 73n * USD);
    assert.equal(await world.vaultBalance(), vaultBefore - 73n * USD);
    const node = await world.node(bob.wallet.publicKey);
    assert.equal(big(node.commissionClaimed), 73n * USD);
    assert.equal(big((await world.poolState()).liabilities.commissionOwed), 3_088_250_000n - 73n * USD);
    // Nothing left: a second claim is refused with the program's error code.
    await expectProgramError(
      world.sendAs(bob.wallet, [await world.client.ix.claimCommission({ owner: bob.wallet.publicKey, keys: world.keys, destination: bob.token })]),
      "NothingToClaim",
    );
  });

  it("one active policy at a time; cover cannot be bought with positions open", async () => {
    await expectProgramError(world.buy(people.erin, world.usd(5)), "PolicyAlreadyActive");
    const market = await world.addMarket(1);
    const alice = people.alice;
    await world.openPosition(alice.wallet.publicKey, market, 1, {
      side: Side.long,
      size: new BN(BTC),
      entryPrice: new BN(60_000).mul(new BN(1_000_000)),
      margin: world.usd(1_000),
    });
    await expectProgramError(world.buy(alice, world.usd(100)), "TraderHasOpenPositions");
  });
});

describe("loss cover (b): positions, settlement at expiry and early, compensation, rebates", () => {
  let world: World;
  const people: Record<string, Trader> = {};
  let market: PublicKey;
  let start: number;
  const price = (whole: number) => new BN(whole).mul(new BN(1_000_000));

  before(async () => {
    world = await World.create({ preset: "B" });
    const plan: [string, string | null, number][] = [
      ["alice", null, 10],
      ["bob", "alice", 3],
      ["carol", "bob", 1],
      ["dave", "carol", 0],
      ["erin", "carol", 0],
      ["frank", "carol", 0],
    ];
    for (const [name, referrer, level] of plan) {
      people[name] = await world.newTrader(referrer ? people[referrer] : null, 1_000);
      if (level > 0) await world.assignLevel(people[name], level);
    }
    market = await world.addMarket(1);
  });

  it("three policies bought, positions opened inside their windows attach to them", async () => {
    start = await world.now();
    for (const [name, premium] of [["dave", 100], ["erin", 100], ["frank", 10]] as const) {
      const event = eventNamed((await world.buy(people[name], world.usd(premium))).events, "policyPurchased");
      assert.equal(big(event.totalCommission), 0n, "preset B pays no premium commission");
    }
    const open = async (name: string, side: typeof Side.long, size: number) => {
      const receipt = await world.openPosition(people[name].wallet.publicKey, market, 1, {
        side,
        size: new BN(size),
        entryPrice: price(60_000),
        margin: world.usd(5_000),
      });
      const event = eventNamed(receipt.events, "positionOpened");
      const policy = world.policyKey(people[name].wallet.publicKey, 0);
      assert.ok(event.policy?.equals(policy), name);
      assert.ok(event.exposure?.equals(pda.policyExposure(policy, market)), name);
      assert.equal(event.voidedPolicy, null);
      assert.equal(event.openPositions, 1);
    };
    await open("dave", Side.long, BTC);
    await open("erin", Side.short, BTC / 2);
    await open("frank", Side.long, BTC / 100);
    const davePolicy = world.policyKey(people.dave.wallet.publicKey, 0);
    const pairs = await world.client.settlementPairs(davePolicy);
    assert.equal(pairs.length, 1);
    assert.ok(pairs[0].exposure.equals(pda.policyExposure(davePolicy, market)));
    assert.ok(pairs[0].markPriceFeed.equals(pda.markPriceFeed(market)));
    // The exposure keeps the sums of the attached positions: long 1 BTC at 60,000.
    const exposure = await world.client.fetch.policyExposure(davePolicy, market);
    assert.ok(exposure);
    assert.equal(big(exposure.netSize), BigInt(BTC));
    assert.equal(big(exposure.netEntryValue), BigInt(BTC) * big(price(60_000)));
    assert.ok(exposure.rentPayer.equals(world.reporter.publicKey), "the reporter paid its rent");
  });

  it("+6 h: dave realizes a loss; erin's single position passes the trigger: early settlement", async () => {
    await world.travelTo(start + 6 * 3_600);
    const closed = eventNamed(
      (await world.updatePosition(people.dave.wallet.publicKey, 1, { kind: "close", size: BTC / 2, price: price(59_000), fee: world.usd(5) })).events,
      "positionReduced",
    );
    assert.equal(big(closed.realizedPnl), -505n * USD); // 0.5 × (59,000 − 60,000) − 5
    assert.equal(closed.counted, true);

    // Early settlement needs the trigger: refused below it.
    const publishTime = await world.now();
    await world.postPrice(market, price(61_000), 0, publishTime);
    const erin = people.erin;
    const erinPolicy = world.policyKey(erin.wallet.publicKey, 0);
    const early = await world.client.requestEarlySettlement({
      owner: erin.wallet.publicKey,
      pool: world.pool,
      policy: erinPolicy,
      positionId: 1,
    });
    assert.ok(early.keys.some((key) => key.pubkey.equals(pda.markPriceFeed(market))), "the open position is valued at its market's feed");
    await expectProgramError(world.sendAs(erin.wallet, [early]), "LossBelowTrigger");

    // (A second post for the same publish time is a correction: the latest mark is 62,100.)
    const corrected = eventNamed((await world.postPrice(market, price(62_100), world.usd(2), publishTime)).events, "markPriceRecorded");
    assert.equal(corrected.correction, true);
    const settled = eventNamed((await world.sendAs(erin.wallet, [early])).events, "policySettled");
    assert.equal(variant(settled.kind), "early");
    assert.equal(big(settled.loss), 1_050n * USD); // short 0.5 × (62,100 − 60,000)
    assert.equal(variant(settled.status), "compensating");
    assert.ok(settled.earlyValuation);
    assert.equal(big(settled.earlyValuation.markPrice), big(price(62_100)));
    // A Compensating policy cannot be settled again.
    await expectProgramError(world.sendAs(erin.wallet, [early]), "PolicyNotActive");
  });

  it("settlement opens once the window's prices are final, then values each market at the mark nearest the end", async () => {
    const dave = people.dave.wallet.publicKey;
    await expectProgramError(world.settle(dave, 0), "SettlementNotOpen");
    const end = Math.max(...(await Promise.all(["dave", "frank"].map(async (name) => (await world.terms(people[name].wallet.publicKey, 0)).end.toNumber()))));
    await world.travelTo(end);
    await world.postPrice(market, price(58_800), world.usd(3), end);
    // Reports are never frozen: dave's remaining half closes after the end at 57,000; the venue
    // time is past the window, so it does not count (the policy values what was open at the end).
    await world.travelTo(end + 10);
    const late = eventNamed(
      (await world.updatePosition(dave, 1, { kind: "close", size: BTC / 2, price: price(57_000), fee: 0 })).events,
      "positionReduced",
    );
    assert.equal(late.counted, false);
    assert.equal(late.closed, true);
    await expectProgramError(world.settle(dave, 0), "SettlementNotOpen");
    await world.travelTo(Math.max(await world.settlementOpensAt(dave, 0), await world.settlementOpensAt(people.frank.wallet.publicKey, 0)));

    const daveReceipt = await world.settle(dave, 0);
    const valued = eventNamed(daveReceipt.events, "exposuresValued");
    assert.equal(valued.valuations.length, 1);
    assert.equal(big(valued.valuations[0].markPrice), big(price(58_800)));
    assert.equal(big(valued.valuations[0].markPublishTime), BigInt(end));
    assert.equal(variant(valued.valuations[0].markSource), "canonical");
    const daveSettled = eventNamed(daveReceipt.events, "policySettled");
    assert.equal(variant(daveSettled.kind), "atExpiry");
    assert.equal(daveSettled.exposures, 1);
    assert.equal(big(daveSettled.realizedPnl), -505n * USD);
    assert.equal(big(daveSettled.unrealizedPnl), -600n * USD); // 0.5 × (58,800 − 60,000)
    assert.equal(big(daveSettled.loss), 1_105n * USD);
    assert.equal(variant(daveSettled.status), "compensating");

    const frankSettled = eventNamed((await world.settle(people.frank.wallet.publicKey, 0)).events, "policySettled");
    assert.equal(big(frankSettled.loss), 12n * USD); // 0.01 × 1,200 < trigger 100
    assert.equal(variant(frankSettled.status), "completed");
    assert.equal(variant(frankSettled.outcome), "expired");
    assert.equal((await world.user(people.frank.wallet.publicKey)).activePolicyIndex, null);
    // Settled: erin early, dave and frank at expiry.
    assert.equal((await world.poolState()).totals.policiesSettled.toNumber(), 3);
  });

  it("issue_compensation mints the payout in credits and accrues rebates up the tree", async () => {
    for (const name of ["dave", "erin"]) {
      const owner = people[name].wallet.publicKey;
      const receipt = await world.issueCompensation(owner, 0);
      const event = eventNamed(receipt.events, "compensationIssued");
      assert.equal(big(event.credits), 500n * USD);
      assert.equal(event.deferred, false);
      assert.ok(event.creditAccount.equals(world.creditAccount(owner)));
      assert.deepEqual(
        event.rebates.map((share) => [share.owner.toBase58(), share.rateBps, big(share.rebate), big(share.bonus)]),
        [
          [people.carol.wallet.publicKey.toBase58(), 500, 25n * USD, 25n * USD], // V1 5 % + 5 % direct bonus
          [people.bob.wallet.publicKey.toBase58(), 1_100, 30n * USD, 0n], // V3 11 − 5
          [people.alice.wallet.publicKey.toBase58(), 3_300, 110n * USD, 0n], // V10 33 − 11
        ],
      );
      assert.equal(big(event.totalRebates), 190n * USD);
      assert.equal(await world.balance(world.creditAccount(owner)), 500n * USD);
      const policy = await world.policy(owner, 0);
      assert.ok(policy);
      assert.equal(variant(policy.status), "completed");
      assert.equal(variant(policy.outcome), "paid");
      assert.equal(big(policy.terms.payoutCredits), 500n * USD, "paid: the credits fixed at purchase");
      assert.equal(big((await world.user(owner)).totalCompensationCredits), 500n * USD);
      // Pays at most once.
      await expectProgramError(world.issueCompensation(owner, 0), "PolicyNotCompensating");
    }
    const pool = await world.poolState();
    assert.equal(pool.totals.policiesCompensated.toNumber(), 2);
    assert.equal(big(pool.totals.compensationCredits), 1_000n * USD);
    assert.equal(big(pool.totals.rebatesAccrued), 380n * USD);
  });

  it("claim_rebate mints the accrued rebate credits once", async () => {
    const carol = people.carol;
    const destination = await world.tokenAccount(world.keys.creditMint, carol.wallet.publicKey);
    const receipt = await world.sendAs(carol.wallet, [
      await world.client.ix.claimRebate({ owner: carol.wallet.publicKey, keys: world.keys, destination }),
    ]);
    const event = eventNamed(receipt.events, "rebateClaimed");
    assert.equal(big(event.credits), 100n * USD);
    assert.equal(await world.balance(destination), 100n * USD);
    await expectProgramError(
      world.sendAs(carol.wallet, [await world.client.ix.claimRebate({ owner: carol.wallet.publicKey, keys: world.keys, destination })]),
      "NothingToClaim",
    );
    const supply = await world.connection.getTokenSupply(world.keys.creditMint);
    assert.equal(BigInt(supply.value.amount), 1_100n * USD);
  });

  it("after settlement the reporter closes the remaining positions and the accounts are closed", async () => {
    assert.equal(await world.connection.getAccountInfo(pda.position(world.pool, people.dave.wallet.publicKey, 1), "confirmed"), null, "closed after the end");
    for (const [name, size] of [["erin", BTC / 2], ["frank", BTC / 100]] as const) {
      const owner = people[name].wallet.publicKey;
      const event = eventNamed(
        (await world.updatePosition(owner, 1, { kind: "close", size, price: price(58_800), fee: 0 })).events,
        "positionReduced",
      );
      assert.equal(event.closed, true);
      assert.equal(await world.connection.getAccountInfo(pda.position(world.pool, owner, 1), "confirmed"), null);
      assert.equal((await world.user(owner)).openPositions, 0);
    }
  });
});
