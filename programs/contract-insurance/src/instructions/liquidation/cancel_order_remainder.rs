use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::*;
use crate::error::CipError;
use crate::events::OrderCancelled;
use crate::instructions::pool_vault::*;
use crate::math::liquidation::cancel_refund;
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Reporter: the unfilled part of a covered order (or some of it) was cancelled. The trader gets
/// `insured × cancelled / order_qty` back at once; if the vault cannot pay, it stays owed and
/// the trader claims it later with `claim_refund`.
#[event_cpi]
#[derive(Accounts)]
pub struct CancelOrderRemainder<'info> {
    pub reporter: Signer<'info>,
    pub pool_vault: PoolVault<'info>,
    #[account(mut, constraint = cover.pool == pool_vault.pool.key() @ CipError::PoolMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(
        mut,
        seeds = [EXPOSURE_SEED, pool_vault.pool.key().as_ref(), cover.owner.as_ref(), cover.market.as_ref()],
        bump = exposure.bump,
    )]
    pub exposure: Box<Account<'info, MarketExposure>>,
    /// The trader's premium token account.
    #[account(
        mut,
        constraint = pool_vault.is_premium_account(&trader_token) && trader_token.owner == cover.owner
            @ CipError::TokenAccountMismatch
    )]
    pub trader_token: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl CancelOrderRemainder<'_> {
    pub fn validate(&self, cancelled_qty: u64) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool_vault.pool.roles.reporter, CipError::NotReporter);
        require!(self.cover.status == CoverStatus::Ongoing, CipError::CoverNotOngoing);
        require!(
            cancelled_qty > 0 && cancelled_qty <= self.cover.unfilled(),
            CipError::QuantityExceedsUnfilled
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, cancelled_qty: u64) -> Result<()> {
        let cover = &ctx.accounts.cover;
        let refund = cancel_refund(cover.insured_bought, cancelled_qty, cover.order_qty)?;
        let margin_released = cancel_refund(cover.order_margin, cancelled_qty, cover.order_qty)?;
        let pays_now = ctx.accounts.pool_vault.vault.amount >= refund;
        if pays_now && refund > 0 {
            ctx.accounts.pool_vault.pay(&ctx.accounts.trader_token.to_account_info(), refund)?;
        }

        let cover = &mut ctx.accounts.cover;
        cover.cancelled_qty = cover.cancelled_qty.safe_add(cancelled_qty)?;
        cover.insured = cover.insured.safe_sub(refund)?;
        cover.margin = cover.margin.safe_sub(margin_released)?;
        let pool = &mut ctx.accounts.pool_vault.pool;
        if pays_now {
            cover.refunded = cover.refunded.safe_add(refund)?;
            pool.totals.liquidation_refunds_paid = pool.totals.liquidation_refunds_paid.safe_add(refund)?;
        } else {
            cover.refund_owed = cover.refund_owed.safe_add(refund)?;
            pool.liabilities.refunds_owed = pool.liabilities.refunds_owed.safe_add(refund)?;
        }
        if cover.unfilled() == 0 {
            if cover.filled_qty == 0 {
                cover.status = CoverStatus::Completed;
                cover.outcome = CoverOutcome::Cancelled;
                let exposure = &mut ctx.accounts.exposure;
                exposure.ongoing = exposure.ongoing.safe_sub(1)?;
            } else {
                cover.fill_state = FillState::Filled;
            }
        }
        emit_cpi!(OrderCancelled {
            cover: cover.key(),
            owner: cover.owner,
            cancelled_qty,
            total_cancelled: cover.cancelled_qty,
            order_qty: cover.order_qty,
            refund,
            refund_paid: pays_now,
            insured_remaining: cover.insured,
            status: cover.status,
            outcome: cover.outcome,
        });
        Ok(())
    }
}
