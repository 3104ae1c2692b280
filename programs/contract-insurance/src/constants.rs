//! Seeds, hard limits and fixed-point scales. Every product number (tiers, rates, durations,
//! quotas) is pool config, validated when set; only structural limits live here.

use anchor_lang::prelude::*;

#[constant]
pub const POOL_SEED: &[u8] = b"pool";
#[constant]
pub const CREDIT_MINT_SEED: &[u8] = b"credit_mint";
#[constant]
pub const MARKET_SEED: &[u8] = b"market";
#[constant]
pub const MARK_PRICE_SEED: &[u8] = b"mark_price";
#[constant]
pub const USER_SEED: &[u8] = b"user";
#[constant]
pub const REFERRAL_SEED: &[u8] = b"referral";
#[constant]
pub const POLICY_SEED: &[u8] = b"policy";
#[constant]
pub const POSITION_SEED: &[u8] = b"position";
#[constant]
pub const POLICY_EXPOSURE_SEED: &[u8] = b"policy_exposure";
#[constant]
pub const LIQUIDATION_COVER_SEED: &[u8] = b"liquidation_cover";
#[constant]
pub const EXPOSURE_SEED: &[u8] = b"exposure";
#[constant]
pub const MINING_POOL_SEED: &[u8] = b"mining_pool";
#[constant]
pub const STAKE_VAULT_SEED: &[u8] = b"stake_vault";
#[constant]
pub const REWARD_VAULT_SEED: &[u8] = b"reward_vault";
#[constant]
pub const MINER_SEED: &[u8] = b"miner";

/// 10 000 basis points = 100 %.
pub const BPS_DENOMINATOR: u64 = 10_000;

/// Most premium tiers a pool can configure (the spec's table has 6).
pub const MAX_PREMIUM_TIERS: usize = 8;
/// Levels 0..=10.
pub const MAX_LEVELS: usize = 11;
/// The referral walk never visits more than this many uplines, whatever the config says.
pub const HARD_MAX_DEPTH: u8 = 20;
/// Longest policy window a pool may configure (30 days).
pub const MAX_POLICY_DURATION: i64 = 30 * 86_400;
/// Longest oracle staleness bound a pool may configure (1 hour).
pub const MAX_PRICE_STALENESS: u32 = 3_600;
/// Observations kept in a market's mark-price feed (a ring buffer, oldest evicted first). With
/// the default 5 s spacing it holds at least the last 10 minutes of prices.
pub const MARK_PRICE_HISTORY: usize = 128;
/// Largest size and price decimals a market may use. A Pyth price (i64 mantissa, exponent about
/// -8) rescaled to 12 decimals still fits a u64, and P&L products stay far inside i128.
pub const MAX_PRICE_DECIMALS: u8 = 12;
/// Longest settlement grace period (after `end`) a pool may configure before the fallback mark
/// applies (7 days).
pub const MAX_SETTLEMENT_GRACE: u32 = 7 * 86_400;
/// Largest position notional (`size × price`, in raw units) a report may create, so that the
/// per-market sums a policy keeps can never overflow i128 (2^96 each, at most 2^30 positions).
pub const MAX_POSITION_NOTIONAL: u128 = 1 << 96;
/// Most liquidation-cover ratio tiers.
pub const MAX_RATIO_TIERS: usize = 4;
/// Largest UTC offset of the liquidation-cover day boundary (±14 h).
pub const MAX_UTC_OFFSET_SECONDS: u32 = 14 * 3_600;
/// Largest liquidation compensation multiplier (10×).
pub const MAX_COMPENSATION_MULTIPLIER_BPS: u32 = 100_000;
/// Longest vesting schedule.
pub const MAX_VESTING_DAYS: u16 = 365;
/// Longest unstake cool-down a mining pool may set (365 days).
pub const MAX_UNSTAKE_COOLDOWN: i64 = 365 * 86_400;
/// Layout version written into every account this program creates.
pub const ACCOUNT_VERSION: u8 = 1;
