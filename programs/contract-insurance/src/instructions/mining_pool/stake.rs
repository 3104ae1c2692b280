use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::Staked;
use crate::math::safe_math::SafeMath;
use crate::state::*;
use crate::utils::accounts::{init_program_account, write_account};
use crate::utils::token::transfer_to;

/// Stakes hashrate credits; the miner account is created on the first stake (prefund-safe).
#[event_cpi]
#[derive(Accounts)]
pub struct Stake<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(mut, has_one = stake_vault @ CipError::TokenAccountMismatch)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
    /// CHECK: the owner's miner account; created here on first use, otherwise loaded and checked.
    #[account(mut, seeds = [MINER_SEED, mining_pool.key().as_ref(), owner.key().as_ref()], bump)]
    pub miner: UncheckedAccount<'info>,
    #[account(address = mining_pool.stake_mint @ CipError::TokenAccountMismatch)]
    pub credit_mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut, constraint = source.mint == mining_pool.stake_mint @ CipError::TokenAccountMismatch)]
    pub source: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub stake_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(address = *credit_mint.to_account_info().owner @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl<'info> Stake<'info> {
    fn load_miner(&self) -> Result<Option<Miner>> {
        if self.miner.data_is_empty() {
            return Ok(None);
        }
        require_keys_eq!(*self.miner.owner, crate::ID, CipError::AccountAlreadyInitialized);
        let data = self.miner.try_borrow_data()?;
        Ok(Some(Miner::try_deserialize(&mut &data[..])?))
    }

    pub fn handler(ctx: Context<'info, Self>, amount: u64) -> Result<()> {
        require!(amount > 0, CipError::ZeroAmount);
        let now = Clock::get()?.unix_timestamp;
        let accounts = &ctx.accounts;
        let mining_key = accounts.mining_pool.key();
        let owner_key = accounts.owner.key();
        let existing = accounts.load_miner()?;
        let created = existing.is_none();
        let mut miner = existing.unwrap_or(Miner {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.miner,
            mining_pool: mining_key,
            owner: owner_key,
            staked: 0,
            reward_debt: 0,
            pending: 0,
            claimed: 0,
            last_staked_at: now,
        });

        transfer_to(
            &accounts.token_program.to_account_info(),
            &accounts.source.to_account_info(),
            &accounts.owner.to_account_info(),
            &accounts.credit_mint.to_account_info(),
            &accounts.stake_vault.to_account_info(),
            amount,
            accounts.credit_mint.decimals,
        )?;

        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.settle(now)?;
        let acc = mining_pool.accumulator.acc_reward_per_share;
        let mut share = miner.share();
        share.harvest(acc)?;
        share.set_stake(share.staked.safe_add(amount)?, acc)?;
        miner.set_share(share);
        miner.last_staked_at = now;
        mining_pool.accumulator.total_staked = mining_pool.accumulator.total_staked.safe_add(amount)?;
        if created {
            mining_pool.miners = mining_pool.miners.safe_add(1)?;
            init_program_account(
                &ctx.accounts.owner.to_account_info(),
                &ctx.accounts.miner,
                &ctx.accounts.system_program.to_account_info(),
                &[MINER_SEED, mining_key.as_ref(), owner_key.as_ref(), &[miner.bump]],
                &miner,
            )?;
        } else {
            write_account(&ctx.accounts.miner, &miner)?;
        }
        let mining_pool = &ctx.accounts.mining_pool;
        emit_cpi!(Staked {
            mining_pool: mining_key,
            miner: ctx.accounts.miner.key(),
            owner: owner_key,
            amount,
            staked: miner.staked,
            pending: miner.pending,
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }
}
