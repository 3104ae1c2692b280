//! Pool initialization, config validation, roles, two-step admin transfer and pause.

use anchor_lang::prelude::Pubkey;
use cip_harness::{assert_error, ix, PoolFixture, PoolOptions};
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

#[tokio::test]
async fn initialize_pool_creates_pool_vault_and_credit_mint() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let args = f.init_args();
    let receipt = f
        .send_as_admin(ix::initialize_pool(&f.admin.pubkey(), &f.keys, args.clone()))
        .await
        .expect("initialize_pool");

    let pool = f.pool().await;
    assert_eq!(pool.admin, f.admin.pubkey());
    assert_eq!(pool.pending_admin, None);
    assert_eq!(pool.roles, f.roles());
    assert_eq!(pool.premium_mint, f.keys.premium_mint);
    assert_eq!(pool.premium_decimals, 6);
    assert_eq!(pool.token_program, anchor_spl::token::ID);
    assert_eq!(pool.vault, f.keys.vault);
    assert_eq!(pool.credit_mint, f.keys.credit_mint);
    assert_eq!(pool.config, args.config);
    assert_eq!(pool.levels, args.levels);
    assert!(!pool.paused);
    assert_eq!(pool.liabilities, Liabilities::default());

    // Vault: the pool PDA's token account for the premium mint, empty.
    let vault = f.chain.fetch::<anchor_spl::token_interface::TokenAccount>(&f.keys.vault).await;
    assert_eq!(vault.owner, f.keys.pool);
    assert_eq!(vault.mint, f.keys.premium_mint);
    assert_eq!(vault.amount, 0);
    // Credit mint: PDA mint authority, same decimals, no freeze authority, nothing minted.
    let credit = f.chain.fetch::<anchor_spl::token_interface::Mint>(&f.keys.credit_mint).await;
    assert_eq!(Option::<Pubkey>::from(credit.mint_authority), Some(f.keys.pool));
    assert_eq!(Option::<Pubkey>::from(credit.freeze_authority), None);
    assert_eq!(credit.decimals, 6);
    assert_eq!(credit.supply, 0);

    let event = receipt.event::<PoolInitialized>();
    assert_eq!(event.pool, f.keys.pool);
    assert_eq!(event.admin, f.admin.pubkey());
    assert_eq!(event.vault, f.keys.vault);
    assert_eq!(event.credit_mint, f.keys.credit_mint);
    assert_eq!(event.config, args.config);
    assert_eq!(event.levels, args.levels);
}

#[tokio::test]
async fn initialize_pool_twice_is_rejected() {
    let mut f = PoolFixture::new().await;
    let args = f.init_args();
    let second = ix::initialize_pool(&f.admin.pubkey(), &f.keys, args);
    assert_error(f.send_as_admin(second).await, CipError::AccountAlreadyInitialized);
}

#[tokio::test]
async fn token_2022_premium_mint_works_end_to_end() {
    let options = PoolOptions { token_program: anchor_spl::token_2022::ID, ..PoolOptions::default() };
    let mut f = PoolFixture::with_options(options).await;
    let pool = f.pool().await;
    assert_eq!(pool.token_program, anchor_spl::token_2022::ID);
    let credit = f.chain.account(&f.keys.credit_mint).await.unwrap();
    assert_eq!(credit.owner, anchor_spl::token_2022::ID);

    let traders = f.register_chain(2, 100).await;
    let premium = f.usdt(10);
    f.buy(&traders[1], premium).await.expect("buy with Token-2022 premium");
    assert_eq!(f.vault_balance().await, premium);
    assert_eq!(f.chain.token_balance(&traders[1].token).await, f.usdt(90));
    assert_eq!(f.node(&traders[0].key()).await.commission_owed().unwrap(), premium * 15 / 100);
}

#[tokio::test]
async fn mint_owned_by_another_token_program_is_refused() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    // The mint belongs to SPL Token; claim it is Token-2022.
    let keys = ix::PoolKeys::new(f.keys.premium_mint, anchor_spl::token_2022::ID);
    let init = ix::initialize_pool(&f.admin.pubkey(), &keys, f.init_args());
    assert_error(f.send_as_admin(init).await, CipError::TokenProgramMismatch);
}

/// Each invalid config field is refused at init with its own error, and the pool is not created.
#[tokio::test]
async fn invalid_config_at_init_is_refused_field_by_field() {
    let mut f = PoolFixture::without_pool(PoolOptions::default()).await;
    let base = f.init_args();
    type Mutation = Box<dyn Fn(&mut contract_insurance::InitializePoolArgs)>;
    let cases: Vec<(&str, Mutation, CipError)> = vec![
        ("no tiers", Box::new(|a| a.config.tiers.clear()), CipError::InvalidTierCount),
        ("zero step", Box::new(|a| a.config.tiers[0].step = 0), CipError::InvalidTier),
        ("top off step", Box::new(|a| a.config.tiers[1].max = 99_000_000), CipError::InvalidTier),
        (
            "overlapping tiers",
            Box::new(|a| {
                a.config.tiers[1] = PremiumTier { min: 9_000_000, max: 90_000_000, step: 1_000_000 }
            }),
            CipError::TiersNotAscending,
        ),
        ("multiplier 0", Box::new(|a| a.config.trigger_multiplier = 0), CipError::InvalidTriggerMultiplier),
        ("payout 0", Box::new(|a| a.config.payout_ratio_bps = 0), CipError::InvalidPayoutRatio),
        ("payout > 100 %", Box::new(|a| a.config.payout_ratio_bps = 10_001), CipError::InvalidPayoutRatio),
        ("duration 0", Box::new(|a| a.config.policy_duration = 0), CipError::InvalidPolicyDuration),
        (
            "duration > 30 d",
            Box::new(|a| a.config.policy_duration = 30 * 86_400 + 1),
            CipError::InvalidPolicyDuration,
        ),
        ("depth 0", Box::new(|a| a.config.max_depth = 0), CipError::InvalidMaxDepth),
        ("depth above hard cap", Box::new(|a| a.config.max_depth = 21), CipError::InvalidMaxDepth),
        ("bonus > 100 %", Box::new(|a| a.config.direct_bonus_bps = 10_001), CipError::RateAboveMaximum),
        ("hashrate 0", Box::new(|a| a.config.hashrate_per_usdt_bps = 0), CipError::InvalidHashrateRate),
        ("staleness 0", Box::new(|a| a.config.max_price_staleness = 0), CipError::InvalidStaleness),
        ("conf 0", Box::new(|a| a.config.max_conf_bps = 0), CipError::InvalidConfidenceBound),
        ("no levels", Box::new(|a| a.levels.clear()), CipError::InvalidLevelCount),
        (
            "level 0 threshold",
            Box::new(|a| a.levels[0].min_team_volume = 1),
            CipError::LevelZeroThresholdNotZero,
        ),
        (
            "thresholds not ascending",
            Box::new(|a| a.levels[2].min_team_volume = a.levels[1].min_team_volume),
            CipError::LevelThresholdsNotAscending,
        ),
        ("rate above 100 %", Box::new(|a| a.levels[3].commission_bps = 10_001), CipError::RateAboveMaximum),
        ("rate decreasing", Box::new(|a| a.levels[2].commission_bps = 1_000), CipError::RatesDecreasing),
        ("default reporter", Box::new(|a| a.roles.reporter = Pubkey::default()), CipError::InvalidRoleKey),
    ];
    for (name, mutate, expected) in cases {
        let mut args = base.clone();
        mutate(&mut args);
        let init = ix::initialize_pool(&f.admin.pubkey(), &f.keys, args);
        let failure = f.send_as_admin(init).await;
        assert!(failure.is_err(), "{name}: accepted");
        assert_error(failure, expected);
    }
    assert!(f.chain.account(&f.keys.pool).await.is_none());
    // The unmodified args still work.
    f.send_as_admin(ix::initialize_pool(&f.admin.pubkey(), &f.keys, base)).await.expect("valid init");
}

#[tokio::test]
async fn update_config_validates_and_emits_old_and_new() {
    let mut f = PoolFixture::new().await;
    let old = f.pool().await.config;
    let mut new = old.clone();
    new.same_level_cut = false;
    new.max_depth = 20;
    new.trigger_multiplier = 12;

    let outsider = f.chain.funded_keypair(1).await;
    let by_outsider = ix::update_config(&outsider.pubkey(), &f.keys.pool, new.clone());
    assert_error(f.send_as(&outsider, by_outsider).await, CipError::NotAdmin);

    let mut invalid = new.clone();
    invalid.max_depth = 21;
    let rejected = ix::update_config(&f.admin.pubkey(), &f.keys.pool, invalid);
    assert_error(f.send_as_admin(rejected).await, CipError::InvalidMaxDepth);

    let receipt =
        f.send_as_admin(ix::update_config(&f.admin.pubkey(), &f.keys.pool, new.clone())).await.unwrap();
    assert_eq!(f.pool().await.config, new);
    let event = receipt.event::<ConfigUpdated>();
    assert_eq!(event.old_config, old);
    assert_eq!(event.new_config, new);
}

#[tokio::test]
async fn update_levels_and_roles() {
    let mut f = PoolFixture::new().await;
    let preset_b = LevelPreset::B.levels(6);
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::update_levels(&outsider.pubkey(), &f.keys.pool, preset_b.clone())).await,
        CipError::NotAdmin,
    );
    let mut decreasing = preset_b.clone();
    decreasing[10].rebate_bps = 100;
    assert_error(
        f.send_as_admin(ix::update_levels(&f.admin.pubkey(), &f.keys.pool, decreasing)).await,
        CipError::RatesDecreasing,
    );
    let receipt =
        f.send_as_admin(ix::update_levels(&f.admin.pubkey(), &f.keys.pool, preset_b.clone())).await.unwrap();
    assert_eq!(f.pool().await.levels, preset_b);
    let event = receipt.event::<LevelsUpdated>();
    assert_eq!(event.old_levels, LevelPreset::A.levels(6));
    assert_eq!(event.new_levels, preset_b);

    let new_roles = PoolRoles {
        reporter: Pubkey::new_unique(),
        oracle_authority: Pubkey::new_unique(),
        reviewer: Pubkey::new_unique(),
    };
    assert_error(
        f.send_as(&outsider, ix::set_roles(&outsider.pubkey(), &f.keys.pool, new_roles)).await,
        CipError::NotAdmin,
    );
    let mut bad_roles = new_roles;
    bad_roles.reviewer = Pubkey::default();
    assert_error(
        f.send_as_admin(ix::set_roles(&f.admin.pubkey(), &f.keys.pool, bad_roles)).await,
        CipError::InvalidRoleKey,
    );
    let receipt = f.send_as_admin(ix::set_roles(&f.admin.pubkey(), &f.keys.pool, new_roles)).await.unwrap();
    assert_eq!(f.pool().await.roles, new_roles);
    let event = receipt.event::<RolesUpdated>();
    assert_eq!(event.old_roles, f.roles());
    assert_eq!(event.new_roles, new_roles);
}

#[tokio::test]
async fn admin_transfer_is_two_step() {
    let mut f = PoolFixture::new().await;
    let successor = f.chain.funded_keypair(1).await;
    let outsider = f.chain.funded_keypair(1).await;

    assert_error(
        f.send_as(&successor, ix::accept_admin(&successor.pubkey(), &f.keys.pool)).await,
        CipError::NoPendingAdmin,
    );
    assert_error(
        f.send_as(&outsider, ix::propose_admin(&outsider.pubkey(), &f.keys.pool, outsider.pubkey())).await,
        CipError::NotAdmin,
    );
    assert_error(
        f.send_as_admin(ix::propose_admin(&f.admin.pubkey(), &f.keys.pool, Pubkey::default())).await,
        CipError::InvalidRoleKey,
    );

    let receipt = f
        .send_as_admin(ix::propose_admin(&f.admin.pubkey(), &f.keys.pool, successor.pubkey()))
        .await
        .unwrap();
    let proposed = receipt.event::<AdminProposed>();
    assert_eq!((proposed.admin, proposed.proposed_admin), (f.admin.pubkey(), successor.pubkey()));
    let pool = f.pool().await;
    assert_eq!(pool.admin, f.admin.pubkey(), "proposal alone changes nothing");
    assert_eq!(pool.pending_admin, Some(successor.pubkey()));

    assert_error(
        f.send_as(&outsider, ix::accept_admin(&outsider.pubkey(), &f.keys.pool)).await,
        CipError::NotPendingAdmin,
    );
    let receipt = f.send_as(&successor, ix::accept_admin(&successor.pubkey(), &f.keys.pool)).await.unwrap();
    let transferred = receipt.event::<AdminTransferred>();
    assert_eq!((transferred.old_admin, transferred.new_admin), (f.admin.pubkey(), successor.pubkey()));
    let pool = f.pool().await;
    assert_eq!(pool.admin, successor.pubkey());
    assert_eq!(pool.pending_admin, None);

    // The old admin has lost every admin power; the new one has them.
    assert_error(
        f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, true)).await,
        CipError::NotAdmin,
    );
    f.send_as(&successor, ix::set_paused(&successor.pubkey(), &f.keys.pool, true)).await.unwrap();
}

#[tokio::test]
async fn pause_stops_purchases_only() {
    let mut f = PoolFixture::new().await;
    let traders = f.register_chain(2, 100).await;
    f.buy(&traders[1], f.usdt(10)).await.unwrap();

    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::set_paused(&outsider.pubkey(), &f.keys.pool, true)).await,
        CipError::NotAdmin,
    );
    assert_error(
        f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, false)).await,
        CipError::PauseStateUnchanged,
    );
    let receipt = f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, true)).await.unwrap();
    assert!(receipt.event::<PauseChanged>().paused);
    assert!(f.pool().await.paused);
    assert_error(
        f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, true)).await,
        CipError::PauseStateUnchanged,
    );

    // Purchases stop...
    let newcomer = f.new_trader(Some(&traders[0]), 100).await; // ...registration does not...
    assert_error(f.buy(&newcomer, f.usdt(10)).await, CipError::PoolPaused);
    // ...and claims keep working.
    let referrer = &traders[0];
    f.send_as(&referrer.wallet, ix::claim_commission(&referrer.key(), &f.keys, &referrer.token))
        .await
        .expect("claims work while paused");

    let receipt = f.send_as_admin(ix::set_paused(&f.admin.pubkey(), &f.keys.pool, false)).await.unwrap();
    assert!(!receipt.event::<PauseChanged>().paused);
    f.buy(&newcomer, f.usdt(10)).await.expect("buying resumes after unpause");
}

#[tokio::test]
async fn default_config_matches_the_spec() {
    let config = default_config(6, LevelPreset::A);
    assert_eq!(config.tiers.len(), 6);
    assert_eq!(config.tiers[1], PremiumTier { min: 10_000_000, max: 90_000_000, step: 10_000_000 });
    assert_eq!(config.trigger_multiplier, 10);
    assert_eq!(config.payout_ratio_bps, 5_000);
    assert_eq!(config.policy_duration, 86_400);
    assert_eq!(config.max_depth, 10);
    assert!(config.same_level_cut);
    assert_eq!(config.max_price_staleness, 60);
    assert_eq!(config.max_conf_bps, 200);
    assert_eq!(default_config(6, LevelPreset::B).direct_bonus_bps, 500);
    // A pool can be created with either preset.
    for preset in [LevelPreset::A, LevelPreset::B] {
        let mut f = PoolFixture::with_options(PoolOptions::preset(preset)).await;
        assert_eq!(f.pool().await.levels, preset.levels(6));
    }
}
