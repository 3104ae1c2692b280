/**
 * cip-audit against the validator: a pool with loss cover (a purchase with a referrer, a loss,
 * early settlement and compensation, a deferred compensation claimed later, a settlement at
 * expiry, a voided policy, commission and rebate claims) and liquidation cover (capital, covers
 * filled, cancelled with and without the trader's token account, closed, liquidated, approved,
 * rejected, approved by timeout, vesting and refund claims), a surplus withdrawal and the mining
 * pool — all sent through `tests/ts/lib/audit-activity.ts` (IDL-only). Then the command line:
 * a clean report whose totals equal the pool account, a resumed run (`--since`) that equals a full
 * one, and a pool account rewritten with one liability changed (`surfnet_setAccount`), which the
 * audit names and fails on.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

import { BN, BorshCoder, type Idl } from "@anchor-lang/core";
import { Connection, Keypair } from "@solana/web3.js";

import idlJson from "../../idl/contract_insurance.json";
import { Activity, liquidationStory, lossCoverStory, type Cast } from "./lib/audit-activity";

const RPC_URL = process.env.RPC_URL ?? "http://127.0.0.1:8899";
const ROOT = resolve(__dirname, "../..");
const coder = new BorshCoder(idlJson as unknown as Idl);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx audit/src/main.ts` as a separate process, as an operator would. */
function cipAudit(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "audit/src/main.ts", "--url", RPC_URL, ...args], { cwd: ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

/** The report with its run-specific part (timings, slot, what this run fetched) removed. */
function withoutRun(json: string): Record<string, unknown> {
  const report = JSON.parse(json) as Record<string, unknown>;
  delete report.run;
  return report;
}

describe("cip-audit", { timeout: 600_000 }, () => {
  const connection = new Connection(RPC_URL, { commitment: "confirmed", wsEndpoint: process.env.WS_URL });
  const activity = new Activity(connection, Keypair.generate());
  const stateFile = join(mkdtempSync(join(tmpdir(), "cip-audit-")), "state.json");
  let cast: Cast;
  let checkpoint: string;
  let midway: Record<string, any>;

  after(() => rmSync(dirname(stateFile), { recursive: true, force: true }));

  before(async () => {
    await activity.createPool();
    cast = await lossCoverStory(activity);
    // Audit once half-way, saving the state: the resumed run later continues from here.
    const run = await cipAudit(["--pool", activity.pool.toBase58(), "--state", stateFile, "--json"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    midway = JSON.parse(run.stdout);
    checkpoint = midway.history.last_signature;
    await liquidationStory(activity, cast);
  });

  it("after loss cover alone the books already match (commission and rebates paid, credits claimed)", () => {
    const [pool] = midway.pools;
    assert.equal(pool.pool, activity.pool.toBase58());
    assert.deepEqual(pool.issues, []);
    const totals = Object.fromEntries(Object.entries(pool.totals).map(([field, pair]: [string, any]) => [field, pair.replayed]));
    assert.deepEqual(
      [totals.policies_sold, totals.premiums_collected, totals.commission_accrued, totals.policies_compensated, totals.credits_deferred, totals.credits_claimed, totals.rebates_claimed, totals.policies_voided, totals.policies_settled],
      ["4", "35000000", "1800000", "2", "35000000", "35000000", "6000000", "1", "3"],
    );
  });

  it("a full run exits 0 and its totals, liabilities and solvency equal the pool account and the vault", async () => {
    const run = await cipAudit(["--pool", activity.pool.toBase58(), "--json"]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.clean, true);
    assert.equal(report.pools.length, 1);
    const [pool] = report.pools;
    assert.deepEqual(pool.issues, []);
    assert.ok(pool.snapshots_checked >= 25, `${pool.snapshots_checked} books snapshots`);

    // Independently: the pool account and the vault, decoded here.
    const account = coder.accounts.decode("Pool", (await connection.getAccountInfo(activity.pool))!.data);
    const vault = await connection.getTokenAccountBalance(activity.vault);
    for (const [field, value] of Object.entries(account.totals as Record<string, BN>)) {
      assert.equal(pool.totals[field].replayed, value.toString(), `totals.${field}`);
    }
    for (const [field, value] of Object.entries(account.liabilities as Record<string, BN>)) {
      assert.equal(pool.liabilities[field].replayed, value.toString(), `liabilities.${field}`);
    }
    assert.equal(pool.vault_balance.replayed, account.solvency.vault_balance.toString());
    assert.equal(pool.free_capital.replayed, account.solvency.free_capital.toString());
    assert.equal(pool.vault_balance.replayed, vault.value.amount);
    // The story's own numbers: 35 premiums + 10 000 capital + 165 insured − 1.8 commission −
    // 50 refunds − 110.5 vested − 1 000 surplus.
    assert.equal(pool.vault_balance.replayed, String(9_037_700_000));
    assert.deepEqual(
      [pool.totals.liquidation_covers_sold.replayed, pool.totals.liquidation_claims_approved.replayed, pool.totals.liquidation_claims_rejected.replayed, pool.totals.liquidation_refunds_paid.replayed],
      ["5", "2", "1", "50000000"],
    );
    assert.deepEqual(pool.accounts, { nodes: 5, users: 5, covers_open: 3, covers_closed: 2, policies_open: 2, policies_closed: 2 });
    assert.ok(pool.mining, "the mining pool is audited too");
    assert.deepEqual([pool.mining.miners.replayed, pool.mining.stake_vault.replayed], ["0", "0"]);
    assert.match(run.stderr, /tx\/s/);
  });

  it("the human report shows the pool's books and ends clean", async () => {
    const run = await cipAudit(["--pool", activity.pool.toBase58()]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`pool ${activity.pool.toBase58()}`));
    assert.match(run.stdout, /vault balance \(books\)\s+9 037\.700000\s+9 037\.700000/);
    assert.match(run.stdout, /free capital/);
    assert.match(run.stdout, /mismatches: none/);
    assert.match(run.stdout, /result: clean/);
  });

  it("resuming with --since gives the same report as a full run", async () => {
    const full = await cipAudit(["--pool", activity.pool.toBase58(), "--json"]);
    const resumed = await cipAudit(["--pool", activity.pool.toBase58(), "--since", checkpoint, "--state", stateFile, "--json"]);
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    const resumedReport = JSON.parse(resumed.stdout);
    assert.equal(resumedReport.run.resumed_from, checkpoint);
    assert.ok(resumedReport.run.transactions < JSON.parse(full.stdout).run.transactions, "the resumed run fetched only what is new");
    assert.deepEqual(withoutRun(resumed.stdout), withoutRun(full.stdout));
    // --since must match the state it resumes.
    const wrong = await cipAudit(["--pool", activity.pool.toBase58(), "--since", checkpoint, "--state", stateFile]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /the state file was saved after/);
  });

  it("a pool account rewritten with one liability changed is named, with the event that last moved it, and fails", async () => {
    const info = (await connection.getAccountInfo(activity.pool))!;
    const pool = coder.accounts.decode("Pool", info.data);
    pool.liabilities.claims_under_review = pool.liabilities.claims_under_review.add(new BN(5_000_000));
    const encoded = await coder.accounts.encode("Pool", pool);
    const data = Buffer.from(info.data);
    encoded.copy(data); // same layout, same length: only those 8 bytes differ
    assert.equal(Buffer.compare(data, info.data) !== 0, true);
    await activity.setAccount(activity.pool, data, info.owner, info.lamports);

    const run = await cipAudit(["--pool", activity.pool.toBase58(), "--json"]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.clean, false);
    const issues = report.pools[0].issues;
    assert.deepEqual(
      issues.map((issue: any) => [issue.kind, issue.entity, issue.field, issue.expected, issue.actual, issue.cause?.event]),
      [["account", "pool", "liabilities.claims_under_review", "0", "5000000", "ClaimDecided"]],
    );
    // The human report says the same.
    const text = await cipAudit(["--pool", activity.pool.toBase58()]);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /\[account\] pool liabilities\.claims_under_review: replayed 0, chain 5000000/);
    assert.match(text.stdout, /last moved by ClaimDecided in \w+/);
    assert.match(text.stdout, /result: 1 mismatch/);

    // The program now books from the rewritten line: the next instruction's snapshot carries it,
    // and the audit names that event as where the books diverged.
    await activity.depositCapital(1_000_000);
    const deposit = activity.signatures[activity.signatures.length - 1];
    const after = await cipAudit(["--pool", activity.pool.toBase58(), "--json"]);
    assert.equal(after.code, 1);
    const snapshot = JSON.parse(after.stdout).pools[0].issues.filter((issue: any) => issue.kind === "snapshot");
    assert.deepEqual(
      snapshot.map((issue: any) => [issue.field, issue.expected, issue.actual, issue.cause.event, issue.cause.signature]),
      [["liabilities.claims_under_review", "0", "5000000", "CapitalDeposited", deposit]],
    );
  });
});
