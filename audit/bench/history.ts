/**
 * Builds a long history on a local validator to measure cip-audit's speed:
 *
 *   tsx audit/bench/history.ts --url http://127.0.0.1:8899 [--traders 2000] [--in-flight 16]
 *
 * One pool (the integration test's set-up), then per trader a registration (SOL, premium tokens
 * and `register` in one transaction; 10 roots, everyone else referred by a root) and a policy
 * purchase (commission walk, books snapshot), every 100 traders a capital deposit. Transactions
 * are sent without waiting for each confirmation (`--in-flight` at a time), so several share a
 * slot, as on a busy cluster. Prints the pool address and the number of program transactions.
 */
import { BN } from "@anchor-lang/core";
import { createAssociatedTokenAccountIdempotentInstruction, createMintToInstruction, getAssociatedTokenAddressSync, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Connection, Keypair, LAMPORTS_PER_SOL, SystemProgram, Transaction, type TransactionInstruction } from "@solana/web3.js";

import { Activity, pdas, USD, type Trader } from "../../tests/ts/lib/audit-activity";

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

async function main() {
  const url = arg("--url", "http://127.0.0.1:8899");
  const traders = Number(arg("--traders", "2000"));
  const inFlight = Number(arg("--in-flight", "16"));
  const connection = new Connection(url, "confirmed");
  const activity = new Activity(connection, Keypair.generate());
  await activity.createPool();
  const admin = activity.admin;
  // 0.02 SOL and an associated token account per trader.
  for (let sol = 100; sol < traders * 0.025; sol += 100) {
    const signature = await connection.requestAirdrop(admin.publicKey, 100 * LAMPORTS_PER_SOL);
    await connection.confirmTransaction({ signature, ...(await connection.getLatestBlockhash("confirmed")) }, "confirmed");
  }
  const started = Date.now();

  let blockhash = (await connection.getLatestBlockhash("confirmed")).blockhash;
  let blockhashAt = Date.now();
  let sent = 0;
  const pending = new Set<Promise<void>>();
  const all: string[] = [];
  const submit = async (instructions: TransactionInstruction[], signers: Keypair[]) => {
    // A blockhash lives 150 slots (3 s at 20 ms slots): take a fresh one every second.
    if (Date.now() - blockhashAt > 1_000) {
      blockhash = (await connection.getLatestBlockhash("confirmed")).blockhash;
      blockhashAt = Date.now();
    }
    sent += 1;
    const tx = new Transaction({ feePayer: admin.publicKey, recentBlockhash: blockhash }).add(...instructions);
    tx.sign(admin, ...signers);
    const promise = connection.sendRawTransaction(tx.serialize(), { skipPreflight: true }).then((signature) => {
      all.push(signature);
    });
    pending.add(promise);
    promise.finally(() => pending.delete(promise));
    while (pending.size >= inFlight) await Promise.race(pending);
  };
  const drain = async () => {
    await Promise.all(pending);
    // Wait until the last one is confirmed.
    for (let attempt = 0; attempt < 600; attempt++) {
      const statuses = await connection.getSignatureStatuses(all.slice(-50));
      if (statuses.value.every((status) => status?.confirmationStatus === "confirmed" || status?.confirmationStatus === "finalized")) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    process.stderr.write("warning: some of the last transactions did not confirm within 60 s\n");
  };

  const people: Trader[] = [];
  const registerIx = async (wallet: Keypair, referrer: Trader | null): Promise<{ ixs: TransactionInstruction[]; trader: Trader }> => {
    const token = getAssociatedTokenAddressSync(activity.mint.publicKey, wallet.publicKey);
    const user = pdas.user(activity.pool, wallet.publicKey);
    const node = pdas.referralNode(activity.pool, wallet.publicKey);
    const ixs = [
      SystemProgram.transfer({ fromPubkey: admin.publicKey, toPubkey: wallet.publicKey, lamports: LAMPORTS_PER_SOL / 50 }),
      createAssociatedTokenAccountIdempotentInstruction(admin.publicKey, token, wallet.publicKey, activity.mint.publicKey),
      createMintToInstruction(activity.mint.publicKey, token, admin.publicKey, 100n * BigInt(USD)),
      await activity.m
        .register()
        .accountsStrict({ wallet: wallet.publicKey, pool: activity.pool, user, referralNode: node, referrerNode: referrer?.node ?? null, systemProgram: SystemProgram.programId, ...activity.event })
        .instruction(),
    ];
    return { ixs, trader: { wallet, token, user, node, uplines: referrer ? [referrer.node] : [], policies: 0, covers: 0 } };
  };

  // Roots first (confirmed), then everyone else.
  for (let i = 0; i < Math.min(10, traders); i++) {
    const { ixs, trader } = await registerIx(Keypair.generate(), null);
    await activity.send(ixs, [trader.wallet]);
    people.push(trader);
  }
  const roots = people.slice();
  for (let i = roots.length; i < traders; i++) {
    const { ixs, trader } = await registerIx(Keypair.generate(), roots[i % roots.length]);
    await submit(ixs, [trader.wallet]);
    people.push(trader);
  }
  await drain();
  process.stderr.write(`registered ${people.length} traders in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  for (const [i, trader] of people.entries()) {
    const policy = pdas.policy(activity.pool, trader.wallet.publicKey, 0);
    const ix = await activity.m
      .buyPolicy(new BN(0), new BN((1 + (i % 9)) * USD))
      .accountsStrict({
        trader: trader.wallet.publicKey,
        premiumMint: activity.mint.publicKey,
        pool: activity.pool,
        vault: activity.vault,
        tokenProgram: TOKEN_PROGRAM_ID,
        user: trader.user,
        referralNode: trader.node,
        policy,
        traderToken: trader.token,
        systemProgram: SystemProgram.programId,
        ...activity.event,
      })
      .remainingAccounts(trader.uplines.map((pubkey) => ({ pubkey, isSigner: false, isWritable: true })))
      .instruction();
    await submit([ix], [trader.wallet]);
    if (i % 100 === 99) {
      await submit(
        [
          await activity.m
            .depositCapital(new BN(10 * USD))
            .accountsStrict({ depositor: admin.publicKey, premiumMint: activity.mint.publicKey, pool: activity.pool, vault: activity.vault, tokenProgram: TOKEN_PROGRAM_ID, source: activity.adminToken, ...activity.event })
            .instruction(),
        ],
        [],
      );
    }
  }
  await drain();
  const seconds = (Date.now() - started) / 1000;
  process.stderr.write(`sent ${sent + roots.length + 2} transactions in ${seconds.toFixed(1)} s (${((sent + roots.length) / seconds).toFixed(0)} tx/s)\n`);
  process.stdout.write(`${JSON.stringify({ pool: activity.pool.toBase58(), transactions: sent + roots.length + 2 })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
