//! An auditor's ledger rebuilt from the decoded events alone: pool totals, liability lines and
//! the vault's token flows, plus "nothing paid twice" checks (a policy settles and pays once, a
//! claim is decided once, vested payments never exceed the compensation, claims of commission,
//! rebates and refunds never exceed what was earned or credited). After every transaction the
//! driver compares it with the pool account and the vault.

use std::collections::{BTreeMap, BTreeSet};

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator};
use cip_harness::events::RawEvent;
use contract_insurance::events::*;
use contract_insurance::state::{Liabilities, Pool, PoolTotals};

#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub totals: PoolTotals,
    pub liabilities: Liabilities,
    /// Premium tokens into the vault minus out of it, as the events say (plus direct transfers
    /// the driver reports).
    pub vault: i128,
    settled: BTreeSet<Pubkey>,
    compensated: BTreeSet<Pubkey>,
    voided: BTreeSet<Pubkey>,
    decided: BTreeSet<Pubkey>,
    compensation: BTreeMap<Pubkey, u64>,
    vested_paid: BTreeMap<Pubkey, u64>,
    refund_credited: BTreeMap<Pubkey, u64>,
    refund_paid: BTreeMap<Pubkey, u64>,
    commission_earned: BTreeMap<Pubkey, u64>,
    commission_paid: BTreeMap<Pubkey, u64>,
    rebate_earned: BTreeMap<Pubkey, u64>,
    rebate_paid: BTreeMap<Pubkey, u64>,
    /// Events seen, by name.
    pub counts: BTreeMap<&'static str, u64>,
    pub problems: Vec<String>,
}

fn decode<T: Discriminator + AnchorDeserialize>(event: &RawEvent) -> Option<T> {
    if event.data.starts_with(T::DISCRIMINATOR) {
        Some(T::try_from_slice(&event.data[T::DISCRIMINATOR.len()..]).expect("event decodes"))
    } else {
        None
    }
}

macro_rules! event_names {
    ($($name:ident),* $(,)?) => {
        /// The event's type name.
        pub fn event_name(event: &RawEvent) -> &'static str {
            $(if event.data.starts_with($name::DISCRIMINATOR) { return stringify!($name); })*
            "Unknown"
        }
    };
}

event_names!(
    PoolInitialized,
    ConfigUpdated,
    LevelsUpdated,
    RolesUpdated,
    AdminProposed,
    AdminTransferred,
    PauseChanged,
    MarketAdded,
    MarketUpdated,
    MarkPriceRecorded,
    UserRegistered,
    LevelAssigned,
    PolicyPurchased,
    CommissionClaimed,
    SurplusWithdrawn,
    CapitalDeposited,
    PositionOpened,
    PolicyVoided,
    PositionIncreased,
    PositionReduced,
    ExposuresValued,
    PolicySettled,
    CompensationIssued,
    CreditsClaimed,
    RebateClaimed,
    LeadTraderSet,
    LiquidationCoverBought,
    OrderFilled,
    OrderCancelled,
    CoverClosed,
    LiquidationReported,
    ClaimDecided,
    VestedClaimed,
    RefundClaimed,
    MiningPoolInitialized,
    MiningParamsUpdated,
    RewardsFunded,
    RewardsWithdrawn,
    Staked,
    Unstaked,
    RewardsClaimed,
    PolicyClosed,
    PolicyExposureClosed,
    LiquidationCoverClosed,
    MarketExposureClosed,
    MinerClosed,
);

fn add(map: &mut BTreeMap<Pubkey, u64>, key: Pubkey, amount: u64) -> u64 {
    let entry = map.entry(key).or_insert(0);
    *entry += amount;
    *entry
}

fn sub(value: &mut u64, amount: u64, what: &str, problems: &mut Vec<String>) {
    match value.checked_sub(amount) {
        Some(left) => *value = left,
        None => problems.push(format!("{what} would go below zero ({value} − {amount})")),
    }
}

impl Ledger {
    pub fn apply(&mut self, event: &RawEvent) {
        *self.counts.entry(event_name(event)).or_insert(0) += 1;
        let problems = &mut self.problems;
        let t = &mut self.totals;
        let l = &mut self.liabilities;
        if let Some(e) = decode::<UserRegistered>(event) {
            let _ = e;
            t.users_registered += 1;
        } else if let Some(e) = decode::<MarketAdded>(event) {
            let _ = e;
            t.markets += 1;
        } else if let Some(e) = decode::<PolicyPurchased>(event) {
            t.policies_sold += 1;
            t.premiums_collected += e.terms.premium;
            t.commission_accrued += e.total_commission;
            l.commission_owed += e.total_commission;
            self.vault += i128::from(e.terms.premium);
            let shares: u64 = e.commissions.iter().map(|share| share.amount).sum();
            if shares != e.total_commission {
                problems.push(format!(
                    "PolicyPurchased shares sum to {shares}, total says {}",
                    e.total_commission
                ));
            }
            for share in &e.commissions {
                add(&mut self.commission_earned, share.referral_node, share.amount);
            }
            self.check_books(&e.books);
        } else if let Some(e) = decode::<CommissionClaimed>(event) {
            t.commission_claimed += e.amount;
            sub(&mut l.commission_owed, e.amount, "commission_owed", problems);
            self.vault -= i128::from(e.amount);
            let paid = add(&mut self.commission_paid, e.referral_node, e.amount);
            let earned = self.commission_earned.get(&e.referral_node).copied().unwrap_or(0);
            if paid > earned {
                problems.push(format!("node {} claimed {paid} commission, earned {earned}", e.referral_node));
            }
            if paid != e.total_claimed {
                problems.push(format!(
                    "CommissionClaimed.total_claimed {} but the events add to {paid}",
                    e.total_claimed
                ));
            }
            self.check_books(&e.books);
        } else if let Some(e) = decode::<SurplusWithdrawn>(event) {
            t.surplus_withdrawn += e.amount;
            self.vault -= i128::from(e.amount);
            self.check_books(&e.books);
        } else if let Some(e) = decode::<CapitalDeposited>(event) {
            t.capital_deposited += e.amount;
            self.vault += i128::from(e.amount);
            if t.capital_deposited != e.total_deposited {
                problems.push(format!(
                    "CapitalDeposited.total_deposited {} vs {}",
                    e.total_deposited, t.capital_deposited
                ));
            }
            self.check_books(&e.books);
        } else if let Some(e) = decode::<PolicyVoided>(event) {
            t.policies_voided += 1;
            if !self.voided.insert(e.policy) || self.settled.contains(&e.policy) {
                problems.push(format!("policy {} voided twice or after settling", e.policy));
            }
        } else if let Some(e) = decode::<PolicySettled>(event) {
            t.policies_settled += 1;
            if !self.settled.insert(e.policy) || self.voided.contains(&e.policy) {
                problems.push(format!("policy {} settled twice (or after it was voided)", e.policy));
            }
        } else if let Some(e) = decode::<CompensationIssued>(event) {
            t.policies_compensated += 1;
            t.compensation_credits += e.credits;
            if e.deferred {
                t.credits_deferred += e.credits;
            }
            t.rebates_accrued += e.total_rebates;
            if !self.compensated.insert(e.policy) {
                problems.push(format!("policy {} paid twice", e.policy));
            }
            if !self.settled.contains(&e.policy) {
                problems.push(format!("policy {} paid without a settlement", e.policy));
            }
            let shares: u64 = e.rebates.iter().map(|share| share.rebate + share.bonus).sum();
            if shares != e.total_rebates {
                problems.push(format!(
                    "CompensationIssued shares sum to {shares}, total says {}",
                    e.total_rebates
                ));
            }
            for share in &e.rebates {
                add(&mut self.rebate_earned, share.referral_node, share.rebate + share.bonus);
            }
        } else if let Some(e) = decode::<CreditsClaimed>(event) {
            t.credits_claimed += e.credits;
            if t.credits_claimed > t.credits_deferred {
                problems.push(format!(
                    "credits claimed {} above credits deferred {}",
                    t.credits_claimed, t.credits_deferred
                ));
            }
        } else if let Some(e) = decode::<RebateClaimed>(event) {
            t.rebates_claimed += e.credits;
            let paid = add(&mut self.rebate_paid, e.referral_node, e.credits);
            let earned = self.rebate_earned.get(&e.referral_node).copied().unwrap_or(0);
            if paid > earned {
                problems.push(format!("node {} claimed {paid} rebates, earned {earned}", e.referral_node));
            }
        } else if let Some(e) = decode::<LiquidationCoverBought>(event) {
            t.liquidation_covers_sold += 1;
            t.liquidation_insured_collected += e.insured;
            l.covers_reserved += e.reserved;
            self.vault += i128::from(e.insured);
            self.check_books(&e.books);
        } else if let Some(e) = decode::<OrderCancelled>(event) {
            if e.refund_paid {
                t.liquidation_refunds_paid += e.refund;
                self.vault -= i128::from(e.refund);
            } else {
                l.refunds_owed += e.refund;
                add(&mut self.refund_credited, e.cover, e.refund);
            }
            if e.reserve_released < e.refund {
                problems.push(format!(
                    "cover {} refunded {} out of a release of {}",
                    e.cover, e.refund, e.reserve_released
                ));
            }
            sub(&mut l.covers_reserved, e.reserve_released, "covers_reserved", problems);
            self.check_books(&e.books);
        } else if let Some(e) = decode::<CoverClosed>(event) {
            sub(&mut l.covers_reserved, e.reserve_released, "covers_reserved", problems);
            self.check_books(&e.books);
        } else if let Some(e) = decode::<LiquidationReported>(event) {
            sub(&mut l.covers_reserved, e.claim_cap + e.reserve_released, "covers_reserved", problems);
            l.claims_under_review += e.claim_cap;
            self.check_books(&e.books);
        } else if let Some(e) = decode::<ClaimDecided>(event) {
            sub(&mut l.claims_under_review, e.claim_cap_released, "claims_under_review", problems);
            if !self.decided.insert(e.cover) {
                problems.push(format!("claim {} decided twice", e.cover));
            }
            if e.approved {
                t.liquidation_claims_approved += 1;
                t.liquidation_compensation_approved += e.compensation;
                l.vesting_owed += e.compensation;
                self.compensation.insert(e.cover, e.compensation);
                if e.compensation > e.claim_cap_released {
                    problems.push(format!(
                        "claim {} approved for {} above its cap {}",
                        e.cover, e.compensation, e.claim_cap_released
                    ));
                }
            } else {
                t.liquidation_claims_rejected += 1;
            }
            self.check_books(&e.books);
        } else if let Some(e) = decode::<VestedClaimed>(event) {
            t.liquidation_vested_paid += e.amount;
            sub(&mut l.vesting_owed, e.amount, "vesting_owed", problems);
            self.vault -= i128::from(e.amount);
            let paid = add(&mut self.vested_paid, e.cover, e.amount);
            let compensation = self.compensation.get(&e.cover).copied().unwrap_or(0);
            if paid > compensation || paid != e.claimed_total {
                problems.push(format!(
                    "cover {} vested payments {paid} (event says {}) against compensation {compensation}",
                    e.cover, e.claimed_total
                ));
            }
            self.check_books(&e.books);
        } else if let Some(e) = decode::<RefundClaimed>(event) {
            t.liquidation_refunds_paid += e.amount;
            sub(&mut l.refunds_owed, e.amount, "refunds_owed", problems);
            self.vault -= i128::from(e.amount);
            let paid = add(&mut self.refund_paid, e.cover, e.amount);
            let credited = self.refund_credited.get(&e.cover).copied().unwrap_or(0);
            if paid > credited {
                problems.push(format!("cover {} refund claims {paid} above credited {credited}", e.cover));
            }
            self.check_books(&e.books);
        }
    }

    /// A `books` snapshot must match the liabilities replayed so far and be solvent.
    fn check_books(&mut self, books: &PoolBooks) {
        if books.liabilities != self.liabilities {
            self.problems.push(format!(
                "event books {:?} differ from the replayed liabilities {:?}",
                books.liabilities, self.liabilities
            ));
        }
        let l = &books.liabilities;
        let total =
            l.commission_owed + l.refunds_owed + l.vesting_owed + l.claims_under_review + l.covers_reserved;
        if books.vault_balance < total {
            self.problems
                .push(format!("event books: vault {} below liabilities {total}", books.vault_balance));
        }
        if i128::from(books.vault_balance) != self.vault {
            self.problems.push(format!(
                "event books: vault {} but the replayed flows give {}",
                books.vault_balance, self.vault
            ));
        }
    }

    /// Tokens sent to the vault without an instruction of the program.
    pub fn direct_transfer(&mut self, amount: u64) {
        self.vault += i128::from(amount);
    }

    /// Differences between the replayed events and the pool account / vault balance.
    pub fn compare(&self, pool: &Pool, vault: u64) -> Vec<String> {
        let mut out = vec![];
        if pool.totals != self.totals {
            out.push(format!("pool totals {:?}\n  replayed from events {:?}", pool.totals, self.totals));
        }
        if pool.liabilities != self.liabilities {
            out.push(format!(
                "pool liabilities {:?}\n  replayed from events {:?}",
                pool.liabilities, self.liabilities
            ));
        }
        if i128::from(vault) != self.vault {
            out.push(format!("vault balance {vault}, replayed token flows {}", self.vault));
        }
        out
    }
}
