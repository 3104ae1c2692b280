//! Loss-cover purchase: eligibility, tiers, terms, balances, events.

use anchor_lang::error::ErrorCode as AnchorError;
use cip_harness::{assert_error, ix, pda, PoolFixture};
use contract_insurance::error::CipError;
use contract_insurance::events::PolicyPurchased;
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn purchase_records_terms_moves_premium_and_emits() {
    let mut f = PoolFixture::new().await;
    let traders = f.register_chain(2, 1_000).await;
    let (referrer, buyer) = (&traders[0], &traders[1]);
    let premium = f.usdt(300);
    let now = f.chain.now().await;

    let receipt = f.buy(buyer, premium).await.unwrap();

    assert_eq!(f.chain.token_balance(&buyer.token).await, f.usdt(700));
    assert_eq!(f.vault_balance().await, premium);
    let policy_key = pda::policy(&f.keys.pool, &buyer.key(), 0);
    let policy = f.policy(&buyer.key(), 0).await;
    assert_eq!(policy.owner, buyer.key());
    assert_eq!((policy.index, policy.terms.premium), (0, premium));
    assert_eq!(policy.terms.trigger, f.usdt(3_000), "trigger = 10 × premium");
    assert_eq!(policy.terms.payout, f.usdt(1_500), "payout = 50 % of trigger");
    assert_eq!(policy.terms.payout_credits, f.usdt(1_500), "credits at the purchase's 1:1 rate");
    assert_eq!((policy.terms.start, policy.terms.end), (now, now + 86_400));
    assert_eq!((policy.terms.mark_guards.max_staleness, policy.terms.settlement_grace), (60, 3_600));
    assert_eq!((policy.status, policy.outcome), (PolicyStatus::Active, PolicyOutcome::Open));

    let user = f.user(&buyer.key()).await;
    assert_eq!((user.policy_count, user.active_policy_index), (1, Some(0)));
    assert_eq!(f.active_policy(&buyer.key()).await, Some(policy_key));
    assert_eq!(user.total_premium_paid, premium);
    let pool = f.pool().await;
    assert_eq!((pool.totals.policies_sold, pool.totals.premiums_collected), (1, premium));
    assert_eq!(pool.liabilities.commission_owed, f.usdt(45));
    assert_eq!(f.node(&referrer.key()).await.commission_earned, f.usdt(45));

    let event = receipt.event::<PolicyPurchased>();
    assert_eq!((event.policy, event.owner, event.index, event.tier), (policy_key, buyer.key(), 0, 2));
    assert_eq!(event.terms, policy.terms);
    assert_eq!(event.commissions.len(), 1);
    assert_eq!(event.commissions[0].referral_node, referrer.node);
    assert_eq!((event.commissions[0].rate_bps, event.commissions[0].amount), (1_500, f.usdt(45)));
    assert_eq!(
        (event.total_commission, event.books.vault_balance, event.books.liabilities.commission_owed),
        (f.usdt(45), premium, f.usdt(45))
    );
    assert_eq!(pool.solvency.vault_balance, premium);
    assert_eq!(pool.solvency.free_capital, premium - f.usdt(45));
}

#[tokio::test]
async fn every_tier_boundary() {
    let mut f = PoolFixture::new().await;
    // Accepted: each tier's minimum and maximum, one fresh trader each.
    let tiers = f.pool().await.config.tiers;
    for (index, tier) in tiers.iter().enumerate() {
        for premium in [tier.min, tier.max] {
            let trader = f.new_trader(None, 0).await;
            f.mint_premium(&trader.token, premium).await;
            let receipt = f.buy(&trader, premium).await.unwrap_or_else(|e| panic!("{premium}: {e:?}"));
            assert_eq!(receipt.event::<PolicyPurchased>().tier, index as u8);
            assert_eq!(f.chain.token_balance(&trader.token).await, 0);
        }
    }
    let trader = f.new_trader(None, 1_000_000).await;
    let rejected = [
        (0, CipError::PremiumZero),
        (f.usdt(1) - 1, CipError::PremiumBelowMinimum),
        (f.usdt(900_000) + 1, CipError::PremiumAboveMaximum),
        (f.usdt(1_000_000), CipError::PremiumAboveMaximum),
        (f.usdt(9) + 1, CipError::PremiumBetweenTiers),
        (f.usdt(95), CipError::PremiumBetweenTiers),
        (f.usdt(99_999), CipError::PremiumBetweenTiers),
        (f.usdt(1) + 1, CipError::PremiumOffStep),
        (f.usdt(15), CipError::PremiumOffStep),
        (f.usdt(150), CipError::PremiumOffStep),
        (f.usdt(10_500), CipError::PremiumOffStep),
    ];
    for (premium, error) in rejected {
        assert_error(f.buy(&trader, premium).await, error);
    }
    assert_eq!(f.user(&trader.key()).await.policy_count, 0);
    assert_eq!(f.chain.token_balance(&trader.token).await, f.usdt(1_000_000));
}

#[tokio::test]
async fn a_second_active_policy_is_rejected() {
    let mut f = PoolFixture::new().await;
    let trader = f.new_trader(None, 100).await;
    f.buy(&trader, f.usdt(10)).await.unwrap();
    assert_error(f.buy(&trader, f.usdt(10)).await, CipError::PolicyAlreadyActive);
    assert_eq!(f.vault_balance().await, f.usdt(10));
}

#[tokio::test]
async fn only_the_owner_can_buy_on_a_user_account() {
    let mut f = PoolFixture::new().await;
    let victim = f.new_trader(None, 100).await;
    let attacker = f.new_trader(None, 100).await;
    let mut forged = ix::buy_policy(&attacker.key(), &f.keys, &attacker.token, 0, f.usdt(10), &[]);
    ix::replace_account(&mut forged, &attacker.user, &victim.user);
    ix::replace_account(&mut forged, &attacker.node, &victim.node);
    // The user and referral node are seeded by the signer: another trader's accounts fail the seeds.
    assert_error(f.send_as(&attacker.wallet, forged).await, AnchorError::ConstraintSeeds);

    // Paying with someone else's token account: the token program refuses (owner mismatch).
    let stolen = ix::buy_policy(&attacker.key(), &f.keys, &victim.token, 0, f.usdt(10), &[]);
    let failure = f.send_as(&attacker.wallet, stolen).await.unwrap_err();
    assert_eq!(failure.custom_code(), Some(4), "spl-token OwnerMismatch");
    assert_eq!(f.chain.token_balance(&victim.token).await, f.usdt(100));
}

#[tokio::test]
async fn unregistered_wallets_and_wrong_token_accounts_are_rejected() {
    let mut f = PoolFixture::new().await;
    let (wallet, token) = f.funded_wallet(100).await;
    let unregistered = ix::buy_policy(&wallet.pubkey(), &f.keys, &token, 0, f.usdt(10), &[]);
    assert_error(f.send_as(&wallet, unregistered).await, AnchorError::AccountNotInitialized);

    let trader = f.new_trader(None, 100).await;
    // A token account of another mint (the credit mint).
    let credit_account = cip_harness::fixture::create_ata(
        &mut f.chain,
        &trader.key(),
        &f.keys.credit_mint,
        &f.keys.token_program,
    )
    .await;
    let wrong_mint = ix::buy_policy(&trader.key(), &f.keys, &credit_account, 0, f.usdt(10), &[]);
    assert_error(f.send_as(&trader.wallet, wrong_mint).await, CipError::TokenAccountMismatch);
    // A vault that is not the pool's: another premium token account.
    let (_, not_the_vault) = f.funded_wallet(0).await;
    let mut wrong_vault = ix::buy_policy(&trader.key(), &f.keys, &trader.token, 0, f.usdt(10), &[]);
    ix::replace_account(&mut wrong_vault, &f.keys.vault, &not_the_vault);
    assert_error(f.send_as(&trader.wallet, wrong_vault).await, CipError::TokenAccountMismatch);
    // Not enough premium tokens: the transfer fails inside the token program.
    let failure = f.buy(&trader, f.usdt(200)).await.unwrap_err();
    assert_eq!(failure.custom_code(), Some(1), "spl-token InsufficientFunds");
    assert_eq!(f.user(&trader.key()).await.active_policy_index, None);
}
