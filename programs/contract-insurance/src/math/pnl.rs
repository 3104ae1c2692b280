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
    to_quote_units(signed, decimals)
}

/// `raw × 10^quote / (10^base × 10^price)`, rounded toward −∞: a size × price amount in quote units.
fn to_quote_units(raw: i128, decimals: MarketDecimals) -> Result<i128> {
    // Cancel the powers of ten before multiplying, to keep intermediate values small.
    let scale_down = i64::from(decimals.base) + i64::from(decimals.price) - i64::from(decimals.quote);
    if scale_down >= 0 {
        let divisor: i128 = pow10(scale_down.safe_cast()?)?.safe_cast()?;
        raw.safe_div(divisor)
    } else {
        let factor: i128 = pow10((-scale_down).safe_cast()?)?.safe_cast()?;
        raw.safe_mul(factor)
    }
}

/// A policy's exposure in one market, summed over its attached positions: `Σ dir × size` and
/// `Σ dir × size × entry`. Unrealized P&L is linear in the mark, so the sums value every position
/// of the market at once: `Σ dir × size × (mark − entry) = net_size × mark − net_entry_value`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NetExposure {
    pub net_size: i128,
    pub net_entry_value: i128,
}

impl NetExposure {
    fn terms(direction: Direction, size: u64, entry: u64) -> Result<(i128, i128)> {
        let size = i128::from(size).safe_mul(direction.sign())?;
        Ok((size, size.safe_mul(i128::from(entry))?))
    }

    /// Adds a position of `size` at `entry`.
    pub fn add(&mut self, direction: Direction, size: u64, entry: u64) -> Result<()> {
        let (size, value) = Self::terms(direction, size, entry)?;
        self.net_size = self.net_size.safe_add(size)?;
        self.net_entry_value = self.net_entry_value.safe_add(value)?;
        Ok(())
    }

    /// Removes a position of `size` at `entry` (before it changes, or when it closes).
    pub fn remove(&mut self, direction: Direction, size: u64, entry: u64) -> Result<()> {
        let (size, value) = Self::terms(direction, size, entry)?;
        self.net_size = self.net_size.safe_sub(size)?;
        self.net_entry_value = self.net_entry_value.safe_sub(value)?;
        Ok(())
    }

    /// Whether the value does not depend on the mark (flat, or long and short of equal size).
    pub fn is_mark_independent(&self) -> bool {
        self.net_size == 0
    }

    /// Unrealized P&L of the whole exposure at `mark`, rounded toward −∞ once for the market.
    pub fn pnl_at(&self, mark: u64, decimals: MarketDecimals) -> Result<i128> {
        let raw = self.net_size.safe_mul(i128::from(mark))?.safe_sub(self.net_entry_value)?;
        to_quote_units(raw, decimals)
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
    fn net_exposure_values_like_its_positions() {
        // Long 2 BTC at 60 000 and short 1 BTC at 62 000, valued at 59 000.
        let mut exposure = NetExposure::default();
        exposure.add(Direction::Long, 2 * BTC, 60_000 * USD).unwrap();
        exposure.add(Direction::Short, BTC, 62_000 * USD).unwrap();
        let mark = 59_000 * USD;
        let each = position_pnl(2 * BTC, 60_000 * USD, mark, Direction::Long, SIX).unwrap()
            + position_pnl(BTC, 62_000 * USD, mark, Direction::Short, SIX).unwrap();
        assert_eq!(exposure.pnl_at(mark, SIX).unwrap(), each);
        assert_eq!(each, 1_000_000_000, "−2 000 + 3 000");
        // Removing a position takes exactly its terms out again.
        exposure.remove(Direction::Short, BTC, 62_000 * USD).unwrap();
        assert_eq!(
            exposure.pnl_at(mark, SIX).unwrap(),
            position_pnl(2 * BTC, 60_000 * USD, mark, Direction::Long, SIX).unwrap()
        );
    }

    #[test]
    fn hedged_exposure_does_not_depend_on_the_mark() {
        let mut exposure = NetExposure::default();
        exposure.add(Direction::Long, BTC, 60_000 * USD).unwrap();
        exposure.add(Direction::Short, BTC, 60_000 * USD).unwrap();
        assert!(exposure.is_mark_independent());
        for mark in [1, 30_000 * USD, 60_000 * USD, 90_000 * USD] {
            assert_eq!(exposure.pnl_at(mark, SIX).unwrap(), 0);
        }
        // Hedged at different entries: the spread is locked in, whatever the mark.
        let mut spread = NetExposure::default();
        spread.add(Direction::Long, BTC, 60_000 * USD).unwrap();
        spread.add(Direction::Short, BTC, 59_000 * USD).unwrap();
        assert_eq!(spread.pnl_at(1, SIX).unwrap(), -1_000_000_000);
        assert_eq!(spread.pnl_at(u64::MAX / 4, SIX).unwrap(), -1_000_000_000);
    }

    #[test]
    fn net_exposure_rounds_once_per_market() {
        // Two 1-unit positions each worth −0.5 quote units: per position −1 each, once −1.
        let decimals = MarketDecimals { base: 0, quote: 0, price: 1 };
        let mut exposure = NetExposure::default();
        exposure.add(Direction::Long, 1, 10).unwrap();
        exposure.add(Direction::Long, 1, 10).unwrap();
        assert_eq!(position_pnl(1, 10, 5, Direction::Long, decimals).unwrap(), -1);
        assert_eq!(exposure.pnl_at(5, decimals).unwrap(), -1);
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
