//! Issue 11: a policy's payout does not depend on who settles, when, how the markets are batched,
//! or how many positions it has; venue times decide attachment; terms are fixed at purchase; and
//! nobody stays frozen.

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, symbol},
    ix::{self, ExposurePair, PositionUpdate},
    pda, PoolFixture,
};
use contract_insurance::constants::MARK_PRICE_HISTORY;
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

use crate::positions::{long, short, BTC, USD};
use crate::settlement::covered;

/// `n` markets with 6-decimal sizes and prices.
async fn markets(f: &mut PoolFixture, n: u16) -> Vec<Pubkey> {
    let mut markets = Vec::new();
    for id in 0..n {
        let params = MarketParams { symbol: symbol(&format!("M{id}")), ..btc_market_params() };
        markets.push(f.add_market(id, params).await);
    }
    markets
}

/// The outcome of a settled policy, without anything that names an account or a time.
#[derive(Debug, PartialEq, Eq)]
struct Outcome {
    status: PolicyStatus,
    outcome: PolicyOutcome,
    loss: u64,
    realized_pnl: i128,
    unrealized_pnl: i128,
    exposures_valued: u32,
    fallback_marks: u32,
    /// Per market (in market order): mark source, price, publish time offset from `end`, P&L.
    marks: Vec<(MarkSource, u64, i64, i128)>,
}

async fn outcome(f: &mut PoolFixture, owner: &Pubkey, markets: &[Pubkey]) -> Outcome {
    let policy = f.policy(owner, 0).await;
    let key = f.policy_key(owner, 0);
    let mut marks = Vec::new();
    for market in markets {
        if let Some(account) = f.chain.account(&pda::policy_exposure(&key, market)).await {
            let exposure = <PolicyExposure as anchor_lang::AccountDeserialize>::try_deserialize(
                &mut account.data.as_slice(),
            )
            .unwrap();
            let offset = if exposure.mark_publish_time == 0 {
                0
            } else {
                exposure.mark_publish_time - policy.terms.end
            };
            marks.push((exposure.mark_source, exposure.mark_price, offset, exposure.unrealized_pnl));
        }
    }
    Outcome {
        status: policy.status,
        outcome: policy.outcome,
        loss: policy.loss,
        realized_pnl: policy.realized_pnl,
        unrealized_pnl: policy.unrealized_pnl,
        exposures_valued: policy.exposures_valued,
        fallback_marks: policy.fallback_marks,
        marks,
    }
}

#[tokio::test]
async fn a_hedged_book_pays_nothing_whatever_prints_exist_and_the_long_alone_pays_at_the_boundary() {
    for hedged in [true, false] {
        let (mut f, market, trader) = covered().await;
        f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
        if hedged {
            f.open_position(&trader.key(), &market, 2, short(BTC, 60_000 * USD)).await.unwrap();
        }
        // Prints all over the place around the end: a settler who could pick one per position would
        // value the long at the low and the short at the high.
        let end = f.policy(&trader.key(), 0).await.terms.end;
        for (offset, price) in
            [(-55, 50_000), (-30, 70_000), (-10, 40_000), (0, 59_000), (10, 80_000), (55, 45_000)]
        {
            f.chain.set_time(end + offset).await;
            f.post_price(&market, (price * USD) as i64, 0, end + offset).await.unwrap();
        }
        let opens = f.settlement_opens_at(&trader.key(), 0).await;
        f.chain.set_time(opens).await;
        let receipt = f.settle(&trader.key(), 0).await.unwrap();
        let valuation = receipt.event::<ExposuresValued>().valuations[0];
        let settled = receipt.event::<PolicySettled>();
        if hedged {
            assert_eq!(
                (valuation.mark_source, valuation.net_size, valuation.unrealized_pnl),
                (MarkSource::NotNeeded, 0, 0)
            );
            assert_eq!((settled.loss, settled.status), (0, PolicyStatus::Completed));
        } else {
            // The long alone at the end's print, 59 000: −1 000 = the trigger exactly → pays.
            assert_eq!((valuation.mark_price, valuation.mark_publish_time), (59_000 * USD, end));
            assert_eq!(
                (settled.loss, settled.trigger, settled.status),
                (1_000 * USD, 1_000 * USD, PolicyStatus::Compensating)
            );
        }
    }
}

/// The same facts, settled by two different keepers, at two different times after the window,
/// and in three different batch splits: the same outcome, mark for mark.
#[tokio::test]
async fn settlers_times_and_batch_splits_do_not_change_the_outcome() {
    #[derive(Clone, Copy, Debug)]
    enum Way {
        OneBatchByTheKeeper,
        OneMarketPerBatchLaterByAnotherSettler,
        ReversedPairsOfTwo,
    }
    let mut outcomes = Vec::new();
    for way in
        [Way::OneBatchByTheKeeper, Way::OneMarketPerBatchLaterByAnotherSettler, Way::ReversedPairsOfTwo]
    {
        let mut f = PoolFixture::new().await;
        let markets = markets(&mut f, 4).await;
        let trader = f.new_trader(None, 1_000).await;
        f.buy(&trader, f.usdt(100)).await.unwrap();
        let book = [
            (0, long(BTC, 60_000 * USD)),
            (1, short(2 * BTC, 3_000 * USD)),
            (2, long(BTC / 3, 100 * USD)),
            (3, short(BTC, 10 * USD)),
            (0, short(BTC / 2, 61_000 * USD)),
        ];
        for (id, (market, opening)) in book.iter().enumerate() {
            f.open_position(&trader.key(), &markets[*market], id as u64, *opening).await.unwrap();
        }
        f.update_position(
            &trader.key(),
            1,
            PositionUpdate::Close { size: BTC, price: 3_100 * USD, fee: USD },
        )
        .await
        .unwrap();
        let end = f.policy(&trader.key(), 0).await.terms.end;
        for (offset, prices) in
            [(-40, [59_000, 3_050, 99, 11]), (-3, [58_000, 3_090, 97, 12]), (3, [57_000, 3_110, 95, 13])]
        {
            f.chain.set_time(end + offset).await;
            for (market, price) in markets.iter().zip(prices) {
                f.post_price(market, (price * USD) as i64, 0, end + offset).await.unwrap();
            }
        }
        let opens = f.settlement_opens_at(&trader.key(), 0).await;
        let policy = f.policy_key(&trader.key(), 0);
        let pairs: Vec<ExposurePair> =
            markets.iter().map(|market| ExposurePair::of(&policy, market)).collect();
        let owner = trader.key();
        match way {
            Way::OneBatchByTheKeeper => {
                f.chain.set_time(opens).await;
                f.settle_with(&owner, 0, &pairs).await.unwrap();
            }
            Way::OneMarketPerBatchLaterByAnotherSettler => {
                f.chain.set_time(opens + 2_000).await;
                let settler = f.chain.funded_keypair(1).await;
                for pair in &pairs {
                    let ix = ix::settle_policy(&settler.pubkey(), &f.keys.pool, &policy, &owner, &[*pair]);
                    f.send_as(&settler, ix).await.unwrap();
                }
            }
            Way::ReversedPairsOfTwo => {
                f.chain.set_time(opens + 50).await;
                f.settle_with(&owner, 0, &[pairs[3], pairs[2]]).await.unwrap();
                f.settle_with(&owner, 0, &[pairs[1], pairs[0]]).await.unwrap();
            }
        }
        let result = outcome(&mut f, &owner, &markets).await;
        assert_eq!(result.exposures_valued, 4, "{way:?}");
        outcomes.push(result);
    }
    assert_eq!(outcomes[0], outcomes[1]);
    assert_eq!(outcomes[0], outcomes[2]);
    // Marks are the prints 3 s before the end (closest, earlier on the tie with +3 s).
    assert!(outcomes[0]
        .marks
        .iter()
        .all(|(source, _, offset, _)| *source == MarkSource::Canonical && *offset == -3));
}

#[tokio::test]
async fn one_exposure_per_market_one_feed_per_exposure_valued_once() {
    let (mut f, market, trader) = covered().await;
    let other_market = f.add_market(2, btc_market_params()).await;
    // Two positions in the same market share one exposure: there is no second account to pair
    // with another print.
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, 2, long(BTC, 61_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &other_market, 3, long(BTC, 61_000 * USD)).await.unwrap();
    assert_eq!(f.policy(&trader.key(), 0).await.exposures, 2);
    f.expire_at_marks(&trader.key(), 0, &[(market, 60_000 * USD), (other_market, 1 * USD)]).await;
    let policy = f.policy_key(&trader.key(), 0);
    let btc = ExposurePair::of(&policy, &market);
    let owner = trader.key();
    // The market's exposure with another market's feed (the crash print): refused.
    let mismatched = ExposurePair { mark_price_feed: pda::mark_price_feed(&other_market), ..btc };
    assert_error(f.settle_with(&owner, 0, &[mismatched]).await, CipError::OracleAccountMismatch);
    f.settle_with(&owner, 0, &[btc]).await.unwrap();
    assert_error(f.settle_with(&owner, 0, &[btc]).await, CipError::ExposureAlreadyValued);
    assert_eq!(f.policy(&trader.key(), 0).await.status, PolicyStatus::Active, "one market still unvalued");
}

/// 40 positions in 12 markets: settled in batches; the loss equals the sum computed here from the
/// same marks; an exposure valued twice is refused; an omitted one holds the decision back.
#[tokio::test]
async fn forty_positions_in_twelve_markets_settle_in_batches_to_the_off_chain_sum() {
    let mut f = PoolFixture::new().await;
    let markets = markets(&mut f, 12).await;
    let trader = f.new_trader(None, 10_000).await;
    f.buy(&trader, f.usdt(1_000)).await.unwrap();
    // Deterministic but irregular book: sides, sizes and entries vary by position.
    let mut book = Vec::new();
    for id in 0..40u64 {
        let market = (id * 7 % 12) as usize;
        let side = if id % 3 == 0 { Side::Short } else { Side::Long };
        let size = 100_000 + id * 37_003;
        let entry = 1_000 * USD + id * 12_345_677;
        let opening = cip_harness::ix::Opening { side, size, entry_price: entry, margin: 0 };
        f.open_position(&trader.key(), &markets[market], id, opening).await.unwrap();
        book.push((market, side, size, entry));
    }
    // Closing some in the window realizes P&L; it counts as realized, the rest stays unrealized.
    let mut realized: i128 = 0;
    for id in [4u64, 9, 31] {
        let (market, side, size, entry) = book[id as usize];
        let exit = entry - 3 * USD;
        f.update_position(&trader.key(), id, PositionUpdate::Close { size, price: exit, fee: USD })
            .await
            .unwrap();
        let direction: i128 = if side == Side::Long { 1 } else { -1 };
        realized += (i128::from(size) * (i128::from(exit) - i128::from(entry)) * direction)
            .div_euclid(1_000_000)
            - 1_000_000;
        book[id as usize] = (market, side, 0, entry);
    }
    let marks: Vec<u64> = (0..12).map(|market| 950 * USD + market * 9_876_543).collect();
    let end_marks: Vec<(Pubkey, u64)> = markets.iter().copied().zip(marks.iter().copied()).collect();
    f.expire_at_marks(&trader.key(), 0, &end_marks).await;

    // Off-chain: per market, Σ dir × size × (mark − entry), scaled by 10^6 / 10^12, floored once.
    let mut unrealized: i128 = 0;
    for (market, mark) in marks.iter().enumerate() {
        let raw: i128 = book
            .iter()
            .filter(|(m, _, size, _)| *m == market && *size > 0)
            .map(|(_, side, size, entry)| {
                let direction: i128 = if *side == Side::Long { 1 } else { -1 };
                direction * i128::from(*size) * (i128::from(*mark) - i128::from(*entry))
            })
            .sum();
        unrealized += raw.div_euclid(1_000_000);
    }
    let expected_loss = u64::try_from((-(realized + unrealized)).max(0)).unwrap();

    let policy = f.policy_key(&trader.key(), 0);
    let pairs: Vec<ExposurePair> = markets.iter().map(|market| ExposurePair::of(&policy, market)).collect();
    let owner = trader.key();
    let first = f.settle_with(&owner, 0, &pairs[..5]).await.unwrap();
    assert_eq!(first.event::<ExposuresValued>().exposures_valued, 5);
    assert!(first.events::<PolicySettled>().is_empty());
    // Valuing an exposure twice, even alongside new ones, is refused (and changes nothing).
    assert_error(f.settle_with(&owner, 0, &[pairs[5], pairs[0]]).await, CipError::ExposureAlreadyValued);
    f.settle_with(&owner, 0, &pairs[5..11]).await.unwrap();
    // One market omitted: no decision, whatever else is sent.
    f.settle_with(&owner, 0, &[]).await.unwrap();
    let pending = f.policy(&trader.key(), 0).await;
    assert_eq!((pending.status, pending.exposures_valued, pending.exposures), (PolicyStatus::Active, 11, 12));
    let last = f.settle_with(&owner, 0, &pairs[11..]).await.unwrap();
    let settled = last.event::<PolicySettled>();
    assert_eq!(settled.realized_pnl, realized);
    assert_eq!(settled.unrealized_pnl, unrealized);
    assert_eq!(settled.loss, expected_loss);
    assert_eq!(settled.exposures, 12);
}

#[tokio::test]
async fn a_position_opened_at_the_venue_before_the_purchase_voids_the_policy() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    let opened_at_venue = f.chain.now().await;
    f.chain.advance_time(30).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    let vault_after_purchase = f.vault_balance().await;
    // Reported after the purchase, but opened at the venue before it.
    let receipt = f
        .open_position_at(&trader.key(), &market, 1, long(BTC, 60_000 * USD).at(opened_at_venue))
        .await
        .unwrap();
    let voided = receipt.event::<PolicyVoided>();
    assert_eq!((voided.position_opened_at, voided.premium), (opened_at_venue, f.usdt(100)));
    let opened = receipt.event::<PositionOpened>();
    assert_eq!((opened.policy, opened.voided_policy), (None, Some(f.policy_key(&trader.key(), 0))));
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!(
        (policy.status, policy.outcome, policy.settlement),
        (PolicyStatus::Completed, PolicyOutcome::Void, SettlementKind::Voided)
    );
    assert_eq!(f.user(&trader.key()).await.active_policy_index, None);
    assert_eq!(f.vault_balance().await, vault_after_purchase, "the premium is not refunded");
    assert_eq!(f.pool().await.totals.policies_voided, 1);
    // A void policy cannot be settled or compensated.
    assert_error(f.settle(&trader.key(), 0).await, CipError::PolicyNotActive);
    assert_error(f.issue_compensation(&trader.key(), 0).await, CipError::PolicyNotCompensating);
}

#[tokio::test]
async fn venue_times_in_the_future_or_out_of_order_are_refused() {
    let (mut f, market, trader) = covered().await;
    let now = f.chain.now().await;
    assert_error(
        f.open_position_at(&trader.key(), &market, 1, long(BTC, 60_000 * USD).at(now + 1)).await,
        CipError::EventTimeInFuture,
    );
    f.open_position_at(&trader.key(), &market, 1, long(BTC, 60_000 * USD).at(now)).await.unwrap();
    f.chain.set_time(now + 100).await;
    f.update_position_at(
        &trader.key(),
        1,
        PositionUpdate::Close { size: BTC / 4, price: 60_000 * USD, fee: 0 },
        now + 50,
    )
    .await
    .unwrap();
    let close = PositionUpdate::Close { size: BTC / 4, price: 60_000 * USD, fee: 0 };
    assert_error(
        f.update_position_at(&trader.key(), 1, close, now + 49).await,
        CipError::EventTimeBeforePrevious,
    );
    assert_error(f.update_position_at(&trader.key(), 1, close, now + 101).await, CipError::EventTimeInFuture);
    let increase = PositionUpdate::Increase { size: BTC, price: 60_000 * USD, added_margin: 0 };
    assert_error(
        f.update_position_at(&trader.key(), 1, increase, now + 49).await,
        CipError::EventTimeBeforePrevious,
    );
    f.update_position_at(&trader.key(), 1, close, now + 50)
        .await
        .expect("same venue time as the previous event");
    let position: Position = f.chain.fetch(&pda::position(&f.keys.pool, &trader.key(), 1)).await;
    assert_eq!((position.opened_at, position.last_event_at, position.size), (now, now + 50, BTC / 2));
}

#[tokio::test]
async fn an_in_window_open_reported_after_the_window_closed_does_not_attach() {
    let (mut f, market, trader) = covered().await;
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end).await;
    f.post_price(&market, (60_000 * USD) as i64, 0, end).await.unwrap();
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens).await;
    let late = f
        .open_position_at(&trader.key(), &market, 1, long(BTC, 50_000 * USD).at(end - 10))
        .await
        .unwrap()
        .event::<PositionOpened>();
    assert_eq!(late.policy, None, "reported after the window's reports closed");
    let settled = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
    assert_eq!((settled.exposures, settled.loss), (0, 0));
}

/// Terms are fixed at purchase: the admin changing the credit rate, trigger and payout ratio
/// between purchase and payout changes nothing the policy pays.
#[tokio::test]
async fn config_changes_after_the_purchase_do_not_change_what_the_policy_pays() {
    let (mut f, market, trader) = covered().await;
    let terms = f.policy(&trader.key(), 0).await.terms;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let mut config = f.pool().await.config;
    config.hashrate_per_usdt_bps = 40_000;
    config.trigger_multiplier = 100;
    config.payout_ratio_bps = 10_000;
    config.max_price_staleness = 30;
    config.settlement_grace = 60;
    f.send_as_admin(ix::update_config(&f.admin.pubkey(), &f.keys.pool, config)).await.unwrap();
    f.expire_at_marks(&trader.key(), 0, &[(market, 58_500 * USD)]).await;
    let settled = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
    assert_eq!(
        (settled.trigger, settled.status),
        (terms.trigger, PolicyStatus::Compensating),
        "trigger 1 000, not 10 000"
    );
    let issued = f.issue_compensation(&trader.key(), 0).await.unwrap().event::<CompensationIssued>();
    assert_eq!((issued.payout, issued.credits), (terms.payout, terms.payout_credits));
    assert_eq!(issued.credits, f.usdt(500), "the purchase's 1:1 rate, not the new 4:1");
    assert_eq!(f.chain.token_balance(&ix::credit_account(&trader.key(), &f.keys)).await, f.usdt(500));
}

/// Every observation near the end overwritten: before the grace nobody can settle (the window is
/// incomplete); the reporter records the close meanwhile; after the grace the fallback settles it,
/// flagged, and the trader can buy again.
#[tokio::test]
async fn an_overwritten_price_window_falls_back_after_the_grace_and_nobody_is_frozen() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end).await;
    f.post_price(&market, (59_000 * USD) as i64, 0, end).await.unwrap();
    // The oracle authority posts every 5 s until the end's print and its neighbours are gone.
    for step in 1..=MARK_PRICE_HISTORY as i64 {
        f.chain.set_time(end + 5 * step).await;
        f.post_price(&market, (58_000 * USD) as i64, 0, end + 5 * step).await.unwrap();
    }
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    assert!(feed.evicted_until >= end - 60);
    assert_error(f.settle(&trader.key(), 0).await, CipError::NoPriceNearTime);
    // Not frozen: the reporter records the close (after the end, it does not count).
    let closed = f
        .update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 58_000 * USD, fee: 0 })
        .await
        .unwrap()
        .event::<PositionReduced>();
    assert!(closed.closed && !closed.counted);
    // From end + grace the nearest observation still held values the market, flagged.
    f.chain.set_time(end + 3_600).await;
    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let valuation = receipt.event::<ExposuresValued>().valuations[0];
    assert_eq!((valuation.mark_source, valuation.mark_publish_time), (MarkSource::Fallback, end + 5));
    let settled = receipt.event::<PolicySettled>();
    assert_eq!(
        (settled.fallback_marks, settled.loss, settled.status),
        (1, 2_000 * USD, PolicyStatus::Compensating)
    );
    f.issue_compensation(&trader.key(), 0).await.unwrap();
    f.buy(&trader, f.usdt(10)).await.expect("flat and paid: buys again");
}

/// A market whose feed never had a price at all: after the grace the exposure is valued at its
/// entry prices (no unrealized P&L), flagged, and the realized P&L alone decides.
#[tokio::test]
async fn a_market_never_priced_settles_on_realized_pnl_after_the_grace() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(2 * BTC, 60_000 * USD)).await.unwrap();
    f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 58_800 * USD, fee: 0 })
        .await
        .unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end + 3_600).await;
    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    assert_eq!(receipt.event::<ExposuresValued>().valuations[0].mark_source, MarkSource::NoPrice);
    let settled = receipt.event::<PolicySettled>();
    assert_eq!(
        (settled.realized_pnl, settled.unrealized_pnl, settled.loss),
        (-(1_200 * USD as i128), 0, 1_200 * USD)
    );
}

/// The admin raises the staleness bound (and so the recording age) to an hour, with the grace
/// it needs: prices older than a closed window's bound can be recorded again.
async fn raise_the_staleness_bound_to_an_hour(f: &mut PoolFixture) {
    let mut config = f.pool().await.config;
    config.max_price_staleness = 3_600;
    config.settlement_grace = 7_200;
    f.send_as_admin(ix::update_config(&f.admin.pubkey(), &f.keys.pool, config)).await.unwrap();
}

/// A policy's price window is fixed at purchase too: after it closed, the admin raises the
/// staleness bound and a print published nearer `end` is recorded late. Settlement still opens
/// when it did, and values the market at the print recorded in time — so a settler before the
/// late print and one after it get the same mark.
#[tokio::test]
async fn a_print_recorded_after_the_window_closed_never_values_the_policy() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end - 50).await;
    f.post_price(&market, (58_000 * USD) as i64, 0, end - 50).await.expect("a print in the window, in time");
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens + 5).await;

    raise_the_staleness_bound_to_an_hour(&mut f).await;
    f.post_price(&market, (50_000 * USD) as i64, 0, end + 1)
        .await
        .expect("a late print, allowed by the new bound");
    assert_eq!(f.settlement_opens_at(&trader.key(), 0).await, opens, "the raise does not move settlement");

    let valued = f.settle(&trader.key(), 0).await.unwrap().event::<ExposuresValued>();
    let mark = &valued.valuations[0];
    assert_eq!(
        (mark.mark_source, mark.mark_price, mark.mark_publish_time),
        (MarkSource::Canonical, 58_000 * USD, end - 50),
        "valued at the print recorded before the window closed"
    );
}

/// The oracle authority's correction of a print, made after a policy's window closed (a raised
/// recording age allows it), is a later recording like any other: the policy is still valued at
/// the print as it stood when its window closed, and the correction counts only from then on.
#[tokio::test]
async fn a_correction_made_after_the_window_closed_never_values_the_policy() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end + 10).await;
    f.post_price(&market, (58_000 * USD) as i64, 0, end + 10).await.expect("the print closest to end");
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens + 5).await;

    raise_the_staleness_bound_to_an_hour(&mut f).await;
    f.post_price(&market, (50_000 * USD) as i64, 0, end + 10)
        .await
        .expect("a correction of the latest print, allowed by the new bound");
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    assert_eq!(feed.latest().unwrap().price, (50_000 * USD) as i64, "the correction is the latest");

    let valued = f.settle(&trader.key(), 0).await.unwrap().event::<ExposuresValued>();
    let mark = &valued.valuations[0];
    assert_eq!(
        (mark.mark_source, mark.mark_price, mark.mark_publish_time),
        (MarkSource::Canonical, 58_000 * USD, end + 10),
        "valued at the print as it stood when the window closed"
    );
}

/// The fallback's facts are fixed too, when it opens at `end + grace`: a print recorded from then
/// on (even in that second) never values the policy, so whether a settler comes right at the
/// grace or waits for a convenient print makes no difference. Here the feed has nothing before
/// the grace; a crash print recorded then would have turned the entry-price valuation into a
/// 10 000 USDT loss.
#[tokio::test]
async fn a_print_recorded_after_the_grace_never_changes_the_fallback() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let terms = f.policy(&trader.key(), 0).await.terms;
    let fallback_opens_at = terms.end + i64::from(terms.settlement_grace);
    f.chain.set_time(fallback_opens_at).await;
    f.post_price(&market, (50_000 * USD) as i64, 0, fallback_opens_at)
        .await
        .expect("a print in the second the fallback opens");

    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let valuation = receipt.event::<ExposuresValued>().valuations[0];
    assert_eq!(
        (valuation.mark_source, valuation.unrealized_pnl),
        (MarkSource::NoPrice, 0),
        "valued as the feed stood at end + grace: nothing, so at entry"
    );
    assert_eq!(receipt.event::<PolicySettled>().loss, 0);
}
