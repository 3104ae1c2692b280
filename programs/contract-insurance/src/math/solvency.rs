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

/// The part of a cover's original reserve released when `cancelled` of `order_qty` is cancelled:
/// pro rata, rounded down, so a full cancellation releases exactly what is left.
pub fn reserve_released(reserve_bought: u64, cancelled: u64, order_qty: u64) -> Result<u64> {
    u128::from(reserve_bought).safe_mul(u128::from(cancelled))?.safe_div(u128::from(order_qty))?.safe_cast()
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
        let mut left = reserve;
        let mut refunded = 0;
        for cancelled in [1, 2, 3, 4] {
            let release = reserve_released(reserve, cancelled, 10).unwrap();
            let refund = crate::math::liquidation::cancel_refund(insured, cancelled, 10).unwrap();
            assert!(release >= refund, "the refund comes out of the released reserve");
            left -= release;
            refunded += refund;
        }
        assert_eq!(left, 0, "a full cancellation releases the whole reserve");
        assert_eq!(refunded, 100);
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
