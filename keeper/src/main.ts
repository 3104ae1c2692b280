#!/usr/bin/env -S npx tsx
/**
 * cip-keeper: watches a cluster and does the program's "anyone" work (see keeper.ts).
 *
 *   tsx keeper/src/main.ts --url <cluster> [--pool <address>]... [--keypair <file>]
 *                          [--interval <seconds>] [--once] [--batch-size <pairs>] [--no-close]
 *                          [--max-retries <n>] [--retry-base-ms <ms>]
 *
 * --url       JSON-RPC URL (or a moniker: localnet, devnet, mainnet-beta); env CIP_RPC_URL
 * --pool      only this pool (repeatable); default: every pool of the program
 * --keypair   fee payer (a Solana CLI keypair JSON file); default ~/.config/solana/id.json
 * --interval  seconds between rounds (default 30)
 * --once      one round, then exit: 0 if every due item is done or was already done, 1 otherwise
 * --batch-size  settlement pairs per transaction (default and most: 13, a legacy transaction's worth)
 * --no-close  leave finished accounts open (default: close them, rent back to whoever paid it)
 *
 * Mark prices come from each market's own feed (a PDA of the market): Authority markets need
 * nothing; for Pyth markets the keeper records the Pyth push-oracle account of the market's feed
 * id (shard 0) itself.
 *
 * Exit codes: 0 ok, 1 work left undone (--once) or the chain could not be read, 2 bad usage.
 * SIGINT/SIGTERM stop it after the current round.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

import { Connection, Keypair, PublicKey, clusterApiUrl } from "@solana/web3.js";

import { CipClient } from "@contract-insurance/sdk";

import { Keeper, count, summary } from "./keeper";
import { DEFAULT_RETRY, firstLine } from "./retry";

interface Args {
  url: string;
  pools: PublicKey[];
  keypair: string;
  intervalSeconds: number;
  once: boolean;
  batchSize?: number;
  close: boolean;
  retries: number;
  retryBaseMs: number;
}

const USAGE =
  "usage: cip-keeper --url <cluster> [--pool <address>]... [--keypair <file>] [--interval <seconds>] [--once]\n" +
  "                  [--batch-size <pairs>] [--no-close] [--max-retries <n>] [--retry-base-ms <ms>]";

function parseArgs(argv: string[]): Args {
  const args: Args = {
    url: process.env.CIP_RPC_URL ?? "",
    pools: [],
    keypair: join(homedir(), ".config", "solana", "id.json"),
    intervalSeconds: 30,
    once: false,
    close: true,
    retries: DEFAULT_RETRY.retries,
    retryBaseMs: DEFAULT_RETRY.baseMs,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--url":
        args.url = value();
        break;
      case "--pool":
        args.pools.push(new PublicKey(value()));
        break;
      case "--keypair":
        args.keypair = value();
        break;
      case "--interval":
        args.intervalSeconds = Number(value());
        if (!(args.intervalSeconds > 0)) throw new Error("--interval must be a positive number of seconds");
        break;
      case "--once":
        args.once = true;
        break;
      case "--batch-size":
        args.batchSize = Number(value());
        if (!(Number.isInteger(args.batchSize) && args.batchSize >= 1)) throw new Error("--batch-size must be a positive integer");
        break;
      case "--no-close":
        args.close = false;
        break;
      case "--max-retries":
        args.retries = Number(value());
        break;
      case "--retry-base-ms":
        args.retryBaseMs = Number(value());
        break;
      case "-h":
      case "--help":
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(`unknown argument ${flag}`);
    }
  }
  if (!args.url) throw new Error("--url is required");
  return args;
}

function resolveUrl(url: string): string {
  if (url === "localnet" || url === "localhost") return "http://127.0.0.1:8899";
  if (url === "devnet" || url === "testnet" || url === "mainnet-beta") return clusterApiUrl(url);
  return url;
}

function loadKeypair(path: string): Keypair {
  const bytes = JSON.parse(readFileSync(path, "utf8")) as number[];
  return Keypair.fromSecretKey(Uint8Array.from(bytes));
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`${firstLine(err)}\n${USAGE}`);
    return 2;
  }
  const log = (line: string) => console.log(`${new Date().toISOString()} [keeper] ${line}`);
  let payer: Keypair;
  try {
    payer = loadKeypair(args.keypair);
  } catch (err) {
    console.error(`cannot read keypair ${args.keypair}: ${firstLine(err)}`);
    return 2;
  }
  const url = resolveUrl(args.url);
  const connection = new Connection(url, { commitment: "confirmed" });
  const client = new CipClient(connection);
  const keeper = new Keeper({
    client,
    payer,
    pools: args.pools.length > 0 ? args.pools : undefined,
    batchSize: args.batchSize,
    close: args.close,
    retry: { ...DEFAULT_RETRY, retries: args.retries, baseMs: args.retryBaseMs },
    log,
  });
  log(
    `cluster ${url}, program ${client.programId.toBase58()}, payer ${payer.publicKey.toBase58()}, ` +
      `${args.pools.length > 0 ? `pools ${args.pools.map((p) => p.toBase58()).join(", ")}` : "all pools"}` +
      `${args.once ? ", one round" : `, every ${args.intervalSeconds} s`}`,
  );

  if (args.once) {
    try {
      const report = await keeper.runOnce();
      log(summary(report));
      return count(report, "failed") > 0 ? 1 : 0;
    } catch (err) {
      log(`round failed: ${firstLine(err)}`);
      return 1;
    }
  }

  const stop = new AbortController();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      log(`${signal}: stopping after the current round`);
      stop.abort();
    });
  }
  await keeper.run(args.intervalSeconds * 1000, stop.signal);
  log("stopped");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    // Not expected: Keeper.run never throws. Keep the process honest if it does.
    console.error(`keeper crashed: ${err?.stack ?? err}`);
    process.exit(1);
  },
);
