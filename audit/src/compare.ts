/**
 * The replayed books against the chain: the pool accounts (totals, liabilities, recorded
 * solvency), the vault's token balance, and every referral node, user, liquidation cover, policy,
 * mining pool and miner the history created and that still exists. A closed account's last state
 * came from its closing event and was checked during the replay.
 *
 * Each difference is an `Issue` whose `cause` is the last event that moved the replayed number
 * (the account is where the chain disagrees; the event is where the replay last agreed to change
 * it). The vault's token balance may exceed the books (tokens sent to it outside the program are
 * counted from the program's next instruction on): that is reported, not a mismatch; a balance
 * below the books is one.
 */
import { Connection, PublicKey, type Commitment } from "@solana/web3.js";

import { DEFAULT_RETRY, withRetry, type RetryOptions } from "./history";
import { decodeAccount, PROGRAM_ID, type Plain } from "./idl";
import {
  compareCover,
  freeCapital,
  invariants,
  LIABILITY_FIELDS,
  liabilitiesTotal,
  TOTALS_FIELDS,
  type Issue,
  type PoolBooks,
  type Ref,
  type ReplayState,
} from "./replay";

export interface FetchedAccount {
  owner: string;
  data: Buffer;
}

/** Accounts read from the chain, with the slot range their reads were answered at. */
export interface ChainSnapshot {
  accounts: Map<string, FetchedAccount | null>;
  minSlot: number;
  maxSlot: number;
}

/** Every address the comparison needs for `pools`. */
export function addressesToRead(state: ReplayState, pools: string[]): string[] {
  const wanted = new Set(pools);
  const out: string[] = [];
  for (const address of pools) {
    const pool = state.pools[address];
    if (!pool) continue;
    out.push(address, pool.vault);
    if (pool.mining_pool) {
      const mining = state.mining[pool.mining_pool];
      out.push(mining.address, mining.stake_vault, mining.reward_vault);
    }
  }
  for (const node of Object.values(state.nodes)) if (wanted.has(node.pool)) out.push(node.address);
  for (const user of Object.values(state.users)) if (wanted.has(user.pool)) out.push(user.address);
  for (const cover of Object.values(state.covers)) if (wanted.has(cover.pool) && !cover.closed) out.push(cover.address);
  for (const policy of Object.values(state.policies)) if (wanted.has(policy.pool) && !policy.closed) out.push(policy.address);
  for (const miner of Object.values(state.miners)) {
    if (miner.closed) continue;
    const mining = state.mining[miner.mining_pool];
    if (mining && wanted.has(mining.pool)) out.push(miner.address);
  }
  return out;
}

/** Reads `addresses` with `getMultipleAccounts` (100 per call, a few calls in flight). */
export async function readAccounts(
  connection: Connection,
  addresses: string[],
  commitment: Commitment,
  concurrency = 4,
  retry: RetryOptions = DEFAULT_RETRY,
  log: (line: string) => void = () => {},
): Promise<ChainSnapshot> {
  const snapshot: ChainSnapshot = { accounts: new Map(), minSlot: Number.MAX_SAFE_INTEGER, maxSlot: 0 };
  const chunks: string[][] = [];
  for (let start = 0; start < addresses.length; start += 100) chunks.push(addresses.slice(start, start + 100));
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const answer = await withRetry(
        "getMultipleAccounts",
        () => connection.getMultipleAccountsInfoAndContext(chunk.map((address) => new PublicKey(address)), commitment),
        retry,
        log,
      );
      snapshot.minSlot = Math.min(snapshot.minSlot, answer.context.slot);
      snapshot.maxSlot = Math.max(snapshot.maxSlot, answer.context.slot);
      answer.value.forEach((info, i) => {
        snapshot.accounts.set(chunk[i], info && info.lamports > 0 ? { owner: info.owner.toBase58(), data: info.data } : null);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  if (chunks.length === 0) snapshot.minSlot = 0;
  return snapshot;
}

/** The `amount` of an SPL Token / Token-2022 account (offset 64 of the base layout). */
export function tokenAmount(account: FetchedAccount | null | undefined): bigint | null {
  if (!account || account.data.length < 72) return null;
  return account.data.readBigUInt64LE(64);
}

/** One number of the report: what the replay says and what the account says. */
export interface Pair {
  replayed: bigint;
  account: bigint | null;
}

export interface MiningReport {
  address: string;
  claimed: Pair;
  miners: Pair;
  stake_vault: Pair;
  reward_vault: Pair;
}

export interface PoolReport {
  pool: string;
  premium_mint: string;
  premium_decimals: number;
  vault: string;
  created: Ref;
  /** Replayed vault balance vs `Pool.solvency.vault_balance`. */
  vault_balance: Pair;
  /** The vault token account's balance now. */
  vault_token_balance: bigint | null;
  /** Tokens that reached the vault outside the program (seen in snapshots / not yet recorded). */
  external_inflow: bigint;
  unrecorded_inflow: bigint;
  liabilities: Record<string, Pair>;
  liabilities_total: Pair;
  free_capital: Pair;
  totals: Record<string, Pair>;
  /** What the accounts owe, summed from the replay (each must equal its liability line). */
  owed: {
    commission: bigint;
    rebates_credits: bigint;
    deferred_credits: bigint;
    refunds: bigint;
    vesting: bigint;
  };
  accounts: {
    nodes: number;
    users: number;
    covers_open: number;
    covers_closed: number;
    policies_open: number;
    policies_closed: number;
  };
  events: number;
  snapshots_checked: number;
  divergences: number;
  mining: MiningReport | null;
  issues: Issue[];
}

type Data = Record<string, Plain>;

function accountIssue(pool: string, entity: string, field: string, expected: unknown, actual: unknown, cause: Ref | null, note?: string): Issue {
  return { kind: "account", pool, entity, field, expected: String(expected), actual: String(actual), cause, ...(note ? { note } : {}) };
}

/**
 * Fields a later version of the program derives instead of storing (main after the account
 * shrink: `UserAccount.referral_node` / `active_policy` → `active_policy_index`,
 * `Policy.credits_paid`, `LiquidationCover.fill_state`): compared only when the account's layout
 * has them, so the auditor reads both layouts. Any other field missing from a layout is an issue.
 */
const DERIVED_IN_SOME_VERSIONS = new Set(["referral_node", "active_policy", "active_policy_index", "credits_paid"]);

/** Compares `[field, replayed]` pairs with a decoded account. */
export function compareFields(
  issues: Issue[],
  pool: string,
  entity: string,
  account: Data,
  pairs: [string, unknown][],
  cause: Ref,
): void {
  for (const [field, expected] of pairs) {
    if (!(field in account)) {
      if (!DERIVED_IN_SOME_VERSIONS.has(field)) issues.push(accountIssue(pool, entity, field, expected, "absent from the account's layout", cause));
      continue;
    }
    if (account[field] !== expected) issues.push(accountIssue(pool, entity, field, expected, account[field], cause));
  }
}

/** Decodes `address` as program account `name`; an issue when it is missing or not one. */
function programAccount(snapshot: ChainSnapshot, address: string, name: string, pool: string, entity: string, cause: Ref, issues: Issue[]): Data | null {
  const account = snapshot.accounts.get(address);
  if (!account) {
    issues.push(accountIssue(pool, entity, "exists", "account exists (no closing event)", "no account", cause));
    return null;
  }
  if (account.owner !== PROGRAM_ID.toBase58()) {
    issues.push(accountIssue(pool, entity, "owner", PROGRAM_ID.toBase58(), account.owner, cause));
    return null;
  }
  try {
    return decodeAccount(name, account.data);
  } catch (err) {
    issues.push(accountIssue(pool, entity, "data", `a ${name} account`, (err as Error).message, cause));
    return null;
  }
}

/** Compares one pool's books with the chain; returns its report (issues included). */
export function comparePool(state: ReplayState, books: PoolBooks, snapshot: ChainSnapshot): PoolReport {
  const issues: Issue[] = state.issues.filter((issue) => issue.pool === books.pool);
  const poolAccount = programAccount(snapshot, books.pool, "Pool", books.pool, "pool", books.created, issues);
  const decimals = poolAccount ? Number(poolAccount.premium_decimals as bigint) : 0;
  const totals = (poolAccount?.totals ?? null) as Data | null;
  const liabilities = (poolAccount?.liabilities ?? null) as Data | null;
  const solvency = (poolAccount?.solvency ?? null) as Data | null;
  const last = (field: string) => books.last_change[field] ?? books.created;

  const report: PoolReport = {
    pool: books.pool,
    premium_mint: books.premium_mint,
    premium_decimals: decimals,
    vault: books.vault,
    created: books.created,
    vault_balance: { replayed: books.vault_balance, account: solvency ? (solvency.vault_balance as bigint) : null },
    vault_token_balance: tokenAmount(snapshot.accounts.get(books.vault)),
    external_inflow: books.external_inflow,
    unrecorded_inflow: 0n,
    liabilities: {},
    liabilities_total: { replayed: liabilitiesTotal(books.liabilities), account: null },
    free_capital: { replayed: freeCapital(books.vault_balance, books.liabilities), account: solvency ? (solvency.free_capital as bigint) : null },
    totals: {},
    owed: { commission: 0n, rebates_credits: 0n, deferred_credits: 0n, refunds: 0n, vesting: 0n },
    accounts: { nodes: 0, users: 0, covers_open: 0, covers_closed: 0, policies_open: 0, policies_closed: 0 },
    events: books.events,
    snapshots_checked: books.snapshots_checked,
    divergences: books.divergences,
    mining: null,
    issues,
  };

  // Pool account: every liability line, every total, the recorded solvency.
  let accountTotal = 0n;
  for (const field of LIABILITY_FIELDS) {
    const account = liabilities ? (liabilities[field] as bigint) : null;
    report.liabilities[field] = { replayed: books.liabilities[field], account };
    if (account !== null) accountTotal += account;
    if (account !== null && account !== books.liabilities[field]) {
      issues.push(accountIssue(books.pool, "pool", `liabilities.${field}`, books.liabilities[field], account, last(`liabilities.${field}`)));
    }
  }
  if (liabilities) report.liabilities_total.account = accountTotal;
  for (const field of TOTALS_FIELDS) {
    const account = totals ? (totals[field] as bigint) : null;
    report.totals[field] = { replayed: books.totals[field], account };
    if (account !== null && account !== books.totals[field]) {
      issues.push(accountIssue(books.pool, "pool", `totals.${field}`, books.totals[field], account, last(`totals.${field}`)));
    }
  }
  if (solvency) {
    const recorded = solvency.vault_balance as bigint;
    if (recorded !== books.vault_balance) {
      issues.push(accountIssue(books.pool, "pool", "solvency.vault_balance", books.vault_balance, recorded, last("vault_balance")));
    }
    const free = solvency.free_capital as bigint;
    if (free !== report.free_capital.replayed) {
      issues.push(accountIssue(books.pool, "pool", "solvency.free_capital", report.free_capital.replayed, free, last("vault_balance"), "vault − Σ liabilities, as replayed"));
    }
  }
  // The vault token account: never below the books; above them by what was sent directly.
  if (report.vault_token_balance === null) {
    issues.push(accountIssue(books.pool, "vault", "token account", "a token account", "missing", books.created));
  } else if (report.vault_token_balance < books.vault_balance) {
    issues.push(accountIssue(books.pool, "vault", "amount", books.vault_balance, report.vault_token_balance, last("vault_balance"), "the vault holds less than the books"));
  } else {
    report.unrecorded_inflow = report.vault_token_balance - books.vault_balance;
  }

  // Referral nodes, users, covers, policies.
  for (const node of Object.values(state.nodes)) {
    if (node.pool !== books.pool) continue;
    report.accounts.nodes += 1;
    report.owed.commission += node.commission_earned - node.commission_claimed;
    report.owed.rebates_credits += node.rebate_earned - node.rebate_claimed;
    const entity = `node ${node.address}`;
    const account = programAccount(snapshot, node.address, "ReferralNode", books.pool, entity, node.last, issues);
    if (!account) continue;
    compareFields(issues, books.pool, entity, account, [
      ["owner", node.owner],
      ["parent", node.parent],
      ["direct_referrals", node.direct_referrals],
      ["team_volume", node.team_volume],
      ["assigned_level", node.assigned_level],
      ["level", node.level],
      ["commission_earned", node.commission_earned],
      ["commission_claimed", node.commission_claimed],
      ["rebate_earned", node.rebate_earned],
      ["rebate_claimed", node.rebate_claimed],
    ], node.last);
  }
  for (const user of Object.values(state.users)) {
    if (user.pool !== books.pool) continue;
    report.accounts.users += 1;
    report.owed.deferred_credits += user.credits_owed;
    const entity = `user ${user.address}`;
    const account = programAccount(snapshot, user.address, "UserAccount", books.pool, entity, user.last, issues);
    if (!account) continue;
    compareFields(issues, books.pool, entity, account, [
      ["owner", user.owner],
      ["referral_node", user.referral_node],
      ["credits_owed", user.credits_owed],
      ["total_premium_paid", user.total_premium_paid],
      ["total_compensation_credits", user.total_compensation_credits],
      ["policy_count", user.policy_count],
      ["liquidation_cover_count", user.liquidation_cover_count],
      ["liquidation_cumulative", user.liquidation_cumulative],
      ["liquidation_used", user.liquidation_used],
      ["is_lead_trader", user.is_lead_trader],
      ["active_policy", user.active_policy],
      ["active_policy_index", user.active_policy_index],
      ["open_positions", user.open_positions],
    ], user.last);
  }
  for (const cover of Object.values(state.covers)) {
    if (cover.pool !== books.pool) continue;
    report.owed.refunds += cover.refund_owed;
    report.owed.vesting += cover.compensation - cover.vested_claimed;
    if (cover.closed) {
      report.accounts.covers_closed += 1;
      continue;
    }
    report.accounts.covers_open += 1;
    const entity = `cover ${cover.address}`;
    const account = programAccount(snapshot, cover.address, "LiquidationCover", books.pool, entity, cover.last, issues);
    if (!account) continue;
    compareCover(cover, account, (field, expected, actual) => issues.push(accountIssue(books.pool, entity, field, expected, actual, cover.last)));
  }
  for (const policy of Object.values(state.policies)) {
    if (policy.pool !== books.pool) continue;
    if (policy.closed) {
      report.accounts.policies_closed += 1;
      continue;
    }
    report.accounts.policies_open += 1;
    const entity = `policy ${policy.address}`;
    const account = programAccount(snapshot, policy.address, "Policy", books.pool, entity, policy.last, issues);
    if (!account) continue;
    const terms = account.terms as Data;
    if (terms.premium !== policy.premium) issues.push(accountIssue(books.pool, entity, "terms.premium", policy.premium, terms.premium, policy.last));
    compareFields(issues, books.pool, entity, account, [
      ["owner", policy.owner],
      ["status", policy.status],
      ["outcome", policy.outcome],
      ["credits_paid", policy.credits_paid],
    ], policy.last);
  }

  // Mining pool and miners.
  if (books.mining_pool) {
    const mining = state.mining[books.mining_pool];
    const entity = `mining pool ${mining.address}`;
    const account = programAccount(snapshot, mining.address, "MiningPool", books.pool, entity, mining.last, issues);
    const stakeBalance = tokenAmount(snapshot.accounts.get(mining.stake_vault));
    const rewardBalance = tokenAmount(snapshot.accounts.get(mining.reward_vault));
    report.mining = {
      address: mining.address,
      claimed: { replayed: mining.claimed, account: account ? (account.claimed as bigint) : null },
      miners: { replayed: mining.miners, account: account ? (account.miners as bigint) : null },
      stake_vault: { replayed: mining.stake_vault_balance, account: stakeBalance },
      reward_vault: { replayed: mining.reward_vault_balance, account: rewardBalance },
    };
    if (account) {
      for (const field of ["claimed", "miners"] as const) {
        if (account[field] !== mining[field]) issues.push(accountIssue(books.pool, entity, field, mining[field], account[field], mining.last));
      }
      const acc = account.accumulator as Data;
      if (acc.total_staked !== mining.stake_vault_balance) {
        issues.push(accountIssue(books.pool, entity, "accumulator.total_staked", mining.stake_vault_balance, acc.total_staked, mining.last));
      }
      if (mining.accumulator) {
        for (const field of ["acc_reward_per_share", "last_update", "funded", "emitted"] as const) {
          if (acc[field] !== mining.accumulator[field]) {
            issues.push(accountIssue(books.pool, entity, `accumulator.${field}`, mining.accumulator[field], acc[field], mining.last));
          }
        }
      }
    }
    if (stakeBalance === null || stakeBalance < mining.stake_vault_balance) {
      issues.push(accountIssue(books.pool, entity, "stake vault amount", mining.stake_vault_balance, stakeBalance, mining.last));
    }
    if (rewardBalance === null || rewardBalance < mining.reward_vault_balance) {
      issues.push(accountIssue(books.pool, entity, "reward vault amount", mining.reward_vault_balance, rewardBalance, mining.last));
    }
    for (const miner of Object.values(state.miners)) {
      if (miner.mining_pool !== mining.address || miner.closed) continue;
      const minerEntity = `miner ${miner.address}`;
      const minerAccount = programAccount(snapshot, miner.address, "Miner", books.pool, minerEntity, miner.last, issues);
      if (!minerAccount) continue;
      compareFields(issues, books.pool, minerEntity, minerAccount, [
        ["owner", miner.owner],
        ["staked", miner.staked],
        ["pending", miner.pending],
        ["claimed", miner.claimed],
      ], miner.last);
    }
  }

  issues.push(...invariants(state, books));
  return report;
}
