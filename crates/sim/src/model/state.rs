//! The model's state: plain Rust data, one struct per thing the product knows about.

use std::collections::{BTreeMap, BTreeSet};

use anchor_lang::prelude::Pubkey;
use contract_insurance::state::{
    CoverOutcome, CoverStatus, FillState, Level, Liabilities, MarkSource, MarketParams, MiningParams,
    PolicyOutcome, PolicyStatus, PoolConfig, PoolTotals, SettlementKind, Side,
};

use crate::arith::Decimals;

pub const RING: usize = 128;

/// Whether the user's associated credit account exists and can receive minted credits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditAta {
    Missing,
    Usable,
    /// Handed to another wallet: compensation is deferred, claims go to the spare account.
    Reassigned,
}

#[derive(Clone, Debug)]
pub struct User {
    pub wallet: Pubkey,
    pub registered_at: i64,
    pub open_positions: u32,
    pub policy_count: u64,
    /// Index of the Active or Compensating policy.
    pub active_policy: Option<u64>,
    pub total_premium_paid: u64,
    pub total_compensation_credits: u64,
    pub credits_owed: u64,
    pub is_lead_trader: bool,
    pub cover_count: u64,
    pub liq_day: i64,
    pub liq_day_total: u64,
    pub liq_cumulative: u64,
    pub liq_used: u64,
    // referral node
    pub parent: Option<u32>,
    pub depth: u32,
    pub assigned_level: u8,
    pub level: u8,
    pub direct_referrals: u32,
    pub team_volume: u64,
    pub commission_earned: u64,
    pub commission_claimed: u64,
    pub rebate_earned: u64,
    pub rebate_claimed: u64,
    // token accounts
    pub premium_balance: u64,
    pub credit_ata: CreditAta,
    pub credit_ata_balance: u64,
    /// A second credit account the user owns (created when first needed).
    pub credit_spare: Option<u64>,
    pub reward_balance: u64,
}

#[derive(Clone, Debug)]
pub struct Exposure {
    pub market: u16,
    pub rent_payer: Pubkey,
    pub decimals: Decimals,
    pub open_positions: u32,
    pub positions: u32,
    pub net_size: i128,
    pub net_entry_value: i128,
    pub valued: bool,
    pub mark_source: MarkSource,
    pub mark_price: u64,
    pub mark_publish_time: i64,
    pub unrealized_pnl: i128,
    pub closed: bool,
}

#[derive(Clone, Debug)]
pub struct Policy {
    pub owner: u32,
    pub index: u64,
    pub premium: u64,
    pub trigger: u64,
    pub payout: u64,
    pub payout_credits: u64,
    pub start: i64,
    pub end: i64,
    pub staleness: u32,
    pub conf_bps: u16,
    pub grace: u32,
    pub status: PolicyStatus,
    pub outcome: PolicyOutcome,
    pub open_positions: u32,
    pub positions_attached: u32,
    pub exposures: u32,
    pub exposures_valued: u32,
    pub exposures_closed: u32,
    pub fallback_marks: u32,
    pub realized_pnl: i128,
    pub unrealized_pnl: i128,
    pub largest_closed_loss: u64,
    pub largest_closed_loss_position: Option<u64>,
    pub settlement: SettlementKind,
    pub settled_at: i64,
    pub loss: u64,
    pub credits_paid: u64,
    /// The account was closed (its rent returned).
    pub closed: bool,
    /// Exposure per market id, in market-id order.
    pub exposure_accounts: BTreeMap<u16, Exposure>,
    /// Settlement has run at least once (a batch valued something or decided the policy).
    pub settlement_started: bool,
    /// The canonical mark of each market as first seen once the window closed (invariant: it
    /// never changes, and none appears later).
    pub first_marks: BTreeMap<u16, Option<(u64, i64)>>,
    /// The fallback (or no-price) valuation of each market as first seen once the grace had
    /// passed, with the feed's `evicted_until` then (invariant: only eviction changes it).
    pub first_fallbacks: BTreeMap<u16, ((MarkSource, u64, i64), i64)>,
}

impl Policy {
    pub fn is_active(&self) -> bool {
        self.status == PolicyStatus::Active
    }
}

#[derive(Clone, Debug)]
pub struct Position {
    pub market: u16,
    pub side: Side,
    pub size: u64,
    pub entry: u64,
    pub margin: u64,
    pub opened_at: i64,
    pub last_event_at: i64,
    pub realized: i128,
    pub fees: u64,
    pub liquidated: u64,
    /// Index of the policy the position counts toward.
    pub policy: Option<u64>,
    pub policy_end: i64,
    /// The terms last counted into the policy's exposure (size, entry): what the next counted
    /// report must take out again (invariant check).
    pub counted: Option<(u64, u64)>,
    /// The reporter key that paid the rent.
    pub rent_payer: Pubkey,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    pub price: i64,
    pub conf: u64,
    pub publish_time: i64,
    /// When it was recorded (a correction records it again).
    pub recorded_at: i64,
}

#[derive(Clone, Debug)]
pub struct Feed {
    pub next_slot: u8,
    pub recorded: u64,
    pub evicted_until: i64,
    pub observations: [Observation; RING],
    /// Decimals of every observation (the market's price decimals; a correction rescales them).
    pub price_decimals: u8,
}

impl Default for Feed {
    fn default() -> Self {
        Feed {
            next_slot: 0,
            recorded: 0,
            evicted_until: 0,
            observations: [Observation::default(); RING],
            price_decimals: 0,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Market {
    pub id: u16,
    pub params: MarketParams,
    pub open_positions: u32,
    pub feed: Feed,
}

impl Market {
    pub fn decimals(&self) -> Decimals {
        Decimals {
            base: self.params.base_decimals,
            quote: self.params.quote_decimals,
            price: self.params.price_decimals,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Cover {
    pub market: u16,
    pub order_id: u64,
    pub side: Side,
    pub order_qty: u64,
    pub filled_qty: u64,
    pub cancelled_qty: u64,
    pub order_margin: u64,
    pub margin: u64,
    pub insured_bought: u64,
    pub insured: u64,
    pub reserve_bought: u64,
    pub reserved: u64,
    pub refund_owed: u64,
    pub status: CoverStatus,
    pub fill_state: FillState,
    pub outcome: CoverOutcome,
    /// The venue position id the fills went into (same owner).
    pub position: Option<u64>,
    pub liquidated_at: i64,
    pub liquidated_qty: u64,
    pub liquidation_loss: u64,
    pub review_deadline: i64,
    pub approved_by_timeout: bool,
    pub ratio_bps: u16,
    pub compensation: u64,
    pub vesting_start: i64,
    pub vesting_days: u16,
    pub vested_claimed: u64,
    pub closed: bool,
    /// Top ratio and multiplier the reserve was taken at (model only).
    pub sale_top_ratio: u16,
    pub sale_multiplier: u32,
}

impl Cover {
    pub fn unfilled(&self) -> u64 {
        self.order_qty - self.filled_qty - self.cancelled_qty
    }
}

#[derive(Clone, Debug)]
pub struct MarketExposure {
    pub side: Side,
    pub ongoing: u32,
}

#[derive(Clone, Debug)]
pub struct Miner {
    pub staked: u64,
    pub debt: u128,
    pub pending: u64,
    pub claimed: u64,
    pub last_staked_at: i64,
}

#[derive(Clone, Debug)]
pub struct Mining {
    pub params: MiningParams,
    pub acc: u128,
    pub last_update: i64,
    pub total_staked: u64,
    pub funded: u64,
    pub emitted: u64,
    pub claimed: u64,
    pub miners: u64,
    pub miner_accounts: BTreeMap<u32, Miner>,
    pub reward_vault: u64,
    pub stake_vault: u64,
}

/// What an operation touched, so the driver compares just those accounts after it.
#[derive(Clone, Debug, Default)]
pub struct Touched {
    pub users: BTreeSet<u32>,
    pub policies: BTreeSet<(u32, u64)>,
    pub positions: BTreeSet<(u32, u64)>,
    pub markets: BTreeSet<u16>,
    pub covers: BTreeSet<(u32, u64)>,
    pub market_exposures: BTreeSet<(u32, u16)>,
    pub miners: BTreeSet<u32>,
    pub mining: bool,
}

#[derive(Clone, Debug)]
pub struct Model {
    pub now: i64,
    pub premium_decimals: u8,
    pub config: PoolConfig,
    pub levels: Vec<Level>,
    pub paused: bool,
    pub admin: Pubkey,
    pub pending_admin: Option<Pubkey>,
    /// reporter, oracle authority, reviewer
    pub roles: [Pubkey; 3],
    pub liabilities: Liabilities,
    /// `(vault_balance, free_capital)` as last recorded by a solvency check.
    pub solvency: (u64, u64),
    pub totals: PoolTotals,
    pub vault: u64,
    pub users: Vec<User>,
    pub markets: Vec<Market>,
    pub policies: BTreeMap<(u32, u64), Policy>,
    pub positions: BTreeMap<(u32, u64), Position>,
    pub covers: BTreeMap<(u32, u64), Cover>,
    pub market_exposures: BTreeMap<(u32, u16), MarketExposure>,
    pub mining: Mining,
    /// Premium balance of the capital funder's account (deposits, donations, surplus).
    pub funder_balance: u64,
    /// Reward-token balance of each admin candidate's treasury account.
    pub treasuries: BTreeMap<Pubkey, u64>,
    /// Invariant violations the model found in its own rules' outcome (see `invariants`).
    pub findings: Vec<String>,
    pub touched: Touched,
}
