//! Issue 12: every account a purchase or a stake creates has an end of life; closing returns the
//! rent to whoever paid it (never the caller), carries the final state in its event, cannot
//! happen early, and a closed address is never used again.

use anchor_lang::error::ErrorCode as AnchorError;
use cip_harness::{
    assert_error,
    fixture::btc_market_params,
    ix::{self, PositionUpdate},
    pda, PoolFixture,
};
use contract_insurance::error::CipError;
use contract_insurance::events::*;
use contract_insurance::math::vesting::SECONDS_PER_DAY;
use contract_insurance::state::*;
use contract_insurance::{InsuredAmount, LiquidationCoverArgs};
use solana_sdk::signature::Signer;

use crate::positions::{long, BTC, USD};

/// The runtime's fee for a one-signature transaction.
const FEE: u64 = 5_000;

#[tokio::test]
async fn a_loss_cover_lifecycle_leaves_only_the_user_and_node_and_returns_every_lamport() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    let keeper = f.chain.funded_keypair(2).await;
    let trader_start = f.chain.lamports(&trader.key()).await;
    let reporter_start = f.chain.lamports(&f.reporter.pubkey()).await;

    f.buy(&trader, f.usdt(100)).await.unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    let policy_rent = f.chain.lamports(&policy).await;
    assert_eq!(f.chain.lamports(&trader.key()).await, trader_start - policy_rent - FEE);
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let exposure = pda::policy_exposure(&policy, &market);
    let close_policy = ix::close_policy(&keeper.pubkey(), &policy, &trader.key());
    let close_exposure =
        ix::close_policy_exposure(&keeper.pubkey(), &policy, &exposure, &f.reporter.pubkey());

    // Too early: the policy is active and the exposure unvalued.
    assert_error(f.send_as(&keeper, close_policy.clone()).await, CipError::PolicyNotFinished);
    assert_error(f.send_as(&keeper, close_exposure.clone()).await, CipError::ExposureNotFinished);
    f.expire_at_marks(&trader.key(), 0, &[(market, 58_500 * USD)]).await;
    f.settle(&trader.key(), 0).await.unwrap();
    // Compensating is not finished either.
    assert_error(f.send_as(&keeper, close_policy.clone()).await, CipError::PolicyNotFinished);
    f.issue_compensation(&trader.key(), 0).await.unwrap();
    // Paid, but its exposure is still open.
    assert_error(f.send_as(&keeper, close_policy.clone()).await, CipError::PolicyExposuresOpen);
    // The rent goes to whoever paid it: a keeper naming itself is refused.
    let mut to_keeper = close_exposure.clone();
    ix::replace_account(&mut to_keeper, &f.reporter.pubkey(), &keeper.pubkey());
    assert_error(f.send_as(&keeper, to_keeper).await, CipError::RentRecipientMismatch);
    let closed = f.send_as(&keeper, close_exposure.clone()).await.unwrap().event::<PolicyExposureClosed>();
    assert_eq!(
        (closed.exposure, closed.rent_recipient, closed.valued),
        (exposure, f.reporter.pubkey(), true)
    );
    let mut to_keeper = close_policy.clone();
    ix::replace_account(&mut to_keeper, &trader.key(), &keeper.pubkey());
    assert_error(f.send_as(&keeper, to_keeper).await, CipError::RentRecipientMismatch);
    let policy_state = f.policy(&trader.key(), 0).await;
    let closed = f.send_as(&keeper, close_policy.clone()).await.unwrap().event::<PolicyClosed>();
    assert_eq!((closed.policy, closed.rent_recipient, closed.lamports), (policy, trader.key(), policy_rent));
    assert_eq!(closed.final_state, policy_state, "the final state is in the event");
    assert_eq!(closed.final_state.outcome, PolicyOutcome::Paid);

    // The reporter closes the position (rent back to the reporter at the closing report).
    f.update_position(&trader.key(), 1, PositionUpdate::Close { size: BTC, price: 58_500 * USD, fee: 0 })
        .await
        .unwrap();
    for gone in [policy, exposure, pda::position(&f.keys.pool, &trader.key(), 1)] {
        assert!(f.chain.account(&gone).await.is_none(), "{gone} is closed");
    }
    assert!(f.chain.account(&trader.user).await.is_some() && f.chain.account(&trader.node).await.is_some());
    // Every lamport back, minus each one's own transaction fees: the trader signed the purchase,
    // the reporter the open and the close.
    assert_eq!(f.chain.lamports(&trader.key()).await, trader_start - FEE);
    assert_eq!(f.chain.lamports(&f.reporter.pubkey()).await, reporter_start - 2 * FEE);

    // A closed policy is never used again: not by any instruction, not as a new policy.
    assert_error(f.send_as(&keeper, close_policy).await, AnchorError::AccountNotInitialized);
    assert_error(f.settle(&trader.key(), 0).await, AnchorError::AccountNotInitialized);
    let reuse = ix::buy_policy(&trader.key(), &f.keys, &trader.token, 0, f.usdt(10), &[]);
    assert_error(f.send_as(&trader.wallet, reuse).await, CipError::PolicyIndexMismatch);
    f.buy(&trader, f.usdt(10)).await.expect("the next policy takes the next index");
    assert_ne!(f.policy_key(&trader.key(), 1), policy);
}

#[tokio::test]
async fn a_liquidation_cover_lifecycle_closes_after_the_last_tranche() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    f.deposit_capital(1_000 * USD).await;
    let trader = f.new_trader(None, 1_000).await;
    let keeper = f.chain.funded_keypair(2).await;
    let trader_start = f.chain.lamports(&trader.key()).await;
    let args = LiquidationCoverArgs {
        order_id: 1,
        side: Side::Long,
        order_qty: BTC,
        margin: 200 * USD,
        insured: InsuredAmount::Amount(80 * USD),
    };
    f.buy_cover(&trader, &market, args).await.unwrap();
    let cover = f.cover_keys(&trader.key(), 0, &market);
    let market_exposure = pda::exposure(&f.keys.pool, &trader.key(), &market);
    let close_cover = ix::close_liquidation_cover(&keeper.pubkey(), &cover.cover, &trader.key());
    let close_exposure = ix::close_market_exposure(&keeper.pubkey(), &market_exposure, &trader.key());
    assert_error(f.send_as(&keeper, close_cover.clone()).await, CipError::CoverNotFinished);
    assert_error(f.send_as(&keeper, close_exposure.clone()).await, CipError::MarketExposureInUse);

    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    let position = pda::position(&f.keys.pool, &trader.key(), 1);
    let reporter = f.reporter.pubkey();
    f.send_as_reporter(ix::report_order_fill(&reporter, &f.keys.pool, &cover.cover, &position, BTC))
        .await
        .unwrap();
    f.send_as_reporter(ix::report_liquidation(&reporter, &f.keys, &cover, BTC, 500 * USD)).await.unwrap();
    let reviewer = f.reviewer.insecure_clone();
    f.send_as(&reviewer, ix::review_claim(&reviewer.pubkey(), &f.keys, &cover, true)).await.unwrap();
    // Not ongoing any more: the market exposure can go; the cover still vests.
    f.send_as(&keeper, close_exposure.clone()).await.unwrap();
    let start = f.cover(&trader.key(), 0).await.vesting_start;
    f.chain.set_time(start + 5 * SECONDS_PER_DAY).await;
    let claim = ix::claim_vested(&trader.key(), &f.keys, &cover.cover, &trader.token);
    f.send_as(&trader.wallet, claim.clone()).await.unwrap();
    assert_error(f.send_as(&keeper, close_cover.clone()).await, CipError::CoverNotFinished);
    f.chain.set_time(start + 20 * SECONDS_PER_DAY).await;
    f.send_as(&trader.wallet, claim.clone()).await.unwrap();
    let final_state = f.cover(&trader.key(), 0).await;
    let closed = f.send_as(&keeper, close_cover.clone()).await.unwrap().event::<LiquidationCoverClosed>();
    assert_eq!(closed.final_state.vested_claimed, 136 * USD);
    assert_eq!((closed.rent_recipient, closed.final_state), (trader.key(), final_state));
    assert!(
        f.chain.account(&cover.cover).await.is_none() && f.chain.account(&market_exposure).await.is_none()
    );
    // Rent back to the cent: the trader signed the purchase and two claims.
    assert_eq!(f.chain.lamports(&trader.key()).await, trader_start - 3 * FEE);
    // Closed means closed: no instruction takes it, no purchase re-creates it.
    assert_error(f.send_as(&trader.wallet, claim).await, AnchorError::AccountNotInitialized);
    assert_error(f.send_as(&keeper, close_cover).await, AnchorError::AccountNotInitialized);
    let reuse = ix::buy_liquidation_cover(&trader.key(), &f.keys, &market, &trader.token, 0, args);
    assert_error(f.send_as(&trader.wallet, reuse).await, CipError::CoverIndexMismatch);
    // The market exposure is re-created afresh by the next cover on the market.
    f.buy_cover(&trader, &market, args).await.unwrap();
    let exposure: MarketExposure = f.chain.fetch(&market_exposure).await;
    assert_eq!(exposure.ongoing, 1);
}

/// A void policy's exposures are closable at once (the policy will never value them), and then
/// the policy; rent back to the reporter and the trader.
#[tokio::test]
async fn a_void_policy_and_its_exposures_close() {
    let mut f = PoolFixture::new().await;
    let market = f.add_market(1, btc_market_params()).await;
    let trader = f.new_trader(None, 1_000).await;
    let before_purchase = f.chain.now().await;
    f.chain.advance_time(10).await;
    f.buy(&trader, f.usdt(10)).await.unwrap();
    f.open_position(&trader.key(), &market, 1, long(BTC, 60_000 * USD)).await.unwrap();
    // A later report of a position opened before the purchase voids it.
    f.open_position_at(&trader.key(), &market, 2, long(BTC, 60_000 * USD).at(before_purchase)).await.unwrap();
    let policy = f.policy_key(&trader.key(), 0);
    assert_eq!(f.policy(&trader.key(), 0).await.outcome, PolicyOutcome::Void);
    let keeper = f.chain.funded_keypair(1).await;
    let exposure = pda::policy_exposure(&policy, &market);
    let closed = f
        .send_as(
            &keeper,
            ix::close_policy_exposure(&keeper.pubkey(), &policy, &exposure, &f.reporter.pubkey()),
        )
        .await
        .unwrap()
        .event::<PolicyExposureClosed>();
    assert!(!closed.valued);
    f.send_as(&keeper, ix::close_policy(&keeper.pubkey(), &policy, &trader.key())).await.unwrap();
    assert!(f.chain.account(&policy).await.is_none());
}
