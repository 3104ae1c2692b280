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

async fn read_price(f: &mut PoolFixture, market: &Pubkey) -> TxResult {
    let payer = f.chain.payer().insecure_clone();
    f.chain.simulate(&[ix::get_mark_price(&f.keys.pool, market)], &payer).await
}

async fn post(f: &mut PoolFixture, market: &Pubkey, price: i64, conf: u64, publish_time: i64) -> TxResult {
    let oracle = f.oracle_authority.insecure_clone();
    f.send_as(&oracle, ix::post_mark_price(&oracle.pubkey(), &f.keys.pool, market, price, conf, publish_time))
        .await
}

/// Writes a Pyth update account and records it into the market's feed.
async fn record_pyth(f: &mut PoolFixture, market: &Pubkey, price: PythPrice) -> TxResult {
    let update = Pubkey::new_unique();
    let rent = f.chain.rent_exempt_minimum(200).await;
    f.chain.set_account(&update, price_update_account(price, rent));
    record_update(f, market, &update).await
}

async fn record_update(f: &mut PoolFixture, market: &Pubkey, update: &Pubkey) -> TxResult {
    let recorder = f.chain.funded_keypair(1).await;
    f.send_as(&recorder, ix::record_pyth_price(&recorder.pubkey(), &f.keys.pool, market, update)).await
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
    // Price decimals at most 12 (beyond, a Pyth price no longer rescales into range), size
    // decimals likewise, and P&L in the premium mint's decimals (6 here).
    for bad_decimals in
        [MarketParams { price_decimals: 13, ..params }, MarketParams { base_decimals: 13, ..params }]
    {
        assert_error(
            f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 2, bad_decimals)).await,
            CipError::InvalidMarketDecimals,
        );
    }
    for quote_decimals in [9, 0, 5] {
        let mismatch = MarketParams { quote_decimals, ..params };
        assert_error(
            f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 2, mismatch)).await,
            CipError::QuoteDecimalsMismatch,
        );
    }
    let at_the_bound = MarketParams { price_decimals: 12, base_decimals: 12, ..params };
    f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 9, at_the_bound)).await.unwrap();
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
    let event = receipt.event::<MarkPriceRecorded>();
    assert_eq!(
        (event.market, event.source, event.price, event.conf, event.publish_time, event.correction),
        (market, ObservationSource::Authority, 65_000_000_000, 10_000_000, now, false)
    );
    let price: ValidatedPrice = read_price(&mut f, &market).await.unwrap().return_value();
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
    // Nothing can be back-dated past the staleness bound, or slipped in before the latest.
    f.chain.set_time(now + 100).await;
    assert_error(post(&mut f, &market, 1, 0, now + 39).await, CipError::PriceStale);
    post(&mut f, &market, 64_000_000_000, 0, now + 40).await.expect("60 s old: at the bound");
    post(&mut f, &market, 64_100_000_000, 0, now + 60).await.unwrap();
    assert_error(post(&mut f, &market, 1, 0, now + 50).await, CipError::ObservationNotNewer);
    assert_error(post(&mut f, &market, 1, 0, now + 64).await, CipError::ObservationTooSoon);
    // A second post for the latest publish time corrects it, while it is fresh; the correction
    // is recorded after the print (which stays for windows that closed before it).
    let corrected = post(&mut f, &market, 64_500_000_000, 0, now + 60).await.unwrap();
    assert!(corrected.event::<MarkPriceRecorded>().correction);
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    assert_eq!((feed.recorded, feed.latest().unwrap().price), (4, 64_500_000_000));

    // A Pyth-priced market takes no authority prices.
    let pyth_market = f.add_market(2, pyth_params()).await;
    assert_error(post(&mut f, &pyth_market, 1, 0, now).await, CipError::NotAuthorityMarket);
}

#[tokio::test]
async fn the_feed_keeps_a_complete_history_and_says_what_it_lost() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let start = f.chain.now().await;
    // More observations than the ring holds: the oldest are overwritten, and the feed says so.
    for step in 0..(MARK_PRICE_HISTORY as i64 + 8) {
        f.chain.set_time(start + step * 10).await;
        post(&mut f, &market, 60_000_000_000 + step, 0, start + step * 10).await.unwrap();
    }
    let feed: MarkPriceFeed = f.chain.fetch(&pda::mark_price_feed(&market)).await;
    let latest = feed.latest().unwrap();
    assert_eq!(latest.publish_time, start + (MARK_PRICE_HISTORY as i64 + 7) * 10);
    assert_eq!(feed.recorded, MARK_PRICE_HISTORY as u64 + 8);
    assert_eq!(feed.evicted_until, start + 70, "steps 0 to 7 were overwritten");
    let oldest = feed.retained().map(|observation| observation.publish_time).min().unwrap();
    assert_eq!(oldest, start + 80);
    assert!(feed.complete_since(start + 71) && !feed.complete_since(start + 70));
}

#[tokio::test]
async fn authority_price_guards() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let feed = pda::mark_price_feed(&market);
    let now = f.chain.now().await;

    // Nothing posted yet.
    assert_error(read_price(&mut f, &market).await, CipError::PriceStale);

    // Confidence exactly at 2 % passes, one unit more fails (each a correction of the latest).
    post(&mut f, &market, 10_000_000, 200_000, now).await.unwrap();
    read_price(&mut f, &market).await.expect("conf at the bound");
    post(&mut f, &market, 10_000_000, 200_001, now).await.unwrap();
    assert_error(read_price(&mut f, &market).await, CipError::PriceConfidenceTooWide);

    // Age exactly at the bound passes, one second more is stale.
    post(&mut f, &market, 10_000_000, 0, now).await.unwrap();
    f.chain.set_time(now + 60).await;
    read_price(&mut f, &market).await.expect("age at the bound");
    f.chain.set_time(now + 61).await;
    assert_error(read_price(&mut f, &market).await, CipError::PriceStale);

    // Another market's feed is not this market's.
    let other = f.add_market(2, btc_market_params()).await;
    let payer = f.chain.payer().insecure_clone();
    let mut crossed = ix::get_mark_price(&f.keys.pool, &market);
    ix::replace_account(&mut crossed, &pda::mark_price_feed(&market), &pda::mark_price_feed(&other));
    assert_error(f.chain.simulate(&[crossed], &payer).await, CipError::OracleAccountMismatch);
    let _ = feed;
}

#[tokio::test]
async fn anyone_records_verified_pyth_updates_into_the_feed() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, pyth_params()).await;
    let now = f.chain.now().await;

    let receipt = record_pyth(&mut f, &market, pyth_price(now)).await.unwrap();
    let event = receipt.event::<MarkPriceRecorded>();
    // Rescaled from exponent -8 to the market's 6 decimals (price rounded down, conf up).
    assert_eq!((event.source, event.price, event.conf), (ObservationSource::Pyth, 3_450_123_456, 1_000_000));
    let price: ValidatedPrice = read_price(&mut f, &market).await.unwrap().return_value();
    assert_eq!(
        price,
        ValidatedPrice { price: 3_450_123_456, conf: 1_000_000, publish_time: now, price_decimals: 6 }
    );
    // A Pyth print is immutable: the same publish time again is refused.
    assert_error(record_pyth(&mut f, &market, pyth_price(now)).await, CipError::ObservationNotNewer);

    f.chain.set_time(now + 100).await;
    let at = now + 100;
    assert_error(
        record_pyth(&mut f, &market, PythPrice { feed_id: [8; 32], ..pyth_price(at) }).await,
        CipError::OracleFeedMismatch,
    );
    assert_error(
        record_pyth(&mut f, &market, PythPrice { fully_verified: false, ..pyth_price(at) }).await,
        CipError::OracleNotFullyVerified,
    );
    assert_error(record_pyth(&mut f, &market, pyth_price(at - 61)).await, CipError::PriceStale);
    assert_error(
        record_pyth(&mut f, &market, PythPrice { price: 0, conf: 0, ..pyth_price(at) }).await,
        CipError::PriceNotPositive,
    );
    assert_error(
        record_pyth(&mut f, &market, PythPrice { price: -5, conf: 0, ..pyth_price(at) }).await,
        CipError::PriceNotPositive,
    );
    // A wide print is recorded (guards apply when a price is used) but never served.
    record_pyth(&mut f, &market, PythPrice { conf: 6_900_246_914, ..pyth_price(at) }).await.unwrap();
    assert_error(read_price(&mut f, &market).await, CipError::PriceConfidenceTooWide);

    // Same bytes owned by another program: refused on owner.
    let rent = f.chain.rent_exempt_minimum(200).await;
    let mut foreign = price_update_account(pyth_price(at + 10), rent);
    foreign.owner = Pubkey::new_unique();
    let foreign_key = Pubkey::new_unique();
    f.chain.set_account(&foreign_key, foreign);
    assert_error(record_update(&mut f, &market, &foreign_key).await, CipError::OracleWrongOwner);
    // Receiver-owned but not a price update.
    let mut garbage = price_update_account(pyth_price(at + 10), rent);
    garbage.data[..8].copy_from_slice(&[1; 8]);
    let garbage_key = Pubkey::new_unique();
    f.chain.set_account(&garbage_key, garbage);
    assert_error(record_update(&mut f, &market, &garbage_key).await, CipError::OracleInvalidData);
    // An authority market takes no Pyth updates.
    let authority_market = f.add_market(2, btc_market_params()).await;
    assert_error(record_pyth(&mut f, &authority_market, pyth_price(at)).await, CipError::NotPythMarket);
}
