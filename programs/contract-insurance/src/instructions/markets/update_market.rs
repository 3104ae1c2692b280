use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::MarketUpdated;
use crate::state::*;

#[event_cpi]
#[derive(Accounts)]
pub struct UpdateMarket<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
}

impl UpdateMarket<'_> {
    pub fn validate(&self, params: &MarketParams) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        params.validate()?;
        // Open positions and settlements interpret sizes, prices and P&L with these decimals.
        let current = &self.market.params;
        require!(
            params.base_decimals == current.base_decimals
                && params.quote_decimals == current.quote_decimals
                && params.price_decimals == current.price_decimals,
            CipError::MarketDecimalsImmutable
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, params: MarketParams) -> Result<()> {
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
