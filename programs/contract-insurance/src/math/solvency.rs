//! The pool's promises against its vault (SPEC §7): what a liquidation cover reserves, how a
//! reserve is released, whether a sale fits the free capital, and the end-of-instruction check.

use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::math::liquidation::liquidation_compensation;
use crate::math::safe_math::{SafeCast, SafeMath};

/// What a cover of `insured` can cost the pool at most: the larger of a full refund and the
/// highest compensation (`multiplier × top ratio × insured`, the covered loss never exceeding the
/// insured amount). Reserved in full when the cover is sold.
pub fn cover_reserve(insured: u64, top_ratio_bps: u16, multiplier_bps: u32) -> Result<u64> {
    Ok(insured.max(liquidation_compensation(insured, top_ratio_bps, multiplier_bps)?))
}

/// What a cover still reserves once cancellations have cut its insured amount from
/// `insured_bought` to `insured_left`: the original reserve pro rata, rounded **up**. Rounding up
/// keeps the reserve at least the worst case of what is left (`max(insured_left, multiplier ×
/// ratio × insured_left)` when the reserve was that worst case of `insured_bought`), and each
/// cancellation still releases at least its refund (the reserve is never below the insured
/// amount, so it falls at least as fast). A full cancellation reserves 0.
pub fn reserve_left(reserve_bought: u64, insured_left: u64, insured_bought: u64) -> Result<u64> {
    if insured_bought == 0 {
        return Ok(0);
    }
    let numerator = u128::from(reserve_bought).safe_mul(u128::from(insured_left))?;
    numerator.safe_add(u128::from(insured_bought) - 1)?.safe_div(u128::from(insured_bought))?.safe_cast()
}

/// Whether a cover sale fits: the vault's free capital plus the insured amount paid in covers the
/// reserve it needs.
pub fn sale_fits(free_capital: u64, insured: u64, reserve: u64) -> Result<bool> {
    Ok(u128::from(free_capital).safe_add(u128::from(insured))? >= u128::from(reserve))
}

/// `vault − liabilities`, signed.
pub fn solvency_gap(vault_balance: u64, liabilities: u64) -> i128 {
    i128::from(vault_balance) - i128::from(liabilities)
}

/// The check every instruction that moves money or promises ends with: the vault covers
/// everything owed. An instruction that leaves the pool no worse than it found it is never
/// refused by this check, so a pool that somehow fell short can still be paid back into.
pub fn check_solvent(gap_before: i128, gap_after: i128) -> Result<()> {
    require!(gap_after >= 0 || gap_after >= gap_before, CipError::VaultBelowLiabilities);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const USDT: u64 = 1_000_000;

    #[test]
    fn reserve_is_the_worst_case_of_refund_and_compensation() {
        // Defaults: 2 × 85 % → 1.7 × insured.
        assert_eq!(cover_reserve(100 * USDT, 8_500, 20_000).unwrap(), 170 * USDT);
        assert_eq!(cover_reserve(80 * USDT, 8_500, 20_000).unwrap(), 136 * USDT);
        // A multiplier below 1 × ratio: the refund is the worst case.
        assert_eq!(cover_reserve(100 * USDT, 5_000, 10_000).unwrap(), 100 * USDT);
    }

    #[test]
    fn releases_are_pro_rata_and_cover_the_refund() {
        let insured = 100;
        let reserve = cover_reserve(insured, 8_500, 20_000).unwrap();
        assert_eq!(reserve, 170);
        let (mut reserved, mut insured_left) = (reserve, insured);
        let mut cancelled_before = 0;
        for cancelled in [1, 2, 3, 4] {
            let refund =
                crate::math::liquidation::cancel_refund(insured, cancelled_before, cancelled, 10).unwrap();
            cancelled_before += cancelled;
            insured_left -= refund;
            let left = reserve_left(reserve, insured_left, insured).unwrap();
            assert!(reserved - left >= refund, "the refund comes out of the released reserve");
            reserved = left;
        }
        assert_eq!((insured_left, reserved), (0, 0), "a full cancellation releases the whole reserve");
    }

    /// The case cip-sim found (seed 3): 30.723 USDT insured, 172 of 484 cancelled. A pro-rata
    /// release rounded down left the reserve one unit below the worst case of what was left.
    #[test]
    fn what_is_left_stays_fully_reserved_after_a_partial_cancel() {
        let insured = 30_723_000;
        let reserve = cover_reserve(insured, 8_500, 20_000).unwrap();
        let refund = crate::math::liquidation::cancel_refund(insured, 0, 172, 484).unwrap();
        let left = reserve_left(reserve, insured - refund, insured).unwrap();
        assert_eq!(left, cover_reserve(insured - refund, 8_500, 20_000).unwrap());
        assert!(reserve - left >= refund);
    }

    /// Property over many amounts, ratios and multipliers: after any sequence of partial
    /// cancellations the reserve covers the worst case of what is left, every cancellation
    /// releases at least its refund, and cancelling the whole order leaves nothing.
    #[test]
    fn reserve_left_property() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        for _ in 0..20_000 {
            let insured = 1 + next(200_000_000);
            let ratio = 1 + next(10_000) as u16;
            let multiplier = 1 + next(100_000) as u32;
            let order_qty = 1 + next(10_000);
            let reserve = cover_reserve(insured, ratio, multiplier).unwrap();
            let (mut reserved, mut left, mut open) = (reserve, insured, order_qty);
            while open > 0 {
                let cancelled = 1 + next(open);
                let before = order_qty - open;
                let refund =
                    crate::math::liquidation::cancel_refund(insured, before, cancelled, order_qty).unwrap();
                left -= refund;
                open -= cancelled;
                let now = reserve_left(reserve, left, insured).unwrap();
                assert!(reserved - now >= refund, "release below the refund");
                assert!(now >= cover_reserve(left, ratio, multiplier).unwrap(), "under-reserved");
                reserved = now;
            }
            assert_eq!((left, reserved), (0, 0), "the whole order cancelled gives back everything");
        }
    }

    #[test]
    fn capacity() {
        assert!(sale_fits(70, 100, 170).unwrap());
        assert!(!sale_fits(69, 100, 170).unwrap());
        assert!(sale_fits(u64::MAX, u64::MAX, u64::MAX).unwrap());
    }

    #[test]
    fn solvency_check_refuses_only_a_worsening_shortfall() {
        check_solvent(0, 0).unwrap();
        check_solvent(10, 0).unwrap();
        assert_eq!(check_solvent(0, -1).unwrap_err(), CipError::VaultBelowLiabilities.into());
        // Already short: paying in (or standing still) is allowed, paying out is not.
        check_solvent(-10, -5).unwrap();
        check_solvent(-10, -10).unwrap();
        assert_eq!(check_solvent(-10, -11).unwrap_err(), CipError::VaultBelowLiabilities.into());
        assert_eq!(solvency_gap(5, 7), -2);
    }
}
