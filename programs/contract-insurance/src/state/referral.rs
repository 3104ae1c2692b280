use anchor_lang::prelude::*;

use crate::math::safe_math::SafeMath;

/// A node of the referral tree. The referrer is set at registration and never changes, and it
/// must already exist, so the tree is acyclic by construction.
#[account]
#[derive(InitSpace, Debug)]
pub struct ReferralNode {
    pub version: u8,
    pub bump: u8,
    pub pool: Pubkey,
    pub owner: Pubkey,
    /// The referrer's referral node address (the next upline in every walk; the referrer's
    /// wallet is that node's owner).
    pub parent: Option<Pubkey>,
    /// Number of ancestors.
    pub depth: u32,
    /// Level assigned by the admin; the effective level is never below it.
    pub assigned_level: u8,
    /// Effective level as last computed (max of assigned and volume level).
    pub level: u8,
    pub direct_referrals: u32,
    /// Premiums bought by descendants within the pool's max depth.
    pub team_volume: u64,
    pub commission_earned: u64,
    pub commission_claimed: u64,
    /// Compensation rebates (and direct-referrer bonuses) in hashrate credits.
    pub rebate_earned: u64,
    pub rebate_claimed: u64,
    pub created_at: i64,
}

impl ReferralNode {
    pub fn commission_owed(&self) -> Result<u64> {
        self.commission_earned.safe_sub(self.commission_claimed)
    }

    pub fn rebate_owed(&self) -> Result<u64> {
        self.rebate_earned.safe_sub(self.rebate_claimed)
    }
}
