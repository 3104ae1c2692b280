/**
 * Survey of the JSON-RPC and websocket methods a running validator serves, as @solana/web3.js
 * 1.99 sees them. Prints one line per method; no assertions. Used to compile the method table
 * in crates/validator/README.md; rerun it after upgrading surfpool-core.
 *
 *   cip-validator &            # or: RPC_URL=... npm run survey
 *   npm run survey
 */
import {
  Connection,
  Keypair,
  LAMPORTS_PER_SOL,
  SystemProgram,
  Transaction,
  type PublicKey,
} from "@solana/web3.js";
import {
  TOKEN_PROGRAM_ID,
  createMint,
  getOrCreateAssociatedTokenAccount,
  mintTo,
} from "@solana/spl-token";

const RPC_URL = process.env.RPC_URL ?? "http://127.0.0.1:8899";
const connection = new Connection(RPC_URL, "confirmed");

async function raw(method: string, params: unknown[] = []): Promise<any> {
  const response = await fetch(RPC_URL, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return response.json();
}

async function show(name: string, run: () => Promise<unknown>): Promise<void> {
  let text: string;
  try {
    text = JSON.stringify(await run());
  } catch (error) {
    text = `THREW ${String(error).split("\n")[0]}`;
  }
  console.log(`${name.padEnd(48)} ${text.length > 220 ? text.slice(0, 220) + "…" : text}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function transfer(from: Keypair, to: PublicKey, blockhash: { blockhash: string; lastValidBlockHeight: number }) {
  const tx = new Transaction({ feePayer: from.publicKey, ...blockhash }).add(
    SystemProgram.transfer({ fromPubkey: from.publicKey, toPubkey: to, lamports: 1_000_000 }),
  );
  tx.sign(from);
  return tx;
}

/** Resolves with the first notification, or "timeout"; the trigger runs once subscribed. */
function notification<T>(
  subscribe: (resolve: (value: T) => void) => number,
  unsubscribe: (id: number) => Promise<void>,
  trigger: () => Promise<unknown>,
): Promise<T | "timeout"> {
  return new Promise((resolve) => {
    const id = subscribe((value) => {
      resolve(value);
      unsubscribe(id).catch(() => {});
    });
    sleep(300).then(trigger);
    setTimeout(() => resolve("timeout"), 3000);
  });
}

async function main() {
  const payer = Keypair.generate();
  const airdrop = await connection.requestAirdrop(payer.publicKey, 10 * LAMPORTS_PER_SOL);
  await connection.confirmTransaction({ signature: airdrop, ...(await connection.getLatestBlockhash()) });
  const to = Keypair.generate().publicKey;

  console.log("-- cluster");
  await show("getHealth", async () => (await raw("getHealth")).result);
  await show("getVersion", () => connection.getVersion());
  await show("getSlot processed/confirmed/finalized", async () => [
    await connection.getSlot("processed"),
    await connection.getSlot("confirmed"),
    await connection.getSlot("finalized"),
  ]);
  await show("getBlockHeight", () => connection.getBlockHeight());
  await show("getEpochInfo", () => connection.getEpochInfo());
  await show("getLatestBlockhash", () => connection.getLatestBlockhash());
  await show("getMinimumBalanceForRentExemption(165)", () => connection.getMinimumBalanceForRentExemption(165));
  await show("getGenesisHash", () => connection.getGenesisHash());
  await show("getSupply", async () => (await connection.getSupply()).value.total);
  await show("getHighestSnapshotSlot", async () => (await raw("getHighestSnapshotSlot")).error);

  console.log("-- transactions");
  const blockhash = await connection.getLatestBlockhash();
  const tx = transfer(payer, to, blockhash);
  await show("simulateTransaction sigVerify", async () =>
    (await raw("simulateTransaction", [tx.serialize().toString("base64"), { encoding: "base64", sigVerify: true }])).result.value.err,
  );
  const corrupted = Buffer.from(tx.serialize());
  corrupted[10] ^= 1;
  await show("simulateTransaction bad signature", async () =>
    (await raw("simulateTransaction", [corrupted.toString("base64"), { encoding: "base64", sigVerify: true }])).result.value.err,
  );
  await show("sendTransaction bad signature", async () =>
    (await raw("sendTransaction", [corrupted.toString("base64"), { encoding: "base64" }])).error?.code,
  );
  const signature = await connection.sendRawTransaction(tx.serialize());
  await show("getSignatureStatuses right after send", async () => (await connection.getSignatureStatuses([signature])).value);
  await connection.confirmTransaction({ signature, ...blockhash }, "confirmed");
  await show("getSignatureStatuses after confirm", async () => (await connection.getSignatureStatuses([signature])).value);
  const confirmed = await connection.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
  await show("getTransaction blockTime vs now", async () => [confirmed?.blockTime, Math.floor(Date.now() / 1000)]);
  await show("getTransaction finalized (right away)", async () =>
    (await raw("getTransaction", [signature, { commitment: "finalized" }])).result === null ? null : "found",
  );
  await show("getBlockTime(slot)", () => connection.getBlockTime(confirmed!.slot));
  await show("getBlock (web3.js)", async () => (await connection.getBlock(confirmed!.slot, { maxSupportedTransactionVersion: 0 }))?.blockTime);
  await show("getBlock encoding json", async () =>
    (await raw("getBlock", [confirmed!.slot, { encoding: "json", commitment: "confirmed", maxSupportedTransactionVersion: 0 }]))
      .result.blockTime,
  );
  await show("getParsedTransaction", async () =>
    (await connection.getParsedTransaction(signature, { maxSupportedTransactionVersion: 0 }))?.transaction.message.instructions[0],
  );
  await show("getSignaturesForAddress", () => connection.getSignaturesForAddress(payer.publicKey, { limit: 2 }));
  await show("getFeeForMessage", async () => (await connection.getFeeForMessage(tx.compileMessage())).value);
  await show("isBlockhashValid", async () => (await connection.isBlockhashValid(blockhash.blockhash)).value);

  console.log("-- accounts and tokens");
  await show("getMultipleAccountsInfo", async () =>
    (await connection.getMultipleAccountsInfo([payer.publicKey, Keypair.generate().publicKey])).map((a) => a?.lamports ?? null),
  );
  const mint = await createMint(connection, payer, payer.publicKey, null, 6);
  const ata = await getOrCreateAssociatedTokenAccount(connection, payer, mint, payer.publicKey);
  await mintTo(connection, payer, mint, ata.address, payer, 1_000_000);
  await show("getTokenAccountBalance", async () => (await connection.getTokenAccountBalance(ata.address)).value);
  await show("getTokenSupply", async () => (await connection.getTokenSupply(mint)).value);
  await show("getParsedAccountInfo(mint)", async () => ((await connection.getParsedAccountInfo(mint)).value?.data as any)?.parsed?.type);
  await show("getTokenAccountsByOwner", async () => (await connection.getTokenAccountsByOwner(payer.publicKey, { mint })).value.length);
  await show("getProgramAccounts dataSize+memcmp", async () =>
    (await connection.getProgramAccounts(TOKEN_PROGRAM_ID, {
      filters: [{ dataSize: 165 }, { memcmp: { offset: 32, bytes: payer.publicKey.toBase58() } }],
    })).length,
  );
  await show("getAccountInfo dataSlice", async () =>
    (await raw("getAccountInfo", [mint.toBase58(), { encoding: "base64", dataSlice: { offset: 0, length: 4 } }])).result.value.data,
  );

  console.log("-- websocket");
  await show("slotSubscribe", () =>
    notification<number>((r) => connection.onSlotChange((s) => r(s.slot)), (id) => connection.removeSlotChangeListener(id), async () => {}),
  );
  await show("accountSubscribe", () => {
    const who = Keypair.generate().publicKey;
    return notification<number>(
      (r) => connection.onAccountChange(who, (a) => r(a.lamports), "confirmed"),
      (id) => connection.removeAccountChangeListener(id),
      () => connection.requestAirdrop(who, LAMPORTS_PER_SOL),
    );
  });
  await show("programSubscribe(system)", () =>
    notification<string>(
      (r) => connection.onProgramAccountChange(SystemProgram.programId, (a) => r(a.accountId.toBase58()), "confirmed"),
      (id) => connection.removeProgramAccountChangeListener(id),
      () => connection.requestAirdrop(Keypair.generate().publicKey, LAMPORTS_PER_SOL),
    ),
  );
  await show("logsSubscribe(mentions)", async () =>
    notification<number>(
      (r) => connection.onLogs(payer.publicKey, (l) => r(l.logs.length), "confirmed"),
      (id) => connection.removeOnLogsListener(id),
      async () =>
        connection.sendRawTransaction(
          transfer(payer, Keypair.generate().publicKey, await connection.getLatestBlockhash()).serialize(),
        ),
    ),
  );
  await show("rootSubscribe", async () => "not tried: rejected with -32091 and web3.js retries forever");

  console.log("-- confirmTransaction at processed (web3.js default)");
  const processed = new Connection(RPC_URL, "processed");
  let failures = 0;
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const latest = await processed.getLatestBlockhash();
    const started = performance.now();
    const sent = await processed.sendRawTransaction(
      transfer(payer, Keypair.generate().publicKey, latest).serialize(),
    );
    try {
      await processed.confirmTransaction({ signature: sent, ...latest }, "processed");
    } catch {
      failures++;
    }
    times.push(Math.round(performance.now() - started));
  }
  await show("10 confirmations: ms each / failures", async () => [times, failures]);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
