use anchor_lang::prelude::*;

use crate::constants::{POLICY_EXPOSURE_SEED, POOL_SEED};
use crate::error::CipError;
use crate::math::pnl::NetExposure;
use crate::state::*;
use crate::utils::accounts::{read_account, write_account};

/// Accounts of every reporter update to an existing position (increase, close, liquidation).
#[event_cpi]
#[derive(Accounts)]
pub struct UpdatePosition<'info> {
    /// Receives the position's rent when it closes.
    #[account(mut)]
    pub reporter: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(
        mut,
        has_one = pool @ CipError::PoolMismatch,
        constraint = user.owner == position.owner @ CipError::PositionOwnerMismatch,
    )]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch, has_one = market @ CipError::MarketMismatch)]
    pub position: Box<Account<'info, Position>>,
    /// CHECK: the position's policy, required when the event is inside its window; may be an
    /// already closed account (then the event no longer counts). Loaded by `policy_link`.
    #[account(mut)]
    pub policy: Option<UncheckedAccount<'info>>,
    /// CHECK: the policy's exposure in this market, required when the event counts. Loaded by
    /// `policy_link`.
    #[account(mut)]
    pub policy_exposure: Option<UncheckedAccount<'info>>,
}

/// The policy and exposure a report counts toward, loaded from the unchecked accounts; written
/// back with [`PolicyLink::save`].
pub struct PolicyLink {
    pub policy: Policy,
    pub exposure: PolicyExposure,
}

impl<'info> UpdatePosition<'info> {
    pub fn validate(&self, size: u64, price: u64, event_time: i64, now: i64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(size > 0, CipError::ZeroSize);
        require!(price > 0, CipError::ZeroPrice);
        require!(event_time <= now, CipError::EventTimeInFuture);
        require!(event_time >= self.position.last_event_at, CipError::EventTimeBeforePrevious);
        Ok(())
    }

    /// The policy this report counts toward, if any: the position is attached, the venue time is
    /// inside the window, the policy is still Active and the window's reports have not closed.
    /// Otherwise the report changes the position only (and no policy account is needed).
    pub fn policy_link(&self, event_time: i64, now: i64) -> Result<Option<PolicyLink>> {
        let Some(policy_key) = self.position.policy else {
            return Ok(None);
        };
        if event_time > self.position.policy_end {
            return Ok(None);
        }
        let policy_info = self.policy.as_ref().ok_or(CipError::PolicyAccountRequired)?;
        require_keys_eq!(policy_info.key(), policy_key, CipError::PolicyAccountMismatch);
        if policy_info.data_is_empty() {
            // Closed: finished long ago, nothing can count toward it any more.
            return Ok(None);
        }
        let policy = read_account::<Policy>(policy_info)?;
        if !policy.counts(event_time, now)? {
            return Ok(None);
        }
        let exposure_info = self.policy_exposure.as_ref().ok_or(CipError::ExposureAccountRequired)?;
        let exposure = read_account::<PolicyExposure>(exposure_info)?;
        let expected = Pubkey::create_program_address(
            &[POLICY_EXPOSURE_SEED, policy_key.as_ref(), self.market.key().as_ref(), &[exposure.bump]],
            &crate::ID,
        )
        .map_err(|_| error!(CipError::ExposureMismatch))?;
        require_keys_eq!(exposure_info.key(), expected, CipError::ExposureMismatch);
        Ok(Some(PolicyLink { policy, exposure }))
    }

    /// Replaces the position's old terms in the exposure with its new ones.
    pub fn move_exposure(&self, link: &mut PolicyLink, new_size: u64, new_entry: u64) -> Result<()> {
        let position = &self.position;
        let mut net: NetExposure = link.exposure.net();
        net.remove(position.side.into(), position.size, position.entry_price)?;
        if new_size > 0 {
            net.add(position.side.into(), new_size, new_entry)?;
        }
        link.exposure.set_net(net);
        Ok(())
    }
}

impl PolicyLink {
    pub fn save(&self, accounts: &UpdatePosition) -> Result<()> {
        if let (Some(policy), Some(exposure)) = (accounts.policy.as_ref(), accounts.policy_exposure.as_ref())
        {
            write_account(policy, &self.policy)?;
            write_account(exposure, &self.exposure)?;
        }
        Ok(())
    }
}
