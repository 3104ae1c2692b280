use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::AdminTransferred;
use crate::state::Pool;

/// Second step of the admin transfer: the proposed key signs to take over.
#[event_cpi]
#[derive(Accounts)]
pub struct AcceptAdmin<'info> {
    pub new_admin: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
}

impl AcceptAdmin<'_> {
    pub fn validate(&self) -> Result<()> {
        let pending = self.pool.pending_admin.ok_or(CipError::NoPendingAdmin)?;
        require_keys_eq!(self.new_admin.key(), pending, CipError::NotPendingAdmin);
        // A role may have been given this key since the proposal.
        require!(!self.pool.roles.contains(&pending), CipError::RoleKeysNotDistinct);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let pool = &mut ctx.accounts.pool;
        let old_admin = std::mem::replace(&mut pool.admin, ctx.accounts.new_admin.key());
        pool.pending_admin = None;
        emit_cpi!(AdminTransferred { pool: pool.key(), old_admin, new_admin: pool.admin });
        Ok(())
    }
}
