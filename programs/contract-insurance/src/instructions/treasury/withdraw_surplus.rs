use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::SurplusWithdrawn;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::safe_math::SafeMath;
use crate::state::Pool;

/// The admin takes vault funds above everything owed and reserved (SPEC §7): free capital only.
#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawSurplus<'info> {
    pub admin: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(mut, constraint = is_premium_account(&pool, &destination) @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl WithdrawSurplus<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(amount > 0, CipError::ZeroAmount);
        require!(amount <= self.pool.surplus(self.vault.amount)?, CipError::WithdrawExceedsSurplus);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let accounts = &ctx.accounts;
        vault_of!(accounts).pay(&accounts.destination.to_account_info(), amount)?;
        let pool = &mut ctx.accounts.pool;
        pool.totals.surplus_withdrawn = pool.totals.surplus_withdrawn.safe_add(amount)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        emit_cpi!(SurplusWithdrawn {
            pool: ctx.accounts.pool.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            books,
        });
        Ok(())
    }
}
