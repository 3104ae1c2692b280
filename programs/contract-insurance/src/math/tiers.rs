//! Premium tier rules (SPEC §2).

use anchor_lang::prelude::*;

use crate::constants::MAX_PREMIUM_TIERS;
use crate::error::CipError;
use crate::state::PremiumTier;

/// Tiers must be well formed, ascending and non-overlapping.
pub fn validate_tiers(tiers: &[PremiumTier]) -> Result<()> {
    require!(!tiers.is_empty() && tiers.len() <= MAX_PREMIUM_TIERS, CipError::InvalidTierCount);
    for tier in tiers {
        require!(
            tier.step > 0
                && tier.min > 0
                && tier.min <= tier.max
                && tier.min % tier.step == 0
                && tier.max % tier.step == 0,
            CipError::InvalidTier
        );
    }
    for pair in tiers.windows(2) {
        require!(pair[0].max < pair[1].min, CipError::TiersNotAscending);
    }
    Ok(())
}

/// Index of the tier a premium belongs to, or the specific reason it is not buyable.
pub fn tier_for_premium(tiers: &[PremiumTier], premium: u64) -> Result<u8> {
    require!(premium > 0, CipError::PremiumZero);
    let (first, last) = match (tiers.first(), tiers.last()) {
        (Some(first), Some(last)) => (first, last),
        _ => return err!(CipError::InvalidTierCount),
    };
    require!(premium >= first.min, CipError::PremiumBelowMinimum);
    require!(premium <= last.max, CipError::PremiumAboveMaximum);
    let (index, tier) = tiers
        .iter()
        .enumerate()
        .find(|(_, tier)| premium >= tier.min && premium <= tier.max)
        .ok_or(CipError::PremiumBetweenTiers)?;
    require!(premium % tier.step == 0, CipError::PremiumOffStep);
    // At most MAX_PREMIUM_TIERS (8) tiers, so the index fits in u8.
    Ok(index as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    const USDT: u64 = 1_000_000;

    fn spec_tiers() -> Vec<PremiumTier> {
        (0..6)
            .map(|i| {
                let unit = 10u64.pow(i) * USDT;
                PremiumTier { min: unit, max: 9 * unit, step: unit }
            })
            .collect()
    }

    #[test]
    fn spec_table_is_valid() {
        validate_tiers(&spec_tiers()).unwrap();
    }

    #[test]
    fn every_tier_boundary() {
        let tiers = spec_tiers();
        assert_eq!(tier_for_premium(&tiers, USDT).unwrap(), 0);
        assert_eq!(tier_for_premium(&tiers, 9 * USDT).unwrap(), 0);
        assert_eq!(tier_for_premium(&tiers, 10 * USDT).unwrap(), 1);
        assert_eq!(tier_for_premium(&tiers, 90 * USDT).unwrap(), 1);
        assert_eq!(tier_for_premium(&tiers, 100 * USDT).unwrap(), 2);
        assert_eq!(tier_for_premium(&tiers, 900_000 * USDT).unwrap(), 5);
        assert_eq!(tier_for_premium(&tiers, 0).unwrap_err(), CipError::PremiumZero.into());
        assert_eq!(tier_for_premium(&tiers, USDT - 1).unwrap_err(), CipError::PremiumBelowMinimum.into());
        assert_eq!(
            tier_for_premium(&tiers, 900_000 * USDT + 1).unwrap_err(),
            CipError::PremiumAboveMaximum.into()
        );
        assert_eq!(tier_for_premium(&tiers, 95 * USDT).unwrap_err(), CipError::PremiumBetweenTiers.into());
        assert_eq!(tier_for_premium(&tiers, 9 * USDT + 1).unwrap_err(), CipError::PremiumBetweenTiers.into());
        assert_eq!(tier_for_premium(&tiers, 15 * USDT).unwrap_err(), CipError::PremiumOffStep.into());
        assert_eq!(tier_for_premium(&tiers, USDT + 1).unwrap_err(), CipError::PremiumOffStep.into());
    }

    #[test]
    fn malformed_tables_are_rejected() {
        assert_eq!(validate_tiers(&[]).unwrap_err(), CipError::InvalidTierCount.into());
        let nine = vec![PremiumTier { min: 1, max: 1, step: 1 }; 9];
        assert_eq!(validate_tiers(&nine).unwrap_err(), CipError::InvalidTierCount.into());
        let zero_step = [PremiumTier { min: 10, max: 90, step: 0 }];
        assert_eq!(validate_tiers(&zero_step).unwrap_err(), CipError::InvalidTier.into());
        // "10–99" with step 10: the top is unreachable, so the table is rejected.
        let unreachable_top = [PremiumTier { min: 10, max: 99, step: 10 }];
        assert_eq!(validate_tiers(&unreachable_top).unwrap_err(), CipError::InvalidTier.into());
        let inverted = [PremiumTier { min: 90, max: 10, step: 10 }];
        assert_eq!(validate_tiers(&inverted).unwrap_err(), CipError::InvalidTier.into());
        let overlapping =
            [PremiumTier { min: 1, max: 10, step: 1 }, PremiumTier { min: 10, max: 90, step: 10 }];
        assert_eq!(validate_tiers(&overlapping).unwrap_err(), CipError::TiersNotAscending.into());
        let descending =
            [PremiumTier { min: 10, max: 90, step: 10 }, PremiumTier { min: 1, max: 9, step: 1 }];
        assert_eq!(validate_tiers(&descending).unwrap_err(), CipError::TiersNotAscending.into());
    }
}
