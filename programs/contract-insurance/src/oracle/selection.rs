//! Which recorded price values a policy (SPEC §2, as amended by the settlement-integrity issue).
//!
//! At expiry each market of a policy is valued at one mark, chosen from the market's feed by a
//! rule nobody can bias: the guarded observation published closest to the policy's `end` (ties
//! go to the earlier one) within the staleness bound, as the prices stood when the policy's
//! window closed (`end + 2 × bound`: published up to one bound after `end`, recorded up to one
//! bound after that). Later recordings — a raised recording age lets older prints in, or a
//! correction of one — never count, and the feed knows whether it still holds every observation
//! of the window (`evicted_until`). Everyone who settles after the window closed gets the same
//! mark.
//!
//! Fallback, so no policy waits forever: when the window holds no guarded price (no posts, all
//! too wide) or was overwritten, then from `end + settlement_grace` the observation closest to
//! `end` among those recorded before then and still held is used with the confidence guard
//! waived, and a feed that held nothing before then values the exposure at its entry prices (no
//! unrealized P&L). Either case is flagged in the settlement event. Prints recorded from the
//! grace on never count, so waiting for a convenient one gains a settler nothing.

use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::math::safe_math::SafeMath;
use crate::oracle::guards::{passes_guards, OracleGuards, ValidatedPrice};
use crate::state::{MarkPriceFeed, MarkSource, PriceObservation};

/// The mark one market of a policy is valued at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SettlementMark {
    pub price: u64,
    pub publish_time: i64,
    pub source: MarkSource,
}

fn closest_to(candidates: impl Iterator<Item = PriceObservation>, target: i64) -> Option<PriceObservation> {
    candidates.min_by_key(|observation| (observation.publish_time.abs_diff(target), observation.publish_time))
}

fn mark(observation: PriceObservation, source: MarkSource) -> SettlementMark {
    SettlementMark { price: observation.price.unsigned_abs(), publish_time: observation.publish_time, source }
}

/// When a policy ending at `end` stops taking reports and prices: `end + 2 × the staleness bound`.
pub fn window_closes_at(end: i64, guards: OracleGuards) -> Result<i64> {
    let bound = i64::from(guards.max_staleness);
    end.safe_add(bound)?.safe_add(bound)
}

/// The mark for `end` under `guards`, settling at `now`; the fallback applies from
/// `fallback_opens_at` (`end + settlement_grace`), valued as the feed stood just before.
pub fn settlement_mark(
    feed: &MarkPriceFeed,
    end: i64,
    guards: OracleGuards,
    fallback_opens_at: i64,
    now: i64,
) -> Result<SettlementMark> {
    let bound = u64::from(guards.max_staleness);
    let window_start = end.saturating_sub(i64::from(guards.max_staleness));
    let closes_at = window_closes_at(end, guards)?;
    if feed.complete_since(window_start) {
        let guarded = feed.versions_as_of(closes_at).filter(|observation| {
            observation.publish_time.abs_diff(end) <= bound && passes_guards(observation, guards.max_conf_bps)
        });
        if let Some(observation) = closest_to(guarded, end) {
            return Ok(mark(observation, MarkSource::Canonical));
        }
    }
    require!(now >= fallback_opens_at, CipError::NoPriceNearTime);
    // Recorded before the fallback opened: nothing recorded from then on, even in that second,
    // can count.
    let facts_as_of = fallback_opens_at.safe_sub(1)?;
    let positive = feed.versions_as_of(facts_as_of).filter(|observation| observation.price > 0);
    Ok(match closest_to(positive, end) {
        Some(observation) => mark(observation, MarkSource::Fallback),
        None => SettlementMark { price: 0, publish_time: 0, source: MarkSource::NoPrice },
    })
}

/// The latest observation if it is fresh (published no more than the staleness bound before
/// `now`) and passes the guards: the price of early settlement and `get_mark_price`.
pub fn fresh_mark(
    feed: &MarkPriceFeed,
    guards: OracleGuards,
    now: i64,
    price_decimals: u8,
) -> Result<ValidatedPrice> {
    let latest = feed.latest().ok_or(CipError::PriceStale)?;
    require!(
        now.saturating_sub(latest.publish_time) <= i64::from(guards.max_staleness),
        CipError::PriceStale
    );
    require!(latest.price > 0, CipError::PriceNotPositive);
    require!(passes_guards(&latest, guards.max_conf_bps), CipError::PriceConfidenceTooWide);
    Ok(ValidatedPrice {
        price: latest.price.unsigned_abs(),
        conf: latest.conf,
        publish_time: latest.publish_time,
        price_decimals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::MARK_PRICE_HISTORY;
    use crate::state::RecordRules;

    const GUARDS: OracleGuards = OracleGuards { max_staleness: 60, max_conf_bps: 200 };
    const END: i64 = 10_000;
    /// `END + settlement_grace` (the default hour), and a moment before it.
    const FALLBACK: i64 = END + 3_600;
    const BEFORE_GRACE: i64 = FALLBACK - 1;

    fn feed_with(points: &[(i64, i64, u64)]) -> MarkPriceFeed {
        let mut feed = crate::state::market_tests_support::empty_feed();
        for &(publish_time, price, conf) in points {
            let rules =
                RecordRules { now: publish_time, max_age: 60, min_spacing: 1, allow_correction: false };
            feed.record(PriceObservation { price, conf, publish_time, recorded_at: 0 }, rules).unwrap();
        }
        feed
    }

    #[test]
    fn closest_guarded_observation_wins_ties_to_the_earlier() {
        let feed = feed_with(&[(END - 30, 100, 0), (END - 5, 200, 0), (END + 5, 300, 0), (END + 40, 400, 0)]);
        let chosen = settlement_mark(&feed, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap();
        assert_eq!((chosen.price, chosen.publish_time, chosen.source), (200, END - 5, MarkSource::Canonical));
        // Exactly at the bound counts; beyond it does not.
        let edge = feed_with(&[(END - 60, 1, 0), (END + 61, 2, 0)]);
        assert_eq!(settlement_mark(&edge, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap().price, 1);
    }

    #[test]
    fn prints_recorded_after_the_window_closed_never_count() {
        // In time: END − 50, recorded at once. Late: END + 1, recorded at END + 125, after the
        // window closed at END + 120 (a raised recording age let it in).
        let mut feed = feed_with(&[(END - 50, 100, 0)]);
        let late = RecordRules { now: END + 125, max_age: 3_600, min_spacing: 1, allow_correction: false };
        feed.record(PriceObservation { price: 200, conf: 0, publish_time: END + 1, recorded_at: 0 }, late)
            .unwrap();
        assert_eq!(feed.latest().unwrap().recorded_at, END + 125, "stamped when recorded");
        assert_eq!(window_closes_at(END, GUARDS).unwrap(), END + 120);
        let chosen = settlement_mark(&feed, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap();
        assert_eq!((chosen.price, chosen.publish_time), (100, END - 50));
    }

    #[test]
    fn too_wide_prints_are_skipped_and_no_guarded_price_waits_for_the_grace() {
        // The closest print is too wide (3 %): the next closest guarded one is used.
        let feed = feed_with(&[(END, 100, 3), (END + 20, 200, 1)]);
        assert_eq!(settlement_mark(&feed, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap().price, 200);
        let crash = feed_with(&[(END - 10, 100, 50), (END + 10, 90, 50)]);
        assert_eq!(
            settlement_mark(&crash, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap_err(),
            CipError::NoPriceNearTime.into()
        );
        let fallback = settlement_mark(&crash, END, GUARDS, FALLBACK, FALLBACK).unwrap();
        assert_eq!((fallback.price, fallback.source), (100, MarkSource::Fallback));
    }

    #[test]
    fn an_overwritten_window_is_never_valued_as_if_complete() {
        // A print right at the end, then enough later prints to evict it and its neighbours.
        let mut points = vec![(END, 100, 0)];
        for step in 1..=MARK_PRICE_HISTORY as i64 {
            points.push((END + step, 500, 0));
        }
        let feed = feed_with(&points);
        assert!(!feed.complete_since(END - 60));
        assert_eq!(
            settlement_mark(&feed, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap_err(),
            CipError::NoPriceNearTime.into()
        );
        let fallback = settlement_mark(&feed, END, GUARDS, FALLBACK, FALLBACK).unwrap();
        assert_eq!(
            (fallback.price, fallback.publish_time, fallback.source),
            (500, END + 1, MarkSource::Fallback)
        );
    }

    #[test]
    fn an_empty_feed_values_at_entry_after_the_grace() {
        let feed = feed_with(&[]);
        assert_eq!(
            settlement_mark(&feed, END, GUARDS, FALLBACK, BEFORE_GRACE).unwrap_err(),
            CipError::NoPriceNearTime.into()
        );
        assert_eq!(
            settlement_mark(&feed, END, GUARDS, FALLBACK, FALLBACK).unwrap().source,
            MarkSource::NoPrice
        );
    }

    #[test]
    fn the_fallback_is_valued_as_the_feed_stood_at_the_grace() {
        // Far from the end (outside the window): the fallback. A print recorded once the grace
        // is over — even in its first second — changes nothing, however late the settlement.
        let feed = feed_with(&[(END - 5_000, 100, 0), (FALLBACK, 200, 0)]);
        let fallback = settlement_mark(&feed, END, GUARDS, FALLBACK, FALLBACK + 10).unwrap();
        assert_eq!((fallback.price, fallback.publish_time), (100, END - 5_000));
        let late_only = feed_with(&[(FALLBACK, 200, 0)]);
        let nothing = settlement_mark(&late_only, END, GUARDS, FALLBACK, FALLBACK + 10).unwrap();
        assert_eq!(nothing.source, MarkSource::NoPrice);
    }

    #[test]
    fn fresh_mark_needs_a_recent_guarded_latest() {
        let feed = feed_with(&[(END, 100, 1)]);
        assert_eq!(fresh_mark(&feed, GUARDS, END + 60, 6).unwrap().price, 100);
        assert_eq!(fresh_mark(&feed, GUARDS, END + 61, 6).unwrap_err(), CipError::PriceStale.into());
        let wide = feed_with(&[(END, 100, 3)]);
        assert_eq!(fresh_mark(&wide, GUARDS, END, 6).unwrap_err(), CipError::PriceConfidenceTooWide.into());
        assert_eq!(fresh_mark(&feed_with(&[]), GUARDS, END, 6).unwrap_err(), CipError::PriceStale.into());
    }
}
