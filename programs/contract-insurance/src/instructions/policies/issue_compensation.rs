use anchor_lang::prelude::*;
use anchor_lang::AccountsExit;
use anchor_spl::associated_token::{self, get_associated_token_address_with_program_id, AssociatedToken};
use anchor_spl::token_interface::{Mint, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::{CompensationIssued, RebateShare};
use crate::instructions::uplines::load_uplines;
use crate::math::levels::effective_level;
use crate::math::referral_walk::rebate_walk;
use crate::math::safe_math::{SafeCast, SafeMath};
use crate::state::*;
use crate::utils::token::{mint_credits, token_account_usable};

/// Anyone: pays a Compensating policy. Mints the credits fixed at purchase to the owner's
/// associated credit account (created if missing), accrues rebates on the owner's uplines
/// (remaining accounts, the same verified walk as a purchase) and completes the policy. Pays at
/// most once. If the owner's credit account cannot receive them (on SPL Token an owner can
/// reassign an associated account to another wallet), the credits wait in the user account for
/// `claim_credits` instead: nobody, the owner included, can block the payout or the rebates.
#[event_cpi]
#[derive(Accounts)]
pub struct IssueCompensation<'info> {
    #[account(mut)]
    pub keeper: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch, has_one = owner @ CipError::PolicyOwnerMismatch)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(
        mut,
        seeds = [USER_SEED, pool.key().as_ref(), owner.key().as_ref()],
        bump = user.bump,
    )]
    pub user: Box<Account<'info, UserAccount>>,
    /// CHECK: the policy owner's wallet (checked by `has_one` on the policy); authority of the
    /// credit token account.
    pub owner: UncheckedAccount<'info>,
    #[account(seeds = [REFERRAL_SEED, pool.key().as_ref(), owner.key().as_ref()], bump = owner_node.bump)]
    pub owner_node: Box<Account<'info, ReferralNode>>,
    #[account(
        mut,
        address = pool.credit_mint @ CipError::TokenAccountMismatch,
        seeds = [CREDIT_MINT_SEED, pool.key().as_ref()],
        bump = pool.credit_mint_bump,
    )]
    pub credit_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: the owner's associated credit token account; created here if missing, inspected by
    /// `token_account_usable` otherwise.
    #[account(
        mut,
        address = get_associated_token_address_with_program_id(&owner.key(), &pool.credit_mint, &pool.token_program)
            @ CipError::TokenAccountMismatch
    )]
    pub owner_credit_account: UncheckedAccount<'info>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub associated_token_program: Program<'info, AssociatedToken>,
    pub system_program: Program<'info, System>,
}

impl<'info> IssueCompensation<'info> {
    pub fn validate(&self) -> Result<()> {
        require!(self.policy.status == PolicyStatus::Compensating, CipError::PolicyNotCompensating);
        Ok(())
    }

    pub fn handler(ctx: Context<'info, Self>) -> Result<()> {
        ctx.accounts.validate()?;
        let accounts = &ctx.accounts;
        let config = &accounts.pool.config;
        let levels = &accounts.pool.levels;
        let credits = accounts.policy.terms.payout_credits;

        // Rebates: the differential walk on the compensation with rebate rates, plus the bonus.
        let mut uplines = load_uplines(ctx.remaining_accounts, &accounts.owner_node, config.max_depth)?;
        let levels_now: Vec<u8> = uplines
            .iter()
            .map(|node| effective_level(levels, node.assigned_level, node.team_volume))
            .collect();
        let rates: Vec<u16> = levels_now.iter().map(|&level| levels[usize::from(level)].rebate_bps).collect();
        let rebates = rebate_walk(credits, &rates, config.same_level_cut, config.direct_bonus_bps)?;

        let credit_info = accounts.owner_credit_account.to_account_info();
        if credit_info.data_is_empty() {
            associated_token::create(CpiContext::new(
                accounts.associated_token_program.key(),
                associated_token::Create {
                    payer: accounts.keeper.to_account_info(),
                    associated_token: credit_info.clone(),
                    authority: accounts.owner.to_account_info(),
                    mint: accounts.credit_mint.to_account_info(),
                    system_program: accounts.system_program.to_account_info(),
                    token_program: accounts.token_program.to_account_info(),
                },
            ))?;
        }
        let deferred =
            !token_account_usable(&credit_info, &accounts.owner.key(), &accounts.pool.credit_mint)?;
        if !deferred {
            mint_credits(
                &accounts.pool,
                &accounts.token_program.to_account_info(),
                &accounts.credit_mint.to_account_info(),
                &credit_info,
                credits,
            )?;
        }

        let mut shares = Vec::with_capacity(uplines.len());
        for (index, node) in uplines.iter_mut().enumerate() {
            let rebate = rebates.walk.earned[index];
            let bonus = if index == 0 { rebates.direct_bonus } else { 0 };
            node.rebate_earned = node.rebate_earned.safe_add(rebate)?.safe_add(bonus)?;
            node.exit(&crate::ID)?;
            shares.push(RebateShare {
                referral_node: node.key(),
                owner: node.owner,
                level: levels_now[index],
                rate_bps: rates[index],
                rebate,
                bonus,
            });
        }

        let policy = &mut ctx.accounts.policy;
        policy.status = PolicyStatus::Completed;
        policy.outcome = PolicyOutcome::Paid;
        let user = &mut ctx.accounts.user;
        user.active_policy_index = None;
        user.total_compensation_credits = user.total_compensation_credits.safe_add(credits)?;
        if deferred {
            user.credits_owed = user.credits_owed.safe_add(credits)?;
        }
        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_compensated = pool.totals.policies_compensated.safe_add(1)?;
        pool.totals.compensation_credits = pool.totals.compensation_credits.safe_add(credits)?;
        if deferred {
            pool.totals.credits_deferred = pool.totals.credits_deferred.safe_add(credits)?;
        }
        pool.totals.rebates_accrued = pool.totals.rebates_accrued.safe_add(rebates.total)?;

        let policy = &ctx.accounts.policy;
        emit_cpi!(CompensationIssued {
            pool: policy.pool,
            policy: policy.key(),
            owner: policy.owner,
            credit_account: ctx.accounts.owner_credit_account.key(),
            loss: policy.loss,
            trigger: policy.terms.trigger,
            payout: policy.terms.payout,
            credits,
            deferred,
            rebates: shares,
            cut_at: rebates.walk.cut_at.map(|at| at.safe_cast()).transpose()?,
            total_rebates: rebates.total,
        });
        Ok(())
    }
}
