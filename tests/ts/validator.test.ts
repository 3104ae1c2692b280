/**
 * The validator itself, as a stock client sees it: @anchor-lang/core 1.2's `.rpc()` /
 * `.view()` / `account.fetch/.all()` and @solana/web3.js 1.99 against a running `cip-validator`
 * (scripts/ts-test.sh starts and stops it): validator-shaped logs, `AnchorError`s, the -32002
 * preflight answer, return data, websocket subscriptions, parallel requests, and blockhash reuse
 * by the stock web3.js helpers.
 *
 * Environment: RPC_URL (default http://127.0.0.1:8899), WS_URL (default: web3.js's choice, the
 * port above RPC_URL's), RPC_BENCH_TXS (confirmed `.rpc()` calls timed at the end, default 20),
 * SHOW_LOGS=1 (print the logs of initialize_pool and of the failing call).
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";

import {
  AnchorError,
  AnchorProvider,
  BN,
  Program,
  Wallet,
  type IdlEvents,
} from "@anchor-lang/core";
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  PublicKey,
  SYSVAR_CLOCK_PUBKEY,
  SystemProgram,
  Transaction,
  type VersionedTransactionResponse,
} from "@solana/web3.js";
import {
  TOKEN_PROGRAM_ID,
  createMint,
  getAccount,
  getAssociatedTokenAddressSync,
  getOrCreateAssociatedTokenAccount,
  mintTo,
} from "@solana/spl-token";

import {
  ContractInsuranceErrorCode,
  IDL,
  decodeEvents,
  defaultConfig,
  presetLevels,
  type ContractInsurance,
} from "@contract-insurance/sdk";

const RPC_URL = process.env.RPC_URL ?? "http://127.0.0.1:8899";
const WS_URL = process.env.WS_URL;
const BENCH_TXS = Number(process.env.RPC_BENCH_TXS ?? "20");
/** The validator's slot time, when the runner set it (scripts/ts-test.sh passes SLOT_TIME_MS). */
const SLOT_TIME_MS = Number(process.env.SLOT_TIME_MS ?? "400");
const DECIMALS = 6;

type Event = { name: string; data: any };

/** A raw JSON-RPC call (to see the error object exactly as the validator sends it). */
async function rpc(method: string, params: unknown[]): Promise<any> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return response.json();
}

/** `emit_cpi!` events of a transaction, decoded from its inner instructions (SDK decoder). */
function cpiEvents(program: Program<ContractInsurance>, tx: VersionedTransactionResponse): Event[] {
  return decodeEvents(program, tx);
}

async function getConfirmedTransaction(
  connection: Connection,
  signature: string,
): Promise<VersionedTransactionResponse> {
  const tx = await connection.getTransaction(signature, {
    commitment: "confirmed",
    maxSupportedTransactionVersion: 0,
  });
  assert.ok(tx, `getTransaction(${signature}) returned null`);
  return tx;
}

/** The cluster's unix time (Clock sysvar), which the program checks publish times against. */
async function clusterTime(connection: Connection): Promise<number> {
  const clock = await connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY, "confirmed");
  assert.ok(clock);
  return Number(clock.data.readBigInt64LE(32));
}

function defaultInitArgs(roles: {
  reporter: PublicKey;
  oracleAuthority: PublicKey;
  reviewer: PublicKey;
}) {
  // The spec's defaults (programs/contract-insurance/src/presets.rs, preset A) from the SDK.
  return { roles, config: defaultConfig(DECIMALS, "A"), levels: presetLevels("A", DECIMALS) };
}

describe("cip-validator as a stock Anchor client sees it", () => {
  const admin = Keypair.generate();
  const oracleAuthority = Keypair.generate();
  const connection = new Connection(RPC_URL, { commitment: "confirmed", wsEndpoint: WS_URL });
  const provider = new AnchorProvider(connection, new Wallet(admin), {
    commitment: "confirmed",
    preflightCommitment: "confirmed",
  });
  const program = new Program<ContractInsurance>(IDL, provider);

  let premiumMint: PublicKey;
  let pool: PublicKey;
  const traders = [Keypair.generate(), Keypair.generate()];
  const subscriptions: number[] = [];

  before(async () => {
    assert.equal((await rpc("getHealth", [])).result, "ok");
    for (const key of [admin, oracleAuthority, ...traders].map((k) => k.publicKey)) {
      const signature = await connection.requestAirdrop(key, 100 * LAMPORTS_PER_SOL);
      await connection.confirmTransaction(
        { signature, ...(await connection.getLatestBlockhash()) },
        "confirmed",
      );
    }
    assert.equal(await connection.getBalance(admin.publicKey), 100 * LAMPORTS_PER_SOL);
  });

  after(async () => {
    for (const id of subscriptions) await connection.removeAccountChangeListener(id).catch(() => {});
  });

  it("creates an SPL mint (SPL Token program as SBF)", async () => {
    premiumMint = await createMint(connection, admin, admin.publicKey, null, DECIMALS, undefined, {
      commitment: "confirmed",
    });
    const info = await connection.getParsedAccountInfo(premiumMint, "confirmed");
    assert.ok(info.value?.owner.equals(TOKEN_PROGRAM_ID));
  });

  it("initialize_pool: .rpc(), accounts, emit_cpi! event from getTransaction", async () => {
    [pool] = PublicKey.findProgramAddressSync(
      [Buffer.from("pool"), premiumMint.toBuffer()],
      program.programId,
    );
    const vault = getAssociatedTokenAddressSync(premiumMint, pool, true, TOKEN_PROGRAM_ID);
    const args = defaultInitArgs({
      reporter: Keypair.generate().publicKey,
      oracleAuthority: oracleAuthority.publicKey,
      reviewer: Keypair.generate().publicKey,
    });

    // accountSubscribe: the pool account appears.
    const poolCreated = new Promise<number>((resolve) => {
      subscriptions.push(
        connection.onAccountChange(pool, (account) => resolve(account.data.length), "confirmed"),
      );
    });

    const signature = await program.methods
      .initializePool(args)
      .accountsPartial({
        admin: admin.publicKey,
        premiumMint,
        vault,
        programData: null,
        tokenProgram: TOKEN_PROGRAM_ID,
      })
      .rpc();

    const state = await program.account.pool.fetch(pool);
    assert.ok(state.admin.equals(admin.publicKey));
    assert.ok(state.premiumMint.equals(premiumMint));
    assert.ok(state.vault.equals(vault));
    assert.equal(state.premiumDecimals, DECIMALS);
    assert.equal(state.levels.length, 4);
    assert.equal(state.config.tiers.length, 6);
    assert.ok(state.pendingAdmin === null);

    const tx = await getConfirmedTransaction(connection, signature);
    assert.equal(tx.meta?.err, null);
    const logs = tx.meta?.logMessages ?? [];
    if (process.env.SHOW_LOGS) console.log(logs.join("\n"));
    assert.ok(logs.includes("Program log: Instruction: InitializePool"), logs.join("\n"));
    assert.equal(logs[0], `Program ${program.programId} invoke [1]`);
    assert.equal(logs[logs.length - 1], `Program ${program.programId} success`);
    // No doubled invoke/success lines from the native runtime.
    for (let i = 1; i < logs.length; i++) {
      assert.notEqual(logs[i], logs[i - 1], `duplicate log line ${i}: ${logs[i]}`);
    }

    const events = cpiEvents(program, tx);
    assert.deepEqual(
      events.map((e) => e.name),
      ["poolInitialized"],
    );
    const event = events[0].data as IdlEvents<ContractInsurance>["poolInitialized"];
    assert.ok(event.pool.equals(pool));
    assert.ok(event.vault.equals(vault));
    assert.ok(event.roles.oracleAuthority.equals(oracleAuthority.publicKey));

    assert.ok((await poolCreated) > 0, "accountSubscribe notified");
  });

  it("register: PDAs resolved from the IDL, logsSubscribe, getProgramAccounts (memcmp)", async () => {
    const [trader, child] = traders;
    const logsSeen = new Promise<string[]>((resolve) => {
      const id = connection.onLogs(
        program.programId,
        (entry) => {
          if (entry.logs.includes("Program log: Instruction: Register")) resolve(entry.logs);
        },
        "confirmed",
      );
      subscriptions.push(id);
    });

    const signature = await program.methods
      .register()
      .accountsPartial({ wallet: trader.publicKey, pool, referrerNode: null })
      .signers([trader])
      .rpc();

    const [user] = PublicKey.findProgramAddressSync(
      [Buffer.from("user"), pool.toBuffer(), trader.publicKey.toBuffer()],
      program.programId,
    );
    const [node] = PublicKey.findProgramAddressSync(
      [Buffer.from("referral"), pool.toBuffer(), trader.publicKey.toBuffer()],
      program.programId,
    );
    const account = await program.account.userAccount.fetch(user);
    assert.ok(account.owner.equals(trader.publicKey));
    assert.equal(account.activePolicyIndex, null);
    assert.equal(account.openPositions, 0);

    const events = cpiEvents(program, await getConfirmedTransaction(connection, signature));
    assert.equal(events.length, 1);
    assert.equal(events[0].name, "userRegistered");
    assert.ok(events[0].data.owner.equals(trader.publicKey));
    assert.equal(events[0].data.referrer, null);

    // A second trader under the first: depth 1.
    await program.methods
      .register()
      .accountsPartial({ wallet: child.publicKey, pool, referrerNode: node })
      .signers([child])
      .rpc();
    const [childNode] = PublicKey.findProgramAddressSync(
      [Buffer.from("referral"), pool.toBuffer(), child.publicKey.toBuffer()],
      program.programId,
    );
    const childState = await program.account.referralNode.fetch(childNode);
    assert.equal(childState.depth, 1);
    assert.ok(childState.parent?.equals(node));

    // getProgramAccounts with a memcmp on the discriminator.
    const nodes = await program.account.referralNode.all([
      { memcmp: { offset: 8 + 2, bytes: pool.toBase58() } },
    ]);
    assert.equal(nodes.length, 2);
    const users = await program.account.userAccount.all([
      { memcmp: { offset: 8 + 2, bytes: pool.toBase58() } },
    ]);
    assert.equal(users.length, 2);

    const logs = await logsSeen;
    assert.ok(logs.some((line) => line.startsWith(`Program ${program.programId} invoke [1]`)));

    // Explorers: getSignaturesForAddress.
    const history = await connection.getSignaturesForAddress(pool, undefined, "confirmed");
    assert.ok(history.some((entry) => entry.signature === signature), "register in pool history");
  });

  it("a failing call raises a real AnchorError with the program's error code", async () => {
    const trader = Keypair.generate();
    const signature = await connection.requestAirdrop(trader.publicKey, LAMPORTS_PER_SOL);
    await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash()) });
    const [ownNode] = PublicKey.findProgramAddressSync(
      [Buffer.from("referral"), pool.toBuffer(), trader.publicKey.toBuffer()],
      program.programId,
    );

    await assert.rejects(
      program.methods
        .register()
        .accountsPartial({ wallet: trader.publicKey, pool, referrerNode: ownNode })
        .signers([trader])
        .rpc(),
      (err: unknown) => {
        assert.ok(err instanceof AnchorError, `not an AnchorError: ${err}`);
        if (process.env.SHOW_LOGS) console.log(err.logs.join("\n"));
        assert.equal(err.error.errorCode.code, "SelfReferral");
        assert.equal(err.error.errorCode.number, ContractInsuranceErrorCode.SelfReferral);
        assert.equal(err.error.errorMessage, "A wallet cannot refer itself");
        assert.ok(err.program.equals(program.programId));
        assert.ok(
          err.logs.some((line) => line.startsWith("Program log: AnchorError")),
          err.logs.join("\n"),
        );
        assert.ok(
          err.logs.some((line) =>
            line.startsWith(
              `Program ${program.programId} failed: custom program error: 0x${ContractInsuranceErrorCode.SelfReferral.toString(16)}`,
            ),
          ),
          err.logs.join("\n"),
        );
        return true;
      },
    );

    // Same failure through the raw JSON-RPC: sendTransaction preflight answers -32002 with logs.
    const ix = await program.methods
      .register()
      .accountsPartial({ wallet: trader.publicKey, pool, referrerNode: ownNode })
      .instruction();
    const tx = new Transaction().add(ix);
    tx.feePayer = trader.publicKey;
    tx.recentBlockhash = (await connection.getLatestBlockhash()).blockhash;
    tx.sign(trader);
    const response = await rpc("sendTransaction", [
      tx.serialize().toString("base64"),
      { encoding: "base64", preflightCommitment: "confirmed" },
    ]);
    assert.equal(response.error?.code, -32002);
    assert.deepEqual(response.error.data.err, {
      InstructionError: [0, { Custom: ContractInsuranceErrorCode.SelfReferral }],
    });
    assert.ok(
      response.error.data.logs.some((line: string) =>
        line.includes(`Error Code: SelfReferral. Error Number: ${ContractInsuranceErrorCode.SelfReferral}.`),
      ),
      JSON.stringify(response.error.data.logs),
    );
  });

  it("get_mark_price: simulateTransaction returnData and .view()", async () => {
    const marketId = 7;
    const symbol = Buffer.alloc(16);
    symbol.write("BTC-PERP");
    await program.methods
      .addMarket(marketId, {
        symbol: [...symbol],
        assetClass: { crypto: {} },
        baseDecimals: 8,
        quoteDecimals: DECIMALS,
        priceDecimals: 2,
        oracle: { authority: {} },
        liquidationCover: true,
        active: true,
      })
      .accountsPartial({ admin: admin.publicKey, pool })
      .rpc();
    const [market] = PublicKey.findProgramAddressSync(
      [Buffer.from("market"), pool.toBuffer(), new BN(marketId).toArrayLike(Buffer, "le", 2)],
      program.programId,
    );
    const marketState = await program.account.market.fetch(market);

    const publishTime = await clusterTime(connection);
    await program.methods
      .postMarkPrice(new BN(6_512_345), new BN(1_000), new BN(publishTime))
      .accountsPartial({
        oracleAuthority: oracleAuthority.publicKey,
        pool,
        market,
        markPriceFeed: marketState.markPriceFeed,
      })
      .signers([oracleAuthority])
      .rpc();

    const getMarkPrice = program.methods
      .getMarkPrice()
      .accountsPartial({ pool, market, markPriceFeed: marketState.markPriceFeed });

    // Raw simulateTransaction: returnData is the Borsh ValidatedPrice.
    const tx = await getMarkPrice.transaction();
    tx.feePayer = admin.publicKey;
    tx.recentBlockhash = (await connection.getLatestBlockhash()).blockhash;
    const simulation = await connection.simulateTransaction(tx);
    assert.equal(simulation.value.err, null, JSON.stringify(simulation.value.logs));
    const returnData = simulation.value.returnData;
    assert.ok(returnData, "simulateTransaction returned no returnData");
    assert.equal(returnData.programId, program.programId.toBase58());
    const bytes = Buffer.from(returnData.data[0], "base64");
    assert.equal(bytes.readBigUInt64LE(0), 6_512_345n);

    // Anchor's .view() reads the "Program return:" log line.
    const price = await getMarkPrice.view();
    assert.equal(price.price.toNumber(), 6_512_345);
    assert.equal(price.conf.toNumber(), 1_000);
    assert.equal(price.publishTime.toNumber(), publishTime);
    assert.equal(price.priceDecimals, 2);
  });

  it("parallel transactions and simulations keep their own logs", async () => {
    // The log bridge redirects the process's stdout while the native program runs: concurrent
    // requests must not see each other's program output.
    const simulations = Array.from({ length: 20 }, async () => {
      const wallet = Keypair.generate();
      const [ownNode] = PublicKey.findProgramAddressSync(
        [Buffer.from("referral"), pool.toBuffer(), wallet.publicKey.toBuffer()],
        program.programId,
      );
      const tx = await program.methods
        .register()
        .accountsPartial({ wallet: wallet.publicKey, pool, referrerNode: ownNode })
        .transaction();
      tx.feePayer = admin.publicKey;
      tx.recentBlockhash = (await connection.getLatestBlockhash()).blockhash;
      const logs = (await connection.simulateTransaction(tx)).value.logs ?? [];
      return (
        logs.filter((line) => line === "Program log: Instruction: Register").length === 1 &&
        logs.filter((line) => line.includes("Error Code: SelfReferral.")).length === 1
      );
    });
    const sends = Array.from({ length: 10 }, async () => {
      const wallet = Keypair.generate();
      const tx = new Transaction()
        .add(
          SystemProgram.transfer({
            fromPubkey: admin.publicKey,
            toPubkey: wallet.publicKey,
            lamports: LAMPORTS_PER_SOL / 10,
          }),
        )
        .add(
          await program.methods
            .register()
            .accountsPartial({ wallet: wallet.publicKey, pool, referrerNode: null })
            .instruction(),
        );
      const signature = await provider.sendAndConfirm(tx, [wallet]);
      const logs = (await getConfirmedTransaction(connection, signature)).meta?.logMessages ?? [];
      return (
        logs.filter((line) => line === "Program log: Instruction: Register").length === 1 &&
        !logs.some((line) => line.includes("AnchorError"))
      );
    });
    const results = await Promise.all([...simulations, ...sends]);
    assert.deepEqual(results, results.map(() => true));
  });

  it(`times ${BENCH_TXS} confirmed .rpc() calls`, async () => {
    const wallets = Array.from({ length: BENCH_TXS }, () => Keypair.generate());
    // Fund them from the admin, 15 transfers per transaction (packet size).
    for (let i = 0; i < wallets.length; i += 15) {
      const fund = new Transaction();
      for (const wallet of wallets.slice(i, i + 15)) {
        fund.add(
          SystemProgram.transfer({
            fromPubkey: admin.publicKey,
            toPubkey: wallet.publicKey,
            lamports: LAMPORTS_PER_SOL / 10,
          }),
        );
      }
      await provider.sendAndConfirm(fund);
    }

    const started = performance.now();
    for (const wallet of wallets) {
      await program.methods
        .register()
        .accountsPartial({ wallet: wallet.publicKey, pool, referrerNode: null })
        .signers([wallet])
        .rpc();
    }
    const perTx = (performance.now() - started) / BENCH_TXS;
    console.log(`# ${perTx.toFixed(1)} ms per confirmed .rpc() (register, ${BENCH_TXS} calls)`);
    const users = await program.account.userAccount.all([
      { memcmp: { offset: 8 + 2, bytes: pool.toBase58() } },
    ]);
    assert.equal(users.length, 2 + 10 + BENCH_TXS);
  });

  it(
    "web3.js helpers that reuse their cached blockhash still work late in the run",
    // web3.js's sendTransaction(tx, signers) reuses a blockhash for up to 30 s; a blockhash lives
    // 150 slots, so this needs slots of at least 200 ms (the validator's default is 400 ms).
    { skip: SLOT_TIME_MS < 250 && `slot time ${SLOT_TIME_MS} ms: blockhashes expire in 150 slots` },
    async () => {
      const ata = await getOrCreateAssociatedTokenAccount(connection, admin, premiumMint, admin.publicKey);
      await mintTo(connection, admin, premiumMint, ata.address, admin, 5_000_000);
      assert.equal((await getAccount(connection, ata.address)).amount, 5_000_000n);
    },
  );
});
