/** Typed views of the program's IDL types, accounts and events (camelCase, BN for integers). */
import type { IdlAccounts, IdlEvents, IdlTypes } from "@anchor-lang/core";
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
export type LiquidationCoverAccount = A["liquidationCover"];
export type MarketExposureAccount = A["marketExposure"];
export type MiningPoolAccount = A["miningPool"];
export type MinerAccount = A["miner"];

export type CipEvents = IdlEvents<ContractInsurance>;
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
