use anchor_lang::prelude::*;

use crate::math::pnl::{MarketDecimals, NetExposure};

/// How the mark a market was valued at was chosen (see `oracle::selection`).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkSource {
    /// Not valued yet.
    None,
    /// The guarded observation closest to `end`, from a complete window.
    Canonical,
    /// After the settlement grace: the closest observation the feed still held (guards waived).
    Fallback,
    /// After the settlement grace, with an empty feed: valued at entry (no unrealized P&L).
    NoPrice,
    /// Long and short sizes cancel: the value does not depend on any mark.
    NotNeeded,
}

/// Decimals of the market an exposure was opened in, fixed at the first attached position.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExposureDecimals {
    pub base: u8,
    pub quote: u8,
    pub price: u8,
}

impl From<ExposureDecimals> for MarketDecimals {
    fn from(decimals: ExposureDecimals) -> Self {
        MarketDecimals { base: decimals.base, quote: decimals.quote, price: decimals.price }
    }
}

/// A policy's positions in one market, kept as sums (`Σ dir × size`, `Σ dir × size × entry`) by
/// every report that counts, so settlement values the whole market with one mark and needs no
/// position accounts: however many positions the window had, settlement passes one exposure per
/// market. Created by the reporter with the first attached position in the market; closed
/// (rent back to that reporter) once valued or once the policy finished without it.
#[account]
#[derive(InitSpace, Debug)]
pub struct PolicyExposure {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub market: Pubkey,
    pub mark_price_feed: Pubkey,
    /// Who paid the rent (gets it back on close).
    pub rent_payer: Pubkey,
    pub decimals: ExposureDecimals,
    /// Attached positions in this market with size > 0.
    pub open_positions: u32,
    /// Attached positions ever opened in this market.
    pub positions: u32,
    pub net_size: i128,
    pub net_entry_value: i128,
    pub valued: bool,
    pub mark_source: MarkSource,
    pub mark_price: u64,
    pub mark_publish_time: i64,
    pub unrealized_pnl: i128,
}

impl PolicyExposure {
    pub fn net(&self) -> NetExposure {
        NetExposure { net_size: self.net_size, net_entry_value: self.net_entry_value }
    }

    pub fn set_net(&mut self, net: NetExposure) {
        self.net_size = net.net_size;
        self.net_entry_value = net.net_entry_value;
    }
}
