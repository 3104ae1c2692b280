//! Reward-per-share accumulator of the mining pool (SPEC §6).
//!
//! Rewards are emitted at `reward_per_second` and shared pro rata to stake through
//! `acc_reward_per_share` (u128, scaled by 10^12). Emission never exceeds what was funded: each
//! accrual emits at most `funded − emitted`, and counts as emitted only what the accumulator can
//! hand out (`total_staked × increment`, rounded up), so rounding dust stays available for later.
//! Time with no stake, after the end time, or with nothing left to emit is not emitted at all:
//! accrual stops when the vault runs dry and resumes once it is funded again.
//!
//! Miners' shares round down and their debts round up, so what all miners can claim never
//! exceeds what was emitted (each harvest may leave less than one base unit behind).

use anchor_lang::prelude::*;

use crate::math::safe_math::{SafeCast, SafeMath};

/// Fixed-point scale of `acc_reward_per_share`.
pub const ACC_SCALE: u128 = 1_000_000_000_000;

#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accumulator {
    pub acc_reward_per_share: u128,
    pub last_update: i64,
    pub total_staked: u64,
    /// Rewards ever funded into the reward vault.
    pub funded: u64,
    /// Rewards ever made claimable through the accumulator (never above `funded`).
    pub emitted: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    Down,
    Up,
}

/// `amount × acc / ACC_SCALE`, rounded as asked, without overflowing when `amount × acc` would:
/// the result is a reward amount, so it fits even when the product does not.
pub fn scaled_share(amount: u64, acc_reward_per_share: u128, rounding: Rounding) -> Result<u128> {
    let amount = u128::from(amount);
    let whole = acc_reward_per_share / ACC_SCALE;
    let fraction = amount.safe_mul(acc_reward_per_share % ACC_SCALE)?;
    let mut share = amount.safe_mul(whole)?.safe_add(fraction / ACC_SCALE)?;
    if rounding == Rounding::Up && fraction % ACC_SCALE != 0 {
        share = share.safe_add(1)?;
    }
    Ok(share)
}

impl Accumulator {
    /// Brings the accumulator to `now`. Returns what this accrual emitted.
    pub fn accrue(&mut self, reward_per_second: u64, end_time: Option<i64>, now: i64) -> Result<u64> {
        let until = end_time.map_or(now, |end| now.min(end));
        let elapsed = until.safe_sub(self.last_update)?.max(0);
        self.last_update = self.last_update.max(now);
        if elapsed == 0 || self.total_staked == 0 {
            return Ok(0);
        }
        let available = self.funded.safe_sub(self.emitted)?;
        let scheduled = u128::from(reward_per_second).safe_mul(elapsed.safe_cast()?)?;
        let reward = scheduled.min(u128::from(available));
        let increment = reward.safe_mul(ACC_SCALE)?.safe_div(u128::from(self.total_staked))?;
        // The most the increment can hand out across all stake: at most `reward`, because the
        // increment was rounded down and `reward` is whole.
        let emitted: u64 = scaled_share(self.total_staked, increment, Rounding::Up)?.safe_cast()?;
        self.acc_reward_per_share = self.acc_reward_per_share.safe_add(increment)?;
        self.emitted = self.emitted.safe_add(emitted)?;
        Ok(emitted)
    }
}

/// A miner's reward accounting against the accumulator.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MinerShare {
    pub staked: u64,
    pub reward_debt: u128,
    pub pending: u64,
}

impl MinerShare {
    /// Moves what accrued since the last change into `pending`. Call after `Accumulator::accrue`
    /// and before changing the stake.
    pub fn harvest(&mut self, acc_reward_per_share: u128) -> Result<u64> {
        let accrued = scaled_share(self.staked, acc_reward_per_share, Rounding::Down)?;
        let earned: u64 = accrued.saturating_sub(self.reward_debt).safe_cast()?;
        self.pending = self.pending.safe_add(earned)?;
        self.reward_debt = scaled_share(self.staked, acc_reward_per_share, Rounding::Up)?;
        Ok(earned)
    }

    /// Changes the stake after `harvest`, re-basing the debt on the new stake.
    pub fn set_stake(&mut self, staked: u64, acc_reward_per_share: u128) -> Result<()> {
        self.staked = staked;
        self.reward_debt = scaled_share(staked, acc_reward_per_share, Rounding::Up)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn funded(amount: u64) -> Accumulator {
        Accumulator { funded: amount, ..Accumulator::default() }
    }

    #[test]
    fn single_miner_gets_the_emission() {
        let mut acc = funded(1_000_000);
        acc.total_staked = 500;
        let mut miner = MinerShare::default();
        miner.set_stake(500, acc.acc_reward_per_share).unwrap();
        assert_eq!(acc.accrue(10, None, 100).unwrap(), 1_000);
        miner.harvest(acc.acc_reward_per_share).unwrap();
        assert_eq!(miner.pending, 1_000);
        assert_eq!(acc.emitted, 1_000);
    }

    #[test]
    fn no_stake_no_emission_and_nothing_is_lost() {
        let mut acc = funded(1_000);
        assert_eq!(acc.accrue(10, None, 50).unwrap(), 0);
        assert_eq!((acc.emitted, acc.last_update), (0, 50));
        acc.total_staked = 1;
        assert_eq!(acc.accrue(10, None, 60).unwrap(), 100, "only time with stake emits");
    }

    #[test]
    fn emission_stops_when_dry_and_resumes_when_funded() {
        let mut acc = funded(250);
        acc.total_staked = 10;
        assert_eq!(acc.accrue(10, None, 20).unwrap(), 200);
        assert_eq!(acc.accrue(10, None, 100).unwrap(), 50, "capped at what is funded");
        assert_eq!(acc.accrue(10, None, 1_000).unwrap(), 0, "dry");
        acc.funded += 100;
        assert_eq!(acc.accrue(10, None, 1_005).unwrap(), 50, "resumes from the refund, not retroactively");
        assert_eq!(acc.emitted, 300);
        assert!(acc.emitted <= acc.funded);
    }

    #[test]
    fn end_time_stops_emission() {
        let mut acc = funded(10_000);
        acc.total_staked = 1;
        assert_eq!(acc.accrue(10, Some(30), 20).unwrap(), 200);
        assert_eq!(acc.accrue(10, Some(30), 100).unwrap(), 100);
        assert_eq!(acc.accrue(10, Some(30), 200).unwrap(), 0);
        assert_eq!(acc.last_update, 200);
    }

    #[test]
    fn precision_with_tiny_and_huge_stakes() {
        // A near-u64::MAX stake and a 1-unit stake: one unit per second is below what the 10^12
        // scale can split, so nothing is emitted and nothing is lost (it stays fundable).
        let mut acc = funded(u64::MAX);
        acc.total_staked = u64::MAX - 1;
        let mut whale = MinerShare::default();
        whale.set_stake(u64::MAX - 2, 0).unwrap();
        let mut minnow = MinerShare::default();
        minnow.set_stake(1, 0).unwrap();
        assert_eq!(acc.accrue(1, None, 1_000).unwrap(), 0);
        // A million units per second for a million seconds is: both get their share, the sum
        // never exceeds what was emitted, and rounding leaves at most total / 10^12 behind.
        let emitted = acc.accrue(1_000_000, None, 1_001_000).unwrap();
        whale.harvest(acc.acc_reward_per_share).unwrap();
        minnow.harvest(acc.acc_reward_per_share).unwrap();
        let scheduled = 1_000_000u64 * 1_000_000;
        assert!(whale.pending + minnow.pending <= emitted && emitted <= scheduled);
        assert!(scheduled - emitted <= (u64::MAX / 1_000_000_000_000) + 1);
        assert_eq!(minnow.pending, 0, "a 1-unit share of 10^12 in 1.8·10^19 rounds to nothing");

        // One base unit staked for a year at a high rate: the accumulator grows huge, and a
        // later whale's debt still computes without overflow.
        let mut acc = funded(u64::MAX);
        acc.total_staked = 1;
        acc.accrue(1_000_000, None, 365 * 86_400).unwrap();
        assert_eq!(acc.emitted, 31_536_000_000_000);
        let mut whale = MinerShare::default();
        whale.set_stake(1_000_000_000_000_000, acc.acc_reward_per_share).unwrap();
        acc.total_staked += 1_000_000_000_000_000;
        acc.accrue(1_000_000, None, 365 * 86_400 + 10).unwrap();
        whale.harvest(acc.acc_reward_per_share).unwrap();
        // The 10^12 scale splits 10^7 over 10^15 staked in steps of 10^15 / 10^12 = 1 000 units:
        // the whale gets 9 999 000 now and the rounded-off 1 000 stay available for later.
        assert_eq!(whale.pending, 9_999_000);
        assert_eq!(acc.emitted, 31_536_000_000_000 + 9_999_001);
    }

    #[test]
    fn long_idle_periods_are_exact() {
        let mut acc = funded(u64::MAX);
        acc.total_staked = 3;
        let emitted = acc.accrue(7, None, 100 * 365 * 86_400).unwrap();
        assert_eq!(emitted, 7 * 100 * 365 * 86_400 / 3 * 3);
    }

    #[test]
    fn scaled_share_matches_the_plain_formula_when_it_fits() {
        for (amount, acc) in
            [(0u64, 5u128), (7, 3 * ACC_SCALE + 17), (u64::MAX, ACC_SCALE - 1), (12_345, 987_654_321_987)]
        {
            let plain = u128::from(amount) * acc / ACC_SCALE;
            let exact = u128::from(amount) * acc % ACC_SCALE == 0;
            assert_eq!(scaled_share(amount, acc, Rounding::Down).unwrap(), plain);
            assert_eq!(scaled_share(amount, acc, Rounding::Up).unwrap(), plain + u128::from(!exact));
        }
        let huge = u128::from(u64::MAX) * ACC_SCALE;
        assert_eq!(
            scaled_share(u64::MAX, huge, Rounding::Down).unwrap(),
            u128::from(u64::MAX) * u128::from(u64::MAX)
        );
    }

    #[test]
    fn claiming_twice_at_the_same_moment_gives_nothing_new() {
        let mut acc = funded(1_000);
        acc.total_staked = 3;
        let mut miner = MinerShare::default();
        miner.set_stake(3, 0).unwrap();
        acc.accrue(1, None, 10).unwrap();
        assert_eq!(miner.harvest(acc.acc_reward_per_share).unwrap(), 9);
        assert_eq!(miner.harvest(acc.acc_reward_per_share).unwrap(), 0);
    }

    /// Property: over random stake / unstake / claim / time sequences, claims never exceed what
    /// was funded and each miner's rewards match a direct pro-rata model within rounding.
    #[test]
    fn random_sequences_match_a_reference_model() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |bound: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % bound
        };
        for _ in 0..200 {
            let rate = 1 + next(1_000);
            let mut acc = funded(next(5_000_000));
            let mut miners = [MinerShare::default(); 4];
            let mut model = [0u128; 4]; // exact rewards, scaled by ACC_SCALE
            let mut claimed = [0u64; 4];
            let mut harvests = [0u64; 4];
            let mut now = 0i64;
            let mut updates = 0u64;
            for _ in 0..60 {
                // Time passes: the model shares what the contract emits, pro rata to stake.
                now += next(500) as i64;
                let total = acc.total_staked;
                let emitted = acc.accrue(rate, None, now).unwrap();
                if total > 0 && emitted > 0 {
                    updates += 1;
                    for (index, miner) in miners.iter().enumerate() {
                        model[index] +=
                            u128::from(emitted) * u128::from(miner.staked) * ACC_SCALE / u128::from(total);
                    }
                }
                let who = next(4) as usize;
                let miner = &mut miners[who];
                miner.harvest(acc.acc_reward_per_share).unwrap();
                harvests[who] += 1;
                match next(3) {
                    0 => {
                        let amount = 1 + next(1_000_000);
                        acc.total_staked += amount;
                        miner.set_stake(miner.staked + amount, acc.acc_reward_per_share).unwrap();
                    }
                    1 => {
                        let amount = next(miner.staked + 1);
                        acc.total_staked -= amount;
                        miner.set_stake(miner.staked - amount, acc.acc_reward_per_share).unwrap();
                    }
                    _ => {
                        claimed[who] += miner.pending;
                        miner.pending = 0;
                    }
                }
            }
            let total_claimed: u64 = claimed.iter().sum();
            assert!(total_claimed <= acc.funded);
            assert!(acc.emitted <= acc.funded);
            for (index, miner) in miners.iter_mut().enumerate() {
                miner.harvest(acc.acc_reward_per_share).unwrap();
                let got = u128::from(claimed[index] + miner.pending) * ACC_SCALE;
                let expected = model[index];
                // Each accrual and each harvest may round away less than one unit.
                let tolerance = u128::from(updates + harvests[index] + 2) * ACC_SCALE;
                assert!(got <= expected + ACC_SCALE, "miner {index} got more than the model");
                assert!(expected - got.min(expected) <= tolerance, "miner {index}: {got} vs {expected}");
            }
        }
    }
}
