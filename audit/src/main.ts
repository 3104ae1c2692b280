#!/usr/bin/env -S npx tsx
/**
 * cip-audit: rebuilds a contract-insurance pool's books from the program's events and checks them
 * against the chain. Read-only: it works against any cluster and needs no keypair.
 *
 *   tsx audit/src/main.ts --url <cluster> [--pool <address>]... [--json]
 *                         [--state <file> [--since <signature>]] [--concurrency <n>] [--batch <n>]
 *                         [--progress <n>] [--commitment confirmed|finalized] [--no-block-order]
 *
 * --url          JSON-RPC URL (or localnet, devnet, mainnet-beta); env CIP_RPC_URL
 * --pool         audit this pool (repeatable); default: every pool in the program's history
 * --state        load the replay state from this file if it exists, save it back (also every
 *                --checkpoint transactions): the next run only replays what is new
 * --since        resume after this signature; the --state file must have been saved there
 * --json         print the report as JSON on stdout (progress always goes to stderr)
 * --concurrency  getTransaction batch requests in flight (default 8)
 * --batch        getTransaction calls per JSON-RPC batch request (default 25; 1 = no batches)
 * --progress     a progress line on stderr every this many transactions (default 1000; 0 = none)
 * --checkpoint   save the state every this many transactions (default 5000)
 * --commitment   confirmed (default) or finalized
 * --no-block-order  trust the node's order of transactions within a slot (no getBlock calls)
 * --max-retries, --retry-base-ms  transient RPC failures: attempts and first backoff
 *
 * Exit status: 0 the books match the chain, 1 a mismatch (each is printed with the event that
 * caused it), 2 the audit could not run (bad usage, RPC failure).
 */
import { clusterApiUrl, PublicKey, type Cluster, type Commitment } from "@solana/web3.js";

import { DEFAULTS, runAudit, UsageError, type AuditOptions } from "./audit";
import { reportJson, reportText } from "./report";

const USAGE =
  "usage: cip-audit --url <cluster> [--pool <address>]... [--json] [--state <file> [--since <signature>]]\n" +
  "                 [--concurrency <n>] [--batch <n>] [--progress <n>] [--checkpoint <n>]\n" +
  "                 [--commitment confirmed|finalized] [--no-block-order] [--max-retries <n>] [--retry-base-ms <ms>]";

interface Args extends AuditOptions {
  json: boolean;
}

function positiveInteger(flag: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new UsageError(`${flag} must be a ${allowZero ? "non-negative" : "positive"} integer`);
  return value;
}

function resolveUrl(url: string): string {
  if (url === "localnet" || url === "localhost") return "http://127.0.0.1:8899";
  if (["devnet", "testnet", "mainnet-beta"].includes(url)) return clusterApiUrl(url as Cluster);
  return url;
}

export function parseArgs(argv: string[], log: (line: string) => void): Args {
  const args: Args = { ...DEFAULTS, retry: { ...DEFAULTS.retry }, url: process.env.CIP_RPC_URL ?? "", log, json: false, pools: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--url":
        args.url = value();
        break;
      case "--pool": {
        const pool = value();
        try {
          args.pools.push(new PublicKey(pool).toBase58());
        } catch {
          throw new UsageError(`--pool ${pool} is not a public key`);
        }
        break;
      }
      case "--since":
        args.since = value();
        break;
      case "--state":
        args.stateFile = value();
        break;
      case "--json":
        args.json = true;
        break;
      case "--concurrency":
        args.concurrency = positiveInteger(flag, value());
        break;
      case "--batch":
        args.batchSize = positiveInteger(flag, value());
        break;
      case "--progress":
        args.progressEvery = positiveInteger(flag, value(), true);
        break;
      case "--checkpoint":
        args.checkpointEvery = positiveInteger(flag, value());
        break;
      case "--commitment": {
        const commitment = value();
        if (commitment !== "confirmed" && commitment !== "finalized") throw new UsageError("--commitment must be confirmed or finalized");
        args.commitment = commitment as Commitment;
        break;
      }
      case "--no-block-order":
        args.blockOrder = false;
        break;
      case "--max-retries":
        args.retry.retries = positiveInteger(flag, value(), true);
        break;
      case "--retry-base-ms":
        args.retry.baseMs = positiveInteger(flag, value());
        break;
      case "-h":
      case "--help":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown argument ${flag}`);
    }
  }
  if (!args.url) throw new UsageError("--url is required (or CIP_RPC_URL)");
  args.pools = [...new Set(args.pools)];
  args.url = resolveUrl(args.url);
  return args;
}

async function main(): Promise<number> {
  const log = (line: string) => process.stderr.write(`[cip-audit] ${line}\n`);
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), log);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const report = await runAudit(args);
    process.stdout.write(`${args.json ? reportJson(report) : reportText(report)}\n`);
    const run = report.run;
    log(
      `${run.transactions} transactions, ${run.events} events in ${run.seconds.toFixed(2)} s (${run.transactions_per_second.toFixed(0)} tx/s); ` +
        (report.clean ? "clean" : `${report.mismatches} mismatch(es)`),
    );
    return report.clean ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
    } else {
      process.stderr.write(`cip-audit: ${(err as Error).stack ?? String(err)}\n`);
    }
    return 2;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
