use anchor_lang::prelude::*;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyStatus {
    Active,
    Compensating,
    Completed,
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
}
