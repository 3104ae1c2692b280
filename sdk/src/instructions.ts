/**
 * One builder per program instruction (all 40), mirroring `crates/harness/src/ix.rs`. Every
 * builder takes the addresses explicitly (no RPC, no signer), so a wallet that only signs can use
 * them: build, put into a transaction, sign, send. Resolution that needs the chain (uplines,
 * settlement triples, the next policy index) lives in `resolve.ts` and `client.ts`.
 *
 * Accounts are passed with Anchor's `accountsStrict`: every account, including the `#[event_cpi]`
 * pair (`eventAuthority`, `program`), which the anchor 1.2.2 IDL lists without seeds.
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

/** A position with the market and oracle account settlement values it with. */
export interface PositionTriple {
  position: PublicKey;
  market: PublicKey;
  oracle: PublicKey;
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

/** What a reporter does to an existing position. */
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

/** The instruction builders, bound to a program (for its coder and id). */
/** The accounts of every reporter update to an existing position (increase, close, liquidation). */
export interface PositionUpdateAccounts {
  reporter: PublicKey;
  pool: PublicKey;
  market: PublicKey;
  owner: PublicKey;
  position: PublicKey;
  /** The position's policy, when it is attached to one. */
  policy?: PublicKey | null;
}

export class CipInstructions {
  constructor(readonly program: CipProgram) {}

  private get events() {
    return { eventAuthority: pda.eventAuthority(), program: this.program.programId };
  }

  private poolVault(keys: PoolKeys) {
    return {
      pool: keys.pool,
      premiumMint: keys.premiumMint,
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

  withdrawSurplus(p: { admin: PublicKey; keys: PoolKeys; destination: PublicKey; amount: IntLike }) {
    return this.program.methods
      .withdrawSurplus(toBN(p.amount))
      .accountsStrict({
        poolVault: this.poolVault(p.keys),
        admin: p.admin,
        destination: p.destination,
        ...this.events,
      })
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
      .accountsStrict({ admin: p.admin, pool: p.pool, market: p.market, ...this.events })
      .instruction();
  }

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

  /** Read-only; simulate it and read the return data (see `CipClient.markPrice`). */
  getMarkPrice(p: { pool: PublicKey; market: PublicKey; oracle: PublicKey }) {
    return this.program.methods
      .getMarkPrice()
      .accountsStrict({ pool: p.pool, market: p.market, oracle: p.oracle })
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

  /** `uplines`: referral node addresses, direct referrer first (see `resolve.uplinesOf`). */
  buyPolicy(p: {
    trader: PublicKey;
    keys: PoolKeys;
    traderToken: PublicKey;
    policyIndex: IntLike;
    premium: IntLike;
    uplines: PublicKey[];
  }) {
    return this.program.methods
      .buyPolicy(toBN(p.premium))
      .accountsStrict({
        trader: p.trader,
        poolVault: this.poolVault(p.keys),
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
        poolVault: this.poolVault(p.keys),
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

  /** `policy`: the owner's active policy (`UserAccount.activePolicy`), if any. */
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
      ...this.events,
    };
  }

  increasePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; addedMargin: IntLike }) {
    return this.program.methods
      .increasePosition(toBN(p.size), toBN(p.price), toBN(p.addedMargin))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  closePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; fee: IntLike }) {
    return this.program.methods
      .closePosition(toBN(p.size), toBN(p.price), toBN(p.fee))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  liquidatePosition(p: PositionUpdateAccounts & { size: IntLike; price: IntLike; fee: IntLike }) {
    return this.program.methods
      .liquidatePosition(toBN(p.size), toBN(p.price), toBN(p.fee))
      .accountsStrict(this.updatePositionAccounts(p))
      .instruction();
  }

  /** Increase, close or liquidate, by `update.kind`. */
  updatePosition(
    p: {
      reporter: PublicKey;
      pool: PublicKey;
      market: PublicKey;
      owner: PublicKey;
      position: PublicKey;
      policy?: PublicKey | null;
    },
    update: PositionUpdate,
  ): Promise<TransactionInstruction> {
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

  /** `triples`: every open position attached to the policy (see `resolve.settlementTriples`). */
  settlePolicy(p: {
    keeper: PublicKey;
    pool: PublicKey;
    policy: PublicKey;
    owner: PublicKey;
    triples: PositionTriple[];
  }) {
    return this.program.methods
      .settlePolicy()
      .accountsStrict({
        keeper: p.keeper,
        pool: p.pool,
        policy: p.policy,
        user: pda.user(p.pool, p.owner),
        ...this.events,
      })
      .remainingAccounts(
        p.triples.flatMap((triple) => [readonly(triple.position), readonly(triple.market), readonly(triple.oracle)]),
      )
      .instruction();
  }

  /** `openPosition`: the position with its market and oracle, or null for a position already closed in the window. */
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
        oracle: p.openPosition?.oracle ?? null,
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

  // --- liquidation cover --------------------------------------------------------------------

  buyLiquidationCover(p: {
    trader: PublicKey;
    keys: PoolKeys;
    market: PublicKey;
    traderToken: PublicKey;
    coverIndex: IntLike;
    args: LiquidationCoverArgs;
  }) {
    return this.program.methods
      .buyLiquidationCover(p.args)
      .accountsStrict({
        trader: p.trader,
        poolVault: this.poolVault(p.keys),
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

  cancelOrderRemainder(p: {
    reporter: PublicKey;
    keys: PoolKeys;
    cover: CoverKeys;
    traderToken: PublicKey;
    cancelledQty: IntLike;
  }) {
    return this.program.methods
      .cancelOrderRemainder(toBN(p.cancelledQty))
      .accountsStrict({
        reporter: p.reporter,
        poolVault: this.poolVault(p.keys),
        cover: p.cover.cover,
        exposure: pda.exposure(p.keys.pool, p.cover.owner, p.cover.market),
        traderToken: p.traderToken,
        ...this.events,
      })
      .instruction();
  }

  private reportCoverOutcome(reporter: PublicKey, pool: PublicKey, cover: CoverKeys) {
    return {
      reporter,
      pool,
      user: pda.user(pool, cover.owner),
      cover: cover.cover,
      exposure: pda.exposure(pool, cover.owner, cover.market),
      ...this.events,
    };
  }

  closeOrderCover(p: { reporter: PublicKey; pool: PublicKey; cover: CoverKeys }) {
    return this.program.methods
      .closeOrderCover()
      .accountsStrict(this.reportCoverOutcome(p.reporter, p.pool, p.cover))
      .instruction();
  }

  reportLiquidation(p: { reporter: PublicKey; pool: PublicKey; cover: CoverKeys; liquidatedQty: IntLike; loss: IntLike }) {
    return this.program.methods
      .reportLiquidation(toBN(p.liquidatedQty), toBN(p.loss))
      .accountsStrict(this.reportCoverOutcome(p.reporter, p.pool, p.cover))
      .instruction();
  }

  private decideClaim(authority: PublicKey, pool: PublicKey, cover: { cover: PublicKey; owner: PublicKey }) {
    return { authority, pool, user: pda.user(pool, cover.owner), cover: cover.cover, ...this.events };
  }

  reviewClaim(p: { reviewer: PublicKey; pool: PublicKey; cover: { cover: PublicKey; owner: PublicKey }; approve: boolean }) {
    return this.program.methods
      .reviewClaim(p.approve)
      .accountsStrict(this.decideClaim(p.reviewer, p.pool, p.cover))
      .instruction();
  }

  finalizeClaim(p: { keeper: PublicKey; pool: PublicKey; cover: { cover: PublicKey; owner: PublicKey } }) {
    return this.program.methods
      .finalizeClaim()
      .accountsStrict(this.decideClaim(p.keeper, p.pool, p.cover))
      .instruction();
  }

  private coverPayout(owner: PublicKey, keys: PoolKeys, cover: PublicKey, destination: PublicKey) {
    return { owner, poolVault: this.poolVault(keys), cover, destination, ...this.events };
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
}

/** The program's instruction names, as the IDL lists them (camelCase). */
export function instructionNames(program: CipProgram): string[] {
  return program.idl.instructions.map((ix) => ix.name);
}
