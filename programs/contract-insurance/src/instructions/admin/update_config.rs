use anchor_lang::prelude::*;

use crate::events::ConfigUpdated;
use crate::instructions::admin::AdminUpdate;
use crate::state::PoolConfig;

/// Replaces the loss-cover and referral parameters. Existing policies keep the terms they were
/// bought with; the new numbers apply from the next purchase or walk.
pub fn update_config(ctx: Context<AdminUpdate>, config: PoolConfig) -> Result<()> {
    config.validate()?;
    let pool = &mut ctx.accounts.pool;
    let old_config = std::mem::replace(&mut pool.config, config.clone());
    emit_cpi!(ConfigUpdated { pool: pool.key(), old_config, new_config: config });
    Ok(())
}
