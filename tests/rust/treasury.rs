//! Commission claims and surplus withdrawal: what is owed is always payable.

use cip_harness::{assert_error, fixture::create_ata, ix, PoolFixture};
use contract_insurance::error::CipError;
use contract_insurance::events::{CommissionClaimed, SurplusWithdrawn};
use solana_sdk::signature::Signer;

#[tokio::test]
async fn referrer_claims_accrued_commission_once() {
    let mut f = PoolFixture::new().await;
    let traders = f.register_chain(2, 1_000).await;
    let (referrer, buyer) = (&traders[0], &traders[1]);
    f.buy(buyer, f.usdt(200)).await.unwrap();
    let owed = f.usdt(30);
    let before = f.chain.token_balance(&referrer.token).await;

    let receipt = f
        .send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &referrer.token))
        .await
        .unwrap();
    assert_eq!(f.chain.token_balance(&referrer.token).await, before + owed);
    assert_eq!(f.vault_balance().await, f.usdt(170));
    let node = f.node(&referrer.key()).await;
    assert_eq!((node.commission_earned, node.commission_claimed), (owed, owed));
    let pool = f.pool().await;
    assert_eq!(pool.liabilities.commission_owed, 0);
    assert_eq!((pool.totals.commission_accrued, pool.totals.commission_claimed), (owed, owed));
    let event = receipt.event::<CommissionClaimed>();
    assert_eq!(
        (event.owner, event.amount, event.total_claimed, event.books.vault_balance),
        (referrer.key(), owed, owed, f.usdt(170))
    );

    assert_error(
        f.send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &referrer.token)).await,
        CipError::NothingToClaim,
    );
    assert_error(
        f.send_as(&buyer.wallet, ix::claim_commission(&buyer.key(), &f.keys, &buyer.token)).await,
        CipError::NothingToClaim,
    );
}

#[tokio::test]
async fn claims_are_bound_to_the_node_owner_and_the_premium_mint() {
    let mut f = PoolFixture::new().await;
    let traders = f.register_chain(2, 1_000).await;
    let (referrer, thief) = (&traders[0], &traders[1]);
    f.buy(thief, f.usdt(100)).await.unwrap();

    // The thief signs for the referrer's node, paying into the thief's account.
    let mut forged = ix::claim_commission(&thief.key(), &f.keys, &thief.token);
    ix::replace_account(&mut forged, &thief.node, &referrer.node);
    // The node is seeded by the signer: someone else's node fails its seeds.
    assert_error(f.send_as(&thief.wallet, forged).await, anchor_lang::error::ErrorCode::ConstraintSeeds);
    // A destination of another mint.
    let credit_account =
        create_ata(&mut f.chain, &referrer.key(), &f.keys.credit_mint, &f.keys.token_program).await;
    assert_error(
        f.send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &credit_account)).await,
        CipError::TokenAccountMismatch,
    );
    // Paying into any premium account the owner chooses works.
    let (_, elsewhere) = f.funded_wallet(0).await;
    f.send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &elsewhere)).await.unwrap();
    assert_eq!(f.chain.token_balance(&elsewhere).await, f.usdt(15));
}

#[tokio::test]
async fn withdraw_surplus_never_touches_what_is_owed() {
    let mut f = PoolFixture::new().await;
    let chain = f.register_chain(3, 1_000).await;
    f.buy(&chain[2], f.usdt(500)).await.unwrap(); // 75 owed to chain[1]
    f.buy(&chain[1], f.usdt(100)).await.unwrap(); // 15 owed to chain[0]
    let owed = f.usdt(90);
    assert_eq!(f.pool().await.liabilities.commission_owed, owed);
    let surplus = f.usdt(600) - owed;
    let treasury = f.token_account_for(&f.admin.pubkey()).await;

    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::withdraw_surplus(&outsider.pubkey(), &f.keys, &treasury, 1)).await,
        CipError::NotAdmin,
    );
    assert_error(
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, 0)).await,
        CipError::ZeroAmount,
    );
    assert_error(
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, surplus + 1)).await,
        CipError::WithdrawExceedsSurplus,
    );
    let receipt =
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, surplus)).await.unwrap();
    assert_eq!(f.chain.token_balance(&treasury).await, surplus);
    assert_eq!(f.vault_balance().await, owed);
    let event = receipt.event::<SurplusWithdrawn>();
    assert_eq!(
        (event.amount, event.books.vault_balance, event.books.liabilities.total().unwrap()),
        (surplus, owed, owed)
    );
    assert_eq!(f.pool().await.totals.surplus_withdrawn, surplus);
    assert_error(
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, 1)).await,
        CipError::WithdrawExceedsSurplus,
    );

    // Everything owed is still paid in full.
    for referrer in &chain[..2] {
        f.send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &referrer.token))
            .await
            .unwrap();
    }
    assert_eq!(f.vault_balance().await, 0);
    assert_eq!(f.pool().await.liabilities.commission_owed, 0);
}
