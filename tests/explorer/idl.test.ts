/**
 * The program's IDL where explorers look for it, on a fresh cip-validator: `@solana/idl`'s
 * `fetchLatestIdls` (the solana-foundation explorer's lookup: the Program Metadata canonical `idl`
 * account, then the Anchor IDL account) and `@coral-xyz/anchor` 0.30's `Program.fetchIdl` (the
 * solana-labs explorer's) find exactly the checked-in JSON; the explorer's decoders
 * (`@coral-xyz/anchor` 0.30 coders, as pinned there) and `@anchor-lang/core`'s, fed with the
 * fetched IDL, decode a real `buy_policy` transaction from `getTransaction`: name, arguments,
 * every account and the `emit_cpi!` event. Also migrations/publish-idl.ts against the published
 * account (a re-run with an unchanged IDL sends nothing).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { before, describe, it } from "node:test";
import { promisify } from "node:util";

import * as anchorCore from "@anchor-lang/core";
import * as coral from "@coral-xyz/anchor";
import { idlAddress } from "@coral-xyz/anchor/dist/cjs/idl";
import {
  Compression,
  DataSource,
  Encoding,
  Format,
  PROGRAM_METADATA_PROGRAM_ADDRESS,
  ProgramMetadataInstruction,
  fetchMaybeMetadata,
  fetchMetadata,
  findCanonicalPda,
  getProgramDataPda,
  identifyProgramMetadataInstruction,
  packDirectData,
  parseInitializeInstruction,
  parseSetDataInstruction,
  parseWriteInstruction,
} from "@solana-program/program-metadata";
import { fetchIdl as fetchIdlPmpFirst, fetchLatestIdls } from "@solana/idl";
import {
  address,
  createSolanaRpc,
  flattenTransactionPlan,
  generateKeyPairSigner,
  type Address,
  type Instruction,
  type InstructionWithAccounts,
  type InstructionWithData,
  type AccountMeta,
  type ReadonlyUint8Array,
} from "@solana/kit";
import { Keypair, PublicKey, SystemProgram, type VersionedTransactionResponse } from "@solana/web3.js";

import { PROGRAM_ID, eventNamed, pda } from "@contract-insurance/sdk";

import { metadataClient, planIdlWrite, publishIdl } from "../../migrations/publish-idl";
import { RPC_URL, World, connect, type Trader } from "../ts/lib/world";

const REPO = resolve(__dirname, "..", "..");
const CHECKED_IN = readFileSync(join(REPO, "idl", "contract_insurance.json"), "utf8");
const EVENT_IX_TAG_LE = Buffer.from("1d9acb512ea545e4", "hex").reverse();
const run = promisify(execFile);

type IdlAccountItem = { name: string; accounts?: IdlAccountItem[] };
type RawIdl = { address: string; instructions: { name: string; accounts: IdlAccountItem[] }[] };

/** Leaf accounts in order, flattening nested groups (what the program really expects). */
function leafAccounts(items: IdlAccountItem[]): string[] {
  return items.flatMap((item) => (item.accounts ? leafAccounts(item.accounts) : [item.name]));
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Decoded values as plain JSON (BN and PublicKey as strings, keys camelCase) to compare decoders. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof PublicKey || (typeof value === "object" && "toBase58" in (value as object))) {
    return (value as PublicKey).toBase58();
  }
  if (typeof value === "object" && "toArrayLike" in (value as object)) return (value as { toString(): string }).toString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [camel(k), plain(v)]));
  }
  return value;
}

type PmpInstruction = Instruction & InstructionWithAccounts<readonly AccountMeta[]> & InstructionWithData<ReadonlyUint8Array>;

/**
 * What migrations/publish-idl.ts would send to write `idl` as `program`'s canonical metadata,
 * planned into transactions (not sent: cip-validator has no Program Metadata program).
 */
async function plannedWrite(idl: string, program: Address) {
  const authority = await generateKeyPairSigner();
  const client = await metadataClient(RPC_URL, authority);
  const [programData] = await getProgramDataPda(program);
  const [metadata] = await findCanonicalPda({ program, seed: "idl" });
  const existing = await fetchMaybeMetadata(createSolanaRpc(RPC_URL), metadata);
  const packed = packDirectData({ content: idl });
  const plan = await planIdlWrite(client, { program, programData, authority, payer: authority, packed, existing });
  const transactions = flattenTransactionPlan(await client.planTransactions(plan));
  const pmp = transactions
    .flatMap((tx) => tx.message.instructions)
    .filter((ix): ix is PmpInstruction => ix.programAddress === PROGRAM_METADATA_PROGRAM_ADDRESS);
  // Writes reassembled per target account, at their offsets.
  const written = new Map<string, Buffer>();
  for (const ix of pmp.filter((i) => identifyProgramMetadataInstruction(i) === ProgramMetadataInstruction.Write)) {
    const { accounts, data } = parseWriteInstruction(ix);
    assert.equal(data.data.__option, "Some");
    const chunk = Buffer.from(data.data.__option === "Some" ? data.data.value : []);
    const target = accounts.buffer.address;
    const current = written.get(target) ?? Buffer.alloc(0);
    const next = Buffer.alloc(Math.max(current.length, data.offset + chunk.length));
    current.copy(next);
    chunk.copy(next, data.offset);
    written.set(target, next);
  }
  const kinds = pmp.map((ix) => ProgramMetadataInstruction[identifyProgramMetadataInstruction(ix)]);
  return { authority: authority.address, programData, metadata, packed, transactions, pmp, written, kinds };
}

const nestedGroups = (JSON.parse(CHECKED_IN) as RawIdl).instructions
  .filter((ix) => ix.accounts.some((account) => account.accounts))
  .map((ix) => ix.name);

describe("IDL on chain: found and decoded as explorers do", () => {
  let world: World;
  let root: Trader;
  let trader: Trader;
  let signature: string;
  let sdkEvent: unknown;
  const premium = 100_000_000;

  before(async () => {
    world = await World.create({ preset: "A" });
    root = await world.newTrader(null, 100);
    trader = await world.newTrader(root, 1_000);
    const receipt = await world.buy(trader, premium);
    signature = receipt.signature;
    sdkEvent = eventNamed(receipt.events, "policyPurchased");
  });

  it("@solana/idl fetchLatestIdls finds the checked-in IDL in the Program Metadata and the Anchor account", async () => {
    const rpc = createSolanaRpc(RPC_URL);
    const program = address(PROGRAM_ID.toBase58());
    const latest = await fetchLatestIdls(rpc, program);
    assert.equal(latest.pmp.length, 1, "Program Metadata canonical idl account");
    assert.equal(latest.anchor.length, 1, "Anchor IDL account");
    assert.equal(latest.pmp[0].content, CHECKED_IN);
    assert.equal(latest.anchor[0].content, CHECKED_IN);
    assert.equal(latest.pmp[0].version, "0.1.0");

    const [canonical] = await findCanonicalPda({ program, seed: "idl" });
    assert.equal(latest.pmpAddress, canonical);
    const anchorAddress = await idlAddress(PROGRAM_ID);
    assert.equal(latest.anchorAddress, anchorAddress.toBase58());
    // The explorers' headline lookup (PMP first) parses to the same object.
    assert.deepEqual(await fetchIdlPmpFirst(rpc, program), JSON.parse(CHECKED_IN));
  });

  it("the Program Metadata account decodes with its client: canonical, JSON, zlib, direct, rent-exempt", async () => {
    const rpc = createSolanaRpc(RPC_URL);
    const program = address(PROGRAM_ID.toBase58());
    const [canonical] = await findCanonicalPda({ program, seed: "idl" });
    const metadata = await fetchMetadata(rpc, canonical);
    assert.equal(metadata.programAddress, PROGRAM_METADATA_PROGRAM_ADDRESS);
    assert.equal(metadata.data.program, program);
    assert.equal(metadata.data.canonical, true);
    assert.equal(metadata.data.mutable, true);
    assert.equal(metadata.data.authority.__option, "None");
    assert.equal(metadata.data.seed.replace(/\0+$/, ""), "idl");
    assert.equal(metadata.data.encoding, Encoding.Utf8);
    assert.equal(metadata.data.compression, Compression.Zlib);
    assert.equal(metadata.data.format, Format.Json);
    assert.equal(metadata.data.dataSource, DataSource.Direct);
    assert.equal(metadata.data.dataLength, metadata.data.data.length);

    const connection = connect();
    const info = await connection.getAccountInfo(new PublicKey(canonical));
    assert.ok(info);
    assert.equal(info.data.length, 96 + metadata.data.dataLength);
    assert.ok(info.lamports >= (await connection.getMinimumBalanceForRentExemption(info.data.length)));
  });

  it("@coral-xyz/anchor 0.30 Program.fetchIdl reads the Anchor IDL account (IdlAccount layout)", async () => {
    const connection = connect();
    const provider = new coral.AnchorProvider(connection, new coral.Wallet(Keypair.generate()), {});
    assert.deepEqual(await coral.Program.fetchIdl(PROGRAM_ID, provider), JSON.parse(CHECKED_IN));

    const info = await connection.getAccountInfo(await idlAddress(PROGRAM_ID));
    assert.ok(info);
    assert.ok(info.owner.equals(PROGRAM_ID));
    const discriminator = createHash("sha256").update("internal:IdlAccount").digest().subarray(0, 8);
    assert.deepEqual(info.data.subarray(0, 8), discriminator);
    assert.deepEqual(info.data.subarray(8, 40), Buffer.alloc(32), "erased authority");
    assert.equal(info.data.length, 44 + info.data.readUInt32LE(40));
    assert.ok(info.lamports >= (await connection.getMinimumBalanceForRentExemption(info.data.length)));
  });

  describe("a buy_policy transaction decoded with the fetched IDL", () => {
    let idl: RawIdl;
    let tx: VersionedTransactionResponse;
    let keys: PublicKey[];
    let ix: { programIdIndex: number; accountKeyIndexes: number[]; data: Uint8Array };
    let expected: Record<string, PublicKey>;
    let uplines: PublicKey[];

    before(async () => {
      const latest = await fetchLatestIdls(createSolanaRpc(RPC_URL), address(PROGRAM_ID.toBase58()));
      idl = JSON.parse(latest.pmp[0].content) as RawIdl;
      const fetched = await connect().getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
      assert.ok(fetched?.meta, "getTransaction");
      tx = fetched;
      keys = tx.transaction.message.staticAccountKeys;
      const ours = tx.transaction.message.compiledInstructions.filter((i) => keys[i.programIdIndex].equals(PROGRAM_ID));
      assert.equal(ours.length, 1);
      ix = ours[0];
      const pool = world.pool;
      const owner = trader.wallet.publicKey;
      expected = {
        trader: owner,
        pool,
        premium_mint: world.keys.premiumMint,
        vault: world.keys.vault,
        token_program: world.keys.tokenProgram,
        user: pda.user(pool, owner),
        referral_node: pda.referralNode(pool, owner),
        policy: pda.policy(pool, owner, 0),
        trader_token: trader.token,
        system_program: SystemProgram.programId,
        event_authority: pda.eventAuthority(),
        program: PROGRAM_ID,
      };
      uplines = [pda.referralNode(pool, root.wallet.publicKey)];
    });

    // Both decode as the explorer does: the coders built from `program.idl` (the IDL after
    // `new Program`, which converts names to camelCase).
    const libraries = [
      {
        name: "@coral-xyz/anchor 0.30 (explorer)",
        coders: (raw: RawIdl) => {
          const { idl } = new coral.Program(raw as unknown as coral.Idl, { connection: connect() } as coral.Provider);
          return { instruction: new coral.BorshInstructionCoder(idl), events: new coral.BorshEventCoder(idl) };
        },
      },
      {
        name: "@anchor-lang/core 1.2",
        coders: (raw: RawIdl) => {
          const { idl } = new anchorCore.Program(raw as unknown as anchorCore.Idl, { connection: connect() } as anchorCore.Provider);
          return { instruction: new anchorCore.BorshInstructionCoder(idl), events: new anchorCore.BorshEventCoder(idl) };
        },
      },
    ];

    for (const library of libraries) {
      it(`${library.name}: instruction name, arguments and the emit_cpi! event`, () => {
        const coders = library.coders(idl);
        const decoded = coders.instruction.decode(Buffer.from(ix.data));
        assert.ok(decoded, "instruction decoded");
        assert.equal(decoded.name, "buyPolicy");
        const args = decoded.data as { premium: { toString(): string }; policyIndex?: { toString(): string }; policy_index?: { toString(): string } };
        assert.equal(args.premium.toString(), String(premium));
        assert.equal((args.policyIndex ?? args.policy_index)?.toString(), "0");

        // The event: a self-CPI in the inner instructions, data = event-cpi tag, then the event.
        const inner = (tx.meta!.innerInstructions ?? []).flatMap((set) => set.instructions);
        const selfCpis = inner
          .filter((i) => keys[i.programIdIndex].equals(PROGRAM_ID))
          .map((i) => ({ accounts: i.accounts, data: Buffer.from(coral.utils.bytes.bs58.decode(i.data)) }))
          .filter((i) => i.data.subarray(0, 8).equals(EVENT_IX_TAG_LE));
        assert.equal(selfCpis.length, 1);
        assert.deepEqual(selfCpis[0].accounts.map((i) => keys[i].toBase58()), [pda.eventAuthority().toBase58()]);
        const event = coders.events.decode(selfCpis[0].data.subarray(8).toString("base64"));
        assert.ok(event, "event decoded");
        assert.equal(camel(event.name).replace(/^./, (c) => c.toLowerCase()), "policyPurchased");
        const fields = plain(event.data) as Record<string, unknown>;
        assert.equal(fields.pool, world.pool.toBase58());
        assert.equal(fields.owner, trader.wallet.publicKey.toBase58());
        assert.equal(fields.policy, expected.policy.toBase58());
        assert.equal((fields.terms as { premium: string }).premium, String(premium));
        assert.equal(fields.index, "0");
        assert.deepEqual(
          (fields.commissions as { referralNode: string }[]).map((share) => share.referralNode),
          uplines.map((key) => key.toBase58()),
        );
        // Every field equals the SDK's decoding of the same transaction (the checked-in IDL).
        assert.deepEqual(fields, plain(sdkEvent));
      });
    }

    it("every account at its index, flattening the IDL's account groups (remaining: the uplines)", () => {
      const names = leafAccounts(idl.instructions.find((i) => i.name === "buy_policy")!.accounts);
      assert.equal(names.length + uplines.length, ix.accountKeyIndexes.length);
      const actual = ix.accountKeyIndexes.map((i) => keys[i].toBase58());
      assert.deepEqual(actual, [...names.map((name) => expected[name]?.toBase58() ?? `unexpected account ${name}`), ...uplines.map((k) => k.toBase58())]);
    });

    it("a naive explorer's labels line up: the IDL's top-level accounts are the instruction's accounts", () => {
      // No instruction nests an account group any more (the pool's vault accounts are flat), so
      // explorers that label account i with the IDL's top-level account i are right everywhere.
      assert.deepEqual(nestedGroups, [], "instructions with nested account groups");
      // The solana-labs explorer labels account i with `idl.instructions[n].accounts[i].name`.
      const top = idl.instructions.find((i) => i.name === "buy_policy")!.accounts;
      assert.equal(top.length, ix.accountKeyIndexes.length - uplines.length);
      top.forEach((account, index) => {
        assert.equal(account.accounts, undefined, `${account.name} is a group`);
        assert.equal(keys[ix.accountKeyIndexes[index]].toBase58(), expected[account.name]?.toBase58(), `account ${index} (${account.name})`);
      });
    });
  });

  describe("migrations/publish-idl.ts", () => {
    it("re-run with the published IDL does nothing (no keypair needed, nothing sent)", async () => {
      const result = await publishIdl({ url: RPC_URL, idl: CHECKED_IN });
      assert.equal(result.status, "unchanged");
      assert.deepEqual(result.signatures, []);
      const [canonical] = await findCanonicalPda({ program: address(PROGRAM_ID.toBase58()), seed: "idl" });
      assert.equal(result.metadata, canonical);

      const { stdout } = await run(
        process.execPath,
        ["--import", "tsx", join(REPO, "migrations", "publish-idl.ts"), "--url", RPC_URL, "--keypair", "/nonexistent.json"],
        { cwd: REPO },
      );
      assert.match(stdout, new RegExp(`^unchanged +idl metadata ${canonical}`, "m"));
    });

    it("a changed IDL: planned as the real Program Metadata instructions (buffer writes, then set_data)", async () => {
      const changed = CHECKED_IN.replace('"version": "0.1.0"', '"version": "0.1.1"');
      const plan = await plannedWrite(changed, address(PROGRAM_ID.toBase58()));
      assert.ok(plan.transactions.length > 1, "18 KB needs a buffer written over several transactions");
      const [buffer, ...others] = [...plan.written.keys()];
      assert.deepEqual(others, []);
      assert.ok(plan.written.get(buffer)!.equals(Buffer.from(plan.packed.data)), "the buffer holds the zlib IDL");
      const setData = plan.pmp.filter((ix) => identifyProgramMetadataInstruction(ix) === ProgramMetadataInstruction.SetData);
      assert.equal(setData.length, 1);
      const { accounts, data } = parseSetDataInstruction(setData[0]);
      assert.equal(accounts.metadata.address, plan.metadata);
      assert.equal(accounts.authority.address, plan.authority);
      assert.equal(accounts.buffer?.address, buffer);
      assert.equal(accounts.program?.address, PROGRAM_ID.toBase58());
      assert.equal(accounts.programData?.address, plan.programData);
      assert.deepEqual([data.encoding, data.compression, data.format, data.dataSource], [Encoding.Utf8, Compression.Zlib, Format.Json, DataSource.Direct]);
    });

    it("a first publication: planned as buffer writes into the canonical account, then initialize", async () => {
      const program = address(Keypair.generate().publicKey.toBase58());
      const plan = await plannedWrite(CHECKED_IN, program);
      assert.ok(plan.written.get(plan.metadata)?.equals(Buffer.from(plan.packed.data)), "written into the metadata PDA");
      const initialize = plan.pmp.filter((ix) => identifyProgramMetadataInstruction(ix) === ProgramMetadataInstruction.Initialize);
      assert.equal(initialize.length, 1);
      const { accounts, data } = parseInitializeInstruction(initialize[0]);
      assert.equal(accounts.metadata.address, plan.metadata);
      assert.equal(accounts.authority.address, plan.authority);
      assert.equal(accounts.program.address, program);
      assert.equal(accounts.programData?.address, plan.programData);
      assert.equal(data.seed.replace(/\0+$/, ""), "idl");
      assert.deepEqual([data.encoding, data.compression, data.format, data.dataSource], [Encoding.Utf8, Compression.Zlib, Format.Json, DataSource.Direct]);
      assert.equal(plan.kinds.at(-1), "Initialize");
    });

    it("a changed IDL needs the upgrade authority, which a natively loaded program does not have", async () => {
      const changed = CHECKED_IN.replace('"version": "0.1.0"', '"version": "0.1.1"');
      assert.notEqual(changed, CHECKED_IN);
      await assert.rejects(
        publishIdl({ url: RPC_URL, idl: changed, dryRun: true }),
        /cannot resolve the upgrade authority of .*Unsupported loader program: NativeLoader1111111111111111111111111111111/,
      );
    });
  });
});
