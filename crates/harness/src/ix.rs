//! Instruction builders: one function per program instruction, typed by the program's own
//! accounts and argument structs so they can never drift from the program.

use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::{AccountMeta, Instruction};
use anchor_lang::{system_program, InstructionData, ToAccountMetas};
use contract_insurance::{accounts, instruction, state::*, InitializePoolArgs};

use crate::pda;

/// The addresses every pool-level instruction needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolKeys {
    pub pool: Pubkey,
    pub premium_mint: Pubkey,
    pub token_program: Pubkey,
    pub vault: Pubkey,
    pub credit_mint: Pubkey,
}

impl PoolKeys {
    pub fn new(premium_mint: Pubkey, token_program: Pubkey) -> Self {
        let pool = pda::pool(&premium_mint);
        PoolKeys {
            pool,
            premium_mint,
            token_program,
            vault: pda::vault(&pool, &premium_mint, &token_program),
            credit_mint: pda::credit_mint(&pool),
        }
    }
}

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: contract_insurance::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// Replaces every occurrence of `from` among an instruction's accounts with `to` (for tests that
/// swap in a wrong account).
pub fn replace_account(instruction: &mut Instruction, from: &Pubkey, to: &Pubkey) {
    let mut replaced = false;
    for meta in instruction.accounts.iter_mut().filter(|meta| meta.pubkey == *from) {
        meta.pubkey = *to;
        replaced = true;
    }
    assert!(replaced, "{from} is not among the instruction's accounts");
}

fn event_accounts() -> (Pubkey, Pubkey) {
    (pda::event_authority(), contract_insurance::ID)
}

pub fn initialize_pool(admin: &Pubkey, keys: &PoolKeys, args: InitializePoolArgs) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::InitializePool {
            admin: *admin,
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            credit_mint: keys.credit_mint,
            vault: keys.vault,
            program_data: None,
            token_program: keys.token_program,
            associated_token_program: anchor_spl::associated_token::ID,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::InitializePool { args },
    )
}

fn admin_update(admin: &Pubkey, pool: &Pubkey) -> accounts::AdminUpdate {
    let (event_authority, program) = event_accounts();
    accounts::AdminUpdate { admin: *admin, pool: *pool, event_authority, program }
}

pub fn update_config(admin: &Pubkey, pool: &Pubkey, config: PoolConfig) -> Instruction {
    build(admin_update(admin, pool), instruction::UpdateConfig { config })
}

pub fn update_levels(admin: &Pubkey, pool: &Pubkey, levels: Vec<Level>) -> Instruction {
    build(admin_update(admin, pool), instruction::UpdateLevels { levels })
}

pub fn set_roles(admin: &Pubkey, pool: &Pubkey, roles: PoolRoles) -> Instruction {
    build(admin_update(admin, pool), instruction::SetRoles { roles })
}

pub fn set_paused(admin: &Pubkey, pool: &Pubkey, paused: bool) -> Instruction {
    build(admin_update(admin, pool), instruction::SetPaused { paused })
}

pub fn propose_admin(admin: &Pubkey, pool: &Pubkey, proposed_admin: Pubkey) -> Instruction {
    build(admin_update(admin, pool), instruction::ProposeAdmin { proposed_admin })
}

pub fn accept_admin(new_admin: &Pubkey, pool: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::AcceptAdmin { new_admin: *new_admin, pool: *pool, event_authority, program },
        instruction::AcceptAdmin {},
    )
}

pub fn assign_level(admin: &Pubkey, pool: &Pubkey, referral_node: &Pubkey, level: u8) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::AssignLevel {
            admin: *admin,
            pool: *pool,
            referral_node: *referral_node,
            event_authority,
            program,
        },
        instruction::AssignLevel { level },
    )
}

pub fn add_market(admin: &Pubkey, pool: &Pubkey, market_id: u16, params: MarketParams) -> Instruction {
    let (event_authority, program) = event_accounts();
    let market = pda::market(pool, market_id);
    build(
        accounts::AddMarket {
            admin: *admin,
            pool: *pool,
            market,
            mark_price_feed: pda::mark_price_feed(&market),
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::AddMarket { market_id, params },
    )
}

pub fn update_market(admin: &Pubkey, pool: &Pubkey, market: &Pubkey, params: MarketParams) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::UpdateMarket {
            admin: *admin,
            pool: *pool,
            market: *market,
            mark_price_feed: pda::mark_price_feed(market),
            event_authority,
            program,
        },
        instruction::UpdateMarket { params },
    )
}

pub fn post_mark_price(
    oracle_authority: &Pubkey,
    pool: &Pubkey,
    market: &Pubkey,
    price: i64,
    conf: u64,
    publish_time: i64,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::PostMarkPrice {
            oracle_authority: *oracle_authority,
            pool: *pool,
            market: *market,
            mark_price_feed: pda::mark_price_feed(market),
            event_authority,
            program,
        },
        instruction::PostMarkPrice { price, conf, publish_time },
    )
}

pub fn get_mark_price(pool: &Pubkey, market: &Pubkey) -> Instruction {
    build(
        accounts::GetMarkPrice {
            pool: *pool,
            market: *market,
            mark_price_feed: pda::mark_price_feed(market),
        },
        instruction::GetMarkPrice {},
    )
}

/// Anyone: records a Pyth `PriceUpdateV2` account into a Pyth market's feed.
pub fn record_pyth_price(
    recorder: &Pubkey,
    pool: &Pubkey,
    market: &Pubkey,
    price_update: &Pubkey,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::RecordPythPrice {
            recorder: *recorder,
            pool: *pool,
            market: *market,
            mark_price_feed: pda::mark_price_feed(market),
            price_update: *price_update,
            event_authority,
            program,
        },
        instruction::RecordPythPrice {},
    )
}

/// `referrer_node` is the referrer's referral node address, if any.
pub fn register(wallet: &Pubkey, pool: &Pubkey, referrer_node: Option<Pubkey>) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::Register {
            wallet: *wallet,
            pool: *pool,
            user: pda::user(pool, wallet),
            referral_node: pda::referral_node(pool, wallet),
            referrer_node,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::Register {},
    )
}

/// `uplines` are referral node addresses, direct referrer first.
pub fn buy_policy(
    trader: &Pubkey,
    keys: &PoolKeys,
    trader_token: &Pubkey,
    policy_index: u64,
    premium: u64,
    uplines: &[Pubkey],
) -> Instruction {
    let (event_authority, program) = event_accounts();
    let mut ix = build(
        accounts::BuyPolicy {
            trader: *trader,
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            user: pda::user(&keys.pool, trader),
            referral_node: pda::referral_node(&keys.pool, trader),
            policy: pda::policy(&keys.pool, trader, policy_index),
            trader_token: *trader_token,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::BuyPolicy { policy_index, premium },
    );
    ix.accounts.extend(uplines.iter().map(|node| AccountMeta::new(*node, false)));
    ix
}

pub fn claim_commission(owner: &Pubkey, keys: &PoolKeys, destination: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ClaimCommission {
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            owner: *owner,
            referral_node: pda::referral_node(&keys.pool, owner),
            destination: *destination,
            event_authority,
            program,
        },
        instruction::ClaimCommission {},
    )
}

pub fn withdraw_surplus(admin: &Pubkey, keys: &PoolKeys, destination: &Pubkey, amount: u64) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::WithdrawSurplus {
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            admin: *admin,
            destination: *destination,
            event_authority,
            program,
        },
        instruction::WithdrawSurplus { amount },
    )
}

/// Anyone: adds `amount` from `source` (signed by `depositor`) to the vault.
pub fn deposit_capital(depositor: &Pubkey, keys: &PoolKeys, source: &Pubkey, amount: u64) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::DepositCapital {
            depositor: *depositor,
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            source: *source,
            event_authority,
            program,
        },
        instruction::DepositCapital { amount },
    )
}

// --- positions (reporter) ------------------------------------------------------------------------

pub fn open_position(
    reporter: &Pubkey,
    pool: &Pubkey,
    market: &Pubkey,
    owner: &Pubkey,
    position_id: u64,
    args: contract_insurance::OpenPositionArgs,
    policy: Option<Pubkey>,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::OpenPosition {
            reporter: *reporter,
            pool: *pool,
            market: *market,
            user: pda::user(pool, owner),
            position: pda::position(pool, owner, position_id),
            policy,
            policy_exposure: policy.map(|policy| pda::policy_exposure(&policy, market)),
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::OpenPosition { position_id, args },
    )
}

/// What a reporter does to an existing position (the venue time is passed beside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PositionUpdate {
    Increase { size: u64, price: u64, added_margin: u64 },
    Close { size: u64, price: u64, fee: u64 },
    Liquidate { size: u64, price: u64, fee: u64 },
}

/// A position as the venue opened it (the venue time is passed beside it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Opening {
    pub side: contract_insurance::state::Side,
    pub size: u64,
    pub entry_price: u64,
    pub margin: u64,
}

impl Opening {
    pub fn at(self, opened_at: i64) -> contract_insurance::OpenPositionArgs {
        contract_insurance::OpenPositionArgs {
            side: self.side,
            size: self.size,
            entry_price: self.entry_price,
            margin: self.margin,
            opened_at,
        }
    }
}

pub fn update_position(
    reporter: &Pubkey,
    pool: &Pubkey,
    market: &Pubkey,
    owner: &Pubkey,
    position: &Pubkey,
    policy: Option<Pubkey>,
    update: PositionUpdate,
    event_time: i64,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    let accounts = accounts::UpdatePosition {
        reporter: *reporter,
        pool: *pool,
        market: *market,
        user: pda::user(pool, owner),
        position: *position,
        policy,
        policy_exposure: policy.map(|policy| pda::policy_exposure(&policy, market)),
        event_authority,
        program,
    };
    match update {
        PositionUpdate::Increase { size, price, added_margin } => {
            build(accounts, instruction::IncreasePosition { size, price, added_margin, event_time })
        }
        PositionUpdate::Close { size, price, fee } => {
            build(accounts, instruction::ClosePosition { size, price, fee, event_time })
        }
        PositionUpdate::Liquidate { size, price, fee } => {
            build(accounts, instruction::LiquidatePosition { size, price, fee, event_time })
        }
    }
}

// --- settlement and compensation -----------------------------------------------------------------

/// A policy's exposure in one market with the feed settlement values it with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExposurePair {
    pub exposure: Pubkey,
    pub mark_price_feed: Pubkey,
}

impl ExposurePair {
    pub fn of(policy: &Pubkey, market: &Pubkey) -> Self {
        ExposurePair {
            exposure: pda::policy_exposure(policy, market),
            mark_price_feed: pda::mark_price_feed(market),
        }
    }
}

/// A position with its market and the market's feed, as early settlement values it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionTriple {
    pub position: Pubkey,
    pub market: Pubkey,
    pub mark_price_feed: Pubkey,
}

pub fn settle_policy(
    keeper: &Pubkey,
    pool: &Pubkey,
    policy: &Pubkey,
    owner: &Pubkey,
    pairs: &[ExposurePair],
) -> Instruction {
    let (event_authority, program) = event_accounts();
    let mut ix = build(
        accounts::SettlePolicy {
            keeper: *keeper,
            pool: *pool,
            policy: *policy,
            user: pda::user(pool, owner),
            event_authority,
            program,
        },
        instruction::SettlePolicy {},
    );
    for pair in pairs {
        ix.accounts.push(AccountMeta::new(pair.exposure, false));
        ix.accounts.push(AccountMeta::new_readonly(pair.mark_price_feed, false));
    }
    ix
}

pub fn request_early_settlement(
    owner: &Pubkey,
    pool: &Pubkey,
    policy: &Pubkey,
    position_id: u64,
    open_position: Option<PositionTriple>,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::RequestEarlySettlement {
            owner: *owner,
            pool: *pool,
            policy: *policy,
            position: open_position.map(|triple| triple.position),
            market: open_position.map(|triple| triple.market),
            mark_price_feed: open_position.map(|triple| triple.mark_price_feed),
            event_authority,
            program,
        },
        instruction::RequestEarlySettlement { position_id },
    )
}

pub fn credit_account(owner: &Pubkey, keys: &PoolKeys) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(
        owner,
        &keys.credit_mint,
        &keys.token_program,
    )
}

pub fn issue_compensation(
    keeper: &Pubkey,
    keys: &PoolKeys,
    policy: &Pubkey,
    owner: &Pubkey,
    uplines: &[Pubkey],
) -> Instruction {
    let (event_authority, program) = event_accounts();
    let mut ix = build(
        accounts::IssueCompensation {
            keeper: *keeper,
            pool: keys.pool,
            policy: *policy,
            user: pda::user(&keys.pool, owner),
            owner: *owner,
            owner_node: pda::referral_node(&keys.pool, owner),
            credit_mint: keys.credit_mint,
            owner_credit_account: credit_account(owner, keys),
            token_program: keys.token_program,
            associated_token_program: anchor_spl::associated_token::ID,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::IssueCompensation {},
    );
    ix.accounts.extend(uplines.iter().map(|node| AccountMeta::new(*node, false)));
    ix
}

/// Owner: mints deferred compensation credits to `destination`.
pub fn claim_credits(owner: &Pubkey, keys: &PoolKeys, destination: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ClaimCredits {
            owner: *owner,
            pool: keys.pool,
            user: pda::user(&keys.pool, owner),
            credit_mint: keys.credit_mint,
            destination: *destination,
            token_program: keys.token_program,
            event_authority,
            program,
        },
        instruction::ClaimCredits {},
    )
}

pub fn claim_rebate(owner: &Pubkey, keys: &PoolKeys, destination: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ClaimRebate {
            owner: *owner,
            pool: keys.pool,
            referral_node: pda::referral_node(&keys.pool, owner),
            credit_mint: keys.credit_mint,
            destination: *destination,
            token_program: keys.token_program,
            event_authority,
            program,
        },
        instruction::ClaimRebate {},
    )
}

// --- liquidation cover ---------------------------------------------------------------------------

pub fn set_lead_trader(admin: &Pubkey, pool: &Pubkey, owner: &Pubkey, is_lead_trader: bool) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::SetLeadTrader {
            admin: *admin,
            pool: *pool,
            user: pda::user(pool, owner),
            event_authority,
            program,
        },
        instruction::SetLeadTrader { is_lead_trader },
    )
}

pub fn buy_liquidation_cover(
    trader: &Pubkey,
    keys: &PoolKeys,
    market: &Pubkey,
    trader_token: &Pubkey,
    cover_index: u64,
    args: contract_insurance::LiquidationCoverArgs,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::BuyLiquidationCover {
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            trader: *trader,
            user: pda::user(&keys.pool, trader),
            market: *market,
            exposure: pda::exposure(&keys.pool, trader, market),
            cover: pda::liquidation_cover(&keys.pool, trader, cover_index),
            trader_token: *trader_token,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::BuyLiquidationCover { cover_index, args },
    )
}

pub fn report_order_fill(
    reporter: &Pubkey,
    pool: &Pubkey,
    cover: &Pubkey,
    position: &Pubkey,
    fill_qty: u64,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ReportOrderFill {
            reporter: *reporter,
            pool: *pool,
            cover: *cover,
            position: *position,
            event_authority,
            program,
        },
        instruction::ReportOrderFill { fill_qty },
    )
}

/// A cover with the owner and market its PDAs derive from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CoverKeys {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
}

pub fn cancel_order_remainder(
    reporter: &Pubkey,
    keys: &PoolKeys,
    cover: &CoverKeys,
    trader_token: Option<Pubkey>,
    cancelled_qty: u64,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::CancelOrderRemainder {
            premium_mint: keys.premium_mint,
            pool: keys.pool,
            vault: keys.vault,
            token_program: keys.token_program,
            reporter: *reporter,
            cover: cover.cover,
            exposure: pda::exposure(&keys.pool, &cover.owner, &cover.market),
            trader_token,
            event_authority,
            program,
        },
        instruction::CancelOrderRemainder { cancelled_qty },
    )
}

fn report_cover_outcome(
    reporter: &Pubkey,
    keys: &PoolKeys,
    cover: &CoverKeys,
) -> accounts::ReportCoverOutcome {
    let (event_authority, program) = event_accounts();
    let pool = &keys.pool;
    accounts::ReportCoverOutcome {
        reporter: *reporter,
        pool: *pool,
        vault: keys.vault,
        user: pda::user(pool, &cover.owner),
        cover: cover.cover,
        exposure: pda::exposure(pool, &cover.owner, &cover.market),
        event_authority,
        program,
    }
}

pub fn close_order_cover(reporter: &Pubkey, keys: &PoolKeys, cover: &CoverKeys) -> Instruction {
    build(report_cover_outcome(reporter, keys, cover), instruction::CloseOrderCover {})
}

pub fn report_liquidation(
    reporter: &Pubkey,
    keys: &PoolKeys,
    cover: &CoverKeys,
    liquidated_qty: u64,
    loss: u64,
) -> Instruction {
    build(
        report_cover_outcome(reporter, keys, cover),
        instruction::ReportLiquidation { liquidated_qty, loss },
    )
}

fn decide_claim(authority: &Pubkey, keys: &PoolKeys, cover: &CoverKeys) -> accounts::DecideClaim {
    let (event_authority, program) = event_accounts();
    accounts::DecideClaim {
        authority: *authority,
        pool: keys.pool,
        vault: keys.vault,
        user: pda::user(&keys.pool, &cover.owner),
        cover: cover.cover,
        event_authority,
        program,
    }
}

pub fn review_claim(reviewer: &Pubkey, keys: &PoolKeys, cover: &CoverKeys, approve: bool) -> Instruction {
    build(decide_claim(reviewer, keys, cover), instruction::ReviewClaim { approve })
}

pub fn finalize_claim(keeper: &Pubkey, keys: &PoolKeys, cover: &CoverKeys) -> Instruction {
    build(decide_claim(keeper, keys, cover), instruction::FinalizeClaim {})
}

fn cover_payout(
    owner: &Pubkey,
    keys: &PoolKeys,
    cover: &Pubkey,
    destination: &Pubkey,
) -> accounts::CoverPayout {
    let (event_authority, program) = event_accounts();
    accounts::CoverPayout {
        premium_mint: keys.premium_mint,
        pool: keys.pool,
        vault: keys.vault,
        token_program: keys.token_program,
        owner: *owner,
        cover: *cover,
        destination: *destination,
        event_authority,
        program,
    }
}

pub fn claim_vested(owner: &Pubkey, keys: &PoolKeys, cover: &Pubkey, destination: &Pubkey) -> Instruction {
    build(cover_payout(owner, keys, cover, destination), instruction::ClaimVested {})
}

pub fn claim_refund(owner: &Pubkey, keys: &PoolKeys, cover: &Pubkey, destination: &Pubkey) -> Instruction {
    build(cover_payout(owner, keys, cover, destination), instruction::ClaimRefund {})
}

// --- mining pool ---------------------------------------------------------------------------------

/// The addresses every mining-pool instruction needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MiningKeys {
    pub pool: Pubkey,
    pub mining_pool: Pubkey,
    pub credit_mint: Pubkey,
    pub stake_vault: Pubkey,
    pub reward_mint: Pubkey,
    pub reward_vault: Pubkey,
    pub token_program: Pubkey,
}

impl MiningKeys {
    pub fn new(keys: &PoolKeys, reward_mint: Pubkey) -> Self {
        let mining_pool = pda::mining_pool(&keys.pool);
        MiningKeys {
            pool: keys.pool,
            mining_pool,
            credit_mint: keys.credit_mint,
            stake_vault: pda::stake_vault(&mining_pool),
            reward_mint,
            reward_vault: pda::reward_vault(&mining_pool),
            token_program: keys.token_program,
        }
    }
}

pub fn init_mining_pool(admin: &Pubkey, mining: &MiningKeys, params: MiningParams) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::InitMiningPool {
            admin: *admin,
            pool: mining.pool,
            mining_pool: mining.mining_pool,
            credit_mint: mining.credit_mint,
            reward_mint: mining.reward_mint,
            stake_vault: mining.stake_vault,
            reward_vault: mining.reward_vault,
            token_program: mining.token_program,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::InitMiningPool { params },
    )
}

pub fn update_mining_params(admin: &Pubkey, mining: &MiningKeys, params: MiningParams) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::UpdateMiningParams {
            admin: *admin,
            pool: mining.pool,
            mining_pool: mining.mining_pool,
            event_authority,
            program,
        },
        instruction::UpdateMiningParams { params },
    )
}

pub fn fund_rewards(admin: &Pubkey, mining: &MiningKeys, source: &Pubkey, amount: u64) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::FundRewards {
            admin: *admin,
            pool: mining.pool,
            mining_pool: mining.mining_pool,
            reward_mint: mining.reward_mint,
            source: *source,
            reward_vault: mining.reward_vault,
            token_program: mining.token_program,
            event_authority,
            program,
        },
        instruction::FundRewards { amount },
    )
}

pub fn stake(owner: &Pubkey, mining: &MiningKeys, source: &Pubkey, amount: u64) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::Stake {
            owner: *owner,
            mining_pool: mining.mining_pool,
            miner: pda::miner(&mining.mining_pool, owner),
            credit_mint: mining.credit_mint,
            source: *source,
            stake_vault: mining.stake_vault,
            token_program: mining.token_program,
            system_program: system_program::ID,
            event_authority,
            program,
        },
        instruction::Stake { amount },
    )
}

fn miner_withdrawal(
    owner: &Pubkey,
    mining: &MiningKeys,
    mint: Pubkey,
    vault: Pubkey,
    destination: &Pubkey,
) -> accounts::MinerWithdrawal {
    let (event_authority, program) = event_accounts();
    accounts::MinerWithdrawal {
        owner: *owner,
        mining_pool: mining.mining_pool,
        miner: pda::miner(&mining.mining_pool, owner),
        mint,
        vault,
        destination: *destination,
        token_program: mining.token_program,
        event_authority,
        program,
    }
}

pub fn unstake(owner: &Pubkey, mining: &MiningKeys, destination: &Pubkey, amount: u64) -> Instruction {
    build(
        miner_withdrawal(owner, mining, mining.credit_mint, mining.stake_vault, destination),
        instruction::Unstake { amount },
    )
}

pub fn claim_rewards(owner: &Pubkey, mining: &MiningKeys, destination: &Pubkey) -> Instruction {
    build(
        miner_withdrawal(owner, mining, mining.reward_mint, mining.reward_vault, destination),
        instruction::ClaimRewards {},
    )
}

pub fn withdraw_rewards(
    admin: &Pubkey,
    mining: &MiningKeys,
    destination: &Pubkey,
    amount: u64,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::WithdrawRewards {
            admin: *admin,
            pool: mining.pool,
            mining_pool: mining.mining_pool,
            reward_mint: mining.reward_mint,
            reward_vault: mining.reward_vault,
            destination: *destination,
            token_program: mining.token_program,
            event_authority,
            program,
        },
        instruction::WithdrawRewards { amount },
    )
}

// --- account lifecycle ---------------------------------------------------------------------------

pub fn close_policy(closer: &Pubkey, policy: &Pubkey, owner: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ClosePolicy { closer: *closer, policy: *policy, owner: *owner, event_authority, program },
        instruction::ClosePolicy {},
    )
}

pub fn close_policy_exposure(
    closer: &Pubkey,
    policy: &Pubkey,
    exposure: &Pubkey,
    rent_payer: &Pubkey,
) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::ClosePolicyExposure {
            closer: *closer,
            policy: *policy,
            exposure: *exposure,
            rent_payer: *rent_payer,
            event_authority,
            program,
        },
        instruction::ClosePolicyExposure {},
    )
}

pub fn close_liquidation_cover(closer: &Pubkey, cover: &Pubkey, owner: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::CloseLiquidationCover {
            closer: *closer,
            cover: *cover,
            owner: *owner,
            event_authority,
            program,
        },
        instruction::CloseLiquidationCover {},
    )
}

pub fn close_market_exposure(closer: &Pubkey, exposure: &Pubkey, owner: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::CloseMarketExposure {
            closer: *closer,
            exposure: *exposure,
            owner: *owner,
            event_authority,
            program,
        },
        instruction::CloseMarketExposure {},
    )
}

pub fn close_miner(closer: &Pubkey, mining: &MiningKeys, owner: &Pubkey) -> Instruction {
    let (event_authority, program) = event_accounts();
    build(
        accounts::CloseMiner {
            closer: *closer,
            mining_pool: mining.mining_pool,
            miner: pda::miner(&mining.mining_pool, owner),
            owner: *owner,
            event_authority,
            program,
        },
        instruction::CloseMiner {},
    )
}
