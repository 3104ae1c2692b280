use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::OrderCancelled;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::liquidation::cancel_refund;
use crate::math::safe_math::SafeMath;
use crate::math::solvency::reserve_left;
use crate::state::*;

/// Reporter: the unfilled part of a covered order (or some of it) was cancelled. The trader is
/// owed `insured × cancelled / order_qty`, paid out of the reserve the cancellation releases
/// (never out of money owed to anyone else): at once into the trader's premium account when the
/// reporter passes it, otherwise credited to the cover for `claim_refund`. A trader's token
/// account can therefore never block the reporter.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelOrderRemainder<'info> {
    pub reporter: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(mut, constraint = cover.pool == pool.key() @ CipError::PoolMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(
        mut,
        seeds = [EXPOSURE_SEED, pool.key().as_ref(), cover.owner.as_ref(), cover.market.as_ref()],
        bump = exposure.bump,
    )]
    pub exposure: Box<Account<'info, MarketExposure>>,
    /// The trader's premium token account, to pay the refund at once (optional).
    #[account(
        mut,
        constraint = is_premium_account(&pool, &trader_token) && trader_token.owner == cover.owner
            @ CipError::TokenAccountMismatch
    )]
    pub trader_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
}

impl<'info> CancelOrderRemainder<'info> {
    pub fn validate(&self, cancelled_qty: u64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(self.cover.status == CoverStatus::Ongoing, CipError::CoverNotOngoing);
        require!(
            cancelled_qty > 0 && cancelled_qty <= self.cover.unfilled(),
            CipError::QuantityExceedsUnfilled
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, cancelled_qty: u64) -> Result<()> {
        ctx.accounts.validate(cancelled_qty)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        let refund =
            cancel_refund(cover.insured_bought, cover.cancelled_qty, cancelled_qty, cover.order_qty)?;
        let margin_released =
            cancel_refund(cover.order_margin, cover.cancelled_qty, cancelled_qty, cover.order_qty)?;
        let cancelled_total = cover.cancelled_qty.safe_add(cancelled_qty)?;
        // What is left stays fully reserved; the release always covers the refund.
        let insured_left = cover.insured.safe_sub(refund)?;
        let release = cover.reserved.safe_sub(reserve_left(
            cover.reserve_bought,
            insured_left,
            cover.insured_bought,
        )?)?;
        let refund_paid = match ctx.accounts.trader_token.as_ref() {
            Some(trader_token) if refund > 0 => {
                vault_of!(ctx.accounts).pay(&trader_token.to_account_info(), refund)?;
                true
            }
            _ => false,
        };

        let cover = &mut ctx.accounts.cover;
        cover.cancelled_qty = cancelled_total;
        cover.insured = cover.insured.safe_sub(refund)?;
        cover.margin = cover.margin.safe_sub(margin_released)?;
        cover.reserved = cover.reserved.safe_sub(release)?;
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.covers_reserved = pool.liabilities.covers_reserved.safe_sub(release)?;
        if refund_paid {
            pool.totals.liquidation_refunds_paid = pool.totals.liquidation_refunds_paid.safe_add(refund)?;
        } else {
            cover.refund_owed = cover.refund_owed.safe_add(refund)?;
            pool.liabilities.refunds_owed = pool.liabilities.refunds_owed.safe_add(refund)?;
        }
        if cover.unfilled() == 0 && cover.filled_qty == 0 {
            cover.status = CoverStatus::Completed;
            cover.outcome = CoverOutcome::Cancelled;
            let exposure = &mut ctx.accounts.exposure;
            exposure.ongoing = exposure.ongoing.safe_sub(1)?;
        }
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        emit_cpi!(OrderCancelled {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            cancelled_qty,
            total_cancelled: cover.cancelled_qty,
            order_qty: cover.order_qty,
            refund,
            refund_paid,
            reserve_released: release,
            insured_remaining: cover.insured,
            margin_remaining: cover.margin,
            reserved_remaining: cover.reserved,
            status: cover.status,
            outcome: cover.outcome,
            books,
        });
        Ok(())
    }
}
