use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::LevelAssigned;
use crate::math::levels::effective_level;
use crate::state::{Pool, ReferralNode};

/// Sets the level a node never falls below (e.g. a KOL or pool operator).
#[event_cpi]
#[derive(Accounts)]
pub struct AssignLevel<'info> {
    pub admin: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, constraint = referral_node.pool == pool.key() @ CipError::PoolMismatch)]
    pub referral_node: Box<Account<'info, ReferralNode>>,
}

impl AssignLevel<'_> {
    pub fn validate(&self, level: u8) -> Result<()> {
        require_keys_eq!(self.admin.key(), self.pool.admin, CipError::NotAdmin);
        require!(usize::from(level) < self.pool.levels.len(), CipError::InvalidLevel);
        require!(self.referral_node.assigned_level != level, CipError::LevelUnchanged);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, level: u8) -> Result<()> {
        let levels = &ctx.accounts.pool.levels;
        let node = &mut ctx.accounts.referral_node;
        let old_assigned_level = node.assigned_level;
        node.assigned_level = level;
        node.level = effective_level(levels, level, node.team_volume);
        emit_cpi!(LevelAssigned {
            pool: node.pool,
            referral_node: node.key(),
            owner: node.owner,
            old_assigned_level,
            new_assigned_level: level,
            effective_level: node.level,
        });
        Ok(())
    }
}
