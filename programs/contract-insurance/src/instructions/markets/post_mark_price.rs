use anchor_lang::prelude::*;

use crate::constants::{MARK_PRICE_SEED, POOL_SEED};
use crate::error::CipError;
use crate::events::{MarkPriceRecorded, ObservationSource};
use crate::state::*;

/// The oracle authority records a mark price for an `Authority` market, in the market's price
/// decimals. Only fresh prices are accepted (published within the staleness bound of now, newer
/// than the feed's latest by the minimum spacing); a second post for the latest publish time is a
/// correction of it, recorded like any post, so it never changes the price of a window that had
/// closed before it. Nothing can be back-dated, so a past window's prices are final.
#[event_cpi]
#[derive(Accounts)]
pub struct PostMarkPrice<'info> {
    pub oracle_authority: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch, has_one = mark_price_feed @ CipError::OracleAccountMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, seeds = [MARK_PRICE_SEED, market.key().as_ref()], bump = mark_price_feed.bump)]
    pub mark_price_feed: Box<Account<'info, MarkPriceFeed>>,
}

impl PostMarkPrice<'_> {
    pub fn validate(&self) -> Result<()> {
        require_keys_eq!(
            self.oracle_authority.key(),
            self.pool.roles.oracle_authority,
            CipError::NotOracleAuthority
        );
        require!(self.market.params.oracle == OracleSource::Authority, CipError::NotAuthorityMarket);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, price: i64, conf: u64, publish_time: i64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate()?;
        let rules = record_rules(&ctx.accounts.pool.config, now, true);
        let observation = PriceObservation { price, conf, publish_time, recorded_at: 0 };
        let correction = ctx.accounts.mark_price_feed.record(observation, rules)?;
        emit_cpi!(MarkPriceRecorded {
            pool: ctx.accounts.pool.key(),
            market: ctx.accounts.market.key(),
            source: ObservationSource::Authority,
            price,
            conf,
            publish_time,
            recorded_at: now,
            correction,
            evicted_until: ctx.accounts.mark_price_feed.evicted_until,
            price_update: Pubkey::default(),
        });
        Ok(())
    }
}

/// The pool's rules for recording an observation at `now`.
pub fn record_rules(config: &PoolConfig, now: i64, allow_correction: bool) -> RecordRules {
    RecordRules {
        now,
        max_age: config.max_price_staleness,
        min_spacing: config.min_observation_spacing,
        allow_correction,
    }
}
