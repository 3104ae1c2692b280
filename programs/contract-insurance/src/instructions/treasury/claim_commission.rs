use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

use crate::constants::*;
use crate::error::CipError;
use crate::events::CommissionClaimed;
use crate::instructions::pool_vault::*;
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Pays a referral node's accrued, unclaimed commission from the vault.
#[event_cpi]
#[derive(Accounts)]
pub struct ClaimCommission<'info> {
    pub owner: Signer<'info>,
    pub pool_vault: PoolVault<'info>,
    #[account(
        mut,
        seeds = [REFERRAL_SEED, pool_vault.pool.key().as_ref(), referral_node.owner.as_ref()],
        bump = referral_node.bump,
        has_one = owner @ CipError::NotOwner,
    )]
    pub referral_node: Box<Account<'info, ReferralNode>>,
    #[account(mut, constraint = pool_vault.is_premium_account(&destination) @ CipError::TokenAccountMismatch)]
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
        ctx.accounts.pool_vault.pay(&ctx.accounts.destination.to_account_info(), amount)?;
        let node = &mut ctx.accounts.referral_node;
        node.commission_claimed = node.commission_claimed.safe_add(amount)?;
        let pool_vault = &mut ctx.accounts.pool_vault;
        pool_vault.pool.settle_commission_claim(amount)?;
        let vault_balance = pool_vault.balance()?;
        emit_cpi!(CommissionClaimed {
            pool: ctx.accounts.pool_vault.pool.key(),
            referral_node: ctx.accounts.referral_node.key(),
            owner: ctx.accounts.owner.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            total_claimed: ctx.accounts.referral_node.commission_claimed,
            vault_balance,
        });
        Ok(())
    }
}
