use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::{PolicyClosed, PolicyExposureClosed};
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Anyone (the keeper): closes a finished policy — Completed (expired, paid or void) with every
/// exposure account closed — and returns its rent to the owner who paid it. The final state is
/// in the event. The PDA includes the owner's policy counter, so the address is never reused.
#[event_cpi]
#[derive(Accounts)]
pub struct ClosePolicy<'info> {
    pub closer: Signer<'info>,
    #[account(mut, close = owner, has_one = owner @ CipError::RentRecipientMismatch)]
    pub policy: Box<Account<'info, Policy>>,
    /// CHECK: the policy owner's wallet, who paid the rent (checked by `has_one`).
    #[account(mut)]
    pub owner: UncheckedAccount<'info>,
}

impl ClosePolicy<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.policy.is_finished(), CipError::PolicyNotFinished);
        require_eq!(self.policy.exposures_closed, self.policy.exposures, CipError::PolicyExposuresOpen);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        ctx.accounts.validate()?;
        let policy = &ctx.accounts.policy;
        emit_cpi!(PolicyClosed {
            policy: policy.key(),
            rent_recipient: policy.owner,
            lamports: policy.to_account_info().lamports(),
            final_state: Policy::clone(policy),
        });
        Ok(())
    }
}

/// Anyone (the keeper): closes a policy's exposure in one market once it has been valued, or
/// once the policy finished without needing it (void, or settled early), and returns its rent to
/// the reporter key that paid it.
#[event_cpi]
#[derive(Accounts)]
pub struct ClosePolicyExposure<'info> {
    pub closer: Signer<'info>,
    #[account(mut)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut,
        close = rent_payer,
        has_one = policy @ CipError::ExposureNotInPolicy,
        has_one = rent_payer @ CipError::RentRecipientMismatch,
    )]
    pub exposure: Box<Account<'info, PolicyExposure>>,
    /// CHECK: the key that paid the exposure's rent (checked by `has_one`).
    #[account(mut)]
    pub rent_payer: UncheckedAccount<'info>,
}

impl ClosePolicyExposure<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.exposure.valued || !self.policy.is_active(), CipError::ExposureNotFinished);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        ctx.accounts.validate()?;
        let policy = &mut ctx.accounts.policy;
        policy.exposures_closed = policy.exposures_closed.safe_add(1)?;
        let exposure = &ctx.accounts.exposure;
        emit_cpi!(PolicyExposureClosed {
            pool: exposure.pool,
            policy: exposure.policy,
            exposure: exposure.key(),
            market: exposure.market,
            rent_recipient: exposure.rent_payer,
            lamports: exposure.to_account_info().lamports(),
            valued: exposure.valued,
            unrealized_pnl: exposure.unrealized_pnl,
        });
        Ok(())
    }
}
