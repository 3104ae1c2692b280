pub mod buy_policy;
pub mod claim_credits;
pub mod close_policy;
pub mod issue_compensation;
pub mod request_early_settlement;
pub mod settle_policy;

pub use buy_policy::*;
pub use claim_credits::*;
pub use close_policy::*;
pub use issue_compensation::*;
pub use request_early_settlement::*;
pub use settle_policy::*;
