//! Program bugs the simulation has found (each with a failing regression test in
//! `tests/rust/sim_regressions.rs`). A run can steer around them, so it goes on looking for others:
//! the model stops reporting the finding and the generator avoids the path that leads to it.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Known {
    /// A partial cancellation releases `reserve × cancelled / qty` rounded down while refunding
    /// `insured × cancelled / qty` rounded down, which can leave the reserve one or two base units
    /// below the worst case of the insured amount left; the claim is then capped below the SPEC
    /// formula. (Regression: `partial_cancel_keeps_the_reserve_for_what_is_left`.)
    pub reserve_rounding: bool,
    /// A market's price decimals can be corrected while it has no open positions, but its feed
    /// keeps the observations recorded in the old decimals and policies keep exposures in them:
    /// settlement (and early settlement) then read a mark in other decimals (a 10× price).
    /// (Regression: `a_decimals_correction_never_values_a_policy_at_a_mark_in_other_decimals`.)
    pub decimals_correction: bool,
    /// Raising `max_price_staleness` reopens report windows (and price windows) that had closed:
    /// a late report refused before the raise and one accepted after it leave the policy's
    /// exposure out of step with its positions.
    /// (Regression: `a_staleness_raise_never_reopens_a_closed_report_window`.)
    pub staleness_raise: bool,
}

impl Known {
    /// From a comma-separated list of names (`reserve_rounding,staleness_raise`).
    pub fn parse(list: &str) -> Option<Known> {
        let mut known = Known::default();
        for name in list.split(',').filter(|name| !name.is_empty()) {
            match name {
                "reserve_rounding" => known.reserve_rounding = true,
                "staleness_raise" => known.staleness_raise = true,
                "decimals_correction" => known.decimals_correction = true,
                _ => return None,
            }
        }
        Some(known)
    }

    /// Every known bug avoided.
    pub fn all() -> Known {
        Known { reserve_rounding: true, decimals_correction: true, staleness_raise: true }
    }
}
