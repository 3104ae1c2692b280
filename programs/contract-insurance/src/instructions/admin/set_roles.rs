use anchor_lang::prelude::*;

use crate::events::RolesUpdated;
use crate::instructions::admin::AdminUpdate;
use crate::state::PoolRoles;

pub fn set_roles(ctx: Context<AdminUpdate>, roles: PoolRoles) -> Result<()> {
    roles.validate()?;
    let pool = &mut ctx.accounts.pool;
    let old_roles = std::mem::replace(&mut pool.roles, roles);
    emit_cpi!(RolesUpdated { pool: pool.key(), old_roles, new_roles: roles });
    Ok(())
}
