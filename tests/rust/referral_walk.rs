//! The on-chain commission walk: exact upline count, link verification, differential rates,
//! same-level cut, team volume and automatic levels.

use anchor_lang::prelude::Pubkey;
use cip_harness::{assert_error, ix, PoolFixture, PoolOptions, Trader};
use contract_insurance::error::CipError;
use contract_insurance::events::{LevelAssigned, PolicyPurchased};
use contract_insurance::presets::{default_config, LevelPreset};
use solana_sdk::{instruction::AccountMeta, signature::Signer};

/// A pool with preset A and the given max depth / cut setting.
async fn pool_with(max_depth: u8, same_level_cut: bool) -> PoolFixture {
    let mut config = default_config(6, LevelPreset::A);
    config.max_depth = max_depth;
    config.same_level_cut = same_level_cut;
    PoolFixture::with_options(PoolOptions { config: Some(config), ..PoolOptions::default() }).await
}

async fn assign(f: &mut PoolFixture, trader: &Trader, level: u8) {
    let ix = ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &trader.node, level);
    f.send_as_admin(ix).await.unwrap();
}

#[tokio::test]
async fn exactly_min_depth_max_depth_uplines_are_required() {
    let mut f = pool_with(10, true).await;
    let chain = f.register_chain(13, 100).await; // the last trader has depth 12
    let buyer = &chain[12];
    let uplines = f.uplines_of(&buyer.key()).await;
    assert_eq!(uplines.len(), 10, "min(12, 10)");
    let premium = f.usdt(10);
    assert_error(f.buy_with_uplines(buyer, premium, &uplines[..9]).await, CipError::UplineCountMismatch);
    let mut eleven = uplines.clone();
    eleven.push(chain[1].node);
    assert_error(f.buy_with_uplines(buyer, premium, &eleven).await, CipError::UplineCountMismatch);
    assert_error(f.buy_with_uplines(buyer, premium, &[]).await, CipError::UplineCountMismatch);
    f.buy_with_uplines(buyer, premium, &uplines).await.expect("exactly 10");

    // Depth below max_depth: exactly depth uplines.
    let shallow = &chain[2];
    let uplines = f.uplines_of(&shallow.key()).await;
    assert_eq!(uplines, vec![chain[1].node, chain[0].node]);
    assert_error(f.buy_with_uplines(shallow, premium, &uplines[..1]).await, CipError::UplineCountMismatch);
    let mut three = uplines.clone();
    three.push(chain[5].node);
    assert_error(f.buy_with_uplines(shallow, premium, &three).await, CipError::UplineCountMismatch);
    f.buy_with_uplines(shallow, premium, &uplines).await.expect("exactly 2");

    // A root node takes none.
    let root = &chain[0];
    assert_error(f.buy_with_uplines(root, premium, &[chain[1].node]).await, CipError::UplineCountMismatch);
    f.buy_with_uplines(root, premium, &[]).await.expect("root buys with no uplines");
}

#[tokio::test]
async fn spoofed_uplines_are_rejected() {
    let mut f = pool_with(10, true).await;
    let chain = f.register_chain(4, 100).await;
    let side_branch = f.new_trader(Some(&chain[0]), 100).await;
    let buyer = &chain[3];
    let genuine = f.uplines_of(&buyer.key()).await; // [2, 1, 0]
    let premium = f.usdt(10);

    let reordered = vec![genuine[1], genuine[0], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &reordered).await, CipError::UplineLinkMismatch);
    let duplicated = vec![genuine[0], genuine[0], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &duplicated).await, CipError::UplineLinkMismatch);
    // A real node of the same pool, but not on the buyer's path.
    let wrong_branch = vec![genuine[0], side_branch.node, genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &wrong_branch).await, CipError::UplineLinkMismatch);
    // The buyer's own node.
    let own = vec![buyer.node, genuine[1], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &own).await, CipError::UplineLinkMismatch);

    // A byte-for-byte copy of the genuine node owned by another program.
    let copy = Pubkey::new_unique();
    let mut forged = f.chain.account(&genuine[0]).await.unwrap();
    forged.owner = Pubkey::new_unique();
    f.chain.set_account(&copy, forged);
    let foreign = vec![copy, genuine[1], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &foreign).await, CipError::UplineNotProgramOwned);
    // An empty system account.
    let nobody = vec![Pubkey::new_unique(), genuine[1], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &nobody).await, CipError::UplineNotProgramOwned);
    // A program-owned account of the wrong type: the referrer's user account.
    let wrong_type = vec![chain[2].user, genuine[1], genuine[2]];
    assert_error(f.buy_with_uplines(buyer, premium, &wrong_type).await, CipError::UplineWrongAccountType);

    // Genuine nodes passed read-only.
    let index = f.user(&buyer.key()).await.policy_count;
    let mut read_only = ix::buy_policy(&buyer.key(), &f.keys, &buyer.token, index, premium, &[]);
    read_only.accounts.extend(genuine.iter().map(|node| AccountMeta::new_readonly(*node, false)));
    assert_error(f.send_as(&buyer.wallet, read_only).await, CipError::UplineNotWritable);

    let receipt = f.buy_with_uplines(buyer, premium, &genuine).await.unwrap();
    assert_eq!(receipt.event::<PolicyPurchased>().commissions.len(), 3);
}

#[tokio::test]
async fn same_level_cut_on_stops_commission_but_not_volume() {
    let mut f = pool_with(10, true).await;
    let chain = f.register_chain(4, 100).await; // all level 0 (15 %)
    let buyer = &chain[3];
    let premium = f.usdt(100);
    let receipt = f.buy(buyer, premium).await.unwrap();
    let event = receipt.event::<PolicyPurchased>();
    let amounts: Vec<u64> = event.commissions.iter().map(|share| share.amount).collect();
    assert_eq!(amounts, vec![f.usdt(15), 0, 0]);
    assert_eq!(event.cut_at, Some(1));
    assert_eq!(event.total_commission, f.usdt(15));
    for upline in &chain[..3] {
        assert_eq!(f.node(&upline.key()).await.team_volume, premium, "volume grows past the cut");
    }
    assert_eq!(f.node(&chain[2].key()).await.commission_earned, f.usdt(15));
    assert_eq!(f.node(&chain[1].key()).await.commission_earned, 0);
}

#[tokio::test]
async fn differential_payouts_across_mixed_levels_with_and_without_cut() {
    // Levels by walk position (direct referrer first): 0 (15 %), 2 (23 %), 1 (20 %), 2 (23 %), 3 (25 %).
    for same_level_cut in [true, false] {
        let mut f = pool_with(10, same_level_cut).await;
        let chain = f.register_chain(6, 1_000).await;
        let buyer = &chain[5];
        let walk_levels = [0u8, 2, 1, 2, 3]; // chain[4], chain[3], ..., chain[0]
        for (position, level) in walk_levels.iter().enumerate() {
            if *level > 0 {
                assign(&mut f, &chain[4 - position], *level).await;
            }
        }
        let premium = f.usdt(1_000);
        let receipt = f.buy(buyer, premium).await.unwrap();
        let event = receipt.event::<PolicyPurchased>();
        let rates: Vec<u16> = event.commissions.iter().map(|share| share.rate_bps).collect();
        assert_eq!(rates, vec![1_500, 2_300, 2_000, 2_300, 2_500]);
        let amounts: Vec<u64> = event.commissions.iter().map(|share| share.amount).collect();
        if same_level_cut {
            // 15 %, then 23−15 = 8 %, 20 < 23 earns 0, 23 == 23 cuts: the 25 % node is not reached.
            assert_eq!(amounts, vec![f.usdt(150), f.usdt(80), 0, 0, 0]);
            assert_eq!(event.cut_at, Some(3));
            assert_eq!(event.total_commission, f.usdt(230));
        } else {
            // Without the cut the top node still earns 25−23 = 2 %.
            assert_eq!(amounts, vec![f.usdt(150), f.usdt(80), 0, 0, f.usdt(20)]);
            assert_eq!(event.cut_at, None);
            assert_eq!(event.total_commission, f.usdt(250));
        }
        for (position, amount) in amounts.iter().enumerate() {
            assert_eq!(f.node(&chain[4 - position].key()).await.commission_earned, *amount);
        }
        assert_eq!(f.pool().await.liabilities.commission_owed, event.total_commission);
        assert_eq!(f.vault_balance().await, premium);
    }
}

#[tokio::test]
async fn team_volume_raises_levels_automatically() {
    let mut f = pool_with(10, true).await;
    let referrer = f.new_trader(None, 0).await;
    let first = f.new_trader(Some(&referrer), 10_000).await;
    let second = f.new_trader(Some(&referrer), 100).await;

    // 10 000 USDT of team volume reaches level 1 (Node Pool / KOL, 20 %) of preset A.
    let receipt = f.buy(&first, f.usdt(10_000)).await.unwrap();
    let share = &receipt.event::<PolicyPurchased>().commissions[0];
    assert_eq!(
        (share.level, share.rate_bps, share.amount),
        (0, 1_500, f.usdt(1_500)),
        "rate from the level before"
    );
    assert_eq!((share.team_volume_after, share.level_after), (f.usdt(10_000), 1));
    let node = f.node(&referrer.key()).await;
    assert_eq!((node.level, node.assigned_level, node.team_volume), (1, 0, f.usdt(10_000)));

    let receipt = f.buy(&second, f.usdt(100)).await.unwrap();
    let share = &receipt.event::<PolicyPurchased>().commissions[0];
    assert_eq!((share.level, share.rate_bps, share.amount), (1, 2_000, f.usdt(20)));
}

#[tokio::test]
async fn team_volume_counts_only_descendants_within_max_depth() {
    let mut f = pool_with(2, true).await;
    let chain = f.register_chain(4, 100).await;
    f.buy(&chain[3], f.usdt(10)).await.unwrap();
    assert_eq!(f.node(&chain[2].key()).await.team_volume, f.usdt(10));
    assert_eq!(f.node(&chain[1].key()).await.team_volume, f.usdt(10));
    assert_eq!(f.node(&chain[0].key()).await.team_volume, 0, "three levels up is beyond max_depth 2");
}

#[tokio::test]
async fn a_full_twenty_node_walk_fits_one_legacy_transaction() {
    let mut f = pool_with(20, false).await;
    let chain = f.register_chain(21, 1_000).await;
    // Rising levels every few nodes so many uplines earn.
    for (position, trader) in chain[..20].iter().rev().enumerate() {
        let level = (position / 5) as u8; // walk positions 0-4 → 0, 5-9 → 1, ...
        if level > 0 {
            assign(&mut f, trader, level).await;
        }
    }
    let receipt = f.buy(&chain[20], f.usdt(1_000)).await.unwrap();
    let event = receipt.event::<PolicyPurchased>();
    assert_eq!(event.commissions.len(), 20);
    let earning: Vec<usize> = event
        .commissions
        .iter()
        .enumerate()
        .filter(|(_, share)| share.amount > 0)
        .map(|(position, _)| position)
        .collect();
    assert_eq!(earning, vec![0, 5, 10, 15]);
    assert_eq!(event.total_commission, f.usdt(250));
    assert!(receipt.tx_bytes <= 1_232, "{} bytes", receipt.tx_bytes);
    assert_eq!(receipt.account_count, 32);
}

#[tokio::test]
async fn admin_level_assignment() {
    let mut f = pool_with(10, true).await;
    let trader = f.new_trader(None, 0).await;
    let outsider = f.chain.funded_keypair(1).await;
    assert_error(
        f.send_as(&outsider, ix::assign_level(&outsider.pubkey(), &f.keys.pool, &trader.node, 2)).await,
        CipError::NotAdmin,
    );
    assert_error(
        f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &trader.node, 4)).await,
        CipError::InvalidLevel,
    );
    assert_error(
        f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &trader.node, 0)).await,
        CipError::LevelUnchanged,
    );
    let receipt =
        f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &trader.node, 3)).await.unwrap();
    let event = receipt.event::<LevelAssigned>();
    assert_eq!((event.old_assigned_level, event.new_assigned_level, event.effective_level), (0, 3, 3));
    let node = f.node(&trader.key()).await;
    assert_eq!((node.assigned_level, node.level), (3, 3));
    // Lowering the assignment cannot drop below the volume level (0 here).
    f.send_as_admin(ix::assign_level(&f.admin.pubkey(), &f.keys.pool, &trader.node, 1)).await.unwrap();
    assert_eq!(f.node(&trader.key()).await.level, 1);
}
