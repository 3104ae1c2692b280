pub mod buy_liquidation_cover;
pub mod cancel_order_remainder;
pub mod close_cover_accounts;
pub mod cover_payout;
pub mod decide_claim;
pub mod report_cover_outcome;
pub mod report_order_fill;

pub use buy_liquidation_cover::*;
pub use cancel_order_remainder::*;
pub use close_cover_accounts::*;
pub use cover_payout::*;
pub use decide_claim::*;
pub use report_cover_outcome::*;
pub use report_order_fill::*;
