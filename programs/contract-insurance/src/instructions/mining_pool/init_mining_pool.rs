use anchor_lang::prelude::*;
use anchor_lang::solana_program::program_pack::Pack;
use anchor_spl::token_interface::{self, InitializeAccount3, Mint, TokenInterface};

use crate::constants::*;
use crate::error::CipError;
use crate::events::MiningPoolInitialized;
use crate::math::accumulator::Accumulator;
use crate::state::*;
use crate::utils::accounts::{create_pda_account, init_program_account};
use crate::utils::token::check_mint_supported;

/// Creates the insurance pool's mining pool: hashrate credits are staked into one vault and earn
/// the reward mint from another, both owned by the mining-pool PDA.
#[event_cpi]
#[derive(Accounts)]
pub struct InitMiningPool<'info> {
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    /// CHECK: created by the handler (prefund-safe); the address is fixed by the seeds.
    #[account(mut, seeds = [MINING_POOL_SEED, pool.key().as_ref()], bump)]
    pub mining_pool: UncheckedAccount<'info>,
    #[account(address = pool.credit_mint @ CipError::TokenAccountMismatch)]
    pub credit_mint: Box<InterfaceAccount<'info, Mint>>,
    pub reward_mint: Box<InterfaceAccount<'info, Mint>>,
    /// CHECK: created by the handler as a token account of credits owned by the mining pool.
    #[account(mut, seeds = [STAKE_VAULT_SEED, mining_pool.key().as_ref()], bump)]
    pub stake_vault: UncheckedAccount<'info>,
    /// CHECK: created by the handler as a token account of the reward mint owned by the mining pool.
    #[account(mut, seeds = [REWARD_VAULT_SEED, mining_pool.key().as_ref()], bump)]
    pub reward_vault: UncheckedAccount<'info>,
    #[account(address = pool.token_program @ CipError::TokenProgramMismatch)]
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl<'info> InitMiningPool<'info> {
    pub fn validate(&self, params: &MiningParams, now: i64) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require_keys_eq!(
            *self.reward_mint.to_account_info().owner,
            self.pool.token_program,
            CipError::TokenProgramMismatch
        );
        check_mint_supported(&self.reward_mint.to_account_info())?;
        params.validate(now)
    }

    fn create_vault(
        &self,
        vault: &AccountInfo<'info>,
        mint: &AccountInfo<'info>,
        seeds: &[&[u8]],
    ) -> Result<()> {
        create_pda_account(
            &self.admin.to_account_info(),
            vault,
            &self.system_program.to_account_info(),
            &self.token_program.key(),
            anchor_spl::token::spl_token::state::Account::LEN,
            seeds,
        )?;
        token_interface::initialize_account3(CpiContext::new(
            self.token_program.key(),
            InitializeAccount3 {
                account: vault.clone(),
                mint: mint.clone(),
                authority: self.mining_pool.to_account_info(),
            },
        ))
    }

    pub fn handler(ctx: Context<Self>, params: MiningParams) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(&params, now)?;
        let accounts = &ctx.accounts;
        let pool_key = accounts.pool.key();
        let mining_key = accounts.mining_pool.key();
        let (stake_bump, reward_bump) = (ctx.bumps.stake_vault, ctx.bumps.reward_vault);
        accounts.create_vault(
            &accounts.stake_vault,
            &accounts.credit_mint.to_account_info(),
            &[STAKE_VAULT_SEED, mining_key.as_ref(), &[stake_bump]],
        )?;
        accounts.create_vault(
            &accounts.reward_vault,
            &accounts.reward_mint.to_account_info(),
            &[REWARD_VAULT_SEED, mining_key.as_ref(), &[reward_bump]],
        )?;
        let mining_pool = MiningPool {
            version: ACCOUNT_VERSION,
            bump: ctx.bumps.mining_pool,
            pool: pool_key,
            stake_mint: accounts.credit_mint.key(),
            stake_vault: accounts.stake_vault.key(),
            stake_vault_bump: stake_bump,
            reward_mint: accounts.reward_mint.key(),
            reward_decimals: accounts.reward_mint.decimals,
            reward_vault: accounts.reward_vault.key(),
            reward_vault_bump: reward_bump,
            params,
            accumulator: Accumulator { last_update: now, ..Accumulator::default() },
            claimed: 0,
            miners: 0,
        };
        init_program_account(
            &accounts.admin.to_account_info(),
            &accounts.mining_pool,
            &accounts.system_program.to_account_info(),
            &[MINING_POOL_SEED, pool_key.as_ref(), &[mining_pool.bump]],
            &mining_pool,
        )?;
        emit_cpi!(MiningPoolInitialized {
            pool: pool_key,
            mining_pool: mining_key,
            stake_mint: mining_pool.stake_mint,
            stake_vault: mining_pool.stake_vault,
            reward_mint: mining_pool.reward_mint,
            reward_vault: mining_pool.reward_vault,
            params,
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }
}
