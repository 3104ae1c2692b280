/**
 * A synthetic event stream (normalised form, as `idl.ts` produces it) covering every event that
 * moves money or a liability, with each `books` snapshot written out by hand, and the books it
 * must leave behind. Addresses are readable placeholders: the replay treats them as opaque.
 */
import type { Plain } from "../src/idl";
import type { AuditEvent } from "../src/replay";

export interface StoryTx {
  signature: string;
  slot: number;
  events: AuditEvent[];
}

type Fields = Record<string, Plain>;

export const P = "POOL";
export const OTHER_POOL = "OTHERPOOL";

function books(vault: number, owed: Partial<Record<"commission_owed" | "refunds_owed" | "vesting_owed" | "claims_under_review" | "covers_reserved", number>> = {}): Fields {
  return {
    vault_balance: BigInt(vault),
    liabilities: {
      commission_owed: BigInt(owed.commission_owed ?? 0),
      refunds_owed: BigInt(owed.refunds_owed ?? 0),
      vesting_owed: BigInt(owed.vesting_owed ?? 0),
      claims_under_review: BigInt(owed.claims_under_review ?? 0),
      covers_reserved: BigInt(owed.covers_reserved ?? 0),
    },
  };
}

const n = (value: number) => BigInt(value);

function accumulator(fields: Partial<Record<"acc_reward_per_share" | "last_update" | "total_staked" | "funded" | "emitted", number>>): Fields {
  return {
    acc_reward_per_share: n(fields.acc_reward_per_share ?? 0),
    last_update: n(fields.last_update ?? 0),
    total_staked: n(fields.total_staked ?? 0),
    funded: n(fields.funded ?? 0),
    emitted: n(fields.emitted ?? 0),
  };
}

/** A LiquidationCover account / final state with the fields the auditor compares. */
export function coverState(fields: Fields): Fields {
  return {
    pool: P,
    status: "Completed",
    outcome: "Paid",
    fill_state: "Filled",
    order_qty: 0n,
    filled_qty: 0n,
    cancelled_qty: 0n,
    insured_bought: 0n,
    insured: 0n,
    reserve_bought: 0n,
    reserved: 0n,
    refund_owed: 0n,
    compensation: 0n,
    vested_claimed: 0n,
    margin: 0n,
    ...fields,
  };
}

/** The story's transactions, one event each, signatures `tx1`, `tx2`, … */
export function story(pool = P): StoryTx[] {
  const list: [string, Fields][] = [
    ["PoolInitialized", { pool, premium_mint: "MINT", vault: "VAULT", credit_mint: "CREDITS", token_program: "TOKEN", vault_balance: n(100) }],
    ["MarketAdded", { pool, market: "MARKET", market_id: n(1) }],
    ["UserRegistered", { pool, owner: "R", user: "USER_R", referral_node: "NODE_R", referrer: null, depth: n(0) }],
    ["UserRegistered", { pool, owner: "A", user: "USER_A", referral_node: "NODE_A", referrer: "R", depth: n(1) }],
    ["UserRegistered", { pool, owner: "B", user: "USER_B", referral_node: "NODE_B", referrer: null, depth: n(0) }],
    ["LevelAssigned", { pool, referral_node: "NODE_R", owner: "R", old_assigned_level: n(0), new_assigned_level: n(1), effective_level: n(1) }],
    // A buys: premium 50, R earns 7 commission.
    [
      "PolicyPurchased",
      {
        pool,
        policy: "POLICY_A",
        owner: "A",
        index: n(0),
        tier: n(1),
        terms: { premium: n(50), trigger: n(500), payout: n(25), payout_credits: n(25) },
        commissions: [{ referral_node: "NODE_R", owner: "R", level: n(1), rate_bps: n(1400), amount: n(7), team_volume_after: n(50), level_after: n(1) }],
        cut_at: null,
        total_commission: n(7),
        books: books(150, { commission_owed: 7 }),
      },
    ],
    ["CapitalDeposited", { pool, depositor: "ADMIN", source: "SRC", amount: n(1000), total_deposited: n(1000), books: books(1150, { commission_owed: 7 }) }],
    // B's cover K1: 4 ordered, 40 insured, 68 reserved.
    [
      "LiquidationCoverBought",
      {
        pool,
        cover: "K1",
        owner: "B",
        market: "MARKET",
        index: n(0),
        order_id: n(1),
        side: "Long",
        order_qty: n(4),
        margin: n(100),
        insured: n(40),
        reserved: n(68),
        day: n(1),
        day_total: n(40),
        cumulative: n(40),
        books: books(1190, { commission_owed: 7, covers_reserved: 68 }),
      },
    ],
    ["OrderFilled", { pool, cover: "K1", owner: "B", position: "POS_B", fill_qty: n(2), filled_qty: n(2), order_qty: n(4), fill_state: "PartiallyFilled" }],
    // 1 cancelled, refund 10 paid at once; 17 of the reserve released.
    [
      "OrderCancelled",
      {
        pool,
        cover: "K1",
        owner: "B",
        cancelled_qty: n(1),
        total_cancelled: n(1),
        order_qty: n(4),
        refund: n(10),
        refund_paid: true,
        reserve_released: n(17),
        insured_remaining: n(30),
        reserved_remaining: n(51),
        margin_remaining: n(75),
        status: "Ongoing",
        outcome: "Open",
        books: books(1180, { commission_owed: 7, covers_reserved: 51 }),
      },
    ],
    // 1 more cancelled without the trader's account: the refund is owed.
    [
      "OrderCancelled",
      {
        pool,
        cover: "K1",
        owner: "B",
        cancelled_qty: n(1),
        total_cancelled: n(2),
        order_qty: n(4),
        refund: n(10),
        refund_paid: false,
        reserve_released: n(17),
        insured_remaining: n(20),
        reserved_remaining: n(34),
        margin_remaining: n(50),
        status: "Ongoing",
        outcome: "Open",
        books: books(1180, { commission_owed: 7, refunds_owed: 10, covers_reserved: 34 }),
      },
    ],
    ["RefundClaimed", { pool, cover: "K1", owner: "B", destination: "B_TOKEN", amount: n(10), books: books(1170, { commission_owed: 7, covers_reserved: 34 }) }],
    [
      "LiquidationReported",
      {
        pool,
        cover: "K1",
        owner: "B",
        liquidated_qty: n(2),
        open_qty: n(2),
        loss: n(60),
        margin: n(50),
        insured: n(20),
        review_deadline: n(99),
        claim_cap: n(30),
        reserve_released: n(4),
        books: books(1170, { commission_owed: 7, claims_under_review: 30 }),
      },
    ],
    [
      "ClaimDecided",
      {
        pool,
        cover: "K1",
        owner: "B",
        decided_by: "REVIEWER",
        approved: true,
        by_timeout: false,
        used_after: n(20),
        ratio_bps: n(8500),
        compensation: n(24),
        vesting_start: n(1000),
        vesting_days: n(2),
        claim_cap_released: n(30),
        books: books(1170, { commission_owed: 7, vesting_owed: 24 }),
      },
    ],
    [
      "VestedClaimed",
      { pool, cover: "K1", owner: "B", destination: "B_TOKEN", amount: n(12), tranches_vested: n(1), vesting_days: n(2), claimed_total: n(12), compensation: n(24), books: books(1158, { commission_owed: 7, vesting_owed: 12 }) },
    ],
    [
      "VestedClaimed",
      { pool, cover: "K1", owner: "B", destination: "B_TOKEN", amount: n(12), tranches_vested: n(2), vesting_days: n(2), claimed_total: n(24), compensation: n(24), books: books(1146, { commission_owed: 7 }) },
    ],
    [
      "LiquidationCoverClosed",
      {
        cover: "K1",
        rent_recipient: "B",
        lamports: n(1),
        final_state: coverState({
          pool,
          order_qty: n(4),
          filled_qty: n(2),
          cancelled_qty: n(2),
          insured_bought: n(40),
          insured: n(20),
          reserve_bought: n(68),
          compensation: n(24),
          vested_claimed: n(24),
          margin: n(50),
        }),
      },
    ],
    // K2: bought and closed without liquidation.
    [
      "LiquidationCoverBought",
      {
        pool,
        cover: "K2",
        owner: "B",
        market: "MARKET",
        index: n(1),
        order_id: n(2),
        side: "Long",
        order_qty: n(1),
        margin: n(20),
        insured: n(10),
        reserved: n(17),
        day: n(1),
        day_total: n(50),
        cumulative: n(50),
        books: books(1156, { commission_owed: 7, covers_reserved: 17 }),
      },
    ],
    ["OrderFilled", { pool, cover: "K2", owner: "B", position: "POS_B", fill_qty: n(1), filled_qty: n(1), order_qty: n(1), fill_state: "Filled" }],
    ["CoverClosed", { pool, cover: "K2", owner: "B", insured: n(10), reserve_released: n(17), books: books(1156, { commission_owed: 7 }) }],
    // K3: A's cover, liquidated and rejected.
    [
      "LiquidationCoverBought",
      {
        pool,
        cover: "K3",
        owner: "A",
        market: "MARKET",
        index: n(0),
        order_id: n(3),
        side: "Long",
        order_qty: n(1),
        margin: n(10),
        insured: n(5),
        reserved: n(9),
        day: n(1),
        day_total: n(5),
        cumulative: n(5),
        books: books(1161, { commission_owed: 7, covers_reserved: 9 }),
      },
    ],
    ["OrderFilled", { pool, cover: "K3", owner: "A", position: "POS_A", fill_qty: n(1), filled_qty: n(1), order_qty: n(1), fill_state: "Filled" }],
    [
      "LiquidationReported",
      {
        pool,
        cover: "K3",
        owner: "A",
        liquidated_qty: n(1),
        open_qty: n(1),
        loss: n(10),
        margin: n(10),
        insured: n(5),
        review_deadline: n(99),
        claim_cap: n(9),
        reserve_released: n(0),
        books: books(1161, { commission_owed: 7, claims_under_review: 9 }),
      },
    ],
    [
      "ClaimDecided",
      {
        pool,
        cover: "K3",
        owner: "A",
        decided_by: "REVIEWER",
        approved: false,
        by_timeout: false,
        used_after: n(0),
        ratio_bps: n(0),
        compensation: n(0),
        vesting_start: n(0),
        vesting_days: n(0),
        claim_cap_released: n(9),
        books: books(1161, { commission_owed: 7 }),
      },
    ],
    ["CommissionClaimed", { pool, referral_node: "NODE_R", owner: "R", destination: "R_TOKEN", amount: n(7), total_claimed: n(7), books: books(1154) }],
    ["SurplusWithdrawn", { pool, destination: "ADMIN_TOKEN", amount: n(100), books: books(1054) }],
    // A's policy: settled early (compensating), compensated with deferred credits, claimed.
    ["PositionOpened", { pool, owner: "A", position: "POS_A", open_positions: n(1) }],
    ["PolicySettled", { pool, policy: "POLICY_A", owner: "A", kind: "Early", status: "Compensating", outcome: "Open", loss: n(600) }],
    [
      "CompensationIssued",
      {
        pool,
        policy: "POLICY_A",
        owner: "A",
        credit_account: "A_CREDITS",
        loss: n(600),
        trigger: n(500),
        payout: n(25),
        credits: n(25),
        deferred: true,
        rebates: [{ referral_node: "NODE_R", owner: "R", level: n(1), rate_bps: n(500), rebate: n(1), bonus: n(1) }],
        cut_at: null,
        total_rebates: n(2),
      },
    ],
    ["CreditsClaimed", { pool, owner: "A", destination: "A_OTHER", credits: n(25) }],
    ["RebateClaimed", { pool, referral_node: "NODE_R", owner: "R", destination: "R_CREDITS", credits: n(2), total_claimed: n(2) }],
    ["PolicyClosed", { policy: "POLICY_A", rent_recipient: "A", lamports: n(1), final_state: { pool, owner: "A", status: "Completed", outcome: "Paid", credits_paid: n(25) } }],
    // B buys (no referrer) and the policy is voided.
    [
      "PolicyPurchased",
      {
        pool,
        policy: "POLICY_B",
        owner: "B",
        index: n(0),
        tier: n(1),
        terms: { premium: n(20) },
        commissions: [],
        cut_at: null,
        total_commission: n(0),
        books: books(1074),
      },
    ],
    ["PolicyVoided", { pool, policy: "POLICY_B", owner: "B", position: "POS_B", position_opened_at: n(1), start: n(2), premium: n(20), voided_at: n(3) }],
    ["LeadTraderSet", { pool, owner: "B", is_lead_trader: true }],
    ["PauseChanged", { pool, paused: true }],
    ["MarketExposureClosed", { exposure: "EXPOSURE_B", rent_recipient: "B", lamports: n(1), final_state: { pool, owner: "B", market: "MARKET", ongoing: n(0) } }],
    // Mining: funded 100, A stakes 10, claims 5, unstakes, the miner closes.
    ["MiningPoolInitialized", { pool, mining_pool: "MINING", stake_mint: "CREDITS", stake_vault: "STAKE_VAULT", reward_mint: "REWARD", reward_vault: "REWARD_VAULT", accumulator: accumulator({ last_update: 9 }) }],
    ["RewardsFunded", { mining_pool: "MINING", amount: n(100), settled_emission: n(0), accumulator: accumulator({ funded: 100, last_update: 10 }), reward_vault_balance: n(100) }],
    ["Staked", { mining_pool: "MINING", miner: "MINER_A", owner: "A", amount: n(10), staked: n(10), pending: n(0), accumulator: accumulator({ funded: 100, total_staked: 10, last_update: 11 }) }],
    [
      "RewardsClaimed",
      {
        mining_pool: "MINING",
        miner: "MINER_A",
        owner: "A",
        destination: "A_REWARD",
        amount: n(5),
        claimed_total: n(5),
        pool_claimed: n(5),
        accumulator: accumulator({ funded: 100, total_staked: 10, last_update: 12, emitted: 5, acc_reward_per_share: 500_000_000_000 }),
      },
    ],
    [
      "Unstaked",
      { mining_pool: "MINING", miner: "MINER_A", owner: "A", amount: n(10), staked: n(0), pending: n(0), accumulator: accumulator({ funded: 100, last_update: 13, emitted: 5, acc_reward_per_share: 500_000_000_000 }) },
    ],
    ["MinerClosed", { mining_pool: "MINING", miner: "MINER_A", rent_recipient: "A", lamports: n(1), final_state: { staked: n(0), pending: n(0), claimed: n(5) }, accumulator: accumulator({ funded: 100, last_update: 14, emitted: 5, acc_reward_per_share: 500_000_000_000 }) }],
  ];
  // Another pool's story gets its own addresses (every all-caps placeholder), so the two never mix.
  const rename = (value: Plain): Plain => {
    if (pool === P) return value;
    if (typeof value === "string") return /^[A-Z0-9_]+$/.test(value) && value !== pool ? `${pool}-${value}` : value;
    if (Array.isArray(value)) return value.map(rename);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rename(v)]));
    return value;
  };
  return list.map(([name, raw], i) => ({ name, data: rename(raw) as Fields, i })).map(({ name, data, i }) => ({
    signature: `${pool === P ? "" : `${pool}-`}tx${i + 1}`,
    slot: 100 + i,
    events: [{ name, data, signature: `${pool === P ? "" : `${pool}-`}tx${i + 1}`, slot: 100 + i, index: 0 }],
  }));
}

/** What the story leaves: every total, every liability (all zero), the vault. */
export const STORY_TOTALS = {
  users_registered: 3n,
  markets: 1n,
  policies_sold: 2n,
  premiums_collected: 70n,
  commission_accrued: 7n,
  commission_claimed: 7n,
  capital_deposited: 1000n,
  surplus_withdrawn: 100n,
  policies_settled: 1n,
  policies_voided: 1n,
  policies_compensated: 1n,
  compensation_credits: 25n,
  credits_deferred: 25n,
  credits_claimed: 25n,
  rebates_accrued: 2n,
  rebates_claimed: 2n,
  liquidation_covers_sold: 3n,
  liquidation_insured_collected: 55n,
  liquidation_refunds_paid: 20n,
  liquidation_claims_approved: 1n,
  liquidation_claims_rejected: 1n,
  liquidation_compensation_approved: 24n,
  liquidation_vested_paid: 24n,
};

export const STORY_VAULT = 1074n;
