//! Trigger and payout of a loss-cover policy (SPEC §2).

use anchor_lang::prelude::*;

use crate::math::bps::apply_bps;
use crate::math::safe_math::SafeMath;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PayoutTerms {
    /// Loss at or above which the policy pays.
    pub trigger: u64,
    /// Compensation value in premium base units.
    pub payout: u64,
    /// Hashrate credits the payout mints, at the conversion rate of the purchase.
    pub payout_credits: u64,
}

/// `trigger = premium × multiplier`, `payout = trigger × payout_ratio_bps / 10 000` and
/// `payout_credits = payout × hashrate_per_usdt_bps / 10 000` (each rounded down).
pub fn payout_terms(
    premium: u64,
    trigger_multiplier: u32,
    payout_ratio_bps: u16,
    hashrate_per_usdt_bps: u32,
) -> Result<PayoutTerms> {
    let trigger = premium.safe_mul(u64::from(trigger_multiplier))?;
    let payout = apply_bps(trigger, u64::from(payout_ratio_bps))?;
    let payout_credits = credits_for_payout(payout, hashrate_per_usdt_bps)?;
    Ok(PayoutTerms { trigger, payout, payout_credits })
}

/// Hashrate credits minted for a payout: `payout × hashrate_per_usdt_bps / 10 000`.
pub fn credits_for_payout(payout: u64, hashrate_per_usdt_bps: u32) -> Result<u64> {
    apply_bps(payout, u64::from(hashrate_per_usdt_bps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_give_ten_x_trigger_and_five_x_payout() {
        let terms = payout_terms(100_000_000, 10, 5_000, 10_000).unwrap();
        assert_eq!(terms.trigger, 1_000_000_000);
        assert_eq!(terms.payout, 500_000_000);
        assert_eq!(terms.payout_credits, 500_000_000);
        assert_eq!(payout_terms(100_000_000, 10, 5_000, 25_000).unwrap().payout_credits, 1_250_000_000);
    }

    #[test]
    fn payout_rounds_down() {
        let terms = payout_terms(3, 1, 5_000, 5_000).unwrap();
        assert_eq!(terms.trigger, 3);
        assert_eq!(terms.payout, 1);
        assert_eq!(terms.payout_credits, 0);
    }

    #[test]
    fn overflow_is_an_error() {
        assert!(payout_terms(u64::MAX, 2, 5_000, 10_000).is_err());
    }

    #[test]
    fn credits_scale_with_hashrate_rate() {
        assert_eq!(credits_for_payout(500, 10_000).unwrap(), 500);
        assert_eq!(credits_for_payout(500, 25_000).unwrap(), 1_250);
        assert_eq!(credits_for_payout(3, 5_000).unwrap(), 1);
    }
}
