use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::{RefundClaimed, VestedClaimed};
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::safe_math::SafeMath;
use crate::math::vesting::{tranches_vested, vested_amount};
use crate::state::*;

/// Accounts for the trader taking money out of a cover, to any premium account they name:
/// vested compensation (out of `vesting_owed`) or a credited refund (out of `refunds_owed`).
#[event_cpi]
#[derive(Accounts)]
pub struct CoverPayout<'info> {
    pub owner: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(
        mut,
        constraint = cover.pool == pool.key() @ CipError::PoolMismatch,
        has_one = owner @ CipError::NotOwner,
    )]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(mut, constraint = is_premium_account(&pool, &destination) @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl<'info> CoverPayout<'info> {
    fn pay(&self, amount: u64) -> Result<()> {
        vault_of!(self).pay(&self.destination.to_account_info(), amount)
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
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        ctx.accounts.pay(amount)?;

        let cover = &mut ctx.accounts.cover;
        cover.vested_claimed = cover.vested_claimed.safe_add(amount)?;
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.vesting_owed = pool.liabilities.vesting_owed.safe_sub(amount)?;
        pool.totals.liquidation_vested_paid = pool.totals.liquidation_vested_paid.safe_add(amount)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        emit_cpi!(VestedClaimed {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            destination: ctx.accounts.destination.key(),
            amount,
            tranches_vested: tranches,
            vesting_days: cover.vesting_days,
            claimed_total: cover.vested_claimed,
            compensation: cover.compensation,
            books,
        });
        Ok(())
    }

    /// Owner: pays the cancellation refunds credited to the cover.
    pub fn refund(ctx: Context<Self>) -> Result<()> {
        let amount = ctx.accounts.cover.refund_owed;
        require!(amount > 0, CipError::NothingToClaim);
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        ctx.accounts.pay(amount)?;
        ctx.accounts.cover.refund_owed = 0;
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.refunds_owed = pool.liabilities.refunds_owed.safe_sub(amount)?;
        pool.totals.liquidation_refunds_paid = pool.totals.liquidation_refunds_paid.safe_add(amount)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        emit_cpi!(RefundClaimed {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            destination: ctx.accounts.destination.key(),
            amount,
            books,
        });
        Ok(())
    }
}
