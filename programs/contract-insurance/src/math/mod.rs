//! Pure rules, unit-tested without any runtime. Handlers load, validate, call these, write, emit.

pub mod accumulator;
pub mod bps;
pub mod levels;
pub mod liquidation;
pub mod pnl;
pub mod policy_terms;
pub mod referral_walk;
pub mod safe_math;
pub mod solvency;
pub mod tiers;
pub mod vesting;
