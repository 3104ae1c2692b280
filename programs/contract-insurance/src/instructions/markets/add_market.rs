use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::events::MarketAdded;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::accounts::init_program_account;

/// Adds a market and its mark-price feed, where every mark price the program uses for the market
/// is recorded (posted by the oracle authority, or recorded from verified Pyth updates).
#[event_cpi]
#[derive(Accounts)]
#[instruction(market_id: u16)]
pub struct AddMarket<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [MARKET_SEED, pool.key().as_ref(), &market_id.to_le_bytes()], bump)]
    pub market: UncheckedAccount<'info>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [MARK_PRICE_SEED, market.key().as_ref()], bump)]
    pub mark_price_feed: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl AddMarket<'_> {
    pub fn validate(&self, params: &MarketParams) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        params.validate(self.pool.premium_decimals)
    }

    pub fn handler(ctx: Context<Self>, market_id: u16, params: MarketParams) -> Result<()> {
        let accounts = &ctx.accounts;
        let pool_key = accounts.pool.key();
        let market_key = accounts.market.key();
        let feed_key = accounts.mark_price_feed.key();
        let payer = accounts.admin.to_account_info();
        let system_program = accounts.system_program.to_account_info();

        let market = Market {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.market,
            pool: pool_key,
            market_id,
            params,
            mark_price_feed: feed_key,
            open_positions: 0,
        };
        init_program_account(
            &payer,
            &accounts.market.to_account_info(),
            &system_program,
            &[MARKET_SEED, pool_key.as_ref(), &market_id.to_le_bytes(), &[market.bump]],
            &market,
        )?;
        let feed = MarkPriceFeed {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.mark_price_feed,
            pool: pool_key,
            market: market_key,
            price_decimals: params.price_decimals,
            next_slot: 0,
            recorded: 0,
            evicted_until: 0,
            observations: [PriceObservation::default(); MARK_PRICE_HISTORY],
        };
        init_program_account(
            &payer,
            &accounts.mark_price_feed.to_account_info(),
            &system_program,
            &[MARK_PRICE_SEED, market_key.as_ref(), &[feed.bump]],
            &feed,
        )?;

        let pool = &mut ctx.accounts.pool;
        pool.totals.markets = pool.totals.markets.safe_add(1)?;
        emit_cpi!(MarketAdded {
            pool: pool_key,
            market: market_key,
            market_id,
            mark_price_feed: feed_key,
            params,
        });
        Ok(())
    }
}
