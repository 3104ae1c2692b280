use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssetClass {
    Crypto,
    Commodity,
    Forex,
    Stock,
    Index,
}

/// Where a market's mark price comes from.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OracleSource {
    /// A Pyth pull-oracle `PriceUpdateV2` account for this feed id.
    Pyth { feed_id: [u8; 32] },
    /// The market's program-owned `MarkPriceFeed`, written by the oracle authority.
    Authority,
}

/// Market parameters set by the admin.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarketParams {
    /// Display symbol, UTF-8, zero padded (for explorers and reports).
    pub symbol: [u8; 16],
    pub asset_class: AssetClass,
    /// Decimals of position size (base asset).
    pub base_decimals: u8,
    /// Decimals of P&L (quote asset, normally the premium mint's decimals).
    pub quote_decimals: u8,
    /// Decimals of prices stored and compared on-chain.
    pub price_decimals: u8,
    pub oracle: OracleSource,
    /// Whether per-order liquidation cover is offered on this market.
    pub liquidation_cover: bool,
    /// Inactive markets accept no new positions or cover.
    pub active: bool,
}

impl MarketParams {
    pub fn validate(&self) -> Result<()> {
        require!(
            self.base_decimals <= MAX_PRICE_DECIMALS
                && self.quote_decimals <= MAX_PRICE_DECIMALS
                && self.price_decimals <= MAX_PRICE_DECIMALS,
            CipError::InvalidMarketDecimals
        );
        if let OracleSource::Pyth { feed_id } = self.oracle {
            require!(feed_id != [0u8; 32], CipError::InvalidFeedId);
        }
        Ok(())
    }
}

#[account]
#[derive(InitSpace, Debug)]
pub struct Market {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub market_id: u16,
    pub params: MarketParams,
    /// The `MarkPriceFeed` PDA of this market (used when the source is `Authority`).
    pub mark_price_feed: Pubkey,
}

/// One posted mark price. `publish_time == 0` marks an empty slot.
#[derive(
    AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq,
)]
pub struct PriceObservation {
    /// Price in the market's `price_decimals`.
    pub price: i64,
    /// Confidence half-width in the same decimals.
    pub conf: u64,
    pub publish_time: i64,
}

/// Mark prices posted by the oracle authority, kept as a ring buffer so that a settlement after
/// a policy's end can still find the price published around that end.
#[account]
#[derive(InitSpace, Debug)]
pub struct MarkPriceFeed {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub market: Pubkey,
    /// Slot the next observation is written to.
    pub next_slot: u8,
    pub observations: [PriceObservation; MARK_PRICE_HISTORY],
}

impl MarkPriceFeed {
    pub fn record(&mut self, observation: PriceObservation) {
        let slot = usize::from(self.next_slot) % MARK_PRICE_HISTORY;
        self.observations[slot] = observation;
        // MARK_PRICE_HISTORY fits in u8, so the cast cannot truncate.
        self.next_slot = ((slot + 1) % MARK_PRICE_HISTORY) as u8;
    }

    /// The observation with the latest publish time.
    pub fn latest(&self) -> Option<PriceObservation> {
        self.observations
            .iter()
            .filter(|o| o.publish_time != 0)
            .max_by_key(|o| o.publish_time)
            .copied()
    }

    /// The observation published closest to `target` (ties go to the earlier one).
    pub fn closest_to(&self, target: i64) -> Option<PriceObservation> {
        self.observations
            .iter()
            .filter(|o| o.publish_time != 0)
            .min_by_key(|o| (o.publish_time.abs_diff(target), o.publish_time))
            .copied()
    }
}
