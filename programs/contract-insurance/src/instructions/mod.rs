//! One file per instruction, grouped by role. Each accounts struct carries a `validate()` that
//! runs before its handler.

pub mod admin;
pub mod liquidation;
pub mod markets;
pub mod mining_pool;
pub mod policies;
pub mod positions;
pub mod treasury;
pub mod uplines;
pub mod users;
pub mod vault;

pub use admin::*;
pub use liquidation::*;
pub use markets::*;
pub use mining_pool::*;
pub use policies::*;
pub use positions::*;
pub use treasury::*;
pub use users::*;
pub use vault::*;
