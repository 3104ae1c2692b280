use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::{MiningParamsUpdated, RewardsFunded, RewardsWithdrawn};
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::{transfer_signed, transfer_to};

/// Admin: changes emission or unstaking rules, settling the accumulator at the old rate first.
#[event_cpi]
#[derive(Accounts)]
pub struct UpdateMiningParams<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
}

impl UpdateMiningParams<'_> {
    pub fn validate(&self, params: &MiningParams, now: i64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        params.validate(now)
    }

    pub fn handler(ctx: Context<Self>, params: MiningParams) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(&params, now)?;
        let mining_pool = &mut ctx.accounts.mining_pool;
        let emitted = mining_pool.settle(now)?;
        let old_params = std::mem::replace(&mut mining_pool.params, params);
        emit_cpi!(MiningParamsUpdated {
            mining_pool: mining_pool.key(),
            old_params,
            new_params: params,
            settled_emission: emitted,
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }
}

/// Admin: adds rewards to the reward vault. Emission resumes from now if it had run dry.
#[event_cpi]
#[derive(Accounts)]
pub struct FundRewards<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
    #[account(address = mining_pool.reward_mint @ CipError::TokenAccountMismatch)]
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, constraint = source.mint == mining_pool.reward_mint @ CipError::TokenAccountMismatch)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, address = mining_pool.reward_vault @ CipError::TokenAccountMismatch)]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl FundRewards<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(amount > 0, CipError::ZeroAmount);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(amount)?;
        let emitted = ctx.accounts.mining_pool.settle(now)?;
        let accounts = &ctx.accounts;
        transfer_to(
            &accounts.token_program.to_account_info(),
            &accounts.source.to_account_info(),
            &accounts.admin.to_account_info(),
            &accounts.reward_mint.to_account_info(),
            &accounts.reward_vault.to_account_info(),
            amount,
            accounts.reward_mint.decimals,
        )?;
        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.accumulator.funded = mining_pool.accumulator.funded.safe_add(amount)?;
        ctx.accounts.reward_vault.reload()?;
        let mining_pool = &ctx.accounts.mining_pool;
        emit_cpi!(RewardsFunded {
            mining_pool: mining_pool.key(),
            amount,
            settled_emission: emitted,
            accumulator: mining_pool.accumulator,
            reward_vault_balance: ctx.accounts.reward_vault.amount,
        });
        Ok(())
    }
}

/// Admin: takes back reward tokens that were funded but not yet emitted — what miners can never
/// be owed. The accumulator is settled first; emission continues from what is left.
#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawRewards<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
    #[account(address = mining_pool.reward_mint @ CipError::TokenAccountMismatch)]
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, address = mining_pool.reward_vault @ CipError::TokenAccountMismatch)]
    pub reward_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = destination.mint == mining_pool.reward_mint @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl WithdrawRewards<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(amount > 0, CipError::ZeroAmount);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(amount)?;
        let emitted = ctx.accounts.mining_pool.settle(now)?;
        let accumulator = ctx.accounts.mining_pool.accumulator;
        let unemitted = accumulator.funded.safe_sub(accumulator.emitted)?;
        require!(amount <= unemitted, CipError::WithdrawExceedsUnemitted);
        let accounts = &ctx.accounts;
        let seeds = accounts.mining_pool.signer_seeds();
        transfer_signed(
            &accounts.token_program.to_account_info(),
            &accounts.reward_vault.to_account_info(),
            &accounts.reward_mint.to_account_info(),
            &accounts.destination.to_account_info(),
            &accounts.mining_pool.to_account_info(),
            &seeds,
            amount,
            accounts.reward_mint.decimals,
        )?;
        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.accumulator.funded = mining_pool.accumulator.funded.safe_sub(amount)?;
        ctx.accounts.reward_vault.reload()?;
        let mining_pool = &ctx.accounts.mining_pool;
        emit_cpi!(RewardsWithdrawn {
            mining_pool: mining_pool.key(),
            destination: ctx.accounts.destination.key(),
            amount,
            settled_emission: emitted,
            accumulator: mining_pool.accumulator,
            reward_vault_balance: ctx.accounts.reward_vault.amount,
        });
        Ok(())
    }
}
