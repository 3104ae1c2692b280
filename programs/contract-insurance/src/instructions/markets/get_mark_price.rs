use anchor_lang::prelude::*;

use crate::constants::{MARK_PRICE_SEED, POOL_SEED};
use crate::error::CipError;
use crate::oracle::{fresh_mark, OracleGuards, ValidatedPrice};
use crate::state::*;
use crate::utils::return_data::bridge_return_data;

/// Read-only: returns the market's current mark price — the feed's latest observation, if it is
/// fresh and passes the pool's guards — in the market's price decimals. Changes nothing.
#[derive(Accounts)]
pub struct GetMarkPrice<'info> {
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch, has_one = mark_price_feed @ CipError::OracleAccountMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(seeds = [MARK_PRICE_SEED, market.key().as_ref()], bump = mark_price_feed.bump)]
    pub mark_price_feed: Box<Account<'info, MarkPriceFeed>>,
}

impl GetMarkPrice<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<ValidatedPrice> {
        let now = Clock::get()?.unix_timestamp;
        let price = fresh_mark(
            &ctx.accounts.mark_price_feed,
            OracleGuards::from(&ctx.accounts.pool.config),
            now,
            ctx.accounts.market.params.price_decimals,
        )?;
        bridge_return_data(&price)?;
        Ok(price)
    }
}
