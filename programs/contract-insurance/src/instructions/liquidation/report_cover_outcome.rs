use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{CoverClosed, LiquidationReported};
use crate::instructions::vault::SolvencyGuard;
use crate::math::liquidation::{covered_loss, liquidation_compensation, ratio_for_used};
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Accounts of the reporter's final word on a filled covered order: closed without liquidation,
/// or liquidated. Both release the cover's reserve (a liquidation keeps the claim's cap of it).
#[event_cpi]
#[derive(Accounts)]
pub struct ReportCoverOutcome<'info> {
    pub reporter: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The premium vault, read for the end-of-instruction solvency check.
    #[account(address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(seeds = [USER_SEED, pool.key().as_ref(), cover.owner.as_ref()], bump = user.bump)]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
    #[account(
        mut,
        seeds = [EXPOSURE_SEED, pool.key().as_ref(), cover.owner.as_ref(), cover.market.as_ref()],
        bump = exposure.bump,
    )]
    pub exposure: Box<Account<'info, MarketExposure>>,
}

impl ReportCoverOutcome<'_> {
    pub fn validate(&self) -> Result<()> {
        require_keys_eq!(self.reporter.key(), self.pool.roles.reporter, CipError::NotReporter);
        require!(self.cover.status == CoverStatus::Ongoing, CipError::CoverNotOngoing);
        // Whatever was never filled is cancelled (and refunded) first.
        require!(self.cover.unfilled() == 0, CipError::OrderHasUnfilledQuantity);
        Ok(())
    }

    /// Leaves the Ongoing state: the exposure counts one cover fewer and the cover's reserve
    /// leaves `covers_reserved`. Returns the reserve that was held.
    fn leave_ongoing(&mut self) -> Result<u64> {
        self.exposure.ongoing = self.exposure.ongoing.safe_sub(1)?;
        let reserved = std::mem::take(&mut self.cover.reserved);
        self.pool.liabilities.covers_reserved = self.pool.liabilities.covers_reserved.safe_sub(reserved)?;
        Ok(reserved)
    }

    /// Reporter: the order's position closed without liquidation; the cover completes as closed
    /// and its whole reserve is released.
    pub fn close(ctx: Context<Self>) -> Result<()> {
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let reserve_released = ctx.accounts.leave_ongoing()?;
        let cover = &mut ctx.accounts.cover;
        cover.status = CoverStatus::Completed;
        cover.outcome = CoverOutcome::ClosedNoLiquidation;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        emit_cpi!(CoverClosed {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            insured: cover.insured,
            reserve_released,
            books,
        });
        Ok(())
    }

    /// Reporter: the order's position was liquidated (`liquidated_qty` of it, losing `loss`). The
    /// claim goes under review with a cap: what it would be approved for now, never more than
    /// the cover's reserve. The rest of the reserve is released.
    pub fn liquidated(ctx: Context<Self>, liquidated_qty: u64, loss: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let cover = &ctx.accounts.cover;
        require!(
            liquidated_qty > 0 && liquidated_qty <= cover.filled_qty,
            CipError::InvalidLiquidationQuantity
        );
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let config = &ctx.accounts.pool.config.liquidation;
        // Approval can only lower the ratio (used only grows, ratios fall with usage).
        let used_if_approved = ctx.accounts.user.liquidation_used.safe_add(cover.insured)?;
        let ratio_bps = ratio_for_used(&config.ratio_tiers, used_if_approved)?;
        let covered = covered_loss(loss, cover.margin, cover.insured, liquidated_qty, cover.filled_qty)?;
        let compensation_now =
            liquidation_compensation(covered, ratio_bps, config.compensation_multiplier_bps)?;
        let review_deadline = now.safe_add(config.review_window)?;

        let reserved = ctx.accounts.leave_ongoing()?;
        let claim_cap = compensation_now.min(reserved);
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.claims_under_review = pool.liabilities.claims_under_review.safe_add(claim_cap)?;
        let cover = &mut ctx.accounts.cover;
        cover.status = CoverStatus::UnderReview;
        cover.liquidated_at = now;
        cover.liquidated_qty = liquidated_qty;
        cover.liquidation_loss = loss;
        cover.review_deadline = review_deadline;
        cover.reserved = claim_cap;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let cover = &ctx.accounts.cover;
        emit_cpi!(LiquidationReported {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            liquidated_qty,
            open_qty: cover.filled_qty,
            loss,
            margin: cover.margin,
            insured: cover.insured,
            review_deadline,
            claim_cap,
            reserve_released: reserved.safe_sub(claim_cap)?,
            books,
        });
        Ok(())
    }
}
