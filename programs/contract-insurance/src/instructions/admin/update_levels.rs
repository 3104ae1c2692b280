use anchor_lang::prelude::*;

use crate::events::LevelsUpdated;
use crate::instructions::admin::AdminUpdate;
use crate::math::levels::validate_levels;
use crate::state::Level;

/// Replaces the level table. Node levels are derived from it at use, so the change applies to
/// every node from the next walk that visits it.
pub fn update_levels(ctx: Context<AdminUpdate>, levels: Vec<Level>) -> Result<()> {
    validate_levels(&levels)?;
    let pool = &mut ctx.accounts.pool;
    let old_levels = std::mem::replace(&mut pool.levels, levels.clone());
    emit_cpi!(LevelsUpdated { pool: pool.key(), old_levels, new_levels: levels });
    Ok(())
}
