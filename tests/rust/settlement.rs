//! Settlement at expiry (per market, at the mark the feed holds nearest the end) and early
//! settlement (one position at a fresh mark).

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, symbol},
    ix::{self, ExposurePair, PositionTriple, PositionUpdate},
    pda,
    pyth::{price_update_account, PythPrice},
    PoolFixture, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::events::{ExposuresValued, PolicySettled};
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

use crate::positions::{long, short, BTC, USD};

/// A pool with a BTC market and a trader holding an active 100 USDT policy
/// (trigger 1 000 USDT, payout 500 USDT).
pub async fn covered() -> (PoolFixture, Pubkey, Trader) {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    (f, market, trader)
}

#[tokio::test]
async fn profit_at_expiry_completes_without_payout() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.expire_at_marks(&trader.key(), 0, &[(market, 61_000 * USD)]).await;

    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!(
        (policy.status, policy.outcome, policy.settlement),
        (PolicyStatus::Completed, PolicyOutcome::Expired, SettlementKind::AtExpiry)
    );
    assert_eq!((policy.unrealized_pnl, policy.loss, policy.exposures_valued), (1_000 * USD as i128, 0, 1));
    let valued = receipt.event::<ExposuresValued>();
    assert_eq!(valued.valuations.len(), 1);
    let valuation = valued.valuations[0];
    assert_eq!((valuation.mark_price, valuation.mark_publish_time), (61_000 * USD, end));
    assert_eq!(valuation.mark_source, MarkSource::Canonical);
    let event = receipt.event::<PolicySettled>();
    assert_eq!(
        (event.loss, event.trigger, event.status, event.exposures),
        (0, f.usdt(1_000), PolicyStatus::Completed, 1)
    );
    // Completed, but the position is still open: no new cover until it closes.
    assert_eq!(f.user(&trader.key()).await.active_policy_index, None);
    assert_error(f.buy(&trader, f.usdt(10)).await, CipError::TraderHasOpenPositions);
    f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 61_000 * USD, fee: 0 })
        .await
        .unwrap();
    f.buy(&trader, f.usdt(10)).await.expect("completed and flat: buys again");
    // Settling again is refused.
    assert_error(f.settle(&trader.key(), 0).await, CipError::PolicyNotActive);
}

#[tokio::test]
async fn unrealized_loss_at_expiry_long_and_short() {
    for side_is_long in [true, false] {
        let (mut f, market, trader) = covered().await;
        let (opening, mark) = if side_is_long {
            (long(BTC, 60_000 * USD), 58_800 * USD) // −1 200
        } else {
            (short(BTC, 60_000 * USD), 61_200 * USD) // −1 200
        };
        f.open_position(&trader.key(), &market, 1, opening).await.unwrap();
        f.expire_at_marks(&trader.key(), 0, &[(market, mark)]).await;
        let receipt = f.settle(&trader.key(), 0).await.unwrap();
        let event = receipt.event::<PolicySettled>();
        assert_eq!((event.unrealized_pnl, event.loss), (-(1_200 * USD as i128), 1_200 * USD));
        assert_eq!(event.status, PolicyStatus::Compensating);
        assert_eq!(f.active_policy(&trader.key()).await, Some(f.policy_key(&trader.key(), 0)));
        assert_error(f.buy(&trader, f.usdt(10)).await, CipError::TraderHasOpenPositions);
    }
}

/// Realized and unrealized P&L add up; a loss exactly at the trigger pays, one unit less does not.
#[tokio::test]
async fn trigger_boundary_exactly_equal_pays_one_unit_less_does_not() {
    for (exit_price, pays) in [(59_000 * USD, true), (59_000 * USD + 1, false)] {
        let (mut f, market, trader) = covered().await;
        f.open_position(&trader.key(), &market, 1, long(2 * BTC, 60_000 * USD)).await.unwrap();
        // 1 BTC closed at 59 000 (+1 price unit): −1 000 USD (−999.999999).
        f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: exit_price, fee: 0 })
            .await
            .unwrap();
        // The other BTC is flat at expiry.
        f.expire_at_marks(&trader.key(), 0, &[(market, 60_000 * USD)]).await;
        let event = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
        let expected_loss = if pays { 1_000 * USD } else { 1_000 * USD - 1 };
        assert_eq!(event.loss, expected_loss);
        assert_eq!(event.trigger, 1_000 * USD);
        let expected = if pays { PolicyStatus::Compensating } else { PolicyStatus::Completed };
        assert_eq!(event.status, expected);
    }
}

#[tokio::test]
async fn settlement_opens_once_reports_and_prices_are_final() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    assert_error(f.settle(&trader.key(), 0).await, CipError::SettlementNotOpen);
    f.chain.set_time(end).await;
    f.post_price(&market, 59_500 * USD as i64, 0, end).await.unwrap();
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    assert_eq!(opens, end + 60 + 60 + 1, "end + the policy's staleness + the recording age");
    f.chain.set_time(opens - 1).await;
    assert_error(f.settle(&trader.key(), 0).await, CipError::SettlementNotOpen);
    f.chain.set_time(opens).await;
    f.settle(&trader.key(), 0).await.expect("open");
}

#[tokio::test]
async fn positions_after_end_are_not_attached_and_the_reporter_is_never_frozen() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end).await;
    f.post_price(&market, 60_500 * USD as i64, 0, end).await.unwrap();
    f.chain.set_time(end + 1).await;
    // A position opened after the end is recorded but not covered.
    let late = f.open_position(&trader.key(), &market, 2, long(BTC, 50_000 * USD)).await.unwrap();
    assert_eq!(late.event::<contract_insurance::events::PositionOpened>().policy, None);
    assert_eq!(f.policy(&trader.key(), 0).await.open_positions, 1);
    // Both move freely: the attached one too, and its post-end close does not count.
    f.update_position(&trader.key(), 2, PositionUpdate::Close { size: BTC, price: 40_000 * USD, fee: 0 })
        .await
        .unwrap();
    let receipt = f
        .update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 50_000 * USD, fee: 0 })
        .await
        .unwrap();
    assert!(!receipt.event::<contract_insurance::events::PositionReduced>().counted);
    assert_eq!(f.user(&trader.key()).await.open_positions, 0);
    // The −10 000 realized after the end did not count: the policy saw +500 at the end's mark.
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens).await;
    let settled = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
    assert_eq!(
        (settled.unrealized_pnl, settled.loss, settled.status),
        (500 * USD as i128, 0, PolicyStatus::Completed)
    );
    assert_eq!(f.policy(&trader.key(), 0).await.realized_pnl, 0);
}

#[tokio::test]
async fn the_mark_is_the_guarded_observation_nearest_the_end() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    // 61 s before the end (outside the window), 20 s before, 20 s after (a tie: the earlier wins),
    // and a too-wide print right at the end (skipped).
    for (at, price, conf) in
        [(end - 61, 50_000, 0), (end - 20, 58_000, 0), (end, 40_000, 1_000), (end + 20, 59_000, 0)]
    {
        f.chain.set_time(at).await;
        f.post_price(&market, (price * USD) as i64, conf * USD, at).await.unwrap();
    }
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens).await;
    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let valuation = receipt.event::<ExposuresValued>().valuations[0];
    assert_eq!((valuation.mark_price, valuation.mark_publish_time), (58_000 * USD, end - 20));
    assert_eq!(receipt.event::<PolicySettled>().loss, 2_000 * USD);
}

#[tokio::test]
async fn no_guarded_price_near_the_end_waits_for_the_grace() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    f.chain.set_time(end - 61).await;
    f.post_price(&market, 58_000 * USD as i64, 0, end - 61).await.unwrap();
    let opens = f.settlement_opens_at(&trader.key(), 0).await;
    f.chain.set_time(opens).await;
    assert_error(f.settle(&trader.key(), 0).await, CipError::NoPriceNearTime);
    // From end + grace, the nearest observation the feed holds values the market, flagged.
    f.chain.set_time(end + 3_600 - 1).await;
    assert_error(f.settle(&trader.key(), 0).await, CipError::NoPriceNearTime);
    f.chain.set_time(end + 3_600).await;
    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let valuation = receipt.event::<ExposuresValued>().valuations[0];
    assert_eq!((valuation.mark_source, valuation.mark_price), (MarkSource::Fallback, 58_000 * USD));
    let settled = receipt.event::<PolicySettled>();
    assert_eq!((settled.fallback_marks, settled.loss), (1, 2_000 * USD));
}

#[tokio::test]
async fn pyth_priced_market_settles_from_recorded_updates() {
    let mut f = PoolFixture::new().await;
    let feed_id = [9u8; 32];
    let mut params = btc_market_params();
    params.symbol = symbol("SOL-PERP");
    params.oracle = OracleSource::Pyth { feed_id };
    let market = f.add_market(3, params).await;
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    f.open_position(&trader.key(), &market, 1, short(100 * BTC, 150 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.terms.end;
    let rent = f.chain.rent_exempt_minimum(200).await;
    // A keeper records the verified print of the end while it is fresh: 160.00.
    f.chain.set_time(end + 10).await;
    let update = Pubkey::new_unique();
    let print = PythPrice {
        feed_id,
        price: 16_000_000_000,
        conf: 1_000_000,
        exponent: -8,
        publish_time: end - 10,
        fully_verified: true,
    };
    f.chain.set_account(&update, price_update_account(print, rent));
    let recorder = f.chain.funded_keypair(1).await;
    f.send_as(&recorder, ix::record_pyth_price(&recorder.pubkey(), &f.keys.pool, &market, &update))
        .await
        .unwrap();
    // Much later, a better print for the attacker cannot be recorded any more (too old).
    f.chain.set_time(end + 3_600).await;
    let cheaper = PythPrice { price: 14_000_000_000, publish_time: end, ..print };
    f.chain.set_account(&update, price_update_account(cheaper, rent));
    assert_error(
        f.send_as(&recorder, ix::record_pyth_price(&recorder.pubkey(), &f.keys.pool, &market, &update)).await,
        CipError::PriceStale,
    );
    // 160.00 against a 150 short of 100: −1 000 exactly → pays.
    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    assert_eq!(receipt.event::<ExposuresValued>().valuations[0].mark_price, 160 * USD);
    let event = receipt.event::<PolicySettled>();
    assert_eq!((event.loss, event.status), (1_000 * USD, PolicyStatus::Compensating));
}

#[tokio::test]
async fn settlement_rejects_foreign_duplicate_malformed_and_wrong_accounts() {
    let (mut f, market, trader) = covered().await;
    let other_market = f.add_market(2, btc_market_params()).await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &other_market, 2, short(BTC, 60_000 * USD)).await.unwrap();
    let other = f.new_trader(None, 1_000).await;
    f.buy(&other, f.usdt(100)).await.unwrap();
    f.open_position(&other.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();

    let policy = f.policy_key(&trader.key(), 0);
    let pairs = f.unvalued_exposures(&policy).await;
    assert_eq!(pairs.len(), 2);
    f.expire_at_marks(&trader.key(), 0, &[(market, 60_000 * USD), (other_market, 60_000 * USD)]).await;
    let foreign = f.unvalued_exposures(&f.policy_key(&other.key(), 0)).await[0];

    let owner = trader.key();
    let (btc, eth) = (ExposurePair::of(&policy, &market), ExposurePair::of(&policy, &other_market));
    assert_error(f.settle_with(&owner, 0, &[btc, foreign]).await, CipError::ExposureNotInPolicy);
    assert_error(f.settle_with(&owner, 0, &[btc, btc]).await, CipError::ExposureAlreadyValued);
    let wrong_feed = ExposurePair { mark_price_feed: pda::mark_price_feed(&other_market), ..btc };
    assert_error(f.settle_with(&owner, 0, &[wrong_feed]).await, CipError::OracleAccountMismatch);
    let not_an_exposure = ExposurePair { exposure: trader.user, ..btc };
    assert_error(
        f.settle_with(&owner, 0, &[not_an_exposure]).await,
        anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch,
    );
    let keeper = f.chain.payer().insecure_clone();
    let mut malformed = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &[btc, eth]);
    malformed.accounts.pop();
    assert_error(f.chain.send(&[malformed], &keeper, &[]).await, CipError::SettlementAccountsMalformed);
    // Another trader's user account fails its seeds (derived from the policy's owner).
    let mut wrong_user = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &[btc, eth]);
    ix::replace_account(&mut wrong_user, &trader.user, &other.user);
    assert_error(
        f.chain.send(&[wrong_user], &keeper, &[]).await,
        anchor_lang::error::ErrorCode::ConstraintSeeds,
    );

    // In any order: settles.
    f.settle_with(&owner, 0, &[eth, btc]).await.unwrap();
    assert_error(f.settle_with(&owner, 0, &[btc]).await, CipError::PolicyNotActive);
}

#[tokio::test]
async fn early_settlement_on_one_position_over_the_trigger() {
    let (mut f, market, trader) = covered().await;
    // Long 1 BTC loses 1 100 at 58 900; short 1 BTC gains 1 100: total 0, one position over 1 000.
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, 2, short(BTC, 60_000 * USD)).await.unwrap();
    f.post_fresh_price(&market, 58_900 * USD as i64).await;
    let now = f.chain.now().await;
    let policy = f.policy_key(&trader.key(), 0);
    let triple = |id: u64| PositionTriple {
        position: pda::position(&f.keys.pool, &trader.key(), id),
        market,
        mark_price_feed: pda::mark_price_feed(&market),
    };
    let (losing, winning) = (triple(1), triple(2));

    // The total is not a loss: expiry would not pay. The short alone is not over the trigger.
    let winning_ix = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 2, Some(winning));
    assert_error(f.send_as(&trader.wallet, winning_ix).await, CipError::LossBelowTrigger);
    // Only the owner may ask; the id must match the position; the feed must be the market's.
    let outsider = f.new_trader(None, 0).await;
    let by_outsider = ix::request_early_settlement(&outsider.key(), &f.keys.pool, &policy, 1, Some(losing));
    assert_error(f.send_as(&outsider.wallet, by_outsider).await, CipError::NotOwner);
    let wrong_id = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 2, Some(losing));
    assert_error(f.send_as(&trader.wallet, wrong_id).await, CipError::PositionNotInPolicy);
    let other_market = f.add_market(2, btc_market_params()).await;
    let wrong_feed = PositionTriple { mark_price_feed: pda::mark_price_feed(&other_market), ..losing };
    let crossed = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 1, Some(wrong_feed));
    assert_error(f.send_as(&trader.wallet, crossed).await, CipError::OracleAccountMismatch);
    // A stale price is not a fresh mark.
    f.chain.set_time(now + 61).await;
    let stale = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 1, Some(losing));
    assert_error(f.send_as(&trader.wallet, stale).await, CipError::PriceStale);

    f.post_fresh_price(&market, 58_900 * USD as i64).await;
    let receipt = f
        .send_as(
            &trader.wallet,
            ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 1, Some(losing)),
        )
        .await
        .unwrap();
    let event = receipt.event::<PolicySettled>();
    assert_eq!(
        (event.kind, event.loss, event.status),
        (SettlementKind::Early, 1_100 * USD, PolicyStatus::Compensating)
    );
    assert_eq!(event.early_valuation.unwrap().unrealized_pnl, -(1_100 * USD as i128));
    let stored = f.policy(&trader.key(), 0).await;
    assert_eq!(
        (stored.status, stored.settlement, stored.loss),
        (PolicyStatus::Compensating, SettlementKind::Early, 1_100 * USD)
    );
    assert_eq!(f.pool().await.totals.policies_settled, 1, "an early settlement is a settlement");
    // Once compensating it cannot be settled again, early or at expiry.
    let again = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 1, Some(losing));
    assert_error(f.send_as(&trader.wallet, again).await, CipError::PolicyNotActive);
    // Positions are no longer counted toward it and move freely.
    f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 58_000 * USD, fee: 0 })
        .await
        .unwrap();
    assert_eq!(f.policy(&trader.key(), 0).await.realized_pnl, 0);
}

#[tokio::test]
async fn early_settlement_on_a_position_already_closed_in_the_window() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 5, long(BTC, 60_000 * USD)).await.unwrap();
    f.update_position(
        &trader.key(),
        5,
        PositionUpdate::Close { size: BTC, price: 58_950 * USD, fee: 50 * USD },
    )
    .await
    .unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    assert_eq!(f.policy(&trader.key(), 0).await.largest_closed_loss, 1_100 * USD);

    let wrong_id = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 4, None);
    assert_error(f.send_as(&trader.wallet, wrong_id).await, CipError::PositionNotInPolicy);
    let receipt = f
        .send_as(&trader.wallet, ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 5, None))
        .await
        .unwrap();
    let event = receipt.event::<PolicySettled>();
    assert_eq!(
        (event.closed_position_id, event.loss, event.realized_pnl),
        (Some(5), 1_100 * USD, -(1_100 * USD as i128))
    );

    // After the window, early settlement is over.
    let (mut g, market_g, trader_g) = covered().await;
    g.open_position(&trader_g.key(), &market_g, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = g.policy(&trader_g.key(), 0).await.terms.end;
    g.chain.set_time(end + 1).await;
    g.post_price(&market_g, 50_000 * USD as i64, 0, end + 1).await.unwrap();
    let policy_g = g.policy_key(&trader_g.key(), 0);
    let triple = PositionTriple {
        position: pda::position(&g.keys.pool, &trader_g.key(), 1),
        market: market_g,
        mark_price_feed: pda::mark_price_feed(&market_g),
    };
    let late = ix::request_early_settlement(&trader_g.key(), &g.keys.pool, &policy_g, 1, Some(triple));
    assert_error(g.send_as(&trader_g.wallet, late).await, CipError::PolicyWindowEnded);
}
