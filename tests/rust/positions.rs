//! Reporter position ledger: open, increase, partial and full close, liquidation, venue times,
//! and attachment to the active policy through its per-market exposure.

use cip_harness::{
    assert_error,
    fixture::btc_market_params,
    ix::{Opening, PositionUpdate},
    pda, PoolFixture,
};
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

pub const BTC: u64 = 1_000_000; // size has 6 decimals
pub const USD: u64 = 1_000_000; // prices and P&L have 6 decimals

pub fn long(size: u64, entry_price: u64) -> Opening {
    Opening { side: Side::Long, size, entry_price, margin: 1_000 * USD }
}

pub fn short(size: u64, entry_price: u64) -> Opening {
    Opening { side: Side::Short, ..long(size, entry_price) }
}

#[tokio::test]
async fn long_position_lifecycle_with_exact_realized_pnl() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 100).await;

    // Not covered: no policy. Opening is recorded all the same.
    let receipt = f.open_position(&trader.key(), &market, 7, long(2 * BTC, 60_000 * USD)).await.unwrap();
    let opened = receipt.event::<PositionOpened>();
    assert_eq!(
        (opened.position_id, opened.size, opened.entry_price, opened.policy),
        (7, 2 * BTC, 60_000 * USD, None)
    );
    assert_eq!(opened.open_positions, 1);
    assert_eq!(f.user(&trader.key()).await.open_positions, 1);
    // Cover cannot be bought for positions already open.
    assert_error(f.buy(&trader, f.usdt(10)).await, CipError::TraderHasOpenPositions);

    // Add 2 BTC at 62 000: entry becomes 61 000.
    let receipt = f
        .update_position(
            &trader.key(),
            7,
            PositionUpdate::Increase { size: 2 * BTC, price: 62_000 * USD, added_margin: 500 * USD },
        )
        .await
        .unwrap();
    let increased = receipt.event::<PositionIncreased>();
    assert_eq!(
        (increased.old_entry_price, increased.new_entry_price, increased.size),
        (60_000 * USD, 61_000 * USD, 4 * BTC)
    );

    // Close 1 BTC at 63 000 with a 30 USD fee: +2 000 − 30.
    let receipt = f
        .update_position(
            &trader.key(),
            7,
            PositionUpdate::Close { size: BTC, price: 63_000 * USD, fee: 30 * USD },
        )
        .await
        .unwrap();
    let reduced = receipt.event::<PositionReduced>();
    assert_eq!(reduced.realized_pnl, 1_970 * USD as i128);
    assert_eq!((reduced.remaining_size, reduced.closed, reduced.counted), (3 * BTC, false, false));
    let position: Position = f.chain.fetch(&pda::position(&f.keys.pool, &trader.key(), 7)).await;
    assert_eq!(
        (position.size, position.realized_pnl, position.fees_paid),
        (3 * BTC, 1_970 * USD as i128, 30 * USD)
    );

    // Close the rest at 60 000 with a 10 USD fee: −3 000 − 10. The account is closed, rent to the reporter.
    let rent = f.chain.lamports(&position_key(&f, &trader.key(), 7)).await;
    let reporter_before = f.chain.lamports(&f.reporter.pubkey()).await;
    let receipt = f
        .update_position(
            &trader.key(),
            7,
            PositionUpdate::Close { size: 3 * BTC, price: 60_000 * USD, fee: 10 * USD },
        )
        .await
        .unwrap();
    let reduced = receipt.event::<PositionReduced>();
    assert_eq!(reduced.realized_pnl, -(3_010 * USD as i128));
    assert_eq!(reduced.position_realized_pnl, -(1_040 * USD as i128));
    assert!(reduced.closed);
    assert_eq!(reduced.open_positions, 0);
    assert!(f.chain.account(&position_key(&f, &trader.key(), 7)).await.is_none());
    assert!(f.chain.lamports(&f.reporter.pubkey()).await > reporter_before + rent - 10_000);
    assert_eq!(f.user(&trader.key()).await.open_positions, 0);
    f.buy(&trader, f.usdt(10)).await.expect("flat again: cover can be bought");
}

fn position_key(
    f: &PoolFixture,
    owner: &anchor_lang::prelude::Pubkey,
    id: u64,
) -> anchor_lang::prelude::Pubkey {
    pda::position(&f.keys.pool, owner, id)
}

#[tokio::test]
async fn short_position_and_liquidation() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 100).await;
    f.open_position(&trader.key(), &market, 1, short(BTC, 60_000 * USD)).await.unwrap();
    // Short 1 BTC, price rises to 66 000: liquidated half at 66 000 (−3 000 on 0.5 BTC), no fee.
    let receipt = f
        .update_position(
            &trader.key(),
            1,
            PositionUpdate::Liquidate { size: BTC / 2, price: 66_000 * USD, fee: 0 },
        )
        .await
        .unwrap();
    let reduced = receipt.event::<PositionReduced>();
    assert_eq!(reduced.kind, ReductionKind::Liquidation);
    assert_eq!(reduced.realized_pnl, -(3_000 * USD as i128));
    let position: Position = f.chain.fetch(&position_key(&f, &trader.key(), 1)).await;
    assert_eq!((position.size, position.liquidated_size), (BTC / 2, BTC / 2));
    // The rest closes in profit at 58 000: +1 000.
    let receipt = f
        .update_position(
            &trader.key(),
            1,
            PositionUpdate::Close { size: BTC / 2, price: 58_000 * USD, fee: 0 },
        )
        .await
        .unwrap();
    let reduced = receipt.event::<PositionReduced>();
    assert_eq!(
        (reduced.realized_pnl, reduced.position_realized_pnl),
        (1_000 * USD as i128, -(2_000 * USD as i128))
    );
    assert!(reduced.closed);
}

#[tokio::test]
async fn positions_inside_the_window_attach_and_counts_stay_exact() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 100).await;
    f.buy(&trader, f.usdt(10)).await.unwrap();
    let policy_key = f.policy_key(&trader.key(), 0);

    let receipt = f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    assert_eq!(receipt.event::<PositionOpened>().policy, Some(policy_key));
    f.open_position(&trader.key(), &market, 2, short(BTC, 60_000 * USD)).await.unwrap();
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!((policy.open_positions, policy.exposures), (2, 1));
    // Both sit in the policy's one exposure for the market: long and short of equal size.
    let exposure: PolicyExposure = f.chain.fetch(&pda::policy_exposure(&policy_key, &market)).await;
    assert_eq!((exposure.open_positions, exposure.positions, exposure.net_size), (2, 2, 0));
    assert_eq!(exposure.rent_payer, f.reporter.pubkey());

    // Partial close counts realized P&L; the position stays open.
    let receipt = f
        .update_position(
            &trader.key(),
            1,
            PositionUpdate::Close { size: BTC / 2, price: 59_000 * USD, fee: USD },
        )
        .await
        .unwrap();
    let reduced = receipt.event::<PositionReduced>();
    assert!(reduced.counted);
    assert_eq!(reduced.policy_realized_pnl, -(501 * USD as i128));
    // Full close of the other: counted, open count falls, the closed loss is remembered.
    f.update_position(&trader.key(), 2, PositionUpdate::Close { size: BTC, price: 60_700 * USD, fee: 0 })
        .await
        .unwrap();
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!(policy.open_positions, 1);
    assert_eq!(policy.realized_pnl, -(1_201 * USD as i128));
    assert_eq!((policy.largest_closed_loss, policy.largest_closed_loss_position), (700 * USD, Some(2)));
    assert_eq!(f.user(&trader.key()).await.open_positions, 1);
    // What is left in the exposure is exactly the half long still open.
    let exposure: PolicyExposure = f.chain.fetch(&pda::policy_exposure(&policy_key, &market)).await;
    assert_eq!((exposure.open_positions, exposure.net_size), (1, (BTC / 2) as i128));
    assert_eq!(exposure.net_entry_value, (BTC / 2) as i128 * (60_000 * USD) as i128);
}

#[tokio::test]
async fn any_number_of_positions_attach_with_one_exposure_per_market() {
    let mut f = PoolFixture::new().await;
    let markets = [f.add_market(1, btc_market_params()).await, f.add_market(2, btc_market_params()).await];
    let trader = f.new_trader(None, 100).await;
    f.buy(&trader, f.usdt(10)).await.unwrap();
    let policy_key = f.policy_key(&trader.key(), 0);
    for id in 0..24u64 {
        let market = markets[(id % 2) as usize];
        let receipt = f.open_position(&trader.key(), &market, id, long(BTC, 60_000 * USD)).await.unwrap();
        assert_eq!(receipt.event::<PositionOpened>().policy, Some(policy_key), "position {id} is covered");
    }
    let policy = f.policy(&trader.key(), 0).await;
    assert_eq!((policy.open_positions, policy.exposures), (24, 2));
    let mut attached = 0;
    for market in markets {
        let exposure: PolicyExposure = f.chain.fetch(&pda::policy_exposure(&policy_key, &market)).await;
        attached += exposure.positions;
    }
    assert_eq!(attached, 24, "every position counted in its market's exposure");
}

#[tokio::test]
async fn reporter_rules_and_rejections() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 100).await;
    let other = f.new_trader(None, 100).await;
    f.buy(&trader, f.usdt(10)).await.unwrap();
    let policy_key = f.policy_key(&trader.key(), 0);
    let reporter = f.reporter.insecure_clone();
    let pool = f.keys.pool;

    // Only the reporter reports.
    let outsider = f.chain.funded_keypair(1).await;
    let by_outsider = cip_harness::ix::open_position(
        &outsider.pubkey(),
        &pool,
        &market,
        &trader.key(),
        1,
        long(BTC, USD).at(0),
        Some(policy_key),
    );
    assert_error(f.send_as(&outsider, by_outsider).await, CipError::NotReporter);
    let admin = f.admin.insecure_clone();
    let by_admin = cip_harness::ix::open_position(
        &admin.pubkey(),
        &pool,
        &market,
        &trader.key(),
        1,
        long(BTC, USD).at(0),
        Some(policy_key),
    );
    assert_error(f.send_as(&admin, by_admin).await, CipError::NotReporter);
    // Bad sizes and prices.
    assert_error(f.open_position(&trader.key(), &market, 1, long(0, USD)).await, CipError::ZeroSize);
    assert_error(f.open_position(&trader.key(), &market, 1, long(BTC, 0)).await, CipError::ZeroPrice);
    // The active policy must be passed, and it must be the trader's own.
    let without_policy = cip_harness::ix::open_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        1,
        long(BTC, USD).at(0),
        None,
    );
    assert_error(f.send_as(&reporter, without_policy).await, CipError::PolicyAccountRequired);
    f.buy(&other, f.usdt(10)).await.unwrap();
    let others_policy = f.policy_key(&other.key(), 0);
    let wrong_policy = cip_harness::ix::open_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        1,
        long(BTC, USD).at(0),
        Some(others_policy),
    );
    assert_error(f.send_as(&reporter, wrong_policy).await, CipError::PolicyAccountMismatch);
    // A position that attaches needs its policy's exposure in the market.
    let exposure = pda::policy_exposure(&policy_key, &market);
    let now = f.chain.now().await;
    let mut without_exposure = cip_harness::ix::open_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        1,
        long(BTC, USD).at(now),
        Some(policy_key),
    );
    cip_harness::ix::replace_account(&mut without_exposure, &exposure, &contract_insurance::ID);
    assert_error(f.send_as(&reporter, without_exposure).await, CipError::ExposureAccountRequired);

    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    assert_error(
        f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await,
        CipError::AccountAlreadyInitialized,
    );
    assert_error(
        f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC + 1, price: USD, fee: 0 })
            .await,
        CipError::CloseExceedsSize,
    );
    assert_error(
        f.update_position(&trader.key(), 1, PositionUpdate::Close { size: 0, price: USD, fee: 0 }).await,
        CipError::ZeroSize,
    );
    // The position's policy must come with it.
    let position = pda::position(&pool, &trader.key(), 1);
    let close = PositionUpdate::Close { size: BTC, price: USD, fee: 0 };
    let now = f.chain.now().await;
    let missing = cip_harness::ix::update_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        &position,
        None,
        close,
        now,
    );
    assert_error(f.send_as(&reporter, missing).await, CipError::PolicyAccountRequired);
    // And its policy's exposure, which the report changes.
    let mut without_exposure = cip_harness::ix::update_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        &position,
        Some(policy_key),
        close,
        now,
    );
    cip_harness::ix::replace_account(&mut without_exposure, &exposure, &contract_insurance::ID);
    assert_error(f.send_as(&reporter, without_exposure).await, CipError::ExposureAccountRequired);
    // Another trader's user account with this position.
    let mut crossed = cip_harness::ix::update_position(
        &reporter.pubkey(),
        &pool,
        &market,
        &trader.key(),
        &position,
        Some(policy_key),
        close,
        now,
    );
    cip_harness::ix::replace_account(&mut crossed, &trader.user, &other.user);
    assert_error(f.send_as(&reporter, crossed).await, CipError::PositionOwnerMismatch);
    // A market that is not the position's.
    let other_market = f.add_market(2, btc_market_params()).await;
    let wrong_market = cip_harness::ix::update_position(
        &reporter.pubkey(),
        &pool,
        &other_market,
        &trader.key(),
        &position,
        Some(policy_key),
        close,
        now,
    );
    assert_error(f.send_as(&reporter, wrong_market).await, CipError::MarketMismatch);

    // Inactive markets take no new positions, but existing ones still close.
    let mut inactive = btc_market_params();
    inactive.active = false;
    f.send_as_admin(cip_harness::ix::update_market(&f.admin.pubkey(), &pool, &market, inactive))
        .await
        .unwrap();
    assert_error(f.open_position(&trader.key(), &market, 2, long(BTC, USD)).await, CipError::MarketInactive);
    f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 60_000 * USD, fee: 0 })
        .await
        .unwrap();

    // Decimals cannot change under open positions, and can once the market is unused again.
    f.send_as_admin(cip_harness::ix::update_market(&f.admin.pubkey(), &pool, &market, btc_market_params()))
        .await
        .unwrap();
    f.open_position(&other.key(), &market, 9, long(BTC, 60_000 * USD)).await.unwrap();
    let mut redecimal = btc_market_params();
    redecimal.price_decimals = 8;
    assert_error(
        f.send_as_admin(cip_harness::ix::update_market(&f.admin.pubkey(), &pool, &market, redecimal)).await,
        CipError::MarketHasOpenPositions,
    );
    f.update_position(&other.key(), 9, PositionUpdate::Close { size: BTC, price: 60_000 * USD, fee: 0 })
        .await
        .unwrap();
    f.send_as_admin(cip_harness::ix::update_market(&f.admin.pubkey(), &pool, &market, redecimal))
        .await
        .unwrap();
}
