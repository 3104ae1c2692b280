//! Every state change emits one of these through `emit_cpi!` (a self-CPI recorded in the
//! transaction's inner instructions), with the numbers an auditor needs to rebuild totals.

use anchor_lang::prelude::*;

use crate::math::accumulator::Accumulator;
use crate::state::{
    CoverOutcome, CoverStatus, FillState, Level, Liabilities, LiquidationCover, MarkSource, MarketExposure,
    MarketParams, Miner, MiningParams, Policy, PolicyOutcome, PolicyStatus, PolicyTerms, PoolConfig,
    PoolRoles, SettlementKind, Side,
};

/// The pool's books after an instruction that moved money or promises: the vault balance and
/// every liability line. An auditor replays the deltas of the events and checks them against
/// these snapshots and, at the end, against the pool account and the vault.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolBooks {
    pub vault_balance: u64,
    pub liabilities: Liabilities,
}

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
    /// Tokens already in the vault when the pool was created (someone may create and fund the
    /// pool's associated token account first); they count as capital.
    pub vault_balance: u64,
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

/// Where a recorded mark price came from.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ObservationSource {
    /// Posted by the oracle authority.
    Authority,
    /// A verified Pyth `PriceUpdateV2`, recorded by anyone.
    Pyth,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkPriceRecorded {
    pub pool: Pubkey,
    pub market: Pubkey,
    pub source: ObservationSource,
    /// Price and confidence in the market's price decimals.
    pub price: i64,
    pub conf: u64,
    pub publish_time: i64,
    pub recorded_at: i64,
    /// A correction of the latest observation (same publish time) by the oracle authority.
    pub correction: bool,
    /// The feed is complete for publish times after this (0: nothing evicted yet).
    pub evicted_until: i64,
    /// The Pyth update account it was read from (default key for authority posts).
    pub price_update: Pubkey,
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
    /// Premium, trigger, payout, credits, window and mark guards: fixed for the policy's life.
    pub terms: PolicyTerms,
    /// Uplines in walk order (direct referrer first).
    pub commissions: Vec<CommissionShare>,
    /// Walk index where the same-level cut stopped commission, if it did.
    pub cut_at: Option<u8>,
    pub total_commission: u64,
    pub books: PoolBooks,
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
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurplusWithdrawn {
    pub pool: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapitalDeposited {
    pub pool: Pubkey,
    pub depositor: Pubkey,
    pub source: Pubkey,
    pub amount: u64,
    pub total_deposited: u64,
    pub books: PoolBooks,
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
    /// Venue time of the open.
    pub opened_at: i64,
    pub reported_at: i64,
    /// The policy the position counts toward (opened inside its window, reported in time).
    pub policy: Option<Pubkey>,
    /// The policy's exposure in this market after the open, when attached.
    pub exposure: Option<Pubkey>,
    /// The open predates the trader's active policy: the policy was voided.
    pub voided_policy: Option<Pubkey>,
    pub open_positions: u32,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVoided {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub owner: Pubkey,
    /// The position whose venue open time precedes the policy's start.
    pub position: Pubkey,
    pub position_opened_at: i64,
    pub start: i64,
    /// Not refunded: cover bought while holding a position is void (see README).
    pub premium: u64,
    pub voided_at: i64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionIncreased {
    pub pool: Pubkey,
    pub position: Pubkey,
    pub owner: Pubkey,
    pub added_size: u64,
    pub price: u64,
    pub added_margin: u64,
    pub old_entry_price: u64,
    pub new_entry_price: u64,
    pub size: u64,
    pub event_time: i64,
    pub policy: Option<Pubkey>,
    /// The change counted toward the policy's exposure.
    pub counted: bool,
}

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReductionKind {
    Close,
    Liquidation,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PositionReduced {
    pub pool: Pubkey,
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
    pub event_time: i64,
    pub policy: Option<Pubkey>,
    /// The fill counted toward the policy (it is active, the fill is inside its window and was
    /// reported before the window's reports closed).
    pub counted: bool,
    pub policy_realized_pnl: i128,
    pub open_positions: u32,
}

/// One market of a policy valued at settlement.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExposureValuation {
    pub exposure: Pubkey,
    pub market: Pubkey,
    pub net_size: i128,
    pub net_entry_value: i128,
    pub mark_source: MarkSource,
    pub mark_price: u64,
    pub mark_publish_time: i64,
    pub unrealized_pnl: i128,
}

/// A batch of `settle_policy`: the markets it valued and the policy's progress.
#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExposuresValued {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub valuations: Vec<ExposureValuation>,
    pub exposures_valued: u32,
    pub exposures: u32,
    /// Sum over every exposure valued so far.
    pub unrealized_pnl: i128,
}

/// An early settlement's valuation of the one position it names.
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
    /// Markets valued (at expiry; each in an `ExposuresValued` event).
    pub exposures: u32,
    /// Of those, valued at a fallback mark.
    pub fallback_marks: u32,
    /// Early settlement on an open position: its valuation at the fresh mark.
    pub early_valuation: Option<PositionValuation>,
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
    /// Hashrate credits owed to the owner (the payout at the purchase's conversion rate).
    pub credits: u64,
    /// The credit account could not receive them (e.g. its owner was reassigned): they wait in
    /// the owner's user account for `claim_credits`.
    pub deferred: bool,
    pub rebates: Vec<RebateShare>,
    pub cut_at: Option<u8>,
    pub total_rebates: u64,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditsClaimed {
    pub pool: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub credits: u64,
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
    /// Worst case reserved for the cover (`max(insured, multiplier × top ratio × insured)`).
    pub reserved: u64,
    /// Local day of the purchase and the trader's quota use after it.
    pub day: i64,
    pub day_total: u64,
    pub cumulative: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFilled {
    pub pool: Pubkey,
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
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub cancelled_qty: u64,
    pub total_cancelled: u64,
    pub order_qty: u64,
    pub refund: u64,
    /// Paid at once to the trader's account; otherwise owed and claimable with `claim_refund`.
    pub refund_paid: bool,
    /// Reserve released by the cancellation (the refund comes out of it).
    pub reserve_released: u64,
    pub insured_remaining: u64,
    /// The order's margin left after the cancellation (cut pro rata like the insured amount).
    pub margin_remaining: u64,
    pub reserved_remaining: u64,
    pub status: CoverStatus,
    pub outcome: CoverOutcome,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverClosed {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub insured: u64,
    pub reserve_released: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationReported {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub liquidated_qty: u64,
    pub open_qty: u64,
    pub loss: u64,
    pub margin: u64,
    pub insured: u64,
    pub review_deadline: i64,
    /// The most the claim can be approved for: `min(compensation now, the cover's reserve)`.
    pub claim_cap: u64,
    /// The rest of the cover's reserve, released.
    pub reserve_released: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDecided {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    /// The reviewer, or whoever finalised after the deadline.
    pub decided_by: Pubkey,
    pub approved: bool,
    pub by_timeout: bool,
    pub used_after: u64,
    pub ratio_bps: u16,
    /// `min(compensation at the current ratio and multiplier, the claim's cap)`.
    pub compensation: u64,
    pub vesting_start: i64,
    pub vesting_days: u16,
    /// The claim's cap, taken out of `claims_under_review` (the compensation moves to vesting).
    pub claim_cap_released: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VestedClaimed {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub tranches_vested: u16,
    pub vesting_days: u16,
    pub claimed_total: u64,
    pub compensation: u64,
    pub books: PoolBooks,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundClaimed {
    pub pool: Pubkey,
    pub cover: Pubkey,
    pub owner: Pubkey,
    pub destination: Pubkey,
    pub amount: u64,
    pub books: PoolBooks,
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
    pub accumulator: Accumulator,
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
pub struct RewardsWithdrawn {
    pub mining_pool: Pubkey,
    pub destination: Pubkey,
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

// --- account lifecycle: each closing event carries the account's final state ----------------

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyClosed {
    pub policy: Pubkey,
    pub rent_recipient: Pubkey,
    pub lamports: u64,
    pub final_state: Policy,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyExposureClosed {
    pub pool: Pubkey,
    pub policy: Pubkey,
    pub exposure: Pubkey,
    pub market: Pubkey,
    pub rent_recipient: Pubkey,
    pub lamports: u64,
    pub valued: bool,
    pub unrealized_pnl: i128,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidationCoverClosed {
    pub cover: Pubkey,
    pub rent_recipient: Pubkey,
    pub lamports: u64,
    pub final_state: LiquidationCover,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketExposureClosed {
    pub exposure: Pubkey,
    pub rent_recipient: Pubkey,
    pub lamports: u64,
    pub final_state: MarketExposure,
}

#[event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinerClosed {
    pub mining_pool: Pubkey,
    pub miner: Pubkey,
    pub rent_recipient: Pubkey,
    pub lamports: u64,
    pub final_state: Miner,
    /// The mining pool's accumulator, settled to now by the closing.
    pub accumulator: Accumulator,
}
