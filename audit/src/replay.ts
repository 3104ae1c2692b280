/**
 * The replay rules: a pure function from the program's event stream to the books it implies.
 *
 * Every rule below names the event, the fields it reads and the numbers it moves; the handlers
 * they mirror are under `programs/contract-insurance/src/instructions/`. Nothing here touches the
 * network, so the same rules run on a live history (`main.ts`) and on synthetic streams (tests).
 *
 * What the replay keeps (all amounts in base units, `bigint`):
 * - per pool: every `PoolTotals` field, every `Liabilities` line, the vault balance the money
 *   events imply, the solvency the program records, and for each field the last event that moved it;
 * - per referral node: commission earned / claimed, rebates earned / claimed, team volume, levels;
 * - per user: credits owed (deferred compensation), premiums paid, compensation credits, counters,
 *   liquidation quota use, active policy, open positions;
 * - per liquidation cover: status, insured, reserve held, refund owed, compensation and what of it
 *   was claimed (vesting owed = compensation − claimed);
 * - per policy: status, outcome, credits paid;
 * - per mining pool and miner: stake and reward vaults, claimed rewards, the accumulator.
 *
 * Checks made while replaying (each failure is an `Issue` naming the event):
 * - every event that carries `books` (the vault balance and every liability after the
 *   instruction) is compared with the replayed books at that point; the first divergence per
 *   pool is kept with its event. A vault *above* the replayed balance is not a divergence: anyone
 *   can send tokens to the vault, and the program counts them from its next instruction on (they
 *   are recorded as an external inflow); a vault *below* it is;
 * - running totals an event carries (`total_claimed`, `total_deposited`, `claimed_total`,
 *   `pool_claimed`, …) against the replayed ones; claims of "everything owed" against what the
 *   replay says was owed;
 * - the final state a closing event carries (`LiquidationCoverClosed`, `PolicyClosed`,
 *   `MinerClosed`) against the replayed account.
 *
 * Every account field the comparison reads is rebuildable from events: `OrderCancelled` carries
 * the margin left after a partial cancellation, and every instruction that moves the mining
 * accumulator (including `initialize_mining_pool` and `close_miner`) carries it.
 */
import type { Plain } from "./idl";

// ---------------------------------------------------------------------------------------------
// Event stream and state types
// ---------------------------------------------------------------------------------------------

/** One decoded event with where it came from. `data` fields are the IDL's (snake_case). */
export interface AuditEvent {
  name: string;
  data: Record<string, Plain>;
  signature: string;
  slot: number;
  /** Position of the event within its transaction. */
  index: number;
}

/** Where a number came from: the event (and transaction) that last moved it. */
export interface Ref {
  signature: string;
  slot: number;
  event: string;
  index: number;
}

export const TOTALS_FIELDS = [
  "users_registered",
  "markets",
  "policies_sold",
  "premiums_collected",
  "commission_accrued",
  "commission_claimed",
  "capital_deposited",
  "surplus_withdrawn",
  "policies_settled",
  "policies_voided",
  "policies_compensated",
  "compensation_credits",
  "credits_deferred",
  "credits_claimed",
  "rebates_accrued",
  "rebates_claimed",
  "liquidation_covers_sold",
  "liquidation_insured_collected",
  "liquidation_refunds_paid",
  "liquidation_claims_approved",
  "liquidation_claims_rejected",
  "liquidation_compensation_approved",
  "liquidation_vested_paid",
] as const;
export type TotalsField = (typeof TOTALS_FIELDS)[number];

export const LIABILITY_FIELDS = [
  "commission_owed",
  "refunds_owed",
  "vesting_owed",
  "claims_under_review",
  "covers_reserved",
] as const;
export type LiabilityField = (typeof LIABILITY_FIELDS)[number];

export type Totals = Record<TotalsField, bigint>;
export type Liabilities = Record<LiabilityField, bigint>;

export interface PoolBooks {
  pool: string;
  premium_mint: string;
  vault: string;
  credit_mint: string;
  token_program: string;
  mining_pool: string | null;
  created: Ref;
  totals: Totals;
  liabilities: Liabilities;
  /** The vault balance the money events imply (plus external inflows seen in snapshots). */
  vault_balance: bigint;
  /** `Pool.solvency.vault_balance` as the program last recorded it (same as above when clean). */
  recorded_vault_balance: bigint;
  /** Tokens that reached the vault outside the program, seen in a later `books` snapshot. */
  external_inflow: bigint;
  /** Field (`totals.x`, `liabilities.x`, `vault_balance`) → the last event that moved it. */
  last_change: Record<string, Ref>;
  snapshots_checked: number;
  /** Books snapshots that disagreed with the replay (the first one is an issue). */
  divergences: number;
  events: number;
}

export interface NodeBooks {
  address: string;
  pool: string;
  owner: string;
  parent: string | null;
  direct_referrals: bigint;
  team_volume: bigint;
  assigned_level: bigint;
  level: bigint;
  commission_earned: bigint;
  commission_claimed: bigint;
  rebate_earned: bigint;
  rebate_claimed: bigint;
  last: Ref;
}

export interface UserBooks {
  address: string;
  pool: string;
  owner: string;
  referral_node: string;
  credits_owed: bigint;
  total_premium_paid: bigint;
  total_compensation_credits: bigint;
  policy_count: bigint;
  liquidation_cover_count: bigint;
  liquidation_cumulative: bigint;
  liquidation_used: bigint;
  is_lead_trader: boolean;
  active_policy: string | null;
  /** Its index (later program versions store the index instead of the address). */
  active_policy_index: bigint | null;
  open_positions: bigint;
  last: Ref;
}

export interface CoverBooks {
  address: string;
  pool: string;
  owner: string;
  market: string;
  status: string;
  outcome: string;
  fill_state: string;
  order_qty: bigint;
  filled_qty: bigint;
  cancelled_qty: bigint;
  insured_bought: bigint;
  insured: bigint;
  reserve_bought: bigint;
  /** Reserve held: in `covers_reserved` while Ongoing, in `claims_under_review` under review. */
  reserved: bigint;
  refund_owed: bigint;
  compensation: bigint;
  vested_claimed: bigint;
  margin: bigint;
  closed: Ref | null;
  last: Ref;
}

export interface PolicyBooks {
  address: string;
  pool: string;
  owner: string;
  premium: bigint;
  status: string;
  outcome: string;
  credits_paid: bigint;
  closed: Ref | null;
  last: Ref;
}

export interface Accumulator {
  acc_reward_per_share: bigint;
  last_update: bigint;
  total_staked: bigint;
  funded: bigint;
  emitted: bigint;
}

export interface MiningBooks {
  address: string;
  pool: string;
  stake_vault: string;
  reward_vault: string;
  reward_mint: string;
  claimed: bigint;
  miners: bigint;
  stake_vault_balance: bigint;
  reward_vault_balance: bigint;
  /** The accumulator as the last event carrying it left it; null before any. */
  accumulator: Accumulator | null;
  last: Ref;
}

export interface MinerBooks {
  address: string;
  mining_pool: string;
  owner: string;
  staked: bigint;
  pending: bigint;
  claimed: bigint;
  closed: Ref | null;
  last: Ref;
}

export type IssueKind = "snapshot" | "event" | "account" | "invariant" | "history";

/** A mismatch: `expected` is what the replay says, `actual` what the chain (event or account) says. */
export interface Issue {
  kind: IssueKind;
  pool: string | null;
  entity: string;
  field: string;
  expected: string;
  actual: string;
  /** The event where it showed (snapshot, event) or the last event that moved the field (account). */
  cause: Ref | null;
  note?: string;
}

export interface ReplayState {
  version: 1;
  program: string;
  /** Only these pools (all when null). */
  filter: string[] | null;
  pools: Record<string, PoolBooks>;
  nodes: Record<string, NodeBooks>;
  users: Record<string, UserBooks>;
  covers: Record<string, CoverBooks>;
  policies: Record<string, PolicyBooks>;
  mining: Record<string, MiningBooks>;
  miners: Record<string, MinerBooks>;
  /** `${pool}:${owner}` → user / referral node address. */
  user_of: Record<string, string>;
  node_of: Record<string, string>;
  /** Issues found while replaying (the account comparison adds its own). */
  issues: Issue[];
  /** External vault inflows seen (not mismatches). */
  notes: string[];
  transactions: number;
  events: number;
  /** Events the replay has no rule for because they move nothing it keeps (counted by name). */
  passive_events: Record<string, number>;
  first_signature: string | null;
  last_signature: string | null;
  last_slot: number;
}

export function emptyState(program: string, filter: string[] | null = null): ReplayState {
  return {
    version: 1,
    program,
    filter: filter ? [...filter].sort() : null,
    pools: {},
    nodes: {},
    users: {},
    covers: {},
    policies: {},
    mining: {},
    miners: {},
    user_of: {},
    node_of: {},
    issues: [],
    notes: [],
    transactions: 0,
    events: 0,
    passive_events: {},
    first_signature: null,
    last_signature: null,
    last_slot: 0,
  };
}

export function zeroTotals(): Totals {
  return Object.fromEntries(TOTALS_FIELDS.map((field) => [field, 0n])) as Totals;
}

export function zeroLiabilities(): Liabilities {
  return Object.fromEntries(LIABILITY_FIELDS.map((field) => [field, 0n])) as Liabilities;
}

export function liabilitiesTotal(liabilities: Liabilities): bigint {
  return LIABILITY_FIELDS.reduce((sum, field) => sum + liabilities[field], 0n);
}

/** `vault − Σ liabilities`, zero when short (`Pool::surplus`). */
export function freeCapital(vault: bigint, liabilities: Liabilities): bigint {
  const free = vault - liabilitiesTotal(liabilities);
  return free > 0n ? free : 0n;
}

// ---------------------------------------------------------------------------------------------
// Helpers for reading normalised event data
// ---------------------------------------------------------------------------------------------

type Data = Record<string, Plain>;

function big(data: Data, field: string): bigint {
  const value = data[field];
  if (typeof value !== "bigint") throw new Error(`event field ${field} is not an integer: ${String(value)}`);
  return value;
}

function key(data: Data, field: string): string {
  const value = data[field];
  if (typeof value !== "string") throw new Error(`event field ${field} is not a public key`);
  return value;
}

function optKey(data: Data, field: string): string | null {
  const value = data[field];
  return value === null ? null : (value as string);
}

function sub(data: Data, field: string): Data {
  return data[field] as Data;
}

function bool(data: Data, field: string): boolean {
  return data[field] === true;
}

function refOf(event: AuditEvent): Ref {
  return { signature: event.signature, slot: event.slot, event: event.name, index: event.index };
}

// ---------------------------------------------------------------------------------------------
// The replay
// ---------------------------------------------------------------------------------------------

/** Events that carry `books` (the vault balance and every liability after the instruction). */
export const BOOKS_EVENTS = new Set([
  "PolicyPurchased",
  "CommissionClaimed",
  "SurplusWithdrawn",
  "CapitalDeposited",
  "LiquidationCoverBought",
  "OrderCancelled",
  "CoverClosed",
  "LiquidationReported",
  "ClaimDecided",
  "VestedClaimed",
  "RefundClaimed",
]);

/** Events with a rule in `Replayer.apply` (34 of the IDL's 46). */
export const RULE_EVENTS = new Set([
  "PoolInitialized",
  "MarketAdded",
  "UserRegistered",
  "LevelAssigned",
  "LeadTraderSet",
  "PolicyPurchased",
  "CommissionClaimed",
  "PolicyVoided",
  "PolicySettled",
  "CompensationIssued",
  "CreditsClaimed",
  "RebateClaimed",
  "PolicyClosed",
  "PositionOpened",
  "PositionReduced",
  "CapitalDeposited",
  "SurplusWithdrawn",
  "LiquidationCoverBought",
  "OrderFilled",
  "OrderCancelled",
  "CoverClosed",
  "LiquidationReported",
  "ClaimDecided",
  "VestedClaimed",
  "RefundClaimed",
  "LiquidationCoverClosed",
  "MiningPoolInitialized",
  "MiningParamsUpdated",
  "RewardsFunded",
  "RewardsWithdrawn",
  "Staked",
  "Unstaked",
  "RewardsClaimed",
  "MinerClosed",
]);

/**
 * Events that move nothing the auditor keeps — configuration, roles, prices, a position's size
 * and P&L, a policy's valuations, and the closing of exposures (rent only): counted, otherwise
 * ignored. Every IDL event is in exactly one of the two sets (a unit test checks it).
 */
export const PASSIVE_EVENTS = new Set([
  "ConfigUpdated",
  "LevelsUpdated",
  "RolesUpdated",
  "AdminProposed",
  "AdminTransferred",
  "PauseChanged",
  "MarketUpdated",
  "MarkPriceRecorded",
  "PositionIncreased",
  "ExposuresValued",
  "PolicyExposureClosed",
  "MarketExposureClosed",
]);

/** Applies events, in chain order, to a state (mutated in place). */
export class Replayer {
  constructor(readonly state: ReplayState) {}

  /** Marks the start of a transaction (for counting and resume). */
  beginTransaction(signature: string, slot: number): void {
    const state = this.state;
    state.transactions += 1;
    state.first_signature ??= signature;
    state.last_signature = signature;
    state.last_slot = Math.max(state.last_slot, slot);
  }

  private issue(issue: Issue): void {
    this.state.issues.push(issue);
  }

  private selected(pool: string): boolean {
    return this.state.filter === null || this.state.filter.includes(pool);
  }

  /** The pool's books, or null when the pool is filtered out; an unknown pool is an issue. */
  private pool(address: string, event: AuditEvent): PoolBooks | null {
    if (!this.selected(address)) return null;
    const pool = this.state.pools[address];
    if (!pool) {
      this.issue({
        kind: "history",
        pool: address,
        entity: "pool",
        field: "PoolInitialized",
        expected: "pool initialised earlier in the history",
        actual: `${event.name} for a pool the history never initialised`,
        cause: refOf(event),
        note: "the RPC node's history may not reach back to the pool's creation",
      });
      return null;
    }
    pool.events += 1;
    return pool;
  }

  private bump(pool: PoolBooks, field: TotalsField, by: bigint, event: AuditEvent): void {
    pool.totals[field] += by;
    pool.last_change[`totals.${field}`] = refOf(event);
  }

  private owe(pool: PoolBooks, field: LiabilityField, by: bigint, event: AuditEvent): void {
    pool.liabilities[field] += by;
    pool.last_change[`liabilities.${field}`] = refOf(event);
    if (pool.liabilities[field] < 0n) {
      this.issue({
        kind: "event",
        pool: pool.pool,
        entity: "pool",
        field: `liabilities.${field}`,
        expected: ">= 0",
        actual: String(pool.liabilities[field]),
        cause: refOf(event),
        note: "a payment out of a line the replay says was not owed",
      });
    }
  }

  private moveVault(pool: PoolBooks, by: bigint, event: AuditEvent): void {
    pool.vault_balance += by;
    pool.last_change.vault_balance = refOf(event);
  }

  /** A payment of something owed: out of the vault, off the liability, onto the paid total. */
  private payOwed(pool: PoolBooks, owed: LiabilityField, paid: TotalsField, amount: bigint, event: AuditEvent): void {
    this.moveVault(pool, -amount, event);
    this.owe(pool, owed, -amount, event);
    this.bump(pool, paid, amount, event);
  }

  /** Checks an event's `books` against the replayed books (after the event's own rule). */
  private checkBooks(pool: PoolBooks, event: AuditEvent): void {
    const books = sub(event.data, "books");
    const liabilities = sub(books, "liabilities");
    pool.snapshots_checked += 1;
    const diverged: Issue[] = [];
    for (const field of LIABILITY_FIELDS) {
      const actual = big(liabilities, field);
      if (actual !== pool.liabilities[field]) {
        diverged.push({
          kind: "snapshot",
          pool: pool.pool,
          entity: "pool",
          field: `liabilities.${field}`,
          expected: String(pool.liabilities[field]),
          actual: String(actual),
          cause: refOf(event),
        });
      }
    }
    const vault = big(books, "vault_balance");
    if (vault > pool.vault_balance) {
      const inflow = vault - pool.vault_balance;
      pool.external_inflow += inflow;
      pool.vault_balance = vault;
      pool.last_change.vault_balance = refOf(event);
      this.state.notes.push(
        `pool ${pool.pool}: ${inflow} reached the vault outside the program before ${event.name} (${event.signature})`,
      );
    } else if (vault < pool.vault_balance) {
      diverged.push({
        kind: "snapshot",
        pool: pool.pool,
        entity: "pool",
        field: "vault_balance",
        expected: String(pool.vault_balance),
        actual: String(vault),
        cause: refOf(event),
        note: "the vault holds less than the money events imply",
      });
    }
    pool.recorded_vault_balance = vault;
    if (diverged.length > 0) {
      if (pool.divergences === 0) diverged.forEach((issue) => this.issue(issue));
      pool.divergences += 1;
    }
  }

  private node(address: string, event: AuditEvent): NodeBooks | null {
    const node = this.state.nodes[address];
    if (!node) this.unknown("referral node", address, event);
    return node ?? null;
  }

  private user(pool: string, owner: string, event: AuditEvent): UserBooks | null {
    const address = this.state.user_of[`${pool}:${owner}`];
    const user = address ? this.state.users[address] : undefined;
    if (!user) this.unknown("user", `${owner} (owner)`, event);
    return user ?? null;
  }

  private cover(address: string, event: AuditEvent): CoverBooks | null {
    const cover = this.state.covers[address];
    if (!cover) this.unknown("liquidation cover", address, event);
    return cover ?? null;
  }

  private policy(address: string, event: AuditEvent): PolicyBooks | null {
    const policy = this.state.policies[address];
    if (!policy) this.unknown("policy", address, event);
    return policy ?? null;
  }

  private unknown(kind: string, address: string, event: AuditEvent): void {
    this.issue({
      kind: "history",
      pool: typeof event.data.pool === "string" ? event.data.pool : null,
      entity: `${kind} ${address}`,
      field: "created",
      expected: `the ${kind} created earlier in the history`,
      actual: `${event.name} for an unknown ${kind}`,
      cause: refOf(event),
    });
  }

  /** An amount an event carries that the replay can predict. */
  private expect(
    pool: string | null,
    entity: string,
    field: string,
    expected: bigint | string | boolean | null,
    actual: bigint | string | boolean | null,
    event: AuditEvent,
  ): void {
    if (expected === actual) return;
    this.issue({
      kind: "event",
      pool,
      entity,
      field,
      expected: String(expected),
      actual: String(actual),
      cause: refOf(event),
    });
  }

  /** Applies one event. */
  apply(event: AuditEvent): void {
    this.state.events += 1;
    const d = event.data;
    switch (event.name) {
      // --- pool ----------------------------------------------------------------------------

      // PoolInitialized: a pool with zero totals and liabilities; `vault_balance` (tokens already
      // in a pre-created vault) is the vault's starting balance, recorded as free capital.
      case "PoolInitialized": {
        const address = key(d, "pool");
        if (!this.selected(address)) return;
        if (this.state.pools[address]) {
          this.expect(address, "pool", "PoolInitialized", "once", "twice", event);
          return;
        }
        const vault = big(d, "vault_balance");
        const ref = refOf(event);
        this.state.pools[address] = {
          pool: address,
          premium_mint: key(d, "premium_mint"),
          vault: key(d, "vault"),
          credit_mint: key(d, "credit_mint"),
          token_program: key(d, "token_program"),
          mining_pool: null,
          created: ref,
          totals: zeroTotals(),
          liabilities: zeroLiabilities(),
          vault_balance: vault,
          recorded_vault_balance: vault,
          external_inflow: 0n,
          last_change: { vault_balance: ref },
          snapshots_checked: 0,
          divergences: 0,
          events: 1,
        };
        return;
      }

      // MarketAdded: totals.markets + 1.
      case "MarketAdded": {
        const pool = this.pool(key(d, "pool"), event);
        if (pool) this.bump(pool, "markets", 1n, event);
        return;
      }

      // --- referral ------------------------------------------------------------------------

      // UserRegistered: totals.users_registered + 1; a user and a referral node with zero
      // balances; the referrer's node (found by `referrer`) gains a direct referral.
      case "UserRegistered": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        this.bump(pool, "users_registered", 1n, event);
        const owner = key(d, "owner");
        const ref = refOf(event);
        const referrer = optKey(d, "referrer");
        const parent = referrer ? (this.state.node_of[`${poolKey}:${referrer}`] ?? null) : null;
        if (referrer && !parent) this.unknown("referral node", `${referrer} (owner)`, event);
        if (parent && this.state.nodes[parent]) {
          this.state.nodes[parent].direct_referrals += 1n;
          this.state.nodes[parent].last = ref;
        }
        const nodeAddress = key(d, "referral_node");
        const userAddress = key(d, "user");
        this.state.nodes[nodeAddress] = {
          address: nodeAddress,
          pool: poolKey,
          owner,
          parent,
          direct_referrals: 0n,
          team_volume: 0n,
          assigned_level: 0n,
          level: 0n,
          commission_earned: 0n,
          commission_claimed: 0n,
          rebate_earned: 0n,
          rebate_claimed: 0n,
          last: ref,
        };
        this.state.users[userAddress] = {
          address: userAddress,
          pool: poolKey,
          owner,
          referral_node: nodeAddress,
          credits_owed: 0n,
          total_premium_paid: 0n,
          total_compensation_credits: 0n,
          policy_count: 0n,
          liquidation_cover_count: 0n,
          liquidation_cumulative: 0n,
          liquidation_used: 0n,
          is_lead_trader: false,
          active_policy: null,
          active_policy_index: null,
          open_positions: 0n,
          last: ref,
        };
        this.state.user_of[`${poolKey}:${owner}`] = userAddress;
        this.state.node_of[`${poolKey}:${owner}`] = nodeAddress;
        return;
      }

      // LevelAssigned: node.assigned_level = new_assigned_level, node.level = effective_level.
      case "LevelAssigned": {
        if (!this.pool(key(d, "pool"), event)) return;
        const node = this.node(key(d, "referral_node"), event);
        if (!node) return;
        this.expect(node.pool, `node ${node.address}`, "assigned_level", node.assigned_level, big(d, "old_assigned_level"), event);
        node.assigned_level = big(d, "new_assigned_level");
        node.level = big(d, "effective_level");
        node.last = refOf(event);
        return;
      }

      // LeadTraderSet: user.is_lead_trader.
      case "LeadTraderSet": {
        const poolKey = key(d, "pool");
        if (!this.pool(poolKey, event)) return;
        const user = this.user(poolKey, key(d, "owner"), event);
        if (!user) return;
        user.is_lead_trader = bool(d, "is_lead_trader");
        user.last = refOf(event);
        return;
      }

      // --- loss cover ----------------------------------------------------------------------

      // PolicyPurchased: vault + terms.premium; totals.policies_sold + 1,
      // totals.premiums_collected + terms.premium, totals.commission_accrued + total_commission;
      // liabilities.commission_owed + total_commission; each commissions[i]: its node's
      // commission_earned + amount, team_volume = team_volume_after, level = level_after;
      // the buyer's user: policy_count + 1 (index must equal the old count), total_premium_paid
      // + premium, active_policy = policy. Books checked.
      case "PolicyPurchased": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const premium = big(sub(d, "terms"), "premium");
        const total = big(d, "total_commission");
        const ref = refOf(event);
        this.moveVault(pool, premium, event);
        this.bump(pool, "policies_sold", 1n, event);
        this.bump(pool, "premiums_collected", premium, event);
        this.bump(pool, "commission_accrued", total, event);
        this.owe(pool, "commission_owed", total, event);
        let sum = 0n;
        for (const share of d.commissions as Data[]) {
          const amount = big(share, "amount");
          sum += amount;
          const node = this.node(key(share, "referral_node"), event);
          if (!node) continue;
          node.commission_earned += amount;
          node.team_volume = big(share, "team_volume_after");
          node.level = big(share, "level_after");
          node.last = ref;
        }
        this.expect(poolKey, `policy ${key(d, "policy")}`, "total_commission", sum, total, event);
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          this.expect(poolKey, `user ${user.address}`, "policy_count", user.policy_count, big(d, "index"), event);
          user.policy_count += 1n;
          user.total_premium_paid += premium;
          user.active_policy = key(d, "policy");
          user.active_policy_index = big(d, "index");
          user.last = ref;
        }
        this.state.policies[key(d, "policy")] = {
          address: key(d, "policy"),
          pool: poolKey,
          owner: key(d, "owner"),
          premium,
          status: "Active",
          outcome: "Open",
          credits_paid: 0n,
          closed: null,
          last: ref,
        };
        this.checkBooks(pool, event);
        return;
      }

      // CommissionClaimed: vault − amount; totals.commission_claimed + amount;
      // liabilities.commission_owed − amount; the node's commission_claimed + amount (the claim
      // pays everything owed, and total_claimed is the node's new total). Books checked.
      case "CommissionClaimed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const amount = big(d, "amount");
        this.payOwed(pool, "commission_owed", "commission_claimed", amount, event);
        const node = this.node(key(d, "referral_node"), event);
        if (node) {
          const entity = `node ${node.address}`;
          this.expect(poolKey, entity, "commission owed (claimed in full)", node.commission_earned - node.commission_claimed, amount, event);
          node.commission_claimed += amount;
          this.expect(poolKey, entity, "commission_claimed", node.commission_claimed, big(d, "total_claimed"), event);
          node.last = refOf(event);
        }
        this.checkBooks(pool, event);
        return;
      }

      // PolicyVoided: totals.policies_voided + 1; policy Completed / Void; the owner's
      // active_policy cleared. The premium stays in the vault (not refunded).
      case "PolicyVoided": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        this.bump(pool, "policies_voided", 1n, event);
        const policy = this.policy(key(d, "policy"), event);
        if (policy) {
          Object.assign(policy, { status: "Completed", outcome: "Void", last: refOf(event) });
        }
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          user.active_policy = null;
          user.active_policy_index = null;
          user.last = refOf(event);
        }
        return;
      }

      // PolicySettled (at expiry or early): totals.policies_settled + 1; policy status /
      // outcome from the event; a policy that completes without payout clears the owner's
      // active_policy (a Compensating one keeps it until compensation).
      case "PolicySettled": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        this.bump(pool, "policies_settled", 1n, event);
        const status = d.status as string;
        const policy = this.policy(key(d, "policy"), event);
        if (policy) Object.assign(policy, { status, outcome: d.outcome as string, last: refOf(event) });
        if (status === "Completed") {
          const user = this.user(poolKey, key(d, "owner"), event);
          if (user) {
            user.active_policy = null;
            user.active_policy_index = null;
            user.last = refOf(event);
          }
        }
        return;
      }

      // CompensationIssued: totals.policies_compensated + 1, compensation_credits + credits,
      // credits_deferred + credits when deferred, rebates_accrued + total_rebates; each
      // rebates[i]: its node's rebate_earned + rebate + bonus; the owner's user:
      // total_compensation_credits + credits, credits_owed + credits when deferred,
      // active_policy cleared; policy Completed / Paid with credits_paid = credits. Credits are
      // minted, so the vault and the liabilities do not move.
      case "CompensationIssued": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const credits = big(d, "credits");
        const deferred = bool(d, "deferred");
        const totalRebates = big(d, "total_rebates");
        const ref = refOf(event);
        this.bump(pool, "policies_compensated", 1n, event);
        this.bump(pool, "compensation_credits", credits, event);
        if (deferred) this.bump(pool, "credits_deferred", credits, event);
        this.bump(pool, "rebates_accrued", totalRebates, event);
        let sum = 0n;
        for (const share of d.rebates as Data[]) {
          const earned = big(share, "rebate") + big(share, "bonus");
          sum += earned;
          const node = this.node(key(share, "referral_node"), event);
          if (!node) continue;
          node.rebate_earned += earned;
          node.last = ref;
        }
        this.expect(poolKey, `policy ${key(d, "policy")}`, "total_rebates", sum, totalRebates, event);
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          user.total_compensation_credits += credits;
          if (deferred) user.credits_owed += credits;
          user.active_policy = null;
          user.active_policy_index = null;
          user.last = ref;
        }
        const policy = this.policy(key(d, "policy"), event);
        if (policy) {
          this.expect(poolKey, `policy ${policy.address}`, "status", "Compensating", policy.status, event);
          Object.assign(policy, { status: "Completed", outcome: "Paid", credits_paid: credits, last: ref });
        }
        return;
      }

      // CreditsClaimed: totals.credits_claimed + credits; the owner's credits_owed − credits
      // (the claim mints everything owed).
      case "CreditsClaimed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const credits = big(d, "credits");
        this.bump(pool, "credits_claimed", credits, event);
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          this.expect(poolKey, `user ${user.address}`, "credits_owed (claimed in full)", user.credits_owed, credits, event);
          user.credits_owed -= credits;
          user.last = refOf(event);
        }
        return;
      }

      // RebateClaimed: totals.rebates_claimed + credits; the node's rebate_claimed + credits
      // (everything owed; total_claimed is the new total). Credits are minted: no vault move.
      case "RebateClaimed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const credits = big(d, "credits");
        this.bump(pool, "rebates_claimed", credits, event);
        const node = this.node(key(d, "referral_node"), event);
        if (node) {
          const entity = `node ${node.address}`;
          this.expect(poolKey, entity, "rebate owed (claimed in full)", node.rebate_earned - node.rebate_claimed, credits, event);
          node.rebate_claimed += credits;
          this.expect(poolKey, entity, "rebate_claimed", node.rebate_claimed, big(d, "total_claimed"), event);
          node.last = refOf(event);
        }
        return;
      }

      // PolicyClosed: the final state must match the replayed policy; the policy is gone.
      case "PolicyClosed": {
        const finalState = sub(d, "final_state");
        const poolKey = key(finalState, "pool");
        if (!this.pool(poolKey, event)) return;
        const policy = this.policy(key(d, "policy"), event);
        if (!policy) return;
        const entity = `policy ${policy.address}`;
        this.expect(poolKey, entity, "status", policy.status, finalState.status as string, event);
        this.expect(poolKey, entity, "outcome", policy.outcome, finalState.outcome as string, event);
        // Later program versions derive credits_paid (outcome Paid → the payout's credits) instead of storing it.
        if ("credits_paid" in finalState) this.expect(poolKey, entity, "credits_paid", policy.credits_paid, big(finalState, "credits_paid"), event);
        policy.closed = refOf(event);
        policy.last = refOf(event);
        return;
      }

      // --- positions -------------------------------------------------------------------------

      // PositionOpened / PositionReduced: the owner's open_positions = the event's count.
      case "PositionOpened":
      case "PositionReduced": {
        const poolKey = key(d, "pool");
        if (!this.pool(poolKey, event)) return;
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          user.open_positions = big(d, "open_positions");
          user.last = refOf(event);
        }
        return;
      }

      // --- treasury --------------------------------------------------------------------------

      // CapitalDeposited: vault + amount; totals.capital_deposited + amount (= total_deposited).
      // Books checked.
      case "CapitalDeposited": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const amount = big(d, "amount");
        this.moveVault(pool, amount, event);
        this.bump(pool, "capital_deposited", amount, event);
        this.expect(poolKey, "pool", "totals.capital_deposited", pool.totals.capital_deposited, big(d, "total_deposited"), event);
        this.checkBooks(pool, event);
        return;
      }

      // SurplusWithdrawn: vault − amount; totals.surplus_withdrawn + amount. Books checked.
      case "SurplusWithdrawn": {
        const pool = this.pool(key(d, "pool"), event);
        if (!pool) return;
        const amount = big(d, "amount");
        this.moveVault(pool, -amount, event);
        this.bump(pool, "surplus_withdrawn", amount, event);
        this.checkBooks(pool, event);
        return;
      }

      // --- liquidation cover -----------------------------------------------------------------

      // LiquidationCoverBought: vault + insured; totals.liquidation_covers_sold + 1,
      // liquidation_insured_collected + insured; liabilities.covers_reserved + reserved; a cover
      // Ongoing holding `reserved`; the buyer's liquidation_cover_count + 1 (index = old count),
      // liquidation_cumulative = cumulative. Books checked.
      case "LiquidationCoverBought": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const insured = big(d, "insured");
        const reserved = big(d, "reserved");
        const ref = refOf(event);
        this.moveVault(pool, insured, event);
        this.bump(pool, "liquidation_covers_sold", 1n, event);
        this.bump(pool, "liquidation_insured_collected", insured, event);
        this.owe(pool, "covers_reserved", reserved, event);
        const address = key(d, "cover");
        this.state.covers[address] = {
          address,
          pool: poolKey,
          owner: key(d, "owner"),
          market: key(d, "market"),
          status: "Ongoing",
          outcome: "Open",
          fill_state: "Pending",
          order_qty: big(d, "order_qty"),
          filled_qty: 0n,
          cancelled_qty: 0n,
          insured_bought: insured,
          insured,
          reserve_bought: reserved,
          reserved,
          refund_owed: 0n,
          compensation: 0n,
          vested_claimed: 0n,
          margin: big(d, "margin"),
          closed: null,
          last: ref,
        };
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          this.expect(poolKey, `user ${user.address}`, "liquidation_cover_count", user.liquidation_cover_count, big(d, "index"), event);
          user.liquidation_cover_count += 1n;
          user.liquidation_cumulative = big(d, "cumulative");
          user.last = ref;
        }
        this.checkBooks(pool, event);
        return;
      }

      // OrderFilled: the cover's filled_qty = filled_qty, fill_state. No money moves.
      case "OrderFilled": {
        if (!this.pool(key(d, "pool"), event)) return;
        const cover = this.cover(key(d, "cover"), event);
        if (!cover) return;
        this.expect(cover.pool, `cover ${cover.address}`, "filled_qty", cover.filled_qty + big(d, "fill_qty"), big(d, "filled_qty"), event);
        cover.filled_qty = big(d, "filled_qty");
        cover.fill_state = d.fill_state as string;
        cover.last = refOf(event);
        return;
      }

      // OrderCancelled: liabilities.covers_reserved − reserve_released; refund_paid: vault −
      // refund and totals.liquidation_refunds_paid + refund; otherwise liabilities.refunds_owed +
      // refund and the cover's refund_owed + refund; the cover's insured = insured_remaining,
      // reserved = reserved_remaining (= reserved − reserve_released), cancelled_qty =
      // total_cancelled, status / outcome. Books checked.
      case "OrderCancelled": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const refund = big(d, "refund");
        const released = big(d, "reserve_released");
        const paid = bool(d, "refund_paid");
        this.owe(pool, "covers_reserved", -released, event);
        if (paid) {
          this.moveVault(pool, -refund, event);
          this.bump(pool, "liquidation_refunds_paid", refund, event);
        } else {
          this.owe(pool, "refunds_owed", refund, event);
        }
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          const entity = `cover ${cover.address}`;
          this.expect(poolKey, entity, "reserved_remaining", cover.reserved - released, big(d, "reserved_remaining"), event);
          this.expect(poolKey, entity, "insured_remaining", cover.insured - refund, big(d, "insured_remaining"), event);
          cover.reserved = big(d, "reserved_remaining");
          cover.insured = big(d, "insured_remaining");
          cover.cancelled_qty = big(d, "total_cancelled");
          if (!paid) cover.refund_owed += refund;
          cover.status = d.status as string;
          cover.outcome = d.outcome as string;
          if (cover.filled_qty + cover.cancelled_qty === cover.order_qty && cover.filled_qty > 0n) cover.fill_state = "Filled";
          cover.margin = big(d, "margin_remaining");
          cover.last = refOf(event);
        }
        this.checkBooks(pool, event);
        return;
      }

      // CoverClosed (close_order_cover): liabilities.covers_reserved − reserve_released (the
      // cover's whole reserve); the cover Completed / ClosedNoLiquidation. Books checked.
      case "CoverClosed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const released = big(d, "reserve_released");
        this.owe(pool, "covers_reserved", -released, event);
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          this.expect(poolKey, `cover ${cover.address}`, "reserve_released", cover.reserved, released, event);
          Object.assign(cover, { reserved: 0n, status: "Completed", outcome: "ClosedNoLiquidation", last: refOf(event) });
        }
        this.checkBooks(pool, event);
        return;
      }

      // LiquidationReported: the cover's reserve leaves covers_reserved (claim_cap +
      // reserve_released); claims_under_review + claim_cap; the cover UnderReview holding
      // claim_cap. Books checked.
      case "LiquidationReported": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const cap = big(d, "claim_cap");
        const released = big(d, "reserve_released");
        this.owe(pool, "covers_reserved", -(cap + released), event);
        this.owe(pool, "claims_under_review", cap, event);
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          this.expect(poolKey, `cover ${cover.address}`, "reserve (claim_cap + reserve_released)", cover.reserved, cap + released, event);
          Object.assign(cover, { reserved: cap, status: "UnderReview", margin: big(d, "margin"), last: refOf(event) });
        }
        this.checkBooks(pool, event);
        return;
      }

      // ClaimDecided (review or finalize): claims_under_review − claim_cap_released; approved:
      // vesting_owed + compensation, totals.liquidation_claims_approved + 1,
      // liquidation_compensation_approved + compensation, the cover Completed / Paid with
      // compensation; rejected: totals.liquidation_claims_rejected + 1, the cover Completed /
      // Rejected. The owner's liquidation_used = used_after. Books checked.
      case "ClaimDecided": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const capReleased = big(d, "claim_cap_released");
        const approved = bool(d, "approved");
        const compensation = big(d, "compensation");
        this.owe(pool, "claims_under_review", -capReleased, event);
        if (approved) {
          this.owe(pool, "vesting_owed", compensation, event);
          this.bump(pool, "liquidation_claims_approved", 1n, event);
          this.bump(pool, "liquidation_compensation_approved", compensation, event);
        } else {
          this.bump(pool, "liquidation_claims_rejected", 1n, event);
        }
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          const entity = `cover ${cover.address}`;
          this.expect(poolKey, entity, "claim_cap_released", cover.reserved, capReleased, event);
          if (approved && compensation > capReleased) {
            this.expect(poolKey, entity, "compensation (at most the claim's cap)", capReleased, compensation, event);
          }
          Object.assign(cover, {
            reserved: 0n,
            status: "Completed",
            outcome: approved ? "Paid" : "Rejected",
            compensation: approved ? compensation : 0n,
            last: refOf(event),
          });
        }
        const user = this.user(poolKey, key(d, "owner"), event);
        if (user) {
          user.liquidation_used = big(d, "used_after");
          user.last = refOf(event);
        }
        this.checkBooks(pool, event);
        return;
      }

      // VestedClaimed: vault − amount; liabilities.vesting_owed − amount;
      // totals.liquidation_vested_paid + amount; the cover's vested_claimed + amount
      // (= claimed_total, never above compensation). Books checked.
      case "VestedClaimed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const amount = big(d, "amount");
        this.payOwed(pool, "vesting_owed", "liquidation_vested_paid", amount, event);
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          const entity = `cover ${cover.address}`;
          cover.vested_claimed += amount;
          this.expect(poolKey, entity, "vested_claimed", cover.vested_claimed, big(d, "claimed_total"), event);
          this.expect(poolKey, entity, "compensation", cover.compensation, big(d, "compensation"), event);
          if (cover.vested_claimed > cover.compensation) {
            this.expect(poolKey, entity, "vested_claimed (at most the compensation)", cover.compensation, cover.vested_claimed, event);
          }
          cover.last = refOf(event);
        }
        this.checkBooks(pool, event);
        return;
      }

      // RefundClaimed: vault − amount; liabilities.refunds_owed − amount;
      // totals.liquidation_refunds_paid + amount; the cover's refund_owed − amount (all of it).
      // Books checked.
      case "RefundClaimed": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const amount = big(d, "amount");
        this.payOwed(pool, "refunds_owed", "liquidation_refunds_paid", amount, event);
        const cover = this.cover(key(d, "cover"), event);
        if (cover) {
          this.expect(poolKey, `cover ${cover.address}`, "refund_owed (claimed in full)", cover.refund_owed, amount, event);
          cover.refund_owed -= amount;
          cover.last = refOf(event);
        }
        this.checkBooks(pool, event);
        return;
      }

      // LiquidationCoverClosed: the final state must match the replayed cover (status, reserve,
      // refund owed, compensation and claimed); the cover is gone (its address is never reused).
      case "LiquidationCoverClosed": {
        const finalState = sub(d, "final_state");
        const poolKey = key(finalState, "pool");
        if (!this.pool(poolKey, event)) return;
        const cover = this.cover(key(d, "cover"), event);
        if (!cover) return;
        compareCover(cover, finalState, (field, expected, actual) =>
          this.expect(poolKey, `cover ${cover.address} (closing event)`, field, expected, actual, event),
        );
        cover.closed = refOf(event);
        cover.last = refOf(event);
        return;
      }

      // --- mining pool -----------------------------------------------------------------------

      // MiningPoolInitialized: a mining pool with empty vaults, no miners, nothing claimed;
      // accumulator = the event's.
      case "MiningPoolInitialized": {
        const poolKey = key(d, "pool");
        const pool = this.pool(poolKey, event);
        if (!pool) return;
        const address = key(d, "mining_pool");
        pool.mining_pool = address;
        this.state.mining[address] = {
          address,
          pool: poolKey,
          stake_vault: key(d, "stake_vault"),
          reward_vault: key(d, "reward_vault"),
          reward_mint: key(d, "reward_mint"),
          claimed: 0n,
          miners: 0n,
          stake_vault_balance: 0n,
          reward_vault_balance: 0n,
          accumulator: null,
          last: refOf(event),
        };
        this.setAccumulator(this.state.mining[address], d, event);
        return;
      }

      // MiningParamsUpdated: accumulator = the event's.
      case "MiningParamsUpdated": {
        const mining = this.mining(key(d, "mining_pool"), event);
        if (mining) this.setAccumulator(mining, d, event);
        return;
      }

      // RewardsFunded / RewardsWithdrawn: reward vault ± amount (= reward_vault_balance, which
      // may be higher when tokens were sent to it directly); accumulator = the event's.
      case "RewardsFunded":
      case "RewardsWithdrawn": {
        const mining = this.mining(key(d, "mining_pool"), event);
        if (!mining) return;
        const amount = big(d, "amount");
        const expected = mining.reward_vault_balance + (event.name === "RewardsFunded" ? amount : -amount);
        const actual = big(d, "reward_vault_balance");
        if (actual < expected) {
          this.expect(mining.pool, `mining pool ${mining.address}`, "reward_vault_balance", expected, actual, event);
        } else if (actual > expected) {
          this.state.notes.push(
            `mining pool ${mining.address}: ${actual - expected} reached the reward vault outside the program before ${event.name} (${event.signature})`,
          );
        }
        mining.reward_vault_balance = actual;
        this.setAccumulator(mining, d, event);
        return;
      }

      // Staked: stake vault + amount; a new (or closed) miner counts in miners; the miner's
      // staked / pending = the event's; accumulator = the event's.
      case "Staked":
      // Unstaked: stake vault − amount; the miner's staked / pending = the event's; accumulator.
      case "Unstaked": {
        const mining = this.mining(key(d, "mining_pool"), event);
        if (!mining) return;
        const amount = big(d, "amount");
        const address = key(d, "miner");
        const ref = refOf(event);
        let miner = this.state.miners[address];
        if (event.name === "Staked" && (!miner || miner.closed)) {
          miner = {
            address,
            mining_pool: mining.address,
            owner: key(d, "owner"),
            staked: 0n,
            pending: 0n,
            claimed: 0n,
            closed: null,
            last: ref,
          };
          this.state.miners[address] = miner;
          mining.miners += 1n;
        }
        if (!miner) {
          this.unknown("miner", address, event);
          return;
        }
        const delta = event.name === "Staked" ? amount : -amount;
        this.expect(mining.pool, `miner ${address}`, "staked", miner.staked + delta, big(d, "staked"), event);
        mining.stake_vault_balance += delta;
        miner.staked = big(d, "staked");
        miner.pending = big(d, "pending");
        miner.last = ref;
        this.setAccumulator(mining, d, event);
        return;
      }

      // RewardsClaimed: reward vault − amount; mining pool claimed = pool_claimed (old + amount);
      // the miner's claimed = claimed_total, pending = 0; accumulator = the event's.
      case "RewardsClaimed": {
        const mining = this.mining(key(d, "mining_pool"), event);
        if (!mining) return;
        const amount = big(d, "amount");
        mining.reward_vault_balance -= amount;
        mining.claimed += amount;
        this.expect(mining.pool, `mining pool ${mining.address}`, "claimed", mining.claimed, big(d, "pool_claimed"), event);
        const miner = this.state.miners[key(d, "miner")];
        if (!miner || miner.closed) {
          this.unknown("miner", key(d, "miner"), event);
        } else {
          miner.claimed += amount;
          this.expect(mining.pool, `miner ${miner.address}`, "claimed", miner.claimed, big(d, "claimed_total"), event);
          miner.pending = 0n;
          miner.last = refOf(event);
        }
        this.setAccumulator(mining, d, event);
        return;
      }

      // MinerClosed: miners − 1; the final state must match (no stake, nothing pending);
      // accumulator = the event's (the handler settled it before closing).
      case "MinerClosed": {
        const mining = this.mining(key(d, "mining_pool"), event);
        if (!mining) return;
        const miner = this.state.miners[key(d, "miner")];
        if (!miner || miner.closed) {
          this.unknown("miner", key(d, "miner"), event);
          return;
        }
        const finalState = sub(d, "final_state");
        const entity = `miner ${miner.address} (closing event)`;
        this.expect(mining.pool, entity, "staked", miner.staked, big(finalState, "staked"), event);
        this.expect(mining.pool, entity, "claimed", miner.claimed, big(finalState, "claimed"), event);
        this.expect(mining.pool, entity, "pending", 0n, big(finalState, "pending"), event);
        miner.pending = big(finalState, "pending");
        miner.closed = refOf(event);
        miner.last = refOf(event);
        mining.miners -= 1n;
        this.setAccumulator(mining, d, event);
        return;
      }

      default: {
        // Events that move nothing the auditor keeps are counted by name; an event the IDL
        // does not declare cannot be decoded in the first place.
        const finalState = d.final_state as Data | undefined;
        const poolKey = typeof d.pool === "string" ? d.pool : typeof finalState?.pool === "string" ? finalState.pool : null;
        if (poolKey !== null && !this.selected(poolKey)) return;
        this.state.passive_events[event.name] = (this.state.passive_events[event.name] ?? 0) + 1;
      }
    }
  }

  private mining(address: string, event: AuditEvent): MiningBooks | null {
    const mining = this.state.mining[address];
    if (!mining) {
      // A mining pool of a pool that is filtered out is skipped silently.
      if (this.state.filter !== null) return null;
      this.unknown("mining pool", address, event);
      return null;
    }
    if (!this.selected(mining.pool)) return null;
    mining.last = refOf(event);
    return mining;
  }

  private setAccumulator(mining: MiningBooks, d: Data, event: AuditEvent): void {
    const acc = sub(d, "accumulator");
    mining.accumulator = {
      acc_reward_per_share: big(acc, "acc_reward_per_share"),
      last_update: big(acc, "last_update"),
      total_staked: big(acc, "total_staked"),
      funded: big(acc, "funded"),
      emitted: big(acc, "emitted"),
    };
    this.expect(mining.pool, `mining pool ${mining.address}`, "accumulator.total_staked", mining.stake_vault_balance, mining.accumulator.total_staked, event);
    mining.last = refOf(event);
  }
}

/**
 * Compares a replayed cover with a `LiquidationCover` (an account or a closing event's final
 * state); `report(field, expected, actual)` is called for each difference.
 */
export function compareCover(
  cover: CoverBooks,
  account: Data,
  report: (field: string, expected: bigint | string | null, actual: bigint | string | null) => void,
): void {
  const fields: [keyof CoverBooks, string][] = [
    ["status", "status"],
    ["outcome", "outcome"],
    ["fill_state", "fill_state"],
    ["order_qty", "order_qty"],
    ["filled_qty", "filled_qty"],
    ["cancelled_qty", "cancelled_qty"],
    ["insured_bought", "insured_bought"],
    ["insured", "insured"],
    ["reserve_bought", "reserve_bought"],
    ["reserved", "reserved"],
    ["refund_owed", "refund_owed"],
    ["compensation", "compensation"],
    ["vested_claimed", "vested_claimed"],
  ];
  for (const [ours, theirs] of fields) {
    // Later program versions derive the fill state from the quantities instead of storing it.
    if (theirs === "fill_state" && !(theirs in account)) continue;
    const expected = cover[ours] as bigint | string;
    const actual = account[theirs] as bigint | string;
    if (expected !== actual) report(theirs, expected, actual);
  }
  if (cover.margin !== account.margin) report("margin", cover.margin, account.margin as bigint);
}

/** Replays `events` onto `state` (mutated and returned), one transaction at a time. */
export function replay(state: ReplayState, transactions: Iterable<{ signature: string; slot: number; events: AuditEvent[] }>): ReplayState {
  const replayer = new Replayer(state);
  for (const tx of transactions) {
    replayer.beginTransaction(tx.signature, tx.slot);
    for (const event of tx.events) replayer.apply(event);
  }
  return state;
}

/**
 * Invariants between the replayed pool and its replayed accounts: each liability line is the sum
 * of what the accounts owe, and the totals agree with them. A failure means the replay rules or
 * the program's bookkeeping disagree with themselves.
 */
export function invariants(state: ReplayState, pool: PoolBooks): Issue[] {
  const issues: Issue[] = [];
  const check = (field: string, expected: bigint, actual: bigint, note: string) => {
    if (expected !== actual) {
      issues.push({
        kind: "invariant",
        pool: pool.pool,
        entity: "pool",
        field,
        expected: String(expected),
        actual: String(actual),
        cause: pool.last_change[field] ?? null,
        note,
      });
    }
  };
  const nodes = Object.values(state.nodes).filter((node) => node.pool === pool.pool);
  const users = Object.values(state.users).filter((user) => user.pool === pool.pool);
  const covers = Object.values(state.covers).filter((cover) => cover.pool === pool.pool);
  const sum = <T>(items: T[], f: (item: T) => bigint) => items.reduce((total, item) => total + f(item), 0n);
  const { totals, liabilities } = pool;
  check("liabilities.commission_owed", liabilities.commission_owed, sum(nodes, (n) => n.commission_earned - n.commission_claimed), "Σ nodes' commission earned − claimed");
  check("liabilities.commission_owed", liabilities.commission_owed, totals.commission_accrued - totals.commission_claimed, "totals.commission_accrued − commission_claimed");
  check("totals.rebates_accrued", totals.rebates_accrued, sum(nodes, (n) => n.rebate_earned), "Σ nodes' rebates earned");
  check("totals.rebates_claimed", totals.rebates_claimed, sum(nodes, (n) => n.rebate_claimed), "Σ nodes' rebates claimed");
  check("totals.credits_deferred", totals.credits_deferred - totals.credits_claimed, sum(users, (u) => u.credits_owed), "Σ users' credits owed = deferred − claimed");
  check("totals.premiums_collected", totals.premiums_collected, sum(users, (u) => u.total_premium_paid), "Σ users' premiums paid");
  check("totals.compensation_credits", totals.compensation_credits, sum(users, (u) => u.total_compensation_credits), "Σ users' compensation credits");
  check("liabilities.refunds_owed", liabilities.refunds_owed, sum(covers, (c) => c.refund_owed), "Σ covers' refunds owed");
  check("liabilities.vesting_owed", liabilities.vesting_owed, sum(covers, (c) => c.compensation - c.vested_claimed), "Σ covers' compensation − vested claimed");
  check("liabilities.covers_reserved", liabilities.covers_reserved, sum(covers.filter((c) => c.status === "Ongoing"), (c) => c.reserved), "Σ Ongoing covers' reserves");
  check("liabilities.claims_under_review", liabilities.claims_under_review, sum(covers.filter((c) => c.status === "UnderReview"), (c) => c.reserved), "Σ claims' caps under review");
  check("liabilities.vesting_owed", liabilities.vesting_owed, totals.liquidation_compensation_approved - totals.liquidation_vested_paid, "totals: compensation approved − vested paid");
  return issues;
}
