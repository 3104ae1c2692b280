/**
 * Chain reads that instructions depend on: the referral uplines a purchase or compensation must
 * pass, and the `(position, market, oracle)` triples a settlement must pass.
 */
import { utils } from "@anchor-lang/core";
import type { GetProgramAccountsFilter, PublicKey } from "@solana/web3.js";

import type { PositionTriple } from "./instructions";
import { toPublicKey } from "./interop";
import { pda } from "./pda";
import type { CipProgram } from "./program";
import type { Keyed, LiquidationCoverAccount, MarketAccount, PolicyAccount, PositionAccount } from "./types";

/**
 * Byte offsets (discriminator included) of fields the SDK filters on with `memcmp`. Borsh lays
 * the fields out in declaration order (`programs/contract-insurance/src/state/`); an `Option`'s
 * tag byte precedes its value. `sdk.test.ts` checks them against the account coder.
 */
export const OFFSETS = {
  /** Every account of this program stores `version: u8, bump: u8, pool: Pubkey` first. */
  pool: 10,
  /** `Policy.status` (u8 enum: 0 Active, 1 Compensating, 2 Completed). */
  policyStatus: 123,
  /** `Position.policy` (`Option<Pubkey>`: tag 1 then the key). */
  positionPolicy: 179,
  /** `LiquidationCover.status` (u8 enum: 0 Ongoing, 1 UnderReview, 2 Completed). */
  coverStatus: 195,
} as const;

export const POLICY_STATUS = { active: 0, compensating: 1, completed: 2 } as const;
export const COVER_STATUS = { ongoing: 0, underReview: 1, completed: 2 } as const;

export function memcmp(offset: number, bytes: Buffer | Uint8Array | number[]): GetProgramAccountsFilter {
  return { memcmp: { offset, bytes: utils.bytes.bs58.encode(Buffer.from(bytes)) } };
}

/**
 * `program.account.x.all()` results with this SDK's `PublicKey`s: the addresses come from the
 * connection's `getProgramAccounts`, so from the app's copy of web3.js when it passed its own
 * `Connection` (the decoded account data is Anchor's, hence already this SDK's copy).
 */
export function keyed<Data>(accounts: Keyed<Data>[]): Keyed<Data>[] {
  return accounts.map(({ publicKey, account }) => ({ publicKey: toPublicKey(publicKey), account }));
}

/**
 * The uplines a walk from `wallet`'s referral node needs, by following `parent` links on chain:
 * exactly `min(depth, maxDepth)` referral node addresses, direct referrer first (the program
 * rejects any other count, order or link). `maxDepth` defaults to the pool's config.
 */
export async function uplinesOf(
  program: CipProgram,
  pool: PublicKey,
  wallet: PublicKey,
  maxDepth?: number,
): Promise<PublicKey[]> {
  const depthLimit = maxDepth ?? (await program.account.pool.fetch(pool)).config.maxDepth;
  let node = await program.account.referralNode.fetch(pda.referralNode(pool, wallet));
  const required = Math.min(node.depth, depthLimit);
  const uplines: PublicKey[] = [];
  while (uplines.length < required) {
    if (!node.parent) throw new Error(`referral node of ${node.owner.toBase58()} has depth ${node.depth} but no parent`);
    uplines.push(node.parent);
    node = await program.account.referralNode.fetch(node.parent);
  }
  return uplines;
}

/** Open positions attached to `policy` (getProgramAccounts, memcmp on `Position.policy`). */
export async function positionsOfPolicy(program: CipProgram, policy: PublicKey): Promise<Keyed<PositionAccount>[]> {
  return keyed(
    await program.account.position.all([memcmp(OFFSETS.positionPolicy, Buffer.concat([Buffer.from([1]), policy.toBuffer()]))]),
  );
}

/**
 * Chooses the oracle account that prices `market`. The default handles `Authority` markets (the
 * market's own mark-price feed); for `Pyth` markets pass the price-update account to use.
 */
export type OracleResolver = (market: PublicKey, account: MarketAccount) => PublicKey | undefined;

export function defaultOracle(overrides: Map<string, PublicKey> = new Map()): OracleResolver {
  return (market, account) => {
    const override = overrides.get(market.toBase58());
    if (override) return override;
    if ("authority" in account.params.oracle) return account.markPriceFeed;
    return undefined;
  };
}

/**
 * Every open position attached to `policy`, each with its market and the oracle account that
 * prices it, as `settle_policy` needs them (the program checks the set is complete).
 */
export async function settlementTriples(
  program: CipProgram,
  policy: PublicKey,
  oracleFor: OracleResolver = defaultOracle(),
): Promise<PositionTriple[]> {
  const positions = await positionsOfPolicy(program, policy);
  const marketKeys = [...new Set(positions.map((p) => p.account.market.toBase58()))];
  const markets = new Map<string, MarketAccount>();
  if (marketKeys.length > 0) {
    const fetched = await program.account.market.fetchMultiple(marketKeys);
    fetched.forEach((account, index) => {
      if (!account) throw new Error(`market ${marketKeys[index]} of a position does not exist`);
      markets.set(marketKeys[index], account);
    });
  }
  return positions
    .sort((a, b) => a.publicKey.toBase58().localeCompare(b.publicKey.toBase58()))
    .map(({ publicKey, account }) => {
      const market = markets.get(account.market.toBase58())!;
      const oracle = oracleFor(account.market, market);
      if (!oracle) {
        throw new Error(
          `market ${account.market.toBase58()} is Pyth-priced: pass the price-update account to use for it`,
        );
      }
      return { position: publicKey, market: account.market, oracle };
    });
}

/** Policies of a pool, optionally only those in one status (memcmp on pool and status). */
export async function policiesOf(
  program: CipProgram,
  pool: PublicKey,
  status?: keyof typeof POLICY_STATUS,
): Promise<Keyed<PolicyAccount>[]> {
  const filters = [memcmp(OFFSETS.pool, pool.toBuffer())];
  if (status) filters.push(memcmp(OFFSETS.policyStatus, [POLICY_STATUS[status]]));
  return keyed(await program.account.policy.all(filters));
}

/** Liquidation covers of a pool, optionally only those in one status. */
export async function coversOf(
  program: CipProgram,
  pool: PublicKey,
  status?: keyof typeof COVER_STATUS,
): Promise<Keyed<LiquidationCoverAccount>[]> {
  const filters = [memcmp(OFFSETS.pool, pool.toBuffer())];
  if (status) filters.push(memcmp(OFFSETS.coverStatus, [COVER_STATUS[status]]));
  return keyed(await program.account.liquidationCover.all(filters));
}
