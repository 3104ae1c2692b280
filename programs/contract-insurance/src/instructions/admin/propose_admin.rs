use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::AdminProposed;
use crate::instructions::admin::AdminUpdate;

/// First step of the admin transfer. Proposing again replaces the pending proposal.
pub fn propose_admin(ctx: Context<AdminUpdate>, proposed_admin: Pubkey) -> Result<()> {
    require_keys_neq!(proposed_admin, Pubkey::default(), CipError::InvalidRoleKey);
    let pool = &mut ctx.accounts.pool;
    require!(!pool.roles.contains(&proposed_admin), CipError::RoleKeysNotDistinct);
    pool.pending_admin = Some(proposed_admin);
    emit_cpi!(AdminProposed { pool: pool.key(), admin: pool.admin, proposed_admin });
    Ok(())
}
