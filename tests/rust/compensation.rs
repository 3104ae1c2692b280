//! Compensation in hashrate credits, upline rebates with the direct-referrer bonus, rebate claims.

use anchor_lang::prelude::Pubkey;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, create_ata},
    ix::{self, PositionUpdate},
    PoolFixture, PoolOptions, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::events::{CompensationIssued, RebateClaimed};
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use solana_sdk::{instruction::AccountMeta, signature::Signer};

use crate::positions::{long, BTC, USD};

/// Preset B pool; `levels` are the uplines' assigned levels, direct referrer first. The buyer
/// holds a 100 USDT policy (payout 500 USDT) and a position that loses 1 500 USDT at expiry, so
/// the policy is Compensating when this returns.
async fn compensating(
    levels: &[u8],
    same_level_cut: bool,
    hashrate_per_usdt_bps: u32,
) -> (PoolFixture, Vec<Trader>) {
    let mut config = default_config(6, LevelPreset::B);
    config.same_level_cut = same_level_cut;
    config.hashrate_per_usdt_bps = hashrate_per_usdt_bps;
    let options = PoolOptions { config: Some(config), ..PoolOptions::preset(LevelPreset::B) };
    let mut f = PoolFixture::with_options(options).await;
    let market = f.add_market(1, btc_market_params()).await;
    let chain = f.register_chain(levels.len() + 1, 1_000).await;
    for (position, level) in levels.iter().enumerate() {
        let node = chain[levels.len() - 1 - position].node;
        if *level > 0 {
            f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &node, *level)).await.unwrap();
        }
    }
    let buyer = chain.last().unwrap();
    f.buy(buyer, f.usdt(100)).await.unwrap();
    f.open_position(&buyer.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.expire_at_marks(&buyer.key(), 0, &[(market, 58_500 * USD)]).await;
    f.settle(&buyer.key(), 0).await.unwrap();
    assert_eq!(f.policy(&buyer.key(), 0).await.status, PolicyStatus::Compensating);
    (f, chain)
}

#[tokio::test]
async fn compensation_mints_credits_and_accrues_rebates_with_direct_bonus() {
    // Uplines: V1 (5 %), V3 (11 %), V10 (33 %).
    let (mut f, chain) = compensating(&[1, 3, 10], true, 10_000).await;
    let buyer = &chain[3];
    let credit_account = ix::credit_account(&buyer.key(), &f.keys);
    assert!(f.chain.account(&credit_account).await.is_none(), "created by the program");

    let receipt = f.issue_compensation(&buyer.key(), 0).await.unwrap();
    let credits = f.usdt(500);
    assert_eq!(f.chain.token_balance(&credit_account).await, credits);
    assert_eq!(f.chain.mint_supply(&f.keys.credit_mint).await, credits);
    let policy = f.policy(&buyer.key(), 0).await;
    assert_eq!(
        (policy.status, policy.outcome, policy.credits_paid),
        (PolicyStatus::Completed, PolicyOutcome::Paid, credits)
    );
    let user = f.user(&buyer.key()).await;
    assert_eq!((user.active_policy, user.total_compensation_credits), (None, credits));

    let event = receipt.event::<CompensationIssued>();
    assert_eq!(
        (event.loss, event.trigger, event.payout, event.credits),
        (f.usdt(1_500), f.usdt(1_000), f.usdt(500), credits)
    );
    let rebates: Vec<(u16, u64, u64)> =
        event.rebates.iter().map(|share| (share.rate_bps, share.rebate, share.bonus)).collect();
    assert_eq!(
        rebates,
        vec![(500, f.usdt(25), f.usdt(25)), (1_100, f.usdt(30), 0), (3_300, f.usdt(110), 0)],
        "5 %, then 11−5 %, then 33−11 %, plus 5 % bonus to the direct referrer"
    );
    assert_eq!(event.total_rebates, f.usdt(190));
    assert_eq!(f.node(&chain[2].key()).await.rebate_earned, f.usdt(50));
    assert_eq!(f.node(&chain[1].key()).await.rebate_earned, f.usdt(30));
    assert_eq!(f.node(&chain[0].key()).await.rebate_earned, f.usdt(110));
    let pool = f.pool().await;
    assert_eq!((pool.totals.compensation_credits, pool.totals.rebates_accrued), (credits, f.usdt(190)));

    // One payout per policy.
    assert_error(f.issue_compensation(&buyer.key(), 0).await, CipError::PolicyNotCompensating);
    assert_eq!(f.chain.token_balance(&credit_account).await, credits);
}

#[tokio::test]
async fn rebates_across_mixed_levels_with_and_without_same_level_cut() {
    for same_level_cut in [true, false] {
        // Uplines: V1, V1, V3.
        let (mut f, chain) = compensating(&[1, 1, 3], same_level_cut, 10_000).await;
        let event = f.issue_compensation(&chain[3].key(), 0).await.unwrap().event::<CompensationIssued>();
        let rebates: Vec<u64> = event.rebates.iter().map(|share| share.rebate).collect();
        if same_level_cut {
            assert_eq!(rebates, vec![f.usdt(25), 0, 0]);
            assert_eq!(event.cut_at, Some(1));
        } else {
            assert_eq!(rebates, vec![f.usdt(25), 0, f.usdt(30)]);
            assert_eq!(event.cut_at, None);
        }
        assert_eq!(event.rebates[0].bonus, f.usdt(25), "the bonus does not depend on the cut");
    }
}

#[tokio::test]
async fn credits_scale_with_the_hashrate_rate() {
    let (mut f, chain) = compensating(&[], true, 25_000).await;
    let event = f.issue_compensation(&chain[0].key(), 0).await.unwrap().event::<CompensationIssued>();
    assert_eq!((event.payout, event.credits), (f.usdt(500), f.usdt(1_250)));
    assert!(event.rebates.is_empty());
    assert_eq!(event.total_rebates, 0);
}

#[tokio::test]
async fn an_existing_credit_account_is_reused() {
    let (mut f, chain) = compensating(&[1], true, 10_000).await;
    let buyer = &chain[1];
    let existing = create_ata(&mut f.chain, &buyer.key(), &f.keys.credit_mint, &f.keys.token_program).await;
    f.issue_compensation(&buyer.key(), 0).await.unwrap();
    assert_eq!(f.chain.token_balance(&existing).await, f.usdt(500));
}

#[tokio::test]
async fn compensation_needs_a_compensating_policy_and_the_right_accounts() {
    let (mut f, chain) = compensating(&[1, 3], true, 10_000).await;
    let buyer = &chain[2];
    let keeper = f.chain.payer().insecure_clone();
    let policy = f.policy_key(&buyer.key(), 0);
    let uplines = f.uplines_of(&buyer.key()).await;

    // Another wallet as owner: its credit account would receive the credits.
    let thief = chain[0].key();
    let mut wrong_owner = ix::issue_compensation(&keeper.pubkey(), &f.keys, &policy, &buyer.key(), &uplines);
    ix::replace_account(&mut wrong_owner, &buyer.key(), &thief);
    ix::replace_account(
        &mut wrong_owner,
        &ix::credit_account(&buyer.key(), &f.keys),
        &ix::credit_account(&thief, &f.keys),
    );
    assert_error(f.chain.send(&[wrong_owner], &keeper, &[]).await, CipError::PolicyOwnerMismatch);
    // The owner's wallet with someone else's credit account.
    let mut wrong_destination =
        ix::issue_compensation(&keeper.pubkey(), &f.keys, &policy, &buyer.key(), &uplines);
    ix::replace_account(
        &mut wrong_destination,
        &ix::credit_account(&buyer.key(), &f.keys),
        &ix::credit_account(&thief, &f.keys),
    );
    assert_error(f.chain.send(&[wrong_destination], &keeper, &[]).await, CipError::TokenAccountMismatch);

    // Rebate-walk spoofing: the same verified walk as a purchase.
    let spoofs: Vec<(Vec<AccountMeta>, CipError)> = vec![
        (vec![AccountMeta::new(uplines[0], false)], CipError::UplineCountMismatch),
        (
            vec![AccountMeta::new(uplines[1], false), AccountMeta::new(uplines[0], false)],
            CipError::UplineLinkMismatch,
        ),
        (
            vec![AccountMeta::new(uplines[0], false), AccountMeta::new(uplines[0], false)],
            CipError::UplineLinkMismatch,
        ),
        (
            vec![AccountMeta::new(uplines[0], false), AccountMeta::new(chain[1].user, false)],
            CipError::UplineWrongAccountType,
        ),
        (
            vec![AccountMeta::new(uplines[0], false), AccountMeta::new(Pubkey::new_unique(), false)],
            CipError::UplineNotProgramOwned,
        ),
        (
            vec![AccountMeta::new(uplines[0], false), AccountMeta::new_readonly(uplines[1], false)],
            CipError::UplineNotWritable,
        ),
    ];
    for (metas, error) in spoofs {
        let mut spoofed = ix::issue_compensation(&keeper.pubkey(), &f.keys, &policy, &buyer.key(), &[]);
        spoofed.accounts.extend(metas);
        assert_error(f.chain.send(&[spoofed], &keeper, &[]).await, error);
    }
    assert_eq!(f.chain.mint_supply(&f.keys.credit_mint).await, 0);

    // An active (unsettled) policy cannot be paid.
    let fresh = f.new_trader(None, 100).await;
    f.buy(&fresh, f.usdt(10)).await.unwrap();
    assert_error(f.issue_compensation(&fresh.key(), 0).await, CipError::PolicyNotCompensating);
}

#[tokio::test]
async fn rebates_are_claimed_by_minting_credits() {
    let (mut f, chain) = compensating(&[1, 3], true, 10_000).await;
    f.issue_compensation(&chain[2].key(), 0).await.unwrap();
    let direct = &chain[1];
    let destination =
        create_ata(&mut f.chain, &direct.key(), &f.keys.credit_mint, &f.keys.token_program).await;

    // Someone else signing for the node, and a premium-mint destination, are refused.
    let mut forged = ix::claim_rebate(&chain[0].key(), &f.keys, &destination);
    ix::replace_account(&mut forged, &chain[0].node, &direct.node);
    // The node is seeded by the signer: someone else's node fails its seeds.
    assert_error(f.send_as(&chain[0].wallet, forged).await, anchor_lang::error::ErrorCode::ConstraintSeeds);
    assert_error(
        f.send_as(&direct.wallet, ix::claim_rebate(&direct.key(), &f.keys, &direct.token)).await,
        CipError::TokenAccountMismatch,
    );

    let receipt =
        f.send_as(&direct.wallet, ix::claim_rebate(&direct.key(), &f.keys, &destination)).await.unwrap();
    assert_eq!(f.chain.token_balance(&destination).await, f.usdt(50));
    let event = receipt.event::<RebateClaimed>();
    assert_eq!((event.credits, event.total_claimed), (f.usdt(50), f.usdt(50)));
    let node = f.node(&direct.key()).await;
    assert_eq!((node.rebate_earned, node.rebate_claimed), (f.usdt(50), f.usdt(50)));
    assert_error(
        f.send_as(&direct.wallet, ix::claim_rebate(&direct.key(), &f.keys, &destination)).await,
        CipError::NothingToClaim,
    );
    assert_eq!(f.pool().await.totals.rebates_claimed, f.usdt(50));
}

#[tokio::test]
async fn buying_again_needs_completion_and_a_flat_book() {
    let (mut f, chain) = compensating(&[], true, 10_000).await;
    let buyer = &chain[0];
    assert_error(f.buy(buyer, f.usdt(10)).await, CipError::TraderHasOpenPositions);
    f.update_position(&buyer.key(), 1, PositionUpdate::Close { size: BTC, price: 58_500 * USD, fee: 0 })
        .await
        .unwrap();
    assert_error(f.buy(buyer, f.usdt(10)).await, CipError::PolicyAlreadyActive);
    f.issue_compensation(&buyer.key(), 0).await.unwrap();
    f.buy(buyer, f.usdt(10)).await.expect("completed and flat");
    assert_eq!(f.user(&buyer.key()).await.policy_count, 2);
}
