/**
 * Chain reads that instructions depend on: the referral uplines a purchase or compensation must
 * pass, the `(policy exposure, mark-price feed)` pairs a settlement passes (and how many fit one
 * legacy transaction), the accounts of a pool by kind and status, and decoding of Pyth
 * `PriceUpdateV2` accounts.
 */
import { utils } from "@anchor-lang/core";
import { PACKET_DATA_SIZE, type AccountInfo, type GetProgramAccountsFilter, type PublicKey } from "@solana/web3.js";

import { exposurePair, type ExposurePair } from "./instructions";
import { toPublicKey } from "./interop";
import { pda, PYTH_RECEIVER_ID } from "./pda";
import type { CipProgram } from "./program";
import type {
  Keyed,
  LiquidationCoverAccount,
  MarkPriceFeedAccount,
  MarketExposureAccount,
  MinerAccount,
  PolicyAccount,
  PolicyExposureAccount,
  PositionAccount,
} from "./types";

/**
 * Byte offsets (discriminator included) of fields the SDK filters on with `memcmp`. Borsh lays
 * the fields out in declaration order (`programs/contract-insurance/src/state/`); an `Option`'s
 * tag byte precedes its value. `sdk.test.ts` checks them against real accounts.
 */
export const OFFSETS = {
  /** Every account of this program stores `version: u8, bump: u8, pool: Pubkey` first. */
  pool: 10,
  /** `Policy.status` (u8 enum: 0 Active, 1 Compensating, 2 Completed), after `terms` (58 bytes). */
  policyStatus: 140,
  /** `Position.policy` (`Option<Pubkey>`: tag 1 then the key). */
  positionPolicy: 187,
  /** `LiquidationCover.status` (u8 enum: 0 Ongoing, 1 UnderReview, 2 Completed). */
  coverStatus: 203,
  /** `PolicyExposure.policy`. */
  exposurePolicy: 42,
  /** `MarketExposure.owner`. */
  marketExposureOwner: 42,
  /** `Miner.mining_pool` (a miner stores its mining pool where other accounts store the pool). */
  minerMiningPool: 10,
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
 * Every `PolicyExposure` of `policy` still open (getProgramAccounts, memcmp on
 * `PolicyExposure.policy`), sorted by market. One per market the policy's positions were in;
 * closed ones (after settlement) are gone.
 */
export async function exposuresOfPolicy(program: CipProgram, policy: PublicKey): Promise<Keyed<PolicyExposureAccount>[]> {
  const found = keyed(await program.account.policyExposure.all([memcmp(OFFSETS.exposurePolicy, policy.toBuffer())]));
  return found.sort((a, b) => a.account.market.toBase58().localeCompare(b.account.market.toBase58()));
}

/**
 * The settlement pairs of `policy`: every exposure not valued yet with its market's feed (the
 * exposure records the feed it is valued with). `settle_policy` takes any subset per transaction.
 */
export async function settlementPairs(program: CipProgram, policy: PublicKey): Promise<ExposurePair[]> {
  const exposures = await exposuresOfPolicy(program, policy);
  return exposures
    .filter(({ account }) => !account.valued)
    .map(({ publicKey, account }) => ({ exposure: publicKey, markPriceFeed: account.markPriceFeed }));
}

/** The same pairs derived from markets instead of searched (no getProgramAccounts needed). */
export function derivedSettlementPairs(policy: PublicKey, markets: PublicKey[]): ExposurePair[] {
  return markets.map((market) => exposurePair(policy, market));
}

/**
 * Bytes of a legacy `settle_policy` transaction with `pairs` pairs, signed by the keeper alone
 * (fee payer = keeper): 1 + 64 signature bytes; header 3; 1 + 32 × keys (keeper, pool, policy,
 * user, event authority, program id, and two per pair); blockhash 32; one instruction: 1
 * (count) + 1 (program index) + 1 + account indexes (6 + 2 × pairs, all < 128) + 1 + 8 (data).
 */
export function settlementTransactionSize(pairs: number): number {
  const keys = 6 + 2 * pairs;
  return 1 + 64 + 3 + 1 + 32 * keys + 32 + 1 + 1 + 1 + keys + 1 + 8;
}

/**
 * Most settlement pairs one legacy transaction can carry (`PACKET_DATA_SIZE` = 1 232 bytes):
 * 311 + 66 × pairs ≤ 1 232 → 13. A separate fee payer adds 96 bytes (one key, one signature):
 * then 12.
 */
export function maxSettlementPairs(extraSignerBytes = 0): number {
  let pairs = 0;
  while (settlementTransactionSize(pairs + 1) + extraSignerBytes <= PACKET_DATA_SIZE) pairs++;
  return pairs;
}

/** 13: the largest batch of `(exposure, feed)` pairs in one legacy transaction (see `maxSettlementPairs`). */
export const SETTLEMENT_BATCH_MAX = maxSettlementPairs();

/** Splits pairs into batches of at most `batchSize` (default: as many as fit a transaction). */
export function settlementBatches(pairs: ExposurePair[], batchSize: number = SETTLEMENT_BATCH_MAX): ExposurePair[][] {
  if (!(batchSize >= 1)) throw new RangeError("batchSize must be at least 1");
  const size = Math.min(batchSize, SETTLEMENT_BATCH_MAX);
  const batches: ExposurePair[][] = [];
  for (let i = 0; i < pairs.length; i += size) batches.push(pairs.slice(i, i + size));
  return batches;
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

/** Every policy exposure of a pool. */
export async function policyExposuresOf(program: CipProgram, pool: PublicKey): Promise<Keyed<PolicyExposureAccount>[]> {
  return keyed(await program.account.policyExposure.all([memcmp(OFFSETS.pool, pool.toBuffer())]));
}

/** Every liquidation-cover market exposure of a pool (optionally of one trader). */
export async function marketExposuresOf(
  program: CipProgram,
  pool: PublicKey,
  owner?: PublicKey,
): Promise<Keyed<MarketExposureAccount>[]> {
  const filters = [memcmp(OFFSETS.pool, pool.toBuffer())];
  if (owner) filters.push(memcmp(OFFSETS.marketExposureOwner, owner.toBuffer()));
  return keyed(await program.account.marketExposure.all(filters));
}

/** Every miner of a mining pool. */
export async function minersOf(program: CipProgram, miningPool: PublicKey): Promise<Keyed<MinerAccount>[]> {
  return keyed(await program.account.miner.all([memcmp(OFFSETS.minerMiningPool, miningPool.toBuffer())]));
}

// --- Pyth -----------------------------------------------------------------------------------

/** A decoded Pyth `PriceUpdateV2` (`pyth_solana_receiver_sdk::price_update`). */
/**
 * The newest observation of a market's feed (the ring slot before `nextSlot`), or null when the
 * feed has recorded nothing yet: what the program compares a new recording with
 * (`MarkPriceFeed::latest`).
 */
export function latestObservation(feed: MarkPriceFeedAccount): MarkPriceFeedAccount["observations"][number] | null {
  if (feed.recorded.isZero()) return null;
  const ring = feed.observations.length;
  return feed.observations[(feed.nextSlot + ring - 1) % ring];
}

export interface PriceUpdate {
  writeAuthority: PublicKey;
  /** `Full`, or `Partial` with the number of guardian signatures checked. */
  verification: { full: true } | { full: false; signatures: number };
  feedId: Buffer;
  price: bigint;
  conf: bigint;
  exponent: number;
  publishTime: number;
  prevPublishTime: number;
  emaPrice: bigint;
  emaConf: bigint;
  postedSlot: bigint;
}

/** Anchor's discriminator of `PriceUpdateV2` (`sha256("account:PriceUpdateV2")[..8]`). */
export const PRICE_UPDATE_V2_DISCRIMINATOR = Buffer.from([34, 241, 35, 99, 157, 126, 244, 205]);
/** The space the receiver allocates for a `PriceUpdateV2` (`PriceUpdateV2::LEN`). */
export const PRICE_UPDATE_V2_LEN = 8 + 32 + 2 + 32 + 8 + 8 + 4 + 8 + 8 + 8 + 8 + 8;

/** Decodes a `PriceUpdateV2` account (null if it is not one: wrong owner, discriminator or size). */
export function decodePriceUpdate(info: Pick<AccountInfo<Buffer>, "data" | "owner"> | null): PriceUpdate | null {
  if (!info || !toPublicKey(info.owner).equals(PYTH_RECEIVER_ID)) return null;
  const data = Buffer.from(info.data);
  if (data.length < PRICE_UPDATE_V2_LEN - 1 || !data.subarray(0, 8).equals(PRICE_UPDATE_V2_DISCRIMINATOR)) return null;
  let at = 8;
  const writeAuthority = toPublicKey(data.subarray(at, at + 32));
  at += 32;
  const tag = data[at++];
  let verification: PriceUpdate["verification"];
  if (tag === 0) verification = { full: false, signatures: data[at++] };
  else if (tag === 1) verification = { full: true };
  else return null;
  const feedId = Buffer.from(data.subarray(at, at + 32));
  at += 32;
  const price = data.readBigInt64LE(at);
  const conf = data.readBigUInt64LE(at + 8);
  const exponent = data.readInt32LE(at + 16);
  const publishTime = Number(data.readBigInt64LE(at + 20));
  const prevPublishTime = Number(data.readBigInt64LE(at + 28));
  const emaPrice = data.readBigInt64LE(at + 36);
  const emaConf = data.readBigUInt64LE(at + 44);
  const postedSlot = data.readBigUInt64LE(at + 52);
  return { writeAuthority, verification, feedId, price, conf, exponent, publishTime, prevPublishTime, emaPrice, emaConf, postedSlot };
}

/**
 * The bytes of a `PriceUpdateV2` account as the Pyth receiver leaves it (for local validators,
 * where it can be placed with `surfnet_setAccount`; mirrors `crates/harness/src/pyth.rs`).
 */
export function encodePriceUpdate(update: {
  feedId: Uint8Array | number[];
  price: bigint | number;
  conf: bigint | number;
  exponent: number;
  publishTime: number;
  fullyVerified?: boolean;
  writeAuthority?: PublicKey;
  postedSlot?: bigint | number;
}): Buffer {
  const data = Buffer.alloc(PRICE_UPDATE_V2_LEN);
  let at = 0;
  PRICE_UPDATE_V2_DISCRIMINATOR.copy(data, at);
  at += 8;
  (update.writeAuthority ? update.writeAuthority.toBuffer() : Buffer.alloc(32, 7)).copy(data, at);
  at += 32;
  if (update.fullyVerified === false) {
    data[at++] = 0;
    data[at++] = 5;
  } else {
    data[at++] = 1;
  }
  Buffer.from(update.feedId as Uint8Array).copy(data, at);
  at += 32;
  data.writeBigInt64LE(BigInt(update.price), at);
  data.writeBigUInt64LE(BigInt(update.conf), at + 8);
  data.writeInt32LE(update.exponent, at + 16);
  data.writeBigInt64LE(BigInt(update.publishTime), at + 20);
  data.writeBigInt64LE(BigInt(update.publishTime - 1), at + 28);
  data.writeBigInt64LE(BigInt(update.price), at + 36);
  data.writeBigUInt64LE(BigInt(update.conf), at + 44);
  data.writeBigUInt64LE(BigInt(update.postedSlot ?? 1), at + 52);
  return data;
}
