/**
 * One builder per program instruction (all 49), mirroring `crates/harness/src/ix.rs`. Every
 * builder takes the addresses explicitly (no RPC, no signer), so a wallet that only signs can use
 * them: build, put into a transaction, sign, send. Resolution that needs the chain (uplines,
 * settlement pairs, the next policy and cover index, a position's policy) lives in `resolve.ts`
 * and `client.ts`.
 *
 * Accounts are passed with Anchor's `accountsStrict`: every account, flat (the pool's money
 * accounts `premiumMint`, `pool`, `vault`, `tokenProgram` are ordinary accounts of each
 * instruction that moves premium tokens), including the `#[event_cpi]` pair (`eventAuthority`,
 * `program`).
 */
import { ASSOCIATED_TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  PublicKey,
  SystemProgram,
  type AccountMeta,
  type TransactionInstruction,
} from "@solana/web3.js";

import { toPublicKey } from "./interop";
import { creditAccount, pda, type MiningKeys, type PoolKeys } from "./pda";
import type { CipProgram } from "./program";
import type {
  InitializePoolArgs,
  Level,
  LiquidationCoverArgs,
  MarketParams,
  MiningParams,
  OpenPositionArgs,
  PoolConfig,
  PoolRoles,
} from "./types";
import { type IntLike, toBN } from "./units";

/** A policy's exposure in one market with the market's mark-price feed: one settlement pair. */
export interface ExposurePair {
  exposure: PublicKey;
  markPriceFeed: PublicKey;
}

/** The settlement pair of `policy`'s exposure in `market` (both addresses derived). */
export function exposurePair(policy: PublicKey, market: PublicKey): ExposurePair {
  return { exposure: pda.policyExposure(policy, market), markPriceFeed: pda.markPriceFeed(market) };
}

/** A position with its market and the market's feed, as early settlement values it. */
export interface PositionTriple {
  position: PublicKey;
  market: PublicKey;
  markPriceFeed: PublicKey;
}

/** A liquidation cover with the owner and market its PDAs derive from. */
export interface CoverKeys {
  cover: PublicKey;
  owner: PublicKey;
  market: PublicKey;
}

export function coverKeys(pool: PublicKey, owner: PublicKey, index: IntLike, market: PublicKey): CoverKeys {
  return { cover: pda.liquidationCover(pool, owner, index), owner, market };
}

/** What a reporter does to an existing position (the venue time is passed beside it). */
export type PositionUpdate =
  | { kind: "increase"; size: IntLike; price: IntLike; addedMargin: IntLike }
  | { kind: "close"; size: IntLike; price: IntLike; fee: IntLike }
  | { kind: "liquidate"; size: IntLike; price: IntLike; fee: IntLike };

// Remaining accounts bypass Anchor's address translation: keep them this SDK's `PublicKey`s.
function writable(pubkey: PublicKey): AccountMeta {
  return { pubkey: toPublicKey(pubkey), isSigner: false, isWritable: true };
}

function readonly(pubkey: PublicKey): AccountMeta {
  return { pubkey: toPublicKey(pubkey), isSigner: false, isWritable: false };
}

/** The accounts of every reporter update to an existing position (increase, close, liquidation). */
export interface PositionUpdateAccounts {
  reporter: PublicKey;
  pool: PublicKey;
  market: PublicKey;
  owner: PublicKey;
  position: PublicKey;
  /**
   * The position's policy (`Position.policy`), when it is attached to one; its exposure in the
   * market is derived. Pass it even if the policy was closed since (the program then ignores it).
   */
  policy?: PublicKey | null;
  /** The venue's time of the event: not in the future, not before the position's previous event. */
  eventTime: IntLike;
}

/** The instruction builders, bound to a program (for its coder and id). */
export class CipInstructions {
  constructor(readonly program: CipProgram) {}

  private get events() {
    return { eventAuthority: pda.eventAuthority(), program: this.program.programId };
  }

  /** The pool's premium-token accounts, as every instruction that moves premium tokens lists them. */
  private money(keys: PoolKeys) {
    return {
      premiumMint: keys.premiumMint,
      pool: keys.pool,
      vault: keys.vault,
      tokenProgram: keys.tokenProgram,
    };
  }

  // --- admin ------------------------------------------------------------------------------

  initializePool(p: { admin: PublicKey; keys: PoolKeys; args: InitializePoolArgs; programData?: PublicKey | null }) {
    return this.program.methods
      .initializePool(p.args)
      .accountsStrict({
        admin: p.admin,
        premiumMint: p.keys.premiumMint,
        pool: p.keys.pool,
        creditMint: p.keys.creditMint,
        vault: p.keys.vault,
        programData: p.programData ?? null,
        tokenProgram: p.keys.tokenProgram,
        associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  private adminUpdate(admin: PublicKey, pool: PublicKey) {
    return { admin, pool, ...this.events };
  }

  updateConfig(p: { admin: PublicKey; pool: PublicKey; config: PoolConfig }) {
    return this.program.methods.updateConfig(p.config).accountsStrict(this.adminUpdate(p.admin, p.pool)).instruction();
  }

  updateLevels(p: { admin: PublicKey; pool: PublicKey; levels: Level[] }) {
    return this.program.methods.updateLevels(p.levels).accountsStrict(this.adminUpdate(p.admin, p.pool)).instruction();
  }

  /** Role keys must differ from each other and from the admin (`RoleKeysNotDistinct`). */
  setRoles(p: { admin: PublicKey; pool: PublicKey; roles: PoolRoles }) {
    return this.program.methods.setRoles(p.roles).accountsStrict(this.adminUpdate(p.admin, p.pool)).instruction();
  }

  setPaused(p: { admin: PublicKey; pool: PublicKey; paused: boolean }) {
    return this.program.methods.setPaused(p.paused).accountsStrict(this.adminUpdate(p.admin, p.pool)).instruction();
  }

  proposeAdmin(p: { admin: PublicKey; pool: PublicKey; proposedAdmin: PublicKey }) {
    return this.program.methods
      .proposeAdmin(p.proposedAdmin)
      .accountsStrict(this.adminUpdate(p.admin, p.pool))
      .instruction();
  }

  acceptAdmin(p: { newAdmin: PublicKey; pool: PublicKey }) {
    return this.program.methods
      .acceptAdmin()
      .accountsStrict({ newAdmin: p.newAdmin, pool: p.pool, ...this.events })
      .instruction();
  }

  assignLevel(p: { admin: PublicKey; pool: PublicKey; referralNode: PublicKey; level: number }) {
    return this.program.methods
      .assignLevel(p.level)
      .accountsStrict({ admin: p.admin, pool: p.pool, referralNode: p.referralNode, ...this.events })
      .instruction();
  }

  setLeadTrader(p: { admin: PublicKey; pool: PublicKey; owner: PublicKey; isLeadTrader: boolean }) {
    return this.program.methods
      .setLeadTrader(p.isLeadTrader)
      .accountsStrict({ admin: p.admin, pool: p.pool, user: pda.user(p.pool, p.owner), ...this.events })
      .instruction();
  }

  // --- treasury -----------------------------------------------------------------------------

  /** Admin: takes free capital (`vault − Σ liabilities`) out of the vault. */
  withdrawSurplus(p: { admin: PublicKey; keys: PoolKeys; destination: PublicKey; amount: IntLike }) {
    return this.program.methods
      .withdrawSurplus(toBN(p.amount))
      .accountsStrict({ ...this.money(p.keys), admin: p.admin, destination: p.destination, ...this.events })
      .instruction();
  }

  /** Anyone: adds `amount` from `source` (signed by `depositor`) to the vault as capital. */
  depositCapital(p: { depositor: PublicKey; keys: PoolKeys; source: PublicKey; amount: IntLike }) {
    return this.program.methods
      .depositCapital(toBN(p.amount))
      .accountsStrict({ depositor: p.depositor, ...this.money(p.keys), source: p.source, ...this.events })
      .instruction();
  }

  // --- markets and mark prices --------------------------------------------------------------

  addMarket(p: { admin: PublicKey; pool: PublicKey; marketId: number; params: MarketParams }) {
    const market = pda.market(p.pool, p.marketId);
    return this.program.methods
      .addMarket(p.marketId, p.params)
      .accountsStrict({
        admin: p.admin,
        pool: p.pool,
        market,
        markPriceFeed: pda.markPriceFeed(market),
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  updateMarket(p: { admin: PublicKey; pool: PublicKey; market: PublicKey; params: MarketParams }) {
    return this.program.methods
      .updateMarket(p.params)
      .accountsStrict({ admin: p.admin, pool: p.pool, market: p.market, markPriceFeed: pda.markPriceFeed(p.market), ...this.events })
      .instruction();
  }

  /**
   * Oracle authority: records a price for an `Authority` market. Only fresh prices enter the
   * feed (published within the pool's staleness bound of now, newer than the latest by
   * `min_observation_spacing`); the same publish time as the latest is a correction.
   */
  postMarkPrice(p: {
    oracleAuthority: PublicKey;
    pool: PublicKey;
    market: PublicKey;
    price: IntLike;
    conf: IntLike;
    publishTime: IntLike;
  }) {
    return this.program.methods
      .postMarkPrice(toBN(p.price), toBN(p.conf), toBN(p.publishTime))
      .accountsStrict({
        oracleAuthority: p.oracleAuthority,
        pool: p.pool,
        market: p.market,
        markPriceFeed: pda.markPriceFeed(p.market),
        ...this.events,
      })
      .instruction();
  }

  /** Anyone: records a fully verified Pyth `PriceUpdateV2` of a Pyth market's feed id into its feed. */
  recordPythPrice(p: { recorder: PublicKey; pool: PublicKey; market: PublicKey; priceUpdate: PublicKey }) {
    return this.program.methods
      .recordPythPrice()
      .accountsStrict({
        recorder: p.recorder,
        pool: p.pool,
        market: p.market,
        markPriceFeed: pda.markPriceFeed(p.market),
        priceUpdate: p.priceUpdate,
        ...this.events,
      })
      .instruction();
  }

  /** Read-only; simulate it and read the return data (see `CipClient.markPrice`). */
  getMarkPrice(p: { pool: PublicKey; market: PublicKey }) {
    return this.program.methods
      .getMarkPrice()
      .accountsStrict({ pool: p.pool, market: p.market, markPriceFeed: pda.markPriceFeed(p.market) })
      .instruction();
  }

  // --- traders and referrers ----------------------------------------------------------------

  /** `referrerNode` is the referrer's referral node address, if any. */
  register(p: { wallet: PublicKey; pool: PublicKey; referrerNode?: PublicKey | null }) {
    return this.program.methods
      .register()
      .accountsStrict({
        wallet: p.wallet,
        pool: p.pool,
        user: pda.user(p.pool, p.wallet),
        referralNode: pda.referralNode(p.pool, p.wallet),
        referrerNode: p.referrerNode ?? null,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  /**
   * `policyIndex`: the trader's next index (`UserAccount.policyCount`, checked:
   * `PolicyIndexMismatch`); `uplines`: referral node addresses, direct referrer first (see
   * `resolve.uplinesOf`).
   */
  buyPolicy(p: {
    trader: PublicKey;
    keys: PoolKeys;
    traderToken: PublicKey;
    policyIndex: IntLike;
    premium: IntLike;
    uplines: PublicKey[];
  }) {
    return this.program.methods
      .buyPolicy(toBN(p.policyIndex), toBN(p.premium))
      .accountsStrict({
        trader: p.trader,
        ...this.money(p.keys),
        user: pda.user(p.keys.pool, p.trader),
        referralNode: pda.referralNode(p.keys.pool, p.trader),
        policy: pda.policy(p.keys.pool, p.trader, p.policyIndex),
        traderToken: p.traderToken,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .remainingAccounts(p.uplines.map(writable))
      .instruction();
  }

  claimCommission(p: { owner: PublicKey; keys: PoolKeys; destination: PublicKey }) {
    return this.program.methods
      .claimCommission()
      .accountsStrict({
        owner: p.owner,
        ...this.money(p.keys),
        referralNode: pda.referralNode(p.keys.pool, p.owner),
        destination: p.destination,
        ...this.events,
      })
      .instruction();
  }

  claimRebate(p: { owner: PublicKey; keys: PoolKeys; destination: PublicKey }) {
    return this.program.methods
      .claimRebate()
      .accountsStrict({
        owner: p.owner,
        pool: p.keys.pool,
        referralNode: pda.referralNode(p.keys.pool, p.owner),
        creditMint: p.keys.creditMint,
        destination: p.destination,
        tokenProgram: p.keys.tokenProgram,
        ...this.events,
      })
      .instruction();
  }

  // --- positions (reporter) -----------------------------------------------------------------

  /**
   * `policy`: the owner's active policy (`pda.policy(pool, owner, UserAccount.activePolicyIndex)`), if any — required when
   * there is one; its exposure in the market is derived. `args.openedAt` is the venue's time of
   * the open (an open before the policy's start voids it).
   */
  openPosition(p: {
    reporter: PublicKey;
    pool: PublicKey;
    market: PublicKey;
    owner: PublicKey;
    positionId: IntLike;
    args: OpenPositionArgs;
    policy?: PublicKey | null;
  }) {
    return this.program.methods
      .openPosition(toBN(p.positionId), p.args)
      .accountsStrict({
        reporter: p.reporter,
        pool: p.pool,
        market: p.market,
        user: pda.user(p.pool, p.owner),
        position: pda.position(p.pool, p.owner, p.positionId),
        policy: p.policy ?? null,
        policyExposure: p.policy ? pda.policyExposure(p.policy, p.market) : null,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  private updatePositionAccounts(p: PositionUpdateAccounts) {
    return {
      reporter: p.reporter,
      pool: p.pool,
      market: p.market,
      user: pda.user(p.pool, p.owner),
      position: p.position,
      policy: p.policy ?? null,
      policyExposure: p.policy ? pda.policyExposure(p.policy, p.market) : null,
      ...this.events,
    };
  }

  increasePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; addedMargin: IntLike }) {
    return this.program.methods
      .increasePosition(toBN(p.size), toBN(p.price), toBN(p.addedMargin), toBN(p.eventTime))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  closePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; fee: IntLike }) {
    return this.program.methods
      .closePosition(toBN(p.size), toBN(p.price), toBN(p.fee), toBN(p.eventTime))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  liquidatePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; fee: IntLike }) {
    return this.program.methods
      .liquidatePosition(toBN(p.size), toBN(p.price), toBN(p.fee), toBN(p.eventTime))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  /** Increase, close or liquidate, by `update.kind`. */
  updatePosition(p: PositionUpdateAccounts, update: PositionUpdate): Promise<TransactionInstruction> {
    switch (update.kind) {
      case "increase":
        return this.increasePosition({ ...p, ...update });
      case "close":
        return this.closePosition({ ...p, ...update });
      case "liquidate":
        return this.liquidatePosition({ ...p, ...update });
    }
  }

  // --- settlement and compensation ----------------------------------------------------------

  /**
   * `pairs`: `(policy exposure, mark-price feed)` pairs to value in this transaction — any subset
   * of the policy's unvalued exposures (see `resolve.settlementPairs` / `settlementBatches`); the
   * policy is decided by the transaction that values its last exposure. A policy without
   * exposures settles with none.
   */
  settlePolicy(p: { keeper: PublicKey; pool: PublicKey; policy: PublicKey; owner: PublicKey; pairs: ExposurePair[] }) {
    return this.program.methods
      .settlePolicy()
      .accountsStrict({
        keeper: p.keeper,
        pool: p.pool,
        policy: p.policy,
        user: pda.user(p.pool, p.owner),
        ...this.events,
      })
      .remainingAccounts(p.pairs.flatMap((pair) => [writable(pair.exposure), readonly(pair.markPriceFeed)]))
      .instruction();
  }

  /**
   * `openPosition`: the position with its market and the market's feed, or null for a position
   * already closed in the window (named by `positionId`; the policy remembers its largest closed loss).
   */
  requestEarlySettlement(p: {
    owner: PublicKey;
    pool: PublicKey;
    policy: PublicKey;
    positionId: IntLike;
    openPosition?: PositionTriple | null;
  }) {
    return this.program.methods
      .requestEarlySettlement(toBN(p.positionId))
      .accountsStrict({
        owner: p.owner,
        pool: p.pool,
        policy: p.policy,
        position: p.openPosition?.position ?? null,
        market: p.openPosition?.market ?? null,
        markPriceFeed: p.openPosition?.markPriceFeed ?? null,
        ...this.events,
      })
      .instruction();
  }

  /** `uplines`: the owner's uplines, direct referrer first (see `resolve.uplinesOf`). */
  issueCompensation(p: {
    keeper: PublicKey;
    keys: PoolKeys;
    policy: PublicKey;
    owner: PublicKey;
    uplines: PublicKey[];
  }) {
    return this.program.methods
      .issueCompensation()
      .accountsStrict({
        keeper: p.keeper,
        pool: p.keys.pool,
        policy: p.policy,
        user: pda.user(p.keys.pool, p.owner),
        owner: p.owner,
        ownerNode: pda.referralNode(p.keys.pool, p.owner),
        creditMint: p.keys.creditMint,
        ownerCreditAccount: creditAccount(p.owner, p.keys),
        tokenProgram: p.keys.tokenProgram,
        associatedTokenProgram: ASSOCIATED_TOKEN_PROGRAM_ID,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .remainingAccounts(p.uplines.map(writable))
      .instruction();
  }

  /** Owner: mints compensation credits deferred to `UserAccount.creditsOwed` to any credit account. */
  claimCredits(p: { owner: PublicKey; keys: PoolKeys; destination: PublicKey }) {
    return this.program.methods
      .claimCredits()
      .accountsStrict({
        owner: p.owner,
        pool: p.keys.pool,
        user: pda.user(p.keys.pool, p.owner),
        creditMint: p.keys.creditMint,
        destination: p.destination,
        tokenProgram: p.keys.tokenProgram,
        ...this.events,
      })
      .instruction();
  }

  // --- liquidation cover --------------------------------------------------------------------

  /** `coverIndex`: the trader's next index (`UserAccount.liquidationCoverCount`, checked: `CoverIndexMismatch`). */
  buyLiquidationCover(p: {
    trader: PublicKey;
    keys: PoolKeys;
    market: PublicKey;
    traderToken: PublicKey;
    coverIndex: IntLike;
    args: LiquidationCoverArgs;
  }) {
    return this.program.methods
      .buyLiquidationCover(toBN(p.coverIndex), p.args)
      .accountsStrict({
        ...this.money(p.keys),
        trader: p.trader,
        user: pda.user(p.keys.pool, p.trader),
        market: p.market,
        exposure: pda.exposure(p.keys.pool, p.trader, p.market),
        cover: pda.liquidationCover(p.keys.pool, p.trader, p.coverIndex),
        traderToken: p.traderToken,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  reportOrderFill(p: { reporter: PublicKey; pool: PublicKey; cover: PublicKey; position: PublicKey; fillQty: IntLike }) {
    return this.program.methods
      .reportOrderFill(toBN(p.fillQty))
      .accountsStrict({ reporter: p.reporter, pool: p.pool, cover: p.cover, position: p.position, ...this.events })
      .instruction();
  }

  /**
   * `traderToken`: the trader's premium account to pay the refund at once; omitted (null), the
   * refund is credited to the cover and the trader claims it with `claim_refund`.
   */
  cancelOrderRemainder(p: {
    reporter: PublicKey;
    keys: PoolKeys;
    cover: CoverKeys;
    traderToken?: PublicKey | null;
    cancelledQty: IntLike;
  }) {
    return this.program.methods
      .cancelOrderRemainder(toBN(p.cancelledQty))
      .accountsStrict({
        ...this.money(p.keys),
        reporter: p.reporter,
        cover: p.cover.cover,
        exposure: pda.exposure(p.keys.pool, p.cover.owner, p.cover.market),
        traderToken: p.traderToken ?? null,
        ...this.events,
      })
      .instruction();
  }

  private reportCoverOutcome(reporter: PublicKey, keys: PoolKeys, cover: CoverKeys) {
    return {
      reporter,
      pool: keys.pool,
      vault: keys.vault,
      user: pda.user(keys.pool, cover.owner),
      cover: cover.cover,
      exposure: pda.exposure(keys.pool, cover.owner, cover.market),
      ...this.events,
    };
  }

  closeOrderCover(p: { reporter: PublicKey; keys: PoolKeys; cover: CoverKeys }) {
    return this.program.methods
      .closeOrderCover()
      .accountsStrict(this.reportCoverOutcome(p.reporter, p.keys, p.cover))
      .instruction();
  }

  reportLiquidation(p: { reporter: PublicKey; keys: PoolKeys; cover: CoverKeys; liquidatedQty: IntLike; loss: IntLike }) {
    return this.program.methods
      .reportLiquidation(toBN(p.liquidatedQty), toBN(p.loss))
      .accountsStrict(this.reportCoverOutcome(p.reporter, p.keys, p.cover))
      .instruction();
  }

  private decideClaim(authority: PublicKey, keys: PoolKeys, cover: { cover: PublicKey; owner: PublicKey }) {
    return {
      authority,
      pool: keys.pool,
      vault: keys.vault,
      user: pda.user(keys.pool, cover.owner),
      cover: cover.cover,
      ...this.events,
    };
  }

  reviewClaim(p: { reviewer: PublicKey; keys: PoolKeys; cover: { cover: PublicKey; owner: PublicKey }; approve: boolean }) {
    return this.program.methods
      .reviewClaim(p.approve)
      .accountsStrict(this.decideClaim(p.reviewer, p.keys, p.cover))
      .instruction();
  }

  finalizeClaim(p: { keeper: PublicKey; keys: PoolKeys; cover: { cover: PublicKey; owner: PublicKey } }) {
    return this.program.methods
      .finalizeClaim()
      .accountsStrict(this.decideClaim(p.keeper, p.keys, p.cover))
      .instruction();
  }

  private coverPayout(owner: PublicKey, keys: PoolKeys, cover: PublicKey, destination: PublicKey) {
    return { ...this.money(keys), owner, cover, destination, ...this.events };
  }

  claimVested(p: { owner: PublicKey; keys: PoolKeys; cover: PublicKey; destination: PublicKey }) {
    return this.program.methods
      .claimVested()
      .accountsStrict(this.coverPayout(p.owner, p.keys, p.cover, p.destination))
      .instruction();
  }

  claimRefund(p: { owner: PublicKey; keys: PoolKeys; cover: PublicKey; destination: PublicKey }) {
    return this.program.methods
      .claimRefund()
      .accountsStrict(this.coverPayout(p.owner, p.keys, p.cover, p.destination))
      .instruction();
  }

  // --- mining pool --------------------------------------------------------------------------

  initMiningPool(p: { admin: PublicKey; mining: MiningKeys; params: MiningParams }) {
    return this.program.methods
      .initMiningPool(p.params)
      .accountsStrict({
        admin: p.admin,
        pool: p.mining.pool,
        miningPool: p.mining.miningPool,
        creditMint: p.mining.creditMint,
        rewardMint: p.mining.rewardMint,
        stakeVault: p.mining.stakeVault,
        rewardVault: p.mining.rewardVault,
        tokenProgram: p.mining.tokenProgram,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  updateMiningParams(p: { admin: PublicKey; mining: MiningKeys; params: MiningParams }) {
    return this.program.methods
      .updateMiningParams(p.params)
      .accountsStrict({ admin: p.admin, pool: p.mining.pool, miningPool: p.mining.miningPool, ...this.events })
      .instruction();
  }

  fundRewards(p: { admin: PublicKey; mining: MiningKeys; source: PublicKey; amount: IntLike }) {
    return this.program.methods
      .fundRewards(toBN(p.amount))
      .accountsStrict({
        admin: p.admin,
        pool: p.mining.pool,
        miningPool: p.mining.miningPool,
        rewardMint: p.mining.rewardMint,
        source: p.source,
        rewardVault: p.mining.rewardVault,
        tokenProgram: p.mining.tokenProgram,
        ...this.events,
      })
      .instruction();
  }

  /** Admin: takes back funded rewards not yet emitted. */
  withdrawRewards(p: { admin: PublicKey; mining: MiningKeys; destination: PublicKey; amount: IntLike }) {
    return this.program.methods
      .withdrawRewards(toBN(p.amount))
      .accountsStrict({
        admin: p.admin,
        pool: p.mining.pool,
        miningPool: p.mining.miningPool,
        rewardMint: p.mining.rewardMint,
        rewardVault: p.mining.rewardVault,
        destination: p.destination,
        tokenProgram: p.mining.tokenProgram,
        ...this.events,
      })
      .instruction();
  }

  stake(p: { owner: PublicKey; mining: MiningKeys; source: PublicKey; amount: IntLike }) {
    return this.program.methods
      .stake(toBN(p.amount))
      .accountsStrict({
        owner: p.owner,
        miningPool: p.mining.miningPool,
        miner: pda.miner(p.mining.miningPool, p.owner),
        creditMint: p.mining.creditMint,
        source: p.source,
        stakeVault: p.mining.stakeVault,
        tokenProgram: p.mining.tokenProgram,
        systemProgram: SystemProgram.programId,
        ...this.events,
      })
      .instruction();
  }

  private minerWithdrawal(owner: PublicKey, mining: MiningKeys, mint: PublicKey, vault: PublicKey, destination: PublicKey) {
    return {
      owner,
      miningPool: mining.miningPool,
      miner: pda.miner(mining.miningPool, owner),
      mint,
      vault,
      destination,
      tokenProgram: mining.tokenProgram,
      ...this.events,
    };
  }

  unstake(p: { owner: PublicKey; mining: MiningKeys; destination: PublicKey; amount: IntLike }) {
    return this.program.methods
      .unstake(toBN(p.amount))
      .accountsStrict(
        this.minerWithdrawal(p.owner, p.mining, p.mining.creditMint, p.mining.stakeVault, p.destination),
      )
      .instruction();
  }

  claimRewards(p: { owner: PublicKey; mining: MiningKeys; destination: PublicKey }) {
    return this.program.methods
      .claimRewards()
      .accountsStrict(
        this.minerWithdrawal(p.owner, p.mining, p.mining.rewardMint, p.mining.rewardVault, p.destination),
      )
      .instruction();
  }

  // --- account lifecycle (anyone; rent goes back to whoever paid it) ---------------------------

  /** A Completed policy whose exposures are all closed; rent to `owner` (the policy's owner). */
  closePolicy(p: { closer: PublicKey; policy: PublicKey; owner: PublicKey }) {
    return this.program.methods
      .closePolicy()
      .accountsStrict({ closer: p.closer, policy: p.policy, owner: p.owner, ...this.events })
      .instruction();
  }

  /** A valued exposure, or one whose policy finished without it; rent to `rentPayer` (`PolicyExposure.rentPayer`). */
  closePolicyExposure(p: { closer: PublicKey; policy: PublicKey; exposure: PublicKey; rentPayer: PublicKey }) {
    return this.program.methods
      .closePolicyExposure()
      .accountsStrict({
        closer: p.closer,
        policy: p.policy,
        exposure: p.exposure,
        rentPayer: p.rentPayer,
        ...this.events,
      })
      .instruction();
  }

  /** A Completed cover with no refund owed and every tranche claimed; rent to `owner` (the trader). */
  closeLiquidationCover(p: { closer: PublicKey; cover: PublicKey; owner: PublicKey }) {
    return this.program.methods
      .closeLiquidationCover()
      .accountsStrict({ closer: p.closer, cover: p.cover, owner: p.owner, ...this.events })
      .instruction();
  }

  /** A trader's market exposure with no ongoing cover; rent to `owner` (the trader). */
  closeMarketExposure(p: { closer: PublicKey; exposure: PublicKey; owner: PublicKey }) {
    return this.program.methods
      .closeMarketExposure()
      .accountsStrict({ closer: p.closer, exposure: p.exposure, owner: p.owner, ...this.events })
      .instruction();
  }

  /** A miner with no stake and no unclaimed reward; rent to `owner`. */
  closeMiner(p: { closer: PublicKey; miningPool: PublicKey; owner: PublicKey }) {
    return this.program.methods
      .closeMiner()
      .accountsStrict({
        closer: p.closer,
        miningPool: p.miningPool,
        miner: pda.miner(p.miningPool, p.owner),
        owner: p.owner,
        ...this.events,
      })
      .instruction();
  }
}

/** The program's instruction names, as the IDL lists them (camelCase). */
export function instructionNames(program: CipProgram): string[] {
  return program.idl.instructions.map((ix) => ix.name);
}
