//! Mark prices. Every price the program uses goes through a market's own `MarkPriceFeed`: the
//! oracle authority posts into it, and anyone records verified Pyth updates into it. Settlement
//! and early settlement only ever read the feed, chosen by the market's address, so nobody can
//! pick which print values a position.

pub mod feed;
pub mod guards;
pub mod pyth;
pub mod selection;

pub use guards::{OracleGuards, RawPrice, ValidatedPrice};
pub use selection::{fresh_mark, settlement_mark, SettlementMark};

use crate::state::PoolConfig;

impl From<&PoolConfig> for OracleGuards {
    fn from(config: &PoolConfig) -> Self {
        OracleGuards { max_staleness: config.max_price_staleness, max_conf_bps: config.max_conf_bps }
    }
}
