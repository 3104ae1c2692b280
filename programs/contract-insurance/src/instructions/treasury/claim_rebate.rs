use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::RebateClaimed;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::mint_credits;

/// Mints a referral node's accrued compensation rebates (hashrate credits) to its owner.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRebate<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(
        mut,
        seeds = [REFERRAL_SEED, pool.key().as_ref(), owner.key().as_ref()],
        bump = referral_node.bump,
        has_one = owner @ CipError::NotOwner,
    )]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    #[account(
        mut,
        address = pool.credit_mint @ CipError::TokenAccountMismatch,
        seeds = [CREDIT_MINT_SEED, pool.key().as_ref()],
        bump = pool.credit_mint_bump,
    )]
    pub credit_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, constraint = destination.mint == pool.credit_mint @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ClaimRebate<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.referral_node.rebate_owed()? > 0, CipError::NothingToClaim);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let credits = ctx.accounts.referral_node.rebate_owed()?;
        let accounts = &ctx.accounts;
        mint_credits(
            &accounts.pool,
            &accounts.token_program.to_account_info(),
            &accounts.credit_mint.to_account_info(),
            &accounts.destination.to_account_info(),
            credits,
        )?;
        let node = &mut ctx.accounts.referral_node;
        node.rebate_claimed = node.rebate_claimed.safe_add(credits)?;
        let pool = &mut ctx.accounts.pool;
        pool.totals.rebates_claimed = pool.totals.rebates_claimed.safe_add(credits)?;
        emit_cpi!(RebateClaimed {
            pool: pool.key(),
            referral_node: node.key(),
            owner: node.owner,
            destination: ctx.accounts.destination.key(),
            credits,
            total_claimed: node.rebate_claimed,
        });
        Ok(())
    }
}
