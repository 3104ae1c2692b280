/**
 * The referral uplines a walk needs (`buy_policy`, `issue_compensation`): the program requires
 * exactly `min(depth, pool.config.max_depth)` writable `ReferralNode` accounts as remaining
 * accounts, direct referrer first, each the `parent` of the one before. Mirrors the SDK's
 * `uplinesOf` with Kit and the generated account decoders.
 */
import {
  AccountRole,
  isSome,
  type AccountMeta,
  type Address,
  type FetchAccountConfig,
  type fetchEncodedAccount,
} from "@solana/kit";

import { fetchPool, fetchReferralNode, findReferralPda } from "./generated";

type Rpc = Parameters<typeof fetchEncodedAccount>[0];

export interface UplinesInput {
  pool: Address;
  /** The wallet whose referral node starts the walk (the buyer, or the policy owner). */
  wallet: Address;
  /** The pool's `config.max_depth`; fetched from the pool when omitted. */
  maxDepth?: number;
}

/**
 * Follows `parent` links from `wallet`'s referral node and returns the addresses of exactly
 * `min(depth, maxDepth)` uplines, direct referrer first — the `uplines` input of the generated
 * `buy_policy` / `issue_compensation` builders.
 */
export async function fetchUplines(rpc: Rpc, input: UplinesInput, config?: FetchAccountConfig): Promise<Address[]> {
  const [maxDepth, [start]] = await Promise.all([
    input.maxDepth ?? fetchPool(rpc, input.pool, config).then((pool) => pool.data.config.maxDepth),
    findReferralPda({ pool: input.pool, owner: input.wallet }),
  ]);
  let node = await fetchReferralNode(rpc, start, config);
  const required = Math.min(node.data.depth, maxDepth);
  const uplines: Address[] = [];
  while (uplines.length < required) {
    const parent = node.data.parent;
    if (!isSome(parent)) {
      throw new Error(`referral node ${node.address} has depth ${node.data.depth} but no parent`);
    }
    uplines.push(parent.value);
    node = await fetchReferralNode(rpc, parent.value, config);
  }
  return uplines;
}

/** Uplines as writable remaining accounts, to append to an instruction's accounts by hand. */
export function uplineAccountMetas(uplines: readonly Address[]): AccountMeta[] {
  return uplines.map((address) => ({ address, role: AccountRole.WRITABLE }));
}
