pub mod accept_admin;
pub mod admin_update;
pub mod assign_level;
pub mod initialize_pool;
pub mod pool_creator;
pub mod propose_admin;
pub mod set_lead_trader;
pub mod set_paused;
pub mod set_roles;
pub mod update_config;
pub mod update_levels;

pub use accept_admin::*;
pub use admin_update::*;
pub use assign_level::*;
pub use initialize_pool::*;
pub use set_lead_trader::*;
