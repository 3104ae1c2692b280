//! Position P&L and policy loss (SPEC §2, §3), in i128 with the market's decimals.
//!
//! `pnl = size × (price − entry) × dir × 10^quote / (10^base × 10^price)`, rounded toward −∞,
//! so a loss is never understated by rounding and a profit never overstated.

use anchor_lang::prelude::*;

use crate::math::safe_math::{pow10, SafeCast, SafeMath};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Long,
    Short,
}

impl Direction {
    fn sign(self) -> i128 {
        match self {
            Direction::Long => 1,
            Direction::Short => -1,
        }
    }
}

/// Decimals of a market: size (base), P&L (quote) and price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketDecimals {
    pub base: u8,
    pub quote: u8,
    pub price: u8,
}

/// P&L in quote units of `size` moving from `entry` to `price`.
pub fn position_pnl(
    size: u64,
    entry: u64,
    price: u64,
    direction: Direction,
    decimals: MarketDecimals,
) -> Result<i128> {
    let price_move = i128::from(price).safe_sub(i128::from(entry))?;
    let signed = i128::from(size).safe_mul(price_move)?.safe_mul(direction.sign())?;
    // Cancel the powers of ten before multiplying, to keep intermediate values small.
    let scale_down = i64::from(decimals.base) + i64::from(decimals.price) - i64::from(decimals.quote);
    if scale_down >= 0 {
        let divisor: i128 = pow10(scale_down.safe_cast()?)?.safe_cast()?;
        signed.safe_div(divisor)
    } else {
        let factor: i128 = pow10((-scale_down).safe_cast()?)?.safe_cast()?;
        signed.safe_mul(factor)
    }
}

/// Entry price after adding `added` at `price` to `size` at `entry` (size-weighted, rounded down).
pub fn weighted_entry(size: u64, entry: u64, added: u64, price: u64) -> Result<u64> {
    let notional = u128::from(size)
        .safe_mul(u128::from(entry))?
        .safe_add(u128::from(added).safe_mul(u128::from(price))?)?;
    let total = u128::from(size).safe_add(u128::from(added))?;
    notional.safe_div(total)?.safe_cast()
}

/// Realized P&L of closing `size` at `exit`, net of the venue's closing `fee`.
pub fn realized_on_close(
    size: u64,
    entry: u64,
    exit: u64,
    direction: Direction,
    decimals: MarketDecimals,
    fee: u64,
) -> Result<i128> {
    position_pnl(size, entry, exit, direction, decimals)?.safe_sub(i128::from(fee))
}

/// `max(0, −pnl)` as a u64 amount.
pub fn loss_from_pnl(pnl: i128) -> Result<u64> {
    if pnl >= 0 {
        return Ok(0);
    }
    pnl.unsigned_abs().safe_cast()
}

/// A loss pays when it reaches the trigger: equal pays, one base unit less does not.
pub fn meets_trigger(loss: u64, trigger: u64) -> bool {
    loss >= trigger
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BTC-PERP style: size in 10^-6 BTC, price and P&L with 6 decimals.
    const SIX: MarketDecimals = MarketDecimals { base: 6, quote: 6, price: 6 };
    const BTC: u64 = 1_000_000;
    const USD: u64 = 1_000_000;

    #[test]
    fn long_and_short_profit_and_loss() {
        // 2 BTC long from 60 000 to 61 000: +2 000 USD.
        assert_eq!(
            position_pnl(2 * BTC, 60_000 * USD, 61_000 * USD, Direction::Long, SIX).unwrap(),
            2_000_000_000
        );
        assert_eq!(
            position_pnl(2 * BTC, 60_000 * USD, 59_000 * USD, Direction::Long, SIX).unwrap(),
            -2_000_000_000
        );
        assert_eq!(
            position_pnl(2 * BTC, 60_000 * USD, 61_000 * USD, Direction::Short, SIX).unwrap(),
            -2_000_000_000
        );
        assert_eq!(
            position_pnl(2 * BTC, 60_000 * USD, 59_000 * USD, Direction::Short, SIX).unwrap(),
            2_000_000_000
        );
        assert_eq!(position_pnl(2 * BTC, 60_000 * USD, 60_000 * USD, Direction::Long, SIX).unwrap(), 0);
    }

    #[test]
    fn rounds_toward_negative_infinity() {
        // 1 base unit (10^-6 BTC) moving 1 price unit (10^-6 USD) is 10^-12 USD: below one quote unit.
        assert_eq!(position_pnl(1, 100, 101, Direction::Long, SIX).unwrap(), 0);
        assert_eq!(position_pnl(1, 101, 100, Direction::Long, SIX).unwrap(), -1);
        assert_eq!(position_pnl(1, 100, 101, Direction::Short, SIX).unwrap(), -1);
    }

    #[test]
    fn mixed_decimals() {
        // Size with 8 decimals, price with 2, P&L with 6: 0.5 units moving 10.00 = 5.000000.
        let decimals = MarketDecimals { base: 8, quote: 6, price: 2 };
        assert_eq!(position_pnl(50_000_000, 1_000, 2_000, Direction::Long, decimals).unwrap(), 5_000_000);
        // P&L decimals above base + price decimals scale up.
        let decimals = MarketDecimals { base: 0, quote: 6, price: 2 };
        assert_eq!(position_pnl(3, 150, 100, Direction::Long, decimals).unwrap(), -1_500_000);
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        assert!(position_pnl(
            u64::MAX,
            0,
            u64::MAX,
            Direction::Long,
            MarketDecimals { base: 0, quote: 18, price: 0 }
        )
        .is_err());
    }

    #[test]
    fn weighted_entry_is_size_weighted() {
        assert_eq!(weighted_entry(BTC, 60_000 * USD, BTC, 62_000 * USD).unwrap(), 61_000 * USD);
        assert_eq!(weighted_entry(3 * BTC, 60_000 * USD, BTC, 64_000 * USD).unwrap(), 61_000 * USD);
        assert_eq!(weighted_entry(1, 10, 2, 11).unwrap(), 10, "32 / 3 rounds down");
    }

    #[test]
    fn closing_fee_reduces_realized_pnl() {
        assert_eq!(
            realized_on_close(BTC, 60_000 * USD, 60_500 * USD, Direction::Long, SIX, 25 * USD).unwrap(),
            475_000_000
        );
        assert_eq!(
            realized_on_close(BTC, 60_000 * USD, 60_000 * USD, Direction::Long, SIX, 25 * USD).unwrap(),
            -25_000_000
        );
    }

    #[test]
    fn loss_and_trigger_boundaries() {
        assert_eq!(loss_from_pnl(5).unwrap(), 0);
        assert_eq!(loss_from_pnl(0).unwrap(), 0);
        assert_eq!(loss_from_pnl(-1_000).unwrap(), 1_000);
        assert!(loss_from_pnl(-(u64::MAX as i128) - 1).is_err());
        let trigger = 1_000_000_000;
        assert!(meets_trigger(trigger, trigger), "a loss equal to the trigger pays");
        assert!(!meets_trigger(trigger - 1, trigger), "one base unit less does not");
        assert!(meets_trigger(trigger + 1, trigger));
    }
}
