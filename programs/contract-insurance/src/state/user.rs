use anchor_lang::prelude::*;

/// A registered trader's trading state in one pool.
#[account]
#[derive(InitSpace, Debug)]
pub struct UserAccount {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub registered_at: i64,
    /// Positions with size > 0, as tracked by the reporter.
    pub open_positions: u32,
    /// Policies bought so far; the next policy's PDA uses this index.
    pub policy_count: u64,
    /// Index of the Active or Compensating policy, if any (its PDA is `policy`, pool, owner,
    /// index; the referral node is `referral`, pool, owner: neither address is stored).
    pub active_policy_index: Option<u64>,
    pub total_premium_paid: u64,
    /// Hashrate credits received as loss-cover compensation.
    pub total_compensation_credits: u64,
    /// Compensation credits that could not be minted to the owner's credit account (e.g. its
    /// owner was reassigned); `claim_credits` mints them to any account the owner names.
    pub credits_owed: u64,
    /// Lead (elite) traders cannot buy liquidation cover.
    pub is_lead_trader: bool,
    /// Liquidation covers bought so far; the next cover's PDA uses this index.
    pub liquidation_cover_count: u64,
    /// Local day (at the pool's UTC offset) of `liquidation_day_total`.
    pub liquidation_day: i64,
    /// Insured amount bought on `liquidation_day`.
    pub liquidation_day_total: u64,
    /// Insured amount bought in total (the cumulative quota).
    pub liquidation_cumulative: u64,
    /// Insured amount of approved claims (selects the compensation ratio tier).
    pub liquidation_used: u64,
}
