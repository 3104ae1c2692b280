//! Contract Insurance Pool: 24 h loss cover and per-order liquidation cover for futures traders,
//! settled at the oracle mark price, compensated in hashrate credits, with a referral tree that
//! earns differential commission on premiums. Product rules: `SPEC.md` of the project.
#![allow(unexpected_cfgs)]

use anchor_lang::prelude::*;

pub mod constants;
pub mod error;
pub mod events;
pub mod instructions;
pub mod math;
pub mod oracle;
/// Client-side data (default config and level presets); not part of the on-chain program.
#[cfg(not(target_os = "solana"))]
pub mod presets;
pub mod state;
pub mod utils;

pub use instructions::*;
pub use oracle::ValidatedPrice;
pub use state::*;

declare_id!("CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5");

// Contact and policy for security researchers, embedded in the program binary (read by explorers
// and `query-security-txt`). Left out of builds that link the program as a library.
#[cfg(not(feature = "no-entrypoint"))]
solana_security_txt::security_txt! {
    name: "Contract Insurance Pool",
    project_url: "https://github.com/contract-insurance/contract-insurance",
    contacts: "email:security@contract-insurance.example,link:https://github.com/contract-insurance/contract-insurance/security/advisories/new",
    policy: "https://github.com/contract-insurance/contract-insurance/blob/main/SECURITY.md",
    preferred_languages: "en",
    source_code: "https://github.com/contract-insurance/contract-insurance",
    auditors: "None yet"
}

#[program]
pub mod contract_insurance {
    use super::*;

    // --- admin ----------------------------------------------------------------------------------

    /// Creates the pool for a premium mint: pool PDA, vault (the pool's associated token account),
    /// hashrate-credit mint, roles, config and level table.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn initialize_pool(ctx: Context<InitializePool>, args: InitializePoolArgs) -> Result<()> {
        InitializePool::handler(ctx, args)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn update_config(ctx: Context<AdminUpdate>, config: PoolConfig) -> Result<()> {
        instructions::admin::update_config::update_config(ctx, config)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn update_levels(ctx: Context<AdminUpdate>, levels: Vec<Level>) -> Result<()> {
        instructions::admin::update_levels::update_levels(ctx, levels)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn set_roles(ctx: Context<AdminUpdate>, roles: PoolRoles) -> Result<()> {
        instructions::admin::set_roles::set_roles(ctx, roles)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn set_paused(ctx: Context<AdminUpdate>, paused: bool) -> Result<()> {
        instructions::admin::set_paused::set_paused(ctx, paused)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn propose_admin(ctx: Context<AdminUpdate>, proposed_admin: Pubkey) -> Result<()> {
        instructions::admin::propose_admin::propose_admin(ctx, proposed_admin)
    }

    #[access_control(ctx.accounts.validate())]
    pub fn accept_admin(ctx: Context<AcceptAdmin>) -> Result<()> {
        AcceptAdmin::handler(ctx)
    }

    #[access_control(ctx.accounts.validate(level))]
    pub fn assign_level(ctx: Context<AssignLevel>, level: u8) -> Result<()> {
        AssignLevel::handler(ctx, level)
    }

    // --- markets and mark prices ----------------------------------------------------------------

    #[access_control(ctx.accounts.validate(&params))]
    pub fn add_market(ctx: Context<AddMarket>, market_id: u16, params: MarketParams) -> Result<()> {
        AddMarket::handler(ctx, market_id, params)
    }

    #[access_control(ctx.accounts.validate(&params))]
    pub fn update_market(ctx: Context<UpdateMarket>, params: MarketParams) -> Result<()> {
        UpdateMarket::handler(ctx, params)
    }

    /// Oracle authority: records a mark price for an `Authority` market.
    pub fn post_mark_price(
        ctx: Context<PostMarkPrice>,
        price: i64,
        conf: u64,
        publish_time: i64,
    ) -> Result<()> {
        PostMarkPrice::handler(ctx, price, conf, publish_time)
    }

    /// Read-only: the market's guarded mark price (returned as instruction return data).
    pub fn get_mark_price(ctx: Context<GetMarkPrice>) -> Result<ValidatedPrice> {
        GetMarkPrice::handler(ctx)
    }

    // --- traders and referrers ------------------------------------------------------------------

    /// Creates the caller's user account and referral node, optionally under a referrer.
    pub fn register<'info>(ctx: Context<'info, Register<'info>>) -> Result<()> {
        Register::handler(ctx)
    }

    /// Buys a loss-cover policy as the trader's `policy_index`-th; remaining accounts are the
    /// buyer's uplines (direct referrer first).
    pub fn buy_policy<'info>(
        ctx: Context<'info, BuyPolicy<'info>>,
        policy_index: u64,
        premium: u64,
    ) -> Result<()> {
        BuyPolicy::handler(ctx, policy_index, premium)
    }

    // --- positions (reporter) ------------------------------------------------------------------

    /// Reporter: a trader opened a position at venue time `args.opened_at` (attaches to the
    /// active policy inside its window; an open before the policy's start voids it).
    pub fn open_position(ctx: Context<OpenPosition>, position_id: u64, args: OpenPositionArgs) -> Result<()> {
        OpenPosition::handler(ctx, position_id, args)
    }

    /// Reporter: size added at `price` at venue time `event_time` (entry becomes size-weighted).
    pub fn increase_position(
        ctx: Context<UpdatePosition>,
        size: u64,
        price: u64,
        added_margin: u64,
        event_time: i64,
    ) -> Result<()> {
        instructions::positions::increase_position::increase_position(
            ctx,
            size,
            price,
            added_margin,
            event_time,
        )
    }

    /// Reporter: partial or full close at `price` with the venue's closing fee, at venue time
    /// `event_time`.
    pub fn close_position(
        ctx: Context<UpdatePosition>,
        size: u64,
        price: u64,
        fee: u64,
        event_time: i64,
    ) -> Result<()> {
        instructions::positions::reduce_position::close_position(ctx, size, price, fee, event_time)
    }

    /// Reporter: liquidation of `size` at `price` at venue time `event_time`.
    pub fn liquidate_position(
        ctx: Context<UpdatePosition>,
        size: u64,
        price: u64,
        fee: u64,
        event_time: i64,
    ) -> Result<()> {
        instructions::positions::reduce_position::liquidate_position(ctx, size, price, fee, event_time)
    }

    // --- settlement and compensation ------------------------------------------------------------

    /// Anyone, once the window's reports and prices are final: values markets of the policy
    /// (remaining accounts: `(policy_exposure, mark_price_feed)` pairs, in batches across as
    /// many transactions as needed) and decides it when the last one is valued.
    pub fn settle_policy<'info>(ctx: Context<'info, SettlePolicy<'info>>) -> Result<()> {
        SettlePolicy::handler(ctx)
    }

    /// Owner, inside the window: one position's loss has reached the trigger.
    pub fn request_early_settlement<'info>(
        ctx: Context<'info, RequestEarlySettlement<'info>>,
        position_id: u64,
    ) -> Result<()> {
        RequestEarlySettlement::handler(ctx, position_id)
    }

    /// Anyone: pays a Compensating policy in credits and accrues upline rebates (remaining
    /// accounts: the owner's uplines, direct referrer first).
    pub fn issue_compensation<'info>(ctx: Context<'info, IssueCompensation<'info>>) -> Result<()> {
        IssueCompensation::handler(ctx)
    }

    /// Owner: mints compensation credits that could not be delivered to their credit account.
    pub fn claim_credits(ctx: Context<ClaimCredits>) -> Result<()> {
        ClaimCredits::handler(ctx)
    }

    // --- liquidation cover ---------------------------------------------------------------------

    #[access_control(ctx.accounts.validate(is_lead_trader))]
    pub fn set_lead_trader(ctx: Context<SetLeadTrader>, is_lead_trader: bool) -> Result<()> {
        SetLeadTrader::handler(ctx, is_lead_trader)
    }

    /// Trader: per-order liquidation cover as the trader's `cover_index`-th, bought while placing
    /// the order; its worst case is reserved from the pool's free capital.
    pub fn buy_liquidation_cover<'info>(
        ctx: Context<'info, BuyLiquidationCover<'info>>,
        cover_index: u64,
        args: LiquidationCoverArgs,
    ) -> Result<()> {
        BuyLiquidationCover::handler(ctx, cover_index, args)
    }

    /// Reporter: part or all of the covered order filled into a position.
    #[access_control(ctx.accounts.validate(fill_qty))]
    pub fn report_order_fill(ctx: Context<ReportOrderFill>, fill_qty: u64) -> Result<()> {
        ReportOrderFill::handler(ctx, fill_qty)
    }

    /// Reporter: unfilled quantity cancelled; the pro-rata refund is paid at once (or credited).
    pub fn cancel_order_remainder(ctx: Context<CancelOrderRemainder>, cancelled_qty: u64) -> Result<()> {
        CancelOrderRemainder::handler(ctx, cancelled_qty)
    }

    /// Reporter: the position closed without liquidation.
    #[access_control(ctx.accounts.validate())]
    pub fn close_order_cover(ctx: Context<ReportCoverOutcome>) -> Result<()> {
        ReportCoverOutcome::close(ctx)
    }

    /// Reporter: the position was liquidated; the claim goes under review.
    #[access_control(ctx.accounts.validate())]
    pub fn report_liquidation(
        ctx: Context<ReportCoverOutcome>,
        liquidated_qty: u64,
        loss: u64,
    ) -> Result<()> {
        ReportCoverOutcome::liquidated(ctx, liquidated_qty, loss)
    }

    /// Reviewer, before the deadline: approve or reject a claim.
    pub fn review_claim(ctx: Context<DecideClaim>, approve: bool) -> Result<()> {
        DecideClaim::review(ctx, approve)
    }

    /// Anyone, after the deadline: approve an unreviewed claim.
    pub fn finalize_claim(ctx: Context<DecideClaim>) -> Result<()> {
        DecideClaim::finalize(ctx)
    }

    /// Owner: pays what has vested of an approved claim.
    pub fn claim_vested(ctx: Context<CoverPayout>) -> Result<()> {
        CoverPayout::vested(ctx)
    }

    /// Owner: pays the cancellation refunds credited to a cover.
    pub fn claim_refund(ctx: Context<CoverPayout>) -> Result<()> {
        CoverPayout::refund(ctx)
    }

    // --- mining pool ----------------------------------------------------------------------------

    /// Admin: creates the mining pool where hashrate credits earn the reward mint.
    pub fn init_mining_pool(ctx: Context<InitMiningPool>, params: MiningParams) -> Result<()> {
        InitMiningPool::handler(ctx, params)
    }

    /// Admin: changes emission or unstaking rules (the accumulator is settled first).
    pub fn update_mining_params(ctx: Context<UpdateMiningParams>, params: MiningParams) -> Result<()> {
        UpdateMiningParams::handler(ctx, params)
    }

    /// Admin: adds rewards to the reward vault.
    pub fn fund_rewards(ctx: Context<FundRewards>, amount: u64) -> Result<()> {
        FundRewards::handler(ctx, amount)
    }

    /// Owner: stakes hashrate credits.
    pub fn stake<'info>(ctx: Context<'info, Stake<'info>>, amount: u64) -> Result<()> {
        Stake::handler(ctx, amount)
    }

    /// Owner: unstakes credits, where allowed.
    pub fn unstake(ctx: Context<MinerWithdrawal>, amount: u64) -> Result<()> {
        MinerWithdrawal::unstake(ctx, amount)
    }

    /// Owner: claims pending rewards.
    pub fn claim_rewards(ctx: Context<MinerWithdrawal>) -> Result<()> {
        MinerWithdrawal::claim(ctx)
    }

    /// Admin: takes back funded rewards that have not been emitted.
    pub fn withdraw_rewards(ctx: Context<WithdrawRewards>, amount: u64) -> Result<()> {
        WithdrawRewards::handler(ctx, amount)
    }

    // --- treasury -------------------------------------------------------------------------------

    #[access_control(ctx.accounts.validate())]
    pub fn claim_rebate(ctx: Context<ClaimRebate>) -> Result<()> {
        ClaimRebate::handler(ctx)
    }

    pub fn claim_commission(ctx: Context<ClaimCommission>) -> Result<()> {
        ClaimCommission::handler(ctx)
    }

    #[access_control(ctx.accounts.validate(amount))]
    pub fn withdraw_surplus(ctx: Context<WithdrawSurplus>, amount: u64) -> Result<()> {
        WithdrawSurplus::handler(ctx, amount)
    }

    /// Anyone: adds capital to the vault.
    pub fn deposit_capital(ctx: Context<DepositCapital>, amount: u64) -> Result<()> {
        DepositCapital::handler(ctx, amount)
    }

    // --- prices -----------------------------------------------------------------------------------

    /// Anyone: records a verified Pyth update into a Pyth market's mark-price feed.
    pub fn record_pyth_price(ctx: Context<RecordPythPrice>) -> Result<()> {
        RecordPythPrice::handler(ctx)
    }

    // --- account lifecycle (anyone; rent always goes back to whoever paid it) --------------------

    /// Closes a finished policy (Completed, exposures closed); rent to the owner.
    pub fn close_policy(ctx: Context<ClosePolicy>) -> Result<()> {
        ClosePolicy::handler(ctx)
    }

    /// Closes a policy's valued (or no longer needed) exposure; rent to the reporter that paid it.
    pub fn close_policy_exposure(ctx: Context<ClosePolicyExposure>) -> Result<()> {
        ClosePolicyExposure::handler(ctx)
    }

    /// Closes a finished liquidation cover (nothing owed any more); rent to the trader.
    pub fn close_liquidation_cover(ctx: Context<CloseLiquidationCover>) -> Result<()> {
        CloseLiquidationCover::handler(ctx)
    }

    /// Closes a trader's market exposure with no ongoing cover; rent to the trader.
    pub fn close_market_exposure(ctx: Context<CloseMarketExposure>) -> Result<()> {
        CloseMarketExposure::handler(ctx)
    }

    /// Closes a miner with no stake and no unclaimed rewards; rent to the owner.
    pub fn close_miner(ctx: Context<CloseMiner>) -> Result<()> {
        CloseMiner::handler(ctx)
    }
}
