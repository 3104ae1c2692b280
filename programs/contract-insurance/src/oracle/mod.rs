//! One entry point for mark prices: whatever the market's source, callers get a price that passed
//! the pool's guards, in the market's price decimals.

pub mod authority;
pub mod guards;
pub mod pyth;

use anchor_lang::prelude::*;

pub use guards::{OracleGuards, PriceTime, ValidatedPrice};

use crate::state::{Market, OracleSource, PoolConfig};

impl From<&PoolConfig> for OracleGuards {
    fn from(config: &PoolConfig) -> Self {
        OracleGuards { max_staleness: config.max_price_staleness, max_conf_bps: config.max_conf_bps }
    }
}

pub fn read_mark_price(
    market_key: &Pubkey,
    market: &Market,
    oracle: &AccountInfo,
    guards: OracleGuards,
    when: PriceTime,
) -> Result<ValidatedPrice> {
    let raw = match market.params.oracle {
        OracleSource::Pyth { feed_id } => pyth::read(oracle, &feed_id)?,
        OracleSource::Authority => authority::read(oracle, market_key, market, when)?,
    };
    guards::validate_price(raw, guards, when, market.params.price_decimals)
}
