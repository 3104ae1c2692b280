/**
 * The spec's default configuration and the two level presets, mirroring
 * `programs/contract-insurance/src/presets.rs` (client-side data: the program only enforces the
 * validated config a pool stores).
 */
import { BN } from "@anchor-lang/core";

import type { Level, LiquidationConfig, PoolConfig, PremiumTier } from "./types";
import { units } from "./units";

export type LevelPreset = "A" | "B";

export const PRESET_NAMES: Record<LevelPreset, string> = {
  A: "A (premium commission)",
  B: "B (team mining)",
};

export const LEVEL_NAMES: Record<LevelPreset, string[]> = {
  A: ["Ordinary", "Node Pool / KOL", "Hive Pool", "Super Pool"],
  B: ["V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"],
};

/** Level table with thresholds in base units of a mint with `decimals` decimals. */
export function presetLevels(preset: LevelPreset, decimals: number): Level[] {
  if (preset === "A") {
    return [
      [0, 1_500],
      [10_000, 2_000],
      [50_000, 2_300],
      [200_000, 2_500],
    ].map(([volume, commissionBps]) => ({ minTeamVolume: units(volume, decimals), commissionBps, rebateBps: 0 }));
  }
  return [
    [0, 0],
    [1_000, 500],
    [5_000, 800],
    [10_000, 1_100],
    [30_000, 1_400],
    [50_000, 1_700],
    [100_000, 2_000],
    [300_000, 2_300],
    [500_000, 2_600],
    [1_000_000, 3_000],
    [3_000_000, 3_300],
  ].map(([volume, rebateBps]) => ({ minTeamVolume: units(volume, decimals), commissionBps: 0, rebateBps }));
}

export function directBonusBps(preset: LevelPreset): number {
  return preset === "A" ? 0 : 500;
}

/** 1–9, 10–90, …, 100 000–900 000 USDT, step = the tier's minimum. */
export function defaultTiers(decimals: number): PremiumTier[] {
  return [0, 1, 2, 3, 4, 5].map((tier) => {
    const unit = units(new BN(10).pow(new BN(tier)), decimals);
    return { min: unit, max: unit.muln(9), step: unit };
  });
}

/** u64::MAX, the unbounded last ratio tier. */
export const U64_MAX = new BN("18446744073709551615");

export function defaultLiquidationConfig(decimals: number): LiquidationConfig {
  return {
    minInsured: units(1, decimals),
    maxInsured: units(100, decimals),
    dailyQuota: units(400, decimals),
    cumulativeQuota: units(5_000, decimals),
    dayOffsetSeconds: 8 * 3_600,
    reviewWindow: new BN(86_400),
    compensationMultiplierBps: 20_000,
    ratioTiers: [
      { maxUsed: units(100, decimals), ratioBps: 8_500 },
      { maxUsed: units(500, decimals), ratioBps: 8_000 },
      { maxUsed: U64_MAX, ratioBps: 7_500 },
    ],
    vestingDays: 20,
    vestingStartOffset: 12 * 3_600,
  };
}

/** The spec's defaults (SPEC §2–§5) for a preset. */
export function defaultConfig(decimals: number, preset: LevelPreset): PoolConfig {
  return {
    tiers: defaultTiers(decimals),
    triggerMultiplier: 10,
    payoutRatioBps: 5_000,
    policyDuration: new BN(86_400),
    maxDepth: 10,
    sameLevelCut: true,
    directBonusBps: directBonusBps(preset),
    hashratePerUsdtBps: 10_000,
    maxPriceStaleness: 60,
    maxConfBps: 200,
    // From `end + settlementGrace` a market without a guarded mark near the end is valued at the
    // fallback mark, so every policy settles in bounded time (≥ 2 × the staleness bound).
    settlementGrace: 3_600,
    // Least time between two observations of a market's feed.
    minObservationSpacing: 5,
    liquidation: defaultLiquidationConfig(decimals),
  };
}
