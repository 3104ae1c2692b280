use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::LeadTraderSet;
use crate::state::{Pool, UserAccount};

/// Flags or unflags a lead (elite) trader; flagged traders cannot buy liquidation cover.
#[event_cpi]
#[derive(Accounts)]
pub struct SetLeadTrader<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub user: Box<Account<'info, UserAccount>>,
}

impl SetLeadTrader<'_> {
    pub fn validate(&self, is_lead_trader: bool) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(self.user.is_lead_trader != is_lead_trader, CipError::LeadTraderUnchanged);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, is_lead_trader: bool) -> Result<()> {
        let user = &mut ctx.accounts.user;
        user.is_lead_trader = is_lead_trader;
        emit_cpi!(LeadTraderSet { pool: user.pool, owner: user.owner, is_lead_trader });
        Ok(())
    }
}
