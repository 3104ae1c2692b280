//! Per-order liquidation cover: quotas, direction, fills and refunds, review, tiered ratio and
//! vested USDT payout.

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, symbol},
    ix::{self, CoverKeys},
    pda, PoolFixture, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::math::vesting::{day_index, SECONDS_PER_DAY};
use contract_insurance::state::*;
use contract_insurance::{InsuredAmount, LiquidationCoverArgs};
use solana_sdk::signature::Signer;

use crate::positions::{long, BTC, USD};

const UTC8: i32 = 8 * 3_600;
/// Capital every test pool starts with, so covers (which reserve 1.7 × insured) can be sold.
const CAPITAL: u64 = 10_000 * USD;

fn order(side: Side, order_qty: u64, margin: u64, insured: u64) -> LiquidationCoverArgs {
    LiquidationCoverArgs { order_id: 1, side, order_qty, margin, insured: InsuredAmount::Amount(insured) }
}

async fn setup() -> (PoolFixture, Pubkey, Trader) {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 20_000).await;
    f.deposit_capital(CAPITAL).await;
    // Start at 10:00 local (UTC+8) so a day's purchases stay inside one local day.
    let now = f.chain.now().await;
    let local_day = day_index(now, UTC8).unwrap();
    f.chain.set_time((local_day + 1) * SECONDS_PER_DAY - i64::from(UTC8) + 10 * 3_600).await;
    (f, market, trader)
}

/// Cover on order `index`, filled into position `index` (1 BTC long), ready for an outcome.
async fn filled_cover(
    f: &mut PoolFixture,
    market: &Pubkey,
    trader: &Trader,
    margin: u64,
    insured: u64,
) -> CoverKeys {
    let index = f.user(&trader.key()).await.liquidation_cover_count;
    f.buy_filled_cover(trader, market, order(Side::Long, BTC, margin, insured), index).await
}

#[tokio::test]
async fn purchase_moves_the_insured_amount_into_the_vault() {
    let (mut f, market, trader) = setup().await;
    let args = LiquidationCoverArgs {
        insured: InsuredAmount::MarginRatio(5_000),
        ..order(Side::Long, 10 * BTC, 160 * USD, 0)
    };
    let receipt = f.buy_cover(&trader, &market, args).await.unwrap();
    assert_eq!(f.vault_balance().await, CAPITAL + 80 * USD, "insured = 50 % of the 160 margin");
    assert_eq!(f.chain.token_balance(&trader.token).await, 19_920 * USD);
    let cover = f.cover(&trader.key(), 0).await;
    assert_eq!(
        (cover.insured, cover.insured_bought, cover.margin, cover.order_qty),
        (80 * USD, 80 * USD, 160 * USD, 10 * BTC)
    );
    assert_eq!(
        (cover.status, cover.fill_state, cover.outcome),
        (CoverStatus::Ongoing, FillState::Pending, CoverOutcome::Open)
    );
    let exposure: MarketExposure = f.chain.fetch(&pda::exposure(&f.keys.pool, &trader.key(), &market)).await;
    assert_eq!((exposure.side, exposure.ongoing), (Side::Long, 1));
    let user = f.user(&trader.key()).await;
    assert_eq!(
        (user.liquidation_cover_count, user.liquidation_day_total, user.liquidation_cumulative),
        (1, 80 * USD, 80 * USD)
    );
    let event = receipt.event::<LiquidationCoverBought>();
    assert_eq!(
        (event.insured, event.day_total, event.cumulative, event.index),
        (80 * USD, 80 * USD, 80 * USD, 0)
    );
    // Its worst case, 2 × 85 % × 80, is reserved out of the pool's free capital.
    assert_eq!((event.reserved, cover.reserve_bought, cover.reserved), (136 * USD, 136 * USD, 136 * USD));
    let pool = f.pool().await;
    assert_eq!(
        (pool.totals.liquidation_covers_sold, pool.totals.liquidation_insured_collected),
        (1, 80 * USD)
    );
    assert_eq!(pool.liabilities.covers_reserved, 136 * USD);
    assert_eq!(pool.solvency.free_capital, CAPITAL + 80 * USD - 136 * USD);
    assert_eq!(event.books.liabilities, pool.liabilities);
}

#[tokio::test]
async fn insured_amount_bounds() {
    let (mut f, market, trader) = setup().await;
    let cases = [
        (order(Side::Long, BTC, 500 * USD, USD - 1), CipError::InsuredBelowMinimum),
        (order(Side::Long, BTC, 500 * USD, 100 * USD + 1), CipError::PerOrderQuotaExceeded),
        (order(Side::Long, BTC, 60 * USD, 60 * USD + 1), CipError::InsuredAboveMargin),
        (
            LiquidationCoverArgs {
                insured: InsuredAmount::MarginRatio(10_001),
                ..order(Side::Long, BTC, 50 * USD, 0)
            },
            CipError::InsuredAboveMargin,
        ),
        (order(Side::Long, 0, 500 * USD, 10 * USD), CipError::InvalidOrder),
        (order(Side::Long, BTC, 0, 10 * USD), CipError::InvalidOrder),
    ];
    for (args, error) in cases {
        assert_error(f.buy_cover(&trader, &market, args).await, error);
    }
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await.expect("exactly the minimum");
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 100 * USD))
        .await
        .expect("exactly the per-order quota");
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 60 * USD, 60 * USD))
        .await
        .expect("insured equal to the margin");
    assert_eq!(f.vault_balance().await, CAPITAL + 161 * USD);
}

#[tokio::test]
async fn daily_quota_at_the_local_day_boundary() {
    let (mut f, market, trader) = setup().await;
    for _ in 0..3 {
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 100 * USD)).await.unwrap();
    }
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 99 * USD)).await.unwrap();
    // 399 bought today: 1.000001 more is one unit over 400; exactly 1 more is at the quota.
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD + 1)).await,
        CipError::DailyQuotaExceeded,
    );
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await.expect("exactly 400");
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await,
        CipError::DailyQuotaExceeded,
    );
    // 23:59:59 local is still today; local midnight (UTC+8) starts a new day.
    let now = f.chain.now().await;
    let next_midnight = (day_index(now, UTC8).unwrap() + 1) * SECONDS_PER_DAY - i64::from(UTC8);
    f.chain.set_time(next_midnight - 1).await;
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await,
        CipError::DailyQuotaExceeded,
    );
    f.chain.set_time(next_midnight).await;
    let event = f
        .buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 100 * USD))
        .await
        .unwrap()
        .event::<LiquidationCoverBought>();
    assert_eq!((event.day_total, event.cumulative), (100 * USD, 500 * USD));
}

#[tokio::test]
async fn cumulative_quota() {
    let (mut f, market, trader) = setup().await;
    let start = f.chain.now().await;
    for day in 0..12 {
        f.chain.set_time(start + day * SECONDS_PER_DAY).await;
        for _ in 0..4 {
            f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 100 * USD)).await.unwrap();
        }
    }
    f.chain.set_time(start + 12 * SECONDS_PER_DAY).await;
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 100 * USD)).await.unwrap();
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 99 * USD)).await.unwrap();
    assert_eq!(f.user(&trader.key()).await.liquidation_cumulative, 4_999 * USD);
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD + 1)).await,
        CipError::CumulativeQuotaExceeded,
    );
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await.expect("exactly 5 000");
    f.chain.set_time(start + 13 * SECONDS_PER_DAY).await;
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, USD)).await,
        CipError::CumulativeQuotaExceeded,
    );
}

#[tokio::test]
async fn one_direction_per_market_while_ongoing() {
    let (mut f, market, trader) = setup().await;
    let mut other_params = btc_market_params();
    other_params.symbol = symbol("ETH-PERP");
    let other_market = f.add_market(2, other_params).await;
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 50 * USD)).await.unwrap();
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 50 * USD))
        .await
        .expect("same side again");
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Short, BTC, 500 * USD, 50 * USD)).await,
        CipError::OppositeDirectionOngoing,
    );
    f.buy_cover(&trader, &other_market, order(Side::Short, BTC, 500 * USD, 50 * USD))
        .await
        .expect("other market");

    // Complete both long covers (cancel the orders): the short side opens up.
    for index in 0..2 {
        let cover = f.cover_keys(&trader.key(), index, &market);
        let ix = ix::cancel_order_remainder(&f.reporter.pubkey(), &f.keys, &cover, Some(trader.token), BTC);
        f.send_as_reporter(ix).await.unwrap();
        let remaining = if index == 0 { 1 } else { 0 };
        let exposure: MarketExposure =
            f.chain.fetch(&pda::exposure(&f.keys.pool, &trader.key(), &market)).await;
        assert_eq!(exposure.ongoing, remaining);
        if remaining == 1 {
            assert_error(
                f.buy_cover(&trader, &market, order(Side::Short, BTC, 500 * USD, 50 * USD)).await,
                CipError::OppositeDirectionOngoing,
            );
        }
    }
    f.buy_cover(&trader, &market, order(Side::Short, BTC, 500 * USD, 50 * USD))
        .await
        .expect("after completion");
}

#[tokio::test]
async fn lead_traders_markets_without_cover_and_pause() {
    let (mut f, market, trader) = setup().await;
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::set_lead_trader(&outsider.pubkey(), &f.keys.pool, &trader.key(), true))
            .await,
        CipError::NotAdmin,
    );
    let receipt = f
        .send_as_admin(ix::set_lead_trader(&f.admin.pubkey(), &f.keys.pool, &trader.key(), true))
        .await
        .unwrap();
    assert!(receipt.event::<LeadTraderSet>().is_lead_trader);
    assert_error(
        f.send_as_admin(ix::set_lead_trader(&f.admin.pubkey(), &f.keys.pool, &trader.key(), true)).await,
        CipError::LeadTraderUnchanged,
    );
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 50 * USD)).await,
        CipError::LeadTraderExcluded,
    );
    f.send_as_admin(ix::set_lead_trader(&f.admin.pubkey(), &f.keys.pool, &trader.key(), false))
        .await
        .unwrap();

    let mut no_cover = btc_market_params();
    no_cover.liquidation_cover = false;
    let uncovered = f.add_market(3, no_cover).await;
    assert_error(
        f.buy_cover(&trader, &uncovered, order(Side::Long, BTC, 500 * USD, 50 * USD)).await,
        CipError::LiquidationCoverNotOffered,
    );
    f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, true)).await.unwrap();
    assert_error(
        f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 50 * USD)).await,
        CipError::PoolPaused,
    );
    f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, false)).await.unwrap();
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 500 * USD, 50 * USD)).await.expect("eligible again");
}

#[tokio::test]
async fn fills_partial_cancel_refund_and_close() {
    let (mut f, market, trader) = setup().await;
    f.buy_cover(&trader, &market, order(Side::Long, 10 * BTC, 200 * USD, 100 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, 0, long(4 * BTC, 60_000 * USD)).await.unwrap();
    let cover = f.cover_keys(&trader.key(), 0, &market);
    let position = pda::position(&f.keys.pool, &trader.key(), 0);
    let reporter = f.reporter.pubkey();
    let pool = f.keys.pool;

    // Only the reporter reports; the position must be the trader's, on the market and side.
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::report_order_fill(&outsider.pubkey(), &pool, &cover.cover, &position, BTC))
            .await,
        CipError::NotReporter,
    );
    let other = f.new_trader(None, 0).await;
    f.open_position(&other.key(), &market, 0, long(BTC, 60_000 * USD)).await.unwrap();
    let others_position = pda::position(&pool, &other.key(), 0);
    assert_error(
        f.send_as_reporter(ix::report_order_fill(&reporter, &pool, &cover.cover, &others_position, BTC))
            .await,
        CipError::CoverPositionMismatch,
    );

    let receipt = f
        .send_as_reporter(ix::report_order_fill(&reporter, &pool, &cover.cover, &position, 4 * BTC))
        .await
        .unwrap();
    let filled = receipt.event::<OrderFilled>();
    assert_eq!((filled.filled_qty, filled.fill_state), (4 * BTC, FillState::PartiallyFilled));
    assert_error(
        f.send_as_reporter(ix::report_order_fill(&reporter, &pool, &cover.cover, &position, 6 * BTC + 1))
            .await,
        CipError::QuantityExceedsUnfilled,
    );
    // Closing or liquidating with an unfilled remainder: cancel it first.
    assert_error(
        f.send_as_reporter(ix::close_order_cover(&reporter, &f.keys, &cover)).await,
        CipError::OrderHasUnfilledQuantity,
    );

    // Cancel 6 of 10: refund 60 of the 100 insured, paid at once.
    let balance = f.chain.token_balance(&trader.token).await;
    let receipt = f
        .send_as_reporter(ix::cancel_order_remainder(&reporter, &f.keys, &cover, Some(trader.token), 6 * BTC))
        .await
        .unwrap();
    let cancelled = receipt.event::<OrderCancelled>();
    assert_eq!(
        (cancelled.refund, cancelled.refund_paid, cancelled.insured_remaining),
        (60 * USD, true, 40 * USD)
    );
    // 6 / 10 of the 170 reserve is released; the 60 refund is paid out of it.
    assert_eq!((cancelled.reserve_released, cancelled.reserved_remaining), (102 * USD, 68 * USD));
    assert_eq!(f.chain.token_balance(&trader.token).await, balance + 60 * USD);
    let stored = f.cover(&trader.key(), 0).await;
    assert_eq!((stored.insured, stored.margin, stored.refund_owed), (40 * USD, 80 * USD, 0));
    assert_eq!((stored.status, stored.fill_state), (CoverStatus::Ongoing, FillState::Filled));
    assert_error(
        f.send_as_reporter(ix::cancel_order_remainder(&reporter, &f.keys, &cover, Some(trader.token), 1))
            .await,
        CipError::QuantityExceedsUnfilled,
    );
    // The refund goes to the trader's own account only.
    let (_, someone_else) = f.funded_wallet(0).await;
    f.buy_cover(&trader, &market, order(Side::Long, 10 * BTC, 200 * USD, 100 * USD)).await.unwrap();
    let second = f.cover_keys(&trader.key(), 1, &market);
    assert_error(
        f.send_as_reporter(ix::cancel_order_remainder(&reporter, &f.keys, &second, Some(someone_else), BTC))
            .await,
        CipError::TokenAccountMismatch,
    );

    // Closed without liquidation.
    let receipt = f.send_as_reporter(ix::close_order_cover(&reporter, &f.keys, &cover)).await.unwrap();
    let closed = receipt.event::<CoverClosed>();
    assert_eq!((closed.insured, closed.reserve_released), (40 * USD, 68 * USD));
    let stored = f.cover(&trader.key(), 0).await;
    assert_eq!((stored.status, stored.outcome), (CoverStatus::Completed, CoverOutcome::ClosedNoLiquidation));
    assert_error(
        f.send_as_reporter(ix::close_order_cover(&reporter, &f.keys, &cover)).await,
        CipError::CoverNotOngoing,
    );
    assert_error(
        f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, USD)).await,
        CipError::CoverNotOngoing,
    );

    // A fully cancelled, never filled order completes as cancelled with a full refund.
    let receipt = f
        .send_as_reporter(ix::cancel_order_remainder(
            &reporter,
            &f.keys,
            &second,
            Some(trader.token),
            10 * BTC,
        ))
        .await
        .unwrap();
    let cancelled = receipt.event::<OrderCancelled>();
    assert_eq!(
        (cancelled.refund, cancelled.status, cancelled.outcome),
        (100 * USD, CoverStatus::Completed, CoverOutcome::Cancelled)
    );
    assert_eq!(cancelled.reserve_released, 170 * USD);
    let pool = f.pool().await;
    assert_eq!(pool.liabilities.total().unwrap(), 0, "every reserve released, nothing owed");
}

#[tokio::test]
async fn a_refund_without_the_traders_account_is_credited_and_claimed_to_any_account() {
    let (mut f, market, trader) = setup().await;
    let reporter = f.reporter.pubkey();
    f.buy_cover(&trader, &market, order(Side::Long, 10 * BTC, 200 * USD, 100 * USD)).await.unwrap();
    let cover = f.cover_keys(&trader.key(), 0, &market);
    // The reporter cannot be blocked by the trader's token account: it may leave it out.
    let receipt = f
        .send_as_reporter(ix::cancel_order_remainder(&reporter, &f.keys, &cover, None, 10 * BTC))
        .await
        .unwrap();
    let cancelled = receipt.event::<OrderCancelled>();
    assert_eq!((cancelled.refund, cancelled.refund_paid), (100 * USD, false));
    assert_eq!(f.cover(&trader.key(), 0).await.refund_owed, 100 * USD);
    let pool = f.pool().await;
    assert_eq!((pool.liabilities.refunds_owed, pool.liabilities.covers_reserved), (100 * USD, 0));
    // The trader names any premium account of theirs (here a fresh one).
    let (_, fresh) = f.funded_wallet(0).await;
    let refund = ix::claim_refund(&trader.key(), &f.keys, &cover.cover, &fresh);
    let event = f.send_as(&trader.wallet, refund.clone()).await.unwrap().event::<RefundClaimed>();
    assert_eq!((event.amount, event.destination), (100 * USD, fresh));
    assert_eq!(f.chain.token_balance(&fresh).await, 100 * USD);
    assert_error(f.send_as(&trader.wallet, refund).await, CipError::NothingToClaim);
    assert_eq!(f.pool().await.liabilities.total().unwrap(), 0);
}

#[tokio::test]
async fn review_reject_and_deadline_rules() {
    let (mut f, market, trader) = setup().await;
    let reporter = f.reporter.pubkey();
    let cover = filled_cover(&mut f, &market, &trader, 200 * USD, 80 * USD).await;
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::report_liquidation(&outsider.pubkey(), &f.keys, &cover, BTC, 500 * USD))
            .await,
        CipError::NotReporter,
    );
    assert_error(
        f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC + 1, 500 * USD)).await,
        CipError::InvalidLiquidationQuantity,
    );
    let now = f.chain.now().await;
    let receipt =
        f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 500 * USD)).await.unwrap();
    let reported = receipt.event::<LiquidationReported>();
    assert_eq!((reported.review_deadline, reported.claim_cap), (now + 86_400, 136 * USD));
    assert_eq!(reported.reserve_released, 0, "the whole reserve is the claim's cap");
    let liabilities = f.pool().await.liabilities;
    assert_eq!((liabilities.claims_under_review, liabilities.covers_reserved), (136 * USD, 0));
    assert_eq!(f.cover(&trader.key(), 0).await.status, CoverStatus::UnderReview);

    // Wrong signers: the reporter and an outsider are not the reviewer.
    let reporter_kp = f.reporter.insecure_clone();
    assert_error(
        f.send_as(&reporter_kp, ix::review_claim(&reporter, &f.keys, &cover, true)).await,
        CipError::NotReviewer,
    );
    assert_error(
        f.send_as(&outsider, ix::review_claim(&outsider.pubkey(), &f.keys, &cover, false)).await,
        CipError::NotReviewer,
    );
    // Finalising before the deadline is refused.
    assert_error(
        f.send_as(&outsider, ix::finalize_claim(&outsider.pubkey(), &f.keys, &cover)).await,
        CipError::ReviewDeadlineNotReached,
    );

    let reviewer = f.reviewer.insecure_clone();
    let receipt =
        f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, false)).await.unwrap();
    let decided = receipt.event::<ClaimDecided>();
    assert!(!decided.approved && !decided.by_timeout);
    let stored = f.cover(&trader.key(), 0).await;
    assert_eq!((stored.status, stored.outcome), (CoverStatus::Completed, CoverOutcome::Rejected));
    assert_eq!(f.pool().await.liabilities.claims_under_review, 0);
    assert_eq!(f.user(&trader.key()).await.liquidation_used, 0, "a rejected claim uses nothing");
    assert_error(
        f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true)).await,
        CipError::ClaimNotUnderReview,
    );

    // After the deadline the reviewer can no longer decide; anyone finalises as approved.
    let second = filled_cover(&mut f, &market, &trader, 200 * USD, 50 * USD).await;
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &second, BTC, 500 * USD)).await.unwrap();
    let deadline = f.chain.now().await + 86_400;
    f.chain.set_time(deadline).await;
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &second, true))
        .await
        .expect("at the deadline");
    let third = filled_cover(&mut f, &market, &trader, 200 * USD, 50 * USD).await;
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &third, BTC, 500 * USD)).await.unwrap();
    let deadline = f.chain.now().await + 86_400;
    f.chain.set_time(deadline + 1).await;
    assert_error(
        f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &third, true)).await,
        CipError::ReviewDeadlinePassed,
    );
    assert_error(
        f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &third, false)).await,
        CipError::ReviewDeadlinePassed,
    );
    let receipt =
        f.send_as(&outsider, ix::finalize_claim(&outsider.pubkey(), &f.keys, &third)).await.unwrap();
    let decided = receipt.event::<ClaimDecided>();
    assert!(decided.approved && decided.by_timeout);
    assert_eq!(decided.decided_by, outsider.pubkey());
    assert!(f.cover(&trader.key(), 2).await.approved_by_timeout);
}

/// SPEC §5's seed example: 80 USDT at 85 %, then 50 USDT with 130 used at 80 %.
#[tokio::test]
async fn tiered_ratio_seed_examples_and_compensation_formula() {
    let (mut f, market, trader) = setup().await;
    let reporter = f.reporter.pubkey();
    let reviewer = f.reviewer.insecure_clone();
    let pool = f.keys.pool;

    let first = filled_cover(&mut f, &market, &trader, 200 * USD, 80 * USD).await;
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &first, BTC, 500 * USD)).await.unwrap();
    let decided = f
        .send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &first, true))
        .await
        .unwrap()
        .event::<ClaimDecided>();
    assert_eq!((decided.used_after, decided.ratio_bps), (80 * USD, 8_500));
    assert_eq!(decided.compensation, 136 * USD, "2 × 85 % × min(500, 200, 80)");

    let second = filled_cover(&mut f, &market, &trader, 200 * USD, 50 * USD).await;
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &second, BTC, 500 * USD)).await.unwrap();
    let decided = f
        .send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &second, true))
        .await
        .unwrap()
        .event::<ClaimDecided>();
    assert_eq!((decided.used_after, decided.ratio_bps), (130 * USD, 8_000));
    assert_eq!(decided.compensation, 80 * USD, "2 × 80 % × 50");

    // Partial liquidation with the loss as the smallest term: 2 × 80 % × min(30, 100 × ½, 90 × ½).
    let index = f.user(&trader.key()).await.liquidation_cover_count;
    f.buy_cover(&trader, &market, order(Side::Long, 2 * BTC, 100 * USD, 90 * USD)).await.unwrap();
    f.open_position(&trader.key(), &market, index, long(2 * BTC, 60_000 * USD)).await.unwrap();
    let third = f.cover_keys(&trader.key(), index, &market);
    let position = pda::position(&pool, &trader.key(), index);
    f.send_as_reporter(ix::report_order_fill(&reporter, &pool, &third.cover, &position, 2 * BTC))
        .await
        .unwrap();
    let reported = f
        .send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &third, BTC, 30 * USD))
        .await
        .unwrap()
        .event::<LiquidationReported>();
    assert_eq!(reported.claim_cap, 48 * USD, "ratio 80 % with 220 used");
    assert_eq!(reported.reserve_released, 153 * USD - 48 * USD, "the 90 cover reserved 153");
    let decided = f
        .send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &third, true))
        .await
        .unwrap()
        .event::<ClaimDecided>();
    assert_eq!((decided.used_after, decided.ratio_bps, decided.compensation), (220 * USD, 8_000, 48 * USD));
    let pool_state = f.pool().await;
    assert_eq!(pool_state.liabilities.vesting_owed, (136 + 80 + 48) * USD);
    assert_eq!(pool_state.liabilities.claims_under_review, 0);
    assert_eq!(pool_state.totals.liquidation_claims_approved, 3);
}

#[tokio::test]
async fn vesting_claims_at_start_mid_way_and_after_the_end() {
    let (mut f, market, trader) = setup().await;
    let reporter = f.reporter.pubkey();
    let reviewer = f.reviewer.insecure_clone();
    let pool = f.keys.pool;
    let cover = filled_cover(&mut f, &market, &trader, 200 * USD, 80 * USD).await;
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 500 * USD)).await.unwrap();
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true)).await.unwrap();
    let stored = f.cover(&trader.key(), 0).await;
    // Liquidated at 10:00 local: vesting starts 12:00 local the next day (04:00 UTC).
    let liquidated_day = day_index(stored.liquidated_at, UTC8).unwrap();
    assert_eq!(stored.vesting_start, (liquidated_day + 1) * SECONDS_PER_DAY - i64::from(UTC8) + 12 * 3_600);
    assert_eq!((stored.compensation, stored.vesting_days), (136 * USD, 20));
    let claim = ix::claim_vested(&trader.key(), &f.keys, &cover.cover, &trader.token);

    f.chain.set_time(stored.vesting_start - 1).await;
    assert_error(f.send_as(&trader.wallet, claim.clone()).await, CipError::NothingVested);
    f.chain.set_time(stored.vesting_start).await;
    let balance = f.chain.token_balance(&trader.token).await;
    let event = f.send_as(&trader.wallet, claim.clone()).await.unwrap().event::<VestedClaimed>();
    assert_eq!((event.amount, event.tranches_vested, event.claimed_total), (6_800_000, 1, 6_800_000));
    assert_eq!(f.chain.token_balance(&trader.token).await, balance + 6_800_000);
    // Twice in one day: nothing new.
    f.chain.set_time(stored.vesting_start + SECONDS_PER_DAY - 1).await;
    assert_error(f.send_as(&trader.wallet, claim.clone()).await, CipError::NothingVested);
    // Mid-way: day 10 brings the total to 10 / 20.
    f.chain.set_time(stored.vesting_start + 9 * SECONDS_PER_DAY).await;
    let event = f.send_as(&trader.wallet, claim.clone()).await.unwrap().event::<VestedClaimed>();
    assert_eq!((event.amount, event.tranches_vested, event.claimed_total), (61_200_000, 10, 68 * USD));
    // Long after the end: the rest, exactly the compensation in total, then nothing more.
    f.chain.set_time(stored.vesting_start + 100 * SECONDS_PER_DAY).await;
    let event = f.send_as(&trader.wallet, claim.clone()).await.unwrap().event::<VestedClaimed>();
    assert_eq!((event.amount, event.tranches_vested, event.claimed_total), (68 * USD, 20, 136 * USD));
    assert_error(f.send_as(&trader.wallet, claim).await, CipError::NothingVested);
    let pool_state = f.pool().await;
    assert_eq!(
        (pool_state.liabilities.vesting_owed, pool_state.totals.liquidation_vested_paid),
        (0, 136 * USD)
    );

    // Only the owner claims; unapproved covers have nothing vesting.
    let other = f.new_trader(None, 100).await;
    // Another wallet signs for the trader's cover, paying itself.
    let forged = ix::claim_vested(&other.key(), &f.keys, &cover.cover, &other.token);
    assert_error(f.send_as(&other.wallet, forged).await, CipError::NotOwner);
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 100 * USD, 10 * USD)).await.unwrap();
    let pending = pda::liquidation_cover(&pool, &trader.key(), 1);
    assert_error(
        f.send_as(&trader.wallet, ix::claim_vested(&trader.key(), &f.keys, &pending, &trader.token)).await,
        CipError::NothingVested,
    );
}

#[tokio::test]
async fn prefunded_cover_and_exposure_addresses_do_not_block_a_purchase() {
    let (mut f, market, trader) = setup().await;
    let cover = pda::liquidation_cover(&f.keys.pool, &trader.key(), 0);
    let exposure = pda::exposure(&f.keys.pool, &trader.key(), &market);
    f.chain.transfer_lamports(&cover, 1_000_000).await;
    f.chain.transfer_lamports(&exposure, 1_000_000).await;
    f.buy_cover(&trader, &market, order(Side::Long, BTC, 100 * USD, 10 * USD)).await.expect("prefunded");
    assert_eq!(f.cover(&trader.key(), 0).await.insured, 10 * USD);
}
