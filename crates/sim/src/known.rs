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
    /// Raising `max_price_staleness` reopens report windows and price windows that had closed.
    pub staleness_raise: bool,
}

impl Known {
    /// Every known bug avoided.
    pub fn all() -> Known {
        Known { reserve_rounding: true, staleness_raise: true }
    }
}
