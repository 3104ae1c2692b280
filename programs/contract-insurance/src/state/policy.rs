use anchor_lang::prelude::*;

use crate::events::PolicySettled;
use crate::math::pnl::meets_trigger;
use crate::math::safe_math::SafeMath;
use crate::oracle::selection::window_closes_at;
use crate::oracle::OracleGuards;

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
    /// `settle_policy` after `end`, on every market of the window.
    AtExpiry,
    /// `request_early_settlement` on a single position inside the window.
    Early,
    /// A position opened at the venue before `start` was reported: the cover was bought while
    /// the trader held a position, which the product forbids.
    Voided,
}

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyOutcome {
    /// Not completed.
    Open,
    /// Settled with loss below the trigger: no payout.
    Expired,
    /// Compensation issued.
    Paid,
    /// Void: no payout; the premium is not refunded (see README, "Venue time").
    Void,
}

/// Everything that decides what a policy pays, fixed when it is sold (config changes after the
/// purchase never reach a sold policy).
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyTerms {
    pub premium: u64,
    /// Loss at or above which the policy pays.
    pub trigger: u64,
    /// Compensation value in premium base units.
    pub payout: u64,
    /// Hashrate credits the payout mints (at the purchase's conversion rate).
    pub payout_credits: u64,
    pub start: i64,
    pub end: i64,
    /// Staleness and confidence bounds of the marks this policy is valued at.
    pub mark_guards: OracleGuards,
    /// Seconds after `end` from which the fallback mark applies.
    pub settlement_grace: u32,
}

/// A 24 h loss-cover policy.
#[account]
#[derive(InitSpace, Debug, PartialEq, Eq)]
pub struct Policy {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    /// Index among the owner's policies (PDA seed).
    pub index: u64,
    pub terms: PolicyTerms,
    pub status: PolicyStatus,
    pub outcome: PolicyOutcome,
    /// Attached positions with size > 0, as of the latest report that counted.
    pub open_positions: u32,
    /// Markets with attached positions (one `PolicyExposure` account each).
    pub exposures: u32,
    /// Exposures valued by settlement so far; the policy is decided when all are.
    pub exposures_valued: u32,
    /// Exposure accounts closed so far (the policy can close once all are).
    pub exposures_closed: u32,
    /// Exposures valued at a fallback mark (no guarded price near `end`).
    pub fallback_marks: u32,
    /// Realized P&L of attached positions inside the window, net of fees.
    pub realized_pnl: i128,
    /// Unrealized P&L at settlement: the sum over valued exposures (one position when early).
    pub unrealized_pnl: i128,
    /// Largest realized loss of a single attached position that was fully closed in the window.
    pub largest_closed_loss: u64,
    pub largest_closed_loss_position: Option<u64>,
    pub settlement: SettlementKind,
    pub settled_at: i64,
    /// Loss the settlement found (the whole policy at expiry, one position when early).
    pub loss: u64,
}

/// Where a position opened at venue time `event_time` stands with the trader's policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attachment {
    /// Opened inside the window and reported in time: it counts toward the policy.
    Attach,
    /// Opened before the policy's start while it is Active: the policy is void.
    Void,
    /// Opened after the window, reported too late, or the policy is no longer Active.
    Outside,
}

impl Policy {
    pub fn is_active(&self) -> bool {
        self.status == PolicyStatus::Active
    }

    /// The last second reports and prices about the window count: `end` plus twice this policy's
    /// staleness bound (`oracle::selection::window_closes_at`). Fixed at purchase: a later change
    /// of the pool's bound neither reopens a closed window nor shortens an open one.
    pub fn window_closes_at(&self) -> Result<i64> {
        window_closes_at(self.terms.end, self.terms.mark_guards)
    }

    /// When settlement opens: the second after the window closed. From then on nothing can change
    /// the facts the policy is valued on.
    pub fn settlement_opens_at(&self) -> Result<i64> {
        self.window_closes_at()?.safe_add(1)
    }

    /// Whether a report made at `now` about venue time `event_time` counts toward this policy.
    pub fn counts(&self, event_time: i64, now: i64) -> Result<bool> {
        Ok(self.is_active()
            && event_time >= self.terms.start
            && event_time <= self.terms.end
            && now <= self.window_closes_at()?)
    }

    pub fn attachment(&self, event_time: i64, now: i64) -> Result<Attachment> {
        if self.is_active() && event_time < self.terms.start {
            return Ok(Attachment::Void);
        }
        Ok(if self.counts(event_time, now)? { Attachment::Attach } else { Attachment::Outside })
    }

    /// From when the fallback mark may value a market without a guarded price near `end`.
    pub fn fallback_opens_at(&self) -> Result<i64> {
        self.terms.end.safe_add(i64::from(self.terms.settlement_grace))
    }

    /// Hashrate credits the policy paid: its fixed payout once compensated, otherwise none.
    pub fn credits_paid(&self) -> u64 {
        if self.outcome == PolicyOutcome::Paid {
            self.terms.payout_credits
        } else {
            0
        }
    }

    /// Completed with nothing more to happen, so the account can be closed.
    pub fn is_finished(&self) -> bool {
        self.status == PolicyStatus::Completed
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
        let pays = meets_trigger(loss, self.terms.trigger);
        if pays {
            self.status = PolicyStatus::Compensating;
        } else {
            self.status = PolicyStatus::Completed;
            self.outcome = PolicyOutcome::Expired;
        }
        pays
    }

    /// Voids the policy (a position opened before `start` was reported).
    pub fn void(&mut self, now: i64) {
        self.settlement = SettlementKind::Voided;
        self.settled_at = now;
        self.status = PolicyStatus::Completed;
        self.outcome = PolicyOutcome::Void;
    }

    /// The event of the settlement just recorded.
    pub fn settled_event(
        &self,
        policy: Pubkey,
        closed_position_id: Option<u64>,
        realized_pnl: i128,
    ) -> PolicySettled {
        PolicySettled {
            pool: self.pool,
            policy,
            owner: self.owner,
            kind: self.settlement,
            end: self.terms.end,
            settled_at: self.settled_at,
            exposures: self.exposures,
            fallback_marks: self.fallback_marks,
            early_valuation: None,
            closed_position_id,
            realized_pnl,
            unrealized_pnl: self.unrealized_pnl,
            loss: self.loss,
            trigger: self.terms.trigger,
            payout: self.terms.payout,
            status: self.status,
            outcome: self.outcome,
        }
    }
}
