use cip_harness::PoolFixture;
use contract_insurance::events::PolicyPurchased;

#[tokio::test]
async fn smoke_buy_with_uplines() {
    let mut f = PoolFixture::new().await;
    let chain = f.register_chain(4, 1_000).await;
    let buyer = &chain[3];
    let premium = f.usdt(100);
    let receipt = f.buy(buyer, premium).await.expect("buy");
    let event = receipt.event::<PolicyPurchased>();
    println!("{event:#?} bytes={}", receipt.tx_bytes);
    assert_eq!(event.premium, premium);
}
