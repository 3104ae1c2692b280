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
        &self
            .people
            .iter()
            .find(|(person, _)| *person == name)
            .expect("known name")
            .1
    }

    fn name_of_node(&self, node: &Pubkey) -> &'static str {
        self.people
            .iter()
            .find(|(_, trader)| trader.node == *node)
            .map(|(name, _)| *name)
            .unwrap_or("?")
    }

    fn level_name(&self, level: u8) -> &'static str {
        self.preset
            .level_names()
            .get(usize::from(level))
            .copied()
            .unwrap_or("?")
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
    quiet_runtime_logs();
    println!("Contract Insurance Pool — scenario run on the embedded Solana runtime");
    println!(
        "program {} (native) with SPL Token {} (SBF)",
        contract_insurance::ID,
        anchor_spl::token::ID
    );
    for preset in presets {
        run(preset).await;
    }
}

/// program-test logs every invocation at debug level unless RUST_LOG says otherwise.
fn quiet_runtime_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
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

async fn run(preset: LevelPreset) {
    heading(&format!("Pool with level preset {}", preset.name()));
    let f = PoolFixture::quiet(PoolOptions::preset(preset)).await;
    let mut world = World {
        f,
        preset,
        people: Vec::new(),
    };
    print_pool(&mut world).await;
    build_tree(&mut world).await;
    let start = buy_policies(&mut world).await;
    claim_commission(&mut world, "bob").await;
    print_treasury(&mut world, "after purchases").await;
    trade_settle_and_compensate(&mut world, start).await;
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
        tiers.row(vec![
            format!("{}", index + 1),
            usd(tier.min),
            usd(tier.max),
            usd(tier.step),
        ]);
    }
    tiers.print();
    let mut levels = Table::new(&[
        "level",
        "name",
        "team volume from",
        "commission %",
        "rebate %",
    ]);
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
        let level = if world.preset == LevelPreset::A {
            level_a
        } else {
            level_b
        };
        if level > 0 {
            let assign = ix::assign_level(
                &world.f.admin.pubkey(),
                &world.f.keys.pool,
                &trader.node,
                level,
            );
            world.f.send_as_admin(assign).await.expect("assign level");
        }
        world.people.push((name, trader));
    }
    let mut table = Table::new(&["user", "wallet", "referrer", "depth", "assigned level"]);
    for (name, trader) in &world.people {
        let node: ReferralNode = world.f.chain.fetch(&trader.node).await;
        let referrer = node
            .parent
            .map(|parent| world.name_of_node(&parent))
            .unwrap_or("-");
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
    for (name, premium_usdt) in [
        ("erin", 5),
        ("dave", 50),
        ("carol", 300),
        ("frank", 2_000),
        ("bob", 10_000),
    ] {
        let premium = premium_usdt * USD;
        let (wallet, token) = {
            let buyer = world.trader(name);
            (buyer.wallet.insecure_clone(), buyer.token)
        };
        let uplines = world.f.uplines_of(&wallet.pubkey()).await;
        let index = world.f.user(&wallet.pubkey()).await.policy_count;
        let ix = ix::buy_policy(
            &wallet.pubkey(),
            &world.f.keys,
            &token,
            index,
            premium,
            &uplines,
        );
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
        let mut table = Table::new(&[
            "upline",
            "level",
            "rate %",
            "commission USDT",
            "team volume after",
            "level after",
        ]);
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
        let cut = event
            .cut_at
            .map(|at| format!(", same-level cut at upline {}", at + 1))
            .unwrap_or_default();
        println!(
            "  total commission {} USDT{cut}",
            usd(event.total_commission)
        );
    }
    start
}

async fn claim_commission(world: &mut World, name: &str) {
    let trader = world.trader(name);
    let (wallet, token) = (trader.wallet.insecure_clone(), trader.token);
    if world
        .f
        .node(&wallet.pubkey())
        .await
        .commission_owed()
        .unwrap()
        == 0
    {
        println!("{name} has no commission to claim under this level table");
        return;
    }
    let ix = ix::claim_commission(&wallet.pubkey(), &world.f.keys, &token);
    let receipt = world
        .f
        .send_as(&wallet, ix)
        .await
        .expect("claim_commission");
    let event = receipt.event::<contract_insurance::events::CommissionClaimed>();
    println!(
        "{name} claims {} USDT of commission from the vault",
        usd(event.amount)
    );
}

async fn print_treasury(world: &mut World, moment: &str) {
    let vault = world.f.vault_balance().await;
    let pool = world.f.pool().await;
    let owed = pool.liabilities.commission_owed;
    println!(
        "vault {} USDT {moment}: commission owed {} USDT, surplus {} USDT",
        usd(vault),
        usd(owed),
        usd(vault.saturating_sub(owed))
    );
}

async fn trade_settle_and_compensate(world: &mut World, start: i64) {
    heading("Trading, mark-price settlement and compensation");
    let market = world.f.add_market(1, btc_market_params()).await;
    let end = start + world.f.pool().await.config.policy_duration;
    world
        .f
        .post_price(&market, (60_000 * USD) as i64, 0, start)
        .await
        .unwrap();
    let open = |side, size, entry_price| OpenPositionArgs {
        side,
        size,
        entry_price,
        margin: 5_000 * USD,
    };
    let carol = world.trader("carol").key();
    let dave = world.trader("dave").key();
    let frank = world.trader("frank").key();
    world
        .f
        .open_position(&carol, &market, 1, open(Side::Long, 2 * BTC, 60_000 * USD))
        .await
        .unwrap();
    world
        .f
        .open_position(&dave, &market, 1, open(Side::Short, BTC / 2, 60_000 * USD))
        .await
        .unwrap();
    world
        .f
        .open_position(&frank, &market, 1, open(Side::Long, 10 * BTC, 60_000 * USD))
        .await
        .unwrap();
    println!("carol long 2 BTC @ 60,000; dave short 0.5 BTC @ 60,000; frank long 10 BTC @ 60,000 (all inside their windows)");

    // Six hours in: carol cuts half at a loss; BTC trades at 57,900 and frank asks for early settlement.
    world.f.chain.set_time(start + 6 * 3_600).await;
    let receipt = world
        .f
        .update_position(
            &carol,
            1,
            PositionUpdate::Close {
                size: BTC,
                price: 58_500 * USD,
                fee: 5 * USD,
            },
        )
        .await
        .unwrap();
    let closed = receipt.event::<contract_insurance::events::PositionReduced>();
    println!(
        "+6 h: carol closes 1 BTC @ 58,500 (fee 5): realized {} USDT",
        signed_amount(closed.realized_pnl, DECIMALS)
    );
    let now = world.f.chain.now().await;
    world
        .f
        .post_price(&market, (57_900 * USD) as i64, 2 * USD, now)
        .await
        .unwrap();
    let frank_wallet = world.trader("frank").wallet.insecure_clone();
    let policy = world.f.policy_key(&frank, 0);
    let triple = PositionTriple {
        position: pda::position(&world.f.keys.pool, &frank, 1),
        market,
        oracle: pda::mark_price_feed(&market),
    };
    let early = ix::request_early_settlement(&frank, &world.f.keys.pool, &policy, 1, Some(triple));
    let receipt = world
        .f
        .send_as(&frank_wallet, early)
        .await
        .expect("early settlement");
    print_settlement(world, "frank", &receipt.event::<PolicySettled>());

    // Expiry: the oracle authority publishes the mark at the end; a keeper settles everyone else.
    world.f.chain.set_time(end + 20).await;
    world
        .f
        .post_price(&market, (58_300 * USD) as i64, 3 * USD, end)
        .await
        .unwrap();
    println!("end of window: mark 58,300 published at the end; keeper settles");
    for name in ["erin", "dave", "carol", "bob"] {
        let owner = world.trader(name).key();
        let receipt = world.f.settle(&owner, 0).await.expect("settle_policy");
        print_settlement(world, name, &receipt.event::<PolicySettled>());
    }

    // Compensation for every compensating policy, with rebates up the tree.
    for name in ["carol", "frank"] {
        let owner = world.trader(name).key();
        let receipt = world
            .f
            .issue_compensation(&owner, 0)
            .await
            .expect("issue_compensation");
        let event = receipt.event::<CompensationIssued>();
        println!(
            "{name}: compensation issued, {} hashrate credits minted to {}",
            usd(event.credits),
            short(&event.credit_account)
        );
        if event
            .rebates
            .iter()
            .any(|share| share.rebate > 0 || share.bonus > 0)
        {
            let mut table = Table::new(&[
                "upline",
                "level",
                "rebate rate %",
                "rebate credits",
                "direct bonus",
            ]);
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
            .send_as(
                &wallet,
                ix::claim_rebate(&wallet.pubkey(), &world.f.keys, &destination),
            )
            .await
            .expect("claim_rebate");
        println!("{name} claims {} rebate credits", usd(owed));
    }
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
    let people: Vec<(&str, Pubkey)> = world
        .people
        .iter()
        .map(|(name, trader)| (*name, trader.key()))
        .collect();
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
