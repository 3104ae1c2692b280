//! The spec's default configuration and the two level presets, as data for clients choosing a
//! configuration at `initialize_pool`. The program itself never reads these: it only enforces
//! whatever validated config the pool stores.

use crate::state::{Level, LiquidationConfig, PoolConfig, PremiumTier, RatioTier};

/// Which published level table to start from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LevelPreset {
    /// Premium commission: Ordinary 15 %, Node Pool / KOL 20 %, Hive Pool 23 %, Super Pool 25 %.
    A,
    /// Team mining: V1 … V10 compensation rebates up to 33 %, plus a 5 % direct-referrer bonus.
    B,
}

impl LevelPreset {
    pub fn name(&self) -> &'static str {
        match self {
            LevelPreset::A => "A (premium commission)",
            LevelPreset::B => "B (team mining)",
        }
    }

    pub fn level_names(&self) -> &'static [&'static str] {
        match self {
            LevelPreset::A => &["Ordinary", "Node Pool / KOL", "Hive Pool", "Super Pool"],
            LevelPreset::B => &["V0", "V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10"],
        }
    }

    /// Level table with thresholds in base units of a mint with `decimals` decimals.
    pub fn levels(&self, decimals: u8) -> Vec<Level> {
        let usdt = 10u64.pow(u32::from(decimals));
        match self {
            LevelPreset::A => [(0, 1_500), (10_000, 2_000), (50_000, 2_300), (200_000, 2_500)]
                .iter()
                .map(|&(volume, commission_bps)| Level {
                    min_team_volume: volume * usdt,
                    commission_bps,
                    rebate_bps: 0,
                })
                .collect(),
            LevelPreset::B => [
                (0, 0),
                (1_000, 500),
                (5_000, 800),
                (10_000, 1_100),
                (30_000, 1_400),
                (50_000, 1_700),
                (100_000, 2_000),
                (300_000, 2_300),
                (500_000, 2_600),
                (1_000_000, 3_000),
                (3_000_000, 3_300),
            ]
            .iter()
            .map(|&(volume, rebate_bps)| Level {
                min_team_volume: volume * usdt,
                commission_bps: 0,
                rebate_bps,
            })
            .collect(),
        }
    }

    pub fn direct_bonus_bps(&self) -> u16 {
        match self {
            LevelPreset::A => 0,
            LevelPreset::B => 500,
        }
    }
}

/// The spec's premium tiers: 1–9, 10–90, …, 100 000–900 000 USDT, step = the tier's minimum.
pub fn default_tiers(decimals: u8) -> Vec<PremiumTier> {
    let usdt = 10u64.pow(u32::from(decimals));
    (0..6)
        .map(|tier| {
            let unit = 10u64.pow(tier) * usdt;
            PremiumTier { min: unit, max: 9 * unit, step: unit }
        })
        .collect()
}

/// The spec's defaults (SPEC §2–§4) for a preset.
pub fn default_config(decimals: u8, preset: LevelPreset) -> PoolConfig {
    PoolConfig {
        tiers: default_tiers(decimals),
        trigger_multiplier: 10,
        payout_ratio_bps: 5_000,
        policy_duration: 86_400,
        max_depth: 10,
        same_level_cut: true,
        direct_bonus_bps: preset.direct_bonus_bps(),
        hashrate_per_usdt_bps: 10_000,
        max_price_staleness: 60,
        max_conf_bps: 200,
        settlement_grace: 3_600,
        min_observation_spacing: 5,
        liquidation: default_liquidation_config(decimals),
    }
}

/// The spec's liquidation-cover defaults (SPEC §5).
pub fn default_liquidation_config(decimals: u8) -> LiquidationConfig {
    let usdt = 10u64.pow(u32::from(decimals));
    LiquidationConfig {
        min_insured: usdt,
        max_insured: 100 * usdt,
        daily_quota: 400 * usdt,
        cumulative_quota: 5_000 * usdt,
        day_offset_seconds: 8 * 3_600,
        review_window: 86_400,
        compensation_multiplier_bps: 20_000,
        ratio_tiers: vec![
            RatioTier { max_used: 100 * usdt, ratio_bps: 8_500 },
            RatioTier { max_used: 500 * usdt, ratio_bps: 8_000 },
            RatioTier { max_used: u64::MAX, ratio_bps: 7_500 },
        ],
        vesting_days: 20,
        vesting_start_offset: 12 * 3_600,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::{levels::validate_levels, tiers::validate_tiers};

    #[test]
    fn presets_and_defaults_are_valid() {
        for preset in [LevelPreset::A, LevelPreset::B] {
            validate_levels(&preset.levels(6)).unwrap();
            default_config(6, preset).validate().unwrap();
            assert_eq!(preset.levels(6).len(), preset.level_names().len());
        }
        validate_tiers(&default_tiers(6)).unwrap();
        assert_eq!(LevelPreset::B.levels(6)[10].rebate_bps, 3_300);
    }
}
