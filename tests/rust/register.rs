//! Registration: user account and referral node, referrer rules, depth.

use anchor_lang::prelude::Pubkey;
use cip_harness::{assert_error, ix, pda, PoolFixture};
use contract_insurance::error::CipError;
use contract_insurance::events::UserRegistered;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn register_without_referrer() {
    let mut f = PoolFixture::new().await;
    let (wallet, _) = f.funded_wallet(0).await;
    let receipt = f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, None)).await.unwrap();
    let now = f.chain.now().await;

    let user = f.user(&wallet.pubkey()).await;
    assert_eq!(user.owner, wallet.pubkey());
    assert_eq!(user.pool, f.keys.pool);
    assert_eq!((user.open_positions, user.policy_count, user.active_policy_index), (0, 0, None));
    assert_eq!(user.registered_at, now);
    let node = f.node(&wallet.pubkey()).await;
    assert_eq!((node.owner, node.parent, node.depth), (wallet.pubkey(), None, 0));
    assert_eq!((node.level, node.assigned_level, node.team_volume), (0, 0, 0));

    let event = receipt.event::<UserRegistered>();
    assert_eq!(event.owner, wallet.pubkey());
    assert_eq!(event.user, pda::user(&f.keys.pool, &wallet.pubkey()));
    assert_eq!((event.referrer, event.depth), (None, 0));
    assert_eq!(f.pool().await.totals.users_registered, 1);
}

#[tokio::test]
async fn register_under_a_referrer_records_depth_and_parent() {
    let mut f = PoolFixture::new().await;
    let chain = f.register_chain(3, 0).await;
    for (depth, trader) in chain.iter().enumerate() {
        let node = f.node(&trader.key()).await;
        assert_eq!(node.depth, depth as u32);
        if depth > 0 {
            assert_eq!(node.parent, Some(chain[depth - 1].node));
            let parent: contract_insurance::state::ReferralNode = f.chain.fetch(&chain[depth - 1].node).await;
            assert_eq!(parent.owner, chain[depth - 1].key(), "the referrer is the parent node's owner");
        }
    }
    assert_eq!(f.node(&chain[0].key()).await.direct_referrals, 1);

    let (wallet, _) = f.funded_wallet(0).await;
    let receipt =
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(chain[2].node))).await.unwrap();
    let event = receipt.event::<UserRegistered>();
    assert_eq!((event.referrer, event.depth), (Some(chain[2].key()), 3));
    assert_eq!(f.node(&chain[2].key()).await.direct_referrals, 1);
    assert_eq!(f.pool().await.totals.users_registered, 4);
}

#[tokio::test]
async fn referrer_rules() {
    let mut f = PoolFixture::new().await;
    let (wallet, _) = f.funded_wallet(0).await;
    let own_node = pda::referral_node(&f.keys.pool, &wallet.pubkey());

    // Naming one's own node.
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(own_node))).await,
        CipError::SelfReferral,
    );
    // A referrer that never registered (its node address is empty).
    let stranger = Pubkey::new_unique();
    let unregistered = pda::referral_node(&f.keys.pool, &stranger);
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(unregistered))).await,
        CipError::ReferrerNotRegistered,
    );
    // A program account that is not a referral node (the referrer's user account).
    let referrer = f.new_trader(None, 0).await;
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(referrer.user))).await,
        CipError::ReferrerNotRegistered,
    );
    // The pool itself.
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(f.keys.pool))).await,
        CipError::ReferrerNotRegistered,
    );

    f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(referrer.node))).await.unwrap();
    // Registering again (with or without a referrer) cannot change anything.
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, None)).await,
        CipError::AccountAlreadyInitialized,
    );
    let other = f.new_trader(None, 0).await;
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(other.node))).await,
        CipError::AccountAlreadyInitialized,
    );
    assert_eq!(f.node(&wallet.pubkey()).await.parent, Some(referrer.node), "the referrer never changes");
}

#[tokio::test]
async fn a_wallet_registers_only_itself() {
    let mut f = PoolFixture::new().await;
    let (wallet, _) = f.funded_wallet(0).await;
    let (someone_else, _) = f.funded_wallet(0).await;
    // someone_else signs and pays, but the accounts are derived for `wallet`, which did not sign.
    let mut forged = ix::register(&wallet.pubkey(), &f.keys.pool, None);
    forged
        .accounts
        .iter_mut()
        .filter(|meta| meta.pubkey == wallet.pubkey())
        .for_each(|meta| meta.is_signer = false);
    let result = f.chain.send(&[forged], &someone_else, &[]).await;
    assert_error(result, anchor_lang::error::ErrorCode::AccountNotSigner);
}

#[tokio::test]
async fn a_referrer_or_market_from_another_pool_is_refused() {
    let mut f = PoolFixture::new().await;
    // A second pool (another premium mint) on the same chain.
    let authority = f.mint_authority.insecure_clone();
    let token_program = f.keys.token_program;
    let other_mint = cip_harness::fixture::create_mint(&mut f.chain, &authority, 6, &token_program).await;
    let other = ix::PoolKeys::new(other_mint, token_program);
    f.send_as_admin(ix::initialize_pool(&f.admin.pubkey(), &other, f.init_args())).await.unwrap();
    let (stranger, _) = f.funded_wallet(0).await;
    f.send_as(&stranger, ix::register(&stranger.pubkey(), &other.pool, None)).await.unwrap();
    let foreign_node = pda::referral_node(&other.pool, &stranger.pubkey());

    let (wallet, _) = f.funded_wallet(0).await;
    assert_error(
        f.send_as(&wallet, ix::register(&wallet.pubkey(), &f.keys.pool, Some(foreign_node))).await,
        CipError::PoolMismatch,
    );
    let market = ix::add_market(&f.admin.pubkey(), &other.pool, 1, cip_harness::fixture::btc_market_params());
    f.send_as_admin(market).await.unwrap();
    let foreign_market = pda::market(&other.pool, 1);
    let update = ix::update_market(
        &f.admin.pubkey(),
        &f.keys.pool,
        &foreign_market,
        cip_harness::fixture::btc_market_params(),
    );
    assert_error(f.send_as_admin(update).await, CipError::PoolMismatch);
}
