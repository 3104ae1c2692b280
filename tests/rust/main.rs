//! Integration tests on the real Solana runtime (solana-program-test) with real signed
//! transactions and the real SPL Token / Token-2022 / associated token programs. The program runs
//! natively; all setup comes from `cip-harness`. Every rejection is sent for real, and the harness
//! checks that a rejected transaction changed no account (other than the fee payer's fee).
//!
//! One test binary (one link of the runtime); one module per area.

mod attack_matrix;
mod buy_policy;
mod compensation;
mod lifecycle;
mod liquidation_cover;
mod markets_oracle;
mod mining;
mod pool_admin;
mod positions;
mod prefunded_addresses;
mod referral_walk;
mod register;
mod settlement;
mod settlement_integrity;
mod sim;
mod sim_regressions;
mod solvency;
mod treasury;
