/**
 * The replay rules on synthetic event streams (no validator): every money-moving event, a books
 * snapshot that diverges (found at the right event), external vault inflows, checks of the
 * numbers events carry, closing events, the pool filter, resume equivalence, and the decoding of
 * events out of a `getTransaction` result.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { BorshCoder, utils } from "@anchor-lang/core";
import { Keypair, PublicKey } from "@solana/web3.js";

import { base58Decode, eventsOfTransaction } from "../src/history";
import { EVENT_IX_TAG, EVENT_NAMES, IDL, PROGRAM_ID } from "../src/idl";
import {
  emptyState,
  freeCapital,
  invariants,
  PASSIVE_EVENTS,
  replay,
  RULE_EVENTS,
  zeroLiabilities,
  type ReplayState,
} from "../src/replay";
import { cloneState, fromJson, loadState, saveState, toJson } from "../src/state";
import { coverState, OTHER_POOL, P, story, STORY_TOTALS, STORY_VAULT, type StoryTx } from "./story";

const PROGRAM = PROGRAM_ID.toBase58();

function replayAll(txs: StoryTx[], filter: string[] | null = null): ReplayState {
  return replay(emptyState(PROGRAM, filter), txs);
}

/** The story with one event's field replaced (`path` into its data). */
function edited(signature: string, path: string[], value: unknown): StoryTx[] {
  const txs = story();
  const tx = txs.find((candidate) => candidate.signature === signature)!;
  let target = tx.events[0].data as Record<string, unknown>;
  for (const step of path.slice(0, -1)) target = target[step] as Record<string, unknown>;
  target[path[path.length - 1]] = value;
  return txs;
}

describe("replay rules", () => {
  it("every IDL event has a rule or is declared passive, never both", () => {
    assert.equal(EVENT_NAMES.length, 46);
    for (const name of EVENT_NAMES) {
      assert.ok(RULE_EVENTS.has(name) !== PASSIVE_EVENTS.has(name), `${name}: rule ${RULE_EVENTS.has(name)}, passive ${PASSIVE_EVENTS.has(name)}`);
    }
    assert.equal(RULE_EVENTS.size + PASSIVE_EVENTS.size, 46);
  });

  it("rebuilds every total, liability, the vault and every account from the money-moving events", () => {
    const state = replayAll(story());
    assert.deepEqual(state.issues, []);
    const pool = state.pools[P];
    assert.deepEqual(pool.totals, STORY_TOTALS);
    assert.deepEqual(pool.liabilities, zeroLiabilities());
    assert.equal(pool.vault_balance, STORY_VAULT);
    assert.equal(pool.recorded_vault_balance, STORY_VAULT);
    assert.equal(freeCapital(pool.vault_balance, pool.liabilities), STORY_VAULT);
    assert.equal(pool.snapshots_checked, 18);
    assert.equal(pool.divergences, 0);
    assert.deepEqual(invariants(state, pool), []);

    // Each field remembers the event that last moved it.
    assert.equal(pool.last_change["liabilities.vesting_owed"].signature, "tx17");
    assert.equal(pool.last_change["totals.liquidation_claims_rejected"].event, "ClaimDecided");
    assert.equal(pool.last_change.vault_balance.event, "PolicyPurchased");

    const referrer = state.nodes.NODE_R;
    assert.deepEqual(
      [referrer.commission_earned, referrer.commission_claimed, referrer.rebate_earned, referrer.rebate_claimed, referrer.team_volume, referrer.level, referrer.assigned_level, referrer.direct_referrals],
      [7n, 7n, 2n, 2n, 50n, 1n, 1n, 1n],
    );
    const alice = state.users.USER_A;
    assert.deepEqual(
      [alice.credits_owed, alice.total_premium_paid, alice.total_compensation_credits, alice.policy_count, alice.liquidation_cover_count, alice.active_policy, alice.open_positions],
      [0n, 50n, 25n, 1n, 1n, null, 1n],
    );
    const bob = state.users.USER_B;
    assert.deepEqual([bob.liquidation_cumulative, bob.liquidation_used, bob.is_lead_trader, bob.active_policy], [50n, 20n, true, null]);

    const k1 = state.covers.K1;
    assert.deepEqual([k1.status, k1.outcome, k1.refund_owed, k1.compensation, k1.vested_claimed, k1.insured, k1.reserved], ["Completed", "Paid", 0n, 24n, 24n, 20n, 0n]);
    assert.equal(k1.closed?.signature, "tx18");
    assert.deepEqual([state.covers.K2.outcome, state.covers.K3.outcome], ["ClosedNoLiquidation", "Rejected"]);
    assert.deepEqual([state.policies.POLICY_A.outcome, state.policies.POLICY_B.outcome], ["Paid", "Void"]);

    const mining = state.mining.MINING;
    assert.deepEqual([mining.claimed, mining.miners, mining.stake_vault_balance, mining.reward_vault_balance], [5n, 0n, 0n, 95n]);
    assert.equal(mining.accumulator?.last_update, 14n, "close_miner's event carries the accumulator it settled");
    assert.equal(k1.margin, 50n, "the margin left after the cancellations, from OrderCancelled");
    assert.deepEqual(state.passive_events, { MarketExposureClosed: 1, PauseChanged: 1 });
    assert.equal(state.transactions, story().length);
  });

  it("follows each liability line through the story", () => {
    // Replay prefixes of the story and read one line after each books event.
    const txs = story();
    const lines: Record<string, bigint[]> = { covers_reserved: [], refunds_owed: [], vesting_owed: [], claims_under_review: [], commission_owed: [] };
    const state = emptyState(PROGRAM);
    for (const tx of txs) {
      replay(state, [tx]);
      if (tx.events[0].data.books) for (const line of Object.keys(lines)) lines[line].push(state.pools[P].liabilities[line as keyof typeof state.pools.POOL.liabilities]);
    }
    assert.deepEqual(lines.covers_reserved, [0n, 0n, 68n, 51n, 34n, 34n, 0n, 0n, 0n, 0n, 17n, 0n, 9n, 0n, 0n, 0n, 0n, 0n]);
    assert.deepEqual(lines.refunds_owed.filter((v) => v > 0n), [10n]);
    assert.deepEqual(lines.vesting_owed.filter((v) => v > 0n), [24n, 12n]);
    assert.deepEqual(lines.claims_under_review.filter((v) => v > 0n), [30n, 9n]);
  });

  it("finds a books snapshot that diverges at the event where it does", () => {
    // The second cancellation's snapshot claims 1 more reserved than the replay computes.
    const txs = edited("tx12", ["books", "liabilities", "covers_reserved"], 35n);
    const state = replayAll(txs);
    const snapshots = state.issues.filter((issue) => issue.kind === "snapshot");
    assert.equal(snapshots.length, 1, JSON.stringify(snapshots, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
    assert.deepEqual(
      [snapshots[0].field, snapshots[0].expected, snapshots[0].actual, snapshots[0].cause?.signature, snapshots[0].cause?.event],
      ["liabilities.covers_reserved", "34", "35", "tx12", "OrderCancelled"],
    );
    assert.equal(state.pools[P].divergences, 1, "only that snapshot disagrees");
  });

  it("keeps the first divergence when the replay stays apart from the chain", () => {
    // A missing refund credit: every later snapshot disagrees on refunds_owed; one issue, at tx12.
    const txs = edited("tx12", ["refund_paid"], true);
    const state = replayAll(txs);
    const snapshots = state.issues.filter((issue) => issue.kind === "snapshot");
    assert.equal(snapshots[0].cause?.signature, "tx12");
    assert.ok(snapshots.every((issue) => issue.cause?.signature === "tx12"), "only the first divergent event is reported");
    assert.ok(state.pools[P].divergences > 1);
  });

  it("a vault below the money events is a divergence; above them an external inflow", () => {
    const short = replayAll(edited("tx8", ["books", "vault_balance"], 1149n));
    assert.deepEqual(
      short.issues.filter((issue) => issue.kind === "snapshot").map((issue) => [issue.field, issue.expected, issue.actual, issue.cause?.signature]),
      [["vault_balance", "1150", "1149", "tx8"]],
    );

    // 5 tokens sent to the vault directly show up in the next snapshot (and every later one).
    const txs = story();
    for (const tx of txs.slice(7)) {
      const books = tx.events[0].data.books as { vault_balance: bigint } | undefined;
      if (books) books.vault_balance += 5n;
    }
    const state = replayAll(txs);
    assert.deepEqual(state.issues, []);
    assert.equal(state.pools[P].external_inflow, 5n);
    assert.equal(state.pools[P].vault_balance, STORY_VAULT + 5n);
    assert.match(state.notes[0], /5 reached the vault outside the program before CapitalDeposited \(tx8\)/);
  });

  it("checks the running totals and claims events carry", () => {
    const wrongTotal = replayAll(edited("tx26", ["total_claimed"], 8n));
    assert.deepEqual(
      wrongTotal.issues.map((issue) => [issue.kind, issue.entity, issue.field, issue.expected, issue.actual, issue.cause?.signature]),
      [["event", "node NODE_R", "commission_claimed", "7", "8", "tx26"]],
    );
    const deposit = replayAll(edited("tx8", ["total_deposited"], 999n));
    assert.equal(deposit.issues[0].field, "totals.capital_deposited");
    // A vested claim beyond the compensation.
    const vested = replayAll(edited("tx17", ["claimed_total"], 25n));
    assert.ok(vested.issues.some((issue) => issue.field === "vested_claimed" && issue.cause?.signature === "tx17"));
  });

  it("compares a closing event's final state with the replayed account", () => {
    const txs = story();
    const closing = txs.find((tx) => tx.events[0].name === "LiquidationCoverClosed")!;
    closing.events[0].data.final_state = coverState({ ...(closing.events[0].data.final_state as object), refund_owed: 3n });
    const state = replayAll(txs);
    assert.deepEqual(
      state.issues.map((issue) => [issue.entity, issue.field, issue.expected, issue.actual, issue.cause?.event]),
      [["cover K1 (closing event)", "refund_owed", "0", "3", "LiquidationCoverClosed"]],
    );
  });

  it("an event for a pool, cover or node the history never created is reported", () => {
    const txs = story().filter((tx) => tx.signature !== "tx9"); // K1's purchase missing
    const state = replayAll(txs);
    assert.ok(state.issues.some((issue) => issue.kind === "history" && issue.entity === "liquidation cover K1" && issue.cause?.signature === "tx10"));
    const orphan = replayAll(story().slice(1));
    assert.ok(orphan.issues.every((issue) => issue.kind === "history"));
    assert.equal(orphan.issues[0].field, "PoolInitialized");
  });

  it("audits only the selected pools", () => {
    const both = [...story(), ...story(OTHER_POOL)].sort((a, b) => a.slot - b.slot);
    const onlyP = replayAll(both, [P]);
    assert.deepEqual(Object.keys(onlyP.pools), [P]);
    assert.deepEqual(onlyP.issues, []);
    assert.deepEqual(onlyP.pools[P].totals, STORY_TOTALS);
    assert.ok(Object.values(onlyP.nodes).every((node) => node.pool === P));
    assert.deepEqual(onlyP.passive_events, { MarketExposureClosed: 1, PauseChanged: 1 }, "the other pool's passive events are not counted");
    const all = replayAll(both);
    assert.deepEqual(Object.keys(all.pools).sort(), [OTHER_POOL, P]);
    assert.deepEqual(all.issues, []);
    assert.deepEqual(all.pools[OTHER_POOL].totals, STORY_TOTALS);
  });

  it("resuming from a saved state equals replaying at once", () => {
    const txs = story();
    const whole = replayAll(txs);
    for (const cut of [1, 9, 17, txs.length - 1]) {
      const dir = mkdtempSync(join(tmpdir(), "cip-audit-"));
      const file = join(dir, "state.json");
      saveState(file, replayAll(txs.slice(0, cut)));
      const resumed = replay(loadState(file)!, txs.slice(cut));
      rmSync(dir, { recursive: true, force: true });
      assert.deepEqual(resumed, whole, `cut after ${cut} transactions`);
      assert.equal(toJson(resumed), toJson(whole));
    }
    // The same with a divergence in the first half: its issue survives the resume.
    const divergent = edited("tx12", ["books", "liabilities", "covers_reserved"], 35n);
    const resumed = replay(cloneState(replayAll(divergent.slice(0, 13))), divergent.slice(13));
    assert.deepEqual(resumed, replayAll(divergent));
  });

  it("state files keep every bigint exactly", () => {
    const value = { big: 2n ** 127n - 1n, negative: -5n, key: "9n", nested: [{ $n: "not a bigint", other: 1 }] };
    assert.deepEqual(fromJson(toJson(value)), value);
  });
});

describe("events out of a transaction", () => {
  const coder = new BorshCoder(IDL);
  const eventAuthority = PublicKey.findProgramAddressSync([Buffer.from("__event_authority")], PROGRAM_ID)[0].toBase58();
  const pool = Keypair.generate().publicKey;

  async function eventData(paused: boolean): Promise<string> {
    const body = await coder.types.encode("PauseChanged", { pool, paused });
    const discriminator = Buffer.from((IDL.events ?? []).find((event) => event.name === "PauseChanged")!.discriminator);
    return utils.bytes.bs58.encode(Buffer.concat([EVENT_IX_TAG, discriminator, body]));
  }

  it("decodes base-58 exactly like bs58", () => {
    for (const length of [0, 1, 2, 7, 31, 32, 33, 100, 600]) {
      for (const zeros of [0, 1, 3]) {
        const bytes = Buffer.concat([Buffer.alloc(Math.min(zeros, length)), Keypair.generate().secretKey, Buffer.from(Array.from({ length }, (_, i) => (i * 37 + length) & 255))]).subarray(0, length);
        const text = utils.bytes.bs58.encode(bytes);
        assert.deepEqual(base58Decode(text), Buffer.from(bytes), `${length} bytes, ${zeros} leading zeros`);
      }
    }
    assert.throws(() => base58Decode("0OIl"), /invalid base-58/);
  });

  it("decodes the program's emit_cpi! inner instructions, in order, and nothing else", async () => {
    const other = Keypair.generate().publicKey.toBase58();
    const keys = [Keypair.generate().publicKey.toBase58(), pool.toBase58(), PROGRAM, eventAuthority, other];
    const tx = {
      slot: 7,
      transaction: { message: { accountKeys: keys } },
      meta: {
        err: null,
        innerInstructions: [
          // Listed out of order: the decoder sorts by the top-level instruction index.
          { index: 1, instructions: [{ programIdIndex: 2, accounts: [3], data: await eventData(false) }] },
          {
            index: 0,
            instructions: [
              { programIdIndex: 2, accounts: [3], data: await eventData(true) },
              // Another program's instruction with the same bytes, and ours without the authority.
              { programIdIndex: 4, accounts: [3], data: await eventData(true) },
              { programIdIndex: 2, accounts: [0], data: await eventData(true) },
              // Our program, not an event.
              { programIdIndex: 2, accounts: [3], data: utils.bytes.bs58.encode(Buffer.alloc(24, 1)) },
            ],
          },
        ],
      },
    };
    const events = eventsOfTransaction("sig", tx);
    assert.deepEqual(
      events.map((event) => [event.name, event.data.pool, event.data.paused, event.index, event.slot]),
      [
        ["PauseChanged", pool.toBase58(), true, 0, 7],
        ["PauseChanged", pool.toBase58(), false, 1, 7],
      ],
    );
    // A failed transaction has no events.
    assert.deepEqual(eventsOfTransaction("sig", { ...tx, meta: { ...tx.meta, err: { InstructionError: [0, "Custom"] } } }), []);
    // Loaded addresses (v0 transactions) count as account keys.
    const v0 = { ...tx, transaction: { message: { accountKeys: keys.slice(0, 2) } }, meta: { ...tx.meta, loadedAddresses: { writable: [], readonly: keys.slice(2) } } };
    assert.equal(eventsOfTransaction("sig", v0).length, 2);
  });
});
