//! Every state change emits one of these through `emit_cpi!` (a self-CPI recorded in the
//! transaction's inner instructions), with the numbers an auditor needs to rebuild totals.

use anchor_lang::prelude::*;

use crate::math::accumulator::Accumulator;
use crate::state::{
    CoverOutcome, CoverStatus, FillState, Level, MarketParams, MiningParams, PolicyOutcome, PolicyStatus,
    PoolConfig, PoolRoles, SettlementKind, Side,
};

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolInitialized {
    pub pool: Pubkey,
    pub admin: Pubkey,
    pub premium_mint: Pubkey,
    pub token_program: Pubkey,
    pub vault: Pubkey,
    pub credit_mint: Pubkey,
    pub roles: PoolRoles,
    pub config: PoolConfig,
    pub levels: Vec<Level>,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigUpdated {
    pub pool: Pubkey,
    pub old_config: PoolConfig,
    pub new_config: PoolConfig,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelsUpdated {
    pub pool: Pubkey,
    pub old_levels: Vec<Level>,
    pub new_levels: Vec<Level>,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolesUpdated {
    pub pool: Pubkey,
    pub old_roles: PoolRoles,
    pub new_roles: PoolRoles,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminProposed {
    pub pool: Pubkey,
    pub admin: Pubkey,
    pub proposed_admin: Pubkey,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminTransferred {
    pub pool: Pubkey,
    pub old_admin: Pubkey,
    pub new_admin: Pubkey,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseChanged {
    pub pool: Pubkey,
    pub paused: bool,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketAdded {
    pub pool: Pubkey,
    pub market: Pubkey,
    pub market_id: u16,
    pub mark_price_feed: Pubkey,
    pub params: MarketParams,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketUpdated {
    pub pool: Pubkey,
    pub market: Pubkey,
    pub market_id: u16,
    pub old_params: MarketParams,
    pub new_params: MarketParams,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkPricePosted {
    pub market: Pubkey,
    pub price: i64,
    pub conf: u64,
    pub publish_time: i64,
    pub posted_at: i64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRegistered {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub user: Pubkey,
    pub referral_node: Pubkey,
    pub referrer: Option<Pubkey>,
    pub depth: u32,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelAssigned {
    pub pool: Pubkey,
    pub referral_node: Pubkey,
    pub owner: Pubkey,
    pub old_assigned_level: u8,
    pub new_assigned_level: u8,
    pub effective_level: u8,
}

/// One upline's part of a purchase: what it earned and how its team volume and level moved.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct CommissionShare {
    pub referral_node: Pubkey,
    pub owner: Pubkey,
    /// Effective level used for the rate (before this purchase's volume is added).
    pub level: u8,
    pub rate_bps: u16,
    pub amount: u64,
    pub team_volume_after: u64,
    pub level_after: u8,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyPurchased {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub owner: Pubkey,
    pub index: u64,
    pub tier: u8,
    pub premium: u64,
    pub trigger: u64,
    pub payout: u64,
    pub start: i64,
    pub end: i64,
    /// Uplines in walk order (direct referrer first).
    pub commissions: Vec<CommissionShare>,
    /// Walk index where the same-level cut stopped commission, if it did.
    pub cut_at: Option<u8>,
    pub total_commission: u64,
    pub vault_balance: u64,
    pub commission_owed: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionClaimed {
    pub pool: Pubkey,
    pub referral_node: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub total_claimed: u64,
    pub vault_balance: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurplusWithdrawn {
    pub pool: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub vault_balance: u64,
    pub liabilities: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionOpened {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub position: Pubkey,
    pub position_id: u64,
    pub market: Pubkey,
    pub side: Side,
    pub size: u64,
    pub entry_price: u64,
    pub margin: u64,
    pub opened_at: i64,
    /// The policy the position counts toward, if it opened inside an active window with room.
    pub policy: Option<Pubkey>,
    /// The trader had an active window but the policy already covers its maximum positions.
    pub over_cover_limit: bool,
    pub open_positions: u32,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionIncreased {
    pub position: Pubkey,
    pub owner: Pubkey,
    pub added_size: u64,
    pub price: u64,
    pub added_margin: u64,
    pub old_entry_price: u64,
    pub new_entry_price: u64,
    pub size: u64,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReductionKind {
    Close,
    Liquidation,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionReduced {
    pub position: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
    pub kind: ReductionKind,
    pub size: u64,
    pub price: u64,
    pub fee: u64,
    pub entry_price: u64,
    /// Realized P&L of this fill, net of the fee.
    pub realized_pnl: i128,
    /// The position's realized P&L so far.
    pub position_realized_pnl: i128,
    pub remaining_size: u64,
    /// The size reached zero and the account was closed.
    pub closed: bool,
    pub policy: Option<Pubkey>,
    /// The fill counted toward the policy (it is active and the fill is inside its window).
    pub counted: bool,
    pub policy_realized_pnl: i128,
    pub open_positions: u32,
}

/// A position's valuation at settlement.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionValuation {
    pub position: Pubkey,
    pub market: Pubkey,
    pub side: Side,
    pub size: u64,
    pub entry_price: u64,
    pub mark_price: u64,
    pub mark_publish_time: i64,
    pub realized_pnl: i128,
    pub unrealized_pnl: i128,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySettled {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub owner: Pubkey,
    pub kind: SettlementKind,
    pub end: i64,
    pub settled_at: i64,
    /// Open positions valued at the mark price (at expiry: all of them; early: the named one).
    pub valuations: Vec<PositionValuation>,
    /// For an early settlement on a position that was already closed, its id.
    pub closed_position_id: Option<u64>,
    pub realized_pnl: i128,
    pub unrealized_pnl: i128,
    pub loss: u64,
    pub trigger: u64,
    pub payout: u64,
    pub status: PolicyStatus,
    pub outcome: PolicyOutcome,
}

/// One upline's rebate on a compensation.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RebateShare {
    pub referral_node: Pubkey,
    pub owner: Pubkey,
    pub level: u8,
    pub rate_bps: u16,
    pub rebate: u64,
    /// Direct-referrer bonus (first upline only).
    pub bonus: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompensationIssued {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub owner: Pubkey,
    pub credit_account: Pubkey,
    pub loss: u64,
    pub trigger: u64,
    pub payout: u64,
    /// Hashrate credits minted to the owner (payout scaled by `hashrate_per_usdt_bps`).
    pub credits: u64,
    pub rebates: Vec<RebateShare>,
    pub cut_at: Option<u8>,
    pub total_rebates: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RebateClaimed {
    pub pool: Pubkey,
    pub referral_node: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub credits: u64,
    pub total_claimed: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadTraderSet {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub is_lead_trader: bool,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationCoverBought {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub market: Pubkey,
    pub index: u64,
    pub order_id: u64,
    pub side: Side,
    pub order_qty: u64,
    pub margin: u64,
    pub insured: u64,
    /// Local day of the purchase and the trader's quota use after it.
    pub day: i64,
    pub day_total: u64,
    pub cumulative: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFilled {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub position: Pubkey,
    pub fill_qty: u64,
    pub filled_qty: u64,
    pub order_qty: u64,
    pub fill_state: FillState,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderCancelled {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub cancelled_qty: u64,
    pub total_cancelled: u64,
    pub order_qty: u64,
    pub refund: u64,
    /// Paid at once; otherwise owed and claimable with `claim_refund`.
    pub refund_paid: bool,
    pub insured_remaining: u64,
    pub status: CoverStatus,
    pub outcome: CoverOutcome,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverClosed {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub insured: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationReported {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub liquidated_qty: u64,
    pub open_qty: u64,
    pub loss: u64,
    pub margin: u64,
    pub insured: u64,
    pub review_deadline: i64,
    pub worst_case_payout: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDecided {
    pub cover: Pubkey,
    pub owner: Pubkey,
    /// The reviewer, or whoever finalised after the deadline.
    pub decided_by: Pubkey,
    pub approved: bool,
    pub by_timeout: bool,
    pub used_after: u64,
    pub ratio_bps: u16,
    pub compensation: u64,
    pub vesting_start: i64,
    pub vesting_days: u16,
    pub worst_case_released: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VestedClaimed {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub tranches_vested: u16,
    pub vesting_days: u16,
    pub claimed_total: u64,
    pub compensation: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundClaimed {
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiningPoolInitialized {
    pub pool: Pubkey,
    pub mining_pool: Pubkey,
    pub stake_mint: Pubkey,
    pub stake_vault: Pubkey,
    pub reward_mint: Pubkey,
    pub reward_vault: Pubkey,
    pub params: MiningParams,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MiningParamsUpdated {
    pub mining_pool: Pubkey,
    pub old_params: MiningParams,
    pub new_params: MiningParams,
    /// Emitted at the old rate when settling before the change.
    pub settled_emission: u64,
    pub accumulator: Accumulator,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardsFunded {
    pub mining_pool: Pubkey,
    pub amount: u64,
    pub settled_emission: u64,
    pub accumulator: Accumulator,
    pub reward_vault_balance: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staked {
    pub mining_pool: Pubkey,
    pub miner: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub staked: u64,
    pub pending: u64,
    pub accumulator: Accumulator,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unstaked {
    pub mining_pool: Pubkey,
    pub miner: Pubkey,
    pub owner: Pubkey,
    pub amount: u64,
    pub staked: u64,
    pub pending: u64,
    pub accumulator: Accumulator,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardsClaimed {
    pub mining_pool: Pubkey,
    pub miner: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub claimed_total: u64,
    pub pool_claimed: u64,
    pub accumulator: Accumulator,
}
