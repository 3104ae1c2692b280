//! The pool's premium vault as instructions use it. Every instruction that moves premium tokens
//! or changes what the pool owes lists the same flat accounts (`premium_mint`, `pool`, `vault`,
//! `token_program`; flat so explorers label them), checked the same way:
//!
//! ```text
//! #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
//! pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
//! #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
//! pub pool: Box<Account<'info, Pool>>,
//! #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
//! pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
//! #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
//! pub token_program: Interface<'info, TokenInterface>,
//! ```
//!
//! and ends with a [`SolvencyGuard`], so an accounting mistake becomes a refused transaction.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::events::PoolBooks;
use crate::math::solvency::{check_solvent, solvency_gap};
use crate::state::Pool;
use crate::utils::token::{transfer_signed, transfer_to};

/// Token movements into and out of the vault, signed by the pool PDA where needed.
pub struct Vault<'a, 'info> {
    pub pool: &'a Account<'info, Pool>,
    pub premium_mint: &'a InterfaceAccount<'info, Mint>,
    pub vault: &'a InterfaceAccount<'info, TokenAccount>,
    pub token_program: &'a Interface<'info, TokenInterface>,
}

impl<'info> Vault<'_, 'info> {
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

    /// Pays `amount` out of the vault, signed by the pool PDA.
    pub fn pay(&self, to: &AccountInfo<'info>, amount: u64) -> Result<()> {
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
}

/// The [`Vault`] of an accounts struct with the flat `pool`, `premium_mint`, `vault` and
/// `token_program` fields.
macro_rules! vault_of {
    ($accounts:expr) => {
        $crate::instructions::vault::Vault {
            pool: &$accounts.pool,
            premium_mint: &$accounts.premium_mint,
            vault: &$accounts.vault,
            token_program: &$accounts.token_program,
        }
    };
}
pub(crate) use vault_of;

/// Whether `account` holds the pool's premium mint.
pub fn is_premium_account(pool: &Pool, account: &TokenAccount) -> bool {
    account.mint == pool.premium_mint
}

/// Opened with the books as an instruction finds them, closed at its end: the vault must cover
/// every liability afterwards (or the instruction must leave a shortfall no worse).
pub struct SolvencyGuard {
    gap_before: i128,
}

impl SolvencyGuard {
    pub fn open(pool: &Pool, vault: &TokenAccount) -> Result<Self> {
        Ok(SolvencyGuard { gap_before: solvency_gap(vault.amount, pool.liabilities.total()?) })
    }

    /// Re-reads the vault, checks the invariant, records it in the pool and returns the books.
    pub fn close(self, pool: &mut Pool, vault: &mut InterfaceAccount<TokenAccount>) -> Result<PoolBooks> {
        vault.reload()?;
        let vault_balance = vault.amount;
        check_solvent(self.gap_before, solvency_gap(vault_balance, pool.liabilities.total()?))?;
        pool.record_solvency(vault_balance)?;
        Ok(PoolBooks { vault_balance, liabilities: pool.liabilities })
    }
}
