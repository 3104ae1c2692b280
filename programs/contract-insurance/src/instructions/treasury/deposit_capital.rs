use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::CapitalDeposited;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::safe_math::SafeMath;
use crate::state::Pool;

/// Anyone: adds capital to the vault, raising the pool's free capital (its capacity to sell
/// liquidation cover). Only the admin can take surplus out again (`withdraw_surplus`).
#[event_cpi]
#[derive(Accounts)]
pub struct DepositCapital<'info> {
    pub depositor: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(mut, constraint = is_premium_account(&pool, &source) @ CipError::TokenAccountMismatch)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl DepositCapital<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require!(amount > 0, CipError::ZeroAmount);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        ctx.accounts.validate(amount)?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let accounts = &ctx.accounts;
        vault_of!(accounts).deposit(
            &accounts.source.to_account_info(),
            &accounts.depositor.to_account_info(),
            amount,
        )?;
        let pool = &mut ctx.accounts.pool;
        pool.totals.capital_deposited = pool.totals.capital_deposited.safe_add(amount)?;
        let total_deposited = pool.totals.capital_deposited;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        emit_cpi!(CapitalDeposited {
            pool: ctx.accounts.pool.key(),
            depositor: ctx.accounts.depositor.key(),
            source: ctx.accounts.source.key(),
            amount,
            total_deposited,
            books,
        });
        Ok(())
    }
}
