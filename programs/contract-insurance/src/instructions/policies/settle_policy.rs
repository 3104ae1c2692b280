use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::PositionValuation;
use crate::math::pnl::{loss_from_pnl, position_pnl};
use crate::math::safe_math::SafeMath;
use crate::oracle::{read_mark_price, OracleGuards, PriceTime};
use crate::state::*;

/// Anyone, after `end`: values every open attached position at the mark price published around
/// `end` and decides the policy. Remaining accounts: `(position, market, oracle)` for each open
/// attached position, in any order; the set must be complete and free of duplicates.
#[event_cpi]
#[derive(Accounts)]
pub struct SettlePolicy<'info> {
    pub keeper: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut,
        has_one = pool @ CipError::PoolMismatch,
        constraint = user.owner == policy.owner @ CipError::PolicyOwnerMismatch,
    )]
    pub user: Box<Account<'info, UserAccount>>,
}

impl<'info> SettlePolicy<'info> {
    pub fn validate(&self, remaining_accounts: &[AccountInfo], now: i64) -> Result<()> {
        require!(self.policy.is_active(), CipError::PolicyNotActive);
        require!(now > self.policy.end, CipError::PolicyNotExpired);
        require!(remaining_accounts.len() % 3 == 0, CipError::SettlementAccountsMalformed);
        require_eq!(
            remaining_accounts.len() / 3,
            self.policy.open_positions as usize,
            CipError::SettlementPositionCountMismatch
        );
        Ok(())
    }

    pub fn handler(ctx: Context<'info, Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(ctx.remaining_accounts, now)?;
        let policy_key = ctx.accounts.policy.key();
        let guards = OracleGuards::from(&ctx.accounts.pool.config);
        let end = ctx.accounts.policy.end;

        let mut valuations: Vec<PositionValuation> = Vec::with_capacity(ctx.remaining_accounts.len() / 3);
        let mut unrealized_pnl: i128 = 0;
        for triple in ctx.remaining_accounts.chunks_exact(3) {
            let valuation = value_position(&triple[0], &triple[1], &triple[2], &policy_key, guards, end)?;
            require!(
                valuations.iter().all(|seen| seen.position != valuation.position),
                CipError::DuplicatePosition
            );
            unrealized_pnl = unrealized_pnl.safe_add(valuation.unrealized_pnl)?;
            valuations.push(valuation);
        }

        let policy = &mut ctx.accounts.policy;
        let realized_pnl = policy.realized_pnl;
        let loss = loss_from_pnl(realized_pnl.safe_add(unrealized_pnl)?)?;
        if !policy.record_settlement(SettlementKind::AtExpiry, now, unrealized_pnl, loss) {
            ctx.accounts.user.active_policy = None;
        }
        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_settled = pool.totals.policies_settled.safe_add(1)?;
        let event = ctx.accounts.policy.settled_event(policy_key, valuations, None, realized_pnl);
        emit_cpi!(event);
        Ok(())
    }
}

/// Loads one `(position, market, oracle)` triple and values the position at the mark price
/// `when` asks for. The position must be attached to `policy`.
pub fn value_position<'info>(
    position_info: &'info AccountInfo<'info>,
    market_info: &'info AccountInfo<'info>,
    oracle_info: &AccountInfo<'info>,
    policy: &Pubkey,
    guards: OracleGuards,
    end: i64,
) -> Result<PositionValuation> {
    let position = Account::<Position>::try_from(position_info)?;
    require!(position.policy == Some(*policy), CipError::PositionNotInPolicy);
    value_attached_position(&position, market_info, oracle_info, guards, PriceTime::Around { target: end })
}

/// Values a position already known to be attached at the mark price `when` selects.
pub fn value_attached_position(
    position: &Account<Position>,
    market_info: &AccountInfo,
    oracle_info: &AccountInfo,
    guards: OracleGuards,
    when: PriceTime,
) -> Result<PositionValuation> {
    require_keys_eq!(market_info.key(), position.market, CipError::MarketMismatch);
    let market = Market::load(market_info)?;
    let mark = read_mark_price(&market_info.key(), &market, oracle_info, guards, when)?;
    let unrealized_pnl = position_pnl(
        position.size,
        position.entry_price,
        mark.price,
        position.side.into(),
        market.params.decimals(),
    )?;
    Ok(PositionValuation {
        position: position.key(),
        market: market_info.key(),
        side: position.side,
        size: position.size,
        entry_price: position.entry_price,
        mark_price: mark.price,
        mark_publish_time: mark.publish_time,
        realized_pnl: position.realized_pnl,
        unrealized_pnl,
    })
}
