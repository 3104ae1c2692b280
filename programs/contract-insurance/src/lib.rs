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
pub mod presets;
pub mod state;
pub mod utils;

pub use instructions::*;
pub use oracle::ValidatedPrice;
pub use state::*;

declare_id!("CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5");

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

    /// Buys a loss-cover policy; remaining accounts are the buyer's uplines (direct referrer first).
    pub fn buy_policy<'info>(ctx: Context<'info, BuyPolicy<'info>>, premium: u64) -> Result<()> {
        BuyPolicy::handler(ctx, premium)
    }

    // --- treasury -------------------------------------------------------------------------------

    pub fn claim_commission(ctx: Context<ClaimCommission>) -> Result<()> {
        ClaimCommission::handler(ctx)
    }

    #[access_control(ctx.accounts.validate(amount))]
    pub fn withdraw_surplus(ctx: Context<WithdrawSurplus>, amount: u64) -> Result<()> {
        WithdrawSurplus::handler(ctx, amount)
    }
}
