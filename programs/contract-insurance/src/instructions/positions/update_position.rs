use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::instructions::positions::open_position::check_active_policy;
use crate::state::*;

/// Accounts of every reporter update to an existing position (increase, close, liquidation).
#[event_cpi]
#[derive(Accounts)]
pub struct UpdatePosition<'info> {
    /// Receives the position's rent when it closes.
    #[account(mut)]
    pub reporter: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(
        mut,
        has_one = pool @ CipError::PoolMismatch,
        constraint = user.owner == position.owner @ CipError::PositionOwnerMismatch,
    )]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch, has_one = market @ CipError::MarketMismatch)]
    pub position: Box<Account<'info, Position>>,
    /// The position's policy; required when the position is attached to one.
    #[account(mut)]
    pub policy: Option<Box<Account<'info, Policy>>>,
}

impl<'info> UpdatePosition<'info> {
    pub fn validate(&self, size: u64, price: u64, now: i64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(size > 0, CipError::ZeroSize);
        require!(price > 0, CipError::ZeroPrice);
        check_active_policy(self.position.policy, self.policy.as_deref())?;
        if let Some(policy) = self.policy.as_deref() {
            // After `end` nothing may move under an unsettled policy: its loss is measured at the
            // window's end. The reporter settles first (it can do so in the same transaction).
            require!(!policy.settlement_due(now), CipError::PolicySettlementDue);
        }
        Ok(())
    }

    /// The policy this update counts toward: attached and still active (validate() has ensured
    /// the window has not ended).
    pub fn counting_policy(&mut self) -> Option<&mut Account<'info, Policy>> {
        match self.policy.as_deref_mut() {
            Some(policy) if policy.is_active() => Some(policy),
            _ => None,
        }
    }
}
