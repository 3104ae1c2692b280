use anchor_lang::prelude::*;

use crate::constants::{MARK_PRICE_SEED, POOL_SEED};
use crate::error::CipError;
use crate::events::MarketUpdated;
use crate::state::*;

#[event_cpi]
#[derive(Accounts)]
pub struct UpdateMarket<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(
        mut,
        has_one = pool @ CipError::PoolMismatch,
        has_one = mark_price_feed @ CipError::OracleAccountMismatch,
    )]
    pub market: Box<Account<'info, Market>>,
    /// The market's feed: its observations are re-expressed when the price decimals change.
    #[account(mut, seeds = [MARK_PRICE_SEED, market.key().as_ref()], bump = mark_price_feed.bump)]
    pub mark_price_feed: Box<Account<'info, MarkPriceFeed>>,
}

impl UpdateMarket<'_> {
    pub fn validate(&self, params: &MarketParams) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        params.validate(self.pool.premium_decimals)?;
        // Open positions interpret sizes, prices and P&L with these decimals: a market can be
        // corrected only while it has none. Recorded prices are re-expressed in the new price
        // decimals, and policy exposures keep the decimals they were opened with (settlement
        // converts the mark), so nothing is ever valued in mixed decimals.
        let current = &self.market.params;
        let decimals_change = params.base_decimals != current.base_decimals
            || params.quote_decimals != current.quote_decimals
            || params.price_decimals != current.price_decimals;
        require!(!decimals_change || self.market.open_positions == 0, CipError::MarketHasOpenPositions);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, params: MarketParams) -> Result<()> {
        if params.price_decimals != ctx.accounts.mark_price_feed.price_decimals {
            ctx.accounts.mark_price_feed.rescale_to(params.price_decimals)?;
        }
        let market = &mut ctx.accounts.market;
        let old_params = std::mem::replace(&mut market.params, params);
        emit_cpi!(MarketUpdated {
            pool: market.pool,
            market: market.key(),
            market_id: market.market_id,
            old_params,
            new_params: params,
        });
        Ok(())
    }
}
