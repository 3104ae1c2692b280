//! The differential referral walk (SPEC §4.1, reused for rebates in §4.2).
//!
//! Uplines are visited in order, direct referrer first. `paid` is the best rate paid so far:
//! a node whose rate is above it earns the difference; a node whose rate equals it earns nothing
//! and, with `same_level_cut`, ends the walk; a node below it earns nothing. The cut needs a
//! best rate below to be equal to, so it only applies once something has been paid (`paid > 0`):
//! a chain of 0 % base-level nodes does not cut off a higher level further up.

use anchor_lang::prelude::*;

use crate::math::bps::apply_bps;
use crate::math::safe_math::SafeMath;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WalkResult {
    /// What each walked node earns, in walk order (zero after a cut).
    pub earned: Vec<u64>,
    /// Index of the node where the same-level cut ended the walk.
    pub cut_at: Option<usize>,
    /// Sum of `earned`.
    pub total: u64,
}

pub fn differential_walk(amount: u64, rates_bps: &[u16], same_level_cut: bool) -> Result<WalkResult> {
    let mut earned = vec![0u64; rates_bps.len()];
    let mut paid: u16 = 0;
    let mut cut_at = None;
    let mut total: u64 = 0;
    for (index, &rate) in rates_bps.iter().enumerate() {
        if rate > paid {
            let share = apply_bps(amount, u64::from(rate - paid))?;
            earned[index] = share;
            total = total.safe_add(share)?;
            paid = rate;
        } else if rate == paid && paid > 0 && same_level_cut {
            cut_at = Some(index);
            break;
        }
    }
    Ok(WalkResult { earned, cut_at, total })
}

/// The compensation walk (SPEC §4.2): the differential walk with rebate rates, plus the
/// direct-referrer bonus on the first node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RebateResult {
    pub walk: WalkResult,
    /// Bonus credited to the direct referrer (zero without uplines).
    pub direct_bonus: u64,
    /// Walk total plus bonus.
    pub total: u64,
}

pub fn rebate_walk(
    compensation: u64,
    rebate_rates_bps: &[u16],
    same_level_cut: bool,
    direct_bonus_bps: u16,
) -> Result<RebateResult> {
    let walk = differential_walk(compensation, rebate_rates_bps, same_level_cut)?;
    let direct_bonus =
        if rebate_rates_bps.is_empty() { 0 } else { apply_bps(compensation, u64::from(direct_bonus_bps))? };
    let total = walk.total.safe_add(direct_bonus)?;
    Ok(RebateResult { walk, direct_bonus, total })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREMIUM: u64 = 1_000_000_000;

    #[test]
    fn differential_payouts_across_rising_levels() {
        let walk = differential_walk(PREMIUM, &[1_500, 2_000, 2_300, 2_500], true).unwrap();
        assert_eq!(walk.earned, vec![150_000_000, 50_000_000, 30_000_000, 20_000_000]);
        assert_eq!(walk.total, 250_000_000);
        assert_eq!(walk.cut_at, None);
    }

    #[test]
    fn same_level_cut_stops_the_walk() {
        let walk = differential_walk(PREMIUM, &[1_500, 1_500, 2_500], true).unwrap();
        assert_eq!(walk.earned, vec![150_000_000, 0, 0]);
        assert_eq!(walk.cut_at, Some(1));
        assert_eq!(walk.total, 150_000_000);
    }

    #[test]
    fn without_cut_a_higher_level_above_still_earns() {
        let walk = differential_walk(PREMIUM, &[1_500, 1_500, 2_500], false).unwrap();
        assert_eq!(walk.earned, vec![150_000_000, 0, 100_000_000]);
        assert_eq!(walk.cut_at, None);
        assert_eq!(walk.total, 250_000_000);
    }

    #[test]
    fn lower_level_above_a_higher_one_earns_nothing_and_does_not_cut() {
        let walk = differential_walk(PREMIUM, &[2_300, 1_500, 2_500], true).unwrap();
        assert_eq!(walk.earned, vec![230_000_000, 0, 20_000_000]);
        assert_eq!(walk.cut_at, None);
    }

    #[test]
    fn zero_rate_base_levels_do_not_cut() {
        let walk = differential_walk(PREMIUM, &[0, 0, 3_300], true).unwrap();
        assert_eq!(walk.earned, vec![0, 0, 330_000_000]);
        assert_eq!(walk.cut_at, None);
    }

    #[test]
    fn total_never_exceeds_the_top_rate() {
        let rates = [100, 200, 200, 50, 9_000, 10_000, 10_000];
        let walk = differential_walk(PREMIUM, &rates, false).unwrap();
        assert_eq!(walk.total, PREMIUM);
    }

    #[test]
    fn rebate_walk_adds_the_direct_bonus() {
        // Compensation 5 000; rebates V1 5 %, V0 0 %, V10 33 %; bonus 5 % to the direct referrer.
        let result = rebate_walk(5_000, &[500, 0, 3_300], true, 500).unwrap();
        assert_eq!(result.walk.earned, vec![250, 0, 1_400]);
        assert_eq!(result.direct_bonus, 250);
        assert_eq!(result.total, 1_900);
        let result = rebate_walk(5_000, &[500, 500, 3_300], true, 500).unwrap();
        assert_eq!(result.walk.earned, vec![250, 0, 0]);
        assert_eq!(result.walk.cut_at, Some(1));
        assert_eq!(rebate_walk(5_000, &[], true, 500).unwrap().total, 0, "no referrer, no bonus");
    }

    #[test]
    fn empty_walk_pays_nothing() {
        let walk = differential_walk(PREMIUM, &[], true).unwrap();
        assert!(walk.earned.is_empty());
        assert_eq!(walk.total, 0);
    }
}
