/**
 * Creates a contract-insurance pool with a level preset, its markets and roles on any cluster,
 * printing every address. Safe to re-run: whatever exists (premium mint, pool, markets, role
 * keys) is reused and reported, never recreated.
 *
 *   tsx migrations/deploy.ts --url <cluster> [--preset a|b] [--premium-mint <address>] [--decimals 6]
 *       [--admin <keypair file>] [--reporter <file|pubkey>] [--oracle-authority <file|pubkey>]
 *       [--reviewer <file|pubkey>] [--market <id>:<SYMBOL>:authority|pyth:<feed hex>[:<base>:<quote>:<price>]]...
 *       [--keys-dir <dir>] [--out <deployment.json>] [--airdrop | --no-airdrop] [--capital <whole USDT>]
 *
 * Role keys: a keypair file, or a public key (the key stays with its owner), or nothing: then a
 * keypair is generated once into --keys-dir and reused on later runs (local use). Without
 * --premium-mint, a premium mint is created once (its address kept in --keys-dir) with the admin
 * as mint authority (local use). Without --market, markets 1 BTC-PERP and 2 ETH-PERP priced by
 * the oracle authority are added. --airdrop (default on localhost) tops up the admin and the
 * role keys with SOL.
 *
 * Role keys must be four distinct keys (admin, reporter, oracle authority, reviewer): the program
 * refuses anything else (`RoleKeysNotDistinct`), and the script checks it before sending.
 *
 * --capital deposits capital into the vault (`deposit_capital`) until the pool's total deposited
 * capital reaches that many whole tokens, so the pool can sell liquidation cover (each cover
 * reserves its worst case from the free capital). Default: 10 000 on a local cluster when this
 * script created the premium mint (it mints the capital to the admin first), else 0; with a given
 * mint the admin deposits from its own associated token account.
 *
 * Also usable from `anchor migrate` (default export taking the provider).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";

import type { AnchorProvider } from "@anchor-lang/core";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Connection, Keypair, PublicKey, clusterApiUrl } from "@solana/web3.js";

import {
  CipClient,
  LEVEL_NAMES,
  PRESET_NAMES,
  airdrop,
  createMint,
  defaultConfig,
  ensureTokenAccount,
  formatAmount,
  isKeypairSigner,
  mintTokens,
  pda,
  poolKeys,
  presetLevels,
  variant,
  type LevelPreset,
  type MarketParams,
  type Payer,
} from "@contract-insurance/sdk";

const UPGRADEABLE_LOADER = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");

export interface MarketSpec {
  id: number;
  symbol: string;
  oracle: MarketParams["oracle"];
  baseDecimals: number;
  quoteDecimals?: number;
  priceDecimals: number;
}

export interface DeployOptions {
  connection: Connection;
  admin: Payer;
  preset: LevelPreset;
  premiumMint?: PublicKey;
  decimals: number;
  roles: { reporter: RoleKey; oracleAuthority: RoleKey; reviewer: RoleKey };
  markets: MarketSpec[];
  keysDir: string;
  airdrop: boolean;
  /** Whole tokens of capital the pool should have been given in total (`deposit_capital`). */
  capital?: number;
  log?: (line: string) => void;
}

/** A role given as a keypair file, a public key, or nothing (generate into the keys dir). */
export type RoleKey = { file: string } | { pubkey: PublicKey } | { generate: string };

export interface Deployment {
  cluster: string;
  programId: string;
  preset: LevelPreset;
  pool: string;
  premiumMint: string;
  premiumDecimals: number;
  tokenProgram: string;
  vault: string;
  creditMint: string;
  admin: string;
  /** The premium mint's authority when this script created the mint (local use). */
  mintAuthority: string | null;
  roles: Record<"reporter" | "oracleAuthority" | "reviewer", { pubkey: string; keypairFile: string | null }>;
  markets: { id: number; symbol: string; address: string; markPriceFeed: string; oracle: string }[];
  /** Capital deposited in total (base units, as the pool's totals record it). */
  capitalDeposited: string;
  created: string[];
  existing: string[];
}

function loadKeypair(path: string): Keypair {
  return Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(path, "utf8")) as number[]));
}

/** Loads `path`, creating a fresh keypair file there first if it does not exist. */
function loadOrCreateKeypair(path: string): { keypair: Keypair; created: boolean } {
  if (existsSync(path)) return { keypair: loadKeypair(path), created: false };
  mkdirSync(dirname(path), { recursive: true });
  const keypair = Keypair.generate();
  writeFileSync(path, JSON.stringify([...keypair.secretKey]), { mode: 0o600 });
  return { keypair, created: true };
}

function resolveRole(role: RoleKey): { pubkey: PublicKey; keypairFile: string | null } {
  if ("pubkey" in role) return { pubkey: role.pubkey, keypairFile: null };
  const file = "file" in role ? role.file : role.generate;
  const { keypair } = "file" in role ? { keypair: loadKeypair(file) } : loadOrCreateKeypair(file);
  return { pubkey: keypair.publicKey, keypairFile: resolve(file) };
}

function symbolBytes(symbol: string): number[] {
  const bytes = Buffer.alloc(16);
  if (Buffer.byteLength(symbol) > 16) throw new Error(`market symbol ${symbol} is longer than 16 bytes`);
  bytes.write(symbol);
  return [...bytes];
}

export function symbolText(bytes: number[]): string {
  return Buffer.from(bytes).toString("utf8").replace(/\0+$/, "");
}

export async function deploy(options: DeployOptions): Promise<Deployment> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { connection, admin } = options;
  const client = new CipClient(connection);
  const created: string[] = [];
  const existing: string[] = [];
  mkdirSync(options.keysDir, { recursive: true });

  if (options.airdrop && (await connection.getBalance(admin.publicKey, "confirmed")) < 10e9) {
    await airdrop(connection, admin.publicKey, 100);
    log(`airdropped 100 SOL to the admin ${admin.publicKey.toBase58()}`);
  }

  // Premium mint: given, or created once at a keypair address kept in the keys dir.
  let premiumMint = options.premiumMint;
  let mintAuthority: PublicKey | null = null;
  if (!premiumMint) {
    const { keypair } = loadOrCreateKeypair(join(options.keysDir, "premium-mint.json"));
    premiumMint = keypair.publicKey;
    const info = await connection.getAccountInfo(premiumMint, "confirmed");
    if (!info) {
      await createMint(connection, admin, admin.publicKey, options.decimals, TOKEN_PROGRAM_ID, keypair);
      created.push(`premium mint ${premiumMint.toBase58()} (${options.decimals} decimals, authority = admin)`);
    } else {
      existing.push(`premium mint ${premiumMint.toBase58()}`);
    }
    mintAuthority = admin.publicKey;
  }
  const mintInfo = await connection.getAccountInfo(premiumMint, "confirmed");
  if (!mintInfo) throw new Error(`premium mint ${premiumMint.toBase58()} does not exist on this cluster`);
  const keys = poolKeys(premiumMint, mintInfo.owner);

  const roles = {
    reporter: resolveRole(options.roles.reporter),
    oracleAuthority: resolveRole(options.roles.oracleAuthority),
    reviewer: resolveRole(options.roles.reviewer),
  };
  assertDistinctRoles(admin.publicKey, roles);

  // On a local cluster the role keys pay their own fees from an airdrop.
  if (options.airdrop) {
    for (const [name, role] of Object.entries(roles)) {
      if ((await connection.getBalance(role.pubkey, "confirmed")) < 1e9) {
        await airdrop(connection, role.pubkey, 10);
        log(`airdropped 10 SOL to the ${name} ${role.pubkey.toBase58()}`);
      }
    }
  }

  // Pool.
  const poolInfo = await connection.getAccountInfo(keys.pool, "confirmed");
  if (!poolInfo) {
    const programAccount = await connection.getAccountInfo(client.programId, "confirmed");
    if (!programAccount) throw new Error(`program ${client.programId.toBase58()} is not deployed on this cluster`);
    // On an upgradeable deployment only the upgrade authority may create a pool.
    const programData = programAccount.owner.equals(UPGRADEABLE_LOADER)
      ? PublicKey.findProgramAddressSync([client.programId.toBuffer()], UPGRADEABLE_LOADER)[0]
      : null;
    const ix = await client.ix.initializePool({
      admin: admin.publicKey,
      keys,
      programData,
      args: {
        roles: {
          reporter: roles.reporter.pubkey,
          oracleAuthority: roles.oracleAuthority.pubkey,
          reviewer: roles.reviewer.pubkey,
        },
        config: defaultConfig(options.decimals, options.preset),
        levels: presetLevels(options.preset, options.decimals),
      },
    });
    await client.send([ix], admin);
    created.push(`pool ${keys.pool.toBase58()} (preset ${options.preset})`);
  } else {
    existing.push(`pool ${keys.pool.toBase58()}`);
  }
  const pool = await client.fetch.pool(keys.pool);
  if (!pool.admin.equals(admin.publicKey)) {
    log(`warning: the pool's admin is ${pool.admin.toBase58()}, not ${admin.publicKey.toBase58()}: markets cannot be added`);
  }
  for (const [name, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
    if (!pool.roles[name].equals(role.pubkey)) {
      log(`warning: the pool's ${name} is ${pool.roles[name].toBase58()}, not the requested ${role.pubkey.toBase58()} (left as is; use set_roles)`);
      role.pubkey = pool.roles[name];
      role.keypairFile = null;
    }
  }

  // Markets.
  const markets: Deployment["markets"] = [];
  for (const spec of options.markets) {
    const market = pda.market(keys.pool, spec.id);
    if (!(await connection.getAccountInfo(market, "confirmed"))) {
      const params: MarketParams = {
        symbol: symbolBytes(spec.symbol),
        assetClass: { crypto: {} },
        baseDecimals: spec.baseDecimals,
        quoteDecimals: spec.quoteDecimals ?? pool.premiumDecimals,
        priceDecimals: spec.priceDecimals,
        oracle: spec.oracle,
        liquidationCover: true,
        active: true,
      };
      await client.send([await client.ix.addMarket({ admin: admin.publicKey, pool: keys.pool, marketId: spec.id, params })], admin);
      created.push(`market ${spec.id} ${spec.symbol} ${market.toBase58()}`);
    } else {
      existing.push(`market ${spec.id} ${market.toBase58()}`);
    }
    const state = await client.fetch.market(market);
    markets.push({
      id: spec.id,
      symbol: symbolText(state.params.symbol),
      address: market.toBase58(),
      markPriceFeed: state.markPriceFeed.toBase58(),
      oracle: variant(state.params.oracle),
    });
  }

  // Capital: deposit up to the requested total.
  let poolState = await client.fetch.pool(keys.pool);
  const wanted = BigInt(options.capital ?? 0) * 10n ** BigInt(poolState.premiumDecimals);
  const deposited = BigInt(poolState.totals.capitalDeposited.toString());
  if (wanted > deposited) {
    const amount = wanted - deposited;
    const source = await ensureTokenAccount(connection, admin, premiumMint, admin.publicKey, keys.tokenProgram);
    if (mintAuthority && mintAuthority.equals(admin.publicKey)) {
      if (!isKeypairSigner(admin)) throw new Error("minting the capital needs the admin's keypair (the mint authority)");
      await mintTokens(connection, admin, premiumMint, source, admin, amount, poolState.premiumDecimals, keys.tokenProgram);
    }
    await client.send([await client.depositCapital({ depositor: admin.publicKey, keys, source, amount })], admin);
    created.push(`capital ${formatAmount(amount, poolState.premiumDecimals)} deposited into the vault`);
    poolState = await client.fetch.pool(keys.pool);
  } else if (wanted > 0n) {
    existing.push(`capital ${formatAmount(deposited, poolState.premiumDecimals)} deposited`);
  }

  return {
    cluster: connection.rpcEndpoint,
    programId: client.programId.toBase58(),
    preset: options.preset,
    pool: keys.pool.toBase58(),
    premiumMint: premiumMint.toBase58(),
    premiumDecimals: pool.premiumDecimals,
    tokenProgram: keys.tokenProgram.toBase58(),
    vault: keys.vault.toBase58(),
    creditMint: keys.creditMint.toBase58(),
    admin: pool.admin.toBase58(),
    mintAuthority: mintAuthority?.toBase58() ?? null,
    roles: {
      reporter: { pubkey: roles.reporter.pubkey.toBase58(), keypairFile: roles.reporter.keypairFile },
      oracleAuthority: { pubkey: roles.oracleAuthority.pubkey.toBase58(), keypairFile: roles.oracleAuthority.keypairFile },
      reviewer: { pubkey: roles.reviewer.pubkey.toBase58(), keypairFile: roles.reviewer.keypairFile },
    },
    markets,
    capitalDeposited: poolState.totals.capitalDeposited.toString(),
    created,
    existing,
  };
}

/** The program's rule, checked before anything is sent: admin and the three roles are four keys. */
export function assertDistinctRoles(admin: PublicKey, roles: Record<string, { pubkey: PublicKey }>): void {
  const named: [string, PublicKey][] = [["admin", admin], ...Object.entries(roles).map(([name, role]) => [name, role.pubkey] as [string, PublicKey])];
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      if (named[i][1].equals(named[j][1])) {
        throw new Error(`the ${named[i][0]} and the ${named[j][0]} are the same key ${named[i][1].toBase58()}: every role needs its own key (RoleKeysNotDistinct)`);
      }
    }
  }
}

// --- command line -----------------------------------------------------------------------------

const USAGE = `usage: tsx migrations/deploy.ts --url <cluster> [--preset a|b] [--premium-mint <address>] [--decimals 6]
    [--admin <keypair file>] [--reporter <file|pubkey>] [--oracle-authority <file|pubkey>] [--reviewer <file|pubkey>]
    [--market <id>:<SYMBOL>:authority|pyth:<feed hex>[:<base>:<quote>:<price>]]... [--keys-dir <dir>]
    [--out <deployment.json>] [--airdrop | --no-airdrop] [--capital <whole USDT>]`;

function parseMarket(text: string): MarketSpec {
  const parts = text.split(":");
  const [id, symbol, source] = parts;
  if (!id || !symbol || !source) throw new Error(`bad --market ${text}`);
  let oracle: MarketParams["oracle"];
  let rest: string[];
  if (source === "authority") {
    oracle = { authority: {} };
    rest = parts.slice(3);
  } else if (source === "pyth") {
    const feed = Buffer.from(parts[3] ?? "", "hex");
    if (feed.length !== 32) throw new Error(`--market ${text}: a Pyth feed id is 32 bytes of hex`);
    oracle = { pyth: { feedId: [...feed] } };
    rest = parts.slice(4);
  } else {
    throw new Error(`--market ${text}: source must be authority or pyth:<feed hex>`);
  }
  const [base, quote, price] = rest.map(Number);
  return {
    id: Number(id),
    symbol,
    oracle,
    baseDecimals: base ?? 6,
    quoteDecimals: quote,
    priceDecimals: price ?? 6,
  };
}

function roleArg(value: string | undefined, keysDir: string, name: string): RoleKey {
  if (!value) return { generate: join(keysDir, `${name}.json`) };
  if (existsSync(value)) return { file: value };
  try {
    return { pubkey: new PublicKey(value) };
  } catch {
    throw new Error(`--${name}: ${value} is neither a keypair file nor a public key`);
  }
}

function resolveUrl(url: string): string {
  if (url === "localnet" || url === "localhost") return "http://127.0.0.1:8899";
  if (url === "devnet" || url === "testnet" || url === "mainnet-beta") return clusterApiUrl(url);
  return url;
}

async function main(argv: string[]): Promise<void> {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "-h" || flag === "--help") {
      console.log(USAGE);
      return;
    }
    if (!flag.startsWith("--")) throw new Error(`unexpected argument ${flag}\n${USAGE}`);
    if (flag === "--airdrop" || flag === "--no-airdrop") {
      flags.set("airdrop", [flag === "--airdrop" ? "yes" : "no"]);
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    flags.set(flag.slice(2), [...(flags.get(flag.slice(2)) ?? []), value]);
  }
  const one = (name: string) => flags.get(name)?.at(-1);
  const url = one("url");
  if (!url) throw new Error(`--url is required\n${USAGE}`);
  const rpc = resolveUrl(url);
  const preset = (one("preset") ?? "a").toUpperCase();
  if (preset !== "A" && preset !== "B") throw new Error(`--preset must be a or b`);
  const keysDir = resolve(one("keys-dir") ?? ".cip-keys");
  const local = /127\.0\.0\.1|localhost/.test(rpc);
  // Admin: --admin (created there on a local cluster if missing), else the Solana CLI default
  // keypair, else (local cluster only) a key generated into the keys dir.
  const explicitAdmin = one("admin");
  const defaultAdmin = join(homedir(), ".config", "solana", "id.json");
  const adminFile = explicitAdmin ?? (existsSync(defaultAdmin) || !local ? defaultAdmin : join(keysDir, "admin.json"));
  if (!existsSync(adminFile) && !local) throw new Error(`admin keypair ${adminFile} not found`);
  const admin = loadOrCreateKeypair(adminFile).keypair;
  const markets = (flags.get("market") ?? ["1:BTC-PERP:authority", "2:ETH-PERP:authority"]).map(parseMarket);
  const capitalFlag = one("capital");
  if (capitalFlag !== undefined && !(Number.isSafeInteger(Number(capitalFlag)) && Number(capitalFlag) >= 0)) {
    throw new Error(`--capital must be a whole number of tokens`);
  }
  // Default: 10 000 on a local cluster when this script mints the premium (it can fund it).
  const capital = capitalFlag !== undefined ? Number(capitalFlag) : local && !one("premium-mint") ? 10_000 : 0;
  const connection = new Connection(rpc, { commitment: "confirmed" });

  console.log(`deploying contract-insurance pool, preset ${PRESET_NAMES[preset as LevelPreset]}, on ${rpc}`);
  const deployment = await deploy({
    connection,
    admin,
    preset: preset as LevelPreset,
    premiumMint: one("premium-mint") ? new PublicKey(one("premium-mint")!) : undefined,
    decimals: Number(one("decimals") ?? 6),
    roles: {
      reporter: roleArg(one("reporter"), keysDir, "reporter"),
      oracleAuthority: roleArg(one("oracle-authority"), keysDir, "oracle-authority"),
      reviewer: roleArg(one("reviewer"), keysDir, "reviewer"),
    },
    markets,
    keysDir,
    airdrop: (one("airdrop") ?? (local ? "yes" : "no")) === "yes",
    capital,
  });
  const adminFileUsed = resolve(adminFile);
  for (const line of deployment.created) console.log(`created   ${line}`);
  for (const line of deployment.existing) console.log(`exists    ${line}`);
  console.log(`program           ${deployment.programId}`);
  console.log(`pool              ${deployment.pool}`);
  console.log(`premium mint      ${deployment.premiumMint} (${deployment.premiumDecimals} decimals)`);
  console.log(`vault             ${deployment.vault}`);
  console.log(`credit mint       ${deployment.creditMint}`);
  console.log(`admin             ${deployment.admin} (${adminFileUsed})`);
  for (const [name, role] of Object.entries(deployment.roles)) {
    console.log(`${name.padEnd(17)} ${role.pubkey}${role.keypairFile ? ` (${role.keypairFile})` : ""}`);
  }
  for (const market of deployment.markets) {
    console.log(`market ${String(market.id).padEnd(10)} ${market.address} ${market.symbol} (${market.oracle}; feed ${market.markPriceFeed})`);
  }
  console.log(`levels            ${LEVEL_NAMES[deployment.preset].join(", ")}`);
  console.log(`capital           ${formatAmount(deployment.capitalDeposited, deployment.premiumDecimals)} deposited in total`);
  const out = one("out");
  if (out) {
    mkdirSync(dirname(resolve(out)), { recursive: true });
    writeFileSync(out, JSON.stringify({ ...deployment, adminKeypairFile: adminFileUsed }, null, 2) + "\n");
    console.log(`wrote ${resolve(out)}`);
  }
}

/** `anchor migrate` entry point: preset A on the provider's cluster, role keys generated locally. */
export default async function migrate(provider: AnchorProvider): Promise<void> {
  const keysDir = resolve(".cip-keys");
  const deployment = await deploy({
    connection: provider.connection,
    admin: provider.wallet as unknown as Payer,
    preset: "A",
    decimals: 6,
    roles: {
      reporter: { generate: join(keysDir, "reporter.json") },
      oracleAuthority: { generate: join(keysDir, "oracle-authority.json") },
      reviewer: { generate: join(keysDir, "reviewer.json") },
    },
    markets: [parseMarket("1:BTC-PERP:authority"), parseMarket("2:ETH-PERP:authority")],
    keysDir,
    airdrop: false,
  });
  console.log(JSON.stringify(deployment, null, 2));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`deploy failed: ${err?.message ?? err}`);
    process.exit(1);
  });
}
