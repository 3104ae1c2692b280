use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::SurplusWithdrawn;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::transfer_from_vault;

/// The admin takes vault funds above everything owed (SPEC §7); what is owed is never touched.
#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawSurplus<'info> {
    pub admin: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = destination.mint == pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl WithdrawSurplus<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(amount > 0, CipError::ZeroAmount);
        require!(
            amount <= self.pool.surplus(self.vault.amount)?,
            CipError::WithdrawExceedsSurplus
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        let accounts = &ctx.accounts;
        transfer_from_vault(
            &accounts.pool,
            &accounts.token_program.to_account_info(),
            &accounts.vault.to_account_info(),
            &accounts.premium_mint.to_account_info(),
            &accounts.destination.to_account_info(),
            amount,
        )?;
        let pool = &mut ctx.accounts.pool;
        pool.totals.surplus_withdrawn = pool.totals.surplus_withdrawn.safe_add(amount)?;
        let vault = &mut ctx.accounts.vault;
        vault.reload()?;
        let liabilities = pool.liabilities.total()?;
        require!(vault.amount >= liabilities, CipError::VaultInsolvent);
        emit_cpi!(SurplusWithdrawn {
            pool: pool.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            vault_balance: vault.amount,
            liabilities,
        });
        Ok(())
    }
}
