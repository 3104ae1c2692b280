use anchor_lang::prelude::*;

use crate::constants::{MARK_PRICE_SEED, POOL_SEED};
use crate::error::CipError;
use crate::events::{MarkPriceRecorded, ObservationSource};
use crate::instructions::markets::post_mark_price::record_rules;
use crate::oracle::guards::to_observation;
use crate::oracle::pyth;
use crate::state::*;

/// Anyone: records a fully verified Pyth `PriceUpdateV2` of a `Pyth` market's feed id into the
/// market's mark-price feed (rescaled to the market's price decimals), on the same terms as the
/// oracle authority's posts: fresh, newer than the latest by the minimum spacing, never
/// back-dated. Keepers record prints around policy ends; settlement reads only the feed.
#[event_cpi]
#[derive(Accounts)]
pub struct RecordPythPrice<'info> {
    pub recorder: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch, has_one = mark_price_feed @ CipError::OracleAccountMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut, seeds = [MARK_PRICE_SEED, market.key().as_ref()], bump = mark_price_feed.bump)]
    pub mark_price_feed: Box<Account<'info, MarkPriceFeed>>,
    /// CHECK: a Pyth receiver `PriceUpdateV2`; owner, discriminator, verification level and feed
    /// id checked by `oracle::pyth::read`.
    pub price_update: UncheckedAccount<'info>,
}

impl RecordPythPrice<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let OracleSource::Pyth { feed_id } = ctx.accounts.market.params.oracle else {
            return err!(CipError::NotPythMarket);
        };
        let raw = pyth::read(&ctx.accounts.price_update, &feed_id)?;
        let observation = to_observation(raw, ctx.accounts.market.params.price_decimals)?;
        let rules = record_rules(&ctx.accounts.pool.config, now, false);
        ctx.accounts.mark_price_feed.record(observation, rules)?;
        emit_cpi!(MarkPriceRecorded {
            pool: ctx.accounts.pool.key(),
            market: ctx.accounts.market.key(),
            source: ObservationSource::Pyth,
            price: observation.price,
            conf: observation.conf,
            publish_time: observation.publish_time,
            recorded_at: now,
            correction: false,
            evicted_until: ctx.accounts.mark_price_feed.evicted_until,
            price_update: ctx.accounts.price_update.key(),
        });
        Ok(())
    }
}
