use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::error::CipError;
use crate::events::{RefundClaimed, VestedClaimed};
use crate::instructions::pool_vault::*;
use crate::math::safe_math::SafeMath;
use crate::math::vesting::{tranches_vested, vested_amount};
use crate::state::*;

/// Accounts for the trader taking money out of a cover: vested compensation or an owed refund.
/// If the vault cannot pay, the transaction fails and the amount stays owed.
#[event_cpi]
#[derive(Accounts)]
pub struct CoverPayout<'info> {
    pub owner: Signer<'info>,
    pub pool_vault: PoolVault<'info>,
    #[account(
        mut,
        constraint = cover.pool == pool_vault.pool.key() @ CipError::PoolMismatch,
        has_one = owner @ CipError::NotOwner,
    )]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(mut, constraint = pool_vault.is_premium_account(&destination) @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl CoverPayout<'_> {
    fn pay(&self, amount: u64) -> Result<()> {
        self.pool_vault.pay(&self.destination.to_account_info(), amount)
    }

    /// Owner: pays whatever of an approved compensation has vested and is not yet claimed.
    pub fn vested(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let cover = &ctx.accounts.cover;
        require!(cover.outcome == CoverOutcome::Paid, CipError::NothingVested);
        let vested = vested_amount(cover.compensation, cover.vesting_start, cover.vesting_days, now)?;
        let amount = vested.safe_sub(cover.vested_claimed)?;
        require!(amount > 0, CipError::NothingVested);
        let tranches = tranches_vested(cover.vesting_start, cover.vesting_days, now)?;
        ctx.accounts.pay(amount)?;

        let cover = &mut ctx.accounts.cover;
        cover.vested_claimed = cover.vested_claimed.safe_add(amount)?;
        let pool = &mut ctx.accounts.pool_vault.pool;
        pool.liabilities.vesting_owed = pool.liabilities.vesting_owed.safe_sub(amount)?;
        pool.totals.liquidation_vested_paid = pool.totals.liquidation_vested_paid.safe_add(amount)?;
        emit_cpi!(VestedClaimed {
            cover: cover.key(),
            owner: cover.owner,
            destination: ctx.accounts.destination.key(),
            amount,
            tranches_vested: tranches,
            vesting_days: cover.vesting_days,
            claimed_total: cover.vested_claimed,
            compensation: cover.compensation,
        });
        Ok(())
    }

    /// Owner: pays a cancellation refund the vault could not pay at the time.
    pub fn refund(ctx: Context<Self>) -> Result<()> {
        let amount = ctx.accounts.cover.refund_owed;
        require!(amount > 0, CipError::NothingToClaim);
        ctx.accounts.pay(amount)?;
        let cover = &mut ctx.accounts.cover;
        cover.refund_owed = 0;
        cover.refunded = cover.refunded.safe_add(amount)?;
        let pool = &mut ctx.accounts.pool_vault.pool;
        pool.liabilities.refunds_owed = pool.liabilities.refunds_owed.safe_sub(amount)?;
        pool.totals.liquidation_refunds_paid = pool.totals.liquidation_refunds_paid.safe_add(amount)?;
        emit_cpi!(RefundClaimed {
            cover: cover.key(),
            owner: cover.owner,
            destination: ctx.accounts.destination.key(),
            amount,
        });
        Ok(())
    }
}
