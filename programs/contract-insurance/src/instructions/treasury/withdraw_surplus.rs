use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::error::CipError;
use crate::events::SurplusWithdrawn;
use crate::instructions::pool_vault::*;
use crate::math::safe_math::SafeMath;

/// The admin takes vault funds above everything owed (SPEC §7); what is owed is never touched.
#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawSurplus<'info> {
    pub admin: Signer<'info>,
    pub pool_vault: PoolVault<'info>,
    #[account(mut, constraint = pool_vault.is_premium_account(&destination) @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl WithdrawSurplus<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        let pool = &self.pool_vault.pool;
        require_keys_eq!(self.admin.key(), pool.admin, CipError::NotAdmin);
        require!(amount > 0, CipError::ZeroAmount);
        require!(amount <= pool.surplus(self.pool_vault.vault.amount)?, CipError::WithdrawExceedsSurplus);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        ctx.accounts.pool_vault.pay(&ctx.accounts.destination.to_account_info(), amount)?;
        let pool_vault = &mut ctx.accounts.pool_vault;
        let pool = &mut pool_vault.pool;
        pool.totals.surplus_withdrawn = pool.totals.surplus_withdrawn.safe_add(amount)?;
        let liabilities = pool.liabilities.total()?;
        let vault_balance = pool_vault.balance()?;
        require!(vault_balance >= liabilities, CipError::VaultInsolvent);
        emit_cpi!(SurplusWithdrawn {
            pool: ctx.accounts.pool_vault.pool.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            vault_balance,
            liabilities,
        });
        Ok(())
    }
}
