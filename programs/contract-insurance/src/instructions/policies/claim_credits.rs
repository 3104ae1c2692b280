use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::CreditsClaimed;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::mint_credits;

/// Owner: mints compensation credits that `issue_compensation` could not deliver to the owner's
/// associated credit account, to any credit account the owner names.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimCredits<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, seeds = [USER_SEED, pool.key().as_ref(), owner.key().as_ref()], bump = user.bump)]
    pub user: Box<Account<'info, UserAccount>>,
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

impl ClaimCredits<'_> {
    pub fn validate(&self) -> Result<u64> {
        require!(self.user.credits_owed > 0, CipError::NothingToClaim);
        Ok(self.user.credits_owed)
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let credits = ctx.accounts.validate()?;
        let accounts = &ctx.accounts;
        mint_credits(
            &accounts.pool,
            &accounts.token_program.to_account_info(),
            &accounts.credit_mint.to_account_info(),
            &accounts.destination.to_account_info(),
            credits,
        )?;
        ctx.accounts.user.credits_owed = 0;
        let pool = &mut ctx.accounts.pool;
        pool.totals.credits_claimed = pool.totals.credits_claimed.safe_add(credits)?;
        emit_cpi!(CreditsClaimed {
            pool: pool.key(),
            owner: ctx.accounts.owner.key(),
            destination: ctx.accounts.destination.key(),
            credits,
        });
        Ok(())
    }
}
