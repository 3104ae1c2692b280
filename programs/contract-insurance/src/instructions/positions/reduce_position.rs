use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::events::{PositionReduced, ReductionKind};
use crate::instructions::positions::UpdatePosition;
use crate::math::pnl::{loss_from_pnl, realized_on_close};
use crate::math::safe_math::SafeMath;

/// Reporter: the trader closed `size` at `price` paying `fee` (partial or full close).
pub fn close_position(ctx: Context<UpdatePosition>, size: u64, price: u64, fee: u64) -> Result<()> {
    reduce_position(ctx, ReductionKind::Close, size, price, fee)
}

/// Reporter: the venue liquidated `size` at `price`.
pub fn liquidate_position(ctx: Context<UpdatePosition>, size: u64, price: u64, fee: u64) -> Result<()> {
    reduce_position(ctx, ReductionKind::Liquidation, size, price, fee)
}

fn reduce_position(
    ctx: Context<UpdatePosition>,
    kind: ReductionKind,
    size: u64,
    price: u64,
    fee: u64,
) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    ctx.accounts.validate(size, price, now)?;
    require!(size <= ctx.accounts.position.size, CipError::CloseExceedsSize);
    let decimals = ctx.accounts.market.params.decimals();

    let position = &mut ctx.accounts.position;
    let realized_pnl =
        realized_on_close(size, position.entry_price, price, position.side.into(), decimals, fee)?;
    position.realized_pnl = position.realized_pnl.safe_add(realized_pnl)?;
    position.fees_paid = position.fees_paid.safe_add(fee)?;
    position.size = position.size.safe_sub(size)?;
    if kind == ReductionKind::Liquidation {
        position.liquidated_size = position.liquidated_size.safe_add(size)?;
    }
    let closed = position.size == 0;
    let (
        position_key,
        owner,
        market,
        entry_price,
        remaining_size,
        position_realized_pnl,
        position_id,
        policy_key,
    ) = (
        position.key(),
        position.owner,
        position.market,
        position.entry_price,
        position.size,
        position.realized_pnl,
        position.position_id,
        position.policy,
    );

    let mut counted = false;
    let mut policy_realized_pnl = 0;
    if let Some(policy) = ctx.accounts.counting_policy() {
        counted = true;
        policy.realized_pnl = policy.realized_pnl.safe_add(realized_pnl)?;
        if closed {
            policy.open_positions = policy.open_positions.safe_sub(1)?;
            // Remembered so the owner can still name this position for early settlement.
            let closed_loss = loss_from_pnl(position_realized_pnl)?;
            if closed_loss > policy.largest_closed_loss {
                policy.largest_closed_loss = closed_loss;
                policy.largest_closed_loss_position = Some(position_id);
            }
        }
        policy_realized_pnl = policy.realized_pnl;
    }

    let user = &mut ctx.accounts.user;
    if closed {
        user.open_positions = user.open_positions.safe_sub(1)?;
        ctx.accounts.position.close(ctx.accounts.reporter.to_account_info())?;
    }
    emit_cpi!(PositionReduced {
        position: position_key,
        owner,
        market,
        kind,
        size,
        price,
        fee,
        entry_price,
        realized_pnl,
        position_realized_pnl,
        remaining_size,
        closed,
        policy: policy_key,
        counted,
        policy_realized_pnl,
        open_positions: ctx.accounts.user.open_positions,
    });
    Ok(())
}
