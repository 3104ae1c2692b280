pub mod claim_commission;
pub mod claim_rebate;
pub mod withdraw_surplus;

pub use claim_commission::*;
pub use claim_rebate::*;
pub use withdraw_surplus::*;
