//! The pool with its premium vault, as one group of accounts for every instruction that moves
//! premium tokens in or out, so the checks and the transfers are written once.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::state::Pool;
use crate::utils::token::{transfer_signed, transfer_to};

#[derive(Accounts)]
pub struct PoolVault<'info> {
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool PDA's premium token account.
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl<'info> PoolVault<'info> {
    /// Whether `account` holds the pool's premium mint.
    pub fn is_premium_account(&self, account: &TokenAccount) -> bool {
        account.mint == self.pool.premium_mint
    }

    /// Moves `amount` from a signer's premium account into the vault.
    pub fn deposit(
        &self,
        from: &AccountInfo<'info>,
        authority: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        transfer_to(
            &self.token_program.to_account_info(),
            from,
            authority,
            &self.premium_mint.to_account_info(),
            &self.vault.to_account_info(),
            amount,
            self.premium_mint.decimals,
        )
    }

    /// Pays `amount` out of the vault, signed by the pool PDA. If the vault holds less, nothing
    /// moves and the caller's claim stays owed.
    pub fn pay(&self, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
        require!(self.vault.amount >= amount, CipError::VaultShortOfFunds);
        let seeds = self.pool.signer_seeds();
        transfer_signed(
            &self.token_program.to_account_info(),
            &self.vault.to_account_info(),
            &self.premium_mint.to_account_info(),
            to,
            &self.pool.to_account_info(),
            &seeds,
            amount,
            self.premium_mint.decimals,
        )
    }

    /// The vault balance after this instruction's transfers.
    pub fn balance(&mut self) -> Result<u64> {
        self.vault.reload()?;
        Ok(self.vault.amount)
    }
}
