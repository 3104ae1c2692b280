/**
 * Test fixture: a fresh pool on the running validator (a new premium mint each time, so test
 * files never share a pool), role keypairs, funded traders, and helpers that send real signed
 * transactions through the standard `AnchorProvider` (the admin's wallet pays the fees) or, where
 * a test says so, with the trader as fee payer. Mirrors `crates/harness/src/fixture.rs`.
 */
import assert from "node:assert/strict";

import { AnchorProvider, BN, Wallet } from "@anchor-lang/core";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import {
  Connection,
  Keypair,
  Transaction,
  type PublicKey,
  type Signer,
  type TransactionInstruction,
} from "@solana/web3.js";

import {
  CipClient,
  Side,
  airdrop,
  clusterTime,
  createMint,
  creditAccount,
  defaultConfig,
  ensureTokenAccount,
  eventNamed,
  latestObservation,
  mintTokens,
  pda,
  poolKeys,
  presetLevels,
  programErrorOf,
  timeTravelTo,
  units,
  type ExposurePair,
  type CipErrorName,
  type IntLike,
  type Level,
  type LevelPreset,
  type MarketParams,
  type OpenPositionArgs,
  type PolicyTerms,
  type PoolConfig,
  type PoolKeys,
  type PositionUpdate,
  type Receipt,
} from "@contract-insurance/sdk";

export const RPC_URL = process.env.RPC_URL ?? "http://127.0.0.1:8899";
export const WS_URL = process.env.WS_URL;

export function connect(): Connection {
  return new Connection(RPC_URL, { commitment: "confirmed", wsEndpoint: WS_URL });
}

export interface Trader {
  wallet: Keypair;
  token: PublicKey;
  user: PublicKey;
  node: PublicKey;
}

export interface WorldOptions {
  preset?: LevelPreset;
  decimals?: number;
  config?: (config: PoolConfig) => PoolConfig;
  levels?: Level[];
}

/** A crypto perpetual priced by the oracle authority: size, prices and P&L with 6 decimals. */
export function btcMarket(symbol = "BTC-PERP"): MarketParams {
  const bytes = Buffer.alloc(16);
  bytes.write(symbol);
  return {
    symbol: [...bytes],
    assetClass: { crypto: {} },
    baseDecimals: 6,
    quoteDecimals: 6,
    priceDecimals: 6,
    oracle: { authority: {} },
    liquidationCover: true,
    active: true,
  };
}

export class World {
  readonly connection: Connection;
  readonly provider: AnchorProvider;
  readonly client: CipClient;
  readonly reporter = Keypair.generate();
  readonly oracleAuthority = Keypair.generate();
  readonly reviewer = Keypair.generate();
  readonly mintAuthority = Keypair.generate();
  keys!: PoolKeys;

  private constructor(
    readonly admin: Keypair,
    readonly decimals: number,
    readonly preset: LevelPreset,
  ) {
    this.connection = connect();
    this.provider = new AnchorProvider(this.connection, new Wallet(admin), {
      commitment: "confirmed",
      preflightCommitment: "confirmed",
    });
    this.client = new CipClient(this.provider);
  }

  /** Funds the roles, creates a premium mint and initialises a pool with the preset's defaults. */
  static async create(options: WorldOptions = {}): Promise<World> {
    const world = await World.withoutPool(options);
    const config = (options.config ?? ((c) => c))(defaultConfig(world.decimals, world.preset));
    const levels = options.levels ?? presetLevels(world.preset, world.decimals);
    const receipt = await world.send([
      await world.client.ix.initializePool({
        admin: world.admin.publicKey,
        keys: world.keys,
        args: { roles: world.roles(), config, levels },
      }),
    ]);
    eventNamed(receipt.events, "poolInitialized");
    return world;
  }

  /** Roles, funds and premium mint, but no pool yet. */
  static async withoutPool(options: WorldOptions = {}): Promise<World> {
    const world = new World(Keypair.generate(), options.decimals ?? 6, options.preset ?? "A");
    await Promise.all(
      [world.admin, world.reporter, world.oracleAuthority, world.reviewer, world.mintAuthority].map((k) =>
        airdrop(world.connection, k.publicKey, k === world.admin ? 100 : 10),
      ),
    );
    const mint = await createMint(world.connection, world.mintAuthority, world.mintAuthority.publicKey, world.decimals);
    world.keys = poolKeys(mint);
    return world;
  }

  get program() {
    return this.client.program;
  }

  get pool(): PublicKey {
    return this.keys.pool;
  }

  roles() {
    return {
      reporter: this.reporter.publicKey,
      oracleAuthority: this.oracleAuthority.publicKey,
      reviewer: this.reviewer.publicKey,
    };
  }

  /** `whole` premium tokens in base units. */
  usd(whole: IntLike): BN {
    return units(whole, this.decimals);
  }

  // --- sending ------------------------------------------------------------------------------

  /** Through the standard AnchorProvider: the admin's wallet pays and signs, plus `signers`. */
  async send(instructions: TransactionInstruction[], signers: Signer[] = []): Promise<Receipt> {
    const signature = await this.provider.sendAndConfirm(new Transaction().add(...instructions), signers, {
      commitment: "confirmed",
    });
    return this.client.receipt(signature);
  }

  /** With `payer` as fee payer and only signer besides `signers` (e.g. a trader). */
  sendAs(payer: Keypair, instructions: TransactionInstruction[], signers: Signer[] = []): Promise<Receipt> {
    return this.client.sendAndDecode(instructions, payer, signers);
  }

  // --- state ----------------------------------------------------------------------------------

  poolState() {
    return this.client.fetch.pool(this.pool);
  }

  user(wallet: PublicKey) {
    return this.client.fetch.user(this.pool, wallet);
  }

  node(wallet: PublicKey) {
    return this.client.fetch.referralNode(this.pool, wallet);
  }

  policy(owner: PublicKey, index: IntLike) {
    return this.client.fetch.policyByIndex(this.pool, owner, index);
  }

  policyKey(owner: PublicKey, index: IntLike): PublicKey {
    return pda.policy(this.pool, owner, index);
  }

  balance(tokenAccount: PublicKey): Promise<bigint> {
    return this.client.fetch.tokenBalance(tokenAccount);
  }

  vaultBalance(): Promise<bigint> {
    return this.balance(this.keys.vault);
  }

  creditAccount(owner: PublicKey): PublicKey {
    return creditAccount(owner, this.keys);
  }

  now(): Promise<number> {
    return clusterTime(this.connection);
  }

  travelTo(unixSeconds: number): Promise<void> {
    return timeTravelTo(this.connection, unixSeconds);
  }

  // --- traders --------------------------------------------------------------------------------

  async fundedKeypair(sol = 5): Promise<Keypair> {
    const keypair = Keypair.generate();
    await airdrop(this.connection, keypair.publicKey, sol);
    return keypair;
  }

  async mintPremium(destination: PublicKey, amount: IntLike): Promise<void> {
    await mintTokens(this.connection, this.mintAuthority, this.keys.premiumMint, destination, this.mintAuthority, amount, this.decimals);
  }

  /** A funded wallet with a premium token account holding `usdt` whole tokens, not registered. */
  async fundedWallet(usdt = 0): Promise<{ wallet: Keypair; token: PublicKey }> {
    const wallet = await this.fundedKeypair();
    const token = await ensureTokenAccount(this.connection, wallet, this.keys.premiumMint, wallet.publicKey);
    if (usdt > 0) await this.mintPremium(token, this.usd(usdt));
    return { wallet, token };
  }

  /** Registers a new trader (optionally under `referrer`) holding `usdt` whole tokens. */
  async newTrader(referrer?: Trader | null, usdt = 0): Promise<Trader> {
    const { wallet, token } = await this.fundedWallet(usdt);
    await this.sendAs(wallet, [
      await this.client.ix.register({ wallet: wallet.publicKey, pool: this.pool, referrerNode: referrer?.node ?? null }),
    ]);
    return {
      wallet,
      token,
      user: pda.user(this.pool, wallet.publicKey),
      node: pda.referralNode(this.pool, wallet.publicKey),
    };
  }

  async assignLevel(trader: Trader, level: number): Promise<Receipt> {
    return this.send([
      await this.client.ix.assignLevel({ admin: this.admin.publicKey, pool: this.pool, referralNode: trader.node, level }),
    ]);
  }

  /** Buys a policy with automatically resolved uplines; the trader pays and signs. */
  async buy(trader: Trader, premium: IntLike): Promise<Receipt> {
    const ix = await this.client.buyPolicy({
      trader: trader.wallet.publicKey,
      keys: this.keys,
      traderToken: trader.token,
      premium,
    });
    return this.sendAs(trader.wallet, [ix]);
  }

  // --- markets, prices, positions -------------------------------------------------------------

  async addMarket(marketId: number, params: MarketParams = btcMarket()): Promise<PublicKey> {
    await this.send([await this.client.ix.addMarket({ admin: this.admin.publicKey, pool: this.pool, marketId, params })]);
    return pda.market(this.pool, marketId);
  }

  async postPrice(market: PublicKey, price: IntLike, conf: IntLike, publishTime: IntLike): Promise<Receipt> {
    const ix = await this.client.ix.postMarkPrice({
      oracleAuthority: this.oracleAuthority.publicKey,
      pool: this.pool,
      market,
      price,
      conf,
      publishTime,
    });
    return this.sendAs(this.oracleAuthority, [ix]);
  }

  /**
   * Oracle authority: posts `price` published now, moving the clock on by the pool's minimum
   * spacing first if the feed's latest observation is that recent (mirrors the harness's
   * `post_fresh_price`).
   */
  async postFreshPrice(market: PublicKey, price: IntLike, conf: IntLike = 0): Promise<Receipt> {
    const [pool, feed] = await Promise.all([this.poolState(), this.client.fetch.markPriceFeed(market)]);
    let now = await this.now();
    const latest = latestObservation(feed);
    if (latest && now < latest.publishTime.toNumber() + pool.config.minObservationSpacing) {
      now = latest.publishTime.toNumber() + pool.config.minObservationSpacing;
      await this.travelTo(now);
    }
    return this.postPrice(market, price, conf, await this.now());
  }

  /** The policy's terms (typed). */
  async terms(owner: PublicKey, index: IntLike): Promise<PolicyTerms> {
    const policy = await this.policy(owner, index);
    assert.ok(policy, "the policy exists");
    return policy.terms as PolicyTerms;
  }

  /** The first second settlement of the policy is open (its reports and prices are final). */
  async settlementOpensAt(owner: PublicKey, index: IntLike): Promise<number> {
    const policy = await this.policy(owner, index);
    assert.ok(policy, "the policy exists");
    return this.client.settlementOpensAt(policy);
  }

  /**
   * Moves the clock to the latest end of `policies` (`[owner, index]`), posts each `(market,
   * price)` published then (the mark nearest every end within the staleness bound), and moves on
   * to the first second all their settlements are open. Returns that latest end.
   */
  async expireAtMarks(policies: [PublicKey, IntLike][], marks: [PublicKey, IntLike][]): Promise<number> {
    const ends = await Promise.all(policies.map(async ([owner, index]) => (await this.terms(owner, index)).end.toNumber()));
    const end = Math.max(...ends);
    if ((await this.now()) < end) await this.travelTo(end);
    for (const [market, price] of marks) await this.postPrice(market, price, 0, end);
    const opens = await Promise.all(policies.map(([owner, index]) => this.settlementOpensAt(owner, index)));
    await this.travelTo(Math.max(...opens));
    return end;
  }

  /** Anyone adds `amount` base units of capital to the vault (a fresh funder). */
  async depositCapital(amount: IntLike): Promise<Receipt> {
    const { wallet, token } = await this.fundedWallet();
    await this.mintPremium(token, amount);
    const ix = await this.client.depositCapital({ depositor: wallet.publicKey, keys: this.keys, source: token, amount });
    return this.sendAs(wallet, [ix]);
  }

  async openPosition(
    owner: PublicKey,
    market: PublicKey,
    positionId: IntLike,
    args: Omit<OpenPositionArgs, "openedAt"> & { openedAt?: OpenPositionArgs["openedAt"] },
  ): Promise<Receipt> {
    const ix = await this.client.openPosition({
      reporter: this.reporter.publicKey,
      pool: this.pool,
      market,
      owner,
      positionId,
      args,
    });
    return this.sendAs(this.reporter, [ix]);
  }

  async updatePosition(owner: PublicKey, positionId: IntLike, update: PositionUpdate, eventTime?: IntLike): Promise<Receipt> {
    const ix = await this.client.updatePosition(
      { reporter: this.reporter.publicKey, pool: this.pool, owner, positionId, eventTime },
      update,
    );
    return this.sendAs(this.reporter, [ix]);
  }

  /**
   * Keeper role (the admin's wallet here): settles a policy, every unvalued exposure in batches of
   * `batchSize` (default 13), one transaction each. Returns the last transaction's receipt (the
   * one that decided the policy) — see `settleAll` for every receipt.
   */
  async settle(owner: PublicKey, index: IntLike, batchSize?: number): Promise<Receipt> {
    const receipts = await this.settleAll(owner, index, batchSize);
    return receipts[receipts.length - 1];
  }

  async settleAll(owner: PublicKey, index: IntLike, batchSize?: number): Promise<Receipt[]> {
    const instructions = await this.client.settlePolicy({ keeper: this.admin.publicKey, policy: this.policyKey(owner, index), batchSize });
    const receipts: Receipt[] = [];
    for (const ix of instructions) receipts.push(await this.send([ix]));
    return receipts;
  }

  /** One `settle_policy` transaction with exactly these pairs. */
  async settleWith(owner: PublicKey, index: IntLike, pairs: ExposurePair[]): Promise<Receipt> {
    const [ix] = await this.client.settlePolicy({ keeper: this.admin.publicKey, policy: this.policyKey(owner, index), pairs });
    return this.send([ix]);
  }

  async issueCompensation(owner: PublicKey, index: IntLike): Promise<Receipt> {
    const ix = await this.client.issueCompensation({
      keeper: this.admin.publicKey,
      keys: this.keys,
      policy: this.policyKey(owner, index),
    });
    return this.send([ix]);
  }

  /**
   * Earns hashrate credits for `trader` the only way they exist (SPEC §2): a policy, a position
   * that loses past the trigger, early settlement and compensation. Returns the credits paid.
   */
  async earnCredits(trader: Trader, premiumWhole: number, marketId = 65_535): Promise<bigint> {
    const market = pda.market(this.pool, marketId);
    if (!(await this.connection.getAccountInfo(market, "confirmed"))) await this.addMarket(marketId);
    const premium = this.usd(premiumWhole);
    await this.mintPremium(trader.token, premium);
    const index = (await this.user(trader.wallet.publicKey)).policyCount;
    await this.buy(trader, premium);
    const size = 1_000_000;
    const entry = 1_000_000;
    const positionId = new BN(2).pow(new BN(63)).sub(index);
    await this.openPosition(trader.wallet.publicKey, market, positionId, {
      side: Side.short,
      size: new BN(size),
      entryPrice: new BN(entry),
      margin: new BN(0),
    });
    // Short 1 unit at 1.0; the mark rises by 11 × premium: loss = 11 × premium ≥ trigger.
    const mark = premium.muln(11).addn(entry);
    await this.postFreshPrice(market, mark);
    const policy = this.policyKey(trader.wallet.publicKey, index);
    await this.sendAs(trader.wallet, [
      await this.client.requestEarlySettlement({ owner: trader.wallet.publicKey, pool: this.pool, policy, positionId }),
    ]);
    const receipt = await this.issueCompensation(trader.wallet.publicKey, index);
    await this.updatePosition(trader.wallet.publicKey, positionId, { kind: "close", size, price: mark, fee: 0 });
    return BigInt(eventNamed(receipt.events, "compensationIssued").credits.toString());
  }

  /** The associated token account of `owner` for `mint`, created if missing. */
  tokenAccount(mint: PublicKey, owner: PublicKey): Promise<PublicKey> {
    return ensureTokenAccount(this.connection, this.admin, mint, owner);
  }

  ata(mint: PublicKey, owner: PublicKey): PublicKey {
    return getAssociatedTokenAddressSync(mint, owner, true);
  }
}

/** Asserts that `promise` rejects with the program error `name` (from any client error shape). */
export async function expectProgramError(promise: Promise<unknown>, name: CipErrorName): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    const info = programErrorOf(err);
    assert.ok(info, `not a program error: ${String(err)}`);
    assert.equal(info.name, name, `expected ${name}, got ${info.name} (${info.number})`);
    return true;
  });
}

/** BN/bigint/number → bigint, for assertions. */
export function big(value: IntLike): bigint {
  return BigInt(value.toString());
}
