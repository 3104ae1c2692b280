/**
 * The history layer against a fake JSON-RPC node (no validator): paging newest-first into an
 * oldest-first list, `until`, block order within a slot, batches (and a node that refuses them),
 * the bound on requests in flight, retries of transient failures and of transactions the node
 * does not have yet, and failed transactions skipped.
 */
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";

import { BorshCoder, utils } from "@anchor-lang/core";
import { Keypair, PublicKey } from "@solana/web3.js";

import { fetchTransactions, listSignatures, Rpc, type HistoryTransaction } from "../src/history";
import { EVENT_IX_TAG, IDL, PROGRAM_ID } from "../src/idl";

const coder = new BorshCoder(IDL);
const EVENT_AUTHORITY = PublicKey.findProgramAddressSync([Buffer.from("__event_authority")], PROGRAM_ID)[0].toBase58();
const POOL = Keypair.generate().publicKey;
const FAST_RETRY = { retries: 5, baseMs: 1, maxMs: 5 };

interface FakeTx {
  signature: string;
  slot: number;
  failed: boolean;
  paused: boolean;
}

/** 2 500 transactions, 2 per slot; every 100th failed. Listed by the node in the wrong order within a slot. */
const HISTORY: FakeTx[] = Array.from({ length: 2500 }, (_, i) => ({
  signature: `sig${String(i).padStart(5, "0")}`,
  slot: 1000 + Math.floor(i / 2),
  failed: i % 100 === 99,
  paused: i % 2 === 0,
}));

async function eventData(paused: boolean): Promise<string> {
  const body = await coder.types.encode("PauseChanged", { pool: POOL, paused });
  const discriminator = Buffer.from((IDL.events ?? []).find((event) => event.name === "PauseChanged")!.discriminator);
  return utils.bytes.bs58.encode(Buffer.concat([EVENT_IX_TAG, discriminator, body]));
}

class FakeNode {
  server!: http.Server;
  url = "";
  acceptBatches = true;
  inFlight = 0;
  maxInFlight = 0;
  calls: Record<string, number> = {};
  /** Per signature: how many times to answer null / fail with HTTP 429 before answering. */
  notYet = new Map<string, number>();
  throttled = new Map<string, number>();
  data: Record<string, string> = {};
  requested = new Set<string>();

  async start(): Promise<void> {
    this.data.true = await eventData(true);
    this.data.false = await eventData(false);
    this.server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", async () => {
        this.inFlight += 1;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        this.inFlight -= 1;
        const parsed = JSON.parse(body);
        if (Array.isArray(parsed) && !this.acceptBatches) {
          response.end(JSON.stringify({ error: { code: -32600, message: "Only method calls are supported" }, id: null }));
          return;
        }
        const requests = Array.isArray(parsed) ? parsed : [parsed];
        const throttle = requests.find((r) => r.method === "getTransaction" && (this.throttled.get(r.params[0]) ?? 0) > 0);
        if (throttle) {
          this.throttled.set(throttle.params[0], this.throttled.get(throttle.params[0])! - 1);
          response.statusCode = 429;
          response.end("Too Many Requests");
          return;
        }
        const answers = requests.map((r) => ({ jsonrpc: "2.0", id: r.id, result: this.answer(r.method, r.params) }));
        response.setHeader("content-type", "application/json");
        response.end(JSON.stringify(Array.isArray(parsed) ? answers : answers[0]));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(method: string, params: any[]): unknown {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
    if (method === "getSignaturesForAddress") {
      const { before, until, limit } = params[1];
      // Newest first; within a slot the node lists the *earlier* transaction first (wrong).
      const listed = [...HISTORY].sort((a, b) => b.slot - a.slot || a.signature.localeCompare(b.signature));
      let start = before ? listed.findIndex((tx) => tx.signature === before) + 1 : 0;
      const end = until ? listed.findIndex((tx) => tx.signature === until) : listed.length;
      start = Math.max(start, 0);
      return listed.slice(start, end < 0 ? listed.length : end).slice(0, limit).map((tx) => ({
        signature: tx.signature,
        slot: tx.slot,
        err: tx.failed ? { InstructionError: [0, { Custom: 1 }] } : null,
      }));
    }
    if (method === "getBlock") {
      return { signatures: HISTORY.filter((tx) => tx.slot === params[0]).map((tx) => tx.signature) };
    }
    if (method === "getTransaction") {
      this.requested.add(params[0]);
      const tx = HISTORY.find((candidate) => candidate.signature === params[0])!;
      const waits = this.notYet.get(tx.signature) ?? 0;
      if (waits > 0) {
        this.notYet.set(tx.signature, waits - 1);
        return null;
      }
      return {
        slot: tx.slot,
        transaction: { message: { accountKeys: [POOL.toBase58(), PROGRAM_ID.toBase58(), EVENT_AUTHORITY] } },
        meta: { err: null, innerInstructions: [{ index: 0, instructions: [{ programIdIndex: 1, accounts: [2], data: this.data[String(tx.paused)] }] }] },
      };
    }
    throw new Error(`unexpected ${method}`);
  }
}

async function collect(generator: AsyncGenerator<HistoryTransaction>): Promise<HistoryTransaction[]> {
  const out: HistoryTransaction[] = [];
  for await (const tx of generator) out.push(tx);
  return out;
}

describe("history", () => {
  const node = new FakeNode();
  before(() => node.start());
  after(() => node.server.close());

  it("lists the whole history oldest first in block order, and only what is newer than `until`", async () => {
    const rpc = new Rpc(node.url, FAST_RETRY, () => {}, 4);
    const pages: number[] = [];
    const all = await listSignatures(rpc, PROGRAM_ID, { commitment: "confirmed", blockOrder: true, onPage: (n) => pages.push(n) });
    assert.deepEqual(pages, [1000, 2000, 2500]);
    assert.deepEqual(all.map((info) => info.signature), HISTORY.map((tx) => tx.signature));
    assert.equal(all.filter((info) => info.failed).length, 25);
    // Without block order the node's (wrong) order within a slot stays.
    const trusting = await listSignatures(rpc, PROGRAM_ID, { commitment: "confirmed", blockOrder: false });
    assert.deepEqual(trusting.slice(0, 2).map((info) => info.signature), ["sig00001", "sig00000"]);
    const newer = await listSignatures(rpc, PROGRAM_ID, { until: "sig02400", commitment: "confirmed", blockOrder: true });
    assert.deepEqual(newer.map((info) => info.signature), HISTORY.slice(2402).map((tx) => tx.signature));
    // `until` is a position in the node's order: with the node's order within a slot wrong, the
    // rest of that slot comes back too; the audit therefore resumes by slot (whole slots only).
    const quirk = await listSignatures(rpc, PROGRAM_ID, { until: "sig02401", commitment: "confirmed", blockOrder: true });
    assert.deepEqual(quirk.map((info) => info.signature), ["sig02400", ...HISTORY.slice(2402).map((tx) => tx.signature)]);
    rpc.close();
  });

  for (const acceptBatches of [true, false]) {
    it(`fetches in order with ${acceptBatches ? "batches" : "a node refusing batches"}, within the bound, retrying what is not there yet`, async () => {
      node.acceptBatches = acceptBatches;
      node.maxInFlight = 0;
      node.calls = {};
      node.requested.clear();
      node.notYet.set("sig00010", 2);
      node.throttled.set("sig00300", 1);
      const logs: string[] = [];
      const rpc = new Rpc(node.url, FAST_RETRY, (line) => logs.push(line), 3);
      const signatures = await listSignatures(rpc, PROGRAM_ID, { commitment: "confirmed", blockOrder: true });
      const txs = await collect(fetchTransactions(rpc, signatures, { batchSize: 20, concurrency: 3, commitment: "confirmed" }));
      rpc.close();
      assert.deepEqual(txs.map((tx) => tx.signature), HISTORY.map((tx) => tx.signature));
      assert.ok(node.maxInFlight <= 3, `${node.maxInFlight} requests in flight`);
      // Failed transactions are not fetched and carry no events.
      assert.ok(HISTORY.filter((tx) => tx.failed).every((tx) => !node.requested.has(tx.signature)));
      assert.equal(node.requested.size, 2475);
      assert.ok(txs.filter((tx) => tx.failed).every((tx) => tx.events.length === 0));
      const events = txs.flatMap((tx) => tx.events);
      assert.equal(events.length, 2475);
      assert.deepEqual(
        events.slice(0, 2).map((event) => [event.name, event.data.paused, event.signature]),
        [
          ["PauseChanged", true, "sig00000"],
          ["PauseChanged", false, "sig00001"],
        ],
      );
      assert.ok(logs.some((line) => /not available yet|HTTP 429/.test(line)), logs.join("\n"));
      if (!acceptBatches) assert.ok(logs.some((line) => /refuses batch requests/.test(line)));
    });
  }
});
