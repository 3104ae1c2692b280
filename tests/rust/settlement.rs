//! Settlement at expiry and early settlement, at the oracle mark price.

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, symbol},
    ix::{self, PositionTriple, PositionUpdate},
    pda,
    pyth::{price_update_account, PythPrice},
    PoolFixture, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::events::PolicySettled;
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

use crate::positions::{long, short, BTC, USD};

/// A pool with a BTC market and a trader holding an active 100 USDT policy
/// (trigger 1 000 USDT, payout 500 USDT).
async fn covered() -> (PoolFixture, Pubkey, Trader) {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    (f, market, trader)
}

/// Moves past the policy's end and posts `price` published exactly at the end.
async fn expire_at_price(f: &mut PoolFixture, market: &Pubkey, owner: &Pubkey, price: u64) -> i64 {
    let end = f.policy(owner, 0).await.end;
    f.chain.set_time(end + 30).await;
    f.post_price(market, price as i64, 0, end).await.unwrap();
    end
}

#[tokio::test]
async fn profit_at_expiry_completes_without_payout() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = expire_at_price(&mut f, &market, &trader.key(), 61_000 * USD).await;

    let receipt = f.settle(&trader.key(), 0).await.unwrap();
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!(
        (policy.status, policy.outcome, policy.settlement),
        (PolicyStatus::Completed, PolicyOutcome::Expired, SettlementKind::AtExpiry)
    );
    assert_eq!((policy.unrealized_pnl, policy.loss), (1_000 * USD as i128, 0));
    let event = receipt.event::<PolicySettled>();
    assert_eq!(event.valuations.len(), 1);
    assert_eq!((event.valuations[0].mark_price, event.valuations[0].mark_publish_time), (61_000 * USD, end));
    assert_eq!((event.loss, event.trigger, event.status), (0, f.usdt(1_000), PolicyStatus::Completed));
    // Completed, but the position is still open: no new cover until it closes.
    assert_eq!(f.user(&trader.key()).await.active_policy, None);
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
        let (args, mark) = if side_is_long {
            (long(BTC, 60_000 * USD), 58_800 * USD) // −1 200
        } else {
            (short(BTC, 60_000 * USD), 61_200 * USD) // −1 200
        };
        f.open_position(&trader.key(), &market, 1, args).await.unwrap();
        expire_at_price(&mut f, &market, &trader.key(), mark).await;
        let receipt = f.settle(&trader.key(), 0).await.unwrap();
        let event = receipt.event::<PolicySettled>();
        assert_eq!((event.unrealized_pnl, event.loss), (-(1_200 * USD as i128), 1_200 * USD));
        assert_eq!(event.status, PolicyStatus::Compensating);
        assert_eq!(f.user(&trader.key()).await.active_policy, Some(f.policy_key(&trader.key(), 0)));
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
        expire_at_price(&mut f, &market, &trader.key(), 60_000 * USD).await;
        let event = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
        let expected_loss = if pays { 1_000 * USD } else { 1_000 * USD - 1 };
        assert_eq!(event.loss, expected_loss);
        assert_eq!(event.trigger, 1_000 * USD);
        let expected = if pays { PolicyStatus::Compensating } else { PolicyStatus::Completed };
        assert_eq!(event.status, expected);
    }
}

#[tokio::test]
async fn positions_after_end_are_not_attached_and_positions_freeze_until_settled() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.end;
    f.chain.set_time(end + 1).await;
    // A position opened after the end is recorded but not covered.
    let late = f.open_position(&trader.key(), &market, 2, long(BTC, 50_000 * USD)).await.unwrap();
    assert_eq!(late.event::<contract_insurance::events::PositionOpened>().policy, None);
    assert_eq!(f.policy(&trader.key(), 0).await.open_positions, 1);
    // Unattached positions move freely; the attached one is frozen until settlement.
    f.update_position(&trader.key(), 2, PositionUpdate::Close { size: BTC, price: 40_000 * USD, fee: 0 })
        .await
        .unwrap();
    assert_error(
        f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 50_000 * USD, fee: 0 })
            .await,
        CipError::PolicySettlementDue,
    );
    // The reporter settles and reports in one transaction.
    f.post_price(&market, 60_500 * USD as i64, 0, end).await.unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    let triples = f.settlement_triples(&policy).await;
    let reporter = f.reporter.insecure_clone();
    let settle = ix::settle_policy(&reporter.pubkey(), &f.keys.pool, &policy, &trader.key(), &triples);
    let close = ix::update_position(
        &reporter.pubkey(),
        &f.keys.pool,
        &market,
        &trader.key(),
        &pda::position(&f.keys.pool, &trader.key(), 1),
        Some(policy),
        PositionUpdate::Close { size: BTC, price: 50_000 * USD, fee: 0 },
    );
    let receipt = f.chain.send(&[settle, close], &reporter, &[]).await.unwrap();
    // The −10 000 realized after the end did not count: the policy saw +500 at the end's mark.
    let settled = receipt.event::<PolicySettled>();
    assert_eq!(
        (settled.unrealized_pnl, settled.loss, settled.status),
        (500 * USD as i128, 0, PolicyStatus::Completed)
    );
    assert!(!receipt.event::<contract_insurance::events::PositionReduced>().counted);
    assert_eq!(f.policy(&trader.key(), 0).await.realized_pnl, 0);
}

#[tokio::test]
async fn mark_price_must_be_published_around_the_end() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.end;
    f.chain.set_time(end + 200).await;
    // Too early and too late (61 s either side of the end).
    f.post_price(&market, 60_000 * USD as i64, 0, end - 61).await.unwrap();
    f.post_price(&market, 60_000 * USD as i64, 0, end + 61).await.unwrap();
    assert_error(f.settle(&trader.key(), 0).await, CipError::NoPriceNearTime);
    // Exactly at the bound (late side) works, even posted long after (backfill).
    f.post_price(&market, 58_000 * USD as i64, 0, end + 60).await.unwrap();
    let event = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
    assert_eq!(
        (event.valuations[0].mark_price, event.valuations[0].mark_publish_time),
        (58_000 * USD, end + 60)
    );
    assert_eq!(event.status, PolicyStatus::Compensating);
}

#[tokio::test]
async fn low_confidence_settlement_price_is_refused() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.end;
    f.chain.set_time(end + 5).await;
    f.post_price(&market, 60_000 * USD as i64, 1_200 * USD + 1, end).await.unwrap(); // > 2 %
    assert_error(f.settle(&trader.key(), 0).await, CipError::PriceConfidenceTooWide);
    // A correction for the same publish time replaces the bad observation: 2 % is accepted.
    f.post_price(&market, 60_000 * USD as i64, 1_200 * USD, end).await.unwrap();
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    assert_eq!(feed.observations.iter().filter(|o| o.publish_time == end).count(), 1);
    f.settle(&trader.key(), 0).await.expect("confidence at the bound");
}

#[tokio::test]
async fn pyth_priced_market_settles_and_guards_apply() {
    let mut f = PoolFixture::new().await;
    let feed_id = [9u8; 32];
    let mut params = btc_market_params();
    params.symbol = symbol("SOL-PERP");
    params.oracle = OracleSource::Pyth { feed_id };
    let market = f.add_market(3, params).await;
    let update = Pubkey::new_unique();
    f.oracle_overrides.push((market, update));
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    f.open_position(&trader.key(), &market, 1, short(100 * BTC, 150 * USD)).await.unwrap();
    let end = f.policy(&trader.key(), 0).await.end;
    f.chain.set_time(end + 3_600).await; // a late keeper: Pyth serves any verified publish time
    let rent = f.chain.rent_exempt_minimum(200).await;
    let price = |price: i64, conf: u64| PythPrice {
        feed_id,
        price,
        conf,
        exponent: -8,
        publish_time: end - 10,
        fully_verified: true,
    };

    f.chain.set_account(&update, price_update_account(price(0, 0), rent));
    assert_error(f.settle(&trader.key(), 0).await, CipError::PriceNotPositive);
    f.chain.set_account(&update, price_update_account(price(-16_000_000_000, 0), rent));
    assert_error(f.settle(&trader.key(), 0).await, CipError::PriceNotPositive);
    f.chain.set_account(&update, price_update_account(price(16_000_000_000, 400_000_000), rent)); // 2.5 %
    assert_error(f.settle(&trader.key(), 0).await, CipError::PriceConfidenceTooWide);
    // 160.00 against a 150 short of 100: −1 000 exactly → pays.
    f.chain.set_account(&update, price_update_account(price(16_000_000_000, 1_000_000), rent));
    let event = f.settle(&trader.key(), 0).await.unwrap().event::<PolicySettled>();
    assert_eq!(event.valuations[0].mark_price, 160 * USD);
    assert_eq!((event.loss, event.status), (1_000 * USD, PolicyStatus::Compensating));
}

#[tokio::test]
async fn settlement_rejects_early_missing_extra_foreign_duplicate_and_wrong_accounts() {
    let (mut f, market, trader) = covered().await;
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, 2, short(BTC, 60_000 * USD)).await.unwrap();
    let other = f.new_trader(None, 1_000).await;
    f.buy(&other, f.usdt(100)).await.unwrap();
    f.open_position(&other.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let other_market = f.add_market(2, btc_market_params()).await;

    let policy = f.policy_key(&trader.key(), 0);
    let triples = f.settlement_triples(&policy).await;
    assert_eq!(triples.len(), 2);
    assert_error(f.settle(&trader.key(), 0).await, CipError::PolicyNotExpired);

    let end = f.policy(&trader.key(), 0).await.end;
    f.chain.set_time(end + 1).await;
    f.post_price(&market, 60_000 * USD as i64, 0, end).await.unwrap();
    f.post_price(&other_market, 60_000 * USD as i64, 0, end).await.unwrap();
    let foreign = f.settlement_triples(&f.policy_key(&other.key(), 0)).await[0];

    let owner = trader.key();
    assert_error(f.settle_with(&owner, 0, &triples[..1]).await, CipError::SettlementPositionCountMismatch);
    assert_error(
        f.settle_with(&owner, 0, &[triples[0], triples[1], foreign]).await,
        CipError::SettlementPositionCountMismatch,
    );
    assert_error(f.settle_with(&owner, 0, &[triples[0], foreign]).await, CipError::PositionNotInPolicy);
    assert_error(f.settle_with(&owner, 0, &[triples[0], triples[0]]).await, CipError::DuplicatePosition);
    let wrong_oracle = PositionTriple { oracle: pda::mark_price_feed(&other_market), ..triples[1] };
    assert_error(
        f.settle_with(&owner, 0, &[triples[0], wrong_oracle]).await,
        CipError::OracleAccountMismatch,
    );
    let wrong_market =
        PositionTriple { market: other_market, oracle: pda::mark_price_feed(&other_market), ..triples[1] };
    assert_error(f.settle_with(&owner, 0, &[triples[0], wrong_market]).await, CipError::MarketMismatch);
    // A triple of non-position accounts.
    let not_a_position = PositionTriple { position: trader.user, ..triples[1] };
    assert_error(
        f.settle_with(&owner, 0, &[triples[0], not_a_position]).await,
        anchor_lang::error::ErrorCode::AccountDiscriminatorMismatch,
    );
    // Accounts not in triples.
    let keeper = f.chain.payer().insecure_clone();
    let mut malformed = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &triples);
    malformed.accounts.pop();
    assert_error(f.chain.send(&[malformed], &keeper, &[]).await, CipError::SettlementAccountsMalformed);
    // Another trader's user account.
    let mut wrong_user = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &triples);
    ix::replace_account(&mut wrong_user, &trader.user, &other.user);
    assert_error(f.chain.send(&[wrong_user], &keeper, &[]).await, CipError::PolicyOwnerMismatch);

    // In any order, complete: settles.
    f.settle_with(&owner, 0, &[triples[1], triples[0]]).await.unwrap();
    assert_error(f.settle_with(&owner, 0, &triples).await, CipError::PolicyNotActive);
}

#[tokio::test]
async fn early_settlement_on_one_position_over_the_trigger() {
    let (mut f, market, trader) = covered().await;
    // Long 1 BTC loses 1 100 at 58 900; short 1 BTC gains 1 100: total 0, one position over 1 000.
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, 2, short(BTC, 60_000 * USD)).await.unwrap();
    let now = f.chain.now().await;
    f.post_price(&market, 58_900 * USD as i64, 0, now).await.unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    let triple = |id: u64| PositionTriple {
        position: pda::position(&f.keys.pool, &trader.key(), id),
        market,
        oracle: pda::mark_price_feed(&market),
    };
    let (losing, winning) = (triple(1), triple(2));

    // The total is not a loss: expiry would not pay. The short alone is not over the trigger.
    let winning_ix = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 2, Some(winning));
    assert_error(f.send_as(&trader.wallet, winning_ix).await, CipError::LossBelowTrigger);
    // Only the owner may ask; the id must match the position.
    let outsider = f.new_trader(None, 0).await;
    let by_outsider = ix::request_early_settlement(&outsider.key(), &f.keys.pool, &policy, 1, Some(losing));
    assert_error(f.send_as(&outsider.wallet, by_outsider).await, CipError::NotOwner);
    let wrong_id = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 2, Some(losing));
    assert_error(f.send_as(&trader.wallet, wrong_id).await, CipError::PositionNotInPolicy);
    // A stale price is not a fresh mark.
    f.chain.set_time(now + 61).await;
    let stale = ix::request_early_settlement(&trader.key(), &f.keys.pool, &policy, 1, Some(losing));
    assert_error(f.send_as(&trader.wallet, stale).await, CipError::PriceStale);

    f.post_price(&market, 58_900 * USD as i64, 0, now + 61).await.unwrap();
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
    assert_eq!(event.valuations[0].unrealized_pnl, -(1_100 * USD as i128));
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

    // After the window, early settlement is over (the policy is compensating here anyway).
    let (mut g, market_g, trader_g) = covered().await;
    g.open_position(&trader_g.key(), &market_g, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let end = g.policy(&trader_g.key(), 0).await.end;
    g.chain.set_time(end + 1).await;
    g.post_price(&market_g, 50_000 * USD as i64, 0, end + 1).await.unwrap();
    let policy_g = g.policy_key(&trader_g.key(), 0);
    let triple = PositionTriple {
        position: pda::position(&g.keys.pool, &trader_g.key(), 1),
        market: market_g,
        oracle: pda::mark_price_feed(&market_g),
    };
    let late = ix::request_early_settlement(&trader_g.key(), &g.keys.pool, &policy_g, 1, Some(triple));
    assert_error(g.send_as(&trader_g.wallet, late).await, CipError::PolicyWindowEnded);
}
