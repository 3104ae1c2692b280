//! Benchmarks on the embedded runtime: account sizes and rent, transaction sizes against the
//! 1 232-byte legacy packet limit, and throughput of the runtime processing real transactions.
//! Numbers are printed, never asserted.
//!
//! Usage: cip-bench [--transactions N]

use std::time::Instant;

use anchor_lang::{Discriminator, Space};
use cip_cli::report::{heading, Table};
use cip_harness::{
    fixture::{btc_market_params, symbol},
    ix::{self, ExposurePair, Opening},
    PoolFixture, PoolOptions, Receipt,
};
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::*;
use solana_sdk::signature::Signer;

const LEGACY_LIMIT: usize = 1_232;
const USD: u64 = 1_000_000;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let transactions = parse_transactions();
    println!(
        "Contract Insurance Pool — benchmarks on the embedded runtime (solana-program-test, program native)"
    );
    account_sizes().await;
    purchase_and_compensation_sizes().await;
    settlement_sizes().await;
    lifecycle_rent().await;
    other_transaction_sizes().await;
    throughput(transactions).await;
}

fn parse_transactions() -> usize {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => 300,
        [flag, value] if flag == "--transactions" => value.parse().unwrap_or_else(|_| usage()),
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: cip-bench [--transactions N]");
    std::process::exit(2)
}

fn size_of<T: Discriminator + Space>() -> usize {
    T::DISCRIMINATOR.len() + T::INIT_SPACE
}

async fn account_sizes() {
    heading("Account sizes and rent (rent-exempt minimum at the runtime's rent)");
    let mut f = PoolFixture::quiet(PoolOptions::default()).await;
    let sizes = [
        ("Pool", size_of::<Pool>(), "one per premium mint"),
        ("Market", size_of::<Market>(), "one per market"),
        ("MarkPriceFeed", size_of::<MarkPriceFeed>(), "one per market (128 observations)"),
        ("UserAccount", size_of::<UserAccount>(), "one per trader"),
        ("ReferralNode", size_of::<ReferralNode>(), "one per trader"),
        ("Policy", size_of::<Policy>(), "one per purchase"),
        ("Position", size_of::<Position>(), "one per open position, closed at size 0"),
        ("PolicyExposure", size_of::<PolicyExposure>(), "one per policy and market traded in its window"),
        ("LiquidationCover", size_of::<LiquidationCover>(), "one per covered order"),
        ("MarketExposure", size_of::<MarketExposure>(), "one per trader and covered market"),
        ("MiningPool", size_of::<MiningPool>(), "one per pool"),
        ("Miner", size_of::<Miner>(), "one per staking wallet"),
    ];
    let mut table = Table::new(&["account", "bytes", "rent (lamports)", "rent (SOL)", "count"]);
    for (name, bytes, count) in sizes {
        let rent = f.chain.rent_exempt_minimum(bytes).await;
        table.row(vec![
            name.to_string(),
            bytes.to_string(),
            rent.to_string(),
            format!("{:.6}", rent as f64 / 1e9),
            count.to_string(),
        ]);
    }
    table.print();
    // The sizes above are what the program allocates: check against a live pool account.
    let live = f.chain.account(&f.keys.pool).await.expect("pool").data.len();
    println!("  (live pool account: {live} bytes)");
}

/// A pool with max depth 20 and a 21-deep referral chain.
async fn deep_pool() -> (PoolFixture, Vec<cip_harness::Trader>) {
    let mut config = default_config(6, LevelPreset::A);
    config.max_depth = 20;
    let mut f = PoolFixture::quiet(PoolOptions { config: Some(config), ..PoolOptions::default() }).await;
    let chain = f.register_chain(21, 1_000).await;
    (f, chain)
}

/// One row of the upline-walk size table: instruction, uplines, accounts, bytes, headroom.
fn size_row(instruction: &str, uplines: usize, receipt: &Receipt) -> Vec<String> {
    vec![
        instruction.into(),
        uplines.to_string(),
        receipt.account_count.to_string(),
        receipt.tx_bytes.to_string(),
        (LEGACY_LIMIT as i64 - receipt.tx_bytes as i64).to_string(),
    ]
}

async fn purchase_and_compensation_sizes() {
    heading("buy_policy and issue_compensation transactions (legacy, one signature)");
    let (mut f, chain) = deep_pool().await;
    let market = f.add_market(1, btc_market_params()).await;
    let mut table = Table::new(&["instruction", "uplines", "accounts", "bytes", "headroom to 1 232"]);
    for depth in [0usize, 10, 20] {
        let trader = &chain[depth];
        let receipt = f.buy(trader, f.usdt(100)).await.expect("buy_policy");
        table.row(size_row("buy_policy", depth, &receipt));
    }
    // Make the three policies compensating, then issue compensation for each.
    for depth in [0usize, 10, 20] {
        let opening = Opening { side: Side::Long, size: 1_000_000, entry_price: 60_000 * USD, margin: 0 };
        f.open_position(&chain[depth].key(), &market, 1, opening).await.expect("open");
    }
    f.expire_at_marks(&chain[0].key(), 0, &[(market, 50_000 * USD)]).await;
    for depth in [0usize, 10, 20] {
        f.settle(&chain[depth].key(), 0).await.expect("settle");
        let receipt = f.issue_compensation(&chain[depth].key(), 0).await.expect("issue_compensation");
        table.row(size_row("issue_compensation", depth, &receipt));
    }
    table.print();
}

async fn settlement_sizes() {
    heading("settle_policy batches: one (exposure, feed) pair per market, any number of positions each");
    // 40 positions over 16 markets find the largest batch and settle in more than one.
    const MARKETS: usize = 16;
    const POSITIONS: usize = 40;
    let mut f = PoolFixture::quiet(PoolOptions::default()).await;
    let mut markets = Vec::new();
    for id in 0..MARKETS as u16 {
        let mut params = btc_market_params();
        params.symbol = symbol(&format!("MKT-{id}"));
        markets.push(f.add_market(id, params).await);
    }
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    for position in 0..POSITIONS {
        let side = if position % 3 == 0 { Side::Short } else { Side::Long };
        let opening = Opening { side, size: 1_000_000, entry_price: 60_000 * USD, margin: 0 };
        f.open_position(&trader.key(), &markets[position % MARKETS], position as u64, opening).await.unwrap();
    }
    let owner = trader.key();
    let policy = f.policy_key(&owner, 0);
    let pairs: Vec<ExposurePair> = f.unvalued_exposures(&policy).await;
    let keeper = f.chain.payer().insecure_clone();
    let mut table = Table::new(&["markets in the batch", "accounts", "bytes", "fits legacy"]);
    let mut largest = (0usize, 0usize);
    for count in 1..=pairs.len() {
        let ix = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &pairs[..count]);
        let (bytes, accounts) = f.chain.transaction_size(&[ix], &keeper, &[]);
        if bytes <= LEGACY_LIMIT {
            largest = (count, bytes);
        }
        if count == 1
            || count % 4 == 0
            || count == pairs.len()
            || bytes > LEGACY_LIMIT && largest.0 + 1 == count
        {
            let fits = if bytes <= LEGACY_LIMIT { "yes" } else { "no" };
            table.row(vec![count.to_string(), accounts.to_string(), bytes.to_string(), fits.into()]);
        }
    }
    table.print();
    println!(
        "  largest legacy batch: {} markets ({} bytes), whatever the positions per market",
        largest.0, largest.1
    );
    // Settle the 40 positions over 16 markets for real, in batches of at most `largest` markets.
    let marks: Vec<_> = markets.iter().map(|market| (*market, 59_000 * USD)).collect();
    f.expire_at_marks(&owner, 0, &marks).await;
    let mut transactions = 0;
    for batch in pairs.chunks(largest.0.max(1)) {
        let receipt = f.settle_with(&owner, 0, batch).await.expect("settlement batch");
        transactions += 1;
        println!(
            "  batch {transactions}: {} markets, {} bytes, {} accounts",
            batch.len(),
            receipt.tx_bytes,
            receipt.account_count
        );
    }
    let settled = f.policy(&owner, 0).await;
    println!(
        "  {POSITIONS} positions in {MARKETS} markets: {transactions} transactions; loss {} base units, status {:?}",
        settled.loss, settled.status
    );
    let twelve = ix::settle_policy(&keeper.pubkey(), &f.keys.pool, &policy, &owner, &pairs[..12]);
    println!(
        "  40 positions in 12 markets would be 12 pairs: {} bytes, one legacy transaction",
        f.chain.transaction_size(&[twelve], &keeper, &[]).0
    );
}

/// Lamports each lifecycle leaves locked in accounts: what the closers return, and what stays
/// (the trader's user account and referral node).
async fn lifecycle_rent() {
    heading("Rent left behind per user and lifecycle (lamports; before = accounts never closed)");
    let mut f = PoolFixture::quiet(PoolOptions::default()).await;
    let market = f.add_market(1, btc_market_params()).await;
    f.deposit_capital(10_000 * USD).await;
    let keeper = f.chain.funded_keypair(10).await;
    let reporter = f.reporter.pubkey();
    let mut table = Table::new(&["lifecycle", "accounts created", "left before", "left now", "returned"]);
    let user_rent = f.chain.rent_exempt_minimum(size_of::<UserAccount>()).await
        + f.chain.rent_exempt_minimum(size_of::<ReferralNode>()).await;
    let mut row = |name: &str, accounts: &str, locked: u64, left: u64| {
        table.row(vec![
            name.into(),
            accounts.into(),
            locked.to_string(),
            left.to_string(),
            (locked - left).to_string(),
        ]);
    };
    row("register (kept)", "user + referral node", user_rent, user_rent);

    // Loss cover: buy → position → settle → compensate → close.
    let trader = f.new_trader(None, 1_000).await;
    f.buy(&trader, f.usdt(100)).await.unwrap();
    let opening = Opening { side: Side::Long, size: 1_000_000, entry_price: 60_000 * USD, margin: 0 };
    f.open_position(&trader.key(), &market, 1, opening).await.unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    let exposure = cip_harness::pda::policy_exposure(&policy, &market);
    let locked = f.chain.lamports(&policy).await + f.chain.lamports(&exposure).await;
    f.expire_at_marks(&trader.key(), 0, &[(market, 58_500 * USD)]).await;
    f.settle(&trader.key(), 0).await.unwrap();
    f.issue_compensation(&trader.key(), 0).await.unwrap();
    f.send_as(&keeper, ix::close_policy_exposure(&keeper.pubkey(), &policy, &exposure, &reporter))
        .await
        .unwrap();
    f.send_as(&keeper, ix::close_policy(&keeper.pubkey(), &policy, &trader.key())).await.unwrap();
    let left = f.chain.lamports(&policy).await + f.chain.lamports(&exposure).await;
    row("loss cover: buy → compensate", "policy + 1 exposure", locked, left);

    // Liquidation cover: buy → fill → liquidation → approval → every tranche → close.
    let args = contract_insurance::LiquidationCoverArgs {
        order_id: 1,
        side: Side::Long,
        order_qty: 1_000_000,
        margin: 200 * USD,
        insured: contract_insurance::InsuredAmount::Amount(80 * USD),
    };
    f.buy_cover(&trader, &market, args).await.unwrap();
    let cover = f.cover_keys(&trader.key(), 0, &market);
    let market_exposure = cip_harness::pda::exposure(&f.keys.pool, &trader.key(), &market);
    let locked = f.chain.lamports(&cover.cover).await + f.chain.lamports(&market_exposure).await;
    let position = cip_harness::pda::position(&f.keys.pool, &trader.key(), 1);
    f.send_as_reporter(ix::report_order_fill(&reporter, &f.keys.pool, &cover.cover, &position, 1_000_000))
        .await
        .unwrap();
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, 1_000_000, 500 * USD))
        .await
        .unwrap();
    let reviewer = f.reviewer.insecure_clone();
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true)).await.unwrap();
    let start = f.cover(&trader.key(), 0).await.vesting_start;
    f.chain.set_time(start + 30 * 86_400).await;
    f.send_as(&trader.wallet, ix::claim_vested(&trader.key(), &f.keys, &cover.cover, &trader.token))
        .await
        .unwrap();
    f.send_as(&keeper, ix::close_liquidation_cover(&keeper.pubkey(), &cover.cover, &trader.key()))
        .await
        .unwrap();
    f.send_as(&keeper, ix::close_market_exposure(&keeper.pubkey(), &market_exposure, &trader.key()))
        .await
        .unwrap();
    let left = f.chain.lamports(&cover.cover).await + f.chain.lamports(&market_exposure).await;
    row("liquidation cover: buy → last tranche", "cover + market exposure", locked, left);

    // Mining: stake → unstake → close.
    let authority = f.mint_authority.insecure_clone();
    let reward_mint =
        cip_harness::fixture::create_mint(&mut f.chain, &authority, 6, &f.keys.token_program).await;
    let mining = ix::MiningKeys::new(&f.keys, reward_mint);
    let params =
        MiningParams { reward_per_second: 0, end_time: None, unstake_allowed: true, unstake_cooldown: 0 };
    f.send_as_admin(ix::init_mining_pool(&f.admin.pubkey(), &mining, params)).await.unwrap();
    let credits = ix::credit_account(&trader.key(), &f.keys);
    f.send_as(&trader.wallet, ix::stake(&trader.key(), &mining, &credits, 1_000)).await.unwrap();
    let miner = cip_harness::pda::miner(&mining.mining_pool, &trader.key());
    let locked = f.chain.lamports(&miner).await;
    f.send_as(&trader.wallet, ix::unstake(&trader.key(), &mining, &credits, 1_000)).await.unwrap();
    f.send_as(&keeper, ix::close_miner(&keeper.pubkey(), &mining, &trader.key())).await.unwrap();
    let left = f.chain.lamports(&miner).await;
    row("mining: stake → unstake", "miner", locked, left);
    table.print();
    println!(
        "  per user after all three: {user_rent} lamports ({:.6} SOL), the user account and referral node only",
        user_rent as f64 / 1e9
    );
}

/// Every other user-facing instruction, alone in a legacy transaction signed by its one signer.
async fn other_transaction_sizes() {
    heading("Other transactions (legacy, one signature)");
    let mut f = PoolFixture::quiet(PoolOptions::default()).await;
    let market = f.add_market(1, btc_market_params()).await;
    let referrer = f.new_trader(None, 0).await;
    let trader = f.new_trader(Some(&referrer), 0).await;
    let keys = f.keys;
    let pool = keys.pool;
    let owner = trader.key();
    let reporter = f.reporter.insecure_clone();
    let reviewer = f.reviewer.insecure_clone();
    let admin = f.admin.insecure_clone();
    let position = cip_harness::pda::position(&pool, &owner, 1);
    let cover = f.cover_keys(&owner, 0, &market);
    let mining = ix::MiningKeys::new(&keys, keys.premium_mint);
    let credit_account = ix::credit_account(&owner, &keys);
    let open = Opening { side: Side::Long, size: 1, entry_price: 1, margin: 0 }.at(1);
    let cover_args = contract_insurance::LiquidationCoverArgs {
        order_id: 1,
        side: Side::Long,
        order_qty: 1,
        margin: 1,
        insured: contract_insurance::InsuredAmount::Amount(1),
    };
    let policy = f.policy_key(&owner, 0);
    let cases: Vec<(&str, solana_sdk::instruction::Instruction, &solana_sdk::signature::Keypair)> = vec![
        ("register (with referrer)", ix::register(&owner, &pool, Some(referrer.node)), &trader.wallet),
        ("claim_commission", ix::claim_commission(&owner, &keys, &trader.token), &trader.wallet),
        (
            "post_mark_price",
            ix::post_mark_price(&f.oracle_authority.pubkey(), &pool, &market, 1, 0, 1),
            &f.oracle_authority,
        ),
        (
            "open_position (with policy)",
            ix::open_position(&reporter.pubkey(), &pool, &market, &owner, 1, open, Some(policy)),
            &reporter,
        ),
        (
            "close_position (with policy)",
            ix::update_position(
                &reporter.pubkey(),
                &pool,
                &market,
                &owner,
                &position,
                Some(policy),
                ix::PositionUpdate::Close { size: 1, price: 1, fee: 0 },
                1,
            ),
            &reporter,
        ),
        (
            "buy_liquidation_cover",
            ix::buy_liquidation_cover(&owner, &keys, &market, &trader.token, 0, cover_args),
            &trader.wallet,
        ),
        (
            "cancel_order_remainder",
            ix::cancel_order_remainder(&reporter.pubkey(), &keys, &cover, Some(trader.token), 1),
            &reporter,
        ),
        ("report_liquidation", ix::report_liquidation(&reporter.pubkey(), &keys, &cover, 1, 1), &reporter),
        ("review_claim", ix::review_claim(&reviewer.pubkey(), &keys, &cover, true), &reviewer),
        ("claim_vested", ix::claim_vested(&owner, &keys, &cover.cover, &trader.token), &trader.wallet),
        ("withdraw_surplus", ix::withdraw_surplus(&admin.pubkey(), &keys, &trader.token, 1), &admin),
        ("deposit_capital", ix::deposit_capital(&owner, &keys, &trader.token, 1), &trader.wallet),
        ("record_pyth_price", ix::record_pyth_price(&owner, &pool, &market, &owner), &trader.wallet),
        ("close_policy", ix::close_policy(&owner, &policy, &owner), &trader.wallet),
        (
            "close_liquidation_cover",
            ix::close_liquidation_cover(&owner, &cover.cover, &owner),
            &trader.wallet,
        ),
        ("stake", ix::stake(&owner, &mining, &credit_account, 1), &trader.wallet),
        ("claim_rewards", ix::claim_rewards(&owner, &mining, &trader.token), &trader.wallet),
    ];
    let mut table = Table::new(&["instruction", "accounts", "bytes"]);
    for (name, instruction, signer) in &cases {
        let (bytes, accounts) = f.chain.transaction_size(std::slice::from_ref(instruction), signer, &[]);
        table.row(vec![name.to_string(), accounts.to_string(), bytes.to_string()]);
    }
    table.print();
}

async fn throughput(transactions: usize) {
    heading(&format!("Throughput of the embedded runtime ({transactions} transactions each, one core)"));
    let mut f = PoolFixture::quiet(PoolOptions::default()).await;
    let root = f.new_trader(None, 0).await;
    let mut wallets = Vec::with_capacity(transactions);
    for _ in 0..transactions {
        wallets.push(f.funded_wallet(100).await);
    }
    let mut table = Table::new(&["transaction", "count", "seconds", "tx/s", "ms/tx"]);

    let started = Instant::now();
    for (wallet, _) in &wallets {
        let ix = ix::register(&wallet.pubkey(), &f.keys.pool, Some(root.node));
        f.chain.process_only(&[ix], wallet, &[]).await.expect("register");
    }
    table.row(timing("register (1 upline)", transactions, started));

    let started = Instant::now();
    for (wallet, token) in &wallets {
        let ix = ix::buy_policy(&wallet.pubkey(), &f.keys, token, 0, f.usdt(10), &[root.node]);
        f.chain.process_only(&[ix], wallet, &[]).await.expect("buy_policy");
    }
    table.row(timing("buy_policy (1 upline)", transactions, started));

    // The same purchase through the checked path the tests use: simulate, process, decode events.
    let checked = transactions.min(100);
    let mut checked_wallets = Vec::with_capacity(checked);
    for _ in 0..checked {
        let (wallet, token) = f.funded_wallet(100).await;
        let register = ix::register(&wallet.pubkey(), &f.keys.pool, None);
        f.chain.process_only(&[register], &wallet, &[]).await.expect("register");
        checked_wallets.push((wallet, token));
    }
    let started = Instant::now();
    for (wallet, token) in &checked_wallets {
        let ix = ix::buy_policy(&wallet.pubkey(), &f.keys, token, 0, f.usdt(10), &[]);
        f.chain.send(&[ix], wallet, &[]).await.expect("checked buy");
    }
    table.row(timing("buy_policy via the test path (simulate + process + decode)", checked, started));
    table.print();
}

fn timing(name: &str, count: usize, started: Instant) -> Vec<String> {
    let seconds = started.elapsed().as_secs_f64();
    vec![
        name.to_string(),
        count.to_string(),
        format!("{seconds:.3}"),
        format!("{:.0}", count as f64 / seconds),
        format!("{:.2}", seconds * 1_000.0 / count as f64),
    ]
}
