//! Anyone can send lamports to a PDA before it exists. None of the program's accounts may be
//! blocked that way: each creation tops up, allocates and assigns instead of failing.

use anchor_lang::prelude::Pubkey;
use cip_harness::{fixture::btc_market_params, ix, pda, PoolFixture, PoolOptions};
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

async fn prefund(f: &mut PoolFixture, addresses: &[Pubkey]) {
    for address in addresses {
        f.chain.transfer_lamports(address, 1_000_000).await;
    }
}

#[tokio::test]
async fn prefunded_pool_credit_mint_and_vault_do_not_block_initialization() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let keys = f.keys;
    prefund(&mut f, &[keys.pool, keys.credit_mint, keys.vault]).await;
    let init = ix::initialize_pool(&f.admin.pubkey(), &f.keys, f.init_args());
    f.send_as_admin(init).await.expect("initialize over prefunded addresses");
    let pool = f.pool().await;
    assert_eq!(pool.admin, f.admin.pubkey());
    // Rent-exempt with the stray lamports kept.
    let pool_lamports = f.chain.lamports(&f.keys.pool).await;
    let pool_size = f.chain.account(&f.keys.pool).await.unwrap().data.len();
    assert!(pool_lamports >= f.chain.rent_exempt_minimum(pool_size).await);
    assert_eq!(f.chain.mint_supply(&f.keys.credit_mint).await, 0);
    assert_eq!(f.vault_balance().await, 0);
}

#[tokio::test]
async fn prefunded_user_node_policy_and_market_addresses_do_not_block_users() {
    let mut f = PoolFixture::new().await;
    let referrer = f.new_trader(None, 0).await;
    let (wallet, token) = f.funded_wallet(100).await;
    let user = pda::user(&f.keys.pool, &wallet.pubkey());
    let node = pda::referral_node(&f.keys.pool, &wallet.pubkey());
    let policy = pda::policy(&f.keys.pool, &wallet.pubkey(), 0);
    let market = pda::market(&f.keys.pool, 9);
    // A large prefund (above rent) must not be a problem either.
    f.chain.transfer_lamports(&policy, 50_000_000).await;
    prefund(&mut f, &[user, node, market, pda::mark_price_feed(&market)]).await;

    f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(referrer.node)))
        .await
        .expect("register");
    assert_eq!(f.user(&wallet.pubkey()).await.owner, wallet.pubkey());
    assert_eq!(f.node(&wallet.pubkey()).await.depth, 1);

    let buy = ix::buy_policy(&wallet.pubkey(), &f.keys, &token, 0, f.usdt(10), &[referrer.node]);
    f.send_as(&wallet, buy).await.expect("buy over a prefunded policy address");
    let bought: Policy = f.chain.fetch(&policy).await;
    assert_eq!(bought.terms.premium, f.usdt(10));
    assert_eq!(f.chain.lamports(&policy).await, 50_000_000, "stray lamports above rent are kept");

    f.add_market(9, btc_market_params()).await;
    let added: Market = f.chain.fetch(&market).await;
    assert_eq!(added.market_id, 9);
}
