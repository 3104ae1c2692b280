/**
 * `CipClient`: the program with its builders, fetchers, resolvers, event decoder and a sender,
 * for apps, the keeper, the deploy script, the scenario and the tests.
 */
import type { Provider } from "@anchor-lang/core";
import { getAccount } from "@solana/spl-token";
import {
  Connection,
  PublicKey,
  TransactionMessage,
  VersionedTransaction,
  type Signer,
  type TransactionInstruction,
  type VersionedTransactionResponse,
} from "@solana/web3.js";

import { decodeEvents, type CipEvent } from "./events";
import { findClosingEvent, type ClosedAccount } from "./history";
import { toPublicKey } from "./interop";
import {
  CipInstructions,
  type ExposurePair,
  type PositionTriple,
  type PositionUpdate,
} from "./instructions";
import { creditAccount, pda, pythPriceFeedAccount, type PoolKeys } from "./pda";
import { createProgram, type CipProgram } from "./program";
import {
  coversOf,
  decodePriceUpdate,
  exposuresOfPolicy,
  keyed,
  marketExposuresOf,
  minersOf,
  policiesOf,
  policyExposuresOf,
  settlementBatches,
  settlementPairs,
  uplinesOf,
  type COVER_STATUS,
  type POLICY_STATUS,
  type PriceUpdate,
} from "./resolve";
import { sendInstructions, type Payer, type SendOptions } from "./send";
import { clusterTime } from "./surfnet";
import {
  totalLiabilities,
  type Liabilities,
  type LiquidationCoverArgs,
  type MarketAccount,
  type OpenPositionArgs,
  type PoolAccount,
  type Solvency,
  type ValidatedPrice,
} from "./types";
import { type IntLike, toBigInt, toBN } from "./units";

/** A confirmed transaction with its decoded events. */
export interface Receipt {
  signature: string;
  events: CipEvent[];
  logs: string[];
  transaction: VersionedTransactionResponse;
}

/** The pool's capacity to sell liquidation cover, read live (vault balance and liabilities). */
export interface Capacity {
  /** The vault's token balance now. */
  vaultBalance: bigint;
  liabilities: Liabilities;
  /** Σ liabilities. */
  owed: bigint;
  /** `vault − Σ liabilities` (0 if short): what new covers are reserved from, or can be withdrawn. */
  freeCapital: bigint;
  /** `pool.solvency` as the last instruction that moved money recorded it. */
  recorded: { vaultBalance: bigint; freeCapital: bigint };
  /** A cover's reserve per insured unit, in bps: `max(1, multiplier × top ratio)` (17 000 by default). */
  reserveBps: bigint;
  /**
   * The largest insured amount one cover can have now (the insured amount is paid in, so a sale
   * fits while `free + insured ≥ reserve`); `null` when the reserve never exceeds the insured
   * amount (any cover fits).
   */
  maxInsured: bigint | null;
}

export class CipClient {
  readonly program: CipProgram;
  readonly ix: CipInstructions;

  /** `providerOrConnection`: an `AnchorProvider`, or a bare `Connection` (read-only program). */
  constructor(providerOrConnection: Provider | Connection) {
    this.program = createProgram(providerOrConnection);
    this.ix = new CipInstructions(this.program);
  }

  get connection(): Connection {
    return this.program.provider.connection;
  }

  get programId(): PublicKey {
    return this.program.programId;
  }

  // --- keys -------------------------------------------------------------------------------

  /** The pool's keys, read from the pool account. */
  async poolKeys(pool: PublicKey): Promise<PoolKeys> {
    const state = await this.program.account.pool.fetch(pool);
    return keysOf(pool, state);
  }

  // --- fetchers ---------------------------------------------------------------------------

  /**
   * Account fetchers. Accounts the program closes (policies, policy exposures, positions,
   * liquidation covers, market exposures, miners) return `null` once closed — see `closed.*` for
   * their final state; the others throw when missing.
   */
  get fetch() {
    const account = this.program.account;
    return {
      pool: (pool: PublicKey) => account.pool.fetch(pool),
      market: (market: PublicKey) => account.market.fetch(market),
      marketById: (pool: PublicKey, marketId: number) => account.market.fetch(pda.market(pool, marketId)),
      markPriceFeed: (market: PublicKey) => account.markPriceFeed.fetch(pda.markPriceFeed(market)),
      user: (pool: PublicKey, wallet: PublicKey) => account.userAccount.fetch(pda.user(pool, wallet)),
      userOrNull: (pool: PublicKey, wallet: PublicKey) => account.userAccount.fetchNullable(pda.user(pool, wallet)),
      referralNode: (pool: PublicKey, wallet: PublicKey) => account.referralNode.fetch(pda.referralNode(pool, wallet)),
      policy: (policy: PublicKey) => account.policy.fetchNullable(policy),
      policyByIndex: (pool: PublicKey, owner: PublicKey, index: IntLike) =>
        account.policy.fetchNullable(pda.policy(pool, owner, index)),
      /** A policy's exposure in one market. */
      policyExposure: (policy: PublicKey, market: PublicKey) =>
        account.policyExposure.fetchNullable(pda.policyExposure(policy, market)),
      position: (position: PublicKey) => account.position.fetchNullable(position),
      liquidationCover: (cover: PublicKey) => account.liquidationCover.fetchNullable(cover),
      liquidationCoverByIndex: (pool: PublicKey, owner: PublicKey, index: IntLike) =>
        account.liquidationCover.fetchNullable(pda.liquidationCover(pool, owner, index)),
      /** A trader's liquidation-cover exposure on a market (`MarketExposure`). */
      exposure: (pool: PublicKey, owner: PublicKey, market: PublicKey) =>
        account.marketExposure.fetchNullable(pda.exposure(pool, owner, market)),
      miningPool: (pool: PublicKey) => account.miningPool.fetch(pda.miningPool(pool)),
      miner: (miningPool: PublicKey, owner: PublicKey) => account.miner.fetchNullable(pda.miner(miningPool, owner)),
      /** Token balance of an SPL token account in base units (0n if it does not exist). */
      tokenBalance: async (tokenAccount: PublicKey, tokenProgram?: PublicKey) => {
        try {
          return (await getAccount(this.connection, tokenAccount, "confirmed", tokenProgram)).amount;
        } catch {
          return 0n;
        }
      },
      /** A Pyth `PriceUpdateV2` account, decoded (null if missing or not one). */
      priceUpdate: async (address: PublicKey): Promise<PriceUpdate | null> =>
        decodePriceUpdate(await this.connection.getAccountInfo(toPublicKey(address), "confirmed")),
    };
  }

  /**
   * Final states of closed accounts, from their closing events (`getSignaturesForAddress` on the
   * address, then the transaction that closed it): null if not closed (or history pruned).
   */
  get closed() {
    const find = findClosingEvent;
    return {
      policy: (policy: PublicKey): Promise<ClosedAccount<"policyClosed"> | null> =>
        find(this.program, this.connection, policy, "policyClosed"),
      policyExposure: (exposure: PublicKey): Promise<ClosedAccount<"policyExposureClosed"> | null> =>
        find(this.program, this.connection, exposure, "policyExposureClosed"),
      liquidationCover: (cover: PublicKey): Promise<ClosedAccount<"liquidationCoverClosed"> | null> =>
        find(this.program, this.connection, cover, "liquidationCoverClosed"),
      marketExposure: (exposure: PublicKey): Promise<ClosedAccount<"marketExposureClosed"> | null> =>
        find(this.program, this.connection, exposure, "marketExposureClosed"),
      miner: (miner: PublicKey): Promise<ClosedAccount<"minerClosed"> | null> =>
        find(this.program, this.connection, miner, "minerClosed"),
    };
  }

  /** All pools of this program. */
  async pools() {
    return keyed(await this.program.account.pool.all());
  }

  /** Policies of a pool that still exist (closed ones are gone: see `closed.policy`). */
  policies(pool: PublicKey, status?: keyof typeof POLICY_STATUS) {
    return policiesOf(this.program, pool, status);
  }

  /** Liquidation covers of a pool that still exist. */
  covers(pool: PublicKey, status?: keyof typeof COVER_STATUS) {
    return coversOf(this.program, pool, status);
  }

  /** Every policy exposure of a pool that still exists. */
  policyExposures(pool: PublicKey) {
    return policyExposuresOf(this.program, pool);
  }

  /** Every liquidation-cover market exposure of a pool (optionally one trader's). */
  marketExposures(pool: PublicKey, owner?: PublicKey) {
    return marketExposuresOf(this.program, pool, owner);
  }

  /** Every miner of a mining pool. */
  miners(miningPool: PublicKey) {
    return minersOf(this.program, miningPool);
  }

  /** The cluster's unix time (Clock sysvar). */
  clusterTime(): Promise<number> {
    return clusterTime(this.connection);
  }

  // --- resolution -------------------------------------------------------------------------

  uplinesOf(pool: PublicKey, wallet: PublicKey, maxDepth?: number): Promise<PublicKey[]> {
    return uplinesOf(this.program, pool, wallet, maxDepth);
  }

  /** The policy's open exposures (one per market it had positions in), sorted by market. */
  exposuresOf(policy: PublicKey) {
    return exposuresOfPolicy(this.program, policy);
  }

  /** The `(exposure, feed)` pairs of every exposure of `policy` not valued yet. */
  settlementPairs(policy: PublicKey): Promise<ExposurePair[]> {
    return settlementPairs(this.program, policy);
  }

  /** The trader's next policy and cover indexes (`UserAccount.policyCount`, `.liquidationCoverCount`). */
  async nextIndexes(pool: PublicKey, wallet: PublicKey): Promise<{ policy: bigint; cover: bigint }> {
    const user = await this.fetch.user(pool, wallet);
    return { policy: toBigInt(user.policyCount), cover: toBigInt(user.liquidationCoverCount) };
  }

  /**
   * When settlement of `policy` opens (`Policy::settlement_opens_at`): the second after its
   * window closed, `end + 2 × the policy's staleness bound` (fixed at purchase).
   */
  settlementOpensAt(policy: { terms: unknown }): number {
    const terms = policy.terms as { end: { toNumber(): number }; markGuards: { maxStaleness: number } };
    return terms.end.toNumber() + 2 * terms.markGuards.maxStaleness + 1;
  }

  /**
   * The pool's capacity for liquidation cover, read live: the vault balance against the
   * liabilities, the free capital and the largest insured amount a cover can have now.
   */
  async capacity(pool: PublicKey): Promise<Capacity> {
    const state = await this.fetch.pool(pool);
    const vaultBalance = await this.fetch.tokenBalance(state.vault, state.tokenProgram);
    const liabilities = state.liabilities as Liabilities;
    const owed = totalLiabilities(liabilities);
    const freeCapital = vaultBalance > owed ? vaultBalance - owed : 0n;
    const liquidation = state.config.liquidation;
    const topRatio = BigInt(liquidation.ratioTiers[0]?.ratioBps ?? 0);
    const multiplier = BigInt(liquidation.compensationMultiplierBps);
    // reserve(insured) = max(insured, insured × multiplier × ratio / 10^8); fits while free + insured ≥ reserve.
    const scaled = multiplier * topRatio; // in 10^-8
    const reserveBps = scaled / 10_000n > 10_000n ? scaled / 10_000n : 10_000n;
    const excess = scaled - 100_000_000n;
    const maxInsured = excess > 0n ? (freeCapital * 100_000_000n) / excess : null;
    const solvency = state.solvency as Solvency;
    return {
      vaultBalance,
      liabilities,
      owed,
      freeCapital,
      recorded: { vaultBalance: toBigInt(solvency.vaultBalance), freeCapital: toBigInt(solvency.freeCapital) },
      reserveBps,
      maxInsured,
    };
  }

  /** The Pyth push-oracle price-feed account of a Pyth market (null for an `Authority` market). */
  pythPriceAccountOf(market: MarketAccount): PublicKey | null {
    const oracle = market.params.oracle as { pyth?: { feedId: number[] } };
    return oracle.pyth ? pythPriceFeedAccount(oracle.pyth.feedId) : null;
  }

  // --- instructions that resolve their accounts from the chain --------------------------------

  /** `buy_policy` at the trader's next policy index with the uplines resolved. */
  async buyPolicy(p: { trader: PublicKey; keys: PoolKeys; traderToken: PublicKey; premium: IntLike }) {
    const [user, uplines] = await Promise.all([
      this.fetch.user(p.keys.pool, p.trader),
      this.uplinesOf(p.keys.pool, p.trader),
    ]);
    return this.ix.buyPolicy({ ...p, policyIndex: user.policyCount, uplines });
  }

  /** `issue_compensation` for a policy, with the owner's uplines resolved. */
  async issueCompensation(p: { keeper: PublicKey; keys: PoolKeys; policy: PublicKey }) {
    const policy = await this.mustFetchPolicy(p.policy);
    const uplines = await this.uplinesOf(p.keys.pool, policy.owner);
    return this.ix.issueCompensation({ ...p, owner: policy.owner, uplines });
  }

  /**
   * `settle_policy` for a policy, one instruction per batch of at most `batchSize` pairs (default
   * 13, what fits a legacy transaction); send each in its own transaction, in any order. A policy
   * without exposures gets one instruction with no pairs. `pairs` defaults to every unvalued one.
   */
  async settlePolicy(p: {
    keeper: PublicKey;
    policy: PublicKey;
    batchSize?: number;
    pairs?: ExposurePair[];
  }): Promise<TransactionInstruction[]> {
    const policy = await this.mustFetchPolicy(p.policy);
    const pairs = p.pairs ?? (await this.settlementPairs(p.policy));
    const batches = pairs.length === 0 ? [[]] : settlementBatches(pairs, p.batchSize);
    return Promise.all(
      batches.map((batch) =>
        this.ix.settlePolicy({ keeper: p.keeper, pool: policy.pool, policy: p.policy, owner: policy.owner, pairs: batch }),
      ),
    );
  }

  /** Sends `settlePolicy`'s batches one transaction each, in order; returns their receipts. */
  async settle(payer: Payer, policy: PublicKey, batchSize?: number): Promise<Receipt[]> {
    const instructions = await this.settlePolicy({ keeper: toPublicKey(payer.publicKey), policy, batchSize });
    const receipts: Receipt[] = [];
    for (const ix of instructions) receipts.push(await this.sendAndDecode([ix], payer));
    return receipts;
  }

  /**
   * `request_early_settlement` naming `positionId`: with the position, its market and the
   * market's feed while it is open, by id alone once it closed in the window.
   */
  async requestEarlySettlement(p: { owner: PublicKey; pool: PublicKey; policy: PublicKey; positionId: IntLike }) {
    const position = pda.position(p.pool, p.owner, p.positionId);
    const state = await this.fetch.position(position);
    const openPosition: PositionTriple | null = state
      ? { position, market: state.market, markPriceFeed: pda.markPriceFeed(state.market) }
      : null;
    return this.ix.requestEarlySettlement({ ...p, openPosition });
  }

  /**
   * `open_position`, passing the owner's active policy (and its exposure in the market) if any,
   * as the reporter must. `args.openedAt` defaults to the cluster's time.
   */
  async openPosition(p: {
    reporter: PublicKey;
    pool: PublicKey;
    market: PublicKey;
    owner: PublicKey;
    positionId: IntLike;
    args: Omit<OpenPositionArgs, "openedAt"> & { openedAt?: OpenPositionArgs["openedAt"] };
  }) {
    const [user, now] = await Promise.all([
      this.fetch.user(p.pool, p.owner),
      p.args.openedAt === undefined ? this.clusterTime() : Promise.resolve(0),
    ]);
    const args = { ...p.args, openedAt: p.args.openedAt ?? toBN(now) } as OpenPositionArgs;
    const policy = user.activePolicyIndex === null ? null : pda.policy(p.pool, p.owner, user.activePolicyIndex);
    return this.ix.openPosition({ ...p, args, policy });
  }

  /**
   * Increase, close or liquidate a position, passing its policy (and exposure) if attached.
   * `eventTime` (the venue's time) defaults to the cluster's time.
   */
  async updatePosition(
    p: { reporter: PublicKey; pool: PublicKey; owner: PublicKey; positionId: IntLike; eventTime?: IntLike },
    update: PositionUpdate,
  ) {
    const position = pda.position(p.pool, p.owner, p.positionId);
    const state = await this.fetch.position(position);
    if (!state) throw new Error(`position ${p.positionId} of ${p.owner.toBase58()} does not exist (closed?)`);
    const eventTime = p.eventTime ?? (await this.clusterTime());
    return this.ix.updatePosition(
      { reporter: p.reporter, pool: p.pool, market: state.market, owner: p.owner, position, policy: state.policy, eventTime },
      update,
    );
  }

  /** `buy_liquidation_cover` at the trader's next cover index. */
  async buyLiquidationCover(p: {
    trader: PublicKey;
    keys: PoolKeys;
    market: PublicKey;
    traderToken: PublicKey;
    args: LiquidationCoverArgs;
  }) {
    const user = await this.fetch.user(p.keys.pool, p.trader);
    return this.ix.buyLiquidationCover({ ...p, coverIndex: user.liquidationCoverCount });
  }

  /** `deposit_capital`: anyone adds `amount` from `source` to the vault. */
  depositCapital(p: { depositor: PublicKey; keys: PoolKeys; source: PublicKey; amount: IntLike }) {
    return this.ix.depositCapital(p);
  }

  /**
   * `record_pyth_price` for a Pyth market, from `priceUpdate` or by default the market's Pyth
   * push-oracle price-feed account (shard 0 of its feed id).
   */
  async recordPythPrice(p: { recorder: PublicKey; market: PublicKey; priceUpdate?: PublicKey }) {
    const market = await this.fetch.market(p.market);
    const priceUpdate = p.priceUpdate ?? this.pythPriceAccountOf(market);
    if (!priceUpdate) throw new Error(`market ${p.market.toBase58()} is not Pyth-priced`);
    return this.ix.recordPythPrice({ recorder: p.recorder, pool: market.pool, market: p.market, priceUpdate });
  }

  /** `claim_credits`: deferred compensation credits to `destination` (default: the owner's credit ATA). */
  claimCredits(p: { owner: PublicKey; keys: PoolKeys; destination?: PublicKey }) {
    return this.ix.claimCredits({ ...p, destination: p.destination ?? creditAccount(p.owner, p.keys) });
  }

  // --- closers: the rent recipient is read from the account -------------------------------------

  async closePolicy(p: { closer: PublicKey; policy: PublicKey }) {
    const policy = await this.mustFetchPolicy(p.policy);
    return this.ix.closePolicy({ closer: p.closer, policy: p.policy, owner: policy.owner });
  }

  async closePolicyExposure(p: { closer: PublicKey; exposure: PublicKey }) {
    const exposure = await this.program.account.policyExposure.fetchNullable(p.exposure);
    if (!exposure) throw new Error(`policy exposure ${p.exposure.toBase58()} does not exist (closed?)`);
    return this.ix.closePolicyExposure({
      closer: p.closer,
      policy: exposure.policy,
      exposure: p.exposure,
      rentPayer: exposure.rentPayer,
    });
  }

  async closeLiquidationCover(p: { closer: PublicKey; cover: PublicKey }) {
    const cover = await this.fetch.liquidationCover(p.cover);
    if (!cover) throw new Error(`liquidation cover ${p.cover.toBase58()} does not exist (closed?)`);
    return this.ix.closeLiquidationCover({ closer: p.closer, cover: p.cover, owner: cover.owner });
  }

  async closeMarketExposure(p: { closer: PublicKey; exposure: PublicKey }) {
    const exposure = await this.program.account.marketExposure.fetchNullable(p.exposure);
    if (!exposure) throw new Error(`market exposure ${p.exposure.toBase58()} does not exist (closed?)`);
    return this.ix.closeMarketExposure({ closer: p.closer, exposure: p.exposure, owner: exposure.owner });
  }

  closeMiner(p: { closer: PublicKey; miningPool: PublicKey; owner: PublicKey }) {
    return this.ix.closeMiner(p);
  }

  /** `issue_compensation` account for the owner's credits. */
  creditAccount(owner: PublicKey, keys: PoolKeys): PublicKey {
    return creditAccount(owner, keys);
  }

  /** The guarded mark price `get_mark_price` returns (simulated; needs a funded fee payer). */
  async markPrice(p: { pool: PublicKey; market: PublicKey; feePayer: PublicKey }): Promise<ValidatedPrice> {
    const ix = await this.ix.getMarkPrice({ pool: p.pool, market: p.market });
    const { blockhash } = await this.connection.getLatestBlockhash("confirmed");
    // A `VersionedTransaction` (legacy message): web3.js's `simulateTransaction` recognises it by
    // shape, while a legacy `Transaction` from another web3.js copy than the connection's fails
    // its `instanceof Transaction` check.
    const message = new TransactionMessage({
      payerKey: toPublicKey(p.feePayer),
      recentBlockhash: blockhash,
      instructions: [ix],
    }).compileToLegacyMessage();
    const simulation = await this.connection.simulateTransaction(new VersionedTransaction(message), {
      commitment: "confirmed",
      sigVerify: false,
    });
    if (simulation.value.err || !simulation.value.returnData) {
      throw new Error(`get_mark_price failed: ${JSON.stringify(simulation.value.err)}\n${(simulation.value.logs ?? []).join("\n")}`);
    }
    const data = Buffer.from(simulation.value.returnData.data[0], "base64");
    return this.program.coder.types.decode("validatedPrice", data) as ValidatedPrice;
  }

  private async mustFetchPolicy(policy: PublicKey) {
    const state = await this.fetch.policy(policy);
    if (!state) throw new Error(`policy ${policy.toBase58()} does not exist (closed? see client.closed.policy)`);
    return state;
  }

  // --- sending and events ---------------------------------------------------------------

  /** Signs with `payer` (a keypair or a wallet that only signs) and `signers`, sends, confirms. */
  send(instructions: TransactionInstruction[], payer: Payer, signers: Signer[] = [], options?: SendOptions): Promise<string> {
    return sendInstructions(this.connection, instructions, payer, signers, options);
  }

  /** Like `send`, then reads the confirmed transaction back and decodes its events. */
  async sendAndDecode(
    instructions: TransactionInstruction[],
    payer: Payer,
    signers: Signer[] = [],
    options?: SendOptions,
  ): Promise<Receipt> {
    const signature = await this.send(instructions, payer, signers, options);
    return this.receipt(signature);
  }

  /** The confirmed transaction `signature` with its decoded events. */
  async receipt(signature: string): Promise<Receipt> {
    for (let attempt = 0; ; attempt++) {
      const transaction = await this.connection.getTransaction(signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      if (transaction) {
        return {
          signature,
          transaction,
          logs: transaction.meta?.logMessages ?? [],
          events: decodeEvents(this.program, transaction),
        };
      }
      if (attempt >= 20) throw new Error(`getTransaction(${signature}) returned null`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  decodeEvents(transaction: VersionedTransactionResponse): CipEvent[] {
    return decodeEvents(this.program, transaction);
  }
}

/** Pool keys from a fetched pool account. */
export function keysOf(pool: PublicKey, state: PoolAccount): PoolKeys {
  return {
    pool,
    premiumMint: state.premiumMint,
    tokenProgram: state.tokenProgram,
    vault: state.vault,
    creditMint: state.creditMint,
  };
}
