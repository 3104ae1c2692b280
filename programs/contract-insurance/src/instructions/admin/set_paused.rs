use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::PauseChanged;
use crate::instructions::admin::AdminUpdate;

/// Pausing stops new purchases only; settlement, claims and refunds keep working.
pub fn set_paused(ctx: Context<AdminUpdate>, paused: bool) -> Result<()> {
    let pool = &mut ctx.accounts.pool;
    require!(pool.paused != paused, CipError::PauseStateUnchanged);
    pool.paused = paused;
    emit_cpi!(PauseChanged { pool: pool.key(), paused });
    Ok(())
}
