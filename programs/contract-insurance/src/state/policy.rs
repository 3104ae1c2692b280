use anchor_lang::prelude::*;

use crate::events::{PolicySettled, PositionValuation};
use crate::math::pnl::meets_trigger;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyStatus {
    Active,
    Compensating,
    Completed,
}

/// How a policy left the Active state.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettlementKind {
    /// Still Active.
    None,
    /// `settle_policy` after `end`, on all attached positions.
    AtExpiry,
    /// `request_early_settlement` on a single position inside the window.
    Early,
}

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOutcome {
    /// Not completed yet.
    Open,
    /// Settled with loss below the trigger: no payout.
    Expired,
    /// Compensation issued.
    Paid,
}

/// A 24 h loss-cover policy.
#[account]
#[derive(InitSpace, Debug)]
pub struct Policy {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    /// Index among the owner's policies (PDA seed).
    pub index: u64,
    /// Zero-based premium tier.
    pub tier: u8,
    pub premium: u64,
    /// Loss at or above which the policy pays.
    pub trigger: u64,
    /// Compensation value in premium base units (minted as credits).
    pub payout: u64,
    pub start: i64,
    pub end: i64,
    pub status: PolicyStatus,
    pub outcome: PolicyOutcome,
    /// Referral commission accrued from this premium.
    pub commission: u64,
    /// Attached positions with size > 0 (maintained while Active).
    pub open_positions: u32,
    /// Positions ever attached (bounded by the pool's `max_covered_positions`).
    pub covered_positions: u32,
    /// Realized P&L of attached positions inside the window, net of fees.
    pub realized_pnl: i128,
    /// Largest realized loss of a single attached position that was fully closed in the window.
    pub largest_closed_loss: u64,
    pub largest_closed_loss_position: Option<u64>,
    pub settlement: SettlementKind,
    pub settled_at: i64,
    /// Unrealized P&L at the mark price used for settlement (sum over the positions valued).
    pub unrealized_pnl: i128,
    /// Loss the settlement found (the whole policy at expiry, one position when early).
    pub loss: u64,
    /// Hashrate credits minted to the owner.
    pub credits_paid: u64,
}

impl Policy {
    pub fn is_active(&self) -> bool {
        self.status == PolicyStatus::Active
    }

    /// Whether a position opened at `now` falls inside this policy's window.
    pub fn covers(&self, now: i64) -> bool {
        self.is_active() && now >= self.start && now <= self.end
    }

    /// Active past its end: positions are frozen until someone settles it.
    pub fn settlement_due(&self, now: i64) -> bool {
        self.is_active() && now > self.end
    }

    /// Records a settlement and decides the policy: Compensating when the loss reaches the
    /// trigger, otherwise Completed (expired, no payout). Returns whether the policy pays.
    pub fn record_settlement(
        &mut self,
        kind: SettlementKind,
        now: i64,
        unrealized_pnl: i128,
        loss: u64,
    ) -> bool {
        self.settlement = kind;
        self.settled_at = now;
        self.unrealized_pnl = unrealized_pnl;
        self.loss = loss;
        let pays = meets_trigger(loss, self.trigger);
        if pays {
            self.status = PolicyStatus::Compensating;
        } else {
            self.status = PolicyStatus::Completed;
            self.outcome = PolicyOutcome::Expired;
        }
        pays
    }

    /// The event of the settlement just recorded.
    pub fn settled_event(
        &self,
        policy: Pubkey,
        valuations: Vec<PositionValuation>,
        closed_position_id: Option<u64>,
        realized_pnl: i128,
    ) -> PolicySettled {
        PolicySettled {
            pool: self.pool,
            policy,
            owner: self.owner,
            kind: self.settlement,
            end: self.end,
            settled_at: self.settled_at,
            valuations,
            closed_position_id,
            realized_pnl,
            unrealized_pnl: self.unrealized_pnl,
            loss: self.loss,
            trigger: self.trigger,
            payout: self.payout,
            status: self.status,
            outcome: self.outcome,
        }
    }
}
