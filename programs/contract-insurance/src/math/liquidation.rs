//! Liquidation-cover rules (SPEC §5): insured amount, refunds, ratio tiers and compensation.

use anchor_lang::prelude::*;

use crate::constants::BPS_DENOMINATOR;
use crate::error::CipError;
use crate::math::bps::apply_bps;
use crate::math::safe_math::{SafeCast, SafeMath};
use crate::state::RatioTier;

/// `insured = margin × ratio` (ratio in bps, at most 100 %), rounded down.
pub fn insured_from_ratio(margin: u64, ratio_bps: u16) -> Result<u64> {
    require!(u64::from(ratio_bps) <= BPS_DENOMINATOR, CipError::InsuredAboveMargin);
    apply_bps(margin, u64::from(ratio_bps))
}

/// What a cancellation gives back of `amount` (the insured amount paid, or the order's margin):
/// cancelling `cancelling` more units of an order of `order_qty` of which `cancelled_before` are
/// cancelled already. It is the step between the cumulative shares `amount × cancelled /
/// order_qty` (each rounded down), so the parts of any sequence of cancellations add up to the
/// share of the total cancelled — all of `amount` once the whole order is cancelled, with no
/// base unit left behind per part.
pub fn cancel_refund(amount: u64, cancelled_before: u64, cancelling: u64, order_qty: u64) -> Result<u64> {
    let share = |cancelled: u64| -> Result<u128> {
        u128::from(amount).safe_mul(u128::from(cancelled))?.safe_div(u128::from(order_qty))
    };
    let before = share(cancelled_before)?;
    share(cancelled_before.safe_add(cancelling)?)?.safe_sub(before)?.safe_cast()
}

/// Compensation ratio for the cumulative used amount (this claim included): the first tier whose
/// `max_used` is at or above it.
pub fn ratio_for_used(tiers: &[RatioTier], used: u64) -> Result<u16> {
    tiers
        .iter()
        .find(|tier| used <= tier.max_used)
        .map(|tier| tier.ratio_bps)
        .ok_or_else(|| error!(CipError::InvalidRatioTiers))
}

/// What a liquidation is worth: `min(loss, margin × liq / open, insured × liq / open)`.
pub fn covered_loss(loss: u64, margin: u64, insured: u64, liquidated_qty: u64, open_qty: u64) -> Result<u64> {
    let pro_rata = |amount: u64| -> Result<u64> {
        u128::from(amount).safe_mul(u128::from(liquidated_qty))?.safe_div(u128::from(open_qty))?.safe_cast()
    };
    Ok(loss.min(pro_rata(margin)?).min(pro_rata(insured)?))
}

/// `compensation = multiplier × ratio × covered loss` (multiplier in bps: 20 000 = 2×), rounded down.
pub fn liquidation_compensation(covered: u64, ratio_bps: u16, multiplier_bps: u32) -> Result<u64> {
    u128::from(covered)
        .safe_mul(u128::from(multiplier_bps))?
        .safe_mul(u128::from(ratio_bps))?
        .safe_div(u128::from(BPS_DENOMINATOR).safe_mul(u128::from(BPS_DENOMINATOR))?)?
        .safe_cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    const USDT: u64 = 1_000_000;

    fn spec_tiers() -> Vec<RatioTier> {
        vec![
            RatioTier { max_used: 100 * USDT, ratio_bps: 8_500 },
            RatioTier { max_used: 500 * USDT, ratio_bps: 8_000 },
            RatioTier { max_used: u64::MAX, ratio_bps: 7_500 },
        ]
    }

    #[test]
    fn spec_seed_examples() {
        // First order 80 USDT → used 80 → 85 %; second 50 USDT → used 130 → 80 %.
        assert_eq!(ratio_for_used(&spec_tiers(), 80 * USDT).unwrap(), 8_500);
        assert_eq!(ratio_for_used(&spec_tiers(), 130 * USDT).unwrap(), 8_000);
        // Fully liquidated at a loss above the insured amount: 2 × 85 % × 80 = 136.
        let covered = covered_loss(1_000 * USDT, 200 * USDT, 80 * USDT, 10, 10).unwrap();
        assert_eq!(covered, 80 * USDT);
        assert_eq!(liquidation_compensation(covered, 8_500, 20_000).unwrap(), 136 * USDT);
        let covered = covered_loss(1_000 * USDT, 200 * USDT, 50 * USDT, 10, 10).unwrap();
        assert_eq!(liquidation_compensation(covered, 8_000, 20_000).unwrap(), 80 * USDT);
    }

    #[test]
    fn ratio_tier_boundaries() {
        let tiers = spec_tiers();
        assert_eq!(ratio_for_used(&tiers, 100 * USDT).unwrap(), 8_500);
        assert_eq!(ratio_for_used(&tiers, 100 * USDT + 1).unwrap(), 8_000);
        assert_eq!(ratio_for_used(&tiers, 500 * USDT).unwrap(), 8_000);
        assert_eq!(ratio_for_used(&tiers, 500 * USDT + 1).unwrap(), 7_500);
        assert_eq!(ratio_for_used(&tiers, u64::MAX).unwrap(), 7_500);
        let bounded = [RatioTier { max_used: 10, ratio_bps: 1 }];
        assert_eq!(ratio_for_used(&bounded, 11).unwrap_err(), CipError::InvalidRatioTiers.into());
    }

    #[test]
    fn covered_loss_takes_the_smallest_term() {
        // Loss is the smallest.
        assert_eq!(covered_loss(30, 200, 100, 10, 10).unwrap(), 30);
        // Margin pro rata: 120 × 4 / 10 = 48.
        assert_eq!(covered_loss(1_000, 120, 100, 4, 10).unwrap(), 40);
        assert_eq!(covered_loss(1_000, 90, 100, 4, 10).unwrap(), 36);
        // Insured pro rata, rounded down: 99 × 1 / 3 = 33.
        assert_eq!(covered_loss(1_000, 1_000, 99, 1, 3).unwrap(), 33);
        assert!(covered_loss(1, 1, 1, 1, 0).is_err());
    }

    #[test]
    fn compensation_rounds_down() {
        assert_eq!(liquidation_compensation(1, 8_500, 20_000).unwrap(), 1);
        assert_eq!(liquidation_compensation(3, 7_500, 20_000).unwrap(), 4);
        assert_eq!(liquidation_compensation(u64::MAX, 10_000, 10_000).unwrap(), u64::MAX);
        assert!(liquidation_compensation(u64::MAX, 10_000, 20_000).is_err());
    }

    #[test]
    fn insured_and_refund_helpers() {
        assert_eq!(insured_from_ratio(200 * USDT, 5_000).unwrap(), 100 * USDT);
        assert_eq!(insured_from_ratio(3, 5_000).unwrap(), 1);
        assert_eq!(insured_from_ratio(1, 10_001).unwrap_err(), CipError::InsuredAboveMargin.into());
        assert_eq!(cancel_refund(100 * USDT, 0, 3, 10).unwrap(), 30 * USDT);
        assert_eq!(cancel_refund(100, 0, 10, 10).unwrap(), 100);
        // Three thirds of 100: 33, 33, then the 34 that makes it whole.
        let parts: Vec<u64> = (0..3).map(|before| cancel_refund(100, before, 1, 3).unwrap()).collect();
        assert_eq!(parts, [33, 33, 34]);
    }
}
