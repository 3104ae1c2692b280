//! Pool configuration: every product number of the spec lives here, validated when set.

use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::math::{levels::validate_levels, tiers::validate_tiers};

/// One premium tier, in premium-mint base units. A premium is valid in this tier when
/// `min <= premium <= max` and `premium % step == 0`.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PremiumTier {
    pub min: u64,
    pub max: u64,
    pub step: u64,
}

/// One row of the referral level table. Level `i` is row `i`.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Level {
    /// Team volume (premium base units) at which a node reaches this level automatically.
    pub min_team_volume: u64,
    /// Differential commission on premiums, in bps.
    pub commission_bps: u16,
    /// Differential rebate on compensation, in bps.
    pub rebate_bps: u16,
}

/// Keys of the non-admin roles. Each is a separate signer.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolRoles {
    /// The venue's risk engine: reports fills, closes, liquidations, cancels.
    pub reporter: Pubkey,
    /// Posts mark prices for markets whose oracle source is `Authority`.
    pub oracle_authority: Pubkey,
    /// Approves or rejects liquidation-cover claims.
    pub reviewer: Pubkey,
}

impl PoolRoles {
    pub fn keys(&self) -> [Pubkey; 3] {
        [self.reporter, self.oracle_authority, self.reviewer]
    }

    /// SPEC §1: each role is a separate key, none is the default key, none is the admin's.
    pub fn validate(&self, admin: &Pubkey) -> Result<()> {
        let keys = self.keys();
        for key in keys {
            require_keys_neq!(key, Pubkey::default(), CipError::InvalidRoleKey);
            require_keys_neq!(key, *admin, CipError::RoleKeysNotDistinct);
        }
        require!(
            keys[0] != keys[1] && keys[0] != keys[2] && keys[1] != keys[2],
            CipError::RoleKeysNotDistinct
        );
        Ok(())
    }

    /// Whether `key` holds one of these roles (an admin may not also hold one).
    pub fn contains(&self, key: &Pubkey) -> bool {
        self.keys().contains(key)
    }
}

/// One compensation-ratio tier of liquidation cover: applies while the cumulative used amount
/// (the claim being approved included) is at most `max_used`.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct RatioTier {
    pub max_used: u64,
    pub ratio_bps: u16,
}

/// Liquidation-cover parameters (SPEC §5).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Debug, PartialEq, Eq)]
pub struct LiquidationConfig {
    /// Smallest insured amount per order.
    pub min_insured: u64,
    /// Per-order quota: largest insured amount per order.
    pub max_insured: u64,
    /// Insured amount a trader may buy per local day.
    pub daily_quota: u64,
    /// Insured amount a trader may buy in total.
    pub cumulative_quota: u64,
    /// Local day boundary: seconds east of UTC (UTC+8 = 28 800).
    pub day_offset_seconds: i32,
    /// How long the reviewer has to decide a claim.
    pub review_window: i64,
    /// `compensation = multiplier × ratio × covered loss`, in bps (20 000 = 2×).
    pub compensation_multiplier_bps: u32,
    /// Ascending `max_used` thresholds; the last one must be unbounded (`u64::MAX`).
    #[max_len(MAX_RATIO_TIERS)]
    pub ratio_tiers: Vec<RatioTier>,
    /// Number of daily vesting tranches.
    pub vesting_days: u16,
    /// Vesting starts this many seconds after local midnight of the day after the liquidation.
    pub vesting_start_offset: u32,
}

impl LiquidationConfig {
    pub fn validate(&self) -> Result<()> {
        require!(
            self.min_insured > 0 && self.min_insured <= self.max_insured,
            CipError::InvalidLiquidationConfig
        );
        require!(self.daily_quota > 0 && self.cumulative_quota > 0, CipError::InvalidLiquidationConfig);
        require!(
            self.day_offset_seconds.unsigned_abs() <= MAX_UTC_OFFSET_SECONDS,
            CipError::InvalidLiquidationConfig
        );
        require!(
            self.review_window > 0 && self.review_window <= MAX_POLICY_DURATION,
            CipError::InvalidLiquidationConfig
        );
        require!(
            self.compensation_multiplier_bps > 0
                && self.compensation_multiplier_bps <= MAX_COMPENSATION_MULTIPLIER_BPS,
            CipError::InvalidLiquidationConfig
        );
        require!(
            self.vesting_days > 0 && self.vesting_days <= MAX_VESTING_DAYS,
            CipError::InvalidLiquidationConfig
        );
        require!(i64::from(self.vesting_start_offset) < 86_400, CipError::InvalidLiquidationConfig);
        let tiers = &self.ratio_tiers;
        require!(!tiers.is_empty() && tiers.len() <= MAX_RATIO_TIERS, CipError::InvalidRatioTiers);
        require!(
            tiers.iter().all(|tier| u64::from(tier.ratio_bps) <= BPS_DENOMINATOR)
                && tiers.windows(2).all(|pair| pair[0].max_used < pair[1].max_used)
                && tiers.last().map(|tier| tier.max_used) == Some(u64::MAX),
            CipError::InvalidRatioTiers
        );
        // The ratio may only fall as usage grows, so the first tier is the most a claim can cost:
        // a cover's reserve is taken at that ratio when it is sold.
        require!(
            tiers.windows(2).all(|pair| pair[0].ratio_bps >= pair[1].ratio_bps),
            CipError::RatioTiersIncreasing
        );
        Ok(())
    }

    /// The highest compensation ratio any claim can get (the first tier's).
    pub fn top_ratio_bps(&self) -> u16 {
        self.ratio_tiers.first().map_or(0, |tier| tier.ratio_bps)
    }
}

/// Loss-cover and referral parameters.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Debug, PartialEq, Eq)]
pub struct PoolConfig {
    /// Ascending, non-overlapping premium tiers.
    #[max_len(MAX_PREMIUM_TIERS)]
    pub tiers: Vec<PremiumTier>,
    /// `trigger = premium × trigger_multiplier`.
    pub trigger_multiplier: u32,
    /// `payout = trigger × payout_ratio_bps / 10 000`.
    pub payout_ratio_bps: u16,
    /// Length of a policy window in seconds.
    pub policy_duration: i64,
    /// Uplines walked per purchase or compensation (hard cap 20).
    pub max_depth: u8,
    /// Stop the commission walk at the first node whose rate equals the best rate paid below it.
    pub same_level_cut: bool,
    /// Extra share of a compensation credited to the direct referrer, in bps.
    pub direct_bonus_bps: u16,
    /// Credits minted per USDT of payout, in bps (10 000 = one credit base unit per USDT base unit).
    pub hashrate_per_usdt_bps: u32,
    /// Oracle staleness bound in seconds.
    pub max_price_staleness: u32,
    /// Largest accepted `conf / price`, in bps.
    pub max_conf_bps: u16,
    /// Seconds after a policy's end from which a market without a guarded mark near the end may
    /// be valued at the fallback mark (see `oracle::selection`), so every policy settles in
    /// bounded time. At least twice the staleness bound.
    pub settlement_grace: u32,
    /// Least time between two recorded observations of a market's feed. Bounds how fast the ring
    /// buffer can be cycled, so the prices around a policy's end stay on chain long enough.
    pub min_observation_spacing: u32,
    /// Liquidation-cover parameters.
    pub liquidation: LiquidationConfig,
}

impl PoolConfig {
    pub fn validate(&self) -> Result<()> {
        validate_tiers(&self.tiers)?;
        require!(self.trigger_multiplier >= 1, CipError::InvalidTriggerMultiplier);
        require!(
            self.payout_ratio_bps >= 1 && u64::from(self.payout_ratio_bps) <= BPS_DENOMINATOR,
            CipError::InvalidPayoutRatio
        );
        require!(
            self.policy_duration > 0 && self.policy_duration <= MAX_POLICY_DURATION,
            CipError::InvalidPolicyDuration
        );
        require!(self.max_depth >= 1 && self.max_depth <= HARD_MAX_DEPTH, CipError::InvalidMaxDepth);
        require!(u64::from(self.direct_bonus_bps) <= BPS_DENOMINATOR, CipError::RateAboveMaximum);
        require!(self.hashrate_per_usdt_bps > 0, CipError::InvalidHashrateRate);
        require!(
            self.max_price_staleness >= 1 && self.max_price_staleness <= MAX_PRICE_STALENESS,
            CipError::InvalidStaleness
        );
        require!(
            self.max_conf_bps >= 1 && u64::from(self.max_conf_bps) <= BPS_DENOMINATOR,
            CipError::InvalidConfidenceBound
        );
        require!(
            u64::from(self.settlement_grace) >= 2 * u64::from(self.max_price_staleness)
                && self.settlement_grace <= MAX_SETTLEMENT_GRACE,
            CipError::InvalidSettlementGrace
        );
        require!(
            self.min_observation_spacing >= 1 && self.min_observation_spacing <= self.max_price_staleness,
            CipError::InvalidObservationSpacing
        );
        self.liquidation.validate()
    }
}

/// Validates a level table (see [`validate_levels`]).
pub fn validate_level_table(levels: &[Level]) -> Result<()> {
    validate_levels(levels)
}
