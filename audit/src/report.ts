/**
 * The solvency report: per pool the vault, each liability, free capital and every total (replayed
 * and on the account), what the accounts owe, the mining pool, and every mismatch with the event
 * that caused it; then the run's numbers. As a human table or as JSON (`--json`, amounts as
 * decimal strings of base units).
 */
import type { PoolReport } from "./compare";
import type { Issue, Ref, TotalsField } from "./replay";

export interface RunStats {
  url: string;
  commitment: string;
  /** Transactions fetched and replayed in this run (a resumed run only fetches the new ones). */
  transactions: number;
  failed_transactions: number;
  events: number;
  seconds: number;
  /** Over the whole run (listing, fetching and replaying, reading accounts). */
  transactions_per_second: number;
  /** Fetching and replaying only. */
  replay_transactions_per_second: number;
  list_seconds: number;
  replay_seconds: number;
  accounts_seconds: number;
  /** JSON-RPC requests of `getTransaction` / `getBlock` (signatures and accounts not counted). */
  rpc_requests: number;
  resumed_from: string | null;
  account_slot: number;
}

export interface Report {
  program: string;
  pools: PoolReport[];
  /** Issues that belong to no selected pool (history gaps, unknown mining pools). */
  other_issues: Issue[];
  notes: string[];
  /** Cumulative over the whole history (the same for a full and a resumed run). */
  history: {
    transactions: number;
    events: number;
    first_signature: string | null;
    last_signature: string | null;
    last_slot: number;
    passive_events: Record<string, number>;
  };
  mismatches: number;
  clean: boolean;
  run: RunStats;
}

const COUNT_TOTALS = new Set<TotalsField>([
  "users_registered",
  "markets",
  "policies_sold",
  "policies_settled",
  "policies_voided",
  "policies_compensated",
  "liquidation_covers_sold",
  "liquidation_claims_approved",
  "liquidation_claims_rejected",
]);

/** JSON with bigints as decimal strings. */
export function reportJson(report: Report): string {
  return JSON.stringify(report, (_key, value) => (typeof value === "bigint" ? value.toString() : value), 2);
}

/** `1234567` with 6 decimals → `1.234567`; thousands separated by spaces. */
export function amount(value: bigint | null, decimals: number): string {
  if (value === null) return "—";
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

function short(address: string): string {
  return address.length > 12 ? `${address.slice(0, 4)}…${address.slice(-4)}` : address;
}

function refText(ref: Ref | null): string {
  return ref ? `${ref.event} in ${ref.signature} (slot ${ref.slot})` : "—";
}

export function issueText(issue: Issue): string {
  const where = issue.kind === "account" ? "last moved by" : "at";
  return (
    `[${issue.kind}] ${issue.entity} ${issue.field}: replayed ${issue.expected}, chain ${issue.actual}` +
    `${issue.note ? ` (${issue.note})` : ""}\n      ${where} ${refText(issue.cause)}`
  );
}

/** The human-readable report. */
export function reportText(report: Report): string {
  const lines: string[] = [];
  const row = (label: string, replayed: string, account: string, flag = "") =>
    lines.push(`  ${label.padEnd(36)} ${replayed.padStart(22)} ${account.padStart(22)}${flag}`);
  lines.push(`cip-audit: program ${report.program}, ${report.pools.length} pool(s), accounts at slot ${report.run.account_slot}`);
  for (const pool of report.pools) {
    const d = pool.premium_decimals;
    const mark = (a: bigint | null, b: bigint | null) => (a === null || b === null || a === b ? "" : "  ≠");
    lines.push("");
    lines.push(`pool ${pool.pool}  (premium mint ${short(pool.premium_mint)}, vault ${short(pool.vault)}, ${d} decimals)`);
    row("", "replayed", "account");
    row("vault balance (books)", amount(pool.vault_balance.replayed, d), amount(pool.vault_balance.account, d), mark(pool.vault_balance.replayed, pool.vault_balance.account));
    row("vault token account now", "", amount(pool.vault_token_balance, d));
    for (const [field, pair] of Object.entries(pool.liabilities)) {
      row(`  ${field}`, amount(pair.replayed, d), amount(pair.account, d), mark(pair.replayed, pair.account));
    }
    row("Σ liabilities", amount(pool.liabilities_total.replayed, d), amount(pool.liabilities_total.account, d), mark(pool.liabilities_total.replayed, pool.liabilities_total.account));
    row("free capital", amount(pool.free_capital.replayed, d), amount(pool.free_capital.account, d), mark(pool.free_capital.replayed, pool.free_capital.account));
    if (pool.external_inflow > 0n || pool.unrecorded_inflow > 0n) {
      row("sent to the vault outside the program", amount(pool.external_inflow, d), amount(pool.unrecorded_inflow, d));
    }
    lines.push("  totals");
    for (const [field, pair] of Object.entries(pool.totals)) {
      const counted = COUNT_TOTALS.has(field as TotalsField);
      const format = (value: bigint | null) => (counted ? (value === null ? "—" : value.toString()) : amount(value, d));
      row(`  ${field}`, format(pair.replayed), format(pair.account), mark(pair.replayed, pair.account));
    }
    lines.push(
      `  owed by accounts: commission ${amount(pool.owed.commission, d)} (${pool.accounts.nodes} nodes), ` +
        `rebates ${amount(pool.owed.rebates_credits, d)} credits, deferred ${amount(pool.owed.deferred_credits, d)} credits (${pool.accounts.users} users), ` +
        `refunds ${amount(pool.owed.refunds, d)}, vesting ${amount(pool.owed.vesting, d)} (${pool.accounts.covers_open} covers open, ${pool.accounts.covers_closed} closed)`,
    );
    if (pool.mining) {
      const m = pool.mining;
      lines.push(
        `  mining pool ${short(m.address)}: stake vault ${m.stake_vault.replayed} / ${m.stake_vault.account ?? "—"}, ` +
          `reward vault ${m.reward_vault.replayed} / ${m.reward_vault.account ?? "—"}, claimed ${m.claimed.replayed} / ${m.claimed.account ?? "—"}, ` +
          `miners ${m.miners.replayed} / ${m.miners.account ?? "—"}`,
      );
    }
    lines.push(`  ${pool.events} events, ${pool.snapshots_checked} books snapshots checked, ${pool.divergences} diverged`);
    if (pool.issues.length === 0) {
      lines.push("  mismatches: none");
    } else {
      lines.push(`  mismatches: ${pool.issues.length}`);
      for (const issue of pool.issues) lines.push(`    ${issueText(issue)}`);
    }
  }
  if (report.other_issues.length > 0) {
    lines.push("");
    lines.push(`other mismatches: ${report.other_issues.length}`);
    for (const issue of report.other_issues) lines.push(`    ${issueText(issue)}`);
  }
  if (report.notes.length > 0) {
    lines.push("");
    for (const note of report.notes) lines.push(`note: ${note}`);
  }
  const run = report.run;
  lines.push("");
  lines.push(
    `history: ${report.history.transactions} transactions, ${report.history.events} events, up to slot ${report.history.last_slot}` +
      (report.history.last_signature ? ` (${report.history.last_signature})` : ""),
  );
  lines.push(
    `this run: ${run.transactions} transactions (${run.failed_transactions} failed), ${run.events} events in ${run.seconds.toFixed(2)} s = ` +
      `${run.transactions_per_second.toFixed(0)} tx/s (listing ${run.list_seconds.toFixed(2)} s, fetching and replaying ` +
      `${run.replay_seconds.toFixed(2)} s = ${run.replay_transactions_per_second.toFixed(0)} tx/s, accounts ${run.accounts_seconds.toFixed(2)} s)` +
      (run.resumed_from ? `, resumed after ${run.resumed_from}` : ""),
  );
  lines.push(report.clean ? "result: clean" : `result: ${report.mismatches} mismatch(es)`);
  return lines.join("\n");
}
