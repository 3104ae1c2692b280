/**
 * The SDK as a package used outside the workspace (issue 13, item 5): build it (`tsc`), `npm pack`
 * it, install the tarball into a temporary app outside the repository together with the peer
 * dependencies the app provides (the lock file's versions, from npm's cache or the registry),
 * then load it with plain Node — `require` and ESM `import`, no tsx — to derive PDAs and build an
 * instruction, and type-check a consumer against the shipped declarations. The results must equal
 * what the workspace's sources compute. No validator needed.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";

import { Connection, Keypair } from "@solana/web3.js";

import { CipClient, PROGRAM_ID, pda, poolKeys } from "@contract-insurance/sdk";

const run = promisify(execFile);
const REPO = resolve(__dirname, "..", "..");
const SDK = join(REPO, "sdk");
/** Plain Node for the consumer: no tsx loader inherited through NODE_OPTIONS. */
const PLAIN_ENV = { ...process.env, NODE_OPTIONS: "" };

/** The version the workspace's lock file installed (the app provides the same peers). */
function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")).version;
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string }[];
}

/** What the consumer scripts print: the same computation in CommonJS and in ESM. */
interface ConsumerOutput {
  programId: string;
  idlAddress: string;
  pool: string;
  vault: string;
  user: string;
  register: { programId: string; keys: [string, boolean, boolean][]; data: string };
  /** The SDK's PublicKey is the app's: one web3.js, shared through the peer dependency. */
  sharesWeb3: boolean;
  keypairSigner: boolean;
}

const CONSUMER_BODY = `
const mint = new PublicKey(process.argv[2]);
const wallet = new PublicKey(process.argv[3]);
const keys = sdk.poolKeys(mint);
// A bare Connection gives a read-only program; building an instruction never calls it.
const client = new sdk.CipClient(new Connection("http://127.0.0.1:9"));
const ix = await client.ix.register({ wallet, pool: keys.pool, referrerNode: null });
console.log(JSON.stringify({
  programId: sdk.PROGRAM_ID.toBase58(),
  idlAddress: idl.address,
  pool: keys.pool.toBase58(),
  vault: keys.vault.toBase58(),
  user: sdk.pda.user(keys.pool, wallet).toBase58(),
  register: {
    programId: ix.programId.toBase58(),
    keys: ix.keys.map((k) => [k.pubkey.toBase58(), k.isSigner, k.isWritable]),
    data: Buffer.from(ix.data).toString("hex"),
  },
  sharesWeb3: keys.pool instanceof PublicKey,
  keypairSigner: sdk.isKeypairSigner(Keypair.generate()),
}));
`;

const CONSUMER_CJS = `"use strict";
const sdk = require("@contract-insurance/sdk");
const idl = require("@contract-insurance/sdk/idl/contract_insurance.json");
const { Connection, Keypair, PublicKey } = require("@solana/web3.js");
(async () => {${CONSUMER_BODY}})().catch((err) => { console.error(err); process.exit(1); });
`;

const CONSUMER_MJS = `import { createRequire } from "node:module";
import * as web3 from "@solana/web3.js";
import { CipClient, PROGRAM_ID, isKeypairSigner, pda, poolKeys } from "@contract-insurance/sdk";
const { Connection, Keypair, PublicKey } = web3;
const idl = createRequire(import.meta.url)("@contract-insurance/sdk/idl/contract_insurance.json");
const sdk = { CipClient, PROGRAM_ID, isKeypairSigner, pda, poolKeys };
${CONSUMER_BODY}`;

/** A TypeScript consumer (node16 resolution: the `exports` map's `types`). */
const CONSUMER_TS = `import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { CipClient, pda, poolKeys, type Payer, type PoolKeys } from "@contract-insurance/sdk";

const client = new CipClient(new Connection("http://127.0.0.1:9"));
const keys: PoolKeys = poolKeys(PublicKey.default);
const payer: Payer = Keypair.generate();
const user: PublicKey = pda.user(keys.pool, payer.publicKey);
// @ts-expect-error the declarations are real types, not \`any\`
const wrong: number = user;
export { client, wrong };
`;

describe("the SDK packed and installed outside the workspace", () => {
  let dir: string;
  let app: string;
  let packed: PackResult;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cip-sdk-package-"));
    app = join(dir, "app");
    mkdirSync(app);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it("builds with tsc and packs dist/ (JS, declarations, the IDL) without sources", async (t) => {
    const started = Date.now();
    await run("npm", ["run", "--silent", "build"], { cwd: SDK });
    t.diagnostic(`build: ${Date.now() - started} ms`);
    // The build ran just above; prepack would run it again.
    const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: SDK });
    [packed] = JSON.parse(stdout) as PackResult[];
    t.diagnostic(`${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`);
    const files = packed.files.map((f) => f.path);
    for (const expected of [
      "package.json",
      "dist/sdk/src/index.js",
      "dist/sdk/src/index.d.ts",
      "dist/sdk/src/send.d.ts",
      "dist/idl/contract_insurance.json",
    ]) {
      assert.ok(files.includes(expected), `${expected} missing from the package`);
    }
    const sources = files.filter((f) => (f.endsWith(".ts") && !f.endsWith(".d.ts")) || f.startsWith("src/") || f.includes("tsconfig"));
    assert.deepEqual(sources, [], "no TypeScript sources or tsconfig in the package");
    const manifest = JSON.parse(readFileSync(join(SDK, "package.json"), "utf8"));
    assert.deepEqual(Object.keys(manifest.peerDependencies).sort(), ["@anchor-lang/core", "@solana/web3.js"]);
  });

  it("installs with the app's peer dependencies: one web3.js and one Anchor", async (t) => {
    assert.ok(packed, "packed by the previous test");
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "cip-sdk-consumer", version: "0.0.0", private: true }));
    const started = Date.now();
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
        join(dir, packed.filename),
        `@solana/web3.js@${installedVersion("@solana/web3.js")}`,
        `@anchor-lang/core@${installedVersion("@anchor-lang/core")}`,
        `@types/node@${installedVersion("@types/node")}`,
      ],
      { cwd: app, env: PLAIN_ENV },
    );
    t.diagnostic(`npm install: ${Date.now() - started} ms`);
    const installed = join(app, "node_modules", "@contract-insurance", "sdk");
    assert.ok(existsSync(join(installed, "dist", "sdk", "src", "index.js")));
    // Peers are the app's: nothing nested under the SDK.
    assert.equal(existsSync(join(installed, "node_modules", "@solana", "web3.js")), false);
    assert.equal(existsSync(join(installed, "node_modules", "@anchor-lang", "core")), false);
  });

  it("plain Node (require and import) derives PDAs and builds an instruction equal to the sources'", async () => {
    assert.ok(existsSync(join(app, "node_modules", "@contract-insurance", "sdk")), "installed by the previous test");
    writeFileSync(join(app, "consumer.cjs"), CONSUMER_CJS);
    writeFileSync(join(app, "consumer.mjs"), CONSUMER_MJS);
    const mint = Keypair.generate().publicKey;
    const wallet = Keypair.generate().publicKey;

    // The same computation with the workspace's sources.
    const keys = poolKeys(mint);
    const ix = await new CipClient(new Connection("http://127.0.0.1:9")).ix.register({ wallet, pool: keys.pool, referrerNode: null });
    const expected: ConsumerOutput = {
      programId: PROGRAM_ID.toBase58(),
      idlAddress: PROGRAM_ID.toBase58(),
      pool: keys.pool.toBase58(),
      vault: keys.vault.toBase58(),
      user: pda.user(keys.pool, wallet).toBase58(),
      register: {
        programId: PROGRAM_ID.toBase58(),
        keys: ix.keys.map((k) => [k.pubkey.toBase58(), k.isSigner, k.isWritable]),
        data: ix.data.toString("hex"),
      },
      sharesWeb3: true,
      keypairSigner: true,
    };
    assert.ok(expected.register.keys.some(([key, signer]) => key === wallet.toBase58() && signer), "the wallet signs register");

    for (const script of ["consumer.cjs", "consumer.mjs"]) {
      const { stdout } = await run(process.execPath, [script, mint.toBase58(), wallet.toBase58()], { cwd: app, env: PLAIN_ENV });
      assert.deepEqual(JSON.parse(stdout) as ConsumerOutput, expected, script);
    }
  });

  it("a TypeScript consumer type-checks against the shipped declarations (exports map, node16)", async () => {
    assert.ok(existsSync(join(app, "node_modules", "@contract-insurance", "sdk")), "installed by an earlier test");
    writeFileSync(join(app, "consumer.ts"), CONSUMER_TS);
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { module: "node16", moduleResolution: "node16", target: "ES2022", strict: true, noEmit: true, skipLibCheck: true, types: ["node"] },
        files: ["consumer.ts"],
      }),
    );
    const tsc = join(REPO, "node_modules", "typescript", "bin", "tsc");
    await run(process.execPath, [tsc, "-p", join(app, "tsconfig.json")], { cwd: app, env: PLAIN_ENV }).catch((err) => {
      assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
    });
  });
});
