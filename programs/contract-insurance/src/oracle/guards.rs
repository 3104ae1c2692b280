//! Pure price guards (SPEC §3): price > 0, `conf / price <= max_conf_bps`, freshness, and the
//! rescaling of an oracle's `price × 10^exponent` to the market's decimals.

use anchor_lang::prelude::*;

use crate::constants::BPS_DENOMINATOR;
use crate::error::CipError;
use crate::math::safe_math::{pow10, SafeCast, SafeMath};
use crate::state::PriceObservation;

/// A price as an oracle reports it: `price × 10^exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RawPrice {
    pub price: i64,
    pub conf: u64,
    pub exponent: i32,
    pub publish_time: i64,
}

/// A guarded mark price in the market's `price_decimals`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValidatedPrice {
    pub price: u64,
    /// Confidence half-width, rounded up.
    pub conf: u64,
    pub publish_time: i64,
    pub price_decimals: u8,
}

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct OracleGuards {
    /// Seconds a price may be away from the time it stands for.
    pub max_staleness: u32,
    pub max_conf_bps: u16,
}

/// Positive, and `conf / price <= max_conf_bps / 10 000` (compared without division).
pub fn passes_guards(observation: &PriceObservation, max_conf_bps: u16) -> bool {
    observation.price > 0
        && u128::from(observation.conf) * u128::from(BPS_DENOMINATOR)
            <= u128::from(observation.price.unsigned_abs()) * u128::from(max_conf_bps)
}

/// An oracle price rescaled to `price_decimals` for recording (price rounded down, confidence up).
pub fn to_observation(raw: RawPrice, price_decimals: u8) -> Result<PriceObservation> {
    require!(raw.price > 0, CipError::PriceNotPositive);
    let price = rescale(raw.price.unsigned_abs(), raw.exponent, price_decimals, Rounding::Down)?;
    require!(price > 0, CipError::PriceNotPositive);
    Ok(PriceObservation {
        price: price.safe_cast().map_err(|_| error!(CipError::PriceExponentOutOfRange))?,
        conf: rescale(raw.conf, raw.exponent, price_decimals, Rounding::Up)?,
        publish_time: raw.publish_time,
        recorded_at: 0,
    })
}

/// An observation recorded in `from` price decimals, re-expressed in `to` (price rounded down,
/// confidence up).
pub fn convert_observation(observation: PriceObservation, from: u8, to: u8) -> Result<PriceObservation> {
    let exponent = -i32::from(from);
    let price = rescale(observation.price.unsigned_abs(), exponent, to, Rounding::Down)?;
    Ok(PriceObservation {
        price: price.safe_cast().map_err(|_| error!(CipError::PriceExponentOutOfRange))?,
        conf: rescale(observation.conf, exponent, to, Rounding::Up)?,
        ..observation
    })
}

/// A price in `from` decimals re-expressed in `to` decimals, rounded down.
pub fn convert_price(price: u64, from: u8, to: u8) -> Result<u64> {
    rescale(price, -i32::from(from), to, Rounding::Down)
}

#[derive(Clone, Copy)]
enum Rounding {
    Down,
    Up,
}

/// `value × 10^exponent` expressed with `decimals` decimals.
fn rescale(value: u64, exponent: i32, decimals: u8, rounding: Rounding) -> Result<u64> {
    let shift = i64::from(exponent).safe_add(i64::from(decimals))?;
    let magnitude: u32 = shift.unsigned_abs().safe_cast()?;
    require!(magnitude <= 38, CipError::PriceExponentOutOfRange);
    let factor = pow10(magnitude)?;
    let value = u128::from(value);
    let scaled = if shift >= 0 {
        value.checked_mul(factor).ok_or(CipError::PriceExponentOutOfRange)?
    } else {
        match rounding {
            Rounding::Down => value.safe_div(factor)?,
            Rounding::Up => value.safe_add(factor.safe_sub(1)?)?.safe_div(factor)?,
        }
    };
    scaled.safe_cast().map_err(|_| error!(CipError::PriceExponentOutOfRange))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(price: i64, conf: u64, exponent: i32) -> RawPrice {
        RawPrice { price, conf, exponent, publish_time: 100 }
    }

    fn observation(price: i64, conf: u64) -> PriceObservation {
        PriceObservation { price, conf, publish_time: 1, recorded_at: 1 }
    }

    #[test]
    fn rescales_pyth_exponent_to_market_decimals() {
        // 65 000.12345678 with exponent -8, market uses 6 decimals.
        let price = to_observation(raw(6_500_012_345_678, 1_000_000, -8), 6).unwrap();
        assert_eq!(price.price, 65_000_123_456);
        assert_eq!(price.conf, 10_000);
        assert_eq!(to_observation(raw(65_000, 1, -2), 6).unwrap().price, 650_000_000);
        let up = to_observation(raw(1_000_001, 1, -8), 6).unwrap();
        assert_eq!(up.price, 10_000);
        assert_eq!(up.conf, 1, "confidence rounds up");
    }

    #[test]
    fn the_largest_market_decimals_still_fit_a_pyth_price() {
        // A 1e12-dollar asset with Pyth's -8 exponent at 12 decimals: 1e24 does not fit, but any
        // price a u64 mantissa reaches with exponent -8 and 12 decimals is below 2^63 × 10^4.
        let big = to_observation(raw(i64::MAX / 10_000, 0, -8), 12).unwrap();
        assert_eq!(big.price, (i64::MAX / 10_000) * 10_000);
        assert_eq!(
            to_observation(raw(i64::MAX, 0, -8), 12).unwrap_err(),
            CipError::PriceExponentOutOfRange.into()
        );
    }

    #[test]
    fn decimals_conversions_round_price_down_and_confidence_up() {
        let observation =
            PriceObservation { price: 60_000_123_456, conf: 1, publish_time: 5, recorded_at: 9 };
        let seven = convert_observation(observation, 6, 7).unwrap();
        assert_eq!(
            (seven.price, seven.conf, seven.publish_time, seven.recorded_at),
            (600_001_234_560, 10, 5, 9)
        );
        let four = convert_observation(observation, 6, 4).unwrap();
        assert_eq!((four.price, four.conf), (600_001_234, 1));
        assert_eq!(convert_price(600_000_000_000, 7, 6).unwrap(), 60_000_000_000);
        assert_eq!(convert_price(5, 6, 6).unwrap(), 5);
        assert_eq!(
            convert_observation(
                PriceObservation { price: i64::MAX, conf: 0, publish_time: 1, recorded_at: 1 },
                0,
                12
            )
            .unwrap_err(),
            CipError::PriceExponentOutOfRange.into()
        );
    }

    #[test]
    fn non_positive_prices_are_rejected() {
        assert_eq!(to_observation(raw(0, 0, 0), 0).unwrap_err(), CipError::PriceNotPositive.into());
        assert_eq!(to_observation(raw(-5, 0, 0), 0).unwrap_err(), CipError::PriceNotPositive.into());
        assert_eq!(to_observation(raw(5, 0, -8), 0).unwrap_err(), CipError::PriceNotPositive.into());
    }

    #[test]
    fn confidence_bound_is_inclusive() {
        assert!(passes_guards(&observation(10_000, 200), 200));
        assert!(!passes_guards(&observation(10_000, 201), 200));
        assert!(!passes_guards(&observation(0, 0), 200));
    }

    #[test]
    fn unrepresentable_scales_are_rejected() {
        assert_eq!(
            to_observation(raw(i64::MAX, 0, 10), 12).unwrap_err(),
            CipError::PriceExponentOutOfRange.into()
        );
    }
}
