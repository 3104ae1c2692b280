pub mod claim_commission;
pub mod claim_rebate;
pub mod deposit_capital;
pub mod withdraw_surplus;

pub use claim_commission::*;
pub use claim_rebate::*;
pub use deposit_capital::*;
pub use withdraw_surplus::*;
