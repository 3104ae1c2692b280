/**
 * The SDK against the program's own IDL and accounts: one builder per instruction, PDAs equal to
 * what Anchor resolves from the IDL's seeds, memcmp offsets equal to the real account layout, the
 * settlement batch size against the legacy transaction limit, events decoded from both
 * `getTransaction` and `getParsedTransaction`, and a wallet that only signs (no secret key in the
 * SDK's hands).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { BN } from "@anchor-lang/core";
import { Keypair, PACKET_DATA_SIZE, Transaction, type PublicKey, type VersionedTransaction } from "@solana/web3.js";

import {
  CipInstructions,
  IDL,
  OFFSETS,
  PROGRAM_ID,
  SETTLEMENT_BATCH_MAX,
  Side,
  buildTransaction,
  decodeEventData,
  decodeEvents,
  eventNamed,
  maxSettlementPairs,
  pda,
  settlementBatches,
  settlementTransactionSize,
  type SigningWallet,
} from "@contract-insurance/sdk";

import { World, btcMarket, type Trader } from "./lib/world";

describe("SDK: builders, PDAs, layouts, events, signing-only wallets", () => {
  let world: World;
  let root: Trader;
  let child: Trader;
  let market: PublicKey;

  before(async () => {
    world = await World.create({ preset: "A" });
    root = await world.newTrader(null, 100);
    child = await world.newTrader(root, 100);
    market = await world.addMarket(9, btcMarket("SOL-PERP"));
  });

  it("has one builder per program instruction (49) and the IDL's program id", () => {
    assert.equal(IDL.instructions.length, 49);
    assert.ok(PROGRAM_ID.equals(world.program.programId));
    const builders = Object.getOwnPropertyNames(CipInstructions.prototype);
    // `Program` converts the IDL's names to camelCase, as the builders are named.
    const missing = world.program.idl.instructions.map((ix) => ix.name).filter((name) => !builders.includes(name));
    assert.deepEqual(missing, []);
  });

  it("PDA helpers equal Anchor's resolution from the IDL seeds", async () => {
    const wallet = child.wallet.publicKey;
    const register = await world.program.methods
      .register()
      .accountsPartial({ wallet, pool: world.pool, referrerNode: null })
      .pubkeys();
    assert.ok(register.user?.equals(pda.user(world.pool, wallet)));
    assert.ok(register.referralNode?.equals(pda.referralNode(world.pool, wallet)));

    // The pool's accounts are flat now and the policy index is an argument: Anchor's TS resolver
    // derives the pool, its vault (the pool's ATA), user, node, policy and the event authority.
    const buy = await world.program.methods
      .buyPolicy(new BN(3), world.usd(10))
      .accountsPartial({ trader: wallet, premiumMint: world.keys.premiumMint, tokenProgram: world.keys.tokenProgram, traderToken: child.token })
      .pubkeys();
    assert.ok(buy.pool?.equals(world.pool));
    assert.ok(buy.vault?.equals(world.keys.vault));
    assert.ok(buy.user?.equals(pda.user(world.pool, wallet)));
    assert.ok(buy.referralNode?.equals(pda.referralNode(world.pool, wallet)));
    assert.ok(buy.policy?.equals(pda.policy(world.pool, wallet, 3)));
    assert.ok(buy.eventAuthority?.equals(pda.eventAuthority()));
    assert.ok(buy.program?.equals(PROGRAM_ID));
    const rewardMint = world.keys.premiumMint;
    const mining = await world.program.methods
      .initMiningPool({ rewardPerSecond: new BN(1), endTime: null, unstakeAllowed: true, unstakeCooldown: new BN(0) })
      .accountsPartial({ admin: world.admin.publicKey, pool: world.pool, creditMint: world.keys.creditMint, rewardMint, tokenProgram: world.keys.tokenProgram })
      .pubkeys();
    assert.ok(mining.miningPool?.equals(pda.miningPool(world.pool)));
    assert.ok(mining.stakeVault?.equals(pda.stakeVault(pda.miningPool(world.pool))));
    assert.ok(mining.rewardVault?.equals(pda.rewardVault(pda.miningPool(world.pool))));

    const add = await world.program.methods
      .addMarket(10, btcMarket())
      .accountsPartial({ admin: world.admin.publicKey, pool: world.pool })
      .pubkeys();
    assert.ok(add.market?.equals(pda.market(world.pool, 10)));
    assert.ok(add.markPriceFeed?.equals(pda.markPriceFeed(pda.market(world.pool, 10))));
    assert.ok(pda.pool(world.keys.premiumMint).equals(world.pool));
    assert.ok((await world.poolState()).creditMint.equals(pda.creditMint(world.pool)));
  });

  it("memcmp offsets match the real account layout", async () => {
    await world.buy(child, world.usd(10));
    const policy = world.policyKey(child.wallet.publicKey, 0);
    await world.openPosition(child.wallet.publicKey, market, 7, {
      side: Side.long,
      size: new BN(1_000),
      entryPrice: new BN(1_000_000),
      margin: new BN(0),
    });
    const position = pda.position(world.pool, child.wallet.publicKey, 7);
    const exposure = pda.policyExposure(policy, market);
    const [policyData, positionData, exposureData] = (await world.connection.getMultipleAccountsInfo([policy, position, exposure], "confirmed")).map(
      (info) => info!.data,
    );
    assert.ok(policyData.subarray(OFFSETS.pool, OFFSETS.pool + 32).equals(world.pool.toBuffer()));
    assert.equal(policyData[OFFSETS.policyStatus], 0, "Active");
    assert.equal(positionData[OFFSETS.positionPolicy], 1, "Some");
    assert.ok(positionData.subarray(OFFSETS.positionPolicy + 1, OFFSETS.positionPolicy + 33).equals(policy.toBuffer()));
    assert.ok(exposureData.subarray(OFFSETS.pool, OFFSETS.pool + 32).equals(world.pool.toBuffer()));
    assert.ok(exposureData.subarray(OFFSETS.exposurePolicy, OFFSETS.exposurePolicy + 32).equals(policy.toBuffer()));
    // The decoded policy agrees with the raw status byte (the layout after the 58-byte terms).
    const decoded = world.program.coder.accounts.decode("policy", policyData);
    assert.equal(Object.keys(decoded.status)[0], "active");

    const active = await world.client.policies(world.pool, "active");
    assert.deepEqual(active.map((p) => p.publicKey.toBase58()), [policy.toBase58()]);
    assert.equal((await world.client.policies(world.pool, "compensating")).length, 0);
    const pairs = await world.client.settlementPairs(policy);
    assert.deepEqual(
      pairs.map((pair) => [pair.exposure.toBase58(), pair.markPriceFeed.toBase58()]),
      [[exposure.toBase58(), pda.markPriceFeed(market).toBase58()]],
    );
    assert.deepEqual((await world.client.policyExposures(world.pool)).map((e) => e.publicKey.toBase58()), [exposure.toBase58()]);

    // A cover needs free capital for its reserve: add some first.
    await world.depositCapital(world.usd(100));
    const ix = await world.client.buyLiquidationCover({
      trader: root.wallet.publicKey,
      keys: world.keys,
      market,
      traderToken: root.token,
      args: { orderId: new BN(1), side: Side.short, orderQty: new BN(10), margin: world.usd(10), insured: { marginRatio: [5_000] } },
    });
    const bought = eventNamed((await world.sendAs(root.wallet, [ix])).events, "liquidationCoverBought");
    assert.equal(bought.insured.toString(), world.usd(5).toString(), "insured = margin × 50 %");
    const coverData = (await world.connection.getAccountInfo(bought.cover, "confirmed"))!.data;
    assert.equal(coverData[OFFSETS.coverStatus], 0, "Ongoing");
    assert.equal((await world.client.covers(world.pool, "ongoing")).length, 1);
    assert.equal((await world.client.covers(world.pool, "underReview")).length, 0);
    const marketExposures = await world.client.marketExposures(world.pool, root.wallet.publicKey);
    assert.deepEqual(marketExposures.map((e) => e.publicKey.toBase58()), [pda.exposure(world.pool, root.wallet.publicKey, market).toBase58()]);
  });

  it("a settlement batch of 13 pairs fits a legacy transaction, 14 do not", async () => {
    assert.equal(SETTLEMENT_BATCH_MAX, 13);
    assert.equal(maxSettlementPairs(), 13);
    const keeper = Keypair.generate();
    const policy = world.policyKey(child.wallet.publicKey, 0);
    const { blockhash } = await world.connection.getLatestBlockhash("confirmed");
    const serialized = async (pairs: number) => {
      const markets = Array.from({ length: pairs }, () => Keypair.generate().publicKey);
      const ix = await world.client.ix.settlePolicy({
        keeper: keeper.publicKey,
        pool: world.pool,
        policy,
        owner: child.wallet.publicKey,
        pairs: markets.map((m) => ({ exposure: pda.policyExposure(policy, m), markPriceFeed: pda.markPriceFeed(m) })),
      });
      const tx = new Transaction({ feePayer: keeper.publicKey, recentBlockhash: blockhash }).add(ix);
      tx.sign(keeper);
      return tx.serialize().length;
    };
    for (const pairs of [0, 1, 13]) {
      assert.equal(await serialized(pairs), settlementTransactionSize(pairs), `${pairs} pairs`);
    }
    assert.ok(settlementTransactionSize(13) <= PACKET_DATA_SIZE);
    await assert.rejects(serialized(14), /Transaction too large/);
    // The client's builder never makes a batch larger than what fits.
    const capped = await world.client.settlePolicy({
      keeper: keeper.publicKey,
      policy,
      pairs: Array.from({ length: 14 }, () => ({ exposure: Keypair.generate().publicKey, markPriceFeed: Keypair.generate().publicKey })),
    });
    assert.deepEqual(capped.map((ix) => (ix.keys.length - 6) / 2), [13, 1]);
    // Batching: 30 pairs → 13 + 13 + 4; a smaller batch size is honoured, a larger one capped.
    const fake = Array.from({ length: 30 }, () => ({ exposure: Keypair.generate().publicKey, markPriceFeed: Keypair.generate().publicKey }));
    assert.deepEqual(settlementBatches(fake).map((b) => b.length), [13, 13, 4]);
    assert.deepEqual(settlementBatches(fake, 7).map((b) => b.length), [7, 7, 7, 7, 2]);
    assert.deepEqual(settlementBatches(fake, 50).map((b) => b.length), [13, 13, 4]);
  });

  it("decodes emit_cpi! events from getTransaction and getParsedTransaction", async () => {
    const receipt = await world.postFreshPrice(market, 1_000_000, 100);
    const posted = eventNamed(receipt.events, "markPriceRecorded");
    assert.equal(posted.price.toNumber(), 1_000_000);
    assert.equal(Object.keys(posted.source)[0], "authority");
    const parsed = await world.connection.getParsedTransaction(receipt.signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
    assert.deepEqual(decodeEvents(world.program, parsed).map((e) => e.name), ["markPriceRecorded"]);
    assert.equal(decodeEventData(world.program, Buffer.alloc(32)), null, "not an event");
    // The mark price through get_mark_price's return data (simulateTransaction).
    const mark = await world.client.markPrice({ pool: world.pool, market, feePayer: world.admin.publicKey });
    assert.equal(mark.price.toNumber(), 1_000_000);
    assert.equal(mark.priceDecimals, 6);
  });

  it("a wallet that only signs: the SDK builds, the wallet signs, anyone sends", async () => {
    let signatures = 0;
    const signingOnly = async (): Promise<SigningWallet> => {
      const secret = await world.fundedKeypair();
      return {
        publicKey: secret.publicKey,
        async signTransaction<T extends Transaction | VersionedTransaction>(tx: T): Promise<T> {
          signatures++;
          (tx as Transaction).partialSign(secret);
          return tx;
        },
      };
    };
    // By hand: build an unsigned transaction, let the wallet sign, send the bytes.
    const first = await signingOnly();
    const ix = await world.client.ix.register({ wallet: first.publicKey, pool: world.pool, referrerNode: child.node });
    const { transaction, lastValidBlockHeight } = await buildTransaction(world.connection, first.publicKey, [ix]);
    const signed = await first.signTransaction(transaction);
    const signature = await world.connection.sendRawTransaction(signed.serialize());
    await world.connection.confirmTransaction({ signature, blockhash: transaction.recentBlockhash!, lastValidBlockHeight }, "confirmed");
    assert.equal(eventNamed((await world.client.receipt(signature)).events, "userRegistered").depth, 2);
    // Through the SDK sender, with the wallet as fee payer and only signer.
    const second = await signingOnly();
    const receipt = await world.client.sendAndDecode(
      [await world.client.ix.register({ wallet: second.publicKey, pool: world.pool, referrerNode: pda.referralNode(world.pool, first.publicKey) })],
      second,
    );
    assert.equal(eventNamed(receipt.events, "userRegistered").depth, 3);
    assert.equal(signatures, 2);
    assert.deepEqual(
      (await world.client.uplinesOf(world.pool, second.publicKey)).map((key) => key.toBase58()),
      [pda.referralNode(world.pool, first.publicKey), child.node, root.node].map((key) => key.toBase58()),
    );
  });
});
