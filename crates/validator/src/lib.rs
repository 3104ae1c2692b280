//! `cip-validator`: a local Solana JSON-RPC validator for Contract Insurance Pool.
//!
//! The Solana SBF toolchain and `solana-test-validator` cannot be installed here, so the program
//! is compiled for the host and registered as a native builtin at its declared id
//! (`contract_insurance::ID`) inside an embedded, offline [surfpool] surfnet (litesvm with the
//! Agave 3.1 runtime), which serves the JSON-RPC and websocket APIs. SPL Token, Token-2022 and
//! the Associated Token program run as their real SBF binaries. [`bridge`] makes the native
//! program's logs look like a validator's; [`node`] starts and stops the surfnet; [`rescue`] works
//! around a lost-notification race in surfpool 1.2.1's `signatureSubscribe`; [`idl`] publishes
//! the program's IDL where explorers look it up (Anchor IDL account, Program Metadata account).
//!
//! [surfpool]: https://github.com/solana-foundation/surfpool

pub mod bridge;
pub mod idl;
pub mod node;
pub mod rescue;

pub use node::{start, PublishedAccount, StartError, Validator, ValidatorConfig};
