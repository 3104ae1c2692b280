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
    /// Decimals of P&L (quote asset): must equal the premium mint's decimals, since P&L is
    /// compared with triggers and payouts in premium units.
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

    /// Checks the parameters for a pool whose premium mint has `premium_decimals` decimals.
    pub fn validate(&self, premium_decimals: u8) -> Result<()> {
        require!(
            self.base_decimals <= MAX_PRICE_DECIMALS && self.price_decimals <= MAX_PRICE_DECIMALS,
            CipError::InvalidMarketDecimals
        );
        require_eq!(self.quote_decimals, premium_decimals, CipError::QuoteDecimalsMismatch);
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
    /// The market's `MarkPriceFeed` PDA: every mark price the program uses is recorded there.
    pub mark_price_feed: Pubkey,
    /// Reported positions with size > 0 (decimals can change only while this is zero).
    pub open_positions: u32,
}

impl Market {
    /// Reads a market passed as an unchecked or remaining account: owner and type checked.
    pub fn load(info: &AccountInfo) -> Result<Market> {
        require_keys_eq!(*info.owner, crate::ID, CipError::MarketMismatch);
        let data = info.try_borrow_data()?;
        Market::try_deserialize(&mut &data[..]).map_err(|_| error!(CipError::MarketMismatch))
    }
}

/// One recorded mark price. `publish_time == 0` marks an empty slot.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PriceObservation {
    /// Price in the market's `price_decimals`.
    pub price: i64,
    /// Confidence half-width in the same decimals.
    pub conf: u64,
    pub publish_time: i64,
    /// When the program recorded it (stamped by `record`): a policy is valued only at prices
    /// recorded before its window closed, so a later change of the recording age cannot add one.
    pub recorded_at: i64,
}

/// How an observation may enter a feed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordRules {
    pub now: i64,
    /// Oldest accepted publish time is `now − max_age` (the pool's staleness bound): nothing can
    /// be back-dated, so once a window has passed its prices are fixed.
    pub max_age: u32,
    /// Least time between two observations.
    pub min_spacing: u32,
    /// A second observation for the latest publish time is accepted as its correction (the
    /// oracle authority's); Pyth prints are immutable, so for them it is refused.
    pub allow_correction: bool,
}

/// Every mark price the program uses for a market, recorded in publish-time order: the oracle
/// authority's posts (`post_mark_price`) or verified Pyth updates anyone records
/// (`record_pyth_price`). A ring buffer of the newest `MARK_PRICE_HISTORY`; `evicted_until` says
/// how far back it is complete.
#[account]
#[derive(InitSpace, Debug)]
pub struct MarkPriceFeed {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub market: Pubkey,
    /// Decimals of every observation's price and confidence (the market's price decimals; a
    /// correction of the market's decimals rescales the ring).
    pub price_decimals: u8,
    /// Slot the next observation is written to.
    pub next_slot: u8,
    /// Observations ever recorded.
    pub recorded: u64,
    /// Publish time of the newest observation that was overwritten (0: none yet). Every
    /// observation published after it is still in the ring.
    pub evicted_until: i64,
    pub observations: [PriceObservation; MARK_PRICE_HISTORY],
}

impl MarkPriceFeed {
    /// Records an observation: fresh, positive, newer than the latest by the minimum spacing (or a
    /// correction of the latest, where allowed). Returns whether it is a correction.
    ///
    /// A correction is appended like any recording, not written over the latest: a policy whose
    /// window closed before the correction was recorded is still valued at the print as it stood
    /// then ([`MarkPriceFeed::versions_as_of`]), whoever settles it and whenever.
    pub fn record(&mut self, observation: PriceObservation, rules: RecordRules) -> Result<bool> {
        let observation = PriceObservation { recorded_at: rules.now, ..observation };
        require!(observation.price > 0, CipError::PriceNotPositive);
        require!(observation.publish_time <= rules.now, CipError::PublishTimeInFuture);
        require!(rules.now - observation.publish_time <= i64::from(rules.max_age), CipError::PriceStale);
        let mut correction = false;
        if let Some(latest) = self.latest() {
            correction = observation.publish_time == latest.publish_time && rules.allow_correction;
            if !correction {
                require!(observation.publish_time > latest.publish_time, CipError::ObservationNotNewer);
                require!(
                    observation.publish_time - latest.publish_time >= i64::from(rules.min_spacing),
                    CipError::ObservationTooSoon
                );
            }
        }
        let slot = usize::from(self.next_slot) % MARK_PRICE_HISTORY;
        let evicted = self.observations[slot];
        if evicted.publish_time != 0 {
            self.evicted_until = self.evicted_until.max(evicted.publish_time);
        }
        self.observations[slot] = observation;
        // MARK_PRICE_HISTORY fits in u8, so the cast cannot truncate.
        self.next_slot = ((slot + 1) % MARK_PRICE_HISTORY) as u8;
        self.recorded = self.recorded.saturating_add(1);
        Ok(correction)
    }

    fn latest_slot(&self) -> Option<usize> {
        if self.recorded == 0 {
            return None;
        }
        Some((usize::from(self.next_slot) + MARK_PRICE_HISTORY - 1) % MARK_PRICE_HISTORY)
    }

    /// The newest observation.
    pub fn latest(&self) -> Option<PriceObservation> {
        self.latest_slot().map(|slot| self.observations[slot])
    }

    /// Observations still in the ring, every recording (a print and its corrections).
    pub fn retained(&self) -> impl Iterator<Item = &PriceObservation> {
        self.observations.iter().filter(|observation| observation.publish_time != 0)
    }

    /// Retained observations in the order they were recorded, oldest first.
    fn chronological(&self) -> impl Iterator<Item = PriceObservation> + '_ {
        let oldest = usize::from(self.next_slot);
        (0..MARK_PRICE_HISTORY)
            .map(move |offset| self.observations[(oldest + offset) % MARK_PRICE_HISTORY])
            .filter(|observation| observation.publish_time != 0)
    }

    /// The prices as they stood at `as_of`: one observation per publish time, its last version
    /// recorded by then (a later correction does not count yet), in publish-time order.
    pub fn versions_as_of(&self, as_of: i64) -> impl Iterator<Item = PriceObservation> + '_ {
        let mut recorded =
            self.chronological().filter(move |observation| observation.recorded_at <= as_of).peekable();
        core::iter::from_fn(move || loop {
            let observation = recorded.next()?;
            // Versions of one publish time are adjacent: the ring is in publish-time order.
            match recorded.peek() {
                Some(next) if next.publish_time == observation.publish_time => continue,
                _ => return Some(observation),
            }
        })
    }

    /// Re-expresses every retained observation in `price_decimals` (prices rounded down,
    /// confidence up), for a correction of the market's decimals.
    pub fn rescale_to(&mut self, price_decimals: u8) -> Result<()> {
        let from = self.price_decimals;
        for observation in self.observations.iter_mut().filter(|observation| observation.publish_time != 0) {
            *observation = crate::oracle::guards::convert_observation(*observation, from, price_decimals)?;
        }
        self.price_decimals = price_decimals;
        Ok(())
    }

    /// Whether every observation ever recorded with a publish time at or after `since` is still
    /// in the ring.
    pub fn complete_since(&self, since: i64) -> bool {
        self.evicted_until == 0 || self.evicted_until < since
    }
}

/// An empty feed for the pure tests of the oracle module.
#[cfg(test)]
pub mod market_tests_support {
    use super::*;

    pub fn empty_feed() -> MarkPriceFeed {
        MarkPriceFeed {
            version: ACCOUNT_VERSION,
            bump: 0,
            pool: Pubkey::default(),
            market: Pubkey::default(),
            price_decimals: 6,
            next_slot: 0,
            recorded: 0,
            evicted_until: 0,
            observations: [PriceObservation::default(); MARK_PRICE_HISTORY],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed() -> MarkPriceFeed {
        market_tests_support::empty_feed()
    }

    fn at(publish_time: i64, price: i64) -> PriceObservation {
        PriceObservation { price, conf: 0, publish_time, recorded_at: 0 }
    }

    fn rules(now: i64) -> RecordRules {
        RecordRules { now, max_age: 60, min_spacing: 5, allow_correction: true }
    }

    #[test]
    fn ring_keeps_the_newest_and_knows_what_it_lost() {
        let mut feed = feed();
        assert_eq!(feed.latest(), None);
        assert!(feed.complete_since(0));
        let count = MARK_PRICE_HISTORY as i64 + 3;
        for step in 1..=count {
            feed.record(at(step * 10, step), rules(step * 10)).unwrap();
        }
        assert_eq!(feed.latest().unwrap().publish_time, count * 10);
        assert_eq!(feed.recorded, count as u64);
        assert_eq!(feed.evicted_until, 30, "the three oldest were overwritten");
        assert!(!feed.complete_since(30));
        assert!(feed.complete_since(31));
        assert_eq!(feed.retained().count(), MARK_PRICE_HISTORY);
    }

    #[test]
    fn only_fresh_newer_spaced_observations_enter() {
        let mut feed = feed();
        feed.record(at(100, 1), rules(120)).unwrap();
        assert_eq!(feed.record(at(99, 1), rules(120)).unwrap_err(), CipError::ObservationNotNewer.into());
        assert_eq!(feed.record(at(104, 1), rules(120)).unwrap_err(), CipError::ObservationTooSoon.into());
        assert_eq!(feed.record(at(130, 1), rules(120)).unwrap_err(), CipError::PublishTimeInFuture.into());
        assert_eq!(feed.record(at(105, 1), rules(166)).unwrap_err(), CipError::PriceStale.into());
        assert_eq!(feed.record(at(105, 0), rules(120)).unwrap_err(), CipError::PriceNotPositive.into());
        feed.record(at(105, 2), rules(165)).unwrap();
        assert_eq!(feed.latest().unwrap().price, 2);
    }

    #[test]
    fn corrections_supersede_the_latest_only_where_allowed() {
        let mut feed = feed();
        feed.record(at(100, 1), rules(100)).unwrap();
        assert!(feed.record(at(100, 3), rules(101)).unwrap());
        assert_eq!(feed.latest().unwrap().price, 3);
        assert_eq!(feed.recorded, 2, "a correction is recorded, not written over the print");
        let pyth = RecordRules { allow_correction: false, ..rules(101) };
        assert_eq!(feed.record(at(100, 4), pyth).unwrap_err(), CipError::ObservationNotNewer.into());
        assert_eq!(feed.record(at(104, 4), rules(104)).unwrap_err(), CipError::ObservationTooSoon.into());
        assert!(!feed.record(at(105, 5), rules(105)).unwrap());
    }

    #[test]
    fn prices_as_they_stood_take_the_last_correction_recorded_by_then() {
        let mut feed = feed();
        feed.record(at(100, 1), rules(100)).unwrap();
        feed.record(at(100, 2), rules(110)).unwrap();
        feed.record(at(110, 7), rules(110)).unwrap();
        feed.record(at(110, 8), rules(150)).unwrap();
        fn prices(feed: &MarkPriceFeed, as_of: i64) -> Vec<(i64, i64)> {
            feed.versions_as_of(as_of).map(|o| (o.publish_time, o.price)).collect()
        }
        assert_eq!(prices(&feed, 99), vec![]);
        assert_eq!(prices(&feed, 100), vec![(100, 1)]);
        assert_eq!(prices(&feed, 110), vec![(100, 2), (110, 7)]);
        assert_eq!(prices(&feed, i64::MAX), vec![(100, 2), (110, 8)]);
        // Still true once the ring has wrapped: versions are read in recording order.
        for step in 1..MARK_PRICE_HISTORY as i64 {
            feed.record(at(110 + step * 5, 9), rules(110 + step * 5)).unwrap();
        }
        let last = 110 + (MARK_PRICE_HISTORY as i64 - 1) * 5;
        feed.record(at(last, 10), rules(last)).unwrap();
        let newest: Vec<_> = prices(&feed, i64::MAX).into_iter().rev().take(2).collect();
        assert_eq!(newest, vec![(last, 10), (last - 5, 9)]);
        assert_eq!(prices(&feed, last - 1).last(), Some(&(last - 5, 9)));
    }
}
