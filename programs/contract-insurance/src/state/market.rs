use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::math::pnl::MarketDecimals;

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
    pub fn decimals(&self) -> MarketDecimals {
        MarketDecimals { base: self.base_decimals, quote: self.quote_decimals, price: self.price_decimals }
    }

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

impl Market {
    /// Reads a market passed as an unchecked or remaining account: owner and type checked.
    pub fn load(info: &AccountInfo) -> Result<Market> {
        require_keys_eq!(*info.owner, crate::ID, CipError::MarketMismatch);
        let data = info.try_borrow_data()?;
        Market::try_deserialize(&mut &data[..]).map_err(|_| error!(CipError::MarketMismatch))
    }
}

/// One posted mark price. `publish_time == 0` marks an empty slot.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
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
    /// Adds an observation. A second post for the same publish time is a correction and
    /// replaces the first, so one bad observation can never block a settlement at that time.
    pub fn record(&mut self, observation: PriceObservation) {
        if let Some(existing) =
            self.observations.iter_mut().find(|existing| existing.publish_time == observation.publish_time)
        {
            *existing = observation;
            return;
        }
        let slot = usize::from(self.next_slot) % MARK_PRICE_HISTORY;
        self.observations[slot] = observation;
        // MARK_PRICE_HISTORY fits in u8, so the cast cannot truncate.
        self.next_slot = ((slot + 1) % MARK_PRICE_HISTORY) as u8;
    }

    /// The observation with the latest publish time.
    pub fn latest(&self) -> Option<PriceObservation> {
        self.observations.iter().filter(|o| o.publish_time != 0).max_by_key(|o| o.publish_time).copied()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> MarkPriceFeed {
        MarkPriceFeed {
            version: ACCOUNT_VERSION,
            bump: 0,
            pool: Pubkey::default(),
            market: Pubkey::default(),
            next_slot: 0,
            observations: [PriceObservation::default(); MARK_PRICE_HISTORY],
        }
    }

    fn at(publish_time: i64, price: i64) -> PriceObservation {
        PriceObservation { price, conf: 0, publish_time }
    }

    #[test]
    fn ring_keeps_the_newest_observations() {
        let mut feed = feed();
        assert_eq!(feed.latest(), None);
        assert_eq!(feed.closest_to(100), None);
        for time in 1..=(MARK_PRICE_HISTORY as i64 + 3) {
            feed.record(at(time * 10, time));
        }
        assert_eq!(feed.latest().unwrap().publish_time, (MARK_PRICE_HISTORY as i64 + 3) * 10);
        assert_eq!(feed.closest_to(0).unwrap().publish_time, 40, "the three oldest were overwritten");
    }

    #[test]
    fn closest_prefers_the_earlier_on_ties_and_corrections_replace() {
        let mut feed = feed();
        feed.record(at(90, 1));
        feed.record(at(110, 2));
        assert_eq!(feed.closest_to(100).unwrap().price, 1);
        assert_eq!(feed.closest_to(106).unwrap().price, 2);
        feed.record(at(90, 3));
        assert_eq!(feed.closest_to(100).unwrap().price, 3);
        assert_eq!(feed.observations.iter().filter(|o| o.publish_time != 0).count(), 2);
    }
}
