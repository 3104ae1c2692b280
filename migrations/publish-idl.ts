/**
 * Publishes the program's IDL (idl/contract_insurance.json, byte for byte) as the program's
 * canonical `idl` metadata account of the Program Metadata program
 * (ProgM6JCCvbYkfKqJYHePx4xxSUSqJp7rh8Lyv7nk7S), where explorers and `@solana/idl` look first.
 * Anchor 1.x programs have no IDL instructions any more, so this replaces `anchor idl init`.
 *
 *   tsx migrations/publish-idl.ts --url <cluster> [--keypair <upgrade authority keypair>]
 *       [--payer <keypair>] [--idl idl/contract_insurance.json] [--program <id>] [--dry-run]
 *
 * Canonical metadata can only be written by the program's upgrade authority (loader v3), which
 * signs (--keypair, default ~/.config/solana/id.json); --payer pays rent and fees (default: the
 * authority). Idempotent: if the account already holds exactly this IDL as JSON, nothing is sent;
 * a changed IDL updates the account (the client writes through a buffer when the data does not
 * fit one transaction). Data: UTF-8, zlib, format JSON, stored directly in the account.
 *
 * Also usable from `anchor migrate` (default export taking the provider).
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

import type { AnchorProvider } from "@anchor-lang/core";
import {
  Compression,
  DataSource,
  Encoding,
  Format,
  PROGRAM_METADATA_PROGRAM_ADDRESS,
  fetchMaybeMetadata,
  findCanonicalPda,
  getProgramAuthority,
  getWriteMetadataInstructionPlan,
  packDirectData,
  programMetadataProgram,
  unpackDirectData,
  type Metadata,
  type PackedData,
} from "@solana-program/program-metadata";
import {
  address,
  createClient,
  createKeyPairSignerFromBytes,
  createSolanaRpc,
  type Address,
  type InstructionPlan,
  type KeyPairSigner,
  type MaybeAccount,
  type TransactionSigner,
} from "@solana/kit";
import { solanaRpc } from "@solana/kit-plugin-rpc";
import { identity, payer } from "@solana/kit-plugin-signer";

const USAGE = `usage: tsx migrations/publish-idl.ts --url <cluster> [--keypair <upgrade authority keypair>]
    [--payer <keypair>] [--idl idl/contract_insurance.json] [--program <id>] [--dry-run]`;

export const IDL_SEED = "idl";
export const DEFAULT_IDL = resolve(__dirname, "..", "idl", "contract_insurance.json");

export interface PublishIdlOptions {
  /** JSON-RPC URL; the websocket is the next port (or the same host with ws://). */
  url: string;
  /** The IDL text to publish (exactly as stored). */
  idl: string;
  /** Program id; defaults to the IDL's `address`. */
  program?: Address;
  /** The program's upgrade authority (signs). Not needed when nothing changes or on a dry run. */
  authority?: KeyPairSigner;
  /** Pays rent and fees; defaults to the authority. */
  payer?: KeyPairSigner;
  dryRun?: boolean;
}

export interface PublishIdlResult {
  status: "unchanged" | "created" | "updated" | "would-create" | "would-update";
  program: Address;
  metadata: Address;
  /** Size of the zlib-compressed IDL in the account (bytes). */
  compressedBytes: number;
  rawBytes: number;
  authority?: Address;
  signatures: string[];
}

/** The canonical `idl` metadata account of `program`. */
export async function idlMetadataAddress(program: Address): Promise<Address> {
  const [metadata] = await findCanonicalPda({ program, seed: IDL_SEED });
  return metadata;
}

/** A kit client for `url` with the Program Metadata plugin; `payer` pays, `authority` signs. */
export async function metadataClient(url: string, authority: TransactionSigner, payerSigner: TransactionSigner = authority) {
  return await createClient()
    .use(payer(payerSigner))
    .use(identity(authority))
    .use(solanaRpc({ rpcUrl: url, rpcSubscriptionsUrl: websocketUrl(url) }))
    .use(programMetadataProgram());
}

/**
 * The instructions that make the canonical `idl` account hold `packed` (JSON): create it (through
 * a buffer when the data does not fit one transaction) or update it (set data, extend or trim).
 */
export async function planIdlWrite(
  client: Awaited<ReturnType<typeof metadataClient>>,
  input: {
    program: Address;
    programData?: Address;
    authority: TransactionSigner;
    payer: TransactionSigner;
    packed: PackedData;
    existing: MaybeAccount<Metadata>;
  },
): Promise<InstructionPlan> {
  return await getWriteMetadataInstructionPlan(client, {
    metadata: input.existing,
    authority: input.authority,
    payer: input.payer,
    program: input.program,
    programData: input.programData,
    seed: IDL_SEED,
    encoding: input.packed.encoding,
    compression: input.packed.compression,
    format: Format.Json,
    dataSource: input.packed.dataSource,
    data: input.packed.data,
  });
}

function websocketUrl(url: string): string {
  const u = new URL(url);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  // A local validator (and cip-validator) serves the websocket on the RPC port + 1.
  if (u.port) u.port = String(Number(u.port) + 1);
  return u.toString();
}

export async function publishIdl(options: PublishIdlOptions): Promise<PublishIdlResult> {
  const program = options.program ?? address(String((JSON.parse(options.idl) as { address?: string }).address));
  const rpc = createSolanaRpc(options.url);
  const metadata = await idlMetadataAddress(program);
  const packed = packDirectData({ content: options.idl, compression: Compression.Zlib, encoding: Encoding.Utf8 });
  const base = {
    program,
    metadata,
    compressedBytes: packed.data.length,
    rawBytes: Buffer.byteLength(options.idl),
    signatures: [] as string[],
  };

  const existing = await fetchMaybeMetadata(rpc, metadata);
  if (existing.exists) {
    const current = existing.data;
    const content = current.dataSource === DataSource.Direct ? tryUnpack(current) : undefined;
    if (content === options.idl && current.format === Format.Json) return { ...base, status: "unchanged" };
    if (!current.mutable) throw new Error(`the metadata account ${metadata} is immutable and holds a different IDL`);
  }

  // Only the program's upgrade authority may write canonical metadata.
  const { authority, programData } = await getProgramAuthority(rpc, program).catch((err: Error) => {
    throw new Error(`cannot resolve the upgrade authority of ${program}: ${err.message}`);
  });
  if (!authority) throw new Error(`program ${program} has no upgrade authority (immutable): canonical metadata cannot be written`);
  const status = existing.exists ? "updated" : "created";
  if (options.dryRun) return { ...base, status: existing.exists ? "would-update" : "would-create", authority };
  if (!options.authority) throw new Error(`signing needs the upgrade authority ${authority} (--keypair)`);
  if (options.authority.address !== authority) {
    throw new Error(`--keypair ${options.authority.address} is not the upgrade authority ${authority} of ${program}`);
  }

  const payerSigner = options.payer ?? options.authority;
  const client = await metadataClient(options.url, options.authority, payerSigner);
  const plan = await planIdlWrite(client, {
    program,
    programData,
    authority: options.authority,
    payer: payerSigner,
    packed,
    existing,
  });
  const signatures = collectSignatures(await client.sendTransactions(plan));

  // Read it back: the account must now hold exactly this IDL.
  const written = await fetchMaybeMetadata(rpc, metadata);
  if (!written.exists || tryUnpack(written.data) !== options.idl) {
    throw new Error(`after writing, ${metadata} does not hold the IDL`);
  }
  return { ...base, status, authority, signatures };
}

function tryUnpack(data: Parameters<typeof unpackDirectData>[0]): string | undefined {
  try {
    return unpackDirectData(data);
  } catch {
    return undefined;
  }
}

/** Signatures of the successful transactions in a transaction plan result (any nesting). */
function collectSignatures(result: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    const n = node as { kind?: string; status?: string; plans?: unknown[]; context?: { signature?: string } };
    if (Array.isArray(n.plans)) n.plans.forEach(walk);
    if (n.kind === "single" && n.status === "successful" && n.context?.signature) out.push(n.context.signature);
  };
  walk(result);
  return out;
}

async function loadSigner(path: string): Promise<KeyPairSigner> {
  const bytes = Uint8Array.from(JSON.parse(readFileSync(path, "utf8")) as number[]);
  return await createKeyPairSignerFromBytes(bytes);
}

function resolveUrl(url: string): string {
  if (url === "localnet" || url === "localhost") return "http://127.0.0.1:8899";
  if (url === "devnet" || url === "testnet" || url === "mainnet-beta") return `https://api.${url}.solana.com`;
  return url;
}

async function main(argv: string[]): Promise<void> {
  const flags = new Map<string, string>();
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === "-h" || flag === "--help") {
      console.log(USAGE);
      return;
    }
    if (flag === "--dry-run") {
      dryRun = true;
      continue;
    }
    if (!flag.startsWith("--")) throw new Error(`unexpected argument ${flag}\n${USAGE}`);
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    flags.set(flag.slice(2), value);
  }
  for (const name of flags.keys()) {
    if (!["url", "keypair", "payer", "idl", "program"].includes(name)) throw new Error(`unknown flag --${name}\n${USAGE}`);
  }
  const url = flags.get("url");
  if (!url) throw new Error(`--url is required\n${USAGE}`);
  const idlFile = resolve(flags.get("idl") ?? DEFAULT_IDL);
  const keypairFile = flags.get("keypair") ?? join(homedir(), ".config", "solana", "id.json");
  const payerFile = flags.get("payer");

  // The keypair is loaded only when something has to be signed.
  const idl = readFileSync(idlFile, "utf8");
  const common = {
    url: resolveUrl(url),
    idl,
    program: flags.has("program") ? address(flags.get("program")!) : undefined,
  };
  let result = await publishIdl({ ...common, dryRun: true });
  if (!dryRun && result.status !== "unchanged") {
    const authority = await loadSigner(keypairFile);
    result = await publishIdl({ ...common, authority, payer: payerFile ? await loadSigner(payerFile) : undefined });
  }

  const verb = {
    unchanged: "unchanged   ",
    created: "created     ",
    updated: "updated     ",
    "would-create": "would create",
    "would-update": "would update",
  }[result.status];
  console.log(`${verb} idl metadata ${result.metadata} (Program Metadata ${PROGRAM_METADATA_PROGRAM_ADDRESS})`);
  console.log(`program           ${result.program}`);
  console.log(`idl               ${idlFile}: ${result.rawBytes} bytes, ${result.compressedBytes} bytes zlib`);
  if (result.authority) console.log(`upgrade authority ${result.authority}`);
  for (const signature of result.signatures) console.log(`transaction       ${signature}`);
}

/** `anchor migrate` entry point: publishes the checked-in IDL signed by the provider's wallet. */
export default async function migrate(provider: AnchorProvider): Promise<void> {
  const wallet = provider.wallet as unknown as { payer?: { secretKey: Uint8Array } };
  if (!wallet.payer) throw new Error("publish-idl needs a keypair wallet (the program's upgrade authority)");
  const authority = await createKeyPairSignerFromBytes(wallet.payer.secretKey);
  const result = await publishIdl({ url: provider.connection.rpcEndpoint, idl: readFileSync(DEFAULT_IDL, "utf8"), authority });
  console.log(JSON.stringify(result, null, 2));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`publish-idl failed: ${err?.message ?? err}`);
    process.exit(1);
  });
}
