use anchor_lang::prelude::*;

use crate::constants::BPS_DENOMINATOR;
use crate::math::safe_math::{SafeCast, SafeMath};

/// `amount × bps / 10 000`, rounded down, computed in u128.
pub fn apply_bps(amount: u64, bps: u64) -> Result<u64> {
    u128::from(amount).safe_mul(u128::from(bps))?.safe_div(u128::from(BPS_DENOMINATOR))?.safe_cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_down() {
        assert_eq!(apply_bps(10_000_000, 1_500).unwrap(), 1_500_000);
        assert_eq!(apply_bps(1, 9_999).unwrap(), 0);
        assert_eq!(apply_bps(3, 5_000).unwrap(), 1);
        assert_eq!(apply_bps(u64::MAX, 10_000).unwrap(), u64::MAX);
    }

    #[test]
    fn result_above_u64_is_an_error() {
        assert!(apply_bps(u64::MAX, 20_000).is_err());
    }
}
