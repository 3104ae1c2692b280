//! Referral levels (SPEC §4): a node's level is the higher of the admin-assigned level and the
//! highest level whose team-volume threshold it has reached.

use anchor_lang::prelude::*;

use crate::constants::{BPS_DENOMINATOR, MAX_LEVELS};
use crate::error::CipError;
use crate::state::Level;

pub fn validate_levels(levels: &[Level]) -> Result<()> {
    require!(!levels.is_empty() && levels.len() <= MAX_LEVELS, CipError::InvalidLevelCount);
    require!(levels[0].min_team_volume == 0, CipError::LevelZeroThresholdNotZero);
    for level in levels {
        require!(
            u64::from(level.commission_bps) <= BPS_DENOMINATOR
                && u64::from(level.rebate_bps) <= BPS_DENOMINATOR,
            CipError::RateAboveMaximum
        );
    }
    for pair in levels.windows(2) {
        require!(pair[0].min_team_volume < pair[1].min_team_volume, CipError::LevelThresholdsNotAscending);
        require!(
            pair[0].commission_bps <= pair[1].commission_bps && pair[0].rebate_bps <= pair[1].rebate_bps,
            CipError::RatesDecreasing
        );
    }
    Ok(())
}

/// Highest level whose threshold is at or below `team_volume` (level 0 has threshold 0).
pub fn level_for_volume(levels: &[Level], team_volume: u64) -> u8 {
    let reached = levels.iter().take_while(|level| level.min_team_volume <= team_volume).count();
    // At most MAX_LEVELS (11) rows, so this fits in u8.
    reached.saturating_sub(1) as u8
}

/// `max(assigned, level_for_volume)`, clamped to the table in case it was shortened.
pub fn effective_level(levels: &[Level], assigned_level: u8, team_volume: u64) -> u8 {
    let top = levels.len().saturating_sub(1) as u8;
    assigned_level.min(top).max(level_for_volume(levels, team_volume))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<Level> {
        vec![
            Level { min_team_volume: 0, commission_bps: 1_500, rebate_bps: 0 },
            Level { min_team_volume: 1_000, commission_bps: 2_000, rebate_bps: 500 },
            Level { min_team_volume: 5_000, commission_bps: 2_300, rebate_bps: 1_000 },
            Level { min_team_volume: 20_000, commission_bps: 2_500, rebate_bps: 1_500 },
        ]
    }

    #[test]
    fn volume_levels_at_and_around_thresholds() {
        let levels = table();
        assert_eq!(level_for_volume(&levels, 0), 0);
        assert_eq!(level_for_volume(&levels, 999), 0);
        assert_eq!(level_for_volume(&levels, 1_000), 1);
        assert_eq!(level_for_volume(&levels, 4_999), 1);
        assert_eq!(level_for_volume(&levels, 5_000), 2);
        assert_eq!(level_for_volume(&levels, u64::MAX), 3);
    }

    #[test]
    fn assigned_level_is_a_floor_and_is_clamped() {
        let levels = table();
        assert_eq!(effective_level(&levels, 2, 0), 2);
        assert_eq!(effective_level(&levels, 1, 20_000), 3);
        assert_eq!(effective_level(&levels, 10, 0), 3);
    }

    #[test]
    fn table_rules() {
        validate_levels(&table()).unwrap();
        assert_eq!(validate_levels(&[]).unwrap_err(), CipError::InvalidLevelCount.into());
        assert_eq!(validate_levels(&vec![table()[0]; 12]).unwrap_err(), CipError::InvalidLevelCount.into());
        let mut nonzero_base = table();
        nonzero_base[0].min_team_volume = 1;
        assert_eq!(validate_levels(&nonzero_base).unwrap_err(), CipError::LevelZeroThresholdNotZero.into());
        let mut flat = table();
        flat[2].min_team_volume = 1_000;
        assert_eq!(validate_levels(&flat).unwrap_err(), CipError::LevelThresholdsNotAscending.into());
        let mut decreasing = table();
        decreasing[3].commission_bps = 2_200;
        assert_eq!(validate_levels(&decreasing).unwrap_err(), CipError::RatesDecreasing.into());
        let mut rebate_decreasing = table();
        rebate_decreasing[1].rebate_bps = 2_000;
        assert_eq!(validate_levels(&rebate_decreasing).unwrap_err(), CipError::RatesDecreasing.into());
        let mut too_high = table();
        too_high[3].commission_bps = 10_001;
        assert_eq!(validate_levels(&too_high).unwrap_err(), CipError::RateAboveMaximum.into());
        // Equal rates on consecutive levels are allowed (non-decreasing).
        let mut equal = table();
        equal[2].commission_bps = 2_000;
        validate_levels(&equal).unwrap();
    }
}
