use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::{PositionReduced, ReductionKind};
use crate::instructions::positions::UpdatePosition;
use crate::math::pnl::{loss_from_pnl, realized_on_close};
use crate::math::safe_math::SafeMath;

/// Reporter: the trader closed `size` at `price` paying `fee` at venue time `event_time`.
pub fn close_position(
    ctx: Context<UpdatePosition>,
    size: u64,
    price: u64,
    fee: u64,
    event_time: i64,
) -> Result<()> {
    reduce_position(ctx, ReductionKind::Close, size, price, fee, event_time)
}

/// Reporter: the venue liquidated `size` at `price` at venue time `event_time`.
pub fn liquidate_position(
    ctx: Context<UpdatePosition>,
    size: u64,
    price: u64,
    fee: u64,
    event_time: i64,
) -> Result<()> {
    reduce_position(ctx, ReductionKind::Liquidation, size, price, fee, event_time)
}

fn reduce_position(
    ctx: Context<UpdatePosition>,
    kind: ReductionKind,
    size: u64,
    price: u64,
    fee: u64,
    event_time: i64,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.validate(size, price, event_time, now)?;
    require!(size <= ctx.accounts.position.size, CipError::CloseExceedsSize);
    let decimals = ctx.accounts.market.params.decimals();
    let position = &ctx.accounts.position;
    let realized_pnl =
        realized_on_close(size, position.entry_price, price, position.side.into(), decimals, fee)?;
    let remaining_size = position.size.safe_sub(size)?;
    let position_realized_pnl = position.realized_pnl.safe_add(realized_pnl)?;
    let closed = remaining_size == 0;

    let mut link = ctx.accounts.policy_link(event_time, now)?;
    let mut policy_realized_pnl = 0;
    if let Some(link) = link.as_mut() {
        ctx.accounts.move_exposure(link, remaining_size, ctx.accounts.position.entry_price)?;
        let policy = &mut link.policy;
        policy.realized_pnl = policy.realized_pnl.safe_add(realized_pnl)?;
        if closed {
            policy.open_positions = policy.open_positions.safe_sub(1)?;
            link.exposure.open_positions = link.exposure.open_positions.safe_sub(1)?;
            // Remembered so the owner can still name this position for early settlement.
            let closed_loss = loss_from_pnl(position_realized_pnl)?;
            if closed_loss > policy.largest_closed_loss {
                policy.largest_closed_loss = closed_loss;
                policy.largest_closed_loss_position = Some(ctx.accounts.position.position_id);
            }
        }
        policy_realized_pnl = policy.realized_pnl;
        link.save(ctx.accounts)?;
    }

    let position = &mut ctx.accounts.position;
    position.realized_pnl = position_realized_pnl;
    position.fees_paid = position.fees_paid.safe_add(fee)?;
    position.size = remaining_size;
    position.last_event_at = event_time;
    if kind == ReductionKind::Liquidation {
        position.liquidated_size = position.liquidated_size.safe_add(size)?;
    }
    if closed {
        let user = &mut ctx.accounts.user;
        user.open_positions = user.open_positions.safe_sub(1)?;
        let market = &mut ctx.accounts.market;
        market.open_positions = market.open_positions.safe_sub(1)?;
    }
    let position = &ctx.accounts.position;
    let event = PositionReduced {
        pool: position.pool,
        position: position.key(),
        owner: position.owner,
        market: position.market,
        kind,
        size,
        price,
        fee,
        entry_price: position.entry_price,
        realized_pnl,
        position_realized_pnl,
        remaining_size,
        closed,
        event_time,
        policy: position.policy,
        counted: link.is_some(),
        policy_realized_pnl,
        open_positions: ctx.accounts.user.open_positions,
    };
    if closed {
        ctx.accounts.position.close(ctx.accounts.reporter.to_account_info())?;
    }
    emit_cpi!(event);
    Ok(())
}
