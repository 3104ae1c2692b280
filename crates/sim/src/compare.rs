//! Chain accounts against the model: each program account is rebuilt from the model (bumps taken
//! from the chain, the only thing the model does not know) and compared field by field through
//! its `Debug` form; token balances and closed accounts too.

use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountDeserialize;
use cip_harness::pda;
use contract_insurance::math::accumulator::Accumulator;
use contract_insurance::oracle::OracleGuards;
use contract_insurance::state::{self as s, ExposureDecimals, PoolRoles, PriceObservation, Solvency};

use crate::driver::World;
use crate::model::{self, CreditAta, Touched};

async fn fetch<T: AccountDeserialize>(w: &mut World, key: &Pubkey) -> Option<T> {
    let account = w.chain().account(key).await?;
    if account.lamports == 0 || account.data.is_empty() || account.owner != contract_insurance::ID {
        return None;
    }
    Some(
        T::try_deserialize(&mut account.data.as_slice())
            .unwrap_or_else(|e| panic!("{key} does not decode: {e}")),
    )
}

async fn balance(w: &mut World, key: &Pubkey) -> Option<u64> {
    let account = w.chain().account(key).await?;
    if account.data.len() < 72 {
        return None;
    }
    Some(u64::from_le_bytes(account.data[64..72].try_into().expect("8 bytes")))
}

fn same<T: std::fmt::Debug>(what: &str, chain: &T, model: &T, out: &mut Vec<String>) {
    let (chain, model) = (format!("{chain:#?}"), format!("{model:#?}"));
    if chain != model {
        let mut lines = vec![];
        for (c, m) in chain.lines().zip(model.lines()) {
            if c != m {
                lines.push(format!("    chain {}\n    model {}", c.trim(), m.trim()));
            }
        }
        out.push(format!("{what}: account differs from the model\n{}", lines.join("\n")));
    }
}

fn check_balance(what: &str, chain: Option<u64>, model: u64, out: &mut Vec<String>) {
    if chain != Some(model) {
        out.push(format!("{what}: token balance {chain:?} on chain, model {model}"));
    }
}

async fn absent(w: &mut World, what: &str, key: &Pubkey, out: &mut Vec<String>) {
    if let Some(account) = w.chain().account(key).await {
        if account.lamports > 0 {
            out.push(format!(
                "{what}: closed in the model, still open on chain ({} lamports)",
                account.lamports
            ));
        }
    }
}

pub async fn pool_and_vault(w: &mut World) -> Vec<String> {
    let mut out = vec![];
    let pool_key = w.f.keys.pool;
    let chain: s::Pool = fetch(w, &pool_key).await.expect("pool");
    let m = &w.model;
    let expected = s::Pool {
        version: chain.version,
        bump: chain.bump,
        credit_mint_bump: chain.credit_mint_bump,
        paused: m.paused,
        admin: m.admin,
        pending_admin: m.pending_admin,
        roles: PoolRoles { reporter: m.roles[0], oracle_authority: m.roles[1], reviewer: m.roles[2] },
        premium_mint: w.f.keys.premium_mint,
        premium_decimals: m.premium_decimals,
        token_program: w.f.keys.token_program,
        vault: w.f.keys.vault,
        credit_mint: w.f.keys.credit_mint,
        config: m.config.clone(),
        levels: m.levels.clone(),
        liabilities: m.liabilities,
        solvency: Solvency { vault_balance: m.solvency.0, free_capital: m.solvency.1 },
        totals: m.totals,
    };
    same("Pool", &chain, &expected, &mut out);
    let vault_key = w.f.keys.vault;
    let vault = balance(w, &vault_key).await.unwrap_or(0);
    check_balance("vault", Some(vault), w.model.vault, &mut out);
    let l = &chain.liabilities;
    let owed =
        l.commission_owed + l.refunds_owed + l.vesting_owed + l.claims_under_review + l.covers_reserved;
    if vault < owed {
        out.push(format!("solvency: vault {vault} below the liabilities {owed}"));
    }
    out.extend(w.ledger.compare(&chain, vault).into_iter().map(|d| format!("events: {d}")));
    let funder_token = w.funder_token;
    let funder = balance(w, &funder_token).await;
    check_balance("funder", funder, w.model.funder_balance, &mut out);
    out
}

async fn user(w: &mut World, u: u32, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let wallet = w.wallet_key(u);
    let m = &w.model;
    let mu = m.users[u as usize].clone();
    let user_key = pda::user(&pool, &wallet);
    let node_key = pda::referral_node(&pool, &wallet);
    let Some(chain): Option<s::UserAccount> = fetch(w, &user_key).await else {
        out.push(format!("UserAccount {u}: missing on chain"));
        return;
    };
    let expected = s::UserAccount {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner: wallet,
        registered_at: mu.registered_at,
        open_positions: mu.open_positions,
        policy_count: mu.policy_count,
        active_policy_index: mu.active_policy,
        total_premium_paid: mu.total_premium_paid,
        total_compensation_credits: mu.total_compensation_credits,
        credits_owed: mu.credits_owed,
        is_lead_trader: mu.is_lead_trader,
        liquidation_cover_count: mu.cover_count,
        liquidation_day: mu.liq_day,
        liquidation_day_total: mu.liq_day_total,
        liquidation_cumulative: mu.liq_cumulative,
        liquidation_used: mu.liq_used,
    };
    same(&format!("UserAccount {u}"), &chain, &expected, out);
    let chain: s::ReferralNode = fetch(w, &node_key).await.expect("node");
    let parent_wallet = mu.parent.map(|p| w.wallet_key(p));
    let expected = s::ReferralNode {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner: wallet,
        parent: parent_wallet.map(|p| pda::referral_node(&pool, &p)),
        depth: mu.depth,
        assigned_level: mu.assigned_level,
        level: mu.level,
        direct_referrals: mu.direct_referrals,
        team_volume: mu.team_volume,
        commission_earned: mu.commission_earned,
        commission_claimed: mu.commission_claimed,
        rebate_earned: mu.rebate_earned,
        rebate_claimed: mu.rebate_claimed,
        created_at: mu.registered_at,
    };
    same(&format!("ReferralNode {u}"), &chain, &expected, out);
    let premium = w.premium_account_of(u);
    let chain_balance = balance(w, &premium).await;
    check_balance(&format!("premium account of user {u}"), chain_balance, mu.premium_balance, out);
    if mu.credit_ata != CreditAta::Missing {
        let ata = w.credit_ata_of(u);
        let chain_balance = balance(w, &ata).await;
        check_balance(&format!("credit account of user {u}"), chain_balance, mu.credit_ata_balance, out);
    }
    if let (Some(spare), Some(model_balance)) = (w.spare_of(u), mu.credit_spare) {
        let chain_balance = balance(w, &spare).await;
        check_balance(&format!("spare credit account of user {u}"), chain_balance, model_balance, out);
    }
    if let Some(account) = w.reward_account_of(u) {
        let chain_balance = balance(w, &account).await;
        check_balance(&format!("reward account of user {u}"), chain_balance, mu.reward_balance, out);
    }
}

async fn policy(w: &mut World, u: u32, index: u64, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let key = w.policy_address(u, index);
    let mp = w.model.policies[&(u, index)].clone();
    for (market, e) in &mp.exposure_accounts {
        let address = pda::policy_exposure(&key, &w.market_address(*market));
        let what = format!("PolicyExposure ({u}, {index}) market {market}");
        if e.closed {
            absent(w, &what, &address, out).await;
            continue;
        }
        let Some(chain): Option<s::PolicyExposure> = fetch(w, &address).await else {
            out.push(format!("{what}: missing on chain"));
            continue;
        };
        let market_key = w.market_address(*market);
        let expected = s::PolicyExposure {
            version: chain.version,
            bump: chain.bump,
            pool,
            policy: key,
            market: market_key,
            mark_price_feed: pda::mark_price_feed(&market_key),
            rent_payer: e.rent_payer,
            decimals: ExposureDecimals {
                base: e.decimals.base,
                quote: e.decimals.quote,
                price: e.decimals.price,
            },
            open_positions: e.open_positions,
            positions: e.positions,
            net_size: e.net_size,
            net_entry_value: e.net_entry_value,
            valued: e.valued,
            mark_source: e.mark_source,
            mark_price: e.mark_price,
            mark_publish_time: e.mark_publish_time,
            unrealized_pnl: e.unrealized_pnl,
        };
        same(&what, &chain, &expected, out);
    }
    let what = format!("Policy ({u}, {index})");
    if mp.closed {
        absent(w, &what, &key, out).await;
        return;
    }
    let Some(chain): Option<s::Policy> = fetch(w, &key).await else {
        out.push(format!("{what}: missing on chain"));
        return;
    };
    let expected = s::Policy {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner: w.wallet_key(u),
        index,
        terms: s::PolicyTerms {
            premium: mp.premium,
            trigger: mp.trigger,
            payout: mp.payout,
            payout_credits: mp.payout_credits,
            start: mp.start,
            end: mp.end,
            mark_guards: OracleGuards { max_staleness: mp.staleness, max_conf_bps: mp.conf_bps },
            settlement_grace: mp.grace,
        },
        status: mp.status,
        outcome: mp.outcome,
        open_positions: mp.open_positions,
        exposures: mp.exposures,
        exposures_valued: mp.exposures_valued,
        exposures_closed: mp.exposures_closed,
        fallback_marks: mp.fallback_marks,
        realized_pnl: mp.realized_pnl,
        unrealized_pnl: mp.unrealized_pnl,
        largest_closed_loss: mp.largest_closed_loss,
        largest_closed_loss_position: mp.largest_closed_loss_position,
        settlement: mp.settlement,
        settled_at: mp.settled_at,
        loss: mp.loss,
    };
    same(&what, &chain, &expected, out);
    if chain.credits_paid() != mp.credits_paid {
        out.push(format!(
            "{what}: credits paid {} on chain, {} in the model",
            chain.credits_paid(),
            mp.credits_paid
        ));
    }
}

async fn position(w: &mut World, u: u32, id: u64, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let owner = w.wallet_key(u);
    let key = pda::position(&pool, &owner, id);
    let what = format!("Position ({u}, {id})");
    let Some(mp) = w.model.positions.get(&(u, id)).cloned() else {
        absent(w, &what, &key, out).await;
        return;
    };
    let Some(chain): Option<s::Position> = fetch(w, &key).await else {
        out.push(format!("{what}: missing on chain"));
        return;
    };
    let expected = s::Position {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner,
        market: w.market_address(mp.market),
        position_id: id,
        side: mp.side,
        size: mp.size,
        entry_price: mp.entry,
        margin: mp.margin,
        opened_at: mp.opened_at,
        last_event_at: mp.last_event_at,
        realized_pnl: mp.realized,
        fees_paid: mp.fees,
        liquidated_size: mp.liquidated,
        policy: mp.policy.map(|i| w.policy_address(u, i)),
        policy_end: mp.policy_end,
    };
    same(&what, &chain, &expected, out);
}

async fn market(w: &mut World, id: u16, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let key = w.market_address(id);
    let mm = w.model.market(id).clone();
    let chain: s::Market = fetch(w, &key).await.expect("market");
    let feed_key = pda::mark_price_feed(&key);
    let expected = s::Market {
        version: chain.version,
        bump: chain.bump,
        pool,
        market_id: id,
        params: mm.params,
        mark_price_feed: feed_key,
        open_positions: mm.open_positions,
    };
    same(&format!("Market {id}"), &chain, &expected, out);
    let chain: s::MarkPriceFeed = fetch(w, &feed_key).await.expect("feed");
    let expected = s::MarkPriceFeed {
        version: chain.version,
        bump: chain.bump,
        pool,
        market: key,
        price_decimals: mm.feed.price_decimals,
        next_slot: mm.feed.next_slot,
        recorded: mm.feed.recorded,
        evicted_until: mm.feed.evicted_until,
        observations: mm.feed.observations.map(|o: model::Observation| PriceObservation {
            price: o.price,
            conf: o.conf,
            publish_time: o.publish_time,
            recorded_at: o.recorded_at,
        }),
    };
    if chain.observations != expected.observations
        || (chain.price_decimals, chain.next_slot, chain.recorded, chain.evicted_until)
            != (expected.price_decimals, expected.next_slot, expected.recorded, expected.evicted_until)
    {
        same(&format!("MarkPriceFeed {id}"), &chain, &expected, out);
    }
}

async fn cover(w: &mut World, u: u32, index: u64, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let owner = w.wallet_key(u);
    let key = pda::liquidation_cover(&pool, &owner, index);
    let mc = w.model.covers[&(u, index)].clone();
    let what = format!("LiquidationCover ({u}, {index})");
    if mc.closed {
        absent(w, &what, &key, out).await;
        return;
    }
    let Some(chain): Option<s::LiquidationCover> = fetch(w, &key).await else {
        out.push(format!("{what}: missing on chain"));
        return;
    };
    let expected = s::LiquidationCover {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner,
        market: w.market_address(mc.market),
        index,
        order_id: mc.order_id,
        side: mc.side,
        order_qty: mc.order_qty,
        filled_qty: mc.filled_qty,
        cancelled_qty: mc.cancelled_qty,
        order_margin: mc.order_margin,
        margin: mc.margin,
        insured_bought: mc.insured_bought,
        insured: mc.insured,
        reserve_bought: mc.reserve_bought,
        reserved: mc.reserved,
        refund_owed: mc.refund_owed,
        status: mc.status,
        outcome: mc.outcome,
        position: mc.position.map(|id| pda::position(&pool, &owner, id)),
        liquidated_at: mc.liquidated_at,
        liquidated_qty: mc.liquidated_qty,
        liquidation_loss: mc.liquidation_loss,
        review_deadline: mc.review_deadline,
        approved_by_timeout: mc.approved_by_timeout,
        ratio_bps: mc.ratio_bps,
        compensation: mc.compensation,
        vesting_start: mc.vesting_start,
        vesting_days: mc.vesting_days,
        vested_claimed: mc.vested_claimed,
    };
    same(&what, &chain, &expected, out);
    if chain.fill_state() != mc.fill_state {
        out.push(format!(
            "{what}: fill state {:?} on chain, {:?} in the model",
            chain.fill_state(),
            mc.fill_state
        ));
    }
}

async fn market_exposure(w: &mut World, u: u32, market: u16, out: &mut Vec<String>) {
    let pool = w.f.keys.pool;
    let owner = w.wallet_key(u);
    let market_key = w.market_address(market);
    let key = pda::exposure(&pool, &owner, &market_key);
    let what = format!("MarketExposure ({u}, {market})");
    let Some(me) = w.model.market_exposures.get(&(u, market)).cloned() else {
        absent(w, &what, &key, out).await;
        return;
    };
    let Some(chain): Option<s::MarketExposure> = fetch(w, &key).await else {
        out.push(format!("{what}: missing on chain"));
        return;
    };
    let expected = s::MarketExposure {
        version: chain.version,
        bump: chain.bump,
        pool,
        owner,
        market: market_key,
        side: me.side,
        ongoing: me.ongoing,
    };
    same(&what, &chain, &expected, out);
}

async fn mining(w: &mut World, out: &mut Vec<String>) {
    let keys = w.mining;
    let chain: s::MiningPool = fetch(w, &keys.mining_pool).await.expect("mining pool");
    let m = &w.model.mining;
    let expected = s::MiningPool {
        version: chain.version,
        bump: chain.bump,
        pool: keys.pool,
        stake_mint: keys.credit_mint,
        stake_vault: keys.stake_vault,
        stake_vault_bump: chain.stake_vault_bump,
        reward_mint: keys.reward_mint,
        reward_decimals: chain.reward_decimals,
        reward_vault: keys.reward_vault,
        reward_vault_bump: chain.reward_vault_bump,
        params: m.params,
        accumulator: Accumulator {
            acc_reward_per_share: m.acc,
            last_update: m.last_update,
            total_staked: m.total_staked,
            funded: m.funded,
            emitted: m.emitted,
        },
        claimed: m.claimed,
        miners: m.miners,
    };
    same("MiningPool", &chain, &expected, out);
    let (stake_vault, reward_vault) = (m.stake_vault, m.reward_vault);
    let chain_stake = balance(w, &keys.stake_vault).await;
    check_balance("stake vault", chain_stake, stake_vault, out);
    let chain_reward = balance(w, &keys.reward_vault).await;
    check_balance("reward vault", chain_reward, reward_vault, out);
    let treasuries: Vec<(Pubkey, u64)> = w.model.treasuries.iter().map(|(k, v)| (*k, *v)).collect();
    for (key, model_balance) in treasuries {
        let account = w.treasury_of(&key);
        let chain_balance = balance(w, &account).await;
        check_balance("admin reward treasury", chain_balance, model_balance, out);
    }
}

async fn miner(w: &mut World, u: u32, out: &mut Vec<String>) {
    let keys = w.mining;
    let owner = w.wallet_key(u);
    let key = pda::miner(&keys.mining_pool, &owner);
    let what = format!("Miner {u}");
    let Some(mm) = w.model.mining.miner_accounts.get(&u).cloned() else {
        absent(w, &what, &key, out).await;
        return;
    };
    let Some(chain): Option<s::Miner> = fetch(w, &key).await else {
        out.push(format!("{what}: missing on chain"));
        return;
    };
    let expected = s::Miner {
        version: chain.version,
        bump: chain.bump,
        mining_pool: keys.mining_pool,
        owner,
        staked: mm.staked,
        reward_debt: mm.debt,
        pending: mm.pending,
        claimed: mm.claimed,
        last_staked_at: mm.last_staked_at,
    };
    same(&what, &chain, &expected, out);
}

/// Credits exist only as minted: the credit mint's supply is every credit account's balance plus
/// the stake vault.
async fn credit_supply(w: &mut World, out: &mut Vec<String>) {
    let m = &w.model;
    let held: u64 = m.users.iter().map(|u| u.credit_ata_balance + u.credit_spare.unwrap_or(0)).sum::<u64>()
        + m.mining.stake_vault;
    let mint = w.f.keys.credit_mint;
    let account = w.chain().account(&mint).await.expect("credit mint");
    let supply = u64::from_le_bytes(account.data[36..44].try_into().expect("supply"));
    if supply != held {
        out.push(format!("credit mint: supply {supply}, the model's credit balances add to {held}"));
    }
}

pub async fn touched(w: &mut World, t: &Touched) -> Vec<String> {
    let mut out = vec![];
    for &u in &t.users {
        user(w, u, &mut out).await;
    }
    for &(u, i) in &t.policies {
        policy(w, u, i, &mut out).await;
    }
    for &(u, id) in &t.positions {
        position(w, u, id, &mut out).await;
    }
    for &id in &t.markets {
        market(w, id, &mut out).await;
    }
    for &(u, c) in &t.covers {
        cover(w, u, c, &mut out).await;
    }
    for &(u, market_id) in &t.market_exposures {
        market_exposure(w, u, market_id, &mut out).await;
    }
    if t.mining || !t.miners.is_empty() {
        mining(w, &mut out).await;
    }
    for &u in &t.miners {
        miner(w, u, &mut out).await;
    }
    out
}

pub async fn everything(w: &mut World) -> Vec<String> {
    let mut out = vec![];
    let m = w.model.clone();
    for u in 0..m.users.len() as u32 {
        user(w, u, &mut out).await;
        miner(w, u, &mut out).await;
    }
    for &(u, i) in m.policies.keys() {
        policy(w, u, i, &mut out).await;
    }
    for &(u, id) in m.positions.keys() {
        position(w, u, id, &mut out).await;
    }
    for market_model in &m.markets {
        market(w, market_model.id, &mut out).await;
    }
    for &(u, c) in m.covers.keys() {
        cover(w, u, c, &mut out).await;
    }
    for &(u, market_id) in m.market_exposures.keys() {
        market_exposure(w, u, market_id, &mut out).await;
    }
    mining(w, &mut out).await;
    credit_supply(w, &mut out).await;
    out
}
