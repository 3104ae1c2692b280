use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::PositionValuation;
use crate::math::pnl::{loss_from_pnl, meets_trigger, position_pnl};
use crate::math::safe_math::SafeMath;
use crate::oracle::feed::load_feed;
use crate::oracle::fresh_mark;
use crate::state::*;

/// The owner, inside the window: one position's own loss (realized so far, plus unrealized at a
/// fresh mark price if it is still open) has reached the trigger, so the policy pays now.
/// For an open position pass it with its market and the market's mark-price feed (for a Pyth
/// market, record a fresh update first, in the same transaction if you like); for one already
/// closed in the window, name its id (the policy remembers the largest closed loss) and pass no
/// position accounts.
#[event_cpi]
#[derive(Accounts)]
pub struct RequestEarlySettlement<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch, has_one = owner @ CipError::NotOwner)]
    pub policy: Box<Account<'info, Policy>>,
    pub position: Option<Box<Account<'info, Position>>>,
    #[account(constraint = position.as_ref().is_some_and(|position| position.market == market.key()) @ CipError::MarketMismatch)]
    pub market: Option<Box<Account<'info, Market>>>,
    /// CHECK: the market's mark-price feed; address, owner and type checked by `load_feed`.
    pub mark_price_feed: Option<UncheckedAccount<'info>>,
}

impl<'info> RequestEarlySettlement<'info> {
    pub fn validate(&self, position_id: u64, now: i64) -> Result<()> {
        require!(self.policy.is_active(), CipError::PolicyNotActive);
        require!(now <= self.policy.terms.end, CipError::PolicyWindowEnded);
        match self.position.as_deref() {
            Some(position) => {
                require!(
                    position.policy == Some(self.policy.key()) && position.position_id == position_id,
                    CipError::PositionNotInPolicy
                );
                require!(self.market.is_some() && self.mark_price_feed.is_some(), CipError::MarketMismatch);
            }
            None => require!(
                self.policy.largest_closed_loss_position == Some(position_id),
                CipError::PositionNotInPolicy
            ),
        }
        Ok(())
    }

    /// Values the named open position at the market's fresh mark.
    fn value_open_position(&self, now: i64) -> Result<Option<PositionValuation>> {
        let (Some(position), Some(market), Some(feed_info)) =
            (self.position.as_deref(), self.market.as_deref(), self.mark_price_feed.as_ref())
        else {
            return Ok(None);
        };
        let feed = load_feed(feed_info, &market.mark_price_feed)?;
        let mark = fresh_mark(&feed, self.policy.terms.mark_guards, now, market.params.price_decimals)?;
        let unrealized_pnl = position_pnl(
            position.size,
            position.entry_price,
            mark.price,
            position.side.into(),
            market.params.decimals(),
        )?;
        Ok(Some(PositionValuation {
            position: position.key(),
            market: market.key(),
            side: position.side,
            size: position.size,
            entry_price: position.entry_price,
            mark_price: mark.price,
            mark_publish_time: mark.publish_time,
            realized_pnl: position.realized_pnl,
            unrealized_pnl,
        }))
    }

    pub fn handler(ctx: Context<'info, Self>, position_id: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(position_id, now)?;
        let valuation = ctx.accounts.value_open_position(now)?;
        let (single_pnl, unrealized_pnl, closed_position_id) = match valuation {
            Some(valuation) => {
                (valuation.realized_pnl.safe_add(valuation.unrealized_pnl)?, valuation.unrealized_pnl, None)
            }
            None => {
                let closed_loss = i128::from(ctx.accounts.policy.largest_closed_loss);
                (closed_loss.safe_mul(-1)?, 0, Some(position_id))
            }
        };
        let loss = loss_from_pnl(single_pnl)?;
        require!(meets_trigger(loss, ctx.accounts.policy.terms.trigger), CipError::LossBelowTrigger);

        let policy = &mut ctx.accounts.policy;
        policy.record_settlement(SettlementKind::Early, now, unrealized_pnl, loss);
        let mut event =
            policy.settled_event(policy.key(), closed_position_id, single_pnl.safe_sub(unrealized_pnl)?);
        event.early_valuation = valuation;
        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_settled = pool.totals.policies_settled.safe_add(1)?;
        emit_cpi!(event);
        Ok(())
    }
}
