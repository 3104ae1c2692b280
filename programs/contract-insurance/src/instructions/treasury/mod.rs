pub mod claim_commission;
pub mod withdraw_surplus;

pub use claim_commission::*;
pub use withdraw_surplus::*;
