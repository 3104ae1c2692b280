//! Random operations, valid-leaning: each is chosen from what the model says exists and is due
//! (eligible buyers, open positions, policies past their end, covers under review, ...), with
//! prices that random-walk and sometimes crash, and clock moves aimed at the moments that matter
//! (a policy's end, its settlement opening, a review deadline, a vesting tranche). A share of the
//! operations is deliberately invalid (wrong signer, wrong index, over quota, too early, ...);
//! the model says which error each must fail with.

use std::collections::BTreeMap;

use contract_insurance::state::{
    CoverOutcome, CoverStatus, Level, MarketParams, MiningParams, OracleSource, PolicyStatus, PoolConfig,
    RatioTier, Side,
};
use contract_insurance::InsuredAmount;

use crate::arith;
use crate::driver::{market_params, USDT};
use crate::model::{CreditAta, Model};
use crate::ops::{Op, PolicyPass, RegisterBad, SettleBad, Uplines, Wrong};
use crate::rng::Rng;

pub struct Gen {
    pub rng: Rng,
    /// Follow-ups of a twist, sent before anything else.
    queue: std::collections::VecDeque<Op>,
    next_position: BTreeMap<u32, u64>,
    reference: BTreeMap<u16, u64>,
    pub invalid_percent: u64,
}

fn reference_price(id: u16) -> u64 {
    match id % 4 {
        1 => 60_000_000_000,
        2 => 300_000,
        3 => 150_000_000,
        _ => 2_000_000,
    }
}

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed.wrapping_mul(0x9E37_79B9).wrapping_add(17)),
            queue: Default::default(),
            next_position: BTreeMap::new(),
            reference: BTreeMap::new(),
            invalid_percent: 12,
        }
    }

    /// The market's reference price, kept at the decimals the market was created with.
    fn base_price(&mut self, market: u16) -> u64 {
        *self.reference.entry(market).or_insert_with(|| reference_price(market))
    }

    /// The reference in the market's current price decimals.
    fn price(&mut self, m: &Model, market: u16) -> u64 {
        let base = self.base_price(market);
        let now = i32::from(m.market(market).params.price_decimals);
        let created = i32::from(market_params(market).price_decimals);
        if now >= created {
            base.saturating_mul(10u64.pow((now - created) as u32))
        } else {
            (base / 10u64.pow((created - now) as u32)).max(1)
        }
    }

    /// A price near the market's reference (±1 %).
    fn near(&mut self, m: &Model, market: u16) -> u64 {
        let reference = self.price(m, market);
        let bps = self.rng.range(9_900, 10_100);
        (reference * bps / 10_000).max(1)
    }

    /// Moves the reference: a small step, or now and then a crash or a squeeze.
    fn walk(&mut self, m: &Model, market: u16) -> u64 {
        let reference = self.base_price(market);
        let bps = if self.rng.chance(10) {
            if self.rng.chance(50) {
                self.rng.range(5_500, 8_000)
            } else {
                self.rng.range(12_000, 15_000)
            }
        } else {
            self.rng.range(9_800, 10_200)
        };
        let next =
            (reference * bps / 10_000).clamp(reference_price(market) / 20, reference_price(market) * 20);
        self.reference.insert(market, next);
        self.price(m, market)
    }

    fn size(&mut self, m: &Model, market: u16) -> u64 {
        let base = m.market(market).params.base_decimals;
        (self.rng.range(1, 200) * 10u64.pow(u32::from(base)) / 100).max(1)
    }

    fn bad(&mut self) -> bool {
        self.rng.chance(self.invalid_percent)
    }

    fn user(&mut self, m: &Model) -> u32 {
        self.rng.below(m.users.len() as u64) as u32
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        if items.is_empty() {
            None
        } else {
            Some(*self.rng.pick(items))
        }
    }

    /// The next operation for the model's state.
    pub fn next(&mut self, m: &Model) -> Op {
        if let Some(op) = self.queue.pop_front() {
            return op;
        }
        for _ in 0..20 {
            if let Some(op) = self.try_next(m) {
                return op;
            }
        }
        Op::Advance { secs: self.rng.range_i64(1, 30) }
    }

    fn try_next(&mut self, m: &Model) -> Option<Op> {
        let users = m.users.len();
        let has_users = users > 0;
        let any_position = !m.positions.is_empty();
        let weights: [(u64, u8); 45] = [
            (80, 0), // advance
            (
                if users < 4 {
                    400
                } else if users < 25 {
                    50
                } else {
                    5
                },
                1,
            ), // register
            (if has_users { 100 } else { 0 }, 2), // buy
            (if has_users { 100 } else { 0 }, 3), // open
            (if any_position { 40 } else { 0 }, 4), // increase
            (if any_position { 70 } else { 0 }, 5), // reduce
            (100, 6), // post
            (30, 7), // pyth
            (8, 8),  // get mark
            (80, 9), // settle
            (25, 10), // early
            (80, 11), // compensate
            (20, 12), // claim commission
            (15, 13), // claim rebate
            (10, 14), // claim credits
            (if has_users { 60 } else { 0 }, 15), // buy cover
            (50, 16), // fill
            (30, 17), // cancel
            (20, 18), // close order
            (30, 19), // liquidate
            (30, 20), // review
            (30, 21), // finalize
            (30, 22), // claim vested
            (20, 23), // claim refund
            (25, 24), // stake
            (12, 25), // unstake
            (12, 26), // claim rewards
            (8, 27), // fund rewards
            (5, 28), // withdraw rewards
            (5, 29), // update mining
            (20, 30), // deposit
            (15, 31), // withdraw surplus
            (5, 32), // donate
            (20, 33), // update config
            (5, 34), // update levels
            (if m.paused { 60 } else { 5 }, 35), // pause
            (10, 36), // assign level
            (5, 37), // lead trader
            (8, 38), // admin transfer / roles
            (if m.markets.len() < 6 { 3 } else { 1 }, 39), // add market
            (5, 40), // update market
            (50, 41), // closers
            (3, 42), // reassign credit account
            (40, 43), // twist
            (if users > 1 { 15 } else { 0 }, 44), // wrong account
        ];
        let choice = weights[self.rng.weighted(&weights.map(|(w, _)| w))].1;
        match choice {
            0 => Some(self.advance(m)),
            1 => Some(self.register(m)),
            2 => Some(self.buy(m)),
            3 => self.open(m, None),
            4 => self.increase(m),
            5 => self.reduce(m),
            6 => self.post(m),
            7 => self.pyth(m),
            8 => Some(Op::GetMark { market: self.rng.below(m.markets.len() as u64) as u8 }),
            9 => self.settle(m),
            10 => self.early(m),
            11 => self.compensate(m),
            12..=14 => self.claim(m, choice),
            15 => self.buy_cover(m),
            16 => self.fill(m),
            17 => self.cancel(m),
            18 | 19 => self.outcome(m, choice == 19),
            20 | 21 => self.decide(m, choice == 20),
            22 | 23 => self.cover_payout(m, choice == 22),
            24..=29 => self.mining(m, choice),
            30..=32 => Some(self.treasury(m, choice)),
            33 => Some(self.update_config(m)),
            34 => Some(self.update_levels(m)),
            35 => Some(Op::SetPaused { paused: if self.bad() { m.paused } else { !m.paused } }),
            36 if has_users => {
                let user = self.user(m);
                let bad = self.bad();
                let level = if bad {
                    self.rng.below(m.levels.len() as u64 + 2) as u8
                } else {
                    self.rng.below(m.levels.len() as u64) as u8
                };
                Some(Op::AssignLevel { user, level, wrong_signer: bad && self.rng.chance(30) })
            }
            37 if has_users => {
                let user = self.user(m);
                let flag = m.users[user as usize].is_lead_trader;
                Some(Op::SetLead { user, flag: if self.bad() { flag } else { !flag } })
            }
            38 => Some(self.staff(m)),
            39 => Some(self.add_market(m)),
            40 => Some(self.update_market(m)),
            41 => self.close(m),
            43 => self.twist(m),
            44 => self.wrong(m),
            42 if has_users => {
                let candidates: Vec<u32> = (0..users as u32)
                    .filter(|&u| m.users[u as usize].credit_ata == CreditAta::Usable)
                    .collect();
                self.pick(&candidates).map(|user| Op::ReassignCredit { user })
            }
            _ => None,
        }
    }

    // --- time -------------------------------------------------------------------------------

    fn advance(&mut self, m: &Model) -> Op {
        let roll = self.rng.below(100);
        let secs = if roll < 35 {
            self.rng.range_i64(1, 10)
        } else if roll < 55 {
            self.rng.range_i64(10, 120)
        } else if roll < 80 {
            // To a moment that matters.
            let mut targets = vec![];
            for p in m.policies.values().filter(|p| !p.closed && p.status == PolicyStatus::Active) {
                targets.extend([
                    p.end - self.rng.range_i64(0, 20),
                    p.end,
                    m.window_closes_at(p) + 1,
                    m.settlement_opens_at(p),
                    p.end + i64::from(p.grace),
                ]);
            }
            for c in m.covers.values().filter(|c| !c.closed) {
                if c.status == CoverStatus::UnderReview {
                    targets.push(c.review_deadline + 1);
                }
                if c.outcome == CoverOutcome::Paid && c.vested_claimed < c.compensation {
                    let day = self.rng.range_i64(0, i64::from(c.vesting_days));
                    targets.push(c.vesting_start + day * arith::DAY);
                }
            }
            let future: Vec<i64> = targets.into_iter().filter(|&t| t > m.now).collect();
            match self.pick(&future) {
                Some(t) => t - m.now,
                None => self.rng.range_i64(60, 600),
            }
        } else if roll < 94 {
            self.rng.range_i64(600, 7_200)
        } else {
            self.rng.range_i64(arith::DAY / 2, 3 * arith::DAY)
        };
        Op::Advance { secs }
    }

    /// Sequences nobody scripts: a config change or a late report aimed at a moment where it
    /// meets something in flight (a policy between its end and its decision, a claim under
    /// review, a cover still ongoing, a policy waiting for its payout).
    fn twist(&mut self, m: &Model) -> Option<Op> {
        let closed_window = |p: &crate::model::Policy| p.is_active() && m.now > m.window_closes_at(p);
        let mut settling = self.policies_where(m, closed_window);
        if settling.is_empty() || self.rng.chance(30) {
            settling = self.policies_where(m, |p| p.is_active() && m.now > p.end);
        }
        match self.rng.below(5) {
            0 if !settling.is_empty() => {
                // A late report about the window of a policy that is being settled.
                let (user, index) = self.pick(&settling)?;
                let end = m.policies[&(user, index)].end;
                let attached: Vec<u64> = m
                    .positions
                    .iter()
                    .filter(|((u, _), p)| *u == user && p.policy == Some(index) && p.last_event_at <= end)
                    .map(|((_, id), _)| *id)
                    .collect();
                let id = self.pick(&attached)?;
                let p = &m.positions[&(user, id)];
                let event = self.rng.range_i64(p.last_event_at, end);
                let back = m.now - event;
                let price = self.near(m, p.market);
                if p.size > 1 && self.rng.chance(60) {
                    // Half now, maybe the staleness bound moves, then the rest: each report
                    // late, about a venue time inside the window.
                    let half = p.size / 2;
                    let policy = &m.policies[&(user, index)];
                    // Just enough recording age to have reopened the window before the windows
                    // were fixed at purchase (it must stay closed).
                    let reopen = m.now - end - i64::from(policy.staleness) + self.rng.range_i64(1, 120);
                    if self.rng.chance(50)
                        && reopen > i64::from(m.config.max_price_staleness)
                        && reopen <= 3_600
                    {
                        let mut c = m.config.clone();
                        c.max_price_staleness = reopen as u32;
                        c.settlement_grace = c.settlement_grace.max(2 * c.max_price_staleness);
                        self.queue.push_back(Op::UpdateConfig { config: Box::new(c), wrong_signer: false });
                    }
                    let rest_back = m.now - self.rng.range_i64(event, end);
                    let rest = p.size - half;
                    let fee = 0;
                    self.queue.push_back(Op::Reduce {
                        user,
                        id,
                        liquidation: false,
                        size: rest,
                        price,
                        fee,
                        back: rest_back,
                        wrong_signer: false,
                    });
                    return Some(Op::Reduce {
                        user,
                        id,
                        liquidation: false,
                        size: half,
                        price,
                        fee,
                        back,
                        wrong_signer: false,
                    });
                }
                Some(if self.rng.chance(50) {
                    Op::Reduce {
                        user,
                        id,
                        liquidation: false,
                        size: p.size,
                        price,
                        fee: 0,
                        back,
                        wrong_signer: false,
                    }
                } else {
                    let size = self.size(m, p.market);
                    Op::Increase { user, id, size, price, margin: 0, back, wrong_signer: false }
                })
            }
            1 if !settling.is_empty() => {
                // The staleness bound changes while a policy is between its end and its decision.
                let mut c = m.config.clone();
                let staleness = *self.rng.pick(&[30u32, 60, 120, 600, 3_600]);
                c.max_price_staleness = staleness;
                c.min_observation_spacing = c.min_observation_spacing.min(staleness);
                c.settlement_grace = c.settlement_grace.max(2 * staleness);
                Some(Op::UpdateConfig { config: Box::new(c), wrong_signer: false })
            }
            2 => {
                // Rates change between settlement and payout, or between a liquidation and its
                // review.
                let mut c = m.config.clone();
                c.hashrate_per_usdt_bps = self.rng.range(1_000, 50_000) as u32;
                c.payout_ratio_bps = self.rng.range(1_000, 10_000) as u16;
                c.trigger_multiplier = self.rng.range(1, 30) as u32;
                c.direct_bonus_bps = self.rng.range(0, 2_000) as u16;
                c.liquidation.compensation_multiplier_bps = self.rng.range(5_000, 40_000) as u32;
                c.liquidation.vesting_days = self.rng.range(1, 30) as u16;
                c.liquidation.vesting_start_offset = self.rng.range(0, 86_399) as u32;
                let top = self.rng.range(5_000, 10_000) as u16;
                c.liquidation.ratio_tiers = vec![
                    RatioTier { max_used: self.rng.range(1, 300) * USDT, ratio_bps: top },
                    RatioTier { max_used: u64::MAX, ratio_bps: top - self.rng.range(0, 4_000) as u16 },
                ];
                Some(Op::UpdateConfig { config: Box::new(c), wrong_signer: false })
            }
            3 => {
                // The level table or the walk's depth changes between a purchase and its payout.
                if self.rng.chance(50) {
                    let mut c = m.config.clone();
                    c.max_depth = self.rng.range(1, 20) as u8;
                    c.same_level_cut = self.rng.chance(50);
                    Some(Op::UpdateConfig { config: Box::new(c), wrong_signer: false })
                } else {
                    Some(self.update_levels(m))
                }
            }
            _ => {
                // A market's decimals are corrected while it has no open positions (policies
                // may still hold exposures and the feed older prices).
                let idle: Vec<u8> = (0..m.markets.len() as u8)
                    .filter(|&i| m.markets[i as usize].open_positions == 0)
                    .collect();
                let market = self.pick(&idle)?;
                let mut params = m.markets[market as usize].params;
                params.price_decimals = if params.price_decimals >= 8 {
                    params.price_decimals - 1
                } else {
                    params.price_decimals + 1
                };
                Some(Op::UpdateMarket { market, params })
            }
        }
    }

    /// An account substitution, aimed at something that exists.
    fn wrong(&mut self, m: &Model) -> Option<Op> {
        let user = self.user(m);
        let other = (user + 1 + self.rng.below(m.users.len() as u64 - 1) as u32) % m.users.len() as u32;
        let market = self.rng.below(m.markets.len() as u64) as u8;
        let kind = *self.rng.pick(&[
            Wrong::CommissionToCreditAccount,
            Wrong::PremiumFromCreditAccount,
            Wrong::ReportWithOthersUser,
            Wrong::CompensateOthersOwner,
            Wrong::CloseToOthersOwner,
            Wrong::SettleOddAccounts,
            Wrong::EarlyWithOtherMarket,
            Wrong::PythOtherFeed,
            Wrong::PythPartiallyVerified,
            Wrong::PythNotReceiverOwned,
        ]);
        let positions: Vec<u64> = m.positions.keys().filter(|(u, _)| *u == user).map(|(_, id)| *id).collect();
        let policies: Vec<u64> =
            m.policies.iter().filter(|((u, _), p)| *u == user && !p.closed).map(|((_, i), _)| *i).collect();
        let index = match kind {
            Wrong::ReportWithOthersUser | Wrong::EarlyWithOtherMarket => self.pick(&positions)?,
            Wrong::CompensateOthersOwner | Wrong::CloseToOthersOwner | Wrong::SettleOddAccounts => {
                self.pick(&policies)?
            }
            _ => 0,
        };
        let market = if kind == Wrong::EarlyWithOtherMarket {
            let own = m.positions[&(user, index)].market;
            let others: Vec<u8> =
                (0..m.markets.len() as u8).filter(|&i| m.markets[i as usize].id != own).collect();
            self.pick(&others)?
        } else if matches!(
            kind,
            Wrong::PythOtherFeed | Wrong::PythPartiallyVerified | Wrong::PythNotReceiverOwned
        ) {
            let pyth: Vec<u8> = (0..m.markets.len() as u8)
                .filter(|&i| matches!(m.markets[i as usize].params.oracle, OracleSource::Pyth { .. }))
                .collect();
            self.pick(&pyth)?
        } else {
            market
        };
        Some(Op::Wrong { kind, user, other, index, market })
    }

    // --- users, purchases -------------------------------------------------------------------

    fn register(&mut self, m: &Model) -> Op {
        let users = m.users.len() as u64;
        let referrer = if users == 0 || self.rng.chance(20) {
            None
        } else if self.rng.chance(50) {
            // Recent users make deep chains.
            Some((users - 1 - self.rng.below(users.min(3))) as u32)
        } else {
            Some(self.rng.below(users) as u32)
        };
        let bad = if self.bad() && users > 0 {
            match self.rng.below(3) {
                0 => RegisterBad::SelfReferral,
                1 => RegisterBad::Unregistered,
                _ => RegisterBad::Again(self.rng.below(users) as u32),
            }
        } else {
            RegisterBad::None
        };
        Op::Register { referrer, bad }
    }

    fn premium(&mut self, m: &Model) -> u64 {
        let tiers = &m.config.tiers;
        let tier = tiers[self.rng.weighted(&[60, 25, 10, 4, 1, 0, 0, 0][..tiers.len().min(8)])];
        let steps = (tier.max - tier.min) / tier.step;
        tier.min + tier.step * self.rng.range(0, steps)
    }

    fn uplines(&mut self, bad: bool) -> Uplines {
        if !bad {
            return Uplines::Exact;
        }
        *self.rng.pick(&[
            Uplines::Missing,
            Uplines::Extra,
            Uplines::Swapped,
            Uplines::ReadOnly,
            Uplines::WrongType,
            Uplines::Foreign,
        ])
    }

    fn buy(&mut self, m: &Model) -> Op {
        let eligible: Vec<u32> = (0..m.users.len() as u32)
            .filter(|&u| {
                m.users[u as usize].open_positions == 0 && m.users[u as usize].active_policy.is_none()
            })
            .collect();
        let bad = self.bad();
        let user = match self.pick(&eligible) {
            Some(user) if !(bad && self.rng.chance(25)) => user,
            None if !bad => {
                // Nobody can buy: flatten someone without a policy, or bring a new trader in.
                let flat: Vec<(u32, u64)> = m
                    .positions
                    .iter()
                    .filter(|((u, _), _)| m.users[*u as usize].active_policy.is_none())
                    .map(|(k, _)| *k)
                    .collect();
                if let Some((user, id)) = self.pick(&flat) {
                    let p = &m.positions[&(user, id)];
                    let price = self.near(m, p.market);
                    return Op::Reduce {
                        user,
                        id,
                        liquidation: false,
                        size: p.size,
                        price,
                        fee: 0,
                        back: 0,
                        wrong_signer: false,
                    };
                }
                return self.register(m);
            }
            _ => self.user(m),
        };
        let mut premium = self.premium(m);
        let mut index_ahead = false;
        let mut uplines = Uplines::Exact;
        if bad {
            match self.rng.below(4) {
                0 => {
                    let tiers = &m.config.tiers;
                    premium = match self.rng.below(5) {
                        0 => 0,
                        1 => tiers[0].min - 1,
                        2 => tiers[tiers.len() - 1].max + tiers[tiers.len() - 1].step,
                        3 => tiers[0].max + 1,
                        _ => tiers[0].min + 1,
                    }
                }
                1 => index_ahead = true,
                _ => uplines = self.uplines(true),
            }
        }
        Op::Buy { user, premium, index_ahead, uplines }
    }

    // --- positions and prices ---------------------------------------------------------------

    fn fresh_id(&mut self, user: u32) -> u64 {
        let next = self.next_position.entry(user).or_insert(1);
        let id = *next;
        *next += 1;
        id
    }

    fn active_markets(&self, m: &Model) -> Vec<u8> {
        (0..m.markets.len() as u8).filter(|&i| m.markets[i as usize].params.active).collect()
    }

    /// Opens a position, for `target = (user, market, side)` when filling a covered order.
    fn open(&mut self, m: &Model, target: Option<(u32, u16, Side)>) -> Option<Op> {
        let (user, market, side) = match target {
            Some((user, market, side)) => (user, m.market_index(market) as u8, side),
            None => {
                let with_policy: Vec<u32> = (0..m.users.len() as u32)
                    .filter(|&u| m.users[u as usize].active_policy.is_some())
                    .collect();
                let user = match self.pick(&with_policy) {
                    Some(user) if self.rng.chance(70) => user,
                    _ => self.user(m),
                };
                let markets = self.active_markets(m);
                let market = self.pick(&markets).unwrap_or(0);
                (user, market, if self.rng.chance(50) { Side::Long } else { Side::Short })
            }
        };
        let market_id = m.markets[market as usize].id;
        let mut size = self.size(m, market_id);
        let mut price = self.near(m, market_id);
        let mut back = self.rng.range_i64(0, 5);
        let mut id = self.fresh_id(user);
        let mut policy = PolicyPass::Active;
        let mut wrong_signer = false;
        let u = &m.users[user as usize];
        if let Some(index) = u.active_policy {
            let p = &m.policies[&(user, index)];
            back = back.min(m.now - p.start);
            if self.rng.chance(10) {
                // Opened inside the window, reported late.
                back = self.rng.range_i64(0, m.now - p.start);
            }
            if self.rng.chance(4) {
                // Opened at the venue before the policy's start: the policy is void.
                back = m.now - p.start + self.rng.range_i64(1, 100);
            }
        }
        if target.is_none() && self.bad() {
            match self.rng.below(8) {
                0 => wrong_signer = true,
                1 => size = 0,
                2 => price = 0,
                3 => back = -self.rng.range_i64(1, 10),
                4 => {
                    size = 1 << 50;
                    price = 1 << 50;
                }
                5 => policy = PolicyPass::Omit,
                6 if u.policy_count > 0 => {
                    let index = self.rng.below(u.policy_count);
                    if m.policies.get(&(user, index)).is_some_and(|p| !p.closed) {
                        policy = PolicyPass::Other(index);
                    }
                }
                _ => {
                    let open: Vec<u64> =
                        m.positions.keys().filter(|(u, _)| *u == user).map(|(_, id)| *id).collect();
                    if let Some(existing) = self.pick(&open) {
                        id = existing;
                    }
                }
            }
        }
        let margin = self.rng.range(0, 500) * USDT;
        Some(Op::Open { user, market, id, side, size, price, margin, back, policy, wrong_signer })
    }

    fn any_position(&mut self, m: &Model) -> Option<(u32, u64)> {
        let keys: Vec<(u32, u64)> = m.positions.keys().copied().collect();
        self.pick(&keys)
    }

    fn report_time(&mut self, m: &Model, last: i64, bad: bool) -> (i64, bool) {
        let span = (m.now - last).max(0);
        if bad {
            match self.rng.below(3) {
                0 => return (-self.rng.range_i64(1, 10), false),
                1 => return (span + self.rng.range_i64(1, 10), false),
                _ => return (self.rng.range_i64(0, span.min(5)), true),
            }
        }
        if self.rng.chance(20) {
            // A late report: the venue event happened a while ago.
            return (self.rng.range_i64(0, span), false);
        }
        (self.rng.range_i64(0, span.min(5)), false)
    }

    fn increase(&mut self, m: &Model) -> Option<Op> {
        let (user, id) = self.any_position(m)?;
        let p = &m.positions[&(user, id)];
        let bad = self.bad();
        let (back, wrong_signer) = self.report_time(m, p.last_event_at, bad);
        let mut size = self.size(m, p.market);
        let mut price = self.near(m, p.market);
        if bad && !wrong_signer && self.rng.chance(40) {
            if self.rng.chance(50) {
                size = 0
            } else {
                price = 0
            }
        }
        Some(Op::Increase { user, id, size, price, margin: self.rng.range(0, 50) * USDT, back, wrong_signer })
    }

    fn reduce(&mut self, m: &Model) -> Option<Op> {
        let (user, id) = self.any_position(m)?;
        let p = &m.positions[&(user, id)];
        let bad = self.bad();
        let oversize = bad && self.rng.chance(40);
        let (back, wrong_signer) = self.report_time(m, p.last_event_at, bad && !oversize);
        let mut size = if self.rng.chance(55) { p.size } else { self.rng.range(1, p.size) };
        if oversize {
            size = p.size + self.rng.range(1, 100);
        }
        let price = self.near(m, p.market);
        let fee = self.rng.range(0, 2) * USDT / 2;
        Some(Op::Reduce { user, id, liquidation: self.rng.chance(25), size, price, fee, back, wrong_signer })
    }

    fn latest(m: &Model, market: usize) -> Option<i64> {
        let feed = &m.markets[market].feed;
        (feed.recorded > 0).then(|| feed.observations[(usize::from(feed.next_slot) + 127) % 128].publish_time)
    }

    fn post(&mut self, m: &Model) -> Option<Op> {
        let authority: Vec<usize> =
            (0..m.markets.len()).filter(|&i| m.markets[i].params.oracle == OracleSource::Authority).collect();
        let market = self.pick(&authority)?;
        let id = m.markets[market].id;
        let price = self.walk(m, id) as i64;
        let spacing = i64::from(m.config.min_observation_spacing);
        let earliest = Self::latest(m, market).map_or(m.now - 3, |latest| latest + spacing);
        if earliest > m.now {
            return Some(Op::Advance { secs: earliest - m.now });
        }
        let mut back = m.now - self.rng.range_i64(earliest.max(m.now - 3), m.now);
        let mut conf = if self.rng.chance(8) {
            price as u64 * 3 / 100
        } else {
            price as u64 * self.rng.range(0, 100) / 10_000
        };
        let mut price = price;
        let mut wrong_signer = false;
        if self.bad() {
            match self.rng.below(6) {
                0 => wrong_signer = true,
                1 => price = -self.rng.range_i64(0, 5),
                2 => back = -self.rng.range_i64(1, 10),
                3 => back = i64::from(m.config.max_price_staleness) + self.rng.range_i64(1, 30),
                4 => {
                    // Newer than the latest, but sooner than the spacing (or not newer at all).
                    back = m.now - (earliest - 1);
                }
                _ => {
                    let pyth: Vec<usize> = (0..m.markets.len())
                        .filter(|&i| m.markets[i].params.oracle != OracleSource::Authority)
                        .collect();
                    if let Some(pyth) = self.pick(&pyth) {
                        return Some(Op::Post { market: pyth as u8, price, conf, back, wrong_signer });
                    }
                }
            }
        } else if self.rng.chance(5) {
            if let Some(latest) = Self::latest(m, market) {
                // A correction of the latest print.
                back = m.now - latest;
                conf = 0;
            }
        }
        Some(Op::Post { market: market as u8, price, conf, back, wrong_signer })
    }

    fn pyth(&mut self, m: &Model) -> Option<Op> {
        let pyth: Vec<usize> =
            (0..m.markets.len()).filter(|&i| m.markets[i].params.oracle != OracleSource::Authority).collect();
        let market = self.pick(&pyth)?;
        let id = m.markets[market].id;
        let decimals = m.markets[market].params.price_decimals;
        let reference = self.walk(m, id);
        // Pyth prints carry 8 decimals.
        let raw = (u128::from(reference) * 10u128.pow(8) / 10u128.pow(u32::from(decimals))) as i64;
        let spacing = i64::from(m.config.min_observation_spacing);
        let earliest = Self::latest(m, market).map_or(m.now - 3, |latest| latest + spacing);
        if earliest > m.now {
            return Some(Op::Advance { secs: earliest - m.now });
        }
        let mut back = m.now - self.rng.range_i64(earliest.max(m.now - 3), m.now);
        let mut price = raw;
        let conf = raw as u64 * self.rng.range(0, 150) / 10_000;
        if self.bad() {
            match self.rng.below(4) {
                0 => price = 0,
                1 => back = m.now - Self::latest(m, market).unwrap_or(m.now),
                2 => back = i64::from(m.config.max_price_staleness) + 5,
                _ => {
                    let authority: Vec<usize> = (0..m.markets.len())
                        .filter(|&i| m.markets[i].params.oracle == OracleSource::Authority)
                        .collect();
                    if let Some(other) = self.pick(&authority) {
                        return Some(Op::Pyth { market: other as u8, price, conf, back });
                    }
                }
            }
        }
        Some(Op::Pyth { market: market as u8, price, conf, back })
    }

    // --- settlement -------------------------------------------------------------------------

    fn policies_where(&self, m: &Model, filter: impl Fn(&crate::model::Policy) -> bool) -> Vec<(u32, u64)> {
        m.policies.iter().filter(|(_, p)| !p.closed && filter(p)).map(|(k, _)| *k).collect()
    }

    fn settle(&mut self, m: &Model) -> Option<Op> {
        let bad = self.bad();
        let candidates = if bad && self.rng.chance(50) {
            self.policies_where(m, |p| p.is_active() && m.now <= p.end + 200)
                .into_iter()
                .chain(self.policies_where(m, |p| !p.is_active()))
                .collect()
        } else {
            self.policies_where(m, |p| p.is_active() && m.now > p.end)
        };
        let (user, index) = self.pick(&candidates)?;
        let unvalued =
            m.policies[&(user, index)].exposure_accounts.values().filter(|e| !e.valued).count() as u32;
        let take =
            if self.rng.chance(50) { u32::MAX } else { self.rng.range(0, u64::from(unvalued.max(1))) as u32 };
        let bad_kind = if bad {
            *self.rng.pick(&[SettleBad::WrongFeed, SettleBad::Duplicate, SettleBad::Valued, SettleBad::None])
        } else {
            SettleBad::None
        };
        Some(Op::Settle { user, index, skip: 0, take, bad: bad_kind })
    }

    fn early(&mut self, m: &Model) -> Option<Op> {
        let late = self.bad() && self.rng.chance(30);
        let candidates = self.policies_where(m, |p| p.is_active() && (m.now <= p.end) != late);
        let (user, index) = self.pick(&candidates)?;
        let p = &m.policies[&(user, index)];
        let attached: Vec<u64> = m
            .positions
            .iter()
            .filter(|((u, _), position)| *u == user && position.policy == Some(index))
            .map(|((_, id), _)| *id)
            .collect();
        if let Some(&id) = attached.first() {
            if self.rng.chance(70) {
                if let Some(op) = self.adverse_mark(m, user, index, id) {
                    return Some(op);
                }
            }
        }
        let (position, open) = match (self.pick(&attached), p.largest_closed_loss_position) {
            (Some(id), None) => (id, true),
            (Some(id), Some(_)) if self.rng.chance(70) => (id, true),
            (_, Some(closed)) => (closed, false),
            (None, None) => (self.rng.range(1, 5), false),
        };
        Some(Op::Early { user, index, position, open, wrong_signer: self.bad() && self.rng.chance(40) })
    }

    /// A fresh mark that puts the position's loss past its policy's trigger, if it is not there
    /// yet (so early settlement gets exercised).
    fn adverse_mark(&mut self, m: &Model, user: u32, index: u64, id: u64) -> Option<Op> {
        let p = &m.positions[&(user, id)];
        let policy = &m.policies[&(user, index)];
        let market = m.market_index(p.market);
        let feed = &m.markets[market].feed;
        let latest = Self::latest(m, market);
        let fresh = latest.is_some_and(|t| m.now - t <= i64::from(policy.staleness));
        let mark = latest.map(|_| feed.observations[(usize::from(feed.next_slot) + 127) % 128].price as u64);
        let decimals = m.market(p.market).decimals();
        let loss = mark.map_or(0, |mark| {
            arith::loss_of(p.realized + arith::pnl(p.size, p.entry, mark, p.side, decimals))
        });
        if fresh && loss >= policy.trigger {
            return None;
        }
        let spacing = i64::from(m.config.min_observation_spacing);
        if latest.is_some_and(|t| t + spacing > m.now) {
            return Some(Op::Advance { secs: latest.unwrap_or(m.now) + spacing - m.now });
        }
        // The owner asks right after the print.
        self.queue.push_back(Op::Early { user, index, position: id, open: true, wrong_signer: false });
        let price = match p.side {
            Side::Long => p.entry / 2,
            Side::Short => p.entry.saturating_mul(2),
        } as i64;
        if m.markets[market].params.oracle == OracleSource::Authority {
            Some(Op::Post { market: market as u8, price, conf: 0, back: 0, wrong_signer: false })
        } else {
            let decimals = i32::from(m.markets[market].params.price_decimals);
            let raw = (i128::from(price) * 10i128.pow(8) / 10i128.pow(decimals as u32)) as i64;
            Some(Op::Pyth { market: market as u8, price: raw, conf: 0, back: 0 })
        }
    }

    fn compensate(&mut self, m: &Model) -> Option<Op> {
        let bad = self.bad();
        let candidates = if bad && self.rng.chance(40) {
            self.policies_where(m, |p| p.status != PolicyStatus::Compensating)
        } else {
            self.policies_where(m, |p| p.status == PolicyStatus::Compensating)
        };
        let (user, index) = self.pick(&candidates)?;
        let uplines = self.uplines(bad);
        Some(Op::Compensate { user, index, uplines })
    }

    fn claim(&mut self, m: &Model, choice: u8) -> Option<Op> {
        let bad = self.bad();
        let owed = |u: &crate::model::User| match choice {
            12 => u.commission_earned > u.commission_claimed,
            13 => u.rebate_earned > u.rebate_claimed,
            _ => u.credits_owed > 0,
        };
        let candidates: Vec<u32> =
            (0..m.users.len() as u32).filter(|&u| owed(&m.users[u as usize]) != bad).collect();
        let user = self.pick(&candidates)?;
        Some(match choice {
            12 => Op::ClaimCommission { user },
            13 => Op::ClaimRebate { user },
            _ => Op::ClaimCredits { user },
        })
    }

    // --- liquidation cover ------------------------------------------------------------------

    fn buy_cover(&mut self, m: &Model) -> Option<Op> {
        let bad = self.bad();
        let user = self.user(m);
        let covered: Vec<usize> = (0..m.markets.len())
            .filter(|&i| m.markets[i].params.liquidation_cover && m.markets[i].params.active)
            .collect();
        let market = if bad && self.rng.chance(20) {
            self.rng.below(m.markets.len() as u64) as usize
        } else {
            self.pick(&covered)?
        };
        let id = m.markets[market].id;
        let mut side = if self.rng.chance(50) { Side::Long } else { Side::Short };
        let mut bad = bad;
        if let Some(exposure) = m.market_exposures.get(&(user, id)) {
            if exposure.ongoing > 0 {
                side = exposure.side;
                if bad && self.rng.chance(30) {
                    side = if side == Side::Long { Side::Short } else { Side::Long };
                    bad = false;
                }
            }
        }
        let l = &m.config.liquidation;
        let mut qty = self.rng.range(1, 1_000);
        let mut margin = self.rng.range(5, 250) * USDT;
        let top = l.max_insured.min(margin);
        let mut insured = if self.rng.chance(70) {
            InsuredAmount::Amount(self.rng.range(l.min_insured, top.max(l.min_insured)))
        } else {
            InsuredAmount::MarginRatio(self.rng.range(100, 10_000) as u16)
        };
        let mut index_ahead = false;
        if bad {
            match self.rng.below(6) {
                0 => insured = InsuredAmount::Amount(l.max_insured + self.rng.range(1, 10 * USDT)),
                1 => insured = InsuredAmount::Amount(l.min_insured.saturating_sub(1)),
                2 => insured = InsuredAmount::Amount(margin + 1),
                3 => qty = 0,
                4 => index_ahead = true,
                _ => {
                    insured = InsuredAmount::MarginRatio(10_001);
                    margin = margin.max(1);
                }
            }
        }
        Some(Op::BuyCover { user, market: market as u8, side, qty, margin, insured, index_ahead })
    }

    fn covers_where(&self, m: &Model, filter: impl Fn(&crate::model::Cover) -> bool) -> Vec<(u32, u64)> {
        m.covers.iter().filter(|(_, c)| !c.closed && filter(c)).map(|(k, _)| *k).collect()
    }

    fn fill(&mut self, m: &Model) -> Option<Op> {
        let candidates = self.covers_where(m, |c| c.status == CoverStatus::Ongoing && c.unfilled() > 0);
        let (user, cover) = self.pick(&candidates)?;
        let c = &m.covers[&(user, cover)];
        let matching: Vec<u64> = m
            .positions
            .iter()
            .filter(|((u, id), p)| {
                *u == user
                    && p.market == c.market
                    && p.side == c.side
                    && c.position.is_none_or(|linked| linked == *id)
            })
            .map(|((_, id), _)| *id)
            .collect();
        let bad = self.bad();
        let position = match self.pick(&matching) {
            Some(id) => id,
            None if c.position.is_none() || !bad => {
                return self.open(m, Some((user, c.market, c.side)));
            }
            None => c.position.expect("linked"),
        };
        let mut qty = self.rng.range(1, c.unfilled());
        let mut wrong_signer = false;
        let mut position = position;
        if bad {
            match self.rng.below(3) {
                0 => qty = c.unfilled() + 1,
                1 => wrong_signer = true,
                _ => {
                    let other: Vec<u64> = m
                        .positions
                        .iter()
                        .filter(|((u, _), p)| *u == user && (p.market != c.market || p.side != c.side))
                        .map(|((_, id), _)| *id)
                        .collect();
                    position = self.pick(&other).unwrap_or(position);
                }
            }
        }
        Some(Op::Fill { user, cover, position, qty, wrong_signer })
    }

    fn cancel(&mut self, m: &Model) -> Option<Op> {
        let bad = self.bad();
        let candidates = if bad && self.rng.chance(30) {
            self.covers_where(m, |c| c.status != CoverStatus::Ongoing)
        } else {
            self.covers_where(m, |c| c.status == CoverStatus::Ongoing && c.unfilled() > 0)
        };
        let (user, cover) = self.pick(&candidates)?;
        let c = &m.covers[&(user, cover)];
        let unfilled = c.unfilled();
        let mut qty = if unfilled == 0 {
            1
        } else if self.rng.chance(50) {
            unfilled
        } else {
            self.rng.range(1, unfilled)
        };
        let mut wrong_signer = false;
        if bad && self.rng.chance(60) {
            if self.rng.chance(50) {
                qty = unfilled + 1
            } else {
                wrong_signer = true
            }
        }
        Some(Op::Cancel { user, cover, qty, pay_now: self.rng.chance(70), wrong_signer })
    }

    fn outcome(&mut self, m: &Model, liquidate: bool) -> Option<Op> {
        let bad = self.bad();
        let candidates = if bad && self.rng.chance(40) {
            self.covers_where(m, |c| c.status != CoverStatus::Ongoing || c.unfilled() > 0)
        } else {
            self.covers_where(m, |c| c.status == CoverStatus::Ongoing && c.unfilled() == 0)
        };
        let (user, cover) = self.pick(&candidates)?;
        let c = &m.covers[&(user, cover)];
        let wrong_signer = bad && self.rng.chance(30);
        if liquidate {
            let mut qty = self.rng.range(1, c.filled_qty.max(1));
            if bad && self.rng.chance(50) {
                qty = if self.rng.chance(50) { 0 } else { c.filled_qty + 1 };
            }
            let loss = self.rng.range(0, 2 * c.margin.max(1));
            Some(Op::Liquidate { user, cover, qty, loss, wrong_signer })
        } else {
            Some(Op::CloseOrder { user, cover, wrong_signer })
        }
    }

    fn decide(&mut self, m: &Model, review: bool) -> Option<Op> {
        let bad = self.bad();
        let due = |c: &crate::model::Cover| {
            c.status == CoverStatus::UnderReview && (m.now <= c.review_deadline) == review
        };
        if bad && self.rng.chance(70) {
            // A claim under review, decided the wrong way for the time: reviewed after the
            // deadline, or finalised before it.
            let under_review = self.covers_where(m, |c| c.status == CoverStatus::UnderReview);
            if let Some((user, cover)) = self.pick(&under_review) {
                return Some(if m.now > m.covers[&(user, cover)].review_deadline {
                    Op::Review { user, cover, approve: true, wrong_signer: false }
                } else {
                    Op::Finalize { user, cover }
                });
            }
        }
        let candidates = if bad { self.covers_where(m, |c| !due(c)) } else { self.covers_where(m, due) };
        let (user, cover) = self.pick(&candidates)?;
        Some(if review {
            Op::Review { user, cover, approve: self.rng.chance(70), wrong_signer: bad && self.rng.chance(40) }
        } else {
            Op::Finalize { user, cover }
        })
    }

    fn cover_payout(&mut self, m: &Model, vested: bool) -> Option<Op> {
        let bad = self.bad();
        let due = |c: &crate::model::Cover| {
            if vested {
                c.outcome == CoverOutcome::Paid
                    && arith::vested(c.compensation, c.vesting_start, c.vesting_days, m.now)
                        > c.vested_claimed
            } else {
                c.refund_owed > 0
            }
        };
        let candidates = self.covers_where(m, |c| due(c) != bad);
        let (user, cover) = self.pick(&candidates)?;
        Some(if vested {
            Op::ClaimVested { user, cover, wrong_signer: bad && self.rng.chance(40) }
        } else {
            Op::ClaimRefund { user, cover }
        })
    }

    // --- mining -----------------------------------------------------------------------------

    fn mining(&mut self, m: &Model, choice: u8) -> Option<Op> {
        let bad = self.bad();
        let miners: Vec<u32> = m.mining.miner_accounts.keys().copied().collect();
        match choice {
            24 => {
                let holders: Vec<u32> =
                    (0..m.users.len() as u32).filter(|&u| m.credit_home_balance(u) > 0).collect();
                let user = self.pick(&holders)?;
                let balance = m.credit_home_balance(user);
                let amount = if bad { 0 } else { self.rng.range(1, balance) };
                Some(Op::Stake { user, amount })
            }
            25 => {
                let user = self.pick(&miners)?;
                let staked = m.mining.miner_accounts[&user].staked;
                let amount = if bad {
                    if self.rng.chance(50) {
                        0
                    } else {
                        staked + 1
                    }
                } else {
                    self.rng.range(1, staked.max(1))
                };
                Some(Op::Unstake { user, amount })
            }
            26 => Some(Op::ClaimRewards { user: self.pick(&miners)? }),
            27 => Some(Op::FundRewards {
                amount: if bad && self.rng.chance(50) { 0 } else { self.rng.range(1, 1_000_000_000) },
                wrong_signer: bad && self.rng.chance(50),
            }),
            28 => {
                let unemitted = m.mining.funded - m.mining.emitted;
                let amount = if bad {
                    unemitted + self.rng.range(1, 1_000)
                } else {
                    self.rng.range(1, (unemitted / 2).max(1))
                };
                Some(Op::WithdrawRewards { amount })
            }
            _ => {
                let mut params = MiningParams {
                    reward_per_second: *self.rng.pick(&[0, 1, 1_000, 250_000]),
                    end_time: if self.rng.chance(20) {
                        Some(m.now + self.rng.range_i64(1, 3 * arith::DAY))
                    } else {
                        None
                    },
                    unstake_allowed: self.rng.chance(85),
                    unstake_cooldown: *self.rng.pick(&[0, 60, 3_600]),
                };
                let mut wrong_signer = false;
                if bad {
                    match self.rng.below(3) {
                        0 => params.end_time = Some(m.now - self.rng.range_i64(0, 100)),
                        1 => params.unstake_cooldown = *self.rng.pick(&[-1, 365 * arith::DAY + 1]),
                        _ => wrong_signer = true,
                    }
                }
                Some(Op::UpdateMining { params, wrong_signer })
            }
        }
    }

    // --- treasury and admin -----------------------------------------------------------------

    fn treasury(&mut self, m: &Model, choice: u8) -> Op {
        let bad = self.bad();
        match choice {
            30 => Op::Deposit { amount: if bad { 0 } else { self.rng.range(10, 5_000) * USDT } },
            31 => {
                let free = m.free_capital();
                let (amount, wrong_signer) = if bad {
                    match self.rng.below(3) {
                        0 => (free + self.rng.range(1, 1_000), false),
                        1 => (0, false),
                        _ => (free.max(1), true),
                    }
                } else if self.rng.chance(40) {
                    (free.max(1), false)
                } else {
                    (self.rng.range(1, free.max(2) - 1), false)
                };
                Op::WithdrawSurplus { amount, wrong_signer }
            }
            _ => Op::Donate { amount: self.rng.range(1, 100) * USDT / 10 },
        }
    }

    fn update_config(&mut self, m: &Model) -> Op {
        let mut c: PoolConfig = m.config.clone();
        let bad = self.bad();
        let wrong_signer = bad && self.rng.chance(15);
        if bad && !wrong_signer {
            match self.rng.below(16) {
                0 => c.trigger_multiplier = 0,
                1 => c.payout_ratio_bps = *self.rng.pick(&[0, 10_001]),
                2 => c.policy_duration = *self.rng.pick(&[0, 30 * arith::DAY + 1]),
                3 => c.max_depth = *self.rng.pick(&[0, 21]),
                4 => c.direct_bonus_bps = 10_001,
                5 => c.hashrate_per_usdt_bps = 0,
                6 => c.max_price_staleness = *self.rng.pick(&[0, 3_601]),
                7 => c.max_conf_bps = *self.rng.pick(&[0, 10_001]),
                8 => c.settlement_grace = 2 * c.max_price_staleness - 1,
                9 => c.min_observation_spacing = *self.rng.pick(&[0, c.max_price_staleness + 1]),
                10 => c.tiers.clear(),
                11 => {
                    let first = c.tiers[0];
                    c.tiers.insert(1, first);
                }
                12 => c.tiers[0].step = 0,
                13 => {
                    c.liquidation.ratio_tiers[0].ratio_bps =
                        c.liquidation.ratio_tiers.last().expect("tier").ratio_bps.saturating_sub(1);
                    let last = c.liquidation.ratio_tiers.len() - 1;
                    c.liquidation.ratio_tiers[last].ratio_bps = c.liquidation.ratio_tiers[0].ratio_bps + 500;
                }
                14 if self.rng.chance(50) => c.liquidation.vesting_days = 0,
                14 => c.liquidation.ratio_tiers.last_mut().expect("tier").max_used = u64::MAX - 1,
                _ => c.liquidation.min_insured = 0,
            }
            return Op::UpdateConfig { config: Box::new(c), wrong_signer };
        }
        match self.rng.below(16) {
            14 | 15 => {
                let staleness = *self.rng.pick(&[30u32, 60, 120, 600]);
                c.max_price_staleness = staleness;
                c.min_observation_spacing = c.min_observation_spacing.min(staleness);
                c.settlement_grace = c.settlement_grace.max(2 * staleness);
            }
            0 => c.trigger_multiplier = self.rng.range(1, 20) as u32,
            1 => c.payout_ratio_bps = self.rng.range(1_000, 10_000) as u16,
            2 => c.hashrate_per_usdt_bps = self.rng.range(5_000, 30_000) as u32,
            3 => c.policy_duration = *self.rng.pick(&[1_800, 7_200, 86_400]),
            4 => c.max_depth = self.rng.range(1, 10) as u8,
            5 => c.same_level_cut = !c.same_level_cut,
            6 => c.direct_bonus_bps = self.rng.range(0, 1_000) as u16,
            7 => {
                let staleness = *self.rng.pick(&[30u32, 60, 120]);
                c.max_price_staleness = staleness;
                c.min_observation_spacing = c.min_observation_spacing.min(staleness);
                c.settlement_grace = c.settlement_grace.max(2 * staleness);
            }
            8 => c.max_conf_bps = self.rng.range(50, 500) as u16,
            9 => c.settlement_grace = 2 * c.max_price_staleness * self.rng.range(1, 30) as u32,
            10 => {
                c.min_observation_spacing = self.rng.range(1, u64::from(c.max_price_staleness.min(5))) as u32
            }
            11 => {
                let l = &mut c.liquidation;
                l.compensation_multiplier_bps = self.rng.range(10_000, 30_000) as u32;
                l.vesting_days = *self.rng.pick(&[1, 3, 20]);
                l.review_window = *self.rng.pick(&[3_600, 86_400]);
            }
            12 => {
                let l = &mut c.liquidation;
                let top = self.rng.range(7_000, 9_500) as u16;
                let mid = top - self.rng.range(0, 1_000) as u16;
                let low = mid - self.rng.range(0, 1_000) as u16;
                l.ratio_tiers = vec![
                    RatioTier { max_used: 100 * USDT, ratio_bps: top },
                    RatioTier { max_used: 500 * USDT, ratio_bps: mid },
                    RatioTier { max_used: u64::MAX, ratio_bps: low },
                ];
            }
            _ => {
                let l = &mut c.liquidation;
                l.daily_quota = *self.rng.pick(&[150, 400]) * USDT;
                l.cumulative_quota = *self.rng.pick(&[600, 5_000]) * USDT;
                l.day_offset_seconds = *self.rng.pick(&[0, 8 * 3_600, -5 * 3_600]);
            }
        }
        Op::UpdateConfig { config: Box::new(c), wrong_signer }
    }

    fn update_levels(&mut self, m: &Model) -> Op {
        let mut levels: Vec<Level> = m.levels.clone();
        if self.bad() {
            match self.rng.below(5) {
                0 => levels[0].min_team_volume = 1,
                1 => levels = vec![levels[0]; 12],
                2 => levels[0].commission_bps = 10_001,
                3 if levels.len() > 1 => levels[1].min_team_volume = 0,
                _ if levels.len() > 1 => {
                    levels[0].commission_bps = levels[1].commission_bps + 1;
                    levels[0].rebate_bps = levels[0].rebate_bps.max(levels[1].rebate_bps);
                }
                _ => levels.clear(),
            }
            return Op::UpdateLevels { levels };
        }
        // Scale thresholds and nudge rates, keeping both monotone.
        let scale = *self.rng.pick(&[1u64, 2, 10]);
        let divide = *self.rng.pick(&[1u64, 1, 10, 100]);
        let mut previous = 0;
        for (i, level) in levels.iter_mut().enumerate() {
            if i > 0 {
                level.min_team_volume = (level.min_team_volume * scale / divide).max(previous + 1);
            }
            previous = level.min_team_volume;
        }
        let bump = self.rng.range(0, 300) as u16;
        for level in levels.iter_mut().skip(1) {
            level.commission_bps = (level.commission_bps + bump).min(10_000);
            level.rebate_bps = (level.rebate_bps + bump).min(10_000);
        }
        Op::UpdateLevels { levels }
    }

    fn staff(&mut self, m: &Model) -> Op {
        // Staff keys: 0 admin, 1..=3 roles, 4.. spares (see the driver). The model knows keys,
        // so the generator proposes indexes and lets the model judge them.
        let spares = 3u8;
        let count = 4 + spares;
        let bad = self.bad();
        match self.rng.below(3) {
            0 => Op::ProposeAdmin {
                staff: if bad && self.rng.chance(40) {
                    None
                } else {
                    Some(self.rng.below(u64::from(count)) as u8)
                },
            },
            1 => {
                let staff = self.rng.below(u64::from(count)) as u8;
                Op::AcceptAdmin { staff }
            }
            _ => {
                let mut keys: Vec<u8> = (0..count).collect();
                for i in (1..keys.len()).rev() {
                    let j = self.rng.below(i as u64 + 1) as usize;
                    keys.swap(i, j);
                }
                let mut roles = [Some(keys[0]), Some(keys[1]), Some(keys[2])];
                if bad {
                    match self.rng.below(2) {
                        0 => roles[1] = roles[0],
                        _ => roles[2] = None,
                    }
                }
                let _ = m;
                Op::SetRoles { roles }
            }
        }
    }

    fn add_market(&mut self, m: &Model) -> Op {
        let id = m.markets.iter().map(|market| market.id).max().unwrap_or(0) + 1;
        let mut params: MarketParams = market_params(id);
        if self.bad() {
            match self.rng.below(4) {
                0 => return Op::AddMarket { id: m.markets[0].id, params },
                1 => params.base_decimals = 13,
                2 => params.quote_decimals = 9,
                _ => params.oracle = OracleSource::Pyth { feed_id: [0; 32] },
            }
        }
        Op::AddMarket { id, params }
    }

    fn update_market(&mut self, m: &Model) -> Op {
        let market = self.rng.below(m.markets.len() as u64) as u8;
        let mut params = m.markets[market as usize].params;
        match self.rng.below(5) {
            0 | 1 => params.active = !params.active || self.rng.chance(30),
            2 => params.liquidation_cover = !params.liquidation_cover,
            3 => params.price_decimals = (params.price_decimals + 1).min(12),
            _ => {
                if self.bad() {
                    params.price_decimals = 13;
                } else {
                    params.active = true;
                }
            }
        }
        Op::UpdateMarket { market, params }
    }

    fn close(&mut self, m: &Model) -> Option<Op> {
        let bad = self.bad();
        match self.rng.below(5) {
            0 => {
                let c = self.policies_where(m, |p| {
                    (p.status == PolicyStatus::Completed && p.exposures_closed == p.exposures) != bad
                });
                self.pick(&c).map(|(user, index)| Op::ClosePolicy { user, index })
            }
            1 => {
                let mut c = vec![];
                for ((u, i), p) in m.policies.iter().filter(|(_, p)| !p.closed) {
                    for (market, e) in p.exposure_accounts.iter().filter(|(_, e)| !e.closed) {
                        if (e.valued || !p.is_active()) != bad {
                            c.push((*u, *i, m.market_index(*market) as u8));
                        }
                    }
                }
                self.pick(&c).map(|(user, index, market)| Op::ClosePolicyExposure { user, index, market })
            }
            2 => {
                let c = self.covers_where(m, |c| {
                    (c.status == CoverStatus::Completed
                        && c.refund_owed == 0
                        && c.vested_claimed == c.compensation)
                        != bad
                });
                self.pick(&c).map(|(user, cover)| Op::CloseCover { user, cover })
            }
            3 => {
                let c: Vec<(u32, u16)> = m
                    .market_exposures
                    .iter()
                    .filter(|(_, e)| (e.ongoing == 0) != bad)
                    .map(|(k, _)| *k)
                    .collect();
                self.pick(&c).map(|(user, market)| Op::CloseMarketExposure {
                    user,
                    market: m.market_index(market) as u8,
                })
            }
            _ => {
                let c: Vec<u32> = m.mining.miner_accounts.keys().copied().collect();
                let user = self.pick(&c)?;
                if !bad {
                    // Empty the miner first, at the same second (nothing accrues in between).
                    let staked = m.mining.miner_accounts[&user].staked;
                    if staked > 0 {
                        self.queue.push_back(Op::Unstake { user, amount: staked });
                    }
                    self.queue.push_back(Op::ClaimRewards { user });
                    self.queue.push_back(Op::CloseMiner { user });
                    return self.queue.pop_front();
                }
                Some(Op::CloseMiner { user })
            }
        }
    }
}
