/**
 * Mining pool end to end on cip-validator: hashrate credits earned through loss-cover
 * compensation are staked, earn the reward token pro rata to stake × time (u128 reward-per-share
 * accumulator), are claimed, and unstaked after the cool-down; the admin takes back rewards not
 * yet emitted; an emptied miner is closed by anyone with its rent back to the owner.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import type { PublicKey } from "@solana/web3.js";

import {
  createMint,
  eventNamed,
  pda,
  miningKeys,
  mintTokens,
  type MiningKeys,
} from "@contract-insurance/sdk";

import { World, big, expectProgramError, type Trader } from "./lib/world";

const USD = 1_000_000n;
const RATE = 10n * USD; // reward base units per second

describe("mining pool (d): stake credits, accrue, claim, unstake after the cool-down", () => {
  let world: World;
  let mining: MiningKeys;
  let rewardMint: PublicKey;
  const miners: Record<string, { trader: Trader; credits: bigint; stakedAt: number }> = {};
  let frankClaimAt = 0;

  before(async () => {
    world = await World.create({ preset: "A" });
    for (const [name, premium] of [["carol", 100], ["frank", 300]] as const) {
      const trader = await world.newTrader(null, 0);
      const credits = await world.earnCredits(trader, premium);
      assert.equal(credits, 5n * BigInt(premium) * USD, "payout = 5 × premium, minted as credits");
      miners[name] = { trader, credits, stakedAt: 0 };
    }
  });

  it("the admin creates the mining pool and funds the reward vault", async () => {
    rewardMint = await createMint(world.connection, world.mintAuthority, world.mintAuthority.publicKey, 6);
    mining = miningKeys(world.keys, rewardMint);
    const params = { rewardPerSecond: new BN(RATE.toString()), endTime: null, unstakeAllowed: true, unstakeCooldown: new BN(86_400) };
    const init = eventNamed(
      (await world.send([await world.client.ix.initMiningPool({ admin: world.admin.publicKey, mining, params })])).events,
      "miningPoolInitialized",
    );
    assert.ok(init.stakeMint.equals(world.keys.creditMint));
    assert.ok(init.rewardVault.equals(mining.rewardVault));

    const treasury = await world.tokenAccount(rewardMint, world.admin.publicKey);
    await mintTokens(world.connection, world.mintAuthority, rewardMint, treasury, world.mintAuthority, 2_000_000n * USD, 6);
    const funded = eventNamed(
      (await world.send([await world.client.ix.fundRewards({ admin: world.admin.publicKey, mining, source: treasury, amount: 1_000_000n * USD })])).events,
      "rewardsFunded",
    );
    assert.equal(big(funded.rewardVaultBalance), 1_000_000n * USD);
    assert.equal(big(funded.accumulator.funded), 1_000_000n * USD);
    assert.equal(await world.balance(mining.rewardVault), 1_000_000n * USD);
  });

  it("carol stakes at t0, frank one hour later", async () => {
    const t0 = await world.now();
    for (const [name, delay] of [["carol", 0], ["frank", 3_600]] as const) {
      if (delay > 0) await world.travelTo(t0 + delay);
      const { trader, credits } = miners[name];
      const source = world.creditAccount(trader.wallet.publicKey);
      const receipt = await world.sendAs(trader.wallet, [
        await world.client.ix.stake({ owner: trader.wallet.publicKey, mining, source, amount: credits }),
      ]);
      const event = eventNamed(receipt.events, "staked");
      assert.equal(big(event.amount), credits);
      assert.equal(big(event.staked), credits);
      miners[name].stakedAt = event.accumulator.lastUpdate.toNumber();
      assert.equal(await world.balance(source), 0n);
    }
    const state = await world.client.fetch.miningPool(world.pool);
    assert.equal(big(state.accumulator.totalStaked), miners.carol.credits + miners.frank.credits);
    assert.equal(state.miners.toNumber(), 2);
    assert.equal(await world.balance(mining.stakeVault), miners.carol.credits + miners.frank.credits);
  });

  it("+24 h both claim: rewards match stake × time (rounded down, never above)", async () => {
    await world.travelTo(miners.carol.stakedAt + 86_400);
    const c = miners.carol.credits;
    const f = miners.frank.credits;
    const t0 = BigInt(miners.carol.stakedAt);
    const t1 = BigInt(miners.frank.stakedAt);
    let totalClaimed = 0n;
    for (const name of ["carol", "frank"]) {
      const { trader } = miners[name];
      const destination = await world.tokenAccount(rewardMint, trader.wallet.publicKey);
      const receipt = await world.sendAs(trader.wallet, [
        await world.client.ix.claimRewards({ owner: trader.wallet.publicKey, mining, destination }),
      ]);
      const event = eventNamed(receipt.events, "rewardsClaimed");
      const at = big(event.accumulator.lastUpdate);
      if (name === "frank") frankClaimAt = Number(at);
      // Ideal (exact) shares; the accumulator rounds down by at most a few base units.
      const ideal =
        name === "carol" ? RATE * (t1 - t0) + (RATE * (at - t1) * c) / (c + f) : (RATE * (at - t1) * f) / (c + f);
      const paid = big(event.amount);
      assert.ok(paid <= ideal && ideal - paid <= 5n, `${name}: paid ${paid}, ideal ${ideal}`);
      assert.equal(await world.balance(destination), paid);
      totalClaimed += paid;
    }
    const state = await world.client.fetch.miningPool(world.pool);
    assert.equal(big(state.claimed), totalClaimed);
    assert.ok(big(state.accumulator.emitted) >= totalClaimed);
    assert.ok(big(state.accumulator.emitted) <= big(state.accumulator.funded));
    assert.equal(await world.balance(mining.rewardVault), 1_000_000n * USD - totalClaimed);
  });

  it("unstaking waits for the 24 h cool-down after the last stake, then returns the credits", async () => {
    const { trader, credits } = miners.frank;
    const destination = world.creditAccount(trader.wallet.publicKey);
    const unstake = async (amount: bigint) =>
      world.sendAs(trader.wallet, [
        await world.client.ix.unstake({ owner: trader.wallet.publicKey, mining, destination, amount }),
      ]);
    await expectProgramError(unstake(credits / 2n), "UnstakeCooldownActive");
    await expectProgramError(unstake(credits + 1n), "InsufficientStake");
    await world.travelTo(miners.frank.stakedAt + 86_400);
    const event = eventNamed((await unstake(credits / 2n)).events, "unstaked");
    assert.equal(big(event.amount), credits / 2n);
    assert.equal(big(event.staked), credits / 2n);
    assert.ok(big(event.pending) > 0n, "rewards since the claim stay pending");
    assert.ok(big(event.accumulator.lastUpdate) > BigInt(frankClaimAt));
    assert.equal(await world.balance(destination), credits / 2n);
    const miner = await world.client.fetch.miner(mining.miningPool, trader.wallet.publicKey);
    assert.ok(miner);
    assert.equal(big(miner.staked), credits / 2n);
    await expectProgramError(
      world.sendAs(trader.wallet, [
        await world.client.ix.stake({ owner: trader.wallet.publicKey, mining, source: destination, amount: 0 }),
      ]),
      "ZeroAmount",
    );
  });

  it("the admin takes back funded rewards not yet emitted, never more", async () => {
    const destination = await world.tokenAccount(rewardMint, world.admin.publicKey);
    const state = await world.client.fetch.miningPool(world.pool);
    // The accumulator moves on with the clock: take well under what is unemitted now.
    const unemitted = big(state.accumulator.funded) - big(state.accumulator.emitted);
    const withdraw = async (amount: bigint) =>
      world.send([await world.client.ix.withdrawRewards({ admin: world.admin.publicKey, mining, destination, amount })]);
    await expectProgramError(withdraw(big(state.accumulator.funded)), "WithdrawExceedsUnemitted");
    const before = await world.balance(destination);
    const event = eventNamed((await withdraw(unemitted / 2n)).events, "rewardsWithdrawn");
    assert.equal(big(event.amount), unemitted / 2n);
    assert.equal(await world.balance(destination), before + unemitted / 2n);
    assert.equal(big(event.rewardVaultBalance), await world.balance(mining.rewardVault));
    assert.equal(big(event.accumulator.funded), big(state.accumulator.funded) - unemitted / 2n);
  });

  it("an emptied miner closes (anyone may send it), rent back to the owner; a staked one does not", async () => {
    const { trader, credits } = miners.carol;
    const owner = trader.wallet.publicKey;
    const closer = await world.fundedKeypair();
    const close = async () => world.sendAs(closer, [await world.client.closeMiner({ closer: closer.publicKey, miningPool: mining.miningPool, owner })]);
    await expectProgramError(close(), "MinerNotEmpty");
    const destination = world.creditAccount(owner);
    const rewards = await world.tokenAccount(rewardMint, owner);
    await world.travelTo((await world.now()) + 86_400);
    await world.sendAs(trader.wallet, [
      await world.client.ix.unstake({ owner, mining, destination, amount: credits }),
      await world.client.ix.claimRewards({ owner, mining, destination: rewards }),
    ]);
    const miner = pda.miner(mining.miningPool, owner);
    const rent = (await world.connection.getAccountInfo(miner, "confirmed"))!.lamports;
    const ownerBefore = await world.connection.getBalance(owner, "confirmed");
    const event = eventNamed((await close()).events, "minerClosed");
    assert.ok(event.rentRecipient.equals(owner));
    assert.equal(big(event.lamports), BigInt(rent));
    assert.equal(big(event.finalState.claimed) > 0n, true);
    assert.equal(await world.connection.getBalance(owner, "confirmed"), ownerBefore + rent, "the rent went to the owner, not the closer");
    assert.equal(await world.client.fetch.miner(mining.miningPool, owner), null);
    assert.equal((await world.client.fetch.miningPool(world.pool)).miners.toNumber(), 1);
    // Its history stays readable from the closing event.
    const closed = await world.client.closed.miner(miner);
    assert.ok(closed);
    assert.equal(big(closed.event.finalState.staked), 0n);
  });
});
