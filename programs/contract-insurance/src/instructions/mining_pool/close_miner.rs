use anchor_lang::prelude::*;

use crate::constants::MINER_SEED;
use crate::error::CipError;
use crate::events::MinerClosed;
use crate::math::safe_math::SafeMath;
use crate::state::*;

/// Anyone (the keeper): closes a miner with no stake and no unclaimed rewards, returning its rent
/// to the owner who paid it. The next stake creates it afresh (debt taken at the accumulator then).
#[event_cpi]
#[derive(Accounts)]
pub struct CloseMiner<'info> {
    pub closer: Signer<'info>,
    #[account(mut)]
    pub mining_pool: Box<Account<'info, MiningPool>>,
    #[account(
        mut,
        close = owner,
        seeds = [MINER_SEED, mining_pool.key().as_ref(), owner.key().as_ref()],
        bump = miner.bump,
        has_one = owner @ CipError::RentRecipientMismatch,
        has_one = mining_pool @ CipError::PoolMismatch,
    )]
    pub miner: Box<Account<'info, Miner>>,
    /// CHECK: the miner's wallet, who paid the rent (checked by `has_one`).
    #[account(mut)]
    pub owner: UncheckedAccount<'info>,
}

impl CloseMiner<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        // Bring the miner up to date: whatever it earned until now must be claimed first.
        ctx.accounts.mining_pool.settle(now)?;
        let mut share = ctx.accounts.miner.share();
        share.harvest(ctx.accounts.mining_pool.accumulator.acc_reward_per_share)?;
        ctx.accounts.miner.set_share(share);
        let miner = &ctx.accounts.miner;
        require!(miner.staked == 0 && miner.pending == 0, CipError::MinerNotEmpty);
        let mining_pool = &mut ctx.accounts.mining_pool;
        mining_pool.miners = mining_pool.miners.safe_sub(1)?;
        let miner = &ctx.accounts.miner;
        emit_cpi!(MinerClosed {
            mining_pool: mining_pool.key(),
            miner: miner.key(),
            rent_recipient: miner.owner,
            lamports: miner.to_account_info().lamports(),
            final_state: Miner::clone(miner),
            accumulator: mining_pool.accumulator,
        });
        Ok(())
    }
}
