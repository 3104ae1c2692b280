use anchor_lang::prelude::*;

use crate::events::RolesUpdated;
use crate::instructions::admin::AdminUpdate;
use crate::state::PoolRoles;

/// Replaces the role keys: each a separate key, none the admin's.
pub fn set_roles(ctx: Context<AdminUpdate>, roles: PoolRoles) -> Result<()> {
    let pool = &mut ctx.accounts.pool;
    roles.validate(&pool.admin)?;
    let old_roles = std::mem::replace(&mut pool.roles, roles);
    emit_cpi!(RolesUpdated { pool: pool.key(), old_roles, new_roles: roles });
    Ok(())
}
