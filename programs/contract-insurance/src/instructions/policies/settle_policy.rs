use anchor_lang::prelude::*;

use crate::constants::*;
use crate::error::CipError;
use crate::events::{ExposureValuation, ExposuresValued};
use crate::math::pnl::loss_from_pnl;
use crate::math::safe_math::SafeMath;
use crate::oracle::feed::load_feed;
use crate::oracle::guards::convert_price;
use crate::oracle::settlement_mark;
use crate::state::*;
use crate::utils::accounts::{read_account, write_account};

/// Anyone, once the policy's window and its price window have closed: values some or all of the
/// policy's markets and decides the policy when the last one is valued. Remaining accounts:
/// `(policy_exposure, mark_price_feed)` pairs, any number per transaction, in any order and any
/// split across transactions (each market's mark is chosen by the same rule, so the outcome
/// cannot depend on the batching). A policy without positions is decided with no pairs.
#[event_cpi]
#[derive(Accounts)]
pub struct SettlePolicy<'info> {
    pub keeper: Signer<'info>,
    #[account(mut, seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(mut, has_one = pool @ CipError::PoolMismatch)]
    pub policy: Box<Account<'info, Policy>>,
    #[account(mut, seeds = [USER_SEED, pool.key().as_ref(), policy.owner.as_ref()], bump = user.bump)]
    pub user: Box<Account<'info, UserAccount>>,
}

impl<'info> SettlePolicy<'info> {
    pub fn validate(&self, remaining_accounts: &[AccountInfo], now: i64) -> Result<()> {
        require!(self.policy.is_active(), CipError::PolicyNotActive);
        require!(now >= self.policy.settlement_opens_at()?, CipError::SettlementNotOpen);
        require!(remaining_accounts.len() % 2 == 0, CipError::SettlementAccountsMalformed);
        Ok(())
    }

    pub fn handler(ctx: Context<'info, Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(ctx.remaining_accounts, now)?;
        let policy_key = ctx.accounts.policy.key();
        let terms = ctx.accounts.policy.terms;
        let fallback_opens_at = ctx.accounts.policy.fallback_opens_at()?;

        let mut valuations = Vec::with_capacity(ctx.remaining_accounts.len() / 2);
        for pair in ctx.remaining_accounts.chunks_exact(2) {
            let valuation = value_exposure(&pair[0], &pair[1], &policy_key, terms, fallback_opens_at, now)?;
            valuations.push(valuation);
        }

        let policy = &mut ctx.accounts.policy;
        for valuation in &valuations {
            policy.unrealized_pnl = policy.unrealized_pnl.safe_add(valuation.unrealized_pnl)?;
            policy.exposures_valued = policy.exposures_valued.safe_add(1)?;
            if matches!(valuation.mark_source, MarkSource::Fallback | MarkSource::NoPrice) {
                policy.fallback_marks = policy.fallback_marks.safe_add(1)?;
            }
        }
        if !valuations.is_empty() {
            emit_cpi!(ExposuresValued {
                pool: policy.pool,
                policy: policy_key,
                valuations,
                exposures_valued: policy.exposures_valued,
                exposures: policy.exposures,
                unrealized_pnl: policy.unrealized_pnl,
            });
        }

        let policy = &mut ctx.accounts.policy;
        if policy.exposures_valued < policy.exposures {
            return Ok(());
        }
        let realized_pnl = policy.realized_pnl;
        let unrealized_pnl = policy.unrealized_pnl;
        let loss = loss_from_pnl(realized_pnl.safe_add(unrealized_pnl)?)?;
        if !policy.record_settlement(SettlementKind::AtExpiry, now, unrealized_pnl, loss) {
            ctx.accounts.user.active_policy_index = None;
        }
        let pool = &mut ctx.accounts.pool;
        pool.totals.policies_settled = pool.totals.policies_settled.safe_add(1)?;
        let event = ctx.accounts.policy.settled_event(policy_key, None, realized_pnl);
        emit_cpi!(event);
        Ok(())
    }
}

/// Values one exposure of `policy` at its market's mark for `end` (see `oracle::selection`) and
/// marks it valued. The feed must be the exposure's own market's feed.
fn value_exposure(
    exposure_info: &AccountInfo,
    feed_info: &AccountInfo,
    policy: &Pubkey,
    terms: PolicyTerms,
    fallback_opens_at: i64,
    now: i64,
) -> Result<ExposureValuation> {
    require!(exposure_info.is_writable, CipError::ExposureMismatch);
    let mut exposure = read_account::<PolicyExposure>(exposure_info)?;
    require_keys_eq!(exposure.policy, *policy, CipError::ExposureNotInPolicy);
    require!(!exposure.valued, CipError::ExposureAlreadyValued);
    let net = exposure.net();
    let (source, price, publish_time) = if net.is_mark_independent() {
        (MarkSource::NotNeeded, 0, 0)
    } else {
        let feed = load_feed(feed_info, &exposure.mark_price_feed)?;
        let mark = settlement_mark(&feed, terms.end, terms.mark_guards, fallback_opens_at, now)?;
        // In the exposure's own price decimals (the market's may have been corrected since).
        let price = convert_price(mark.price, feed.price_decimals, exposure.decimals.price)?;
        (mark.source, price, mark.publish_time)
    };
    let unrealized_pnl = match source {
        // No price at all: valued at entry, i.e. no unrealized P&L.
        MarkSource::NoPrice => 0,
        MarkSource::NotNeeded => net.pnl_at(0, exposure.decimals.into())?,
        _ => net.pnl_at(price, exposure.decimals.into())?,
    };
    exposure.valued = true;
    exposure.mark_source = source;
    exposure.mark_price = price;
    exposure.mark_publish_time = publish_time;
    exposure.unrealized_pnl = unrealized_pnl;
    // Written now, so the same exposure passed twice in one batch is seen as valued.
    write_account(exposure_info, &exposure)?;
    Ok(ExposureValuation {
        exposure: exposure_info.key(),
        market: exposure.market,
        net_size: exposure.net_size,
        net_entry_value: exposure.net_entry_value,
        mark_source: source,
        mark_price: price,
        mark_publish_time: publish_time,
        unrealized_pnl,
    })
}
