/**
 * Representative rejections, each a real signed transaction answered with the program's own
 * error code (as `AnchorError` through the provider, decoded by the SDK from any error shape),
 * and a rejected transaction changes no account.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { AnchorError, BN } from "@anchor-lang/core";
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";

import { ContractInsuranceErrorCode, Side, eventNamed, pda, programErrorOf, totalLiabilities, type Liabilities } from "@contract-insurance/sdk";

import { World, big, expectProgramError, type Trader } from "./lib/world";

describe("program error codes for representative rejections", () => {
  let world: World;
  let root: Trader;
  let child: Trader;
  let market: PublicKey;

  before(async () => {
    world = await World.create({ preset: "A" });
    root = await world.newTrader(null, 1_000);
    child = await world.newTrader(root, 1_000);
    market = await world.addMarket(3);
  });

  /** Raw account data of `keys`, to compare before and after a rejected transaction. */
  async function snapshot(keys: PublicKey[]): Promise<(string | null)[]> {
    const infos = await world.connection.getMultipleAccountsInfo(keys, "confirmed");
    return infos.map((info) => (info ? info.data.toString("base64") : null));
  }

  it("registration: self-referral and unregistered referrers", async () => {
    const wallet = await world.fundedKeypair();
    await expectProgramError(
      world.sendAs(wallet, [await world.client.ix.register({ wallet: wallet.publicKey, pool: world.pool, referrerNode: pda.referralNode(world.pool, wallet.publicKey) })]),
      "SelfReferral",
    );
    const stranger = Keypair.generate().publicKey;
    const error = await world
      .sendAs(wallet, [await world.client.ix.register({ wallet: wallet.publicKey, pool: world.pool, referrerNode: pda.referralNode(world.pool, stranger) })])
      .catch((err) => err);
    // Through the SDK sender a failed preflight surfaces as Anchor's AnchorError with the logs.
    assert.ok(error instanceof AnchorError, String(error));
    assert.equal(error.error.errorCode.code, "ReferrerNotRegistered");
    assert.equal(error.error.errorCode.number, ContractInsuranceErrorCode.ReferrerNotRegistered);
    assert.ok(error.logs.some((line: string) => line.includes("Error Code: ReferrerNotRegistered")));
  });

  it("premium tiers: zero, below, between tiers, off step, above", async () => {
    const cases: [number, keyof typeof ContractInsuranceErrorCode][] = [
      [0, "PremiumZero"],
      [500_000, "PremiumBelowMinimum"],
      [9_500_000, "PremiumBetweenTiers"],
      [15_000_000, "PremiumOffStep"],
      [1_000_000_000_000, "PremiumAboveMaximum"],
    ];
    for (const [premium, name] of cases) await expectProgramError(world.buy(root, premium), name);
  });

  it("a rejected purchase changes nothing", async () => {
    const watched = [world.pool, root.user, root.node, root.token, world.keys.vault, world.policyKey(root.wallet.publicKey, 0)];
    const before = await snapshot(watched);
    await expectProgramError(world.buy(root, 15_000_000), "PremiumOffStep");
    assert.deepEqual(await snapshot(watched), before);
  });

  it("the policy index is the trader's next one (PolicyIndexMismatch otherwise)", async () => {
    for (const policyIndex of [1, 7]) {
      const ix = await world.client.ix.buyPolicy({
        trader: root.wallet.publicKey,
        keys: world.keys,
        traderToken: root.token,
        policyIndex,
        premium: world.usd(10),
        uplines: [],
      });
      await expectProgramError(world.sendAs(root.wallet, [ix]), "PolicyIndexMismatch");
    }
  });

  it("the upline walk: wrong count, wrong link, read-only", async () => {
    const keys = world.keys;
    const build = (uplines: PublicKey[]) =>
      world.client.ix.buyPolicy({ trader: child.wallet.publicKey, keys, traderToken: child.token, policyIndex: 0, premium: world.usd(10), uplines });
    await expectProgramError(world.sendAs(child.wallet, [await build([])]), "UplineCountMismatch");
    await expectProgramError(world.sendAs(child.wallet, [await build([child.node])]), "UplineLinkMismatch");
    const readOnly: TransactionInstruction = await build([root.node]);
    readOnly.keys[readOnly.keys.length - 1].isWritable = false;
    await expectProgramError(world.sendAs(child.wallet, [readOnly]), "UplineNotWritable");
  });

  it("roles: admin, reporter and oracle authority are separate signers", async () => {
    const intruder = await world.fundedKeypair();
    await expectProgramError(
      world.sendAs(intruder, [await world.client.ix.setPaused({ admin: intruder.publicKey, pool: world.pool, paused: true })]),
      "NotAdmin",
    );
    await expectProgramError(
      world.sendAs(intruder, [
        await world.client.ix.openPosition({
          reporter: intruder.publicKey,
          pool: world.pool,
          market,
          owner: root.wallet.publicKey,
          positionId: 1,
          args: { side: Side.long, size: new BN(1), entryPrice: new BN(1), margin: new BN(0), openedAt: new BN(await world.now()) },
        }),
      ]),
      "NotReporter",
    );
    await expectProgramError(
      world.sendAs(intruder, [
        await world.client.ix.postMarkPrice({ oracleAuthority: intruder.publicKey, pool: world.pool, market, price: 1, conf: 0, publishTime: await world.now() }),
      ]),
      "NotOracleAuthority",
    );
    await expectProgramError(world.postPrice(market, 1_000, 0, (await world.now()) + 3_600), "PublishTimeInFuture");
    await expectProgramError(world.postPrice(market, 0, 0, await world.now()), "PriceNotPositive");
    // Only fresh prices enter a feed: nothing back-dated past the staleness bound, nothing within
    // the minimum spacing of the latest.
    await expectProgramError(world.postPrice(market, 1_000, 0, (await world.now()) - 120), "PriceStale");
    const now = await world.now();
    await world.postPrice(market, 1_000, 0, now);
    await expectProgramError(world.postPrice(market, 1_000, 0, now - 1), "ObservationNotNewer");
    await world.travelTo(now + 2);
    await expectProgramError(world.postPrice(market, 1_000, 0, now + 2), "ObservationTooSoon");
    // Role keys are four distinct keys.
    await expectProgramError(
      world.send([
        await world.client.ix.setRoles({
          admin: world.admin.publicKey,
          pool: world.pool,
          roles: { ...world.roles(), reviewer: world.reporter.publicKey },
        }),
      ]),
      "RoleKeysNotDistinct",
    );
    await expectProgramError(
      world.send([
        await world.client.ix.setRoles({ admin: world.admin.publicKey, pool: world.pool, roles: { ...world.roles(), reporter: world.admin.publicKey } }),
      ]),
      "RoleKeysNotDistinct",
    );
  });

  it("pause stops new purchases only; the admin transfer is two-step", async () => {
    const pause = async (paused: boolean) =>
      world.send([await world.client.ix.setPaused({ admin: world.admin.publicKey, pool: world.pool, paused })]);
    eventNamed((await pause(true)).events, "pauseChanged");
    await expectProgramError(pause(true), "PauseStateUnchanged");
    await expectProgramError(world.buy(root, world.usd(10)), "PoolPaused");
    // Registration and claims keep working while paused.
    await world.newTrader(root, 0);
    await pause(false);
    await world.buy(child, world.usd(10)); // accrues 1.5 USDT commission to root

    const next = await world.fundedKeypair();
    await expectProgramError(
      world.sendAs(next, [await world.client.ix.acceptAdmin({ newAdmin: next.publicKey, pool: world.pool })]),
      "NoPendingAdmin",
    );
    await world.send([await world.client.ix.proposeAdmin({ admin: world.admin.publicKey, pool: world.pool, proposedAdmin: next.publicKey })]);
    const intruder = await world.fundedKeypair();
    await expectProgramError(
      world.sendAs(intruder, [await world.client.ix.acceptAdmin({ newAdmin: intruder.publicKey, pool: world.pool })]),
      "NotPendingAdmin",
    );
    const accepted = eventNamed(
      (await world.sendAs(next, [await world.client.ix.acceptAdmin({ newAdmin: next.publicKey, pool: world.pool })])).events,
      "adminTransferred",
    );
    assert.ok(accepted.newAdmin.equals(next.publicKey));
    assert.ok((await world.poolState()).admin.equals(next.publicKey));
    // The old admin is now refused; hand it back.
    await expectProgramError(pause(true), "NotAdmin");
    await world.sendAs(next, [await world.client.ix.proposeAdmin({ admin: next.publicKey, pool: world.pool, proposedAdmin: world.admin.publicKey })]);
    await world.send([await world.client.ix.acceptAdmin({ newAdmin: world.admin.publicKey, pool: world.pool })]);
  });

  it("treasury: only the surplus over what is owed can be withdrawn", async () => {
    const pool = await world.poolState();
    const vault = await world.vaultBalance();
    const owed = totalLiabilities(pool.liabilities as Liabilities);
    assert.equal(owed, 1_500_000n, "commission accrued by the purchase above");
    const surplus = vault - owed;
    const destination = await world.tokenAccount(world.keys.premiumMint, world.admin.publicKey);
    const withdraw = async (amount: bigint) =>
      world.send([await world.client.ix.withdrawSurplus({ admin: world.admin.publicKey, keys: world.keys, destination, amount })]);
    await expectProgramError(withdraw(surplus + 1n), "WithdrawExceedsSurplus");
    await expectProgramError(withdraw(0n), "ZeroAmount");
    const event = eventNamed((await withdraw(surplus)).events, "surplusWithdrawn");
    assert.equal(big(event.amount), surplus);
    assert.equal(big(event.books.vaultBalance), owed);
    const capacity = await world.client.capacity(world.pool);
    assert.equal(capacity.freeCapital, 0n);
    assert.equal(await world.vaultBalance(), owed);
    assert.equal(await world.balance(destination), surplus);
  });

  it("error numbers decode from every client error shape", () => {
    const code = ContractInsuranceErrorCode.SelfReferral;
    assert.equal(programErrorOf({ InstructionError: [0, { Custom: code }] })?.name, "SelfReferral");
    assert.equal(programErrorOf(new Error(`failed: custom program error: 0x${code.toString(16)}`))?.name, "SelfReferral");
    const notCompensating = ContractInsuranceErrorCode.PolicyNotCompensating;
    assert.equal(
      programErrorOf(new Error(`{"err":{"InstructionError":[1,{"Custom":${notCompensating}}]}}`))?.name,
      "PolicyNotCompensating",
    );
    assert.equal(programErrorOf(new Error("fetch failed")), null);
  });
});
