//! The main job: an honest run of the Contract Insurance Pool program on the embedded Solana
//! runtime (the program natively inside solana-program-test, SPL Token as its real SBF build).
//! Every number printed is read back from accounts or decoded from the program's events.
//!
//! Usage: cip-scenario [--preset a|b|both]

use anchor_lang::prelude::Pubkey;
use cip_cli::report::{amount, heading, short, signed_amount, Table};
use cip_harness::{
    fixture::btc_market_params,
    ix::{self, PositionTriple, PositionUpdate},
    pda, PoolFixture, PoolOptions, Trader,
};
use contract_insurance::events::{CompensationIssued, PolicyPurchased, PolicySettled};
use contract_insurance::presets::LevelPreset;
use contract_insurance::state::*;
use contract_insurance::OpenPositionArgs;
use solana_sdk::signature::Signer;

const USD: u64 = 1_000_000; // premium mint, prices and P&L: 6 decimals
const BTC: u64 = 1_000_000; // position size: 6 decimals
const DECIMALS: u8 = 6;

fn usd(value: u64) -> String {
    amount(value, DECIMALS)
}

struct World {
    f: PoolFixture,
    preset: LevelPreset,
    people: Vec<(&'static str, Trader)>,
}

impl World {
    fn trader(&self, name: &str) -> &Trader {
        &self.people.iter().find(|(person, _)| *person == name).expect("known name").1
    }

    fn name_of_node(&self, node: &Pubkey) -> &'static str {
        self.people.iter().find(|(_, trader)| trader.node == *node).map(|(name, _)| *name).unwrap_or("?")
    }

    fn level_name(&self, level: u8) -> &'static str {
        self.preset.level_names().get(usize::from(level)).copied().unwrap_or("?")
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let presets = match parse_preset() {
        Ok(presets) => presets,
        Err(message) => {
            eprintln!("{message}\nusage: cip-scenario [--preset a|b|both]");
            std::process::exit(2);
        }
    };
    println!("Contract Insurance Pool — scenario run on the embedded Solana runtime");
    println!("program {} (native) with SPL Token {} (SBF)", contract_insurance::ID, anchor_spl::token::ID);
    // The per-order liquidation cover (and later sections) do not depend on the level preset:
    // they run once, in the last pool.
    let last = presets.len() - 1;
    for (index, preset) in presets.into_iter().enumerate() {
        run(preset, index == last).await;
    }
}

fn parse_preset() -> Result<Vec<LevelPreset>, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => Ok(vec![LevelPreset::A, LevelPreset::B]),
        [flag, value] if flag == "--preset" => match value.to_ascii_lowercase().as_str() {
            "a" => Ok(vec![LevelPreset::A]),
            "b" => Ok(vec![LevelPreset::B]),
            "both" => Ok(vec![LevelPreset::A, LevelPreset::B]),
            other => Err(format!("unknown preset {other:?}")),
        },
        [flag] if flag == "--help" || flag == "-h" => Err(String::new()),
        other => Err(format!("unexpected arguments {other:?}")),
    }
}

async fn run(preset: LevelPreset, with_liquidation_cover: bool) {
    heading(&format!("Pool with level preset {}", preset.name()));
    let f = PoolFixture::quiet(PoolOptions::preset(preset)).await;
    let mut world = World { f, preset, people: Vec::new() };
    print_pool(&mut world).await;
    build_tree(&mut world).await;
    let start = buy_policies(&mut world).await;
    claim_commission(&mut world, "bob").await;
    print_treasury(&mut world, "after purchases").await;
    trade_settle_and_compensate(&mut world, start).await;
    if with_liquidation_cover {
        liquidation_cover(&mut world).await;
        mining(&mut world).await;
    }
    final_report(&mut world).await;
}

async fn print_pool(world: &mut World) {
    let pool = world.f.pool().await;
    println!(
        "pool {}  vault {}  credit mint {}",
        pool_key(world),
        short(&pool.vault),
        short(&pool.credit_mint)
    );
    let config = &pool.config;
    println!(
        "trigger = premium x {}, payout = {} % of trigger, window {} h, max depth {}, same-level cut {}, direct bonus {} %",
        config.trigger_multiplier,
        config.payout_ratio_bps / 100,
        config.policy_duration / 3_600,
        config.max_depth,
        if config.same_level_cut { "on" } else { "off" },
        f64::from(config.direct_bonus_bps) / 100.0,
    );
    let mut tiers = Table::new(&["tier", "min USDT", "max USDT", "step USDT"]);
    for (index, tier) in config.tiers.iter().enumerate() {
        tiers.row(vec![format!("{}", index + 1), usd(tier.min), usd(tier.max), usd(tier.step)]);
    }
    tiers.print();
    let mut levels = Table::new(&["level", "name", "team volume from", "commission %", "rebate %"]);
    for (index, level) in pool.levels.iter().enumerate() {
        levels.row(vec![
            index.to_string(),
            world.level_name(index as u8).to_string(),
            usd(level.min_team_volume),
            format!("{:.2}", f64::from(level.commission_bps) / 100.0),
            format!("{:.2}", f64::from(level.rebate_bps) / 100.0),
        ]);
    }
    levels.print();
}

fn pool_key(world: &World) -> String {
    short(&world.f.keys.pool)
}

async fn build_tree(world: &mut World) {
    heading("Referral tree");
    // (name, referrer, assigned level under preset A, under preset B)
    let plan: [(&str, Option<&str>, u8, u8); 6] = [
        ("alice", None, 3, 10),
        ("bob", Some("alice"), 2, 3),
        ("carol", Some("bob"), 0, 1),
        ("dave", Some("carol"), 0, 0),
        ("erin", Some("dave"), 0, 0),
        ("frank", Some("alice"), 0, 1),
    ];
    for (name, referrer, level_a, level_b) in plan {
        let referrer = referrer.map(|referrer| world.trader(referrer));
        let referrer_node = referrer.map(|trader| trader.node);
        let trader = {
            let (wallet, token) = world.f.funded_wallet(50_000).await;
            let ix = ix::register(&wallet.pubkey(), &world.f.keys.pool, referrer_node);
            world.f.send_as(&wallet, ix).await.expect("register");
            Trader {
                user: pda::user(&world.f.keys.pool, &wallet.pubkey()),
                node: pda::referral_node(&world.f.keys.pool, &wallet.pubkey()),
                wallet,
                token,
            }
        };
        let level = if world.preset == LevelPreset::A { level_a } else { level_b };
        if level > 0 {
            let assign = ix::assign_level(&world.f.admin.pubkey(), &world.f.keys.pool, &trader.node, level);
            world.f.send_as_admin(assign).await.expect("assign level");
        }
        world.people.push((name, trader));
    }
    let mut table = Table::new(&["user", "wallet", "referrer", "depth", "assigned level"]);
    for (name, trader) in &world.people {
        let node: ReferralNode = world.f.chain.fetch(&trader.node).await;
        let referrer = node.parent.map(|parent| world.name_of_node(&parent)).unwrap_or("-");
        table.row(vec![
            name.to_string(),
            short(&trader.key()),
            referrer.to_string(),
            node.depth.to_string(),
            world.level_name(node.assigned_level).to_string(),
        ]);
    }
    table.print();
}

/// Purchases across tiers, each with its commission walk. Returns the purchase time.
async fn buy_policies(world: &mut World) -> i64 {
    heading("Loss-cover purchases (commission walk on chain)");
    let start = world.f.chain.now().await;
    for (name, premium_usdt) in [("erin", 5), ("dave", 50), ("carol", 300), ("frank", 2_000), ("bob", 10_000)]
    {
        let premium = premium_usdt * USD;
        let (wallet, token) = {
            let buyer = world.trader(name);
            (buyer.wallet.insecure_clone(), buyer.token)
        };
        let uplines = world.f.uplines_of(&wallet.pubkey()).await;
        let index = world.f.user(&wallet.pubkey()).await.policy_count;
        let ix = ix::buy_policy(&wallet.pubkey(), &world.f.keys, &token, index, premium, &uplines);
        let receipt = world.f.send_as(&wallet, ix).await.expect("buy_policy");
        let event = receipt.event::<PolicyPurchased>();
        println!(
            "{name} buys {} USDT (tier {}): trigger {} USDT, payout {} USDT in credits, {} uplines, tx {} bytes",
            usd(event.premium),
            event.tier + 1,
            usd(event.trigger),
            usd(event.payout),
            event.commissions.len(),
            receipt.tx_bytes,
        );
        if event.commissions.is_empty() {
            continue;
        }
        let mut table =
            Table::new(&["upline", "level", "rate %", "commission USDT", "team volume after", "level after"]);
        for share in &event.commissions {
            table.row(vec![
                world.name_of_node(&share.referral_node).to_string(),
                world.level_name(share.level).to_string(),
                format!("{:.2}", f64::from(share.rate_bps) / 100.0),
                usd(share.amount),
                usd(share.team_volume_after),
                world.level_name(share.level_after).to_string(),
            ]);
        }
        table.print();
        let cut = event.cut_at.map(|at| format!(", same-level cut at upline {}", at + 1)).unwrap_or_default();
        println!("  total commission {} USDT{cut}", usd(event.total_commission));
    }
    start
}

async fn claim_commission(world: &mut World, name: &str) {
    let trader = world.trader(name);
    let (wallet, token) = (trader.wallet.insecure_clone(), trader.token);
    if world.f.node(&wallet.pubkey()).await.commission_owed().unwrap() == 0 {
        println!("{name} has no commission to claim under this level table");
        return;
    }
    let ix = ix::claim_commission(&wallet.pubkey(), &world.f.keys, &token);
    let receipt = world.f.send_as(&wallet, ix).await.expect("claim_commission");
    let event = receipt.event::<contract_insurance::events::CommissionClaimed>();
    println!("{name} claims {} USDT of commission from the vault", usd(event.amount));
}

async fn print_treasury(world: &mut World, moment: &str) {
    let vault = world.f.vault_balance().await;
    let pool = world.f.pool().await;
    let owed = pool.liabilities.total().unwrap();
    println!(
        "vault {} USDT {moment}: owed {} USDT (commission {}), surplus {} USDT",
        usd(vault),
        usd(owed),
        usd(pool.liabilities.commission_owed),
        usd(vault.saturating_sub(owed))
    );
}

async fn trade_settle_and_compensate(world: &mut World, start: i64) {
    heading("Trading, mark-price settlement and compensation");
    let market = world.f.add_market(1, btc_market_params()).await;
    let end = start + world.f.pool().await.config.policy_duration;
    world.f.post_price(&market, (60_000 * USD) as i64, 0, start).await.unwrap();
    let open = |side, size, entry_price| OpenPositionArgs { side, size, entry_price, margin: 5_000 * USD };
    let carol = world.trader("carol").key();
    let dave = world.trader("dave").key();
    let frank = world.trader("frank").key();
    world.f.open_position(&carol, &market, 1, open(Side::Long, 2 * BTC, 60_000 * USD)).await.unwrap();
    world.f.open_position(&dave, &market, 1, open(Side::Short, BTC / 2, 60_000 * USD)).await.unwrap();
    world.f.open_position(&frank, &market, 1, open(Side::Long, 10 * BTC, 60_000 * USD)).await.unwrap();
    println!("carol long 2 BTC @ 60,000; dave short 0.5 BTC @ 60,000; frank long 10 BTC @ 60,000 (all inside their windows)");

    // Six hours in: carol cuts half at a loss; BTC trades at 57,900 and frank asks for early settlement.
    world.f.chain.set_time(start + 6 * 3_600).await;
    let receipt = world
        .f
        .update_position(&carol, 1, PositionUpdate::Close { size: BTC, price: 58_500 * USD, fee: 5 * USD })
        .await
        .unwrap();
    let closed = receipt.event::<contract_insurance::events::PositionReduced>();
    println!(
        "+6 h: carol closes 1 BTC @ 58,500 (fee 5): realized {} USDT",
        signed_amount(closed.realized_pnl, DECIMALS)
    );
    let now = world.f.chain.now().await;
    world.f.post_price(&market, (57_900 * USD) as i64, 2 * USD, now).await.unwrap();
    let frank_wallet = world.trader("frank").wallet.insecure_clone();
    let policy = world.f.policy_key(&frank, 0);
    let triple = PositionTriple {
        position: pda::position(&world.f.keys.pool, &frank, 1),
        market,
        oracle: pda::mark_price_feed(&market),
    };
    let early = ix::request_early_settlement(&frank, &world.f.keys.pool, &policy, 1, Some(triple));
    let receipt = world.f.send_as(&frank_wallet, early).await.expect("early settlement");
    print_settlement(world, "frank", &receipt.event::<PolicySettled>());

    // Expiry: the oracle authority publishes the mark at the end; a keeper settles everyone else.
    world.f.chain.set_time(end + 20).await;
    world.f.post_price(&market, (58_300 * USD) as i64, 3 * USD, end).await.unwrap();
    println!("end of window: mark 58,300 published at the end; keeper settles");
    for name in ["erin", "dave", "carol", "bob"] {
        let owner = world.trader(name).key();
        let receipt = world.f.settle(&owner, 0).await.expect("settle_policy");
        print_settlement(world, name, &receipt.event::<PolicySettled>());
    }

    // Compensation for every compensating policy, with rebates up the tree.
    for name in ["carol", "frank"] {
        let owner = world.trader(name).key();
        let receipt = world.f.issue_compensation(&owner, 0).await.expect("issue_compensation");
        let event = receipt.event::<CompensationIssued>();
        println!(
            "{name}: compensation issued, {} hashrate credits minted to {}",
            usd(event.credits),
            short(&event.credit_account)
        );
        if event.rebates.iter().any(|share| share.rebate > 0 || share.bonus > 0) {
            let mut table =
                Table::new(&["upline", "level", "rebate rate %", "rebate credits", "direct bonus"]);
            for share in &event.rebates {
                table.row(vec![
                    world.name_of_node(&share.referral_node).to_string(),
                    world.level_name(share.level).to_string(),
                    format!("{:.2}", f64::from(share.rate_bps) / 100.0),
                    usd(share.rebate),
                    usd(share.bonus),
                ]);
            }
            table.print();
        } else {
            println!("  no upline rebates under this level table");
        }
    }
    // Direct referrers claim their rebate credits.
    for name in ["bob", "alice"] {
        let wallet = world.trader(name).wallet.insecure_clone();
        let owed = world.f.node(&wallet.pubkey()).await.rebate_owed().unwrap();
        if owed == 0 {
            continue;
        }
        let destination = cip_harness::fixture::create_ata(
            &mut world.f.chain,
            &wallet.pubkey(),
            &world.f.keys.credit_mint,
            &world.f.keys.token_program,
        )
        .await;
        world
            .f
            .send_as(&wallet, ix::claim_rebate(&wallet.pubkey(), &world.f.keys, &destination))
            .await
            .expect("claim_rebate");
        println!("{name} claims {} rebate credits", usd(owed));
    }
}

/// Per-order liquidation cover from purchase to fully vested payout, on the runtime's clock.
async fn liquidation_cover(world: &mut World) {
    heading("Liquidation cover: purchase, fills, refund, review, vesting (clock warps, no sleeps)");
    let f = &mut world.f;
    let mut params = btc_market_params();
    params.symbol = cip_harness::fixture::symbol("ETH-PERP");
    let market = f.add_market(2, params).await;
    let gina = f.new_trader(None, 1_000).await;
    let reporter = f.reporter.pubkey();
    let reviewer = f.reviewer.insecure_clone();
    let pool = f.keys.pool;
    let config = f.pool().await.config.liquidation;
    println!(
        "rules: insured {}–{} USDT per order, {} per day (UTC{:+}), {} cumulative; review {} h; {} daily tranches from {:02}:00 local",
        usd(config.min_insured),
        usd(config.max_insured),
        usd(config.daily_quota),
        config.day_offset_seconds / 3_600,
        usd(config.cumulative_quota),
        config.review_window / 3_600,
        config.vesting_days,
        config.vesting_start_offset / 3_600,
    );

    // Three covered orders: 80 USDT on a 200 margin, 50 on 200, and 100 on a 10-lot order
    // of which only 4 lots fill.
    let orders = [(BTC, 200 * USD, 80 * USD), (BTC, 200 * USD, 50 * USD), (10 * BTC, 300 * USD, 100 * USD)];
    for (index, (order_qty, margin, insured)) in orders.iter().enumerate() {
        let args = contract_insurance::LiquidationCoverArgs {
            order_id: 100 + index as u64,
            side: Side::Long,
            order_qty: *order_qty,
            margin: *margin,
            insured: contract_insurance::InsuredAmount::Amount(*insured),
        };
        let event = f
            .buy_cover(&gina, &market, args)
            .await
            .expect("buy_liquidation_cover")
            .event::<contract_insurance::events::LiquidationCoverBought>();
        println!(
            "gina covers order #{}: {} lots, margin {}, insured {} USDT (today {}, cumulative {})",
            event.order_id,
            amount(*order_qty, DECIMALS),
            usd(event.margin),
            usd(event.insured),
            usd(event.day_total),
            usd(event.cumulative)
        );
        let filled = if index == 2 { 4 * BTC } else { *order_qty };
        let open =
            OpenPositionArgs { side: Side::Long, size: filled, entry_price: 3_000 * USD, margin: *margin };
        f.open_position(&gina.key(), &market, 100 + index as u64, open).await.expect("open");
        let cover = f.cover_keys(&gina.key(), index as u64, &market);
        let position = pda::position(&pool, &gina.key(), 100 + index as u64);
        f.send_as_reporter(ix::report_order_fill(&reporter, &pool, &cover.cover, &position, filled))
            .await
            .expect("fill");
    }
    let third = f.cover_keys(&gina.key(), 2, &market);
    let receipt = f
        .send_as_reporter(ix::cancel_order_remainder(&reporter, &f.keys, &third, &gina.token, 6 * BTC))
        .await
        .expect("cancel remainder");
    let cancelled = receipt.event::<contract_insurance::events::OrderCancelled>();
    println!(
        "order #102: 6 of 10 lots cancelled unfilled → refund {} USDT paid at once, {} USDT stays insured",
        usd(cancelled.refund),
        usd(cancelled.insured_remaining)
    );
    let receipt = f.send_as_reporter(ix::close_order_cover(&reporter, &pool, &third)).await.expect("close");
    let _ = receipt;
    println!("order #102: position closed without liquidation → cover completed (closed)");

    // Orders #100 and #101 are liquidated with a 500 USDT loss each.
    for index in 0..2u64 {
        let cover = f.cover_keys(&gina.key(), index, &market);
        let event = f
            .send_as_reporter(ix::report_liquidation(&reporter, &pool, &cover, BTC, 500 * USD))
            .await
            .expect("report_liquidation")
            .event::<contract_insurance::events::LiquidationReported>();
        println!(
            "order #{}: liquidated, loss {} USDT → under review until +24 h; worst case {} USDT owed meanwhile",
            100 + index,
            usd(event.loss),
            usd(event.worst_case_payout)
        );
    }
    print_liabilities(f).await;
    let first = f.cover_keys(&gina.key(), 0, &market);
    let decided = f
        .send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &pool, &first, true))
        .await
        .expect("review")
        .event::<contract_insurance::events::ClaimDecided>();
    println!(
        "order #100: reviewer approves → used {} USDT → ratio {} % → compensation 2 × {} % × min(500, 200, 80) = {} USDT",
        usd(decided.used_after),
        decided.ratio_bps / 100,
        decided.ratio_bps / 100,
        usd(decided.compensation)
    );
    let now = f.chain.now().await;
    f.chain.set_time(now + 86_400 + 1).await;
    let second = f.cover_keys(&gina.key(), 1, &market);
    let keeper = f.chain.payer().insecure_clone();
    let decided = f
        .send_as(&keeper, ix::finalize_claim(&keeper.pubkey(), &pool, &second))
        .await
        .expect("finalize")
        .event::<contract_insurance::events::ClaimDecided>();
    println!(
        "order #101: no review within 24 h → a keeper finalises it as approved: used {} USDT → ratio {} % → {} USDT",
        usd(decided.used_after),
        decided.ratio_bps / 100,
        usd(decided.compensation)
    );
    print_liabilities(f).await;

    // Vesting: daily tranches from 12:00 local of the day after the liquidation.
    let stored = f.cover(&gina.key(), 0).await;
    let mut table = Table::new(&["when", "claim #100", "claimed so far", "claim #101", "claimed so far"]);
    let moments = [
        ("day 1, 12:00 local (start)", 0),
        ("day 1, 23:00 local (same day)", 11 * 3_600),
        ("day 10", 9 * 86_400),
        ("after the end", 40 * 86_400),
    ];
    for (label, offset) in moments {
        f.chain.set_time(stored.vesting_start + offset).await;
        let mut cells = vec![label.to_string()];
        for cover in [&first, &second] {
            let claim = ix::claim_vested(&gina.key(), &f.keys, &cover.cover, &gina.token);
            match f.send_as(&gina.wallet, claim).await {
                Ok(receipt) => {
                    let event = receipt.event::<contract_insurance::events::VestedClaimed>();
                    cells.push(usd(event.amount));
                    cells.push(format!("{} / {}", usd(event.claimed_total), usd(event.compensation)));
                }
                Err(failure) => {
                    let nothing_vested: u32 = contract_insurance::error::CipError::NothingVested.into();
                    let reason = if failure.custom_code() == Some(nothing_vested) {
                        "nothing new".to_string()
                    } else {
                        format!("{:?}", failure.error)
                    };
                    cells.push(reason);
                    cells.push("-".into());
                }
            }
        }
        table.row(cells);
    }
    table.print();
    let twice = ix::claim_vested(&gina.key(), &f.keys, &first.cover, &gina.token);
    let again = f.send_as(&gina.wallet, twice).await;
    println!(
        "claiming again after everything vested: {}",
        if again.is_err() { "refused (NothingVested)" } else { "paid?!" }
    );
    print_liabilities(f).await;
}

/// Compensation credits staked in the mining pool earn the reward token, pro rata to stake × time.
async fn mining(world: &mut World) {
    heading("Mining pool: compensation credits earn reward emissions");
    let carol = world.trader("carol").wallet.insecure_clone();
    let frank = world.trader("frank").wallet.insecure_clone();
    let f = &mut world.f;
    let authority = f.mint_authority.insecure_clone();
    let reward_mint =
        cip_harness::fixture::create_mint(&mut f.chain, &authority, 6, &f.keys.token_program).await;
    let keys = ix::MiningKeys::new(&f.keys, reward_mint);
    let rate = 10 * USD; // 10 reward tokens per second
    let params = MiningParams {
        reward_per_second: rate,
        end_time: None,
        unstake_allowed: true,
        unstake_cooldown: 86_400,
    };
    f.send_as_admin(ix::init_mining_pool(&f.admin.pubkey(), &keys, params)).await.expect("init_mining_pool");
    let admin = f.admin.pubkey();
    let treasury =
        cip_harness::fixture::create_ata(&mut f.chain, &admin, &reward_mint, &f.keys.token_program).await;
    let mint = anchor_spl::token_2022::spl_token_2022::instruction::mint_to(
        &f.keys.token_program,
        &reward_mint,
        &treasury,
        &authority.pubkey(),
        &[],
        2_000_000 * USD,
    )
    .unwrap();
    f.chain.send(&[mint], &authority, &[]).await.expect("mint rewards");
    let funding = 1_000_000 * USD;
    f.send_as_admin(ix::fund_rewards(&admin, &keys, &treasury, funding)).await.expect("fund_rewards");
    println!(
        "mining pool {}: {} reward tokens/s, funded {}, unstake after a 24 h cool-down",
        short(&keys.mining_pool),
        usd(rate),
        usd(funding)
    );

    let start = f.chain.now().await;
    let mut stakes = Vec::new();
    for (name, wallet, delay) in [("carol", &carol, 0i64), ("frank", &frank, 3_600)] {
        f.chain.set_time(start + delay).await;
        let credits_account = ix::credit_account(&wallet.pubkey(), &f.keys);
        let credits = f.chain.token_balance(&credits_account).await;
        let receipt = f
            .send_as(wallet, ix::stake(&wallet.pubkey(), &keys, &credits_account, credits))
            .await
            .expect("stake");
        let staked = receipt.event::<contract_insurance::events::Staked>();
        println!(
            "+{} h: {name} stakes {} credits (pool total {})",
            delay / 3_600,
            usd(staked.amount),
            usd(staked.accumulator.total_staked)
        );
        stakes.push((name, wallet.insecure_clone(), credits));
    }
    f.chain.set_time(start + 86_400).await;
    let mut table = Table::new(&["miner", "staked credits", "rewards claimed", "expected (stake × time)"]);
    let (carol_stake, frank_stake) = (stakes[0].2 as u128, stakes[1].2 as u128);
    let total = carol_stake + frank_stake;
    let first_hour = rate as u128 * 3_600;
    let rest = rate as u128 * (86_400 - 3_600);
    let expected = [first_hour + rest * carol_stake / total, rest * frank_stake / total];
    for (index, (name, wallet, credits)) in stakes.iter().enumerate() {
        let destination = cip_harness::fixture::create_ata(
            &mut f.chain,
            &wallet.pubkey(),
            &reward_mint,
            &f.keys.token_program,
        )
        .await;
        let receipt = f
            .send_as(wallet, ix::claim_rewards(&wallet.pubkey(), &keys, &destination))
            .await
            .expect("claim_rewards");
        let event = receipt.event::<contract_insurance::events::RewardsClaimed>();
        table.row(vec![name.to_string(), usd(*credits), usd(event.amount), usd(expected[index] as u64)]);
    }
    println!("+24 h: both claim");
    table.print();
    let (name, wallet, credits) = &stakes[1];
    let credits_account = ix::credit_account(&wallet.pubkey(), &f.keys);
    let early = f.send_as(wallet, ix::unstake(&wallet.pubkey(), &keys, &credits_account, credits / 2)).await;
    println!(
        "{name} tries to unstake half 23 h after staking: {}",
        if early.is_err() { "refused (cool-down)" } else { "accepted?!" }
    );
    f.chain.set_time(start + 86_400 + 3_600).await;
    let receipt = f
        .send_as(wallet, ix::unstake(&wallet.pubkey(), &keys, &credits_account, credits / 2))
        .await
        .expect("unstake");
    let event = receipt.event::<contract_insurance::events::Unstaked>();
    println!(
        "{name} unstakes {} credits after the cool-down; {} rewards pending, {} still staked",
        usd(event.amount),
        usd(event.pending),
        usd(event.staked)
    );
    let state: MiningPool = f.chain.fetch(&keys.mining_pool).await;
    println!(
        "emitted {} of {} funded, claimed {}, reward vault {}",
        usd(state.accumulator.emitted),
        usd(state.accumulator.funded),
        usd(state.claimed),
        usd(f.chain.token_balance(&keys.reward_vault).await)
    );
}

async fn print_liabilities(f: &mut PoolFixture) {
    let pool = f.pool().await;
    let owed = pool.liabilities;
    let vault = f.vault_balance().await;
    println!(
        "  vault {} USDT; owed: commission {}, refunds {}, vesting {}, worst case under review {} → surplus {}",
        usd(vault),
        usd(owed.commission_owed),
        usd(owed.refunds_owed),
        usd(owed.vesting_owed),
        usd(owed.review_worst_case),
        usd(vault.saturating_sub(owed.total().unwrap()))
    );
}

fn print_settlement(world: &World, name: &str, event: &PolicySettled) {
    let marks: Vec<String> = event
        .valuations
        .iter()
        .map(|valuation| {
            format!(
                "{} @ mark {}",
                signed_amount(valuation.unrealized_pnl, DECIMALS),
                usd(valuation.mark_price)
            )
        })
        .collect();
    let _ = world;
    println!(
        "{name}: {:?} settlement — realized {}, unrealized {} [{}], loss {} vs trigger {} → {:?} / {:?}",
        event.kind,
        signed_amount(event.realized_pnl, DECIMALS),
        signed_amount(event.unrealized_pnl, DECIMALS),
        marks.join(", "),
        usd(event.loss),
        usd(event.trigger),
        event.status,
        event.outcome,
    );
}

async fn final_report(world: &mut World) {
    heading("Report");
    let mut table = Table::new(&[
        "user",
        "premium paid",
        "team volume",
        "level",
        "commission earned",
        "claimed",
        "rebates earned",
        "credits received",
    ]);
    let people: Vec<(&str, Pubkey)> =
        world.people.iter().map(|(name, trader)| (*name, trader.key())).collect();
    for (name, wallet) in people {
        let user = world.f.user(&wallet).await;
        let node = world.f.node(&wallet).await;
        table.row(vec![
            name.to_string(),
            usd(user.total_premium_paid),
            usd(node.team_volume),
            world.level_name(node.level).to_string(),
            usd(node.commission_earned),
            usd(node.commission_claimed),
            usd(node.rebate_earned),
            usd(user.total_compensation_credits),
        ]);
    }
    table.print();
    let pool = world.f.pool().await;
    let totals = pool.totals;
    println!(
        "policies sold {}, premiums {} USDT, settled {}, compensated {}",
        totals.policies_sold,
        usd(totals.premiums_collected),
        totals.policies_settled,
        totals.policies_compensated
    );
    println!(
        "commission accrued {} USDT, claimed {} USDT; credits minted as compensation {}, rebates accrued {} / claimed {}",
        usd(totals.commission_accrued),
        usd(totals.commission_claimed),
        usd(totals.compensation_credits),
        usd(totals.rebates_accrued),
        usd(totals.rebates_claimed)
    );
    let supply = world.f.chain.mint_supply(&world.f.keys.credit_mint).await;
    println!("hashrate-credit supply {}", usd(supply));
    print_treasury(world, "at the end").await;
}
