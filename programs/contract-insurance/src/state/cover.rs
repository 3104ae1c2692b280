use anchor_lang::prelude::*;

use crate::state::Side;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverStatus {
    /// Pending, partially filled or filled (see `FillState`).
    Ongoing,
    /// Liquidated; waiting for the reviewer (or the deadline).
    UnderReview,
    /// Done; see `CoverOutcome`.
    Completed,
}

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum FillState {
    Pending,
    PartiallyFilled,
    Filled,
}

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoverOutcome {
    /// Not completed.
    Open,
    /// Claim approved: the compensation vests and is claimed with `claim_vested`.
    Paid,
    /// The position closed without liquidation.
    ClosedNoLiquidation,
    /// The reviewer rejected the claim.
    Rejected,
    /// The whole order was cancelled unfilled (refunded).
    Cancelled,
}

/// Per-order liquidation cover.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct LiquidationCover {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
    /// Index among the owner's covers (PDA seed).
    pub index: u64,
    /// The venue's order id.
    pub order_id: u64,
    pub side: Side,
    pub order_qty: u64,
    pub filled_qty: u64,
    pub cancelled_qty: u64,
    /// Margin of the order as placed.
    pub order_margin: u64,
    /// Margin of the order, reduced pro rata by cancellations.
    pub margin: u64,
    /// Insured amount bought with the order.
    pub insured_bought: u64,
    /// Insured amount still at risk (bought minus the cancelled share).
    pub insured: u64,
    /// The reserve taken when the cover was sold: its worst case (see `math::solvency`).
    pub reserve_bought: u64,
    /// What the pool still holds in reserve for this cover: while Ongoing, what is left of
    /// `reserve_bought`; under review, the most the claim can be approved for; then 0.
    pub reserved: u64,
    /// Cancellation refunds credited and not yet paid out (paid with `claim_refund`).
    pub refund_owed: u64,
    pub status: CoverStatus,
    pub outcome: CoverOutcome,
    /// The position the order's fills opened or increased.
    pub position: Option<Pubkey>,
    pub liquidated_at: i64,
    pub liquidated_qty: u64,
    pub liquidation_loss: u64,
    pub review_deadline: i64,
    /// Approved without a review once the deadline passed.
    pub approved_by_timeout: bool,
    pub ratio_bps: u16,
    pub compensation: u64,
    pub vesting_start: i64,
    pub vesting_days: u16,
    pub vested_claimed: u64,
}

impl LiquidationCover {
    /// Quantity neither filled nor cancelled.
    pub fn unfilled(&self) -> u64 {
        self.order_qty - self.filled_qty - self.cancelled_qty
    }

    /// How much of the order has filled (derived from the quantities, not stored).
    pub fn fill_state(&self) -> FillState {
        match (self.filled_qty, self.unfilled()) {
            (0, _) => FillState::Pending,
            (_, 0) => FillState::Filled,
            _ => FillState::PartiallyFilled,
        }
    }

    /// Completed, with no refund owed and every vesting tranche claimed: the account can close.
    pub fn is_finished(&self) -> bool {
        self.status == CoverStatus::Completed
            && self.refund_owed == 0
            && self.vested_claimed == self.compensation
    }
}

/// A trader's ongoing liquidation covers on one market: all on the same side.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct MarketExposure {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
    pub side: Side,
    /// Covers on this market in the Ongoing status.
    pub ongoing: u32,
}
