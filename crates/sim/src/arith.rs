//! The model's own arithmetic, written from the product rules (SPEC and README), not taken from
//! the program: bps, P&L in quote units, day numbers, vesting, mark selection, the accumulator.
//! Integer rules: division rounds down (toward −∞ for signed values) unless a rule says otherwise.

use contract_insurance::state::Side;

pub const BPS: u128 = 10_000;
pub const DAY: i64 = 86_400;
pub const ACC_SCALE: u128 = 1_000_000_000_000;

/// `amount × bps / 10 000`, rounded down; `None` if the result leaves u64.
pub fn bps(amount: u64, bps: u64) -> Option<u64> {
    u64::try_from(u128::from(amount) * u128::from(bps) / BPS).ok()
}

/// `amount × num / den`, rounded down.
pub fn pro_rata(amount: u64, num: u64, den: u64) -> u64 {
    (u128::from(amount) * u128::from(num) / u128::from(den)) as u64
}

pub fn sign(side: Side) -> i128 {
    match side {
        Side::Long => 1,
        Side::Short => -1,
    }
}

/// Market decimals (base = size, quote = P&L, price).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimals {
    pub base: u8,
    pub quote: u8,
    pub price: u8,
}

/// A `size × price` amount in quote units: `raw × 10^quote / 10^(base + price)`, toward −∞.
pub fn to_quote(raw: i128, d: Decimals) -> i128 {
    let down = i32::from(d.base) + i32::from(d.price) - i32::from(d.quote);
    if down >= 0 {
        raw.div_euclid(10i128.pow(down as u32))
    } else {
        raw * 10i128.pow((-down) as u32)
    }
}

/// P&L of `size` at `entry` valued at `price`.
pub fn pnl(size: u64, entry: u64, price: u64, side: Side, d: Decimals) -> i128 {
    to_quote(i128::from(size) * (i128::from(price) - i128::from(entry)) * sign(side), d)
}

/// Loss of a P&L: `max(0, −pnl)`.
pub fn loss_of(pnl: i128) -> u64 {
    if pnl >= 0 {
        0
    } else {
        u64::try_from(-pnl).expect("loss fits u64 in the simulation")
    }
}

/// Local day number at `offset` seconds east of UTC.
pub fn day_number(t: i64, offset: i32) -> i64 {
    (t + i64::from(offset)).div_euclid(DAY)
}

/// 12:00 local (or `start_offset` after local midnight) of the day after `t`.
pub fn vesting_start(t: i64, offset: i32, start_offset: u32) -> i64 {
    (day_number(t, offset) + 1) * DAY - i64::from(offset) + i64::from(start_offset)
}

pub fn tranches(start: i64, days: u16, now: i64) -> u16 {
    if now < start {
        return 0;
    }
    (((now - start) / DAY) + 1).min(i64::from(days)) as u16
}

pub fn vested(total: u64, start: i64, days: u16, now: i64) -> u64 {
    pro_rata(total, u64::from(tranches(start, days, now)), u64::from(days))
}

/// `amount × acc / 10^12`, rounded down or up.
pub fn acc_share(amount: u64, acc: u128, up: bool) -> u128 {
    let product = u128::from(amount).checked_mul(acc).expect("accumulator product fits in the simulation");
    let share = product / ACC_SCALE;
    if up && product % ACC_SCALE != 0 {
        share + 1
    } else {
        share
    }
}

/// `value × 10^exponent` with `decimals` decimals (Pyth rescaling); `None` when out of range.
pub fn rescale(value: u64, exponent: i32, decimals: u8, round_up: bool) -> Option<u64> {
    let shift = exponent + i32::from(decimals);
    if shift.unsigned_abs() > 38 {
        return None;
    }
    let factor = 10u128.pow(shift.unsigned_abs());
    let value = u128::from(value);
    let scaled = if shift >= 0 {
        value.checked_mul(factor)?
    } else if round_up {
        value.div_ceil(factor)
    } else {
        value / factor
    };
    u64::try_from(scaled).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_units_round_toward_minus_infinity() {
        let d = Decimals { base: 6, quote: 6, price: 6 };
        assert_eq!(pnl(1, 101, 100, Side::Long, d), -1);
        assert_eq!(pnl(1, 100, 101, Side::Long, d), 0);
        assert_eq!(pnl(2_000_000, 60_000_000_000, 61_000_000_000, Side::Long, d), 2_000_000_000);
    }
}
