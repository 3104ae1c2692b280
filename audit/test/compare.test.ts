/**
 * Account comparison across program versions: fields a later layout derives instead of storing
 * (`UserAccount.active_policy` → `active_policy_index`, `referral_node`, `Policy.credits_paid`,
 * `LiquidationCover.fill_state`) are compared when present and skipped when absent; any other
 * missing field is a mismatch.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { compareFields } from "../src/compare";
import { compareCover, emptyState, replay, type Issue, type Ref } from "../src/replay";
import { story } from "./story";

const cause: Ref = { signature: "sig", slot: 1, event: "PolicyPurchased", index: 0 };

describe("account comparison", () => {
  it("reads both account layouts", () => {
    const state = replay(emptyState("program"), story());
    const user = state.users.USER_A;
    const pairs: [string, unknown][] = [
      ["credits_owed", user.credits_owed],
      ["referral_node", user.referral_node],
      ["active_policy", user.active_policy],
      ["active_policy_index", user.active_policy_index],
    ];
    // The layout of this checkout: active_policy and referral_node stored.
    const before: Issue[] = [];
    compareFields(before, "POOL", "user", { credits_owed: 0n, referral_node: "NODE_A", active_policy: null }, pairs, cause);
    assert.deepEqual(before, []);
    // The shrunk layout: an index instead of the address, no referral node.
    const after: Issue[] = [];
    compareFields(after, "POOL", "user", { credits_owed: 0n, active_policy_index: 3n }, pairs, cause);
    assert.deepEqual(after.map((issue) => [issue.field, issue.expected, issue.actual]), [["active_policy_index", "null", "3"]]);
    // Any other field missing is a mismatch.
    const missing: Issue[] = [];
    compareFields(missing, "POOL", "user", { referral_node: "NODE_A" }, pairs, cause);
    assert.deepEqual(missing.map((issue) => [issue.field, issue.actual]), [["credits_owed", "absent from the account's layout"]]);

    // Covers without a stored fill state compare on everything else.
    const k1 = state.covers.K1;
    const account = {
      status: k1.status,
      outcome: k1.outcome,
      order_qty: k1.order_qty,
      filled_qty: k1.filled_qty,
      cancelled_qty: k1.cancelled_qty,
      insured_bought: k1.insured_bought,
      insured: k1.insured,
      reserve_bought: k1.reserve_bought,
      reserved: k1.reserved,
      refund_owed: k1.refund_owed,
      compensation: k1.compensation,
      vested_claimed: k1.vested_claimed,
      margin: 50n,
    };
    const reported: string[] = [];
    const note = (field: string) => {
      reported.push(field);
    };
    compareCover(k1, account, note);
    assert.deepEqual(reported, []);
    compareCover(k1, { ...account, fill_state: "Pending", refund_owed: 1n }, note);
    assert.deepEqual(reported, ["fill_state", "refund_owed"]);
  });
});
