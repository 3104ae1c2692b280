/** Typed views of the program's IDL types, accounts and events (camelCase, BN for integers). */
import type { IdlAccounts, IdlEvents, IdlTypes } from "@anchor-lang/core";
import type { BN } from "@anchor-lang/core";
import type { PublicKey } from "@solana/web3.js";

import type { ContractInsurance } from "./idl/contract_insurance";

type T = IdlTypes<ContractInsurance>;
type A = IdlAccounts<ContractInsurance>;

export type PoolConfig = T["poolConfig"];
export type PremiumTier = T["premiumTier"];
export type Level = T["level"];
export type PoolRoles = T["poolRoles"];
export type LiquidationConfig = T["liquidationConfig"];
export type RatioTier = T["ratioTier"];
export type InitializePoolArgs = T["initializePoolArgs"];
export type MarketParams = T["marketParams"];
export type OracleSource = T["oracleSource"];
export type AssetClass = T["assetClass"];
export type Side = T["side"];
export type OpenPositionArgs = T["openPositionArgs"];
export type LiquidationCoverArgs = T["liquidationCoverArgs"];
export type InsuredAmount = T["insuredAmount"];
export type MiningParams = T["miningParams"];
export type ValidatedPrice = T["validatedPrice"];
export type PolicyStatus = T["policyStatus"];
export type CoverStatus = T["coverStatus"];

export type PoolAccount = A["pool"];
export type MarketAccount = A["market"];
export type MarkPriceFeedAccount = A["markPriceFeed"];
export type UserAccountData = A["userAccount"];
export type ReferralNodeAccount = A["referralNode"];
export type PolicyAccount = A["policy"];
export type PositionAccount = A["position"];
export type PolicyExposureAccount = A["policyExposure"];
export type LiquidationCoverAccount = A["liquidationCover"];
export type MarketExposureAccount = A["marketExposure"];
export type MiningPoolAccount = A["miningPool"];
export type MinerAccount = A["miner"];

export type CipEvents = IdlEvents<ContractInsurance>;

// Anchor's `IdlTypes` resolves nested defined types only a few levels deep; on this IDL (96 types)
// they come out as `any` (e.g. `Policy.terms`, every event's `books`). The shapes the SDK and its
// users read most are spelled out here (camelCase, BN for integers), mirroring `state/`.

/** Staleness and confidence bounds of a policy's marks (`OracleGuards`). */
export interface OracleGuards {
  maxStaleness: number;
  maxConfBps: number;
}

/** What decides a policy's payout, fixed at purchase (`PolicyTerms`). */
export interface PolicyTerms {
  premium: BN;
  trigger: BN;
  payout: BN;
  payoutCredits: BN;
  start: BN;
  end: BN;
  markGuards: OracleGuards;
  settlementGrace: number;
}

/** Everything the vault may owe, in premium base units (`Liabilities`). */
export interface Liabilities {
  commissionOwed: BN;
  refundsOwed: BN;
  vestingOwed: BN;
  claimsUnderReview: BN;
  coversReserved: BN;
}

/** The vault against what is owed, as of the last instruction that moved money (`Solvency`). */
export interface Solvency {
  vaultBalance: BN;
  freeCapital: BN;
}

/** The pool's books as events carry them (`PoolBooks`). */
export interface PoolBooks {
  vaultBalance: BN;
  liabilities: Liabilities;
}

/** One market of a policy valued by settlement (`ExposureValuation`, in `ExposuresValued`). */
export interface ExposureValuation {
  exposure: PublicKey;
  market: PublicKey;
  netSize: BN;
  netEntryValue: BN;
  markSource: object;
  markPrice: BN;
  markPublishTime: BN;
  unrealizedPnl: BN;
}

/** The single position early settlement valued (`PositionValuation`). */
export interface PositionValuation {
  position: PublicKey;
  market: PublicKey;
  side: object;
  size: BN;
  entryPrice: BN;
  markPrice: BN;
  markPublishTime: BN;
  realizedPnl: BN;
  unrealizedPnl: BN;
}

/** `Policy.terms`, typed. */
export function termsOf(policy: { terms: unknown }): PolicyTerms {
  return policy.terms as PolicyTerms;
}

/** An event's or the pool's liabilities, typed. */
export function liabilitiesOf(value: { liabilities: unknown }): Liabilities {
  return value.liabilities as Liabilities;
}

/** Σ of the pool's liability lines. */
export function totalLiabilities(liabilities: Liabilities): bigint {
  return [
    liabilities.commissionOwed,
    liabilities.refundsOwed,
    liabilities.vestingOwed,
    liabilities.claimsUnderReview,
    liabilities.coversReserved,
  ].reduce((sum, line) => sum + BigInt(line.toString()), 0n);
}
export type CipEventName = keyof CipEvents & string;

/** An account with its address, as `program.account.x.all()` returns it. */
export interface Keyed<Data> {
  publicKey: PublicKey;
  account: Data;
}

/** Enum helpers: Anchor represents a Rust enum variant as `{ variantName: {} }`. */
export const Side = { long: { long: {} } as Side, short: { short: {} } as Side };
export const AssetClass = {
  crypto: { crypto: {} } as AssetClass,
  commodity: { commodity: {} } as AssetClass,
  forex: { forex: {} } as AssetClass,
  stock: { stock: {} } as AssetClass,
  index: { index: {} } as AssetClass,
};

/** The variant name of an Anchor enum value (`{ active: {} }` → `"active"`). */
export function variant(value: object): string {
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new Error(`not an enum value: ${JSON.stringify(value)}`);
  return keys[0];
}
