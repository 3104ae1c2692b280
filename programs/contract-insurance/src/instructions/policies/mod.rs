pub mod buy_policy;

pub use buy_policy::*;
