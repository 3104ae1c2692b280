/**
 * The SDK used from a second copy of web3.js signs and sends (issue 13, item 5). `web3-copy` is
 * `@solana/web3.js` 1.99.0 installed a second time under an npm alias (tests/ts/package.json), so
 * its `Keypair`, `PublicKey`, `Connection`, `Transaction` and `SendTransactionError` are other
 * classes than the ones the SDK imports — what an app with its own copy hands the SDK. Every
 * object the app side creates here comes from that copy; the SDK recognises them by shape.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import * as sdkWeb3 from "@solana/web3.js";
import * as app from "web3-copy";

import {
  CipClient,
  ContractInsuranceErrorCode,
  airdrop,
  decodeEvents,
  ensureTokenAccount,
  eventNamed,
  isKeypairSigner,
  isSigningWallet,
  pda,
  programErrorOf,
  toPublicKey,
  type SigningWallet,
} from "@contract-insurance/sdk";

import { RPC_URL, WS_URL, World, big, btcMarket, type Trader } from "./lib/world";

/** The base58 of any key, to compare keys of the two copies. */
const b58 = (key: { toBase58(): string }) => key.toBase58();

describe("SDK with the app's own copy of @solana/web3.js", () => {
  let world: World;
  let root: Trader;
  let connection: app.Connection;
  let client: CipClient;
  let pool: app.PublicKey;
  let premiumMint: app.PublicKey;
  let market: app.PublicKey;

  before(async () => {
    world = await World.create({ preset: "A" });
    root = await world.newTrader(null, 0);
    market = new app.PublicKey(b58(await world.addMarket(4, btcMarket("ETH-PERP"))));
    connection = new app.Connection(RPC_URL, { commitment: "confirmed", wsEndpoint: WS_URL });
    client = new CipClient(connection);
    pool = new app.PublicKey(b58(world.pool));
    premiumMint = new app.PublicKey(b58(world.keys.premiumMint));
  });

  /** A keypair of the app's copy with `sol` SOL, airdropped through the app's connection. */
  async function appKeypair(sol = 5): Promise<app.Keypair> {
    const keypair = app.Keypair.generate();
    await airdrop(connection, keypair.publicKey, sol);
    return keypair;
  }

  it("is a second module instance: instanceof fails across the copies", () => {
    assert.notEqual(require.resolve("web3-copy"), require.resolve("@solana/web3.js"));
    assert.notEqual(app.PublicKey, sdkWeb3.PublicKey);
    const keypair = app.Keypair.generate();
    assert.equal(keypair instanceof sdkWeb3.Keypair, false);
    assert.equal(keypair.publicKey instanceof sdkWeb3.PublicKey, false);
    assert.equal(connection instanceof sdkWeb3.Connection, false);
    // …while the SDK's shape checks accept them.
    assert.ok(isKeypairSigner(keypair));
    assert.ok(!isSigningWallet(keypair));
    const converted = toPublicKey(keypair.publicKey);
    assert.ok(converted instanceof sdkWeb3.PublicKey);
    assert.equal(b58(converted), b58(keypair.publicKey));
  });

  it("a Keypair, Connection and PublicKeys of the other copy: the SDK signs, sends and reads back", async () => {
    const trader = await appKeypair();
    // The pool read through the app's connection (a bare Connection: read-only program).
    const keys = await client.poolKeys(pool);
    assert.equal(b58(keys.premiumMint), b58(premiumMint));
    assert.equal(b58(keys.vault), b58(world.keys.vault));

    // Register under `root`: built from the app's keys, signed with the app's Keypair.
    const registered = await client.sendAndDecode(
      [await client.ix.register({ wallet: trader.publicKey, pool, referrerNode: new app.PublicKey(b58(root.node)) })],
      trader,
    );
    const event = eventNamed(registered.events, "userRegistered");
    assert.equal(b58(event.owner), b58(trader.publicKey));
    assert.equal(event.depth, 1);
    const user = await client.fetch.user(pool, trader.publicKey);
    assert.equal(b58(user.owner), b58(trader.publicKey));
    assert.equal(user.activePolicyIndex, null);
    assert.equal(user.policyCount.toNumber(), 0);

    // A token account (the app's Keypair pays) and a policy with the upline resolved on chain.
    const token = await ensureTokenAccount(connection, trader, premiumMint, trader.publicKey);
    await world.mintPremium(token, world.usd(100));
    const buy = await client.buyPolicy({ trader: trader.publicKey, keys, traderToken: token, premium: world.usd(10) });
    const purchased = eventNamed((await client.sendAndDecode([buy], trader)).events, "policyPurchased");
    assert.equal(big(purchased.terms.premium), big(world.usd(10)));
    assert.equal(big(purchased.index), 0n);
    assert.deepEqual(purchased.commissions.map((c) => b58(c.referralNode)), [b58(root.node)]);
    assert.equal(big(await client.fetch.tokenBalance(token)), big(world.usd(90)));
    const policy = await client.fetch.policyByIndex(pool, trader.publicKey, 0);
    assert.ok(policy);
    assert.equal(b58(policy.owner), b58(trader.publicKey));
    assert.equal(big(policy.terms.premium), big(world.usd(10)));
    assert.equal((await client.fetch.user(pool, trader.publicKey)).policyCount.toNumber(), 1);
    // Addresses the SDK returns from the app's getProgramAccounts are the SDK's own PublicKeys.
    const active = await client.policies(pool, "active");
    assert.deepEqual(active.map((p) => b58(p.publicKey)), [b58(purchased.policy)]);
    assert.ok(active[0].publicKey instanceof sdkWeb3.PublicKey);
  });

  it("a wallet of the other copy that only signs (and returns its own Transaction) pays and signs", async () => {
    const secret = await appKeypair();
    let calls = 0;
    // Like a wallet adapter bundling its own web3.js: it re-reads the transaction with its copy.
    const wallet = {
      publicKey: secret.publicKey,
      async signTransaction<T>(tx: T): Promise<T> {
        calls++;
        const bytes = (tx as unknown as sdkWeb3.Transaction).serialize({ requireAllSignatures: false, verifySignatures: false });
        const own = app.Transaction.from(bytes);
        own.partialSign(secret);
        return own as unknown as T;
      },
    };
    assert.ok(isSigningWallet(wallet));
    assert.ok(!isKeypairSigner(wallet));
    const receipt = await client.sendAndDecode(
      [await client.ix.register({ wallet: wallet.publicKey, pool, referrerNode: null })],
      wallet satisfies SigningWallet,
    );
    assert.equal(calls, 1);
    assert.equal(b58(receipt.transaction.transaction.message.staticAccountKeys[0]), b58(secret.publicKey), "fee payer");
    assert.equal(eventNamed(receipt.events, "userRegistered").depth, 0);
    const user = await client.fetch.userOrNull(pool, wallet.publicKey);
    assert.ok(user);
    assert.equal(b58(user.owner), b58(secret.publicKey));
  });

  it("through the other copy's Connection: program errors, events, simulation, the app's own Transaction", async () => {
    const trader = await appKeypair();
    const register = await client.ix.register({ wallet: trader.publicKey, pool, referrerNode: null });

    // The SDK's instruction in the app's Transaction, signed and sent by the app's web3.js.
    const signature = await app.sendAndConfirmTransaction(connection, new app.Transaction().add(register), [trader], {
      commitment: "confirmed",
    });
    const [viaGet, viaParsed] = await Promise.all([
      connection.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 }),
      connection.getParsedTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 }),
    ]);
    assert.deepEqual(decodeEvents(client.program, viaGet).map((e) => e.name), ["userRegistered"]);
    assert.deepEqual(decodeEvents(client.program, viaParsed).map((e) => e.name), ["userRegistered"]);

    // Registering again fails preflight with the other copy's SendTransactionError; the SDK
    // turns it into Anchor's error, as it does for its own copy.
    const failed = await client.send([register], trader).then(
      () => assert.fail("a second registration must fail"),
      (err: unknown) => err,
    );
    assert.deepEqual(programErrorOf(failed), { number: ContractInsuranceErrorCode.AccountAlreadyInitialized, name: "AccountAlreadyInitialized" });
    const anchorError = failed as { error?: { errorCode?: { code?: string } }; logs?: string[] };
    assert.equal(anchorError.error?.errorCode?.code, "AccountAlreadyInitialized");
    assert.ok(anchorError.logs?.some((line) => line.includes("AccountAlreadyInitialized")));

    // get_mark_price's return data, simulated through the app's connection.
    await world.postFreshPrice(toPublicKey(market), 2_500_000);
    const mark = await client.markPrice({ pool, market, feePayer: trader.publicKey });
    assert.equal(mark.price.toNumber(), 2_500_000);
  });
});
