/**
 * Program-derived addresses, mirroring `crates/harness/src/pda.rs` and the seeds in
 * `programs/contract-insurance/src/constants.rs`.
 */
import { getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";

import { PROGRAM_ID } from "./program";
import { type IntLike, toBigInt } from "./units";

export const SEEDS = {
  pool: Buffer.from("pool"),
  creditMint: Buffer.from("credit_mint"),
  market: Buffer.from("market"),
  markPrice: Buffer.from("mark_price"),
  user: Buffer.from("user"),
  referral: Buffer.from("referral"),
  policy: Buffer.from("policy"),
  position: Buffer.from("position"),
  policyExposure: Buffer.from("policy_exposure"),
  liquidationCover: Buffer.from("liquidation_cover"),
  exposure: Buffer.from("exposure"),
  miningPool: Buffer.from("mining_pool"),
  stakeVault: Buffer.from("stake_vault"),
  rewardVault: Buffer.from("reward_vault"),
  miner: Buffer.from("miner"),
  eventAuthority: Buffer.from("__event_authority"),
} as const;

function find(seeds: Buffer[], programId: PublicKey = PROGRAM_ID): PublicKey {
  return PublicKey.findProgramAddressSync(seeds, programId)[0];
}

function u64le(value: IntLike): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(toBigInt(value));
  return buffer;
}

function u16le(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

export const pda = {
  pool: (premiumMint: PublicKey) => find([SEEDS.pool, premiumMint.toBuffer()]),
  creditMint: (pool: PublicKey) => find([SEEDS.creditMint, pool.toBuffer()]),
  /** The pool PDA's associated token account for the premium mint. */
  vault: (pool: PublicKey, premiumMint: PublicKey, tokenProgram: PublicKey = TOKEN_PROGRAM_ID) =>
    getAssociatedTokenAddressSync(premiumMint, pool, true, tokenProgram),
  market: (pool: PublicKey, marketId: number) =>
    find([SEEDS.market, pool.toBuffer(), u16le(marketId)]),
  markPriceFeed: (market: PublicKey) => find([SEEDS.markPrice, market.toBuffer()]),
  user: (pool: PublicKey, wallet: PublicKey) =>
    find([SEEDS.user, pool.toBuffer(), wallet.toBuffer()]),
  referralNode: (pool: PublicKey, wallet: PublicKey) =>
    find([SEEDS.referral, pool.toBuffer(), wallet.toBuffer()]),
  policy: (pool: PublicKey, owner: PublicKey, index: IntLike) =>
    find([SEEDS.policy, pool.toBuffer(), owner.toBuffer(), u64le(index)]),
  position: (pool: PublicKey, owner: PublicKey, positionId: IntLike) =>
    find([SEEDS.position, pool.toBuffer(), owner.toBuffer(), u64le(positionId)]),
  liquidationCover: (pool: PublicKey, owner: PublicKey, index: IntLike) =>
    find([SEEDS.liquidationCover, pool.toBuffer(), owner.toBuffer(), u64le(index)]),
  /** A policy's exposure in one market (settled as one; created by the first attached position). */
  policyExposure: (policy: PublicKey, market: PublicKey) =>
    find([SEEDS.policyExposure, policy.toBuffer(), market.toBuffer()]),
  /** A trader's liquidation-cover exposure on one market (`MarketExposure`). */
  exposure: (pool: PublicKey, owner: PublicKey, market: PublicKey) =>
    find([SEEDS.exposure, pool.toBuffer(), owner.toBuffer(), market.toBuffer()]),
  miningPool: (pool: PublicKey) => find([SEEDS.miningPool, pool.toBuffer()]),
  stakeVault: (miningPool: PublicKey) => find([SEEDS.stakeVault, miningPool.toBuffer()]),
  rewardVault: (miningPool: PublicKey) => find([SEEDS.rewardVault, miningPool.toBuffer()]),
  miner: (miningPool: PublicKey, owner: PublicKey) =>
    find([SEEDS.miner, miningPool.toBuffer(), owner.toBuffer()]),
  /** `#[event_cpi]`'s signer PDA (`[b"__event_authority"]`, as the IDL now describes it). */
  eventAuthority: () => find([SEEDS.eventAuthority]),
};

/** Pyth's push-oracle program, which keeps one sponsored `PriceUpdateV2` account per feed id and shard. */
export const PYTH_PUSH_ORACLE_ID = new PublicKey("pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT");
/** Pyth's receiver program: owner of every verified `PriceUpdateV2` account. */
export const PYTH_RECEIVER_ID = new PublicKey("rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ");

/**
 * The Pyth push-oracle price-feed account of a feed id (seeds `[shard as u16 LE, feed_id]` under
 * the push-oracle program, as `@pythnetwork/pyth-solana-receiver`'s `getPriceFeedAccountForProgram`
 * derives it). Shard 0 is the one Pyth sponsors.
 */
export function pythPriceFeedAccount(
  feedId: Uint8Array | number[] | string,
  shard = 0,
  pushOracle: PublicKey = PYTH_PUSH_ORACLE_ID,
): PublicKey {
  const id =
    typeof feedId === "string" ? Buffer.from(feedId.replace(/^0x/, ""), "hex") : Buffer.from(feedId as Uint8Array);
  if (id.length !== 32) throw new Error("a Pyth feed id is 32 bytes");
  return find([u16le(shard), id], pushOracle);
}

/** The addresses every pool-level instruction needs (mirrors the Rust harness's `PoolKeys`). */
export interface PoolKeys {
  pool: PublicKey;
  premiumMint: PublicKey;
  tokenProgram: PublicKey;
  vault: PublicKey;
  creditMint: PublicKey;
}

export function poolKeys(premiumMint: PublicKey, tokenProgram: PublicKey = TOKEN_PROGRAM_ID): PoolKeys {
  const pool = pda.pool(premiumMint);
  return {
    pool,
    premiumMint,
    tokenProgram,
    vault: pda.vault(pool, premiumMint, tokenProgram),
    creditMint: pda.creditMint(pool),
  };
}

/** The addresses every mining-pool instruction needs (mirrors `MiningKeys`). */
export interface MiningKeys {
  pool: PublicKey;
  miningPool: PublicKey;
  creditMint: PublicKey;
  stakeVault: PublicKey;
  rewardMint: PublicKey;
  rewardVault: PublicKey;
  tokenProgram: PublicKey;
}

export function miningKeys(keys: PoolKeys, rewardMint: PublicKey): MiningKeys {
  const miningPool = pda.miningPool(keys.pool);
  return {
    pool: keys.pool,
    miningPool,
    creditMint: keys.creditMint,
    stakeVault: pda.stakeVault(miningPool),
    rewardMint,
    rewardVault: pda.rewardVault(miningPool),
    tokenProgram: keys.tokenProgram,
  };
}

/** A trader's associated token account for the pool's hashrate-credit mint. */
export function creditAccount(owner: PublicKey, keys: PoolKeys): PublicKey {
  return getAssociatedTokenAddressSync(keys.creditMint, owner, true, keys.tokenProgram);
}
