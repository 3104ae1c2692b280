//! The attack-class × instruction matrix (issue 10). One world holds every account in every state
//! an instruction needs (two pools, so each pool-scoped account has a foreign twin); each
//! instruction is described once as a valid [`Case`] (checked to succeed in simulation) with the
//! mutations that apply to it and the error each must produce. Every rejected transaction is sent
//! for real and the harness checks it changed nothing. The README's matrix table lists the
//! classes and the instructions they cover; `matrix_cells` counts the cells.

use anchor_lang::error::ErrorCode as AnchorError;
use anchor_lang::prelude::Pubkey;
use cip_harness::{
    fixture::{btc_market_params, create_ata, create_mint, create_mint_with_extensions, symbol},
    ix::{self, CoverKeys, ExposurePair, MiningKeys, PositionTriple, PositionUpdate},
    pda,
    pyth::{price_update_account, PythPrice},
    PoolFixture, PoolOptions, Trader,
};
use contract_insurance::error::CipError;
use contract_insurance::math::vesting::{day_index, SECONDS_PER_DAY};
use contract_insurance::state::*;
use contract_insurance::{InsuredAmount, LiquidationCoverArgs};
use solana_sdk::{
    account::Account as SolanaAccount,
    instruction::Instruction,
    signature::{Keypair, Signer},
};

use crate::positions::{long, short, BTC, USD};

const PYTH_FEED: [u8; 32] = [9; 32];

/// Whether a paused pool refuses the instruction (new purchases) or lets it run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pause {
    Refused,
    Works,
    /// Admin instructions and the like: pause is not about them.
    NotApplicable,
}

/// One instruction, valid as built, with the mutations that apply to it.
struct Case {
    name: &'static str,
    ix: Instruction,
    /// Who signs (the fee payer first).
    signers: Vec<Keypair>,
    /// The role signer an outsider replaces, and the error that gives.
    wrong_signer: Option<(Pubkey, u32)>,
    /// Pool-scoped accounts swapped for their twin in the other pool, with the error each gives.
    foreign: Vec<(Pubkey, Pubkey, u32)>,
    /// Accounts that must be writable, with the error passing them read-only gives.
    writable: Vec<(Pubkey, u32)>,
    pause: Pause,
}

impl Case {
    fn new(name: &'static str, ix: Instruction, signer: &Keypair) -> Case {
        Case {
            name,
            ix,
            signers: vec![signer.insecure_clone()],
            wrong_signer: None,
            foreign: Vec::new(),
            writable: Vec::new(),
            pause: Pause::Works,
        }
    }

    fn signer(mut self, key: Pubkey, error: impl Into<u32>) -> Case {
        self.wrong_signer = Some((key, error.into()));
        self
    }

    fn foreign(mut self, ours: Pubkey, theirs: Pubkey, error: impl Into<u32>) -> Case {
        self.foreign.push((ours, theirs, error.into()));
        self
    }

    fn writable(mut self, key: Pubkey, error: impl Into<u32>) -> Case {
        self.writable.push((key, error.into()));
        self
    }

    fn pause(mut self, pause: Pause) -> Case {
        self.pause = pause;
        self
    }
}

/// The accounts of the other pool that stand in for ours.
struct Twin {
    keys: ix::PoolKeys,
    trader: Trader,
    market: Pubkey,
    policy: Pubkey,
    position: Pubkey,
    cover: Pubkey,
    mining: MiningKeys,
}

struct World {
    f: PoolFixture,
    twin: Twin,
    /// Our pool's token accounts and mints with the other pool's counterpart.
    token_twins: Vec<(Pubkey, Pubkey)>,
    outsider: Keypair,
    fake_pool: Pubkey,
    cases: Vec<Case>,
}

fn order(order_qty: u64, insured: u64) -> LiquidationCoverArgs {
    LiquidationCoverArgs {
        order_id: 1,
        side: Side::Long,
        order_qty,
        margin: 500 * USD,
        insured: InsuredAmount::Amount(insured),
    }
}

/// Buys a cover on `trader`'s next index, optionally filled into a new 1 BTC long `position_id`.
async fn cover(f: &mut PoolFixture, trader: &Trader, market: &Pubkey, filled: Option<u64>) -> CoverKeys {
    match filled {
        Some(position_id) => f.buy_filled_cover(trader, market, order(BTC, 10 * USD), position_id).await,
        None => {
            let index = f.user(&trader.key()).await.liquidation_cover_count;
            f.buy_cover(trader, market, order(2 * BTC, 10 * USD)).await.expect("buy cover");
            f.cover_keys(&trader.key(), index, market)
        }
    }
}

/// Two levels, both paying commission and rebates, so every claim has something owed.
fn levels() -> Vec<Level> {
    vec![
        Level { min_team_volume: 0, commission_bps: 1_500, rebate_bps: 1_000 },
        Level { min_team_volume: u64::MAX / 2, commission_bps: 2_000, rebate_bps: 2_000 },
    ]
}

async fn other_pool(f: &mut PoolFixture) -> Twin {
    let authority = f.mint_authority.insecure_clone();
    let mint = create_mint(&mut f.chain, &authority, 6, &anchor_spl::token::ID).await;
    let keys = ix::PoolKeys::new(mint, anchor_spl::token::ID);
    let init = ix::initialize_pool(&f.admin.pubkey(), &keys, f.init_args());
    f.send_as_admin(init).await.expect("the other pool");
    let market_params = MarketParams { symbol: symbol("B-PERP"), ..btc_market_params() };
    f.send_as_admin(ix::add_market(&f.admin.pubkey(), &keys.pool, 1, market_params)).await.unwrap();
    let market = pda::market(&keys.pool, 1);
    // A registered trader of the other pool with a policy, a position and a cover.
    let wallet = f.chain.funded_keypair(5).await;
    let token = create_ata(&mut f.chain, &wallet.pubkey(), &mint, &keys.token_program).await;
    let mint_to = |amount| {
        anchor_spl::token::spl_token::instruction::mint_to(
            &keys.token_program,
            &mint,
            &token,
            &authority.pubkey(),
            &[],
            amount,
        )
        .unwrap()
    };
    f.chain.send(&[mint_to(1_000 * USD)], &authority, &[]).await.unwrap();
    f.send_as(&wallet, ix::register(&wallet.pubkey(), &keys.pool, None)).await.unwrap();
    f.send_as(&wallet, ix::buy_policy(&wallet.pubkey(), &keys, &token, 0, 10 * USD, &[])).await.unwrap();
    let policy = pda::policy(&keys.pool, &wallet.pubkey(), 0);
    let reporter = f.reporter.insecure_clone();
    let now = f.chain.now().await;
    let open = ix::open_position(
        &reporter.pubkey(),
        &keys.pool,
        &market,
        &wallet.pubkey(),
        1,
        long(BTC, USD).at(now),
        Some(policy),
    );
    f.send_as(&reporter, open).await.unwrap();
    let funder_token = create_ata(&mut f.chain, &authority.pubkey(), &mint, &keys.token_program).await;
    let fund = anchor_spl::token::spl_token::instruction::mint_to(
        &keys.token_program,
        &mint,
        &funder_token,
        &authority.pubkey(),
        &[],
        1_000 * USD,
    )
    .unwrap();
    f.chain.send(&[fund], &authority, &[]).await.unwrap();
    f.chain
        .send(&[ix::deposit_capital(&authority.pubkey(), &keys, &funder_token, 1_000 * USD)], &authority, &[])
        .await
        .unwrap();
    let buy = ix::buy_liquidation_cover(&wallet.pubkey(), &keys, &market, &token, 0, order(BTC, 10 * USD));
    f.send_as(&wallet, buy).await.unwrap();
    let reward_mint = create_mint(&mut f.chain, &authority, 6, &keys.token_program).await;
    let mining = MiningKeys::new(&keys, reward_mint);
    let params =
        MiningParams { reward_per_second: 1, end_time: None, unstake_allowed: true, unstake_cooldown: 0 };
    f.send_as_admin(ix::init_mining_pool(&f.admin.pubkey(), &mining, params)).await.unwrap();
    // Its own admin and roles, so a swapped pool meets a signer that holds no role in it.
    let roles = PoolRoles {
        reporter: Pubkey::new_unique(),
        oracle_authority: Pubkey::new_unique(),
        reviewer: Pubkey::new_unique(),
    };
    f.send_as_admin(ix::set_roles(&f.admin.pubkey(), &keys.pool, roles)).await.unwrap();
    let admin = f.chain.funded_keypair(1).await;
    f.send_as_admin(ix::propose_admin(&f.admin.pubkey(), &keys.pool, admin.pubkey())).await.unwrap();
    f.send_as(&admin, ix::accept_admin(&admin.pubkey(), &keys.pool)).await.unwrap();
    // A transfer of its own under way, so accept_admin meets a pending admin that is not ours.
    f.send_as(&admin, ix::propose_admin(&admin.pubkey(), &keys.pool, Pubkey::new_unique())).await.unwrap();
    let owner = wallet.pubkey();
    Twin {
        trader: Trader {
            user: pda::user(&keys.pool, &owner),
            node: pda::referral_node(&keys.pool, &owner),
            wallet,
            token,
        },
        keys,
        market,
        policy,
        position: pda::position(&keys.pool, &owner, 1),
        cover: pda::liquidation_cover(&keys.pool, &owner, 0),
        mining,
    }
}

impl Twin {
    /// Every account of the other pool that can stand in for one of ours: its program accounts
    /// (one of each type but `Miner`) and its token accounts and mints.
    fn program_accounts(&self) -> Vec<Pubkey> {
        let owner = self.trader.wallet.pubkey();
        vec![
            self.keys.pool,
            self.market,
            pda::mark_price_feed(&self.market),
            self.trader.user,
            self.trader.node,
            self.policy,
            pda::policy_exposure(&self.policy, &self.market),
            self.position,
            self.cover,
            pda::exposure(&self.keys.pool, &owner, &self.market),
            self.mining.mining_pool,
        ]
    }
}

/// Builds the world: every instruction's accounts in a state where the instruction succeeds.
async fn world() -> World {
    let options = PoolOptions { levels: Some(levels()), ..PoolOptions::default() };
    let mut f = PoolFixture::with_options(options).await;
    // Start at 10:00 local (UTC+8) so vesting and review deadlines fall where planned.
    let now = f.chain.now().await;
    let t0 = (day_index(now, 8 * 3_600).unwrap() + 1) * SECONDS_PER_DAY - 8 * 3_600 + 10 * 3_600;
    f.chain.set_time(t0).await;
    let twin = other_pool(&mut f).await;
    let market = f.add_market(1, btc_market_params()).await;
    let pyth_params = MarketParams {
        symbol: symbol("P-PERP"),
        oracle: OracleSource::Pyth { feed_id: PYTH_FEED },
        ..btc_market_params()
    };
    let pyth_market = f.add_market(2, pyth_params).await;
    f.deposit_capital(100_000 * USD).await;
    let outsider = f.chain.funded_keypair(5).await;
    let (admin, reporter, reviewer, oracle) = (
        f.admin.insecure_clone(),
        f.reporter.insecure_clone(),
        f.reviewer.insecure_clone(),
        f.oracle_authority.insecure_clone(),
    );
    let pool = f.keys.pool;
    let keys = f.keys;

    // Loss cover, bought at t0: compensating, expired-unsettled, finished, valued, deferred.
    let referrer = f.new_trader(None, 1_000).await;
    let mut traders = Vec::new();
    for _ in 0..5 {
        traders.push(f.new_trader(Some(&referrer), 1_000).await);
    }
    let [t_comp, t_settle, t_done, t_valued, t_defer] = <[Trader; 5]>::try_from(traders).ok().unwrap();
    for (trader, opening) in [
        (&t_comp, Some(long(BTC, 60_000 * USD))),
        (&t_settle, Some(long(BTC, 60_000 * USD))),
        (&t_done, None),
        (&t_valued, Some(short(BTC, 60_000 * USD))),
        (&t_defer, Some(long(BTC, 60_000 * USD))),
    ] {
        f.buy(trader, f.usdt(100)).await.unwrap();
        if let Some(opening) = opening {
            f.open_position(&trader.key(), &market, 1, opening).await.unwrap();
        }
    }
    // Covers, bought and worked at t0.
    let c = f.new_trader(None, 1_000).await;
    let cover_unfilled = cover(&mut f, &c, &market, None).await;
    let cover_filled = cover(&mut f, &c, &market, Some(11)).await;
    let cover_overdue = cover(&mut f, &c, &market, Some(12)).await;
    f.send_as_reporter(ix::report_liquidation(&reporter.pubkey(), &keys, &cover_overdue, BTC, 100 * USD))
        .await
        .unwrap();
    let cover_vesting = cover(&mut f, &c, &market, Some(13)).await;
    f.send_as_reporter(ix::report_liquidation(&reporter.pubkey(), &keys, &cover_vesting, BTC, 100 * USD))
        .await
        .unwrap();
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &keys, &cover_vesting, true)).await.unwrap();
    let cover_refund = cover(&mut f, &c, &market, None).await;
    f.send_as_reporter(ix::cancel_order_remainder(&reporter.pubkey(), &keys, &cover_refund, None, 2 * BTC))
        .await
        .unwrap();
    let cover_finished = cover(&mut f, &c, &market, Some(15)).await;
    f.send_as_reporter(ix::close_order_cover(&reporter.pubkey(), &keys, &cover_finished)).await.unwrap();
    let c2 = f.new_trader(None, 1_000).await;
    let idle_exposure_cover = cover(&mut f, &c2, &market, None).await;
    f.send_as_reporter(ix::cancel_order_remainder(
        &reporter.pubkey(),
        &keys,
        &idle_exposure_cover,
        Some(c2.token),
        2 * BTC,
    ))
    .await
    .unwrap();

    // The policies' end: marks, then the settlements that put each in its state.
    f.expire_at_marks(&t_comp.key(), 0, &[(market, 58_500 * USD)]).await;
    for trader in [&t_comp, &t_done, &t_valued, &t_defer] {
        f.settle(&trader.key(), 0).await.unwrap();
    }
    let credit_account =
        create_ata(&mut f.chain, &t_defer.key(), &f.keys.credit_mint, &f.keys.token_program).await;
    let reassign = anchor_spl::token::spl_token::instruction::set_authority(
        &f.keys.token_program,
        &credit_account,
        Some(&Pubkey::new_unique()),
        anchor_spl::token::spl_token::instruction::AuthorityType::AccountOwner,
        &t_defer.key(),
        &[],
    )
    .unwrap();
    f.send_as(&t_defer.wallet, reassign).await.unwrap();
    f.issue_compensation(&t_defer.key(), 0).await.unwrap();
    assert!(f.user(&t_defer.key()).await.credits_owed > 0);

    // t1 = t0 + 27 h: the overdue claim is past its deadline, the approved one vests.
    f.chain.set_time(t0 + 27 * 3_600).await;
    let t1 = t0 + 27 * 3_600;
    let cover_review = cover(&mut f, &c, &market, Some(16)).await;
    f.send_as_reporter(ix::report_liquidation(&reporter.pubkey(), &keys, &cover_review, BTC, 100 * USD))
        .await
        .unwrap();
    let t_early = f.new_trader(Some(&referrer), 1_000).await;
    f.buy(&t_early, f.usdt(100)).await.unwrap();
    f.open_position(&t_early.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    f.post_fresh_price(&market, (58_000 * USD) as i64).await;
    let t_buy = f.new_trader(Some(&referrer), 1_000).await;

    // Mining: one miner staked, one emptied.
    let reward_mint =
        create_mint(&mut f.chain, &f.mint_authority.insecure_clone(), 6, &f.keys.token_program).await;
    let mining = MiningKeys::new(&f.keys, reward_mint);
    let params =
        MiningParams { reward_per_second: 1_000, end_time: None, unstake_allowed: true, unstake_cooldown: 0 };
    f.send_as_admin(ix::init_mining_pool(&admin.pubkey(), &mining, params)).await.unwrap();
    let treasury = create_ata(&mut f.chain, &admin.pubkey(), &reward_mint, &f.keys.token_program).await;
    let mint_rewards = anchor_spl::token::spl_token::instruction::mint_to(
        &f.keys.token_program,
        &reward_mint,
        &treasury,
        &f.mint_authority.pubkey(),
        &[],
        10_000_000_000,
    )
    .unwrap();
    let mint_authority = f.mint_authority.insecure_clone();
    f.chain.send(&[mint_rewards], &mint_authority, &[]).await.unwrap();
    f.send_as_admin(ix::fund_rewards(&admin.pubkey(), &mining, &treasury, 1_000_000_000)).await.unwrap();
    let miner = f.new_trader(None, 0).await;
    let (miner_credits, credits) = f.earn_credits(&miner, f.usdt(10)).await;
    f.send_as(&miner.wallet, ix::stake(&miner.key(), &mining, &miner_credits, credits / 2)).await.unwrap();
    let emptied = f.new_trader(None, 0).await;
    let (emptied_credits, emptied_amount) = f.earn_credits(&emptied, f.usdt(10)).await;
    f.send_as(&emptied.wallet, ix::stake(&emptied.key(), &mining, &emptied_credits, emptied_amount))
        .await
        .unwrap();
    f.chain.advance_time(10).await;
    f.send_as(&miner.wallet, ix::stake(&miner.key(), &mining, &miner_credits, 1)).await.unwrap();
    f.send_as(&emptied.wallet, ix::unstake(&emptied.key(), &mining, &emptied_credits, emptied_amount))
        .await
        .unwrap();
    let emptied_rewards = create_ata(&mut f.chain, &emptied.key(), &reward_mint, &f.keys.token_program).await;
    f.send_as(&emptied.wallet, ix::claim_rewards(&emptied.key(), &mining, &emptied_rewards)).await.unwrap();
    f.chain.advance_time(10).await;
    let miner_rewards = create_ata(&mut f.chain, &miner.key(), &reward_mint, &f.keys.token_program).await;

    // A fresh Pyth print for the Pyth market, and a pending admin for accept_admin.
    let now = f.chain.now().await;
    let update = Pubkey::new_unique();
    let rent = f.chain.rent_exempt_minimum(200).await;
    let print = PythPrice {
        feed_id: PYTH_FEED,
        price: 6_000_000_000_000,
        conf: 0,
        exponent: -8,
        publish_time: now,
        fully_verified: true,
    };
    f.chain.set_account(&update, price_update_account(print, rent));
    let pending_admin = f.chain.funded_keypair(1).await;
    f.send_as_admin(ix::propose_admin(&admin.pubkey(), &pool, pending_admin.pubkey())).await.unwrap();
    let fake_pool = Pubkey::new_unique();
    let pool_account = f.chain.account(&pool).await.unwrap();
    f.chain.set_account(&fake_pool, SolanaAccount { ..pool_account });
    let newcomer = f.chain.funded_keypair(1).await;
    let admin_token = f.token_account_for(&admin.pubkey()).await;
    assert!(t1 > 0);
    let token_twins = vec![
        (keys.vault, twin.keys.vault),
        (keys.credit_mint, twin.keys.credit_mint),
        (mining.stake_vault, twin.mining.stake_vault),
        (mining.reward_vault, twin.mining.reward_vault),
    ];

    let cases = cases(Refs {
        f: &mut f,
        twin: &twin,
        outsider: &outsider,
        admin: &admin,
        reporter: &reporter,
        reviewer: &reviewer,
        oracle: &oracle,
        pending_admin: &pending_admin,
        newcomer: &newcomer,
        market,
        pyth_market,
        update,
        referrer: &referrer,
        t_comp: &t_comp,
        t_settle: &t_settle,
        t_done: &t_done,
        t_valued: &t_valued,
        t_defer: &t_defer,
        t_early: &t_early,
        t_buy: &t_buy,
        c: &c,
        c2: &c2,
        covers: [
            cover_unfilled,
            cover_filled,
            cover_overdue,
            cover_vesting,
            cover_refund,
            cover_finished,
            cover_review,
        ],
        mining,
        miner: &miner,
        miner_credits,
        miner_rewards,
        emptied: &emptied,
        treasury,
        admin_token,
    })
    .await;
    World { f, twin, token_twins, outsider, fake_pool, cases }
}

struct Refs<'a> {
    f: &'a mut PoolFixture,
    twin: &'a Twin,
    outsider: &'a Keypair,
    admin: &'a Keypair,
    reporter: &'a Keypair,
    reviewer: &'a Keypair,
    oracle: &'a Keypair,
    pending_admin: &'a Keypair,
    newcomer: &'a Keypair,
    market: Pubkey,
    pyth_market: Pubkey,
    update: Pubkey,
    referrer: &'a Trader,
    t_comp: &'a Trader,
    t_settle: &'a Trader,
    t_done: &'a Trader,
    t_valued: &'a Trader,
    t_defer: &'a Trader,
    t_early: &'a Trader,
    t_buy: &'a Trader,
    c: &'a Trader,
    c2: &'a Trader,
    /// unfilled, filled, overdue claim, vesting, refund owed, finished, under review.
    covers: [CoverKeys; 7],
    mining: MiningKeys,
    miner: &'a Trader,
    miner_credits: Pubkey,
    miner_rewards: Pubkey,
    emptied: &'a Trader,
    treasury: Pubkey,
    admin_token: Pubkey,
}

/// Every instruction of the program as a valid case in the world, with its mutations.
async fn cases(r: Refs<'_>) -> Vec<Case> {
    use AnchorError::{ConstraintMut, ConstraintSeeds};
    let f = r.f;
    let keys = f.keys;
    let pool = keys.pool;
    let tw = r.twin;
    let (admin, reporter, reviewer, oracle) =
        (r.admin.pubkey(), r.reporter.pubkey(), r.reviewer.pubkey(), r.oracle.pubkey());
    let outsider = r.outsider.pubkey();
    let market = r.market;
    let config = f.pool().await.config;
    let now = f.chain.now().await;
    let [unfilled, filled, overdue, vesting, refund, finished, review] = r.covers;
    let policy_of = |trader: &Trader, f: &PoolFixture| f.policy_key(&trader.key(), 0);
    let comp_policy = policy_of(r.t_comp, f);
    let settle_policy = policy_of(r.t_settle, f);
    let early_policy = policy_of(r.t_early, f);
    let early_position = pda::position(&pool, &r.t_early.key(), 1);
    let uplines = [r.referrer.node];
    let mut cases = vec![
        // --- admin -------------------------------------------------------------------------
        Case::new("update_config", ix::update_config(&admin, &pool, config.clone()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .writable(pool, ConstraintMut)
            .pause(Pause::NotApplicable),
        Case::new("update_levels", ix::update_levels(&admin, &pool, levels()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .pause(Pause::NotApplicable),
        Case::new("set_roles", ix::set_roles(&admin, &pool, f.roles()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .pause(Pause::NotApplicable),
        Case::new("set_paused", ix::set_paused(&admin, &pool, true), r.admin)
            .signer(admin, CipError::NotAdmin)
            .pause(Pause::NotApplicable),
        Case::new("propose_admin", ix::propose_admin(&admin, &pool, Pubkey::new_unique()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .pause(Pause::NotApplicable),
        Case::new("accept_admin", ix::accept_admin(&r.pending_admin.pubkey(), &pool), r.pending_admin)
            .signer(r.pending_admin.pubkey(), CipError::NotPendingAdmin)
            .writable(pool, ConstraintMut)
            .pause(Pause::NotApplicable),
        Case::new("assign_level", ix::assign_level(&admin, &pool, &r.referrer.node, 1), r.admin)
            .signer(admin, CipError::NotAdmin)
            .foreign(r.referrer.node, tw.trader.node, CipError::PoolMismatch)
            .writable(r.referrer.node, ConstraintMut)
            .pause(Pause::NotApplicable),
        Case::new("set_lead_trader", ix::set_lead_trader(&admin, &pool, &r.c.key(), true), r.admin)
            .signer(admin, CipError::NotAdmin)
            .foreign(r.c.user, tw.trader.user, CipError::PoolMismatch)
            .pause(Pause::NotApplicable),
        Case::new("add_market", ix::add_market(&admin, &pool, 9, btc_market_params()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .pause(Pause::NotApplicable),
        Case::new("update_market", ix::update_market(&admin, &pool, &market, btc_market_params()), r.admin)
            .signer(admin, CipError::NotAdmin)
            .foreign(market, tw.market, CipError::PoolMismatch)
            .writable(market, ConstraintMut)
            .pause(Pause::NotApplicable),
        // --- prices -------------------------------------------------------------------------
        Case::new(
            "post_mark_price",
            ix::post_mark_price(&oracle, &pool, &market, 58_100 * USD as i64, 0, now),
            r.oracle,
        )
        .signer(oracle, CipError::NotOracleAuthority)
        .foreign(market, tw.market, CipError::PoolMismatch)
        .writable(pda::mark_price_feed(&market), ConstraintMut),
        Case::new(
            "record_pyth_price",
            ix::record_pyth_price(&outsider, &pool, &r.pyth_market, &r.update),
            r.outsider,
        )
        .foreign(r.pyth_market, tw.market, CipError::PoolMismatch)
        .writable(pda::mark_price_feed(&r.pyth_market), ConstraintMut),
        // --- referral -----------------------------------------------------------------------
        Case::new("register", ix::register(&r.newcomer.pubkey(), &pool, Some(r.referrer.node)), r.newcomer)
            .foreign(r.referrer.node, tw.trader.node, CipError::PoolMismatch)
            .writable(pda::user(&pool, &r.newcomer.pubkey()), ConstraintMut)
            .pause(Pause::Works),
        Case::new(
            "claim_commission",
            ix::claim_commission(&r.referrer.key(), &keys, &r.referrer.token),
            &r.referrer.wallet,
        )
        .signer(r.referrer.key(), ConstraintSeeds)
        .foreign(r.referrer.node, tw.trader.node, ConstraintSeeds)
        .writable(keys.vault, ConstraintMut),
        Case::new(
            "claim_rebate",
            ix::claim_rebate(&r.referrer.key(), &keys, &ix::credit_account(&r.t_defer.key(), &keys)),
            &r.referrer.wallet,
        )
        .signer(r.referrer.key(), ConstraintSeeds)
        .foreign(r.referrer.node, tw.trader.node, ConstraintSeeds)
        .writable(keys.credit_mint, ConstraintMut),
        // --- loss cover ---------------------------------------------------------------------
        Case::new(
            "buy_policy",
            ix::buy_policy(&r.t_buy.key(), &keys, &r.t_buy.token, 0, f.usdt(10), &uplines),
            &r.t_buy.wallet,
        )
        .signer(r.t_buy.key(), ConstraintSeeds)
        .foreign(r.t_buy.user, tw.trader.user, ConstraintSeeds)
        .writable(keys.vault, ConstraintMut)
        .writable(r.referrer.node, CipError::UplineNotWritable)
        .pause(Pause::Refused),
        Case::new(
            "settle_policy",
            ix::settle_policy(
                &outsider,
                &pool,
                &settle_policy,
                &r.t_settle.key(),
                &[ExposurePair::of(&settle_policy, &market)],
            ),
            r.outsider,
        )
        .foreign(settle_policy, tw.policy, CipError::PoolMismatch)
        .writable(settle_policy, ConstraintMut)
        .writable(pda::policy_exposure(&settle_policy, &market), CipError::ExposureMismatch),
        Case::new(
            "request_early_settlement",
            ix::request_early_settlement(
                &r.t_early.key(),
                &pool,
                &early_policy,
                1,
                Some(PositionTriple {
                    position: early_position,
                    market,
                    mark_price_feed: pda::mark_price_feed(&market),
                }),
            ),
            &r.t_early.wallet,
        )
        .signer(r.t_early.key(), CipError::NotOwner)
        .foreign(early_policy, tw.policy, CipError::PoolMismatch)
        .writable(early_policy, ConstraintMut),
        Case::new(
            "issue_compensation",
            ix::issue_compensation(&outsider, &keys, &comp_policy, &r.t_comp.key(), &uplines),
            r.outsider,
        )
        .foreign(comp_policy, tw.policy, CipError::PoolMismatch)
        .writable(comp_policy, ConstraintMut)
        .writable(keys.credit_mint, ConstraintMut),
        Case::new(
            "claim_credits",
            ix::claim_credits(&r.t_defer.key(), &keys, &r.miner_credits),
            &r.t_defer.wallet,
        )
        .signer(r.t_defer.key(), ConstraintSeeds)
        .foreign(r.t_defer.user, tw.trader.user, ConstraintSeeds)
        .writable(r.t_defer.user, ConstraintMut),
        // --- positions ----------------------------------------------------------------------
        Case::new(
            "open_position",
            ix::open_position(
                &reporter,
                &pool,
                &market,
                &r.t_early.key(),
                2,
                long(BTC, 58_000 * USD).at(now),
                Some(early_policy),
            ),
            r.reporter,
        )
        .signer(reporter, CipError::NotReporter)
        .foreign(market, tw.market, CipError::PoolMismatch)
        .foreign(r.t_early.user, tw.trader.user, CipError::PoolMismatch)
        .writable(r.t_early.user, ConstraintMut),
    ];
    for (name, update) in [
        ("increase_position", PositionUpdate::Increase { size: BTC, price: 58_000 * USD, added_margin: 0 }),
        ("close_position", PositionUpdate::Close { size: BTC / 2, price: 58_000 * USD, fee: 0 }),
        ("liquidate_position", PositionUpdate::Liquidate { size: BTC / 2, price: 58_000 * USD, fee: 0 }),
    ] {
        let build = ix::update_position(
            &reporter,
            &pool,
            &market,
            &r.t_early.key(),
            &early_position,
            Some(early_policy),
            update,
            now,
        );
        cases.push(
            Case::new(name, build, r.reporter)
                .signer(reporter, CipError::NotReporter)
                .foreign(market, tw.market, CipError::PoolMismatch)
                // Another pool's position belongs to another trader: refused before its pool is.
                .foreign(early_position, tw.position, CipError::PositionOwnerMismatch)
                .writable(early_position, ConstraintMut),
        );
    }
    cases.extend([
        // --- liquidation cover --------------------------------------------------------------
        Case::new(
            "buy_liquidation_cover",
            ix::buy_liquidation_cover(&r.c.key(), &keys, &market, &r.c.token, 7, order(BTC, 10 * USD)),
            &r.c.wallet,
        )
        .signer(r.c.key(), ConstraintSeeds)
        .foreign(market, tw.market, CipError::PoolMismatch)
        .writable(keys.vault, ConstraintMut)
        .pause(Pause::Refused),
        Case::new(
            "report_order_fill",
            ix::report_order_fill(
                &reporter,
                &pool,
                &unfilled.cover,
                &pda::position(&pool, &r.c.key(), 11),
                BTC,
            ),
            r.reporter,
        )
        .signer(reporter, CipError::NotReporter)
        .foreign(unfilled.cover, tw.cover, CipError::PoolMismatch)
        .writable(unfilled.cover, ConstraintMut),
        Case::new(
            "cancel_order_remainder",
            ix::cancel_order_remainder(&reporter, &keys, &unfilled, Some(r.c.token), BTC),
            r.reporter,
        )
        .signer(reporter, CipError::NotReporter)
        .foreign(unfilled.cover, tw.cover, CipError::PoolMismatch)
        .writable(unfilled.cover, ConstraintMut)
        .writable(keys.vault, ConstraintMut),
        Case::new("close_order_cover", ix::close_order_cover(&reporter, &keys, &filled), r.reporter)
            .signer(reporter, CipError::NotReporter)
            .foreign(filled.cover, tw.cover, ConstraintSeeds)
            .writable(filled.cover, ConstraintMut),
        Case::new(
            "report_liquidation",
            ix::report_liquidation(&reporter, &keys, &filled, BTC, 100 * USD),
            r.reporter,
        )
        .signer(reporter, CipError::NotReporter)
        .foreign(filled.cover, tw.cover, ConstraintSeeds)
        .writable(pool, ConstraintMut),
        Case::new("review_claim", ix::review_claim(&reviewer, &keys, &review, true), r.reviewer)
            .signer(reviewer, CipError::NotReviewer)
            .foreign(review.cover, tw.cover, ConstraintSeeds)
            .writable(review.cover, ConstraintMut),
        Case::new("finalize_claim", ix::finalize_claim(&outsider, &keys, &overdue), r.outsider)
            .foreign(overdue.cover, tw.cover, ConstraintSeeds)
            .writable(overdue.cover, ConstraintMut),
        Case::new(
            "claim_vested",
            ix::claim_vested(&r.c.key(), &keys, &vesting.cover, &r.c.token),
            &r.c.wallet,
        )
        .signer(r.c.key(), CipError::NotOwner)
        .foreign(vesting.cover, tw.cover, CipError::NotOwner)
        .writable(keys.vault, ConstraintMut),
        Case::new(
            "claim_refund",
            ix::claim_refund(&r.c.key(), &keys, &refund.cover, &r.c.token),
            &r.c.wallet,
        )
        .signer(r.c.key(), CipError::NotOwner)
        .foreign(refund.cover, tw.cover, CipError::NotOwner)
        .writable(refund.cover, ConstraintMut),
        // --- treasury -------------------------------------------------------------------------
        Case::new("deposit_capital", ix::deposit_capital(&r.c.key(), &keys, &r.c.token, 1), &r.c.wallet)
            .writable(keys.vault, ConstraintMut),
        Case::new("withdraw_surplus", ix::withdraw_surplus(&admin, &keys, &r.admin_token, 1), r.admin)
            .signer(admin, CipError::NotAdmin)
            .writable(keys.vault, ConstraintMut),
        // --- mining ---------------------------------------------------------------------------
        Case::new(
            "update_mining_params",
            ix::update_mining_params(
                &admin,
                &r.mining,
                MiningParams {
                    reward_per_second: 2_000,
                    end_time: None,
                    unstake_allowed: true,
                    unstake_cooldown: 0,
                },
            ),
            r.admin,
        )
        .signer(admin, CipError::NotAdmin)
        .writable(r.mining.mining_pool, ConstraintMut)
        .pause(Pause::NotApplicable),
        Case::new("fund_rewards", ix::fund_rewards(&admin, &r.mining, &r.treasury, 1), r.admin)
            .signer(admin, CipError::NotAdmin)
            .writable(r.mining.reward_vault, ConstraintMut),
        Case::new("withdraw_rewards", ix::withdraw_rewards(&admin, &r.mining, &r.treasury, 1), r.admin)
            .signer(admin, CipError::NotAdmin)
            .writable(r.mining.reward_vault, ConstraintMut),
        Case::new("stake", ix::stake(&r.miner.key(), &r.mining, &r.miner_credits, 1), &r.miner.wallet)
            .signer(r.miner.key(), ConstraintSeeds)
            .writable(r.mining.stake_vault, ConstraintMut),
        Case::new("unstake", ix::unstake(&r.miner.key(), &r.mining, &r.miner_credits, 1), &r.miner.wallet)
            .signer(r.miner.key(), CipError::NotOwner)
            .writable(r.mining.stake_vault, ConstraintMut),
        Case::new(
            "claim_rewards",
            ix::claim_rewards(&r.miner.key(), &r.mining, &r.miner_rewards),
            &r.miner.wallet,
        )
        .signer(r.miner.key(), CipError::NotOwner)
        .writable(r.mining.reward_vault, ConstraintMut),
        // --- account lifecycle ----------------------------------------------------------------
        Case::new(
            "close_policy",
            ix::close_policy(&outsider, &policy_of(r.t_done, f), &r.t_done.key()),
            r.outsider,
        )
        .writable(r.t_done.key(), ConstraintMut),
        Case::new(
            "close_policy_exposure",
            ix::close_policy_exposure(
                &outsider,
                &policy_of(r.t_valued, f),
                &pda::policy_exposure(&policy_of(r.t_valued, f), &market),
                &reporter,
            ),
            r.outsider,
        )
        .writable(reporter, ConstraintMut),
        Case::new(
            "close_liquidation_cover",
            ix::close_liquidation_cover(&outsider, &finished.cover, &r.c.key()),
            r.outsider,
        )
        .foreign(finished.cover, tw.cover, CipError::RentRecipientMismatch)
        .writable(r.c.key(), ConstraintMut),
        Case::new(
            "close_market_exposure",
            ix::close_market_exposure(&outsider, &pda::exposure(&pool, &r.c2.key(), &market), &r.c2.key()),
            r.outsider,
        )
        .writable(r.c2.key(), ConstraintMut),
        Case::new("close_miner", ix::close_miner(&outsider, &r.mining, &r.emptied.key()), r.outsider)
            .writable(r.emptied.key(), ConstraintMut),
    ]);
    cases
}

/// The cells of a class whose outcome differs from the expected error (all are reported
/// together, so one run shows every wrong cell).
#[derive(Default)]
struct Misses(Vec<String>);

impl Misses {
    /// Sends `ix` signed by `signers` (first pays), expecting `error`. The harness checks a
    /// rejected transaction changed no account.
    async fn expect(
        &mut self,
        f: &mut PoolFixture,
        name: &str,
        class: &str,
        ix: Instruction,
        signers: &[&Keypair],
        error: u32,
    ) {
        match f.chain.send(&[ix], signers[0], &signers[1..]).await {
            Ok(_) => self.0.push(format!("{name} × {class}: accepted, expected {error}")),
            Err(failure) if failure.custom_code() != Some(error) => {
                self.0.push(format!("{name} × {class}: {:?}, expected {error}", failure.error))
            }
            Err(_) => {}
        }
    }

    #[track_caller]
    fn assert_none(&self) {
        assert!(self.0.is_empty(), "cells with another outcome:\n{}", self.0.join("\n"));
    }
}

fn signer_refs(case: &Case) -> Vec<&Keypair> {
    case.signers.iter().collect()
}

/// Every case is valid as built: the mutations below fail for the reason they name, not another.
#[tokio::test]
async fn matrix_every_case_is_valid_unmutated() {
    let mut w = world().await;
    assert_eq!(
        w.cases.len(),
        46,
        "all 49 instructions but initialize_pool, init_mining_pool and get_mark_price (own tests)"
    );
    for case in &w.cases {
        let signers = signer_refs(case);
        let result =
            w.f.chain.simulate_signed(std::slice::from_ref(&case.ix), signers[0], &signers[1..]).await;
        assert!(
            result.is_ok(),
            "{} should succeed: {:?}",
            case.name,
            result.err().map(|failure| failure.logs)
        );
    }
}

#[tokio::test]
async fn matrix_wrong_signer_for_each_role() {
    let mut w = world().await;
    let mut misses = Misses::default();
    let outsider = w.outsider.insecure_clone();
    let mut cells = 0;
    for case in &w.cases {
        let Some((role, error)) = case.wrong_signer else { continue };
        let mut ix = case.ix.clone();
        ix::replace_account(&mut ix, &role, &outsider.pubkey());
        misses.expect(&mut w.f, case.name, "wrong signer", ix, &[&outsider], error).await;
        cells += 1;
    }
    misses.assert_none();
    assert_eq!(cells, 35);
}

#[tokio::test]
async fn matrix_accounts_of_another_pool() {
    let mut w = world().await;
    let mut misses = Misses::default();
    let mut cells = 0;
    for case in &w.cases {
        for (ours, theirs, error) in &case.foreign {
            let mut ix = case.ix.clone();
            ix::replace_account(&mut ix, ours, theirs);
            misses.expect(&mut w.f, case.name, "other pool", ix, &signer_refs(case), *error).await;
            cells += 1;
        }
    }
    misses.assert_none();
    assert_eq!(cells, 31);
    let _ = &w.twin.keys;
}

/// The exhaustive form of the column above: in every instruction, every account that belongs to
/// our pool — each program account (its twin found by type) and the pool's vault, credit mint and
/// mining vaults — is swapped, one at a time, for the other pool's of the same kind. Each swap
/// must be refused by an identity check (the errors below: the account's pool, owner, market or
/// policy, its seeds, or the signer's role in the swapped pool — never a state check that happens
/// to fail) and change nothing. `Miner` has no twin: it is derived from the mining pool, whose swap
/// is covered.
#[tokio::test]
async fn matrix_every_pool_scoped_account_swapped_for_the_other_pools() {
    use AnchorError::{ConstraintAddress, ConstraintHasOne, ConstraintSeeds};
    let identity_errors: Vec<(&str, u32)> = vec![
        ("ConstraintSeeds", ConstraintSeeds.into()),
        ("ConstraintHasOne", ConstraintHasOne.into()),
        ("ConstraintAddress", ConstraintAddress.into()),
        ("PoolMismatch", CipError::PoolMismatch.into()),
        ("MarketMismatch", CipError::MarketMismatch.into()),
        ("TokenAccountMismatch", CipError::TokenAccountMismatch.into()),
        ("OracleFeedMismatch", CipError::OracleFeedMismatch.into()),
        ("PolicyAccountMismatch", CipError::PolicyAccountMismatch.into()),
        ("PolicyOwnerMismatch", CipError::PolicyOwnerMismatch.into()),
        ("PositionOwnerMismatch", CipError::PositionOwnerMismatch.into()),
        ("ExposureMismatch", CipError::ExposureMismatch.into()),
        ("CoverPositionMismatch", CipError::CoverPositionMismatch.into()),
        ("UplineLinkMismatch", CipError::UplineLinkMismatch.into()),
        ("RentRecipientMismatch", CipError::RentRecipientMismatch.into()),
        ("NotOwner", CipError::NotOwner.into()),
        ("OracleAccountMismatch", CipError::OracleAccountMismatch.into()),
        ("ExposureNotInPolicy", CipError::ExposureNotInPolicy.into()),
        ("NotAdmin", CipError::NotAdmin.into()),
        ("NotPendingAdmin", CipError::NotPendingAdmin.into()),
        ("NotReporter", CipError::NotReporter.into()),
        ("NotOracleAuthority", CipError::NotOracleAuthority.into()),
        ("NotReviewer", CipError::NotReviewer.into()),
    ];
    let mut w = world().await;
    let mut twin_of_type = std::collections::BTreeMap::new();
    for twin in w.twin.program_accounts() {
        let account = w.f.chain.account(&twin).await.expect("the twin exists");
        twin_of_type.insert(account.data[..8].to_vec(), twin);
    }
    let mut misses = Vec::new();
    let mut by_error = std::collections::BTreeMap::<&str, usize>::new();
    let (mut cells, mut instructions) = (0, 0);
    for case in &w.cases {
        let mut keys: Vec<Pubkey> = Vec::new();
        for meta in case.ix.accounts.iter().filter(|meta| !meta.is_signer) {
            if !keys.contains(&meta.pubkey) {
                keys.push(meta.pubkey);
            }
        }
        let before = cells;
        for ours in keys {
            let twin = match w.token_twins.iter().find(|(key, _)| *key == ours) {
                Some((_, twin)) => Some(*twin),
                None => match w.f.chain.account(&ours).await {
                    Some(account) if account.owner == contract_insurance::ID && account.data.len() >= 8 => {
                        twin_of_type.get(&account.data[..8]).copied()
                    }
                    _ => None,
                },
            };
            let Some(theirs) = twin else { continue };
            let mut ix = case.ix.clone();
            ix::replace_account(&mut ix, &ours, &theirs);
            cells += 1;
            match w.f.chain.send(&[ix], &case.signers[0], &signer_refs(case)[1..]).await {
                Ok(_) => misses.push(format!("{} × {ours} → {theirs}: accepted", case.name)),
                Err(failure) => match identity_errors
                    .iter()
                    .find(|(_, code)| failure.custom_code() == Some(*code))
                {
                    Some((name, _)) => *by_error.entry(name).or_default() += 1,
                    None => misses.push(format!("{} × {ours} → {theirs}: {:?}", case.name, failure.error)),
                },
            }
        }
        if cells > before {
            instructions += 1;
        }
    }
    println!("{cells} pool-scoped accounts swapped in {instructions} instructions, refused by: {by_error:?}");
    assert!(misses.is_empty(), "swaps not refused by an identity check:\n{}", misses.join("\n"));
    assert_eq!((cells, instructions), (137, 46), "update the README's matrix paragraph");
}

/// A program-owned copy of the pool's account at another address: every instruction that takes
/// the pool refuses it on its seeds.
#[tokio::test]
async fn matrix_fake_pool_account_fails_the_seeds() {
    let mut w = world().await;
    let mut misses = Misses::default();
    let pool = w.f.keys.pool;
    let mut cells = 0;
    for case in &w.cases {
        if !case.ix.accounts.iter().any(|meta| meta.pubkey == pool) {
            continue;
        }
        let mut ix = case.ix.clone();
        ix::replace_account(&mut ix, &pool, &w.fake_pool);
        misses
            .expect(
                &mut w.f,
                case.name,
                "fake pool",
                ix,
                &signer_refs(case),
                AnchorError::ConstraintSeeds.into(),
            )
            .await;
        cells += 1;
    }
    misses.assert_none();
    assert_eq!(cells, 38);
}

/// Token-2022 in place of the pool's SPL Token program, and another mint in place of the premium
/// mint, wherever an instruction takes them.
#[tokio::test]
async fn matrix_swapped_token_program_and_wrong_mint() {
    let mut w = world().await;
    let mut misses = Misses::default();
    let keys = w.f.keys;
    let (mut programs, mut mints) = (0, 0);
    for case in &w.cases {
        if case.ix.accounts.iter().any(|meta| meta.pubkey == keys.token_program) {
            let mut ix = case.ix.clone();
            ix::replace_account(&mut ix, &keys.token_program, &anchor_spl::token_2022::ID);
            misses
                .expect(
                    &mut w.f,
                    case.name,
                    "token program",
                    ix,
                    &signer_refs(case),
                    CipError::TokenProgramMismatch.into(),
                )
                .await;
            programs += 1;
        }
        if case.ix.accounts.iter().any(|meta| meta.pubkey == keys.premium_mint) {
            let mut ix = case.ix.clone();
            ix::replace_account(&mut ix, &keys.premium_mint, &w.twin.keys.premium_mint);
            misses
                .expect(
                    &mut w.f,
                    case.name,
                    "wrong mint",
                    ix,
                    &signer_refs(case),
                    CipError::TokenAccountMismatch.into(),
                )
                .await;
            mints += 1;
        }
    }
    misses.assert_none();
    assert_eq!((programs, mints), (16, 8));
}

#[tokio::test]
async fn matrix_read_only_where_writable_is_needed() {
    let mut w = world().await;
    let mut misses = Misses::default();
    let mut cells = 0;
    for case in &w.cases {
        for (key, error) in &case.writable {
            let mut ix = case.ix.clone();
            let mut demoted = false;
            for meta in ix.accounts.iter_mut().filter(|meta| meta.pubkey == *key) {
                meta.is_writable = false;
                demoted = true;
            }
            assert!(demoted, "{}: {key} is not among its accounts", case.name);
            misses.expect(&mut w.f, case.name, "read-only", ix, &signer_refs(case), *error).await;
            cells += 1;
        }
    }
    misses.assert_none();
    assert_eq!(cells, 44);
}

/// Paused: new purchases are refused; everything else (settlement, compensation, early
/// settlement, every claim, refunds, cancels, stake, unstake, closers) keeps working.
#[tokio::test]
async fn matrix_pause_stops_purchases_only() {
    let mut w = world().await;
    let admin = w.f.admin.insecure_clone();
    w.f.send_as(&admin, ix::set_paused(&admin.pubkey(), &w.f.keys.pool, true)).await.unwrap();
    let (mut refused, mut working) = (0, 0);
    for case in &w.cases {
        let signers = signer_refs(case);
        let result =
            w.f.chain.simulate_signed(std::slice::from_ref(&case.ix), signers[0], &signers[1..]).await;
        match case.pause {
            Pause::Refused => {
                let failure =
                    result.err().unwrap_or_else(|| panic!("{} went through a paused pool", case.name));
                assert_eq!(failure.custom_code(), Some(CipError::PoolPaused.into()), "{}", case.name);
                refused += 1;
            }
            Pause::Works => {
                assert!(
                    result.is_ok(),
                    "{} must keep working while paused: {:?}",
                    case.name,
                    result.err().map(|f| f.logs)
                );
                working += 1;
            }
            Pause::NotApplicable => {}
        }
    }
    assert_eq!((refused, working), (2, 33));
}

/// Token-2022 premium mints: each extension accepted or refused as documented.
#[tokio::test]
async fn matrix_token_2022_extensions() {
    use anchor_spl::token_2022::spl_token_2022::extension::ExtensionType;
    use anchor_spl::token_2022::spl_token_2022::{extension::*, instruction as t22, state::AccountState};
    let options = PoolOptions { token_program: anchor_spl::token_2022::ID, ..PoolOptions::default() };
    let mut f = PoolFixture::without_pool(options).await;
    let authority = f.mint_authority.insecure_clone();
    let program = anchor_spl::token_2022::ID;
    let key = authority.pubkey();
    type Init = Box<dyn FnOnce(&Pubkey) -> Vec<Instruction>>;
    let cases: Vec<(&str, ExtensionType, Init, bool)> = vec![
        (
            "transfer fee",
            ExtensionType::TransferFeeConfig,
            Box::new(move |m| {
                vec![transfer_fee::instruction::initialize_transfer_fee_config(
                    &program, m, None, None, 10, 1_000,
                )
                .unwrap()]
            }),
            false,
        ),
        (
            "transfer hook",
            ExtensionType::TransferHook,
            Box::new(move |m| {
                vec![transfer_hook::instruction::initialize(
                    &program,
                    m,
                    Some(key),
                    Some(Pubkey::new_unique()),
                )
                .unwrap()]
            }),
            false,
        ),
        (
            "permanent delegate",
            ExtensionType::PermanentDelegate,
            Box::new(move |m| vec![t22::initialize_permanent_delegate(&program, m, &key).unwrap()]),
            false,
        ),
        (
            "default frozen",
            ExtensionType::DefaultAccountState,
            Box::new(move |m| {
                vec![default_account_state::instruction::initialize_default_account_state(
                    &program,
                    m,
                    &AccountState::Frozen,
                )
                .unwrap()]
            }),
            false,
        ),
        (
            "non-transferable",
            ExtensionType::NonTransferable,
            Box::new(move |m| vec![t22::initialize_non_transferable_mint(&program, m).unwrap()]),
            false,
        ),
        (
            "pausable",
            ExtensionType::Pausable,
            Box::new(move |m| vec![pausable::instruction::initialize(&program, m, &key).unwrap()]),
            false,
        ),
        (
            "mint close authority",
            ExtensionType::MintCloseAuthority,
            Box::new(move |m| vec![t22::initialize_mint_close_authority(&program, m, Some(&key)).unwrap()]),
            true,
        ),
        (
            "metadata pointer",
            ExtensionType::MetadataPointer,
            Box::new(move |m| {
                vec![metadata_pointer::instruction::initialize(&program, m, Some(key), None).unwrap()]
            }),
            true,
        ),
    ];
    for (name, extension, init, accepted) in cases {
        // A default-frozen mint needs a freeze authority to thaw accounts.
        let freeze = (extension == ExtensionType::DefaultAccountState).then_some(&key);
        let mint =
            create_mint_with_extensions(&mut f.chain, &authority, 6, &program, &[extension], freeze, init)
                .await;
        let keys = ix::PoolKeys::new(mint, program);
        let result = f.send_as_admin(ix::initialize_pool(&f.admin.pubkey(), &keys, f.init_args())).await;
        if accepted {
            result.unwrap_or_else(|failure| panic!("{name} should be accepted: {:?}", failure.logs));
        } else {
            let failure = result.err().unwrap_or_else(|| panic!("{name} should be refused"));
            assert_eq!(failure.custom_code(), Some(CipError::UnsupportedMintExtension.into()), "{name}");
            assert!(f.chain.account(&keys.pool).await.is_none(), "{name}: no pool");
        }
    }
}
