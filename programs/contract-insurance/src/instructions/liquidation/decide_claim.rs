use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{ClaimDecided, PoolBooks};
use crate::instructions::vault::SolvencyGuard;
use crate::math::liquidation::{covered_loss, liquidation_compensation, ratio_for_used};
use crate::math::safe_math::SafeMath;
use crate::math::vesting::vesting_start;
use crate::state::*;

/// Accounts to decide a claim under review: the reviewer before the deadline, anyone after it.
#[event_cpi]
#[derive(Accounts)]
pub struct DecideClaim<'info> {
    pub authority: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// The premium vault, read for the end-of-instruction solvency check.
    #[account(address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, seeds = [USER_SEED, pool.key().as_ref(), cover.owner.as_ref()], bump = user.bump)]
    pub user: Box<Account<'info, UserAccount>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub cover: Box<Account<'info, LiquidationCover>>,
}

impl DecideClaim<'_> {
    fn validate_review(&self, now: i64) -> Result<()> {
        require_keys_eq!(self.authority.key(), self.pool.roles.reviewer, CipError::NotReviewer);
        require!(self.cover.status == CoverStatus::UnderReview, CipError::ClaimNotUnderReview);
        require!(now <= self.cover.review_deadline, CipError::ReviewDeadlinePassed);
        Ok(())
    }

    fn validate_finalize(&self, now: i64) -> Result<()> {
        require!(self.cover.status == CoverStatus::UnderReview, CipError::ClaimNotUnderReview);
        require!(now > self.cover.review_deadline, CipError::ReviewDeadlineNotReached);
        Ok(())
    }

    /// Takes the claim's cap out of `claims_under_review`; returns it.
    fn release_cap(&mut self) -> Result<u64> {
        let cap = std::mem::take(&mut self.cover.reserved);
        self.pool.liabilities.claims_under_review =
            self.pool.liabilities.claims_under_review.safe_sub(cap)?;
        Ok(cap)
    }

    /// Approves the claim: `used` grows by the insured amount, the ratio tier is taken with it
    /// included, and the compensation — never more than the claim's cap — starts vesting at the
    /// configured time of the next day.
    fn approve(&mut self, by_timeout: bool) -> Result<u64> {
        let config = self.pool.config.liquidation.clone();
        let used_after = self.user.liquidation_used.safe_add(self.cover.insured)?;
        let ratio_bps = ratio_for_used(&config.ratio_tiers, used_after)?;
        let cover = &self.cover;
        let covered = covered_loss(
            cover.liquidation_loss,
            cover.margin,
            cover.insured,
            cover.liquidated_qty,
            cover.filled_qty,
        )?;
        let recomputed = liquidation_compensation(covered, ratio_bps, config.compensation_multiplier_bps)?;
        let cap = self.release_cap()?;
        let compensation = recomputed.min(cap);
        let cover = &mut self.cover;
        cover.status = CoverStatus::Completed;
        cover.outcome = CoverOutcome::Paid;
        cover.approved_by_timeout = by_timeout;
        cover.ratio_bps = ratio_bps;
        cover.compensation = compensation;
        cover.vesting_start =
            vesting_start(cover.liquidated_at, config.day_offset_seconds, config.vesting_start_offset)?;
        cover.vesting_days = config.vesting_days;
        self.user.liquidation_used = used_after;
        let pool = &mut self.pool;
        pool.liabilities.vesting_owed = pool.liabilities.vesting_owed.safe_add(compensation)?;
        pool.totals.liquidation_claims_approved = pool.totals.liquidation_claims_approved.safe_add(1)?;
        pool.totals.liquidation_compensation_approved =
            pool.totals.liquidation_compensation_approved.safe_add(compensation)?;
        Ok(cap)
    }

    fn reject(&mut self) -> Result<u64> {
        let cap = self.release_cap()?;
        let cover = &mut self.cover;
        cover.status = CoverStatus::Completed;
        cover.outcome = CoverOutcome::Rejected;
        let pool = &mut self.pool;
        pool.totals.liquidation_claims_rejected = pool.totals.liquidation_claims_rejected.safe_add(1)?;
        Ok(cap)
    }

    /// Reviewer, before the deadline: approve or reject.
    pub fn review(ctx: Context<Self>, approve: bool) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate_review(now)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let cap = if approve { ctx.accounts.approve(false)? } else { ctx.accounts.reject()? };
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let event = ctx.accounts.decided_event(false, cap, books);
        emit_cpi!(event);
        Ok(())
    }

    /// Anyone, after the deadline: an unreviewed claim is approved.
    pub fn finalize(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate_finalize(now)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let cap = ctx.accounts.approve(true)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        let event = ctx.accounts.decided_event(true, cap, books);
        emit_cpi!(event);
        Ok(())
    }

    fn decided_event(&self, by_timeout: bool, claim_cap_released: u64, books: PoolBooks) -> ClaimDecided {
        let cover = &self.cover;
        ClaimDecided {
            pool: cover.pool,
            cover: cover.key(),
            owner: cover.owner,
            decided_by: self.authority.key(),
            approved: cover.outcome == CoverOutcome::Paid,
            by_timeout,
            used_after: self.user.liquidation_used,
            ratio_bps: cover.ratio_bps,
            compensation: cover.compensation,
            vesting_start: cover.vesting_start,
            vesting_days: cover.vesting_days,
            claim_cap_released,
            books,
        }
    }
}
