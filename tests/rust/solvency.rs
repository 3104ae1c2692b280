//! Issue 10: every promise is reserved, every payment comes from its own reserve, no account can
//! be blocked. One test per problem the issue found, each reproducing its sequence.

use anchor_lang::prelude::Pubkey;
use anchor_spl::associated_token::spl_associated_token_account::instruction as ata_instruction;
use cip_harness::{
    assert_error,
    fixture::{btc_market_params, create_ata, create_mint_with_extensions},
    ix::{self, CoverKeys},
    pda, PoolFixture, PoolOptions, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::math::vesting::SECONDS_PER_DAY;
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use contract_insurance::{InsuredAmount, LiquidationCoverArgs};
use solana_sdk::signature::{Keypair, Signer};

use crate::positions::{long, BTC, USD};

fn order(order_qty: u64, margin: u64, insured: u64) -> LiquidationCoverArgs {
    LiquidationCoverArgs {
        order_id: 7,
        side: Side::Long,
        order_qty,
        margin,
        insured: InsuredAmount::Amount(insured),
    }
}

/// A cover bought on the trader's next index and filled into a 1 BTC long.
async fn filled_cover(f: &mut PoolFixture, market: &Pubkey, trader: &Trader, insured: u64) -> CoverKeys {
    let index = f.user(&trader.key()).await.liquidation_cover_count;
    f.buy_filled_cover(trader, market, order(BTC, 500 * USD, insured), 100 + index).await
}

/// Asserts the books an event reported are the pool's and hold the invariant.
async fn assert_books(f: &mut PoolFixture, books: PoolBooks) {
    let pool = f.pool().await;
    assert_eq!(books.liabilities, pool.liabilities);
    assert_eq!(books.vault_balance, f.vault_balance().await);
    assert!(books.vault_balance >= books.liabilities.total().unwrap(), "vault ≥ Σ liabilities");
    assert_eq!(pool.solvency.free_capital, books.vault_balance - books.liabilities.total().unwrap());
}

/// Problem 1: an open cover's worst case (1.7 × insured) is reserved when sold, so no surplus
/// withdrawal can leave an approved claim unpaid.
#[tokio::test]
async fn an_open_cover_is_reserved_so_its_claim_is_always_paid() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    let treasury = f.token_account_for(&f.admin.pubkey()).await;
    // Without capital a 100 USDT cover (reserve 170) does not fit: 0 free + 100 paid in < 170.
    assert_error(
        f.buy_cover(&trader, &market, order(BTC, 500 * USD, 100 * USD)).await,
        CipError::InsufficientCapacity,
    );
    // 70 of capital is exactly enough, one unit less is not.
    f.deposit_capital(70 * USD - 1).await;
    assert_error(
        f.buy_cover(&trader, &market, order(BTC, 500 * USD, 100 * USD)).await,
        CipError::InsufficientCapacity,
    );
    f.deposit_capital(1).await;
    let cover = filled_cover(&mut f, &market, &trader, 100 * USD).await;
    let pool = f.pool().await;
    assert_eq!((pool.liabilities.covers_reserved, pool.solvency.free_capital), (170 * USD, 0));
    // The admin cannot take the insured money as surplus any more.
    assert_error(
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, 1)).await,
        CipError::WithdrawExceedsSurplus,
    );
    // Liquidated at a loss above everything: 2 × 85 % × 100 = 170, approved, fully paid out.
    let reporter = f.reporter.pubkey();
    let reported = f
        .send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 1_000 * USD))
        .await
        .unwrap();
    assert_books(&mut f, reported.event::<LiquidationReported>().books).await;
    let reviewer = f.reviewer.insecure_clone();
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true)).await.unwrap();
    let start = f.cover(&trader.key(), 0).await.vesting_start;
    f.chain.set_time(start + 30 * SECONDS_PER_DAY).await;
    let paid = f
        .send_as(&trader.wallet, ix::claim_vested(&trader.key(), &f.keys, &cover.cover, &trader.token))
        .await
        .unwrap()
        .event::<VestedClaimed>();
    assert_eq!(paid.amount, 170 * USD);
    assert_books(&mut f, paid.books).await;
    assert_eq!((f.vault_balance().await, f.pool().await.liabilities.total().unwrap()), (0, 0));
}

/// Problem 2: a claim under review no longer blocks an unrelated small loss-cover purchase,
/// even with no free capital at all.
#[tokio::test]
async fn a_claim_under_review_never_blocks_a_small_policy_sale() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let claimant = f.new_trader(None, 1_000).await;
    f.deposit_capital(70 * USD).await;
    let cover = filled_cover(&mut f, &market, &claimant, 100 * USD).await;
    let reporter = f.reporter.pubkey();
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 1_000 * USD)).await.unwrap();
    let pool = f.pool().await;
    assert_eq!((pool.liabilities.claims_under_review, pool.solvency.free_capital), (170 * USD, 0));
    // Referred buyer: 15 % commission accrues, the 10 USDT premium more than covers it.
    let referrer = f.new_trader(None, 0).await;
    let buyer = f.new_trader(Some(&referrer), 100).await;
    let receipt = f.buy(&buyer, f.usdt(10)).await.expect("a small sale is never blocked by others' claims");
    assert_books(&mut f, receipt.event::<PolicyPurchased>().books).await;
    assert_eq!(f.pool().await.solvency.free_capital, f.usdt(10) - f.usdt(10) * 15 / 100);
}

/// Problem 3: a refund comes out of its cover's own reserve, never out of commission owed to a
/// referrer.
#[tokio::test]
async fn a_refund_never_spends_commission_owed_to_a_referrer() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let referrer = f.new_trader(None, 0).await;
    let buyer = f.new_trader(Some(&referrer), 1_000).await;
    f.buy(&buyer, f.usdt(100)).await.unwrap();
    assert_eq!(f.pool().await.liabilities.commission_owed, 15 * USD);
    // The admin withdraws everything free: the vault holds exactly the 15 owed.
    let treasury = f.token_account_for(&f.admin.pubkey()).await;
    let free = f.pool().await.solvency.free_capital;
    f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, free)).await.unwrap();
    assert_eq!(f.vault_balance().await, 15 * USD);
    // A cover is sold (capacity from new capital), then its unfilled order is cancelled in full.
    f.deposit_capital(70 * USD).await;
    let trader = f.new_trader(None, 1_000).await;
    f.buy_cover(&trader, &market, order(10 * BTC, 500 * USD, 100 * USD)).await.unwrap();
    let cover = f.cover_keys(&trader.key(), 0, &market);
    let reporter = f.reporter.pubkey();
    let cancelled = f
        .send_as_reporter(ix::cancel_order_remainder(
            &reporter,
            &f.keys,
            &cover,
            Some(trader.token),
            10 * BTC,
        ))
        .await
        .unwrap()
        .event::<OrderCancelled>();
    assert_eq!(
        (cancelled.refund, cancelled.refund_paid, cancelled.reserve_released),
        (100 * USD, true, 170 * USD)
    );
    assert_books(&mut f, cancelled.books).await;
    // The referrer is still paid in full.
    let paid = f
        .send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &referrer.token))
        .await
        .expect("commission owed is untouched")
        .event::<CommissionClaimed>();
    assert_eq!(paid.amount, 15 * USD);
    assert_books(&mut f, paid.books).await;
}

/// Problem 4: approval pays `min(recomputed, reserved)`, so a config change after the sale can
/// never make a claim exceed its reserve; and ratio tables may not rise with usage.
#[tokio::test]
async fn approval_never_exceeds_the_reserve_and_ratio_tables_cannot_rise() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    f.deposit_capital(10_000 * USD).await;
    let cover = filled_cover(&mut f, &market, &trader, 80 * USD).await;
    assert_eq!(f.cover(&trader.key(), 0).await.reserve_bought, 136 * USD);
    // The admin raises the multiplier to 10× and the ratio to 100 % after the sale.
    let mut config = f.pool().await.config;
    config.liquidation.compensation_multiplier_bps = 100_000;
    config.liquidation.ratio_tiers = vec![RatioTier { max_used: u64::MAX, ratio_bps: 10_000 }];
    f.send_as_admin(ix::update_config(&f.admin.pubkey(), &f.keys.pool, config.clone())).await.unwrap();
    let reporter = f.reporter.pubkey();
    let reported = f
        .send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 1_000 * USD))
        .await
        .unwrap()
        .event::<LiquidationReported>();
    assert_eq!(reported.claim_cap, 136 * USD, "10 × 100 % × 80 = 800, capped at the 136 reserved");
    let reviewer = f.reviewer.insecure_clone();
    let decided = f
        .send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true))
        .await
        .unwrap()
        .event::<ClaimDecided>();
    assert_eq!(decided.compensation, 136 * USD);
    assert_books(&mut f, decided.books).await;
    // Rising ratios are refused.
    config.liquidation.ratio_tiers = vec![
        RatioTier { max_used: 100 * USD, ratio_bps: 7_500 },
        RatioTier { max_used: u64::MAX, ratio_bps: 8_500 },
    ];
    assert_error(
        f.send_as_admin(ix::update_config(&f.admin.pubkey(), &f.keys.pool, config)).await,
        CipError::RatioTiersIncreasing,
    );
}

/// Problem 5: creating the pool's vault ATA first no longer blocks the pool; the tokens someone
/// put there count as capital.
#[tokio::test]
async fn a_pre_created_vault_does_not_block_the_pool() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let griefer = f.chain.funded_keypair(1).await;
    let create = ata_instruction::create_associated_token_account(
        &griefer.pubkey(),
        &f.keys.pool,
        &f.keys.premium_mint,
        &f.keys.token_program,
    );
    f.chain.send(&[create], &griefer, &[]).await.expect("anyone can create the pool's ATA");
    let vault = f.keys.vault;
    f.mint_premium(&vault, 5 * USD).await;
    let init = ix::initialize_pool(&f.admin.pubkey(), &f.keys, f.init_args());
    f.send_as_admin(init).await.expect("the existing vault is accepted");
    let pool = f.pool().await;
    assert_eq!(pool.vault, vault);
    assert_eq!(pool.solvency, Solvency { vault_balance: 5 * USD, free_capital: 5 * USD });
}

/// A pre-created vault is checked, not trusted: the premium mint's freeze authority (USDT has
/// one) can freeze the pool's ATA before the pool exists. Creation is refused by name and
/// creates nothing; once the account is thawed the pool is created on it.
#[tokio::test]
async fn a_frozen_pre_created_vault_is_refused_by_name_and_accepted_once_thawed() {
    use anchor_spl::token_2022::spl_token_2022::instruction as token_instruction;
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let issuer = f.chain.funded_keypair(1).await;
    let token_program = anchor_spl::token::ID;
    let mint = create_mint_with_extensions(
        &mut f.chain,
        &issuer,
        6,
        &token_program,
        &[],
        Some(&issuer.pubkey()),
        |_| Vec::new(),
    )
    .await;
    let keys = ix::PoolKeys::new(mint, token_program);
    let vault = create_ata(&mut f.chain, &keys.pool, &mint, &token_program).await;
    assert_eq!(vault, keys.vault);
    let freeze =
        token_instruction::freeze_account(&token_program, &vault, &mint, &issuer.pubkey(), &[]).unwrap();
    f.chain.send(&[freeze], &issuer, &[]).await.expect("the issuer freezes the pool's ATA");

    let init = ix::initialize_pool(&f.admin.pubkey(), &keys, f.init_args());
    assert_error(f.send_as_admin(init.clone()).await, CipError::VaultAccountInvalid);
    assert!(f.chain.account(&keys.pool).await.is_none(), "no pool");
    assert!(f.chain.account(&keys.credit_mint).await.is_none(), "no credit mint");

    let thaw = token_instruction::thaw_account(&token_program, &vault, &mint, &issuer.pubkey(), &[]).unwrap();
    f.chain.send(&[thaw], &issuer, &[]).await.expect("thawed");
    f.send_as_admin(init).await.expect("the thawed vault is accepted");
    assert_eq!(f.chain.fetch::<Pool>(&keys.pool).await.vault, vault);
}

/// Problem 6: the `program` account of `initialize_pool` must be this program, so nobody can pass
/// a look-alike to skip the deployer check (the loaders themselves are unit-tested in
/// `instructions/admin/pool_creator.rs`: upgradeable, loader-v4, immutable, build-time creator).
#[tokio::test]
async fn pool_creation_checks_the_real_program_account() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let mut init = ix::initialize_pool(&f.admin.pubkey(), &f.keys, f.init_args());
    let look_alike = Pubkey::new_unique();
    ix::replace_account(&mut init, &contract_insurance::ID, &look_alike);
    // The program id stays as the instruction's program; only the `program` account is swapped.
    init.program_id = contract_insurance::ID;
    assert_error(f.send_as_admin(init).await, CipError::ProgramAccountMismatch);
    assert!(f.chain.account(&f.keys.pool).await.is_none());
}

/// Problem 7: a market's P&L decimals are the premium's, and price decimals are bounded.
#[tokio::test]
async fn market_decimals_are_tied_to_the_premium_mint() {
    let mut f = PoolFixture::new().await;
    let nine = MarketParams { quote_decimals: 9, ..btc_market_params() };
    assert_error(
        f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 1, nine)).await,
        CipError::QuoteDecimalsMismatch,
    );
    let fifteen = MarketParams { price_decimals: 15, ..btc_market_params() };
    assert_error(
        f.send_as_admin(ix::add_market(&f.admin.pubkey(), &f.keys.pool, 1, fifteen)).await,
        CipError::InvalidMarketDecimals,
    );
    assert!(f.chain.account(&pda::market(&f.keys.pool, 1)).await.is_none());
}

/// Problem 8a: role keys are separate keys (from each other and from the admin).
#[tokio::test]
async fn role_keys_must_be_distinct() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let admin = f.admin.pubkey();
    let mut args = f.init_args();
    args.roles.reviewer = args.roles.reporter;
    assert_error(
        f.send_as_admin(ix::initialize_pool(&admin, &f.keys, args.clone())).await,
        CipError::RoleKeysNotDistinct,
    );
    args.roles = f.roles();
    args.roles.oracle_authority = admin;
    assert_error(
        f.send_as_admin(ix::initialize_pool(&admin, &f.keys, args.clone())).await,
        CipError::RoleKeysNotDistinct,
    );
    args.roles = f.roles();
    f.send_as_admin(ix::initialize_pool(&admin, &f.keys, args)).await.unwrap();
    let mut roles = f.roles();
    roles.reporter = roles.reviewer;
    assert_error(
        f.send_as_admin(ix::set_roles(&admin, &f.keys.pool, roles)).await,
        CipError::RoleKeysNotDistinct,
    );
    // The admin cannot be handed to a role key, and a role cannot be given the admin's key.
    let reporter = f.reporter.pubkey();
    assert_error(
        f.send_as_admin(ix::propose_admin(&admin, &f.keys.pool, reporter)).await,
        CipError::RoleKeysNotDistinct,
    );
    let new_admin = Keypair::new();
    f.send_as_admin(ix::propose_admin(&admin, &f.keys.pool, new_admin.pubkey())).await.unwrap();
    let mut roles = f.roles();
    roles.reviewer = new_admin.pubkey();
    f.send_as_admin(ix::set_roles(&admin, &f.keys.pool, roles)).await.unwrap();
    f.chain.transfer_lamports(&new_admin.pubkey(), 1_000_000_000).await;
    assert_error(
        f.send_as(&new_admin, ix::accept_admin(&new_admin.pubkey(), &f.keys.pool)).await,
        CipError::RoleKeysNotDistinct,
    );
}

/// Problem 8c: on SPL Token an owner can reassign their credit ATA to another wallet; the payout
/// then waits in the user account (claimable to any credit account), and the uplines' rebates
/// accrue as usual.
#[tokio::test]
async fn a_reassigned_credit_account_defers_the_payout_instead_of_blocking_it() {
    let options = PoolOptions {
        preset: LevelPreset::B,
        config: Some(default_config(6, LevelPreset::B)),
        ..PoolOptions::default()
    };
    let mut f = PoolFixture::with_options(options).await;
    let market = f.add_market(1, btc_market_params()).await;
    let referrer = f.new_trader(None, 0).await;
    f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &referrer.node, 1)).await.unwrap();
    let trader = f.new_trader(Some(&referrer), 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.expire_at_marks(&trader.key(), 0, &[(market, 58_500 * USD)]).await;
    f.settle(&trader.key(), 0).await.unwrap();
    // The trader creates the credit ATA and hands its ownership to another wallet.
    let credit_account =
        create_ata(&mut f.chain, &trader.key(), &f.keys.credit_mint, &f.keys.token_program).await;
    let elsewhere = Keypair::new();
    let reassign = anchor_spl::token::spl_token::instruction::set_authority(
        &f.keys.token_program,
        &credit_account,
        Some(&elsewhere.pubkey()),
        anchor_spl::token::spl_token::instruction::AuthorityType::AccountOwner,
        &trader.key(),
        &[],
    )
    .unwrap();
    f.send_as(&trader.wallet, reassign).await.unwrap();

    let issued = f.issue_compensation(&trader.key(), 0).await.expect("compensation is not blocked");
    let event = issued.event::<CompensationIssued>();
    assert!(event.deferred);
    assert_eq!(f.chain.token_balance(&credit_account).await, 0);
    let user = f.user(&trader.key()).await;
    assert_eq!((user.credits_owed, user.active_policy_index), (f.usdt(500), None));
    assert_eq!(f.policy(&trader.key(), 0).await.outcome, PolicyOutcome::Paid);
    assert!(f.node(&referrer.key()).await.rebate_owed().unwrap() > 0, "the upline's rebate accrued");
    // The owner claims the credits to a fresh account of theirs.
    let fresh = Keypair::new();
    let init = vec![
        anchor_lang::solana_program::system_instruction::create_account(
            &trader.key(),
            &fresh.pubkey(),
            f.chain.rent_exempt_minimum(165).await,
            165,
            &f.keys.token_program,
        ),
        anchor_spl::token::spl_token::instruction::initialize_account3(
            &f.keys.token_program,
            &fresh.pubkey(),
            &f.keys.credit_mint,
            &trader.key(),
        )
        .unwrap(),
    ];
    f.chain.send(&init, &trader.wallet, &[&fresh]).await.unwrap();
    let claim = ix::claim_credits(&trader.key(), &f.keys, &fresh.pubkey());
    let claimed = f.send_as(&trader.wallet, claim.clone()).await.unwrap().event::<CreditsClaimed>();
    assert_eq!(claimed.credits, f.usdt(500));
    assert_eq!(f.chain.token_balance(&fresh.pubkey()).await, f.usdt(500));
    assert_error(f.send_as(&trader.wallet, claim).await, CipError::NothingToClaim);
    let totals = f.pool().await.totals;
    assert_eq!((totals.credits_deferred, totals.credits_claimed), (f.usdt(500), f.usdt(500)));
}

/// The solvency check cannot be bypassed: a direct token transfer out of the vault is impossible
/// (only the pool PDA signs), and every money-moving event reports books that hold the invariant.
#[tokio::test]
async fn capital_deposits_raise_capacity_and_only_free_capital_is_withdrawn() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let deposited = f.deposit_capital(1_000 * USD).await.event::<CapitalDeposited>();
    assert_eq!((deposited.amount, deposited.total_deposited), (1_000 * USD, 1_000 * USD));
    assert_books(&mut f, deposited.books).await;
    let trader = f.new_trader(None, 1_000).await;
    filled_cover(&mut f, &market, &trader, 100 * USD).await;
    let free = f.pool().await.solvency.free_capital;
    assert_eq!(free, 1_000 * USD + 100 * USD - 170 * USD);
    let treasury = f.token_account_for(&f.admin.pubkey()).await;
    assert_error(
        f.send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, free + 1)).await,
        CipError::WithdrawExceedsSurplus,
    );
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::withdraw_surplus(&outsider.pubkey(), &f.keys, &treasury, 1)).await,
        CipError::NotAdmin,
    );
    let withdrawn = f
        .send_as_admin(ix::withdraw_surplus(&f.admin.pubkey(), &f.keys, &treasury, free))
        .await
        .unwrap()
        .event::<SurplusWithdrawn>();
    assert_books(&mut f, withdrawn.books).await;
    assert_eq!(f.pool().await.solvency.free_capital, 0);
    assert_error(f.deposit_capital_result(0).await, CipError::ZeroAmount);
}

/// An order cancelled in several parts gives back everything: the refunds add up to the insured
/// amount paid (not one base unit short per part) and the whole reserve is released, so no dust
/// stays owed to a finished cover.
#[tokio::test]
async fn an_order_cancelled_in_parts_refunds_and_releases_everything() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    f.deposit_capital(1_000 * USD).await;
    let trader = f.new_trader(None, 1_000).await;
    let insured = 10 * USD + 1; // not divisible by the 3 parts
    f.buy_cover(&trader, &market, order(3, 100 * USD, insured)).await.expect("buy the cover");
    let cover = f.cover_keys(&trader.key(), 0, &market);
    let balance_after_purchase = f.chain.token_balance(&trader.token).await;
    let reporter = f.reporter.pubkey();
    let mut refunds = 0;
    for _ in 0..3 {
        let cancel = ix::cancel_order_remainder(&reporter, &f.keys, &cover, Some(trader.token), 1);
        let event = f.send_as_reporter(cancel).await.expect("cancel one part").event::<OrderCancelled>();
        refunds += event.refund;
        assert_books(&mut f, event.books).await;
    }
    let state = f.cover(&trader.key(), 0).await;
    assert_eq!((state.status, state.outcome), (CoverStatus::Completed, CoverOutcome::Cancelled));
    assert_eq!((state.insured, state.reserved, state.margin), (0, 0, 0), "nothing left on the cover");
    assert_eq!(refunds, insured, "the refunds add up to the insured amount paid");
    assert_eq!(f.chain.token_balance(&trader.token).await, balance_after_purchase + insured);
    assert_eq!(f.pool().await.liabilities.covers_reserved, 0, "no reserve left behind");
}
