//! The reference model: the product rules of SPEC.md as amended by the README, in plain Rust.
//!
//! It never calls the program's `math`, `state` methods or `oracle` functions; it uses the
//! program's plain data types (config, enums) only to hold numbers. `apply` predicts every
//! operation: the new state and the events it emits, or the exact error code a rejected
//! transaction fails with (checks in the order the instruction documents them). The driver runs
//! the same operation on the chain and compares.

pub mod state;

use anchor_lang::prelude::Pubkey;
use contract_insurance::error::CipError;
use contract_insurance::state::{
    CoverOutcome, CoverStatus, FillState, Level, MarkSource, MiningParams, OracleSource, PolicyOutcome,
    PolicyStatus, PoolConfig, SettlementKind, Side,
};
use contract_insurance::InsuredAmount;

pub use state::*;

use crate::arith;
use crate::ops::{Op, PolicyPass, RegisterBad, SettleBad, Uplines, Wrong};

/// A transaction's failure: a program error code (6000+), an Anchor framework code, or an SPL
/// Token error code.
pub type Code = u32;

pub fn code(error: CipError) -> Code {
    error.into()
}

/// Anchor: the account passed is not initialized.
pub const ACCOUNT_NOT_INITIALIZED: Code = 3012;
/// Anchor: the account is owned by another program.
pub const ACCOUNT_OWNED_BY_WRONG_PROGRAM: Code = 3007;
/// SPL Token: insufficient funds.
pub const TOKEN_INSUFFICIENT_FUNDS: Code = 1;

type Outcome = Result<Vec<&'static str>, Code>;

macro_rules! ensure {
    ($cond:expr, $error:ident) => {
        if !$cond {
            return Err(code(CipError::$error));
        }
    };
}

fn checked_sub(a: u64, b: u64) -> Result<u64, Code> {
    a.checked_sub(b).ok_or(code(CipError::MathOverflow))
}

fn checked_sub_u32(a: u32, b: u32) -> Result<u32, Code> {
    a.checked_sub(b).ok_or(code(CipError::MathOverflow))
}

/// Extra facts an operation needs from the driver.
#[derive(Clone, Debug, Default)]
pub struct Ctx {
    /// The wallet a `Register` creates.
    pub new_wallet: Option<Pubkey>,
    /// The simulation's spare staff keys (admin candidates, role keys).
    pub staff: Vec<Pubkey>,
}

/// What `get_mark_price` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkQuote {
    pub price: u64,
    pub conf: u64,
    pub publish_time: i64,
}

impl Model {
    pub fn new(
        now: i64,
        premium_decimals: u8,
        config: PoolConfig,
        levels: Vec<Level>,
        admin: Pubkey,
        roles: [Pubkey; 3],
        mining: MiningParams,
    ) -> Model {
        Model {
            now,
            premium_decimals,
            config,
            levels,
            paused: false,
            admin,
            pending_admin: None,
            roles,
            liabilities: Default::default(),
            solvency: (0, 0),
            totals: Default::default(),
            vault: 0,
            users: Vec::new(),
            markets: Vec::new(),
            policies: Default::default(),
            positions: Default::default(),
            covers: Default::default(),
            market_exposures: Default::default(),
            mining: Mining {
                params: mining,
                acc: 0,
                last_update: now,
                total_staked: 0,
                funded: 0,
                emitted: 0,
                claimed: 0,
                miners: 0,
                miner_accounts: Default::default(),
                reward_vault: 0,
                stake_vault: 0,
            },
            funder_balance: 0,
            treasuries: Default::default(),
            findings: Vec::new(),
            touched: Touched::default(),
        }
    }

    fn finding(&mut self, text: String) {
        self.findings.push(text);
    }

    // --- lookups ----------------------------------------------------------------------------

    pub fn market_index(&self, id: u16) -> usize {
        self.markets.iter().position(|market| market.id == id).expect("market exists")
    }

    pub fn market(&self, id: u16) -> &Market {
        &self.markets[self.market_index(id)]
    }

    fn market_mut(&mut self, id: u16) -> &mut Market {
        let index = self.market_index(id);
        &mut self.markets[index]
    }

    /// Uplines of `user`: exactly `min(depth, max_depth)` nodes, direct referrer first.
    pub fn uplines(&self, user: u32) -> Vec<u32> {
        let required = self.users[user as usize].depth.min(u32::from(self.config.max_depth)) as usize;
        let mut uplines = Vec::with_capacity(required);
        let mut node = user;
        while uplines.len() < required {
            node = self.users[node as usize].parent.expect("a node below the root has a parent");
            uplines.push(node);
        }
        uplines
    }

    /// Level reached by team volume.
    fn volume_level(&self, team_volume: u64) -> u8 {
        let reached = self.levels.iter().take_while(|level| level.min_team_volume <= team_volume).count();
        reached.saturating_sub(1) as u8
    }

    /// The higher of the admin's level (within the table) and the volume level.
    pub fn effective_level(&self, user: u32) -> u8 {
        let node = &self.users[user as usize];
        let top = self.levels.len().saturating_sub(1) as u8;
        node.assigned_level.min(top).max(self.volume_level(node.team_volume))
    }

    fn liabilities_total(&self) -> u64 {
        let l = &self.liabilities;
        l.commission_owed + l.refunds_owed + l.vesting_owed + l.claims_under_review + l.covers_reserved
    }

    /// `vault − Σ liabilities`, never below zero.
    pub fn free_capital(&self) -> u64 {
        self.vault.saturating_sub(self.liabilities_total())
    }

    fn gap(&self) -> i128 {
        i128::from(self.vault) - i128::from(self.liabilities_total())
    }

    /// The check every instruction that moves money or promises ends with.
    fn close_books(&mut self, gap_before: i128) -> Result<(), Code> {
        let gap_after = self.gap();
        if gap_after < 0 && gap_after < gap_before {
            return Err(code(CipError::VaultBelowLiabilities));
        }
        if gap_after < 0 {
            self.finding(format!(
                "the vault ({}) is below the liabilities ({})",
                self.vault,
                self.liabilities_total()
            ));
        }
        self.solvency = (self.vault, self.free_capital());
        Ok(())
    }

    /// The last second reports and prices about `policy`'s window count: `end + 2 × its
    /// staleness bound`, fixed at purchase.
    pub fn window_closes_at(&self, policy: &Policy) -> i64 {
        policy.end + 2 * i64::from(policy.staleness)
    }

    /// The first second `policy` can be settled.
    pub fn settlement_opens_at(&self, policy: &Policy) -> i64 {
        self.window_closes_at(policy) + 1
    }

    fn counts(&self, policy: &Policy, t: i64) -> bool {
        policy.is_active()
            && t >= policy.start
            && t <= policy.end
            && self.now <= self.window_closes_at(policy)
    }

    // --- references (an operation naming something missing is skipped) ----------------------

    /// Whether everything `op` names exists, so it can be sent.
    pub fn can_run(&self, op: &Op) -> bool {
        let user = |u: &u32| (*u as usize) < self.users.len();
        let market = |m: &u8| (*m as usize) < self.markets.len();
        let policy = |u: &u32, i: &u64| self.policies.get(&(*u, *i)).is_some_and(|p| !p.closed);
        let cover = |u: &u32, c: &u64| self.covers.get(&(*u, *c)).is_some_and(|c| !c.closed);
        let position = |u: &u32, id: &u64| self.positions.contains_key(&(*u, *id));
        match op {
            Op::Advance { .. } | Op::Deposit { .. } | Op::Donate { .. } => true,
            Op::Register { referrer, bad } => {
                referrer.as_ref().is_none_or(user) && !matches!(bad, RegisterBad::Again(u) if !user(u))
            }
            Op::Buy { user: u, .. }
            | Op::ClaimCommission { user: u }
            | Op::ClaimRebate { user: u }
            | Op::ClaimCredits { user: u }
            | Op::Stake { user: u, .. }
            | Op::SetLead { user: u, .. }
            | Op::AssignLevel { user: u, .. } => user(u),
            Op::ReassignCredit { user: u } => {
                user(u) && self.users[*u as usize].credit_ata == CreditAta::Usable
            }
            Op::Unstake { user: u, .. } | Op::ClaimRewards { user: u } | Op::CloseMiner { user: u } => {
                user(u) && self.mining.miner_accounts.contains_key(u)
            }
            Op::Open { user: u, market: m, policy: pass, .. } => {
                user(u)
                    && market(m)
                    && match pass {
                        PolicyPass::Other(index) => policy(u, index),
                        _ => true,
                    }
            }
            Op::Increase { user: u, id, .. } | Op::Reduce { user: u, id, .. } => user(u) && position(u, id),
            Op::Post { market: m, .. } | Op::Pyth { market: m, .. } | Op::GetMark { market: m } => market(m),
            Op::UpdateMarket { market: m, .. } => market(m),
            Op::Settle { user: u, index, .. }
            | Op::Compensate { user: u, index, .. }
            | Op::ClosePolicy { user: u, index } => user(u) && policy(u, index),
            Op::Early { user: u, index, position: id, open, .. } => {
                user(u) && policy(u, index) && (!open || position(u, id))
            }
            Op::ClosePolicyExposure { user: u, index, market: m } => {
                user(u)
                    && market(m)
                    && policy(u, index)
                    && self.policies[&(*u, *index)]
                        .exposure_accounts
                        .get(&self.markets[*m as usize].id)
                        .is_some_and(|e| !e.closed)
            }
            Op::BuyCover { user: u, market: m, .. } => user(u) && market(m),
            Op::Fill { user: u, cover: c, position: id, .. } => user(u) && cover(u, c) && position(u, id),
            Op::Cancel { user: u, cover: c, .. }
            | Op::CloseOrder { user: u, cover: c, .. }
            | Op::Liquidate { user: u, cover: c, .. }
            | Op::Review { user: u, cover: c, .. }
            | Op::Finalize { user: u, cover: c }
            | Op::ClaimVested { user: u, cover: c, .. }
            | Op::ClaimRefund { user: u, cover: c }
            | Op::CloseCover { user: u, cover: c } => user(u) && cover(u, c),
            Op::CloseMarketExposure { user: u, market: m } => {
                user(u)
                    && market(m)
                    && self.market_exposures.contains_key(&(*u, self.markets[*m as usize].id))
            }
            Op::Wrong { kind, user: u, other, index, market: m } => {
                user(u)
                    && user(other)
                    && market(m)
                    && match kind {
                        Wrong::ReportWithOthersUser | Wrong::EarlyWithOtherMarket => position(u, index),
                        Wrong::CompensateOthersOwner
                        | Wrong::CloseToOthersOwner
                        | Wrong::SettleOddAccounts => policy(u, index),
                        Wrong::PythOtherFeed | Wrong::PythPartiallyVerified | Wrong::PythNotReceiverOwned => {
                            matches!(self.markets[*m as usize].params.oracle, OracleSource::Pyth { .. })
                        }
                        _ => true,
                    }
                    && (!matches!(
                        kind,
                        Wrong::ReportWithOthersUser
                            | Wrong::CompensateOthersOwner
                            | Wrong::CloseToOthersOwner
                    ) || u != other)
                    && (*kind != Wrong::EarlyWithOtherMarket
                        || (self.markets[*m as usize].id != self.positions[&(*u, *index)].market
                            && self.users[*u as usize].active_policy.is_some()))
            }
            Op::FundRewards { .. }
            | Op::WithdrawRewards { .. }
            | Op::UpdateMining { .. }
            | Op::WithdrawSurplus { .. }
            | Op::UpdateConfig { .. }
            | Op::UpdateLevels { .. }
            | Op::SetPaused { .. }
            | Op::ProposeAdmin { .. }
            | Op::AcceptAdmin { .. }
            | Op::SetRoles { .. }
            | Op::AddMarket { .. } => true,
        }
    }

    // --- setup (outside the program: the driver's own token movements) ----------------------

    pub fn add_user_funds(&mut self, user: u32, amount: u64) {
        self.users[user as usize].premium_balance += amount;
    }

    pub fn ensure_credit_ata(&mut self, user: u32) {
        let user = &mut self.users[user as usize];
        if user.credit_ata == CreditAta::Missing {
            user.credit_ata = CreditAta::Usable;
        }
    }

    /// The credit account claims, stakes and unstakes use: the associated one while usable,
    /// otherwise the spare one (the driver creates it first).
    pub fn credit_home_balance(&self, user: u32) -> u64 {
        let u = &self.users[user as usize];
        if u.credit_ata == CreditAta::Usable {
            u.credit_ata_balance
        } else {
            u.credit_spare.unwrap_or(0)
        }
    }

    fn credit_home_add(&mut self, user: u32, amount: u64) {
        let u = &mut self.users[user as usize];
        if u.credit_ata == CreditAta::Usable {
            u.credit_ata_balance += amount;
        } else {
            *u.credit_spare.as_mut().expect("spare credit account exists") += amount;
        }
    }

    fn credit_home_sub(&mut self, user: u32, amount: u64) -> Result<(), Code> {
        let u = &mut self.users[user as usize];
        let balance = if u.credit_ata == CreditAta::Usable {
            &mut u.credit_ata_balance
        } else {
            u.credit_spare.as_mut().expect("spare")
        };
        *balance = balance.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        Ok(())
    }

    // --- operations -------------------------------------------------------------------------

    /// Predicts `op`: the events it emits in order, or the error the transaction fails with.
    /// On an error the caller restores the state it had before.
    pub fn apply(&mut self, op: &Op, ctx: &Ctx) -> Outcome {
        self.touched = Touched::default();
        match op.clone() {
            Op::Advance { secs } => {
                self.now += secs;
                Ok(vec![])
            }
            Op::Register { referrer, bad } => self.register(referrer, bad, ctx),
            Op::Buy { user, premium, index_ahead, uplines } => self.buy(user, premium, index_ahead, uplines),
            Op::Open { user, market, id, side, size, price, margin, back, policy, wrong_signer } => {
                let market = self.markets[market as usize].id;
                self.open(user, market, id, side, size, price, margin, self.now - back, policy, wrong_signer)
            }
            Op::Increase { user, id, size, price, margin, back, wrong_signer } => {
                self.increase(user, id, size, price, margin, self.now - back, wrong_signer)
            }
            Op::Reduce { user, id, liquidation, size, price, fee, back, wrong_signer } => {
                self.reduce(user, id, liquidation, size, price, fee, self.now - back, wrong_signer)
            }
            Op::Post { market, price, conf, back, wrong_signer } => {
                let id = self.markets[market as usize].id;
                self.post(id, price, conf, self.now - back, wrong_signer)
            }
            Op::Pyth { market, price, conf, back } => {
                let id = self.markets[market as usize].id;
                self.pyth(id, price, conf, self.now - back)
            }
            Op::GetMark { market } => {
                let id = self.markets[market as usize].id;
                self.get_mark(id).map(|_| vec![])
            }
            Op::Settle { user, index, skip, take, bad } => self.settle(user, index, skip, take, bad),
            Op::Early { user, index, position, open, wrong_signer } => {
                self.early(user, index, position, open, wrong_signer)
            }
            Op::Compensate { user, index, uplines } => self.compensate(user, index, uplines),
            Op::ClaimCommission { user } => self.claim_commission(user),
            Op::ClaimRebate { user } => self.claim_rebate(user),
            Op::ClaimCredits { user } => self.claim_credits(user),
            Op::BuyCover { user, market, side, qty, margin, insured, index_ahead } => {
                let id = self.markets[market as usize].id;
                self.buy_cover(user, id, side, qty, margin, insured, index_ahead)
            }
            Op::Fill { user, cover, position, qty, wrong_signer } => {
                self.fill(user, cover, position, qty, wrong_signer)
            }
            Op::Cancel { user, cover, qty, pay_now, wrong_signer } => {
                self.cancel(user, cover, qty, pay_now, wrong_signer)
            }
            Op::CloseOrder { user, cover, wrong_signer } => self.close_order(user, cover, wrong_signer),
            Op::Liquidate { user, cover, qty, loss, wrong_signer } => {
                self.liquidate(user, cover, qty, loss, wrong_signer)
            }
            Op::Review { user, cover, approve, wrong_signer } => {
                self.decide(user, cover, Some(approve), wrong_signer)
            }
            Op::Finalize { user, cover } => self.decide(user, cover, None, false),
            Op::ClaimVested { user, cover, wrong_signer } => self.claim_vested(user, cover, wrong_signer),
            Op::ClaimRefund { user, cover } => self.claim_refund(user, cover),
            Op::Stake { user, amount } => self.stake(user, amount),
            Op::Unstake { user, amount } => self.unstake(user, amount),
            Op::ClaimRewards { user } => self.claim_rewards(user),
            Op::FundRewards { amount, wrong_signer } => self.fund_rewards(amount, wrong_signer),
            Op::WithdrawRewards { amount } => self.withdraw_rewards(amount),
            Op::UpdateMining { params, wrong_signer } => self.update_mining(params, wrong_signer),
            Op::Deposit { amount } => self.deposit(amount),
            Op::WithdrawSurplus { amount, wrong_signer } => self.withdraw_surplus(amount, wrong_signer),
            Op::Donate { amount } => {
                self.funder_balance =
                    self.funder_balance.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
                self.vault += amount;
                Ok(vec![])
            }
            Op::UpdateConfig { config, wrong_signer } => self.update_config(*config, wrong_signer),
            Op::UpdateLevels { levels } => {
                validate_levels(&levels)?;
                self.levels = levels;
                Ok(vec!["LevelsUpdated"])
            }
            Op::SetPaused { paused } => {
                ensure!(self.paused != paused, PauseStateUnchanged);
                self.paused = paused;
                Ok(vec!["PauseChanged"])
            }
            Op::AssignLevel { user, level, wrong_signer } => self.assign_level(user, level, wrong_signer),
            Op::SetLead { user, flag } => {
                ensure!(self.users[user as usize].is_lead_trader != flag, LeadTraderUnchanged);
                self.users[user as usize].is_lead_trader = flag;
                self.touched.users.insert(user);
                Ok(vec!["LeadTraderSet"])
            }
            Op::ProposeAdmin { staff } => {
                let key = staff.map_or(Pubkey::default(), |s| ctx.staff[s as usize]);
                ensure!(key != Pubkey::default(), InvalidRoleKey);
                ensure!(!self.roles.contains(&key), RoleKeysNotDistinct);
                self.pending_admin = Some(key);
                Ok(vec!["AdminProposed"])
            }
            Op::AcceptAdmin { staff } => {
                let signer = ctx.staff[staff as usize];
                let pending = self.pending_admin.ok_or(code(CipError::NoPendingAdmin))?;
                ensure!(signer == pending, NotPendingAdmin);
                ensure!(!self.roles.contains(&pending), RoleKeysNotDistinct);
                self.admin = pending;
                self.pending_admin = None;
                Ok(vec!["AdminTransferred"])
            }
            Op::SetRoles { roles } => {
                let keys = roles.map(|role| role.map_or(Pubkey::default(), |s| ctx.staff[s as usize]));
                for key in keys {
                    ensure!(key != Pubkey::default(), InvalidRoleKey);
                    ensure!(key != self.admin, RoleKeysNotDistinct);
                }
                ensure!(keys[0] != keys[1] && keys[0] != keys[2] && keys[1] != keys[2], RoleKeysNotDistinct);
                self.roles = keys;
                Ok(vec!["RolesUpdated"])
            }
            Op::AddMarket { id, params } => {
                self.validate_market(&params)?;
                ensure!(self.markets.iter().all(|market| market.id != id), AccountAlreadyInitialized);
                let feed = Feed { price_decimals: params.price_decimals, ..Feed::default() };
                self.markets.push(Market { id, params, open_positions: 0, feed });
                self.totals.markets += 1;
                self.touched.markets.insert(id);
                Ok(vec!["MarketAdded"])
            }
            Op::UpdateMarket { market, params } => {
                self.validate_market(&params)?;
                let current = &self.markets[market as usize];
                let decimals_change = params.base_decimals != current.params.base_decimals
                    || params.quote_decimals != current.params.quote_decimals
                    || params.price_decimals != current.params.price_decimals;
                ensure!(!decimals_change || current.open_positions == 0, MarketHasOpenPositions);
                let feed = &current.feed;
                if params.price_decimals != feed.price_decimals {
                    // Recorded prices are re-expressed in the new decimals (price down, confidence up).
                    let out_of_range = code(CipError::PriceExponentOutOfRange);
                    let from = -i32::from(feed.price_decimals);
                    let mut rescaled = feed.clone();
                    for observation in rescaled.observations.iter_mut().filter(|o| o.publish_time != 0) {
                        let price =
                            arith::rescale(observation.price as u64, from, params.price_decimals, false)
                                .ok_or(out_of_range)?;
                        observation.price = i64::try_from(price).map_err(|_| out_of_range)?;
                        observation.conf =
                            arith::rescale(observation.conf, from, params.price_decimals, true)
                                .ok_or(out_of_range)?;
                    }
                    rescaled.price_decimals = params.price_decimals;
                    self.markets[market as usize].feed = rescaled;
                }
                self.markets[market as usize].params = params;
                self.touched.markets.insert(self.markets[market as usize].id);
                Ok(vec!["MarketUpdated"])
            }
            Op::ClosePolicy { user, index } => {
                let policy = &self.policies[&(user, index)];
                ensure!(policy.status == PolicyStatus::Completed, PolicyNotFinished);
                ensure!(policy.exposures_closed == policy.exposures, PolicyExposuresOpen);
                self.policies.get_mut(&(user, index)).expect("policy").closed = true;
                self.touched.policies.insert((user, index));
                Ok(vec!["PolicyClosed"])
            }
            Op::ClosePolicyExposure { user, index, market } => {
                let id = self.markets[market as usize].id;
                let policy = &self.policies[&(user, index)];
                let exposure = &policy.exposure_accounts[&id];
                ensure!(exposure.valued || !policy.is_active(), ExposureNotFinished);
                let policy = self.policies.get_mut(&(user, index)).expect("policy");
                policy.exposures_closed += 1;
                policy.exposure_accounts.get_mut(&id).expect("exposure").closed = true;
                self.touched.policies.insert((user, index));
                Ok(vec!["PolicyExposureClosed"])
            }
            Op::CloseCover { user, cover } => {
                let c = &self.covers[&(user, cover)];
                ensure!(
                    c.status == CoverStatus::Completed
                        && c.refund_owed == 0
                        && c.vested_claimed == c.compensation,
                    CoverNotFinished
                );
                self.covers.get_mut(&(user, cover)).expect("cover").closed = true;
                self.touched.covers.insert((user, cover));
                Ok(vec!["LiquidationCoverClosed"])
            }
            Op::CloseMarketExposure { user, market } => {
                let id = self.markets[market as usize].id;
                ensure!(self.market_exposures[&(user, id)].ongoing == 0, MarketExposureInUse);
                self.market_exposures.remove(&(user, id));
                self.touched.market_exposures.insert((user, id));
                Ok(vec!["MarketExposureClosed"])
            }
            Op::CloseMiner { user } => {
                self.harvest(user);
                let miner = &self.mining.miner_accounts[&user];
                ensure!(miner.staked == 0 && miner.pending == 0, MinerNotEmpty);
                self.mining.miner_accounts.remove(&user);
                self.mining.miners -= 1;
                self.touched.miners.insert(user);
                self.touched.mining = true;
                Ok(vec!["MinerClosed"])
            }
            Op::Wrong { kind, user, index, .. } => Err(match kind {
                Wrong::CommissionToCreditAccount | Wrong::PremiumFromCreditAccount => {
                    code(CipError::TokenAccountMismatch)
                }
                Wrong::ReportWithOthersUser => code(CipError::PositionOwnerMismatch),
                Wrong::CompensateOthersOwner => code(CipError::PolicyOwnerMismatch),
                Wrong::CloseToOthersOwner => code(CipError::RentRecipientMismatch),
                Wrong::SettleOddAccounts => {
                    let policy = &self.policies[&(user, index)];
                    ensure!(policy.is_active(), PolicyNotActive);
                    ensure!(self.now >= self.settlement_opens_at(policy), SettlementNotOpen);
                    code(CipError::SettlementAccountsMalformed)
                }
                Wrong::EarlyWithOtherMarket => code(CipError::MarketMismatch),
                Wrong::PythOtherFeed => code(CipError::OracleFeedMismatch),
                Wrong::PythPartiallyVerified => code(CipError::OracleNotFullyVerified),
                Wrong::PythNotReceiverOwned => code(CipError::OracleWrongOwner),
            }),
            Op::ReassignCredit { user } => {
                let u = &mut self.users[user as usize];
                u.credit_ata = CreditAta::Reassigned;
                self.touched.users.insert(user);
                Ok(vec![])
            }
        }
    }

    // --- users and referral -----------------------------------------------------------------

    fn register(&mut self, referrer: Option<u32>, bad: RegisterBad, ctx: &Ctx) -> Outcome {
        match bad {
            RegisterBad::SelfReferral => return Err(code(CipError::SelfReferral)),
            RegisterBad::Unregistered => return Err(code(CipError::ReferrerNotRegistered)),
            RegisterBad::Again(user) => {
                ensure!(referrer != Some(user), SelfReferral);
                return Err(code(CipError::AccountAlreadyInitialized));
            }
            RegisterBad::None => {}
        }
        let wallet = ctx.new_wallet.expect("register needs a new wallet");
        let index = self.users.len() as u32;
        let depth = referrer.map_or(0, |parent| self.users[parent as usize].depth + 1);
        if let Some(parent) = referrer {
            self.users[parent as usize].direct_referrals += 1;
            self.touched.users.insert(parent);
        }
        self.users.push(User {
            wallet,
            registered_at: self.now,
            open_positions: 0,
            policy_count: 0,
            active_policy: None,
            total_premium_paid: 0,
            total_compensation_credits: 0,
            credits_owed: 0,
            is_lead_trader: false,
            cover_count: 0,
            liq_day: 0,
            liq_day_total: 0,
            liq_cumulative: 0,
            liq_used: 0,
            parent: referrer,
            depth,
            assigned_level: 0,
            level: 0,
            direct_referrals: 0,
            team_volume: 0,
            commission_earned: 0,
            commission_claimed: 0,
            rebate_earned: 0,
            rebate_claimed: 0,
            premium_balance: 0,
            credit_ata: CreditAta::Missing,
            credit_ata_balance: 0,
            credit_spare: None,
            reward_balance: 0,
        });
        self.totals.users_registered += 1;
        self.touched.users.insert(index);
        Ok(vec!["UserRegistered"])
    }

    /// The upline check of a purchase or compensation walk (count first, then each account).
    fn check_uplines(&self, user: u32, mode: Uplines) -> Result<Vec<u32>, Code> {
        let uplines = self.uplines(user);
        let n = uplines.len();
        match mode {
            Uplines::Missing if n >= 1 => Err(code(CipError::UplineCountMismatch)),
            Uplines::Extra => Err(code(CipError::UplineCountMismatch)),
            Uplines::Swapped if n >= 2 => Err(code(CipError::UplineLinkMismatch)),
            Uplines::ReadOnly if n >= 1 => Err(code(CipError::UplineNotWritable)),
            Uplines::WrongType if n >= 1 => Err(code(CipError::UplineWrongAccountType)),
            Uplines::Foreign if n >= 1 => Err(code(CipError::UplineNotProgramOwned)),
            _ => Ok(uplines),
        }
    }

    /// The differential walk: what each node earns at `rates`, where the same-level cut stopped.
    fn walk(amount: u64, rates: &[u16], cut: bool) -> (Vec<u64>, Option<usize>) {
        let mut earned = vec![0; rates.len()];
        let mut paid = 0u16;
        for (index, &rate) in rates.iter().enumerate() {
            if rate > paid {
                earned[index] = arith::bps(amount, u64::from(rate - paid)).expect("share fits");
                paid = rate;
            } else if rate == paid && paid > 0 && cut {
                return (earned, Some(index));
            }
        }
        (earned, None)
    }

    /// The premium's tier, or why it is not buyable.
    fn tier_of(&self, premium: u64) -> Result<u8, Code> {
        let tiers = &self.config.tiers;
        ensure!(premium > 0, PremiumZero);
        ensure!(premium >= tiers[0].min, PremiumBelowMinimum);
        ensure!(premium <= tiers[tiers.len() - 1].max, PremiumAboveMaximum);
        let index = tiers
            .iter()
            .position(|tier| tier.min <= premium && premium <= tier.max)
            .ok_or(code(CipError::PremiumBetweenTiers))?;
        ensure!(premium % tiers[index].step == 0, PremiumOffStep);
        Ok(index as u8)
    }

    fn buy(&mut self, user: u32, premium: u64, index_ahead: bool, mode: Uplines) -> Outcome {
        let u = &self.users[user as usize];
        ensure!(!self.paused, PoolPaused);
        ensure!(!index_ahead, PolicyIndexMismatch);
        ensure!(u.open_positions == 0, TraderHasOpenPositions);
        ensure!(u.active_policy.is_none(), PolicyAlreadyActive);
        self.tier_of(premium)?;
        let c = &self.config;
        let trigger =
            premium.checked_mul(u64::from(c.trigger_multiplier)).ok_or(code(CipError::MathOverflow))?;
        let payout =
            arith::bps(trigger, u64::from(c.payout_ratio_bps)).ok_or(code(CipError::CastOverflow))?;
        let payout_credits =
            arith::bps(payout, u64::from(c.hashrate_per_usdt_bps)).ok_or(code(CipError::CastOverflow))?;
        let uplines = self.check_uplines(user, mode)?;
        let gap_before = self.gap();
        // The premium moves from the trader to the vault.
        let balance = &mut self.users[user as usize].premium_balance;
        *balance = balance.checked_sub(premium).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.vault += premium;

        let rates: Vec<u16> = uplines
            .iter()
            .map(|&node| self.levels[usize::from(self.effective_level(node))].commission_bps)
            .collect();
        let (earned, _cut) = Self::walk(premium, &rates, self.config.same_level_cut);
        let total: u64 = earned.iter().sum();
        for (i, &node) in uplines.iter().enumerate() {
            let n = &mut self.users[node as usize];
            n.commission_earned += earned[i];
            n.team_volume += premium;
            let level = self.effective_level(node);
            self.users[node as usize].level = level;
            self.touched.users.insert(node);
        }
        let index = self.users[user as usize].policy_count;
        let c = &self.config;
        self.policies.insert(
            (user, index),
            Policy {
                owner: user,
                index,
                premium,
                trigger,
                payout,
                payout_credits,
                start: self.now,
                end: self.now + c.policy_duration,
                staleness: c.max_price_staleness,
                conf_bps: c.max_conf_bps,
                grace: c.settlement_grace,
                status: PolicyStatus::Active,
                outcome: PolicyOutcome::Open,
                open_positions: 0,
                positions_attached: 0,
                exposures: 0,
                exposures_valued: 0,
                exposures_closed: 0,
                fallback_marks: 0,
                realized_pnl: 0,
                unrealized_pnl: 0,
                largest_closed_loss: 0,
                largest_closed_loss_position: None,
                settlement: SettlementKind::None,
                settled_at: 0,
                loss: 0,
                credits_paid: 0,
                closed: false,
                exposure_accounts: Default::default(),
                settlement_started: false,
                first_marks: Default::default(),
                first_fallbacks: Default::default(),
            },
        );
        let u = &mut self.users[user as usize];
        u.policy_count += 1;
        u.active_policy = Some(index);
        u.total_premium_paid += premium;
        self.totals.policies_sold += 1;
        self.totals.premiums_collected += premium;
        self.totals.commission_accrued += total;
        self.liabilities.commission_owed += total;
        self.close_books(gap_before)?;
        self.touched.users.insert(user);
        self.touched.policies.insert((user, index));
        Ok(vec!["PolicyPurchased"])
    }

    fn assign_level(&mut self, user: u32, level: u8, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotAdmin);
        ensure!(usize::from(level) < self.levels.len(), InvalidLevel);
        ensure!(self.users[user as usize].assigned_level != level, LevelUnchanged);
        self.users[user as usize].assigned_level = level;
        let effective = self.effective_level(user);
        self.users[user as usize].level = effective;
        self.touched.users.insert(user);
        Ok(vec!["LevelAssigned"])
    }

    // --- positions --------------------------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        user: u32,
        market: u16,
        id: u64,
        side: Side,
        size: u64,
        price: u64,
        margin: u64,
        opened_at: i64,
        pass: PolicyPass,
        wrong_signer: bool,
    ) -> Outcome {
        ensure!(!wrong_signer, NotReporter);
        ensure!(self.market(market).params.active, MarketInactive);
        ensure!(size > 0, ZeroSize);
        ensure!(price > 0, ZeroPrice);
        ensure!(u128::from(size) * u128::from(price) <= 1u128 << 96, PositionTooLarge);
        ensure!(opened_at <= self.now, EventTimeInFuture);
        let active = self.users[user as usize].active_policy;
        let passed = match pass {
            PolicyPass::Active => active,
            PolicyPass::Omit => None,
            PolicyPass::Other(index) => Some(index),
        };
        match (active, passed) {
            (None, None) => {}
            (Some(_), None) => return Err(code(CipError::PolicyAccountRequired)),
            (None, Some(_)) => return Err(code(CipError::PolicyAccountMismatch)),
            (Some(a), Some(b)) => ensure!(a == b, PolicyAccountMismatch),
        }
        ensure!(!self.positions.contains_key(&(user, id)), AccountAlreadyInitialized);
        let mut events = vec![];
        let mut attached = None;
        if let Some(index) = passed {
            let policy = &self.policies[&(user, index)];
            if policy.is_active() && opened_at < policy.start {
                let policy = self.policies.get_mut(&(user, index)).expect("policy");
                policy.settlement = SettlementKind::Voided;
                policy.settled_at = self.now;
                policy.status = PolicyStatus::Completed;
                policy.outcome = PolicyOutcome::Void;
                self.users[user as usize].active_policy = None;
                self.totals.policies_voided += 1;
                self.touched.policies.insert((user, index));
                events.push("PolicyVoided");
            } else if self.counts(policy, opened_at) {
                let decimals = self.market(market).decimals();
                let reporter = self.roles[0];
                let policy = self.policies.get_mut(&(user, index)).expect("policy");
                if !policy.exposure_accounts.contains_key(&market) {
                    policy.exposures += 1;
                    policy.exposure_accounts.insert(
                        market,
                        Exposure {
                            market,
                            rent_payer: reporter,
                            decimals,
                            open_positions: 0,
                            positions: 0,
                            net_size: 0,
                            net_entry_value: 0,
                            valued: false,
                            mark_source: MarkSource::None,
                            mark_price: 0,
                            mark_publish_time: 0,
                            unrealized_pnl: 0,
                            closed: false,
                        },
                    );
                }
                let exposure = policy.exposure_accounts.get_mut(&market).expect("exposure");
                if exposure.valued || exposure.closed {
                    let text = format!(
                        "a position opened at {opened_at} attached to policy ({user}, {index})'s exposure in market {market} after it was valued"
                    );
                    self.findings.push(text);
                }
                let exposure = self
                    .policies
                    .get_mut(&(user, index))
                    .expect("policy")
                    .exposure_accounts
                    .get_mut(&market)
                    .expect("exposure");
                let s = i128::from(size) * arith::sign(side);
                exposure.net_size += s;
                exposure.net_entry_value += s * i128::from(price);
                exposure.open_positions += 1;
                exposure.positions += 1;
                let policy = self.policies.get_mut(&(user, index)).expect("policy");
                policy.open_positions += 1;
                policy.positions_attached += 1;
                attached = Some((index, policy.end));
                self.touched.policies.insert((user, index));
            }
        }
        self.positions.insert(
            (user, id),
            Position {
                market,
                side,
                size,
                entry: price,
                margin,
                opened_at,
                last_event_at: opened_at,
                realized: 0,
                fees: 0,
                liquidated: 0,
                policy: attached.map(|(index, _)| index),
                policy_end: attached.map_or(0, |(_, end)| end),
                counted: attached.map(|_| (size, price)),
                rent_payer: self.roles[0],
            },
        );
        self.market_mut(market).open_positions += 1;
        self.users[user as usize].open_positions += 1;
        self.touched.positions.insert((user, id));
        self.touched.markets.insert(market);
        self.touched.users.insert(user);
        events.insert(events.len().saturating_sub(0), "PositionOpened");
        // PolicyVoided is emitted before PositionOpened.
        Ok(events)
    }

    fn validate_report(
        &self,
        user: u32,
        id: u64,
        size: u64,
        price: u64,
        t: i64,
        wrong_signer: bool,
    ) -> Result<(), Code> {
        ensure!(!wrong_signer, NotReporter);
        ensure!(size > 0, ZeroSize);
        ensure!(price > 0, ZeroPrice);
        ensure!(t <= self.now, EventTimeInFuture);
        ensure!(t >= self.positions[&(user, id)].last_event_at, EventTimeBeforePrevious);
        Ok(())
    }

    /// The policy a report about venue time `t` counts toward, if any.
    fn report_link(&self, user: u32, id: u64, t: i64) -> Result<Option<u64>, Code> {
        let position = &self.positions[&(user, id)];
        let Some(index) = position.policy else {
            return Ok(None);
        };
        if t > position.policy_end {
            return Ok(None);
        }
        let policy = &self.policies[&(user, index)];
        if policy.closed || !self.counts(policy, t) {
            return Ok(None);
        }
        if policy.exposure_accounts[&position.market].closed {
            return Err(ACCOUNT_OWNED_BY_WRONG_PROGRAM);
        }
        Ok(Some(index))
    }

    /// Replaces the position's terms in its policy's exposure (a counted report).
    fn move_exposure(&mut self, user: u32, id: u64, index: u64, new_size: u64, new_entry: u64) {
        let position = self.positions[&(user, id)].clone();
        let policy = self.policies.get_mut(&(user, index)).expect("policy");
        let exposure = policy.exposure_accounts.get_mut(&position.market).expect("exposure");
        let mut findings = vec![];
        if exposure.valued {
            findings.push(format!(
                "a report at {} changed policy ({user}, {index})'s exposure in market {} after it was valued",
                self.now, position.market
            ));
        }
        if position.counted != Some((position.size, position.entry)) {
            findings.push(format!(
                "position ({user}, {id}) is counted in policy ({user}, {index})'s exposure as {:?} but a counted report removes it as ({}, {}): the exposure drifts from its positions",
                position.counted, position.size, position.entry
            ));
        }
        let s = arith::sign(position.side);
        exposure.net_size -= i128::from(position.size) * s;
        exposure.net_entry_value -= i128::from(position.size) * s * i128::from(position.entry);
        if new_size > 0 {
            exposure.net_size += i128::from(new_size) * s;
            exposure.net_entry_value += i128::from(new_size) * s * i128::from(new_entry);
        }
        self.positions.get_mut(&(user, id)).expect("position").counted =
            if new_size > 0 { Some((new_size, new_entry)) } else { None };
        self.touched.policies.insert((user, index));
        for finding in findings {
            self.finding(finding);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn increase(
        &mut self,
        user: u32,
        id: u64,
        size: u64,
        price: u64,
        margin: u64,
        t: i64,
        wrong_signer: bool,
    ) -> Outcome {
        self.validate_report(user, id, size, price, t, wrong_signer)?;
        let position = &self.positions[&(user, id)];
        let new_size = position.size + size;
        let new_entry = ((u128::from(position.size) * u128::from(position.entry)
            + u128::from(size) * u128::from(price))
            / u128::from(new_size)) as u64;
        ensure!(u128::from(new_size) * u128::from(new_entry.max(price)) <= 1u128 << 96, PositionTooLarge);
        if let Some(index) = self.report_link(user, id, t)? {
            self.move_exposure(user, id, index, new_size, new_entry);
        }
        let position = self.positions.get_mut(&(user, id)).expect("position");
        position.entry = new_entry;
        position.size = new_size;
        position.margin += margin;
        position.last_event_at = t;
        self.touched.positions.insert((user, id));
        Ok(vec!["PositionIncreased"])
    }

    #[allow(clippy::too_many_arguments)]
    fn reduce(
        &mut self,
        user: u32,
        id: u64,
        liquidation: bool,
        size: u64,
        price: u64,
        fee: u64,
        t: i64,
        wrong_signer: bool,
    ) -> Outcome {
        self.validate_report(user, id, size, price, t, wrong_signer)?;
        let position = self.positions[&(user, id)].clone();
        ensure!(size <= position.size, CloseExceedsSize);
        let decimals = self.market(position.market).decimals();
        let realized = arith::pnl(size, position.entry, price, position.side, decimals) - i128::from(fee);
        let remaining = position.size - size;
        let position_realized = position.realized + realized;
        let closed = remaining == 0;
        if let Some(index) = self.report_link(user, id, t)? {
            self.move_exposure(user, id, index, remaining, position.entry);
            let policy = self.policies.get_mut(&(user, index)).expect("policy");
            policy.realized_pnl += realized;
            if closed {
                policy.open_positions = checked_sub_u32(policy.open_positions, 1)?;
                let exposure = policy.exposure_accounts.get_mut(&position.market).expect("exposure");
                exposure.open_positions = checked_sub_u32(exposure.open_positions, 1)?;
                let closed_loss = arith::loss_of(position_realized);
                if closed_loss > policy.largest_closed_loss {
                    policy.largest_closed_loss = closed_loss;
                    policy.largest_closed_loss_position = Some(id);
                }
            }
        }
        let p = self.positions.get_mut(&(user, id)).expect("position");
        p.realized = position_realized;
        p.fees += fee;
        p.size = remaining;
        p.last_event_at = t;
        if liquidation {
            p.liquidated += size;
        }
        if closed {
            self.positions.remove(&(user, id));
            let u = &mut self.users[user as usize];
            u.open_positions = checked_sub_u32(u.open_positions, 1)?;
            let m = self.market_mut(position.market);
            m.open_positions = checked_sub_u32(m.open_positions, 1)?;
            self.touched.users.insert(user);
            self.touched.markets.insert(position.market);
        }
        self.touched.positions.insert((user, id));
        Ok(vec!["PositionReduced"])
    }

    // --- prices -----------------------------------------------------------------------------

    fn record(
        &mut self,
        market: u16,
        observation: Observation,
        allow_correction: bool,
    ) -> Result<bool, Code> {
        let now = self.now;
        let observation = Observation { recorded_at: now, ..observation };
        let max_age = i64::from(self.config.max_price_staleness);
        let spacing = i64::from(self.config.min_observation_spacing);
        let feed = &mut self.market_mut(market).feed;
        ensure!(observation.price > 0, PriceNotPositive);
        ensure!(observation.publish_time <= now, PublishTimeInFuture);
        ensure!(now - observation.publish_time <= max_age, PriceStale);
        let mut correction = false;
        if feed.recorded > 0 {
            let latest = feed.observations[(usize::from(feed.next_slot) + RING - 1) % RING];
            // A correction is recorded in the next slot like a new print: the print stays for
            // the windows that closed before the correction.
            correction = observation.publish_time == latest.publish_time && allow_correction;
            if !correction {
                ensure!(observation.publish_time > latest.publish_time, ObservationNotNewer);
                ensure!(observation.publish_time - latest.publish_time >= spacing, ObservationTooSoon);
            }
        }
        let slot = usize::from(feed.next_slot);
        let evicted = feed.observations[slot];
        if evicted.publish_time != 0 {
            feed.evicted_until = feed.evicted_until.max(evicted.publish_time);
        }
        feed.observations[slot] = observation;
        feed.next_slot = ((slot + 1) % RING) as u8;
        feed.recorded += 1;
        self.touched.markets.insert(market);
        Ok(correction)
    }

    fn post(&mut self, market: u16, price: i64, conf: u64, publish_time: i64, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotOracleAuthority);
        ensure!(self.market(market).params.oracle == OracleSource::Authority, NotAuthorityMarket);
        self.record(market, Observation { price, conf, publish_time, recorded_at: 0 }, true)?;
        Ok(vec!["MarkPriceRecorded"])
    }

    /// A Pyth print with exponent −8, rescaled to the market's price decimals.
    fn pyth(&mut self, market: u16, price: i64, conf: u64, publish_time: i64) -> Outcome {
        ensure!(matches!(self.market(market).params.oracle, OracleSource::Pyth { .. }), NotPythMarket);
        ensure!(price > 0, PriceNotPositive);
        let decimals = self.market(market).params.price_decimals;
        let out_of_range = code(CipError::PriceExponentOutOfRange);
        let scaled = arith::rescale(price as u64, PYTH_EXPONENT, decimals, false).ok_or(out_of_range)?;
        ensure!(scaled > 0, PriceNotPositive);
        let scaled = i64::try_from(scaled).map_err(|_| out_of_range)?;
        let conf = arith::rescale(conf, PYTH_EXPONENT, decimals, true).ok_or(out_of_range)?;
        self.record(market, Observation { price: scaled, conf, publish_time, recorded_at: 0 }, false)?;
        Ok(vec!["MarkPriceRecorded"])
    }

    fn passes_guards(observation: &Observation, conf_bps: u16) -> bool {
        observation.price > 0
            && u128::from(observation.conf) * arith::BPS
                <= u128::from(observation.price as u64) * u128::from(conf_bps)
    }

    /// The latest observation if fresh and guarded (early settlement, `get_mark_price`).
    fn fresh_mark(&self, market: u16, staleness: u32, conf_bps: u16) -> Result<Observation, Code> {
        let feed = &self.market(market).feed;
        ensure!(feed.recorded > 0, PriceStale);
        let latest = feed.observations[(usize::from(feed.next_slot) + RING - 1) % RING];
        ensure!(self.now - latest.publish_time <= i64::from(staleness), PriceStale);
        ensure!(latest.price > 0, PriceNotPositive);
        ensure!(Self::passes_guards(&latest, conf_bps), PriceConfidenceTooWide);
        Ok(latest)
    }

    pub fn get_mark(&self, market: u16) -> Result<MarkQuote, Code> {
        let observation =
            self.fresh_mark(market, self.config.max_price_staleness, self.config.max_conf_bps)?;
        Ok(MarkQuote {
            price: observation.price as u64,
            conf: observation.conf,
            publish_time: observation.publish_time,
        })
    }

    /// One mark per market for a policy ending at `end`: the guarded observation closest to
    /// `end` within the staleness bound (ties: the earlier), if the feed holds that whole window;
    /// from `end + grace`, the closest observation recorded before then and still held (guards
    /// waived), or none at all.
    fn settlement_mark(&self, market: u16, policy: &Policy) -> Result<(MarkSource, u64, i64), Code> {
        let feed = &self.market(market).feed;
        let end = policy.end;
        let bound = i64::from(policy.staleness);
        // The prices as they stood at `as_of`: per publish time, the last version recorded by
        // then (a correction is recorded after its print, in a later slot).
        let as_of = |as_of: i64| {
            let mut latest_version = std::collections::BTreeMap::new();
            for offset in 0..RING {
                let o = feed.observations[(usize::from(feed.next_slot) + offset) % RING];
                if o.publish_time != 0 && o.recorded_at <= as_of {
                    latest_version.insert(o.publish_time, o);
                }
            }
            latest_version.into_values().collect::<Vec<Observation>>()
        };
        let closest = |candidates: Vec<Observation>| {
            candidates.into_iter().min_by_key(|o| ((o.publish_time - end).abs(), o.publish_time))
        };
        let complete = feed.evicted_until == 0 || feed.evicted_until < end - bound;
        if complete {
            let guarded: Vec<Observation> = as_of(self.window_closes_at(policy))
                .into_iter()
                .filter(|o| (o.publish_time - end).abs() <= bound && Self::passes_guards(o, policy.conf_bps))
                .collect();
            if let Some(o) = closest(guarded) {
                return Ok((MarkSource::Canonical, o.price as u64, o.publish_time));
            }
        }
        let grace_ends = policy.end + i64::from(policy.grace);
        ensure!(self.now >= grace_ends, NoPriceNearTime);
        match closest(as_of(grace_ends - 1).into_iter().filter(|o| o.price > 0).collect()) {
            Some(o) => Ok((MarkSource::Fallback, o.price as u64, o.publish_time)),
            None => Ok((MarkSource::NoPrice, 0, 0)),
        }
    }

    // --- settlement -------------------------------------------------------------------------

    /// The pairs `settle` passes: unvalued exposures in market order (`skip`, then `take`), as
    /// `(exposure market, feed market)`, after the `bad` variant.
    pub fn settle_pairs(
        &self,
        user: u32,
        index: u64,
        skip: u32,
        take: u32,
        bad: SettleBad,
    ) -> Vec<(u16, u16)> {
        let policy = &self.policies[&(user, index)];
        let unvalued: Vec<u16> =
            policy.exposure_accounts.values().filter(|e| !e.valued && !e.closed).map(|e| e.market).collect();
        let mut pairs: Vec<(u16, u16)> =
            unvalued.iter().skip(skip as usize).take(take as usize).map(|&m| (m, m)).collect();
        match bad {
            SettleBad::None => {}
            SettleBad::WrongFeed => {
                if let Some(first) = pairs.first_mut() {
                    if let Some(other) = self.markets.iter().find(|m| m.id != first.0) {
                        first.1 = other.id;
                    }
                }
            }
            SettleBad::Duplicate => {
                if let Some(&first) = pairs.first() {
                    pairs.push(first);
                }
            }
            SettleBad::Valued => {
                if let Some(valued) = policy.exposure_accounts.values().find(|e| e.valued && !e.closed) {
                    pairs.push((valued.market, valued.market));
                }
            }
        }
        pairs
    }

    fn settle(&mut self, user: u32, index: u64, skip: u32, take: u32, bad: SettleBad) -> Outcome {
        let pairs = self.settle_pairs(user, index, skip, take, bad);
        let policy = self.policies[&(user, index)].clone();
        ensure!(policy.is_active(), PolicyNotActive);
        ensure!(self.now >= self.settlement_opens_at(&policy), SettlementNotOpen);
        let mut valued_any = false;
        for (market, feed_market) in pairs {
            let exposure = &self.policies[&(user, index)].exposure_accounts[&market];
            ensure!(!exposure.valued, ExposureAlreadyValued);
            let (source, price, publish_time) = if exposure.net_size == 0 {
                (MarkSource::NotNeeded, 0, 0)
            } else {
                ensure!(feed_market == market, OracleAccountMismatch);
                let (source, price, publish_time) = self.settlement_mark(market, &policy)?;
                // In the exposure's own price decimals (the market's may have been corrected since).
                let from = -i32::from(self.market(market).feed.price_decimals);
                let price = arith::rescale(price, from, exposure.decimals.price, false)
                    .ok_or(code(CipError::PriceExponentOutOfRange))?;
                (source, price, publish_time)
            };
            let exposure = &self.policies[&(user, index)].exposure_accounts[&market];
            let unrealized = match source {
                MarkSource::NoPrice => 0,
                MarkSource::NotNeeded => arith::to_quote(-exposure.net_entry_value, exposure.decimals),
                _ => arith::to_quote(
                    exposure.net_size * i128::from(price) - exposure.net_entry_value,
                    exposure.decimals,
                ),
            };
            let p = self.policies.get_mut(&(user, index)).expect("policy");
            let e = p.exposure_accounts.get_mut(&market).expect("exposure");
            e.valued = true;
            e.mark_source = source;
            e.mark_price = price;
            e.mark_publish_time = publish_time;
            e.unrealized_pnl = unrealized;
            p.unrealized_pnl += unrealized;
            p.exposures_valued += 1;
            if matches!(source, MarkSource::Fallback | MarkSource::NoPrice) {
                p.fallback_marks += 1;
            }
            valued_any = true;
        }
        let mut events = vec![];
        if valued_any {
            events.push("ExposuresValued");
        }
        let p = self.policies.get_mut(&(user, index)).expect("policy");
        p.settlement_started = true;
        self.touched.policies.insert((user, index));
        if p.exposures_valued < p.exposures {
            return Ok(events);
        }
        let loss = arith::loss_of(p.realized_pnl + p.unrealized_pnl);
        p.settlement = SettlementKind::AtExpiry;
        p.settled_at = self.now;
        p.loss = loss;
        if loss >= p.trigger {
            p.status = PolicyStatus::Compensating;
        } else {
            p.status = PolicyStatus::Completed;
            p.outcome = PolicyOutcome::Expired;
            self.users[user as usize].active_policy = None;
            self.touched.users.insert(user);
        }
        self.totals.policies_settled += 1;
        events.push("PolicySettled");
        Ok(events)
    }

    fn early(&mut self, user: u32, index: u64, id: u64, open: bool, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotOwner);
        let policy = self.policies[&(user, index)].clone();
        ensure!(policy.is_active(), PolicyNotActive);
        ensure!(self.now <= policy.end, PolicyWindowEnded);
        let (single, unrealized) = if open {
            let position = self.positions[&(user, id)].clone();
            ensure!(position.policy == Some(index), PositionNotInPolicy);
            let mark = self.fresh_mark(position.market, policy.staleness, policy.conf_bps)?;
            let decimals = self.market(position.market).decimals();
            let unrealized =
                arith::pnl(position.size, position.entry, mark.price as u64, position.side, decimals);
            (position.realized + unrealized, unrealized)
        } else {
            ensure!(policy.largest_closed_loss_position == Some(id), PositionNotInPolicy);
            (-i128::from(policy.largest_closed_loss), 0)
        };
        let loss = arith::loss_of(single);
        ensure!(loss >= policy.trigger, LossBelowTrigger);
        let p = self.policies.get_mut(&(user, index)).expect("policy");
        p.settlement = SettlementKind::Early;
        p.settled_at = self.now;
        p.unrealized_pnl = unrealized;
        p.loss = loss;
        p.status = PolicyStatus::Compensating;
        self.totals.policies_settled += 1;
        self.touched.policies.insert((user, index));
        Ok(vec!["PolicySettled"])
    }

    fn compensate(&mut self, user: u32, index: u64, mode: Uplines) -> Outcome {
        let policy = self.policies[&(user, index)].clone();
        ensure!(policy.status == PolicyStatus::Compensating, PolicyNotCompensating);
        let uplines = self.check_uplines(user, mode)?;
        let credits = policy.payout_credits;
        let rates: Vec<u16> = uplines
            .iter()
            .map(|&node| self.levels[usize::from(self.effective_level(node))].rebate_bps)
            .collect();
        let (earned, _) = Self::walk(credits, &rates, self.config.same_level_cut);
        let bonus = if uplines.is_empty() {
            0
        } else {
            arith::bps(credits, u64::from(self.config.direct_bonus_bps)).expect("bonus fits")
        };
        let total: u64 = earned.iter().sum::<u64>() + bonus;
        let u = &mut self.users[user as usize];
        if u.credit_ata == CreditAta::Missing {
            u.credit_ata = CreditAta::Usable;
        }
        let deferred = u.credit_ata != CreditAta::Usable;
        if deferred {
            u.credits_owed += credits;
        } else {
            u.credit_ata_balance += credits;
        }
        u.active_policy = None;
        u.total_compensation_credits += credits;
        for (i, &node) in uplines.iter().enumerate() {
            self.users[node as usize].rebate_earned += earned[i] + if i == 0 { bonus } else { 0 };
            self.touched.users.insert(node);
        }
        let p = self.policies.get_mut(&(user, index)).expect("policy");
        p.status = PolicyStatus::Completed;
        p.outcome = PolicyOutcome::Paid;
        p.credits_paid = credits;
        self.totals.policies_compensated += 1;
        self.totals.compensation_credits += credits;
        if deferred {
            self.totals.credits_deferred += credits;
        }
        self.totals.rebates_accrued += total;
        self.touched.users.insert(user);
        self.touched.policies.insert((user, index));
        Ok(vec!["CompensationIssued"])
    }

    fn claim_commission(&mut self, user: u32) -> Outcome {
        let u = &self.users[user as usize];
        let owed = u.commission_earned - u.commission_claimed;
        ensure!(owed > 0, NothingToClaim);
        let gap = self.gap();
        self.vault -= owed;
        let u = &mut self.users[user as usize];
        u.premium_balance += owed;
        u.commission_claimed += owed;
        self.liabilities.commission_owed = checked_sub(self.liabilities.commission_owed, owed)?;
        self.totals.commission_claimed += owed;
        self.close_books(gap)?;
        self.touched.users.insert(user);
        Ok(vec!["CommissionClaimed"])
    }

    fn claim_rebate(&mut self, user: u32) -> Outcome {
        let u = &self.users[user as usize];
        let owed = u.rebate_earned - u.rebate_claimed;
        ensure!(owed > 0, NothingToClaim);
        self.credit_home_add(user, owed);
        self.users[user as usize].rebate_claimed += owed;
        self.totals.rebates_claimed += owed;
        self.touched.users.insert(user);
        Ok(vec!["RebateClaimed"])
    }

    fn claim_credits(&mut self, user: u32) -> Outcome {
        let owed = self.users[user as usize].credits_owed;
        ensure!(owed > 0, NothingToClaim);
        self.credit_home_add(user, owed);
        self.users[user as usize].credits_owed = 0;
        self.totals.credits_claimed += owed;
        self.touched.users.insert(user);
        Ok(vec!["CreditsClaimed"])
    }

    // --- liquidation cover ------------------------------------------------------------------

    /// What a cover of `insured` can cost at most: a full refund or the top compensation.
    fn cover_reserve(&self, insured: u64) -> u64 {
        let l = &self.config.liquidation;
        let top = l.ratio_tiers[0].ratio_bps;
        insured.max(Self::compensation(insured, top, l.compensation_multiplier_bps))
    }

    fn compensation(covered: u64, ratio_bps: u16, multiplier_bps: u32) -> u64 {
        (u128::from(covered) * u128::from(multiplier_bps) * u128::from(ratio_bps) / (arith::BPS * arith::BPS))
            as u64
    }

    fn ratio_for(&self, used: u64) -> u16 {
        self.config
            .liquidation
            .ratio_tiers
            .iter()
            .find(|tier| used <= tier.max_used)
            .expect("last tier unbounded")
            .ratio_bps
    }

    #[allow(clippy::too_many_arguments)]
    fn buy_cover(
        &mut self,
        user: u32,
        market: u16,
        side: Side,
        qty: u64,
        margin: u64,
        insured: InsuredAmount,
        index_ahead: bool,
    ) -> Outcome {
        let l = self.config.liquidation.clone();
        let m = self.market(market);
        let u = &self.users[user as usize];
        ensure!(!self.paused, PoolPaused);
        ensure!(!index_ahead, CoverIndexMismatch);
        ensure!(m.params.liquidation_cover, LiquidationCoverNotOffered);
        ensure!(m.params.active, MarketInactive);
        ensure!(!u.is_lead_trader, LeadTraderExcluded);
        ensure!(qty > 0 && margin > 0, InvalidOrder);
        let insured = match insured {
            InsuredAmount::Amount(amount) => amount,
            InsuredAmount::MarginRatio(ratio) => {
                ensure!(u64::from(ratio) <= 10_000, InsuredAboveMargin);
                arith::bps(margin, u64::from(ratio)).expect("insured fits")
            }
        };
        ensure!(insured >= l.min_insured, InsuredBelowMinimum);
        ensure!(insured <= l.max_insured, PerOrderQuotaExceeded);
        ensure!(insured <= margin, InsuredAboveMargin);
        let day = arith::day_number(self.now, l.day_offset_seconds);
        let today = if u.liq_day == day { u.liq_day_total } else { 0 };
        let day_total = today + insured;
        ensure!(day_total <= l.daily_quota, DailyQuotaExceeded);
        let cumulative = u.liq_cumulative + insured;
        ensure!(cumulative <= l.cumulative_quota, CumulativeQuotaExceeded);
        if let Some(exposure) = self.market_exposures.get(&(user, market)) {
            ensure!(exposure.ongoing == 0 || exposure.side == side, OppositeDirectionOngoing);
        }
        let reserve = self.cover_reserve(insured);
        ensure!(
            u128::from(self.free_capital()) + u128::from(insured) >= u128::from(reserve),
            InsufficientCapacity
        );
        let gap = self.gap();
        let u = &mut self.users[user as usize];
        u.premium_balance = u.premium_balance.checked_sub(insured).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.vault += insured;
        let exposure =
            self.market_exposures.entry((user, market)).or_insert(MarketExposure { side, ongoing: 0 });
        exposure.side = side;
        exposure.ongoing += 1;
        let u = &mut self.users[user as usize];
        let index = u.cover_count;
        u.cover_count += 1;
        u.liq_day = day;
        u.liq_day_total = day_total;
        u.liq_cumulative = cumulative;
        self.covers.insert(
            (user, index),
            Cover {
                market,
                order_id: 1_000_000 + index,
                side,
                order_qty: qty,
                filled_qty: 0,
                cancelled_qty: 0,
                order_margin: margin,
                margin,
                insured_bought: insured,
                insured,
                reserve_bought: reserve,
                reserved: reserve,
                refund_owed: 0,
                status: CoverStatus::Ongoing,
                fill_state: FillState::Pending,
                outcome: CoverOutcome::Open,
                position: None,
                liquidated_at: 0,
                liquidated_qty: 0,
                liquidation_loss: 0,
                review_deadline: 0,
                approved_by_timeout: false,
                ratio_bps: 0,
                compensation: 0,
                vesting_start: 0,
                vesting_days: 0,
                vested_claimed: 0,
                closed: false,
                sale_top_ratio: l.ratio_tiers[0].ratio_bps,
                sale_multiplier: l.compensation_multiplier_bps,
            },
        );
        self.liabilities.covers_reserved += reserve;
        self.totals.liquidation_covers_sold += 1;
        self.totals.liquidation_insured_collected += insured;
        self.close_books(gap)?;
        self.touched.users.insert(user);
        self.touched.covers.insert((user, index));
        self.touched.market_exposures.insert((user, market));
        Ok(vec!["LiquidationCoverBought"])
    }

    fn fill(&mut self, user: u32, cover: u64, id: u64, qty: u64, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotReporter);
        let c = &self.covers[&(user, cover)];
        ensure!(c.status == CoverStatus::Ongoing, CoverNotOngoing);
        ensure!(qty > 0 && qty <= c.unfilled(), QuantityExceedsUnfilled);
        let position = &self.positions[&(user, id)];
        ensure!(
            position.market == c.market
                && position.side == c.side
                && c.position.is_none_or(|linked| linked == id),
            CoverPositionMismatch
        );
        let c = self.covers.get_mut(&(user, cover)).expect("cover");
        c.filled_qty += qty;
        c.position = Some(id);
        c.fill_state = if c.unfilled() == 0 { FillState::Filled } else { FillState::PartiallyFilled };
        self.touched.covers.insert((user, cover));
        Ok(vec!["OrderFilled"])
    }

    fn require_market_exposure(&self, user: u32, cover: u64) -> Result<u16, Code> {
        let market = self.covers[&(user, cover)].market;
        if !self.market_exposures.contains_key(&(user, market)) {
            return Err(ACCOUNT_NOT_INITIALIZED);
        }
        Ok(market)
    }

    fn cancel(&mut self, user: u32, cover: u64, qty: u64, pay_now: bool, wrong_signer: bool) -> Outcome {
        let market = self.require_market_exposure(user, cover)?;
        ensure!(!wrong_signer, NotReporter);
        let c = self.covers[&(user, cover)].clone();
        ensure!(c.status == CoverStatus::Ongoing, CoverNotOngoing);
        ensure!(qty > 0 && qty <= c.unfilled(), QuantityExceedsUnfilled);
        let gap = self.gap();
        let cancelled = c.cancelled_qty + qty;
        // The step between the cumulative pro-rata shares, so the parts add up to the whole.
        let step = |amount: u64| {
            arith::pro_rata(amount, cancelled, c.order_qty)
                - arith::pro_rata(amount, c.cancelled_qty, c.order_qty)
        };
        let (refund, margin_released) = (step(c.insured_bought), step(c.order_margin));
        // What is left stays reserved at the original reserve pro rata to the insured left,
        // rounded up.
        let insured_left = checked_sub(c.insured, refund)?;
        let keep = if c.insured_bought == 0 {
            0
        } else {
            ((u128::from(c.reserve_bought) * u128::from(insured_left)).div_ceil(u128::from(c.insured_bought)))
                as u64
        };
        let release = checked_sub(c.reserved, keep)?;
        if release < refund {
            self.finding(format!(
                "cancelling {qty} of cover ({user}, {cover}) refunds {refund} but releases only {release}"
            ));
        }
        let paid = pay_now && refund > 0;
        if paid {
            self.vault = self.vault.checked_sub(refund).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
            self.users[user as usize].premium_balance += refund;
        }
        let cm = self.covers.get_mut(&(user, cover)).expect("cover");
        cm.cancelled_qty = cancelled;
        cm.insured = checked_sub(cm.insured, refund)?;
        cm.margin = checked_sub(cm.margin, margin_released)?;
        cm.reserved = checked_sub(cm.reserved, release)?;
        self.liabilities.covers_reserved = checked_sub(self.liabilities.covers_reserved, release)?;
        if paid {
            self.totals.liquidation_refunds_paid += refund;
        } else {
            let cm = self.covers.get_mut(&(user, cover)).expect("cover");
            cm.refund_owed += refund;
            self.liabilities.refunds_owed += refund;
        }
        let cm = self.covers.get_mut(&(user, cover)).expect("cover");
        let worst = Self::compensation(cm.insured, cm.sale_top_ratio, cm.sale_multiplier);
        if cm.reserved < worst && !(cm.filled_qty == 0 && cm.cancelled_qty == cm.order_qty) {
            let text = format!(
                "after cancelling {qty} of cover ({user}, {cover}) its reserve {} is below the worst case {worst} of the insured {} left (multiplier and top ratio of the sale)",
                cm.reserved, cm.insured
            );
            self.finding(text);
        }
        let cm = self.covers.get_mut(&(user, cover)).expect("cover");
        if cm.unfilled() == 0 {
            if cm.filled_qty == 0 {
                if cm.insured != 0 || cm.reserved != 0 {
                    let text = format!(
                        "cover ({user}, {cover}) is cancelled in full but keeps {} insured and {} reserved",
                        cm.insured, cm.reserved
                    );
                    self.finding(text);
                }
                let cm = self.covers.get_mut(&(user, cover)).expect("cover");
                cm.status = CoverStatus::Completed;
                cm.outcome = CoverOutcome::Cancelled;
                let exposure = self.market_exposures.get_mut(&(user, market)).expect("exposure");
                exposure.ongoing = checked_sub_u32(exposure.ongoing, 1)?;
            } else {
                cm.fill_state = FillState::Filled;
            }
        }
        self.close_books(gap)?;
        self.touched.covers.insert((user, cover));
        self.touched.users.insert(user);
        self.touched.market_exposures.insert((user, market));
        Ok(vec!["OrderCancelled"])
    }

    fn outcome_checks(&self, user: u32, cover: u64, wrong_signer: bool) -> Result<u16, Code> {
        let market = self.require_market_exposure(user, cover)?;
        ensure!(!wrong_signer, NotReporter);
        let c = &self.covers[&(user, cover)];
        ensure!(c.status == CoverStatus::Ongoing, CoverNotOngoing);
        ensure!(c.unfilled() == 0, OrderHasUnfilledQuantity);
        Ok(market)
    }

    /// Leaves Ongoing: one ongoing cover fewer on the market, the reserve out of the books.
    fn leave_ongoing(&mut self, user: u32, cover: u64, market: u16) -> Result<u64, Code> {
        let exposure = self.market_exposures.get_mut(&(user, market)).expect("exposure");
        exposure.ongoing = checked_sub_u32(exposure.ongoing, 1)?;
        let c = self.covers.get_mut(&(user, cover)).expect("cover");
        let reserved = std::mem::take(&mut c.reserved);
        self.liabilities.covers_reserved = checked_sub(self.liabilities.covers_reserved, reserved)?;
        self.touched.market_exposures.insert((user, market));
        self.touched.covers.insert((user, cover));
        Ok(reserved)
    }

    fn close_order(&mut self, user: u32, cover: u64, wrong_signer: bool) -> Outcome {
        let market = self.outcome_checks(user, cover, wrong_signer)?;
        let gap = self.gap();
        self.leave_ongoing(user, cover, market)?;
        let c = self.covers.get_mut(&(user, cover)).expect("cover");
        c.status = CoverStatus::Completed;
        c.outcome = CoverOutcome::ClosedNoLiquidation;
        self.close_books(gap)?;
        Ok(vec!["CoverClosed"])
    }

    fn covered_loss(c: &Cover) -> u64 {
        c.liquidation_loss
            .min(arith::pro_rata(c.margin, c.liquidated_qty, c.filled_qty))
            .min(arith::pro_rata(c.insured, c.liquidated_qty, c.filled_qty))
    }

    fn liquidate(&mut self, user: u32, cover: u64, qty: u64, loss: u64, wrong_signer: bool) -> Outcome {
        let market = self.outcome_checks(user, cover, wrong_signer)?;
        let c = self.covers[&(user, cover)].clone();
        ensure!(qty > 0 && qty <= c.filled_qty, InvalidLiquidationQuantity);
        let gap = self.gap();
        let l = &self.config.liquidation;
        let ratio = self.ratio_for(self.users[user as usize].liq_used + c.insured);
        let probe = Cover { liquidation_loss: loss, liquidated_qty: qty, ..c.clone() };
        let now_value = Self::compensation(Self::covered_loss(&probe), ratio, l.compensation_multiplier_bps);
        let deadline = self.now + l.review_window;
        let reserved = self.leave_ongoing(user, cover, market)?;
        let cap = now_value.min(reserved);
        self.liabilities.claims_under_review += cap;
        let cm = self.covers.get_mut(&(user, cover)).expect("cover");
        cm.status = CoverStatus::UnderReview;
        cm.liquidated_at = self.now;
        cm.liquidated_qty = qty;
        cm.liquidation_loss = loss;
        cm.review_deadline = deadline;
        cm.reserved = cap;
        self.close_books(gap)?;
        Ok(vec!["LiquidationReported"])
    }

    /// `approve`: `Some(decision)` by the reviewer, `None` to finalise after the deadline.
    fn decide(&mut self, user: u32, cover: u64, approve: Option<bool>, wrong_signer: bool) -> Outcome {
        let c = self.covers[&(user, cover)].clone();
        match approve {
            Some(_) => {
                ensure!(!wrong_signer, NotReviewer);
                ensure!(c.status == CoverStatus::UnderReview, ClaimNotUnderReview);
                ensure!(self.now <= c.review_deadline, ReviewDeadlinePassed);
            }
            None => {
                ensure!(c.status == CoverStatus::UnderReview, ClaimNotUnderReview);
                ensure!(self.now > c.review_deadline, ReviewDeadlineNotReached);
            }
        }
        let gap = self.gap();
        let cap = c.reserved;
        self.liabilities.claims_under_review = checked_sub(self.liabilities.claims_under_review, cap)?;
        let cm = self.covers.get_mut(&(user, cover)).expect("cover");
        cm.reserved = 0;
        cm.status = CoverStatus::Completed;
        if approve == Some(false) {
            cm.outcome = CoverOutcome::Rejected;
            self.totals.liquidation_claims_rejected += 1;
        } else {
            let l = self.config.liquidation.clone();
            let used_after = self.users[user as usize].liq_used + c.insured;
            let ratio = self.ratio_for(used_after);
            let recomputed = Self::compensation(Self::covered_loss(&c), ratio, l.compensation_multiplier_bps);
            let compensation = recomputed.min(cap);
            let cm = self.covers.get_mut(&(user, cover)).expect("cover");
            cm.outcome = CoverOutcome::Paid;
            cm.approved_by_timeout = approve.is_none();
            cm.ratio_bps = ratio;
            cm.compensation = compensation;
            cm.vesting_start =
                arith::vesting_start(c.liquidated_at, l.day_offset_seconds, l.vesting_start_offset);
            cm.vesting_days = l.vesting_days;
            self.users[user as usize].liq_used = used_after;
            self.liabilities.vesting_owed += compensation;
            self.totals.liquidation_claims_approved += 1;
            self.totals.liquidation_compensation_approved += compensation;
            self.touched.users.insert(user);
        }
        self.close_books(gap)?;
        self.touched.covers.insert((user, cover));
        Ok(vec!["ClaimDecided"])
    }

    fn claim_vested(&mut self, user: u32, cover: u64, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotOwner);
        let c = &self.covers[&(user, cover)];
        ensure!(c.outcome == CoverOutcome::Paid, NothingVested);
        let vested = arith::vested(c.compensation, c.vesting_start, c.vesting_days, self.now);
        let amount = checked_sub(vested, c.vested_claimed)?;
        ensure!(amount > 0, NothingVested);
        let gap = self.gap();
        self.vault = self.vault.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.users[user as usize].premium_balance += amount;
        self.covers.get_mut(&(user, cover)).expect("cover").vested_claimed += amount;
        self.liabilities.vesting_owed = checked_sub(self.liabilities.vesting_owed, amount)?;
        self.totals.liquidation_vested_paid += amount;
        self.close_books(gap)?;
        self.touched.covers.insert((user, cover));
        self.touched.users.insert(user);
        Ok(vec!["VestedClaimed"])
    }

    fn claim_refund(&mut self, user: u32, cover: u64) -> Outcome {
        let amount = self.covers[&(user, cover)].refund_owed;
        ensure!(amount > 0, NothingToClaim);
        let gap = self.gap();
        self.vault = self.vault.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.users[user as usize].premium_balance += amount;
        self.covers.get_mut(&(user, cover)).expect("cover").refund_owed = 0;
        self.liabilities.refunds_owed = checked_sub(self.liabilities.refunds_owed, amount)?;
        self.totals.liquidation_refunds_paid += amount;
        self.close_books(gap)?;
        self.touched.covers.insert((user, cover));
        self.touched.users.insert(user);
        Ok(vec!["RefundClaimed"])
    }

    // --- invariants beyond agreement with the chain ------------------------------------------

    /// Rules the product promises that no single instruction shows: checked after every
    /// successful operation; violations become findings.
    pub fn check_invariants(&mut self) {
        // Once a policy's window has closed, each market's canonical mark is final: the same for
        // every settler at any later time (it may only disappear if the ring overwrote it).
        let keys: Vec<(u32, u64)> = self
            .policies
            .iter()
            .filter(|(_, p)| !p.closed && p.is_active() && self.now > self.window_closes_at(p))
            .map(|(k, _)| *k)
            .collect();
        for key in keys {
            let policy = self.policies[&key].clone();
            for (market, exposure) in &policy.exposure_accounts {
                if exposure.net_size == 0 || exposure.closed {
                    continue;
                }
                let canonical = match self.settlement_mark(*market, &policy) {
                    Ok((MarkSource::Canonical, price, publish_time)) => Some((price, publish_time)),
                    _ => None,
                };
                match policy.first_marks.get(market) {
                    None => {
                        self.policies.get_mut(&key).expect("policy").first_marks.insert(*market, canonical);
                    }
                    Some(first) if canonical.is_some() && canonical != *first => {
                        let text = format!(
                            "policy ({}, {}): the canonical mark of market {market} was {first:?} when its window closed, now {canonical:?}",
                            key.0, key.1
                        );
                        self.finding(text);
                    }
                    Some(_) => {}
                }
            }
        }
        // From end + grace a fallback valuation is final too: a later print never changes it
        // (only the ring evicting observations can).
        let keys: Vec<(u32, u64)> = self
            .policies
            .iter()
            .filter(|(_, p)| !p.closed && p.is_active() && self.now >= p.end + i64::from(p.grace))
            .map(|(k, _)| *k)
            .collect();
        for key in keys {
            let policy = self.policies[&key].clone();
            for (market, exposure) in &policy.exposure_accounts {
                if exposure.net_size == 0 || exposure.closed || exposure.valued {
                    continue;
                }
                let evicted_until = self.market(*market).feed.evicted_until;
                let Ok(valuation) = self.settlement_mark(*market, &policy) else { continue };
                if !matches!(valuation.0, MarkSource::Fallback | MarkSource::NoPrice) {
                    continue;
                }
                match policy.first_fallbacks.get(market) {
                    Some((first, evicted_then)) if *evicted_then == evicted_until && *first != valuation => {
                        let text = format!(
                            "policy ({}, {}): the fallback valuation of market {market} was {first:?} after the grace, now {valuation:?}",
                            key.0, key.1
                        );
                        self.finding(text);
                    }
                    Some((_, evicted_then)) if *evicted_then == evicted_until => {}
                    _ => {
                        let firsts = &mut self.policies.get_mut(&key).expect("policy").first_fallbacks;
                        firsts.insert(*market, (valuation, evicted_until));
                    }
                }
            }
        }
        // Mining: what miners were paid, hold pending and can still harvest never exceeds what
        // was emitted, and emission never exceeds funding.
        let m = &self.mining;
        let owed: u128 = m
            .miner_accounts
            .values()
            .map(|miner| {
                u128::from(miner.pending)
                    + arith::acc_share(miner.staked, m.acc, false).saturating_sub(miner.debt)
            })
            .sum();
        if u128::from(m.claimed) + owed > u128::from(m.emitted) || m.emitted > m.funded {
            let text = format!(
                "mining: claimed {} + owed {owed} against emitted {} and funded {}",
                m.claimed, m.emitted, m.funded
            );
            self.finding(text);
        }
    }

    // --- mining -----------------------------------------------------------------------------

    /// Brings the accumulator to now: emission at the rate, until the end time, never beyond
    /// what was funded; only what the accumulator can hand out (rounded up) counts as emitted.
    fn accrue(&mut self) {
        let m = &mut self.mining;
        let until = m.params.end_time.map_or(self.now, |end| self.now.min(end));
        let elapsed = (until - m.last_update).max(0);
        m.last_update = m.last_update.max(self.now);
        if elapsed == 0 || m.total_staked == 0 {
            return;
        }
        let available = m.funded - m.emitted;
        let reward = (u128::from(m.params.reward_per_second) * elapsed as u128).min(u128::from(available));
        let increment = reward * arith::ACC_SCALE / u128::from(m.total_staked);
        let emitted = arith::acc_share(m.total_staked, increment, true) as u64;
        m.acc += increment;
        m.emitted += emitted;
        self.touched.mining = true;
    }

    /// Accrues, then moves what the miner earned since its last change into pending.
    fn harvest(&mut self, user: u32) {
        self.accrue();
        let acc = self.mining.acc;
        let miner = self.mining.miner_accounts.get_mut(&user).expect("miner");
        let accrued = arith::acc_share(miner.staked, acc, false);
        miner.pending += accrued.saturating_sub(miner.debt) as u64;
        miner.debt = arith::acc_share(miner.staked, acc, true);
        self.touched.mining = true;
        self.touched.miners.insert(user);
    }

    fn set_stake(&mut self, user: u32, staked: u64) {
        let acc = self.mining.acc;
        let miner = self.mining.miner_accounts.get_mut(&user).expect("miner");
        miner.staked = staked;
        miner.debt = arith::acc_share(staked, acc, true);
    }

    fn stake(&mut self, user: u32, amount: u64) -> Outcome {
        ensure!(amount > 0, ZeroAmount);
        self.credit_home_sub(user, amount)?;
        self.mining.stake_vault += amount;
        let created = !self.mining.miner_accounts.contains_key(&user);
        if created {
            self.mining
                .miner_accounts
                .insert(user, Miner { staked: 0, debt: 0, pending: 0, claimed: 0, last_staked_at: self.now });
        }
        self.harvest(user);
        let staked = self.mining.miner_accounts[&user].staked + amount;
        self.set_stake(user, staked);
        self.mining.miner_accounts.get_mut(&user).expect("miner").last_staked_at = self.now;
        self.mining.total_staked += amount;
        if created {
            self.mining.miners += 1;
        }
        self.touched.users.insert(user);
        Ok(vec!["Staked"])
    }

    fn unstake(&mut self, user: u32, amount: u64) -> Outcome {
        let params = self.mining.params;
        let miner = &self.mining.miner_accounts[&user];
        ensure!(params.unstake_allowed, UnstakeDisabled);
        ensure!(amount > 0, ZeroAmount);
        ensure!(amount <= miner.staked, InsufficientStake);
        ensure!(self.now >= miner.last_staked_at + params.unstake_cooldown, UnstakeCooldownActive);
        self.harvest(user);
        self.mining.stake_vault -= amount;
        self.credit_home_add(user, amount);
        let staked = self.mining.miner_accounts[&user].staked - amount;
        self.set_stake(user, staked);
        self.mining.total_staked -= amount;
        self.touched.users.insert(user);
        Ok(vec!["Unstaked"])
    }

    fn claim_rewards(&mut self, user: u32) -> Outcome {
        self.harvest(user);
        let amount = self.mining.miner_accounts[&user].pending;
        ensure!(amount > 0, NothingToClaim);
        ensure!(self.mining.reward_vault >= amount, VaultShortOfFunds);
        self.mining.reward_vault -= amount;
        self.users[user as usize].reward_balance += amount;
        let miner = self.mining.miner_accounts.get_mut(&user).expect("miner");
        miner.pending = 0;
        miner.claimed += amount;
        self.mining.claimed += amount;
        self.touched.users.insert(user);
        Ok(vec!["RewardsClaimed"])
    }

    fn fund_rewards(&mut self, amount: u64, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotAdmin);
        ensure!(amount > 0, ZeroAmount);
        self.accrue();
        let treasury = self.treasuries.entry(self.admin).or_insert(0);
        *treasury = treasury.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.mining.reward_vault += amount;
        self.mining.funded += amount;
        self.touched.mining = true;
        Ok(vec!["RewardsFunded"])
    }

    fn withdraw_rewards(&mut self, amount: u64) -> Outcome {
        ensure!(amount > 0, ZeroAmount);
        self.accrue();
        ensure!(amount <= self.mining.funded - self.mining.emitted, WithdrawExceedsUnemitted);
        self.mining.reward_vault -= amount;
        *self.treasuries.entry(self.admin).or_insert(0) += amount;
        self.mining.funded -= amount;
        self.touched.mining = true;
        Ok(vec!["RewardsWithdrawn"])
    }

    fn update_mining(&mut self, params: MiningParams, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotAdmin);
        if let Some(end) = params.end_time {
            ensure!(end > self.now, InvalidMiningParams);
        }
        ensure!((0..=365 * arith::DAY).contains(&params.unstake_cooldown), InvalidMiningParams);
        self.accrue();
        self.mining.params = params;
        self.touched.mining = true;
        Ok(vec!["MiningParamsUpdated"])
    }

    // --- treasury and admin -----------------------------------------------------------------

    fn deposit(&mut self, amount: u64) -> Outcome {
        ensure!(amount > 0, ZeroAmount);
        let gap = self.gap();
        self.funder_balance = self.funder_balance.checked_sub(amount).ok_or(TOKEN_INSUFFICIENT_FUNDS)?;
        self.vault += amount;
        self.totals.capital_deposited += amount;
        self.close_books(gap)?;
        Ok(vec!["CapitalDeposited"])
    }

    fn withdraw_surplus(&mut self, amount: u64, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotAdmin);
        ensure!(amount > 0, ZeroAmount);
        ensure!(amount <= self.free_capital(), WithdrawExceedsSurplus);
        let gap = self.gap();
        self.vault -= amount;
        self.funder_balance += amount;
        self.totals.surplus_withdrawn += amount;
        self.close_books(gap)?;
        Ok(vec!["SurplusWithdrawn"])
    }

    fn validate_market(&self, params: &contract_insurance::state::MarketParams) -> Result<(), Code> {
        ensure!(params.base_decimals <= 12 && params.price_decimals <= 12, InvalidMarketDecimals);
        ensure!(params.quote_decimals == self.premium_decimals, QuoteDecimalsMismatch);
        if let OracleSource::Pyth { feed_id } = params.oracle {
            ensure!(feed_id != [0; 32], InvalidFeedId);
        }
        Ok(())
    }

    fn update_config(&mut self, config: PoolConfig, wrong_signer: bool) -> Outcome {
        ensure!(!wrong_signer, NotAdmin);
        validate_config(&config)?;
        self.config = config;
        Ok(vec!["ConfigUpdated"])
    }
}

/// Pyth prints in the simulation use exponent −8.
pub const PYTH_EXPONENT: i32 = -8;

/// The config rules of the README/SPEC, in the order the instruction reports them.
pub fn validate_config(c: &PoolConfig) -> Result<(), Code> {
    ensure!(!c.tiers.is_empty() && c.tiers.len() <= 8, InvalidTierCount);
    for t in &c.tiers {
        ensure!(
            t.step > 0 && t.min > 0 && t.min <= t.max && t.min % t.step == 0 && t.max % t.step == 0,
            InvalidTier
        );
    }
    for pair in c.tiers.windows(2) {
        ensure!(pair[0].max < pair[1].min, TiersNotAscending);
    }
    ensure!(c.trigger_multiplier >= 1, InvalidTriggerMultiplier);
    ensure!(c.payout_ratio_bps >= 1 && c.payout_ratio_bps <= 10_000, InvalidPayoutRatio);
    ensure!(c.policy_duration > 0 && c.policy_duration <= 30 * arith::DAY, InvalidPolicyDuration);
    ensure!(c.max_depth >= 1 && c.max_depth <= 20, InvalidMaxDepth);
    ensure!(c.direct_bonus_bps <= 10_000, RateAboveMaximum);
    ensure!(c.hashrate_per_usdt_bps > 0, InvalidHashrateRate);
    ensure!(c.max_price_staleness >= 1 && c.max_price_staleness <= 3_600, InvalidStaleness);
    ensure!(c.max_conf_bps >= 1 && c.max_conf_bps <= 10_000, InvalidConfidenceBound);
    ensure!(
        u64::from(c.settlement_grace) >= 2 * u64::from(c.max_price_staleness)
            && c.settlement_grace <= 7 * 86_400,
        InvalidSettlementGrace
    );
    ensure!(
        c.min_observation_spacing >= 1 && c.min_observation_spacing <= c.max_price_staleness,
        InvalidObservationSpacing
    );
    let l = &c.liquidation;
    ensure!(l.min_insured > 0 && l.min_insured <= l.max_insured, InvalidLiquidationConfig);
    ensure!(l.daily_quota > 0 && l.cumulative_quota > 0, InvalidLiquidationConfig);
    ensure!(l.day_offset_seconds.unsigned_abs() <= 14 * 3_600, InvalidLiquidationConfig);
    ensure!(l.review_window > 0 && l.review_window <= 30 * arith::DAY, InvalidLiquidationConfig);
    ensure!(
        l.compensation_multiplier_bps > 0 && l.compensation_multiplier_bps <= 100_000,
        InvalidLiquidationConfig
    );
    ensure!(l.vesting_days > 0 && l.vesting_days <= 365, InvalidLiquidationConfig);
    ensure!(i64::from(l.vesting_start_offset) < arith::DAY, InvalidLiquidationConfig);
    let tiers = &l.ratio_tiers;
    ensure!(!tiers.is_empty() && tiers.len() <= 4, InvalidRatioTiers);
    ensure!(
        tiers.iter().all(|t| t.ratio_bps <= 10_000)
            && tiers.windows(2).all(|p| p[0].max_used < p[1].max_used)
            && tiers.last().map(|t| t.max_used) == Some(u64::MAX),
        InvalidRatioTiers
    );
    ensure!(tiers.windows(2).all(|p| p[0].ratio_bps >= p[1].ratio_bps), RatioTiersIncreasing);
    Ok(())
}

pub fn validate_levels(levels: &[Level]) -> Result<(), Code> {
    ensure!(!levels.is_empty() && levels.len() <= 11, InvalidLevelCount);
    ensure!(levels[0].min_team_volume == 0, LevelZeroThresholdNotZero);
    for level in levels {
        ensure!(level.commission_bps <= 10_000 && level.rebate_bps <= 10_000, RateAboveMaximum);
    }
    for pair in levels.windows(2) {
        ensure!(pair[0].min_team_volume < pair[1].min_team_volume, LevelThresholdsNotAscending);
        ensure!(
            pair[0].commission_bps <= pair[1].commission_bps && pair[0].rebate_bps <= pair[1].rebate_bps,
            RatesDecreasing
        );
    }
    Ok(())
}
