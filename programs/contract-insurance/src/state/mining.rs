use anchor_lang::prelude::*;

use crate::constants::MAX_UNSTAKE_COOLDOWN;
use crate::error::CipError;
use crate::math::accumulator::Accumulator;

/// Emission and unstaking rules of a mining pool, set by the admin.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MiningParams {
    /// Reward base units emitted per second, shared pro rata to stake.
    pub reward_per_second: u64,
    /// Emission stops at this time, if set.
    pub end_time: Option<i64>,
    pub unstake_allowed: bool,
    /// Seconds after a miner's last stake before it may unstake.
    pub unstake_cooldown: i64,
}

impl MiningParams {
    pub fn validate(&self, now: i64) -> Result<()> {
        if let Some(end_time) = self.end_time {
            require!(end_time > now, CipError::InvalidMiningParams);
        }
        require!((0..=MAX_UNSTAKE_COOLDOWN).contains(&self.unstake_cooldown), CipError::InvalidMiningParams);
        Ok(())
    }
}

/// The mining pool of an insurance pool: hashrate credits are staked and earn a reward token.
/// The mining-pool PDA owns both vaults.
#[account]
#[derive(InitSpace, Debug)]
pub struct MiningPool {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    /// The insurance pool's hashrate-credit mint.
    pub stake_mint: Pubkey,
    pub stake_vault: Pubkey,
    pub stake_vault_bump: u8,
    pub reward_mint: Pubkey,
    pub reward_decimals: u8,
    pub reward_vault: Pubkey,
    pub reward_vault_bump: u8,
    pub params: MiningParams,
    pub accumulator: Accumulator,
    /// Rewards paid out to miners.
    pub claimed: u64,
    pub miners: u64,
}

/// One wallet's stake in a mining pool.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct Miner {
    pub version: u8,
    pub bump: u8,
    pub mining_pool: Pubkey,
    pub owner: Pubkey,
    pub staked: u64,
    /// `staked × acc_reward_per_share / 10^12` at the last change (rounded up).
    pub reward_debt: u128,
    /// Rewards accrued and not yet claimed.
    pub pending: u64,
    pub claimed: u64,
    pub last_staked_at: i64,
}

impl MiningPool {
    /// Seeds for signing as the mining-pool PDA (both vaults' authority).
    pub fn signer_seeds(&self) -> [&[u8]; 3] {
        [crate::constants::MINING_POOL_SEED, self.pool.as_ref(), std::slice::from_ref(&self.bump)]
    }

    /// Brings the accumulator to `now` (before any stake, rate or funding change).
    pub fn settle(&mut self, now: i64) -> Result<u64> {
        self.accumulator.accrue(self.params.reward_per_second, self.params.end_time, now)
    }
}

impl Miner {
    pub fn share(&self) -> crate::math::accumulator::MinerShare {
        crate::math::accumulator::MinerShare {
            staked: self.staked,
            reward_debt: self.reward_debt,
            pending: self.pending,
        }
    }

    pub fn set_share(&mut self, share: crate::math::accumulator::MinerShare) {
        self.staked = share.staked;
        self.reward_debt = share.reward_debt;
        self.pending = share.pending;
    }
}
