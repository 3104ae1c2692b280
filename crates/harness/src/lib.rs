//! Shared host-side harness for Contract Insurance Pool.
//!
//! The program is built for the host and registered natively in `solana-program-test`'s bank,
//! next to the real SBF builds of SPL Token, Token-2022 and the associated token program. Every
//! call goes through a real signed transaction. Integration tests, the scenario runner and the
//! benchmarks all use this crate, so setup is written once.

pub mod chain;
pub mod events;
pub mod fixture;
pub mod ix;
pub mod pda;
pub mod pyth;

pub use chain::{assert_error, Chain, Failure, Receipt, TxResult};
pub use fixture::{PoolFixture, PoolOptions, Trader};
