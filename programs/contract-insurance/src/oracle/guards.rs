//! Pure price guards (SPEC §3): price > 0, `conf / price <= max_conf_bps`, and a publish time
//! within the staleness bound of the time asked for. Prices are rescaled to the market's decimals.

use anchor_lang::prelude::*;

use crate::constants::BPS_DENOMINATOR;
use crate::error::CipError;
use crate::math::safe_math::{pow10, SafeCast, SafeMath};

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

/// Which publish time is acceptable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceTime {
    /// Published no more than the staleness bound before `now`.
    Fresh { now: i64 },
    /// Published within the staleness bound of `target`, before or after.
    Around { target: i64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OracleGuards {
    pub max_staleness: u32,
    pub max_conf_bps: u16,
}

pub fn check_publish_time(publish_time: i64, max_staleness: u32, when: PriceTime) -> Result<()> {
    match when {
        PriceTime::Fresh { now } => {
            // A publish time slightly ahead of the cluster clock is not stale.
            require!(now.saturating_sub(publish_time) <= i64::from(max_staleness), CipError::PriceStale);
        }
        PriceTime::Around { target } => {
            require!(publish_time.abs_diff(target) <= u64::from(max_staleness), CipError::NoPriceNearTime);
        }
    }
    Ok(())
}

pub fn validate_price(
    raw: RawPrice,
    guards: OracleGuards,
    when: PriceTime,
    price_decimals: u8,
) -> Result<ValidatedPrice> {
    check_publish_time(raw.publish_time, guards.max_staleness, when)?;
    require!(raw.price > 0, CipError::PriceNotPositive);
    let price = raw.price.unsigned_abs();
    // conf / price <= max_conf_bps / 10 000, compared without division.
    require!(
        u128::from(raw.conf).safe_mul(u128::from(BPS_DENOMINATOR))?
            <= u128::from(price).safe_mul(u128::from(guards.max_conf_bps))?,
        CipError::PriceConfidenceTooWide
    );
    Ok(ValidatedPrice {
        price: rescale(price, raw.exponent, price_decimals, Rounding::Down)?,
        conf: rescale(raw.conf, raw.exponent, price_decimals, Rounding::Up)?,
        publish_time: raw.publish_time,
        price_decimals,
    })
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

    const GUARDS: OracleGuards = OracleGuards { max_staleness: 60, max_conf_bps: 200 };

    fn raw(price: i64, conf: u64, exponent: i32, publish_time: i64) -> RawPrice {
        RawPrice { price, conf, exponent, publish_time }
    }

    #[test]
    fn rescales_pyth_exponent_to_market_decimals() {
        // 65 000.12345678 with exponent -8, market uses 6 decimals.
        let price = validate_price(
            raw(6_500_012_345_678, 1_000_000, -8, 100),
            GUARDS,
            PriceTime::Fresh { now: 100 },
            6,
        )
        .unwrap();
        assert_eq!(price.price, 65_000_123_456);
        assert_eq!(price.conf, 10_000);
        let wider =
            validate_price(raw(65_000, 1, -2, 100), GUARDS, PriceTime::Fresh { now: 100 }, 6).unwrap();
        assert_eq!(wider.price, 650_000_000);
        let up =
            validate_price(raw(1_000_001, 1, -8, 100), GUARDS, PriceTime::Fresh { now: 100 }, 6).unwrap();
        assert_eq!(up.price, 10_000);
        assert_eq!(up.conf, 1, "confidence rounds up");
    }

    #[test]
    fn staleness_bounds_are_inclusive() {
        let fresh = PriceTime::Fresh { now: 1_060 };
        validate_price(raw(100, 0, 0, 1_000), GUARDS, fresh, 0).unwrap();
        assert_eq!(
            validate_price(raw(100, 0, 0, 999), GUARDS, fresh, 0).unwrap_err(),
            CipError::PriceStale.into()
        );
        let around = PriceTime::Around { target: 1_000 };
        validate_price(raw(100, 0, 0, 940), GUARDS, around, 0).unwrap();
        validate_price(raw(100, 0, 0, 1_060), GUARDS, around, 0).unwrap();
        assert_eq!(
            validate_price(raw(100, 0, 0, 939), GUARDS, around, 0).unwrap_err(),
            CipError::NoPriceNearTime.into()
        );
        assert_eq!(
            validate_price(raw(100, 0, 0, 1_061), GUARDS, around, 0).unwrap_err(),
            CipError::NoPriceNearTime.into()
        );
    }

    #[test]
    fn non_positive_prices_are_rejected() {
        let now = PriceTime::Fresh { now: 0 };
        assert_eq!(
            validate_price(raw(0, 0, 0, 0), GUARDS, now, 0).unwrap_err(),
            CipError::PriceNotPositive.into()
        );
        assert_eq!(
            validate_price(raw(-5, 0, 0, 0), GUARDS, now, 0).unwrap_err(),
            CipError::PriceNotPositive.into()
        );
    }

    #[test]
    fn confidence_bound_is_inclusive() {
        let now = PriceTime::Fresh { now: 0 };
        validate_price(raw(10_000, 200, 0, 0), GUARDS, now, 0).unwrap();
        assert_eq!(
            validate_price(raw(10_000, 201, 0, 0), GUARDS, now, 0).unwrap_err(),
            CipError::PriceConfidenceTooWide.into()
        );
    }

    #[test]
    fn unrepresentable_scales_are_rejected() {
        let now = PriceTime::Fresh { now: 0 };
        assert_eq!(
            validate_price(raw(i64::MAX, 0, 10, 0), GUARDS, now, 18).unwrap_err(),
            CipError::PriceExponentOutOfRange.into()
        );
    }
}
