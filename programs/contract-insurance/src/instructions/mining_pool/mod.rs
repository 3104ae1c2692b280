pub mod close_miner;
pub mod init_mining_pool;
pub mod miner_actions;
pub mod mining_admin;
pub mod stake;

pub use close_miner::*;
pub use init_mining_pool::*;
pub use miner_actions::*;
pub use mining_admin::*;
pub use stake::*;
