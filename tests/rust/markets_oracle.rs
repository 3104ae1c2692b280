//! Markets, the `Authority` mark-price feed and the oracle guards for both sources.

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, symbol},
    ix, pda,
    pyth::{price_update_account, PythPrice},
    PoolFixture, TxResult,
};
use contract_insurance::constants::MARK_PRICE_HISTORY;
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::state::*;
use contract_insurance::ValidatedPrice;
use solana_sdk::signature::Signer;

const FEED: [u8; 32] = [7u8; 32];

fn pyth_params() -> MarketParams {
    MarketParams {
        symbol: symbol("ETH-PERP"),
        oracle: OracleSource::Pyth { feed_id: FEED },
        ..btc_market_params()
    }
}

async fn read_price(f: &mut PoolFixture, market: &Pubkey, oracle: &Pubkey) -> TxResult {
    let payer = f.chain.payer().insecure_clone();
    f.chain.simulate(&[ix::get_mark_price(&f.keys.pool, market, oracle)], &payer).await
}

async fn post(f: &mut PoolFixture, market: &Pubkey, price: i64, conf: u64, publish_time: i64) -> TxResult {
    let oracle = f.oracle_authority.insecure_clone();
    f.send_as(&oracle, ix::post_mark_price(&oracle.pubkey(), &f.keys.pool, market, price, conf, publish_time))
        .await
}

async fn put_pyth(f: &mut PoolFixture, key: &Pubkey, price: PythPrice) {
    let rent = f.chain.rent_exempt_minimum(200).await;
    f.chain.set_account(key, price_update_account(price, rent));
}

fn pyth_price(publish_time: i64) -> PythPrice {
    PythPrice {
        feed_id: FEED,
        price: 345_012_345_678, // 3 450.12345678 with exponent -8
        conf: 100_000_000,      // 1.0
        exponent: -8,
        publish_time,
        fully_verified: true,
    }
}

#[tokio::test]
async fn add_and_update_market() {
    let mut f = PoolFixture::new().await;
    let params = btc_market_params();
    let receipt = f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 1, params)).await.unwrap();
    let market_key = pda::market(&f.keys.pool, 1);
    let market: Market = f.chain.fetch(&market_key).await;
    assert_eq!(market.pool, f.keys.pool);
    assert_eq!(market.market_id, 1);
    assert_eq!(market.params, params);
    assert_eq!(market.mark_price_feed, pda::mark_price_feed(&market_key));
    let feed: MarkPriceFeed = f.chain.fetch(&market.mark_price_feed).await;
    assert_eq!(feed.market, market_key);
    assert_eq!(feed.latest(), None);
    let added = receipt.event::<MarketAdded>();
    assert_eq!((added.market, added.market_id, added.params), (market_key, 1, params));
    assert_eq!(f.pool().await.totals.markets, 1);

    // Same id again: the address is taken.
    assert_error(
        f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 1, params)).await,
        CipError::AccountAlreadyInitialized,
    );

    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::add_market(&outsider.pubkey(), &f.keys.pool, 2, params)).await,
        CipError::NotAdmin,
    );
    let bad_decimals = MarketParams { price_decimals: 19, ..params };
    assert_error(
        f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 2, bad_decimals)).await,
        CipError::InvalidMarketDecimals,
    );
    let zero_feed = MarketParams { oracle: OracleSource::Pyth { feed_id: [0; 32] }, ..params };
    assert_error(
        f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 2, zero_feed)).await,
        CipError::InvalidFeedId,
    );

    let updated = MarketParams { liquidation_cover: false, asset_class: AssetClass::Index, ..pyth_params() };
    assert_error(
        f.send_as(&outsider, ix::update_market(&outsider.pubkey(), &f.keys.pool, &market_key, updated)).await,
        CipError::NotAdmin,
    );
    let receipt = f
        .send_as_admin(ix::update_market(&f.admin.pubkey(), &f.keys.pool, &market_key, updated))
        .await
        .unwrap();
    assert_eq!(f.chain.fetch::<Market>(&market_key).await.params, updated);
    let event = receipt.event::<MarketUpdated>();
    assert_eq!((event.old_params, event.new_params), (params, updated));
}

#[tokio::test]
async fn oracle_authority_posts_mark_prices() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let now = f.chain.now().await;

    let receipt = post(&mut f, &market, 65_000_000_000, 10_000_000, now).await.unwrap();
    let event = receipt.event::<MarkPricePosted>();
    assert_eq!(
        (event.market, event.price, event.conf, event.publish_time),
        (market, 65_000_000_000, 10_000_000, now)
    );
    let price: ValidatedPrice =
        read_price(&mut f, &market, &pda::mark_price_feed(&market)).await.unwrap().return_value();
    assert_eq!(
        price,
        ValidatedPrice { price: 65_000_000_000, conf: 10_000_000, publish_time: now, price_decimals: 6 }
    );

    // Wrong signer, non-positive price, future publish time.
    let outsider = f.chain.funded_keypair(1).await;
    let by_outsider = ix::post_mark_price(&outsider.pubkey(), &f.keys.pool, &market, 1, 0, now);
    assert_error(f.send_as(&outsider, by_outsider).await, CipError::NotOracleAuthority);
    let reporter = f.reporter.insecure_clone();
    let by_reporter = ix::post_mark_price(&reporter.pubkey(), &f.keys.pool, &market, 1, 0, now);
    assert_error(f.send_as(&reporter, by_reporter).await, CipError::NotOracleAuthority);
    assert_error(post(&mut f, &market, 0, 0, now).await, CipError::PriceNotPositive);
    assert_error(post(&mut f, &market, -1, 0, now).await, CipError::PriceNotPositive);
    assert_error(post(&mut f, &market, 1, 0, now + 1).await, CipError::PublishTimeInFuture);

    // A Pyth-priced market takes no authority prices.
    let pyth_market = f.add_market(2, pyth_params()).await;
    assert_error(post(&mut f, &pyth_market, 1, 0, now).await, CipError::NotAuthorityMarket);
}

#[tokio::test]
async fn authority_feed_keeps_history_and_serves_latest_and_backfilled_prices() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let start = f.chain.now().await;
    // More observations than the ring holds: the oldest are overwritten.
    for step in 0..(MARK_PRICE_HISTORY as i64 + 8) {
        f.chain.set_time(start + step * 10).await;
        post(&mut f, &market, 60_000_000_000 + step, 0, start + step * 10).await.unwrap();
    }
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    let latest = feed.latest().unwrap();
    assert_eq!(latest.publish_time, start + (MARK_PRICE_HISTORY as i64 + 7) * 10);
    assert_eq!(feed.closest_to(start).unwrap().publish_time, start + 80, "oldest retained is step 8");

    // A late settlement can be served by a backfilled observation.
    let now = f.chain.now().await;
    post(&mut f, &market, 59_000_000_000, 0, start + 5).await.unwrap();
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    assert_eq!(feed.closest_to(start + 4).unwrap().price, 59_000_000_000);
    assert_eq!(feed.latest().unwrap().publish_time, now, "backfill does not become the latest");
}

#[tokio::test]
async fn authority_price_guards() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let feed = pda::mark_price_feed(&market);
    let now = f.chain.now().await;

    // Nothing posted yet.
    assert_error(read_price(&mut f, &market, &feed).await, CipError::PriceStale);

    // Confidence exactly at 2 % passes, one unit more fails.
    post(&mut f, &market, 10_000_000, 200_000, now).await.unwrap();
    read_price(&mut f, &market, &feed).await.expect("conf at the bound");
    post(&mut f, &market, 10_000_000, 200_001, now).await.unwrap();
    assert_error(read_price(&mut f, &market, &feed).await, CipError::PriceConfidenceTooWide);

    // Age exactly at the bound passes, one second more is stale.
    post(&mut f, &market, 10_000_000, 0, now).await.unwrap();
    f.chain.set_time(now + 60).await;
    read_price(&mut f, &market, &feed).await.expect("age at the bound");
    f.chain.set_time(now + 61).await;
    assert_error(read_price(&mut f, &market, &feed).await, CipError::PriceStale);

    // Another market's feed is not this market's oracle.
    let other = f.add_market(2, btc_market_params()).await;
    assert_error(
        read_price(&mut f, &market, &pda::mark_price_feed(&other)).await,
        CipError::OracleAccountMismatch,
    );
}

#[tokio::test]
async fn pyth_price_update_guards() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, pyth_params()).await;
    let now = f.chain.now().await;
    let update = Pubkey::new_unique();

    put_pyth(&mut f, &update, pyth_price(now)).await;
    let price: ValidatedPrice = read_price(&mut f, &market, &update).await.unwrap().return_value();
    // Rescaled from exponent -8 to the market's 6 decimals (rounded down; conf rounded up).
    assert_eq!(
        price,
        ValidatedPrice { price: 3_450_123_456, conf: 1_000_000, publish_time: now, price_decimals: 6 }
    );

    put_pyth(&mut f, &update, PythPrice { feed_id: [8; 32], ..pyth_price(now) }).await;
    assert_error(read_price(&mut f, &market, &update).await, CipError::OracleFeedMismatch);

    put_pyth(&mut f, &update, PythPrice { fully_verified: false, ..pyth_price(now) }).await;
    assert_error(read_price(&mut f, &market, &update).await, CipError::OracleNotFullyVerified);

    put_pyth(&mut f, &update, pyth_price(now - 61)).await;
    assert_error(read_price(&mut f, &market, &update).await, CipError::PriceStale);

    put_pyth(&mut f, &update, PythPrice { conf: 6_900_246_914, ..pyth_price(now) }).await; // just over 2 %
    assert_error(read_price(&mut f, &market, &update).await, CipError::PriceConfidenceTooWide);

    put_pyth(&mut f, &update, PythPrice { price: 0, conf: 0, ..pyth_price(now) }).await;
    assert_error(read_price(&mut f, &market, &update).await, CipError::PriceNotPositive);
    put_pyth(&mut f, &update, PythPrice { price: -5, conf: 0, ..pyth_price(now) }).await;
    assert_error(read_price(&mut f, &market, &update).await, CipError::PriceNotPositive);

    // Same bytes owned by another program: refused on owner.
    let rent = f.chain.rent_exempt_minimum(200).await;
    let mut foreign = price_update_account(pyth_price(now), rent);
    foreign.owner = Pubkey::new_unique();
    let foreign_key = Pubkey::new_unique();
    f.chain.set_account(&foreign_key, foreign);
    assert_error(read_price(&mut f, &market, &foreign_key).await, CipError::OracleWrongOwner);

    // Receiver-owned but not a price update.
    let mut garbage = price_update_account(pyth_price(now), rent);
    garbage.data[..8].copy_from_slice(&[1; 8]);
    let garbage_key = Pubkey::new_unique();
    f.chain.set_account(&garbage_key, garbage);
    assert_error(read_price(&mut f, &market, &garbage_key).await, CipError::OracleInvalidData);

    // An authority feed is not a Pyth account.
    assert_error(
        read_price(&mut f, &market, &pda::mark_price_feed(&market)).await,
        CipError::OracleWrongOwner,
    );
}
