//! Calendar days at a UTC offset and the daily vesting schedule (SPEC §5).
//!
//! A day runs from local midnight to local midnight at `offset` seconds east of UTC (UTC+8 by
//! default). Vesting starts at `start_offset` seconds after local midnight (12:00) of the day after
//! the liquidation, and one `1 / days` tranche vests at the start and at the same time each
//! following day, so everything has vested `days − 1` days after the start.

use anchor_lang::prelude::*;

use crate::math::safe_math::{SafeCast, SafeMath};

pub const SECONDS_PER_DAY: i64 = 86_400;

/// Local calendar day number of `timestamp` (days since the epoch, at `offset`).
pub fn day_index(timestamp: i64, offset: i32) -> Result<i64> {
    timestamp.safe_add(i64::from(offset))?.safe_div(SECONDS_PER_DAY)
}

/// Unix time of `start_offset` seconds after local midnight of the day after `timestamp`'s day.
pub fn vesting_start(timestamp: i64, offset: i32, start_offset: u32) -> Result<i64> {
    day_index(timestamp, offset)?
        .safe_add(1)?
        .safe_mul(SECONDS_PER_DAY)?
        .safe_sub(i64::from(offset))?
        .safe_add(i64::from(start_offset))
}

/// Tranches vested by `now`: none before the start, one at the start, one more each day.
pub fn tranches_vested(start: i64, days: u16, now: i64) -> Result<u16> {
    if now < start {
        return Ok(0);
    }
    let elapsed_days = now.safe_sub(start)?.safe_div(SECONDS_PER_DAY)?.safe_add(1)?;
    Ok(elapsed_days.min(i64::from(days)).safe_cast()?)
}

/// Amount of `total` vested by `now` (rounded down; the last tranche makes it exactly `total`).
pub fn vested_amount(total: u64, start: i64, days: u16, now: i64) -> Result<u64> {
    let tranches = tranches_vested(start, days, now)?;
    u128::from(total).safe_mul(u128::from(tranches))?.safe_div(u128::from(days))?.safe_cast()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTC8: i32 = 8 * 3_600;
    const NOON: u32 = 12 * 3_600;
    /// 2026-11-21 00:00:00 UTC = 08:00 on the 21st in UTC+8.
    const NOV_21_UTC: i64 = 1_795_219_200;

    #[test]
    fn day_boundary_is_local_midnight() {
        let day = day_index(NOV_21_UTC, UTC8).unwrap();
        // 15:59:59 UTC on the 21st is 23:59:59 local: same day. 16:00:00 UTC is the next day.
        assert_eq!(day_index(NOV_21_UTC + 16 * 3_600 - 1, UTC8).unwrap(), day);
        assert_eq!(day_index(NOV_21_UTC + 16 * 3_600, UTC8).unwrap(), day + 1);
        // 08:00 local on the 21st is 00:00 UTC; local midnight was 16:00 UTC on the 20th.
        assert_eq!(day_index(NOV_21_UTC - 8 * 3_600, UTC8).unwrap(), day);
        assert_eq!(day_index(NOV_21_UTC - 8 * 3_600 - 1, UTC8).unwrap(), day - 1);
        assert_eq!(day_index(NOV_21_UTC, 0).unwrap(), NOV_21_UTC / 86_400);
    }

    #[test]
    fn vesting_starts_at_local_noon_of_the_next_day() {
        // Liquidated 10:00 local on the 21st (02:00 UTC) → starts 12:00 local on the 22nd (04:00 UTC).
        let liquidated = NOV_21_UTC + 2 * 3_600;
        assert_eq!(vesting_start(liquidated, UTC8, NOON).unwrap(), NOV_21_UTC + 86_400 + 4 * 3_600);
        // Liquidated 23:30 local on the 21st (15:30 UTC): still the 22nd.
        let late = NOV_21_UTC + 15 * 3_600 + 1_800;
        assert_eq!(vesting_start(late, UTC8, NOON).unwrap(), NOV_21_UTC + 86_400 + 4 * 3_600);
        // 00:30 local on the 22nd (16:30 UTC on the 21st): starts on the 23rd.
        let after_midnight = NOV_21_UTC + 16 * 3_600 + 1_800;
        assert_eq!(vesting_start(after_midnight, UTC8, NOON).unwrap(), NOV_21_UTC + 2 * 86_400 + 4 * 3_600);
    }

    #[test]
    fn daily_tranches() {
        let start = 1_000_000;
        assert_eq!(tranches_vested(start, 20, start - 1).unwrap(), 0);
        assert_eq!(tranches_vested(start, 20, start).unwrap(), 1);
        assert_eq!(tranches_vested(start, 20, start + 86_399).unwrap(), 1);
        assert_eq!(tranches_vested(start, 20, start + 86_400).unwrap(), 2);
        assert_eq!(tranches_vested(start, 20, start + 19 * 86_400).unwrap(), 20);
        assert_eq!(tranches_vested(start, 20, start + 400 * 86_400).unwrap(), 20);
    }

    #[test]
    fn vested_amounts_never_exceed_the_total() {
        let start = 0;
        assert_eq!(vested_amount(136_000_000, start, 20, -1).unwrap(), 0);
        assert_eq!(vested_amount(136_000_000, start, 20, 0).unwrap(), 6_800_000);
        assert_eq!(vested_amount(136_000_000, start, 20, 9 * 86_400).unwrap(), 68_000_000);
        assert_eq!(vested_amount(136_000_000, start, 20, 19 * 86_400).unwrap(), 136_000_000);
        assert_eq!(vested_amount(7, start, 20, 0).unwrap(), 0);
        assert_eq!(vested_amount(7, start, 20, 2 * 86_400).unwrap(), 1);
        assert_eq!(vested_amount(7, start, 20, 30 * 86_400).unwrap(), 7);
    }
}
