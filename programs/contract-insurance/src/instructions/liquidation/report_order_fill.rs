use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::OrderFilled;
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Reporter: part or all of a covered order filled into `position`.
#[event_cpi]
#[derive(Accounts)]
pub struct ReportOrderFill<'info> {
    pub reporter: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(has_one = pool @ CipError::PoolMismatch)]
    pub position: Box<Account<'info, Position>>,
}

impl ReportOrderFill<'_> {
    pub fn validate(&self, fill_qty: u64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        let cover = &self.cover;
        require!(cover.status == CoverStatus::Ongoing, CipError::CoverNotOngoing);
        require!(fill_qty > 0 && fill_qty <= cover.unfilled(), CipError::QuantityExceedsUnfilled);
        let position = &self.position;
        require!(
            position.owner == cover.owner
                && position.market == cover.market
                && position.side == cover.side
                && cover.position.is_none_or(|linked| linked == position.key()),
            CipError::CoverPositionMismatch
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, fill_qty: u64) -> Result<()> {
        let position_key = ctx.accounts.position.key();
        let cover = &mut ctx.accounts.cover;
        cover.filled_qty = cover.filled_qty.safe_add(fill_qty)?;
        cover.position = Some(position_key);
        emit_cpi!(OrderFilled {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            position: position_key,
            fill_qty,
            filled_qty: cover.filled_qty,
            order_qty: cover.order_qty,
            fill_state: cover.fill_state(),
        });
        Ok(())
    }
}
