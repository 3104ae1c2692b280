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
    pub fn validate(&self) -> Result<()> {
        for key in [self.reporter, self.oracle_authority, self.reviewer] {
            require_keys_neq!(key, Pubkey::default(), CipError::InvalidRoleKey);
        }
        Ok(())
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
    /// Positions that can attach to one policy. Settlement passes every open attached position
    /// in one transaction, so this keeps every policy settleable (8 distinct-market positions fit
    /// a legacy transaction); positions opened beyond it are recorded but not covered.
    pub max_covered_positions: u8,
}

impl PoolConfig {
    pub fn validate(&self) -> Result<()> {
        validate_tiers(&self.tiers)?;
        require!(
            self.trigger_multiplier >= 1,
            CipError::InvalidTriggerMultiplier
        );
        require!(
            self.payout_ratio_bps >= 1 && u64::from(self.payout_ratio_bps) <= BPS_DENOMINATOR,
            CipError::InvalidPayoutRatio
        );
        require!(
            self.policy_duration > 0 && self.policy_duration <= MAX_POLICY_DURATION,
            CipError::InvalidPolicyDuration
        );
        require!(
            self.max_depth >= 1 && self.max_depth <= HARD_MAX_DEPTH,
            CipError::InvalidMaxDepth
        );
        require!(
            u64::from(self.direct_bonus_bps) <= BPS_DENOMINATOR,
            CipError::RateAboveMaximum
        );
        require!(
            self.hashrate_per_usdt_bps > 0,
            CipError::InvalidHashrateRate
        );
        require!(
            self.max_price_staleness >= 1 && self.max_price_staleness <= MAX_PRICE_STALENESS,
            CipError::InvalidStaleness
        );
        require!(
            self.max_conf_bps >= 1 && u64::from(self.max_conf_bps) <= BPS_DENOMINATOR,
            CipError::InvalidConfidenceBound
        );
        require!(
            self.max_covered_positions >= 1
                && self.max_covered_positions <= HARD_MAX_COVERED_POSITIONS,
            CipError::InvalidCoveredPositions
        );
        Ok(())
    }
}

/// Validates a level table (see [`validate_levels`]).
pub fn validate_level_table(levels: &[Level]) -> Result<()> {
    validate_levels(levels)
}
