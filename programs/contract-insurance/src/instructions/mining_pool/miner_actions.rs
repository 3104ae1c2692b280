use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::{RewardsClaimed, Unstaked};
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::token::transfer_signed;

/// A miner moving tokens out of one of the mining pool's vaults: credits on unstake, rewards on
/// claim. `mint` and `vault` are the stake or reward pair, checked by each handler.
#[event_cpi]
#[derive(Accounts)]
pub struct MinerWithdrawal<'info> {
    pub owner: Signer<'info>,
    #[account(mut)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
    #[account(
        mut,
        seeds = [MINER_SEED, mining_pool.key().as_ref(), miner.owner.as_ref()],
        bump = miner.bump,
        has_one = owner @ CipError::NotOwner,
        has_one = mining_pool @ CipError::PoolMismatch,
    )]
    pub miner: Box<Account<'info, Miner>>,
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut, constraint = destination.mint == mint.key() @ CipError::TokenAccountMismatch)]
    pub destination: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = *mint.to_account_info().owner @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
}

impl MinerWithdrawal<'_> {
    fn check_pair(&self, mint: Pubkey, vault: Pubkey) -> Result<()> {
        require_keys_eq!(self.mint.key(), mint, CipError::TokenAccountMismatch);
        require_keys_eq!(self.vault.key(), vault, CipError::TokenAccountMismatch);
        Ok(())
    }

    /// Settles the accumulator and moves what the miner earned since its last change into pending.
    fn harvest(&mut self, now: i64) -> Result<()> {
        self.mining_pool.settle(now)?;
        let mut share = self.miner.share();
        share.harvest(self.mining_pool.accumulator.acc_reward_per_share)?;
        self.miner.set_share(share);
        Ok(())
    }

    fn pay_out(&self, amount: u64) -> Result<()> {
        let seeds = self.mining_pool.signer_seeds();
        transfer_signed(
            &self.token_program.to_account_info(),
            &self.vault.to_account_info(),
            &self.mint.to_account_info(),
            &self.destination.to_account_info(),
            &self.mining_pool.to_account_info(),
            &seeds,
            amount,
            self.mint.decimals,
        )
    }

    /// Returns staked credits, where the pool allows it and the cool-down has passed. Rewards
    /// earned so far stay pending.
    pub fn unstake(ctx: Context<Self>, amount: u64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = &ctx.accounts;
        accounts.check_pair(accounts.mining_pool.stake_mint, accounts.mining_pool.stake_vault)?;
        let params = accounts.mining_pool.params;
        require!(params.unstake_allowed, CipError::UnstakeDisabled);
        require!(amount > 0, CipError::ZeroAmount);
        require!(amount <= accounts.miner.staked, CipError::InsufficientStake);
        require!(
            now >= accounts.miner.last_staked_at.safe_add(params.unstake_cooldown)?,
            CipError::UnstakeCooldownActive
        );
        ctx.accounts.harvest(now)?;
        ctx.accounts.pay_out(amount)?;
        let acc = ctx.accounts.mining_pool.accumulator.acc_reward_per_share;
        let mut share = ctx.accounts.miner.share();
        share.set_stake(share.staked.safe_sub(amount)?, acc)?;
        ctx.accounts.miner.set_share(share);
        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.accumulator.total_staked = mining_pool.accumulator.total_staked.safe_sub(amount)?;
        let miner = &ctx.accounts.miner;
        emit_cpi!(Unstaked {
            mining_pool: mining_pool.key(),
            miner: miner.key(),
            owner: miner.owner,
            amount,
            staked: miner.staked,
            pending: miner.pending,
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }

    /// Pays the miner's pending rewards; never more than the reward vault holds.
    pub fn claim(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let accounts = &ctx.accounts;
        accounts.check_pair(accounts.mining_pool.reward_mint, accounts.mining_pool.reward_vault)?;
        ctx.accounts.harvest(now)?;
        let amount = ctx.accounts.miner.pending;
        require!(amount > 0, CipError::NothingToClaim);
        require!(ctx.accounts.vault.amount >= amount, CipError::VaultShortOfFunds);
        ctx.accounts.pay_out(amount)?;
        let miner = &mut ctx.accounts.miner;
        miner.pending = 0;
        miner.claimed = miner.claimed.safe_add(amount)?;
        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.claimed = mining_pool.claimed.safe_add(amount)?;
        let miner = &ctx.accounts.miner;
        emit_cpi!(RewardsClaimed {
            mining_pool: mining_pool.key(),
            miner: miner.key(),
            owner: miner.owner,
            destination: ctx.accounts.destination.key(),
            amount,
            claimed_total: miner.claimed,
            pool_claimed: mining_pool.claimed,
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }
}
