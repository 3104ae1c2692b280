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
  exposure: (pool: PublicKey, owner: PublicKey, market: PublicKey) =>
    find([SEEDS.exposure, pool.toBuffer(), owner.toBuffer(), market.toBuffer()]),
  miningPool: (pool: PublicKey) => find([SEEDS.miningPool, pool.toBuffer()]),
  stakeVault: (miningPool: PublicKey) => find([SEEDS.stakeVault, miningPool.toBuffer()]),
  rewardVault: (miningPool: PublicKey) => find([SEEDS.rewardVault, miningPool.toBuffer()]),
  miner: (miningPool: PublicKey, owner: PublicKey) =>
    find([SEEDS.miner, miningPool.toBuffer(), owner.toBuffer()]),
  /** `#[event_cpi]`'s signer PDA (the IDL of anchor 1.2.2 carries no seeds for it). */
  eventAuthority: () => find([SEEDS.eventAuthority]),
};

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
