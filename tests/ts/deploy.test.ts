/**
 * migrations/deploy.ts against cip-validator: creates a pool with the chosen preset, its markets,
 * four distinct role keys and the default capital (local cluster), prints the addresses; a second
 * run creates nothing, a larger --capital tops the deposit up, and a role key reused for two
 * roles is refused before anything is sent.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";

import { Connection, PublicKey } from "@solana/web3.js";

import { CipClient, LEVEL_NAMES, pda, variant } from "@contract-insurance/sdk";

import { RPC_URL } from "./lib/world";

const REPO = resolve(__dirname, "..", "..");
const run = promisify(execFile);

async function deploy(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", join(REPO, "migrations", "deploy.ts"), ...args], { cwd: REPO });
  return stdout;
}

const USD = 1_000_000n;

describe("migrations/deploy.ts", () => {
  const dir = mkdtempSync(join(tmpdir(), "cip-deploy-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("creates a preset B pool with a Pyth and an authority market; a re-run creates nothing", async () => {
    const feed = "ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d";
    const args = [
      "--url", RPC_URL,
      "--preset", "b",
      "--keys-dir", join(dir, "keys"),
      "--market", "1:BTC-PERP:authority",
      `--market`, `7:SOL-PERP:pyth:${feed}:9:6:8`,
      "--out", join(dir, "deployment.json"),
    ];
    const first = await deploy(args);
    assert.match(first, /created {3}premium mint/);
    assert.match(first, /created {3}pool .* \(preset B\)/);
    assert.match(first, /created {3}market 7 SOL-PERP/);
    assert.match(first, /created {3}capital 10,000\.000000 deposited into the vault/);
    const deployment = JSON.parse(readFileSync(join(dir, "deployment.json"), "utf8"));
    assert.equal(deployment.capitalDeposited, String(10_000n * USD));

    const client = new CipClient(new Connection(RPC_URL, "confirmed"));
    const pool = new PublicKey(deployment.pool);
    const state = await client.fetch.pool(pool);
    assert.equal(state.levels.length, LEVEL_NAMES.B.length);
    assert.equal(state.levels[10].rebateBps, 3_300);
    assert.equal(state.config.directBonusBps, 500);
    assert.ok(state.roles.reporter.equals(new PublicKey(deployment.roles.reporter.pubkey)));
    assert.ok(state.admin.equals(new PublicKey(deployment.admin)));
    const keys = [state.admin, state.roles.reporter, state.roles.oracleAuthority, state.roles.reviewer].map((k) => k.toBase58());
    assert.equal(new Set(keys).size, 4, "four distinct keys");
    // The default capital backs liquidation cover.
    const capacity = await client.capacity(pool);
    assert.equal(capacity.vaultBalance, 10_000n * USD);
    assert.equal(capacity.freeCapital, 10_000n * USD);
    assert.equal(BigInt(state.totals.capitalDeposited.toString()), 10_000n * USD);
    const sol = await client.fetch.market(pda.market(pool, 7));
    assert.equal(variant(sol.params.oracle), "pyth");
    assert.equal(Buffer.from((sol.params.oracle as { pyth: { feedId: number[] } }).pyth.feedId).toString("hex"), feed);
    assert.equal(sol.params.baseDecimals, 9);
    assert.equal(sol.params.priceDecimals, 8);

    const second = await deploy(args);
    assert.doesNotMatch(second, /created/);
    assert.match(second, /exists {4}pool/);
    assert.match(second, /exists {4}market 7/);
    assert.match(second, /exists {4}capital 10,000\.000000 deposited/);
    assert.equal(JSON.parse(readFileSync(join(dir, "deployment.json"), "utf8")).pool, deployment.pool);

    // A larger --capital tops the deposit up to that total.
    const third = await deploy([...args, "--capital", "12000"]);
    assert.match(third, /created {3}capital 2,000\.000000 deposited into the vault/);
    assert.equal((await client.capacity(pool)).vaultBalance, 12_000n * USD);
  });

  it("refuses a key used for two roles before sending anything", async () => {
    const keys = join(dir, "keys-shared");
    const reporter = join(keys, "reporter.json");
    await deploy(["--url", RPC_URL, "--keys-dir", keys, "--capital", "0", "--out", join(dir, "shared.json")]);
    await assert.rejects(
      deploy(["--url", RPC_URL, "--keys-dir", join(dir, "keys-other"), "--reporter", reporter, "--reviewer", reporter, "--capital", "0"]),
      (err: { stderr?: string; code?: number }) => {
        assert.equal(err.code, 1);
        assert.match(err.stderr ?? "", /the reporter and the reviewer are the same key .*RoleKeysNotDistinct/);
        return true;
      },
    );
  });
});
