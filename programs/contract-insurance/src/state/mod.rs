pub mod config;
pub mod cover;
pub mod market;
pub mod policy;
pub mod pool;
pub mod position;
pub mod referral;
pub mod user;

pub use config::*;
pub use cover::*;
pub use market::*;
pub use policy::*;
pub use pool::*;
pub use position::*;
pub use referral::*;
pub use user::*;
