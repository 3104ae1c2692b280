use anchor_lang::prelude::*;

use crate::events::PositionIncreased;
use crate::instructions::positions::open_position::check_notional;
use crate::instructions::positions::UpdatePosition;
use crate::math::pnl::weighted_entry;
use crate::math::safe_math::SafeMath;

/// Reporter: the trader added `size` at `price` at venue time `event_time` (entry becomes
/// size-weighted).
pub fn increase_position(
    ctx: Context<UpdatePosition>,
    size: u64,
    price: u64,
    added_margin: u64,
    event_time: i64,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.validate(size, price, event_time, now)?;
    let old_entry_price = ctx.accounts.position.entry_price;
    let new_size = ctx.accounts.position.size.safe_add(size)?;
    let new_entry = weighted_entry(ctx.accounts.position.size, old_entry_price, size, price)?;
    check_notional(new_size, new_entry)?;

    let mut link = ctx.accounts.policy_link(event_time, now)?;
    if let Some(link) = link.as_mut() {
        ctx.accounts.move_exposure(link, new_size, new_entry)?;
        link.save(ctx.accounts)?;
    }
    let position = &mut ctx.accounts.position;
    position.entry_price = new_entry;
    position.size = new_size;
    position.margin = position.margin.safe_add(added_margin)?;
    position.last_event_at = event_time;
    emit_cpi!(PositionIncreased {
        pool: position.pool,
        position: position.key(),
        owner: position.owner,
        added_size: size,
        price,
        added_margin,
        old_entry_price,
        new_entry_price: position.entry_price,
        size: position.size,
        event_time,
        policy: position.policy,
        counted: link.is_some(),
    });
    Ok(())
}
