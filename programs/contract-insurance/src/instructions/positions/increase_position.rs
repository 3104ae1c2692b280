use anchor_lang::prelude::*;

use crate::events::PositionIncreased;
use crate::instructions::positions::UpdatePosition;
use crate::math::pnl::weighted_entry;
use crate::math::safe_math::SafeMath;

/// Reporter: the trader added `size` at `price` (entry becomes size-weighted).
pub fn increase_position(
    ctx: Context<UpdatePosition>,
    size: u64,
    price: u64,
    added_margin: u64,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.validate(size, price, now)?;
    let position = &mut ctx.accounts.position;
    let old_entry_price = position.entry_price;
    position.entry_price = weighted_entry(position.size, position.entry_price, size, price)?;
    position.size = position.size.safe_add(size)?;
    position.margin = position.margin.safe_add(added_margin)?;
    emit_cpi!(PositionIncreased {
        position: position.key(),
        owner: position.owner,
        added_size: size,
        price,
        added_margin,
        old_entry_price,
        new_entry_price: position.entry_price,
        size: position.size,
    });
    Ok(())
}
