//! Checked arithmetic that fails with a located error instead of wrapping or panicking.

use anchor_lang::prelude::*;

use crate::error::CipError;

#[track_caller]
fn math_error(error: CipError) -> Error {
    let caller = std::panic::Location::caller();
    msg!("{} at {}:{}", error, caller.file(), caller.line());
    error.into()
}

pub trait SafeMath: Sized {
    fn safe_add(self, rhs: Self) -> Result<Self>;
    fn safe_sub(self, rhs: Self) -> Result<Self>;
    fn safe_mul(self, rhs: Self) -> Result<Self>;
    /// Division rounding toward negative infinity (plain truncation for unsigned types).
    fn safe_div(self, rhs: Self) -> Result<Self>;
}

macro_rules! impl_unsigned {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[track_caller]
            #[inline]
            fn safe_add(self, rhs: Self) -> Result<Self> {
                self.checked_add(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_sub(self, rhs: Self) -> Result<Self> {
                self.checked_sub(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_mul(self, rhs: Self) -> Result<Self> {
                self.checked_mul(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_div(self, rhs: Self) -> Result<Self> {
                self.checked_div(rhs).ok_or_else(|| math_error(CipError::DivisionByZero))
            }
        }
    )*};
}

macro_rules! impl_signed {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[track_caller]
            #[inline]
            fn safe_add(self, rhs: Self) -> Result<Self> {
                self.checked_add(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_sub(self, rhs: Self) -> Result<Self> {
                self.checked_sub(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_mul(self, rhs: Self) -> Result<Self> {
                self.checked_mul(rhs).ok_or_else(|| math_error(CipError::MathOverflow))
            }
            #[track_caller]
            #[inline]
            fn safe_div(self, rhs: Self) -> Result<Self> {
                if rhs == 0 {
                    return Err(math_error(CipError::DivisionByZero));
                }
                let quotient = self.checked_div(rhs).ok_or_else(|| math_error(CipError::MathOverflow))?;
                // Truncation rounds toward zero; step down when the exact result is negative.
                if self % rhs != 0 && ((self < 0) != (rhs < 0)) {
                    quotient.checked_sub(1).ok_or_else(|| math_error(CipError::MathOverflow))
                } else {
                    Ok(quotient)
                }
            }
        }
    )*};
}

impl_unsigned!(u8, u16, u32, u64, u128);
impl_signed!(i32, i64, i128);

/// Checked numeric conversion with a located error.
pub trait SafeCast<T> {
    fn safe_cast(self) -> Result<T>;
}

impl<S, T> SafeCast<T> for S
where
    T: TryFrom<S>,
{
    #[track_caller]
    #[inline]
    fn safe_cast(self) -> Result<T> {
        T::try_from(self).map_err(|_| math_error(CipError::CastOverflow))
    }
}

/// `10^exponent` as u128, checked.
#[track_caller]
pub fn pow10(exponent: u32) -> Result<u128> {
    10u128.checked_pow(exponent).ok_or_else(|| math_error(CipError::MathOverflow))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_division_rounds_toward_negative_infinity() {
        assert_eq!(7i128.safe_div(2).unwrap(), 3);
        assert_eq!((-7i128).safe_div(2).unwrap(), -4);
        assert_eq!((-8i128).safe_div(2).unwrap(), -4);
        assert_eq!(7i128.safe_div(-2).unwrap(), -4);
        assert_eq!((-7i128).safe_div(-2).unwrap(), 3);
        assert_eq!(0i128.safe_div(-5).unwrap(), 0);
    }

    #[test]
    fn overflow_and_division_by_zero_are_errors() {
        assert_eq!(u64::MAX.safe_add(1).unwrap_err(), CipError::MathOverflow.into());
        assert_eq!(0u64.safe_sub(1).unwrap_err(), CipError::MathOverflow.into());
        assert_eq!(u64::MAX.safe_mul(2).unwrap_err(), CipError::MathOverflow.into());
        assert_eq!(1u64.safe_div(0).unwrap_err(), CipError::DivisionByZero.into());
        assert_eq!(i128::MIN.safe_div(-1).unwrap_err(), CipError::MathOverflow.into());
        assert_eq!(1i128.safe_div(0).unwrap_err(), CipError::DivisionByZero.into());
    }

    #[test]
    fn casts_are_checked() {
        let ok: Result<u64> = 5u128.safe_cast();
        assert_eq!(ok.unwrap(), 5);
        let too_big: Result<u64> = (u64::MAX as u128 + 1).safe_cast();
        assert_eq!(too_big.unwrap_err(), CipError::CastOverflow.into());
        let negative: Result<u64> = (-1i128).safe_cast();
        assert_eq!(negative.unwrap_err(), CipError::CastOverflow.into());
    }

    #[test]
    fn pow10_is_checked() {
        assert_eq!(pow10(0).unwrap(), 1);
        assert_eq!(pow10(18).unwrap(), 1_000_000_000_000_000_000);
        assert!(pow10(39).is_err());
    }
}
