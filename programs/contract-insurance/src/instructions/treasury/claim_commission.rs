use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::CommissionClaimed;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::transfer_from_vault;

/// Pays a referral node's accrued, unclaimed commission from the vault.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimCommission<'info> {
    pub owner: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(
        mut,
        seeds = [REFERRAL_SEED, pool.key().as_ref(), referral_node.owner.as_ref()],
        bump = referral_node.bump,
        has_one = owner @ CipError::NotOwner,
    )]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = destination.mint == pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl ClaimCommission<'_> {
    pub fn validate(&self) -> Result<u64> {
        let owed = self.referral_node.commission_owed()?;
        require!(owed > 0, CipError::NothingToClaim);
        require!(self.vault.amount >= owed, CipError::VaultShortOfFunds);
        Ok(owed)
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let amount = ctx.accounts.validate()?;
        let accounts = &ctx.accounts;
        transfer_from_vault(
            &accounts.pool,
            &accounts.token_program.to_account_info(),
            &accounts.vault.to_account_info(),
            &accounts.premium_mint.to_account_info(),
            &accounts.destination.to_account_info(),
            amount,
        )?;
        let node = &mut ctx.accounts.referral_node;
        node.commission_claimed = node.commission_claimed.safe_add(amount)?;
        ctx.accounts.pool.settle_commission_claim(amount)?;
        ctx.accounts.vault.reload()?;
        emit_cpi!(CommissionClaimed {
            pool: ctx.accounts.pool.key(),
            referral_node: ctx.accounts.referral_node.key(),
            owner: ctx.accounts.owner.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            total_claimed: ctx.accounts.referral_node.commission_claimed,
            vault_balance: ctx.accounts.vault.amount,
        });
        Ok(())
    }
}
