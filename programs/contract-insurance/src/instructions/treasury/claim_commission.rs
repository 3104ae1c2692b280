use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::CommissionClaimed;
use crate::instructions::vault::{is_premium_account, vault_of, SolvencyGuard};
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Pays a referral node's accrued, unclaimed commission from the vault, out of
/// `commission_owed`, to any premium account the owner names.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimCommission<'info> {
    pub owner: Signer<'info>,
    #[account(address = pool.premium_mint @ CipError::TokenAccountMismatch)]
    pub premium_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, seeds = [POOL_SEED, premium_mint.key().as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, address = pool.vault @ CipError::TokenAccountMismatch)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    #[account(
        mut,
        seeds = [REFERRAL_SEED, pool.key().as_ref(), owner.key().as_ref()],
        bump = referral_node.bump,
        has_one = owner @ CipError::NotOwner,
    )]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    #[account(mut, constraint = is_premium_account(&pool, &destination) @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl ClaimCommission<'_> {
    pub fn validate(&self) -> Result<u64> {
        let owed = self.referral_node.commission_owed()?;
        require!(owed > 0, CipError::NothingToClaim);
        Ok(owed)
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let amount = ctx.accounts.validate()?;
        let guard = SolvencyGuard::open(&ctx.accounts.pool, &ctx.accounts.vault)?;
        let accounts = &ctx.accounts;
        vault_of!(accounts).pay(&accounts.destination.to_account_info(), amount)?;
        let node = &mut ctx.accounts.referral_node;
        node.commission_claimed = node.commission_claimed.safe_add(amount)?;
        ctx.accounts.pool.settle_commission_claim(amount)?;
        let books = guard.close(&mut ctx.accounts.pool, &mut ctx.accounts.vault)?;
        emit_cpi!(CommissionClaimed {
            pool: ctx.accounts.pool.key(),
            referral_node: ctx.accounts.referral_node.key(),
            owner: ctx.accounts.owner.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            total_claimed: ctx.accounts.referral_node.commission_claimed,
            books,
        });
        Ok(())
    }
}
