use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::instructions::policies::settle_policy::value_attached_position;
use crate::math::pnl::{loss_from_pnl, meets_trigger};
use crate::math::safe_math::SafeMath;
use crate::oracle::{OracleGuards, PriceTime};
use crate::state::*;

/// The owner, inside the window: one position's own loss (realized so far, plus unrealized at a
/// fresh mark price if it is still open) has reached the trigger, so the policy pays now.
/// For an open position pass it with its market and oracle; for one already closed in the window,
/// name its id (the policy remembers the largest closed loss) and pass no position accounts.
#[event_cpi]
#[derive(Accounts)]
pub struct RequestEarlySettlement<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch, has_one = owner @ CipError::NotOwner)]
    pub policy: Box<Account<'info, Policy>>,
    pub position: Option<Box<Account<'info, Position>>>,
    /// CHECK: the position's market; loaded and checked by the valuation.
    pub market: Option<UncheckedAccount<'info>>,
    /// CHECK: the market's oracle account; validated by the oracle module.
    pub oracle: Option<UncheckedAccount<'info>>,
}

impl<'info> RequestEarlySettlement<'info> {
    pub fn validate(&self, position_id: u64, now: i64) -> Result<()> {
        require!(self.policy.is_active(), CipError::PolicyNotActive);
        require!(now <= self.policy.end, CipError::PolicyWindowEnded);
        match self.position.as_deref() {
            Some(position) => {
                require!(
                    position.policy == Some(self.policy.key()) && position.position_id == position_id,
                    CipError::PositionNotInPolicy
                );
                require!(self.market.is_some() && self.oracle.is_some(), CipError::MarketMismatch);
            }
            None => require!(
                self.policy.largest_closed_loss_position == Some(position_id),
                CipError::PositionNotInPolicy
            ),
        }
        Ok(())
    }

    pub fn handler(ctx: Context<'info, Self>, position_id: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(position_id, now)?;
        let accounts = &ctx.accounts;
        let guards = OracleGuards::from(&accounts.pool.config);

        let (valuations, closed_position_id, single_pnl, unrealized_pnl) =
            match (accounts.position.as_deref(), accounts.market.as_ref(), accounts.oracle.as_ref()) {
                (Some(position), Some(market), Some(oracle)) => {
                    let valuation =
                        value_attached_position(position, market, oracle, guards, PriceTime::Fresh { now })?;
                    let single_pnl = valuation.realized_pnl.safe_add(valuation.unrealized_pnl)?;
                    (vec![valuation], None, single_pnl, valuation.unrealized_pnl)
                }
                _ => {
                    let closed_loss = i128::from(accounts.policy.largest_closed_loss);
                    (Vec::new(), Some(position_id), closed_loss.safe_mul(-1)?, 0)
                }
            };
        let loss = loss_from_pnl(single_pnl)?;
        require!(meets_trigger(loss, accounts.policy.trigger), CipError::LossBelowTrigger);

        let policy = &mut ctx.accounts.policy;
        policy.record_settlement(SettlementKind::Early, now, unrealized_pnl, loss);
        let event = policy.settled_event(
            policy.key(),
            valuations,
            closed_position_id,
            single_pnl.safe_sub(unrealized_pnl)?,
        );
        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_settled = pool.totals.policies_settled.safe_add(1)?;
        emit_cpi!(event);
        Ok(())
    }
}
