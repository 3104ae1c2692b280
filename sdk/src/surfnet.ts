/**
 * Local-validator helpers (cip-validator / surfpool only; a real cluster has no cheatcodes).
 */
import { SYSVAR_CLOCK_PUBKEY, type Connection, type PublicKey } from "@solana/web3.js";

/** The cluster's unix time (Clock sysvar), which the program checks times against. */
export async function clusterTime(connection: Connection): Promise<number> {
  const clock = await connection.getAccountInfo(SYSVAR_CLOCK_PUBKEY, "confirmed");
  if (!clock) throw new Error("Clock sysvar not found");
  return Number(clock.data.readBigInt64LE(32));
}

async function rawRpc(url: string, method: string, params: unknown[]): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/**
 * Moves the validator's clock forward to `unixSeconds` (`surfnet_timeTravel`). The clock cannot
 * go back. Waits until the Clock sysvar shows the new time.
 */
export async function timeTravelTo(connection: Connection, unixSeconds: number): Promise<void> {
  await rawRpc(connection.rpcEndpoint, "surfnet_timeTravel", [{ absoluteTimestamp: Math.round(unixSeconds * 1000) }]);
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await clusterTime(connection)) >= unixSeconds) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`clock did not reach ${unixSeconds} after time travel`);
}

/** Moves the clock forward by `seconds` from the current cluster time. */
export async function timeTravelBy(connection: Connection, seconds: number): Promise<number> {
  const target = (await clusterTime(connection)) + seconds;
  await timeTravelTo(connection, target);
  return target;
}

/** Airdrops `sol` SOL to `to` and waits for confirmation (local validators and devnet). */
export async function airdrop(connection: Connection, to: PublicKey, sol: number): Promise<void> {
  const signature = await connection.requestAirdrop(to, Math.round(sol * 1_000_000_000));
  const latest = await connection.getLatestBlockhash("confirmed");
  const result = await connection.confirmTransaction({ signature, ...latest }, "confirmed");
  if (result.value.err) throw new Error(`airdrop failed: ${JSON.stringify(result.value.err)}`);
}

/**
 * Writes an account directly (`surfnet_setAccount`, local validators only): `data` is sent as hex,
 * as surfpool expects. Used to place a Pyth `PriceUpdateV2` where the push oracle would keep it.
 */
export async function setAccount(
  connection: Connection,
  address: PublicKey,
  account: { lamports: number; data: Uint8Array; owner: PublicKey; executable?: boolean },
): Promise<void> {
  await rawRpc(connection.rpcEndpoint, "surfnet_setAccount", [
    address.toBase58(),
    {
      lamports: account.lamports,
      data: Buffer.from(account.data).toString("hex"),
      owner: account.owner.toBase58(),
      executable: account.executable ?? false,
      rentEpoch: 0,
    },
  ]);
}
