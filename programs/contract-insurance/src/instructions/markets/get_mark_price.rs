use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::oracle::{read_mark_price, OracleGuards, PriceTime, ValidatedPrice};
use crate::state::*;
use crate::utils::return_data::bridge_return_data;

/// Read-only: returns the market's current mark price after the pool's guards (owner, feed,
/// staleness, confidence, sign), in the market's price decimals. Changes nothing.
#[derive(Accounts)]
pub struct GetMarkPrice<'info> {
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
    /// CHECK: validated by the oracle module against the market's source.
    pub oracle: UncheckedAccount<'info>,
}

impl GetMarkPrice<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<ValidatedPrice> {
        let now = Clock::get()?.unix_timestamp;
        let price = read_mark_price(
            &ctx.accounts.market.key(),
            &ctx.accounts.market,
            &ctx.accounts.oracle,
            OracleGuards::from(&ctx.accounts.pool.config),
            PriceTime::Fresh { now },
        )?;
        bridge_return_data(&price)?;
        Ok(price)
    }
}
