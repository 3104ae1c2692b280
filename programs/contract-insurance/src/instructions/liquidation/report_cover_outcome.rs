use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{CoverClosed, LiquidationReported};
use crate::math::liquidation::{covered_loss, liquidation_compensation, ratio_for_used};
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Accounts of the reporter's final word on a filled covered order: closed without liquidation,
/// or liquidated.
#[event_cpi]
#[derive(Accounts)]
pub struct ReportCoverOutcome<'info> {
    pub reporter: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(
        seeds = [USER_SEED, pool.key().as_ref(), cover.owner.as_ref()],
        bump = user.bump,
    )]
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

    fn leave_ongoing(&mut self) -> Result<()> {
        self.exposure.ongoing = self.exposure.ongoing.safe_sub(1)?;
        Ok(())
    }

    /// Reporter: the order's position closed without liquidation; the cover completes as closed.
    pub fn close(ctx: Context<Self>) -> Result<()> {
        ctx.accounts.leave_ongoing()?;
        let cover = &mut ctx.accounts.cover;
        cover.status = CoverStatus::Completed;
        cover.outcome = CoverOutcome::ClosedNoLiquidation;
        emit_cpi!(CoverClosed { cover: cover.key(), owner: cover.owner, insured: cover.insured });
        Ok(())
    }

    /// Reporter: the order's position was liquidated (`liquidated_qty` of it, losing `loss`). The
    /// claim goes under review; its payout if approved now counts as owed until it is decided.
    pub fn liquidated(ctx: Context<Self>, liquidated_qty: u64, loss: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let cover = &ctx.accounts.cover;
        require!(
            liquidated_qty > 0 && liquidated_qty <= cover.filled_qty,
            CipError::InvalidLiquidationQuantity
        );
        let config = &ctx.accounts.pool.config.liquidation;
        // Approval can only lower the ratio (the used amount only grows), so this is the most the
        // claim can cost while the config stands.
        let used_if_approved = ctx.accounts.user.liquidation_used.safe_add(cover.insured)?;
        let ratio_bps = ratio_for_used(&config.ratio_tiers, used_if_approved)?;
        let covered = covered_loss(loss, cover.margin, cover.insured, liquidated_qty, cover.filled_qty)?;
        let worst_case_payout =
            liquidation_compensation(covered, ratio_bps, config.compensation_multiplier_bps)?;
        let review_deadline = now.safe_add(config.review_window)?;

        ctx.accounts.leave_ongoing()?;
        let pool = &mut ctx.accounts.pool;
        pool.liabilities.review_worst_case =
            pool.liabilities.review_worst_case.safe_add(worst_case_payout)?;
        let cover = &mut ctx.accounts.cover;
        cover.status = CoverStatus::UnderReview;
        cover.liquidated_at = now;
        cover.liquidated_qty = liquidated_qty;
        cover.liquidation_loss = loss;
        cover.review_deadline = review_deadline;
        cover.worst_case_payout = worst_case_payout;
        emit_cpi!(LiquidationReported {
            cover: cover.key(),
            owner: cover.owner,
            liquidated_qty,
            open_qty: cover.filled_qty,
            loss,
            margin: cover.margin,
            insured: cover.insured,
            review_deadline,
            worst_case_payout,
        });
        Ok(())
    }
}
