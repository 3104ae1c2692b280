use anchor_lang::prelude::*;

use crate::math::pnl::Direction;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Long,
    Short,
}

impl From<Side> for Direction {
    fn from(side: Side) -> Self {
        match side {
            Side::Long => Direction::Long,
            Side::Short => Direction::Short,
        }
    }
}

/// A trader's position as reported by the venue. Realized P&L is computed on-chain from the
/// reported prices so an auditor can recompute it. The account is closed when size reaches 0.
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
    /// The venue's position id (PDA seed, unique per owner while open).
    pub position_id: u64,
    pub side: Side,
    /// Open size in base units.
    pub size: u64,
    /// Size-weighted entry price in the market's price decimals.
    pub entry_price: u64,
    /// Margin in quote units.
    pub margin: u64,
    /// Venue time of the open.
    pub opened_at: i64,
    /// Venue time of the latest reported event (reports must not go back in time).
    pub last_event_at: i64,
    /// Realized P&L so far, net of closing fees, in quote units.
    pub realized_pnl: i128,
    pub fees_paid: u64,
    /// Size closed by liquidation so far.
    pub liquidated_size: u64,
    /// The loss-cover policy this position counts toward, if it was opened inside its window.
    pub policy: Option<Pubkey>,
    /// That policy's `end`: reports about later venue times never need the policy.
    pub policy_end: i64,
}
