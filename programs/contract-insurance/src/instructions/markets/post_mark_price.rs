use anchor_lang::prelude::*;

use crate::constants::POOL_SEED;
use crate::error::CipError;
use crate::events::MarkPricePosted;
use crate::state::*;

/// The oracle authority records a mark price for an `Authority` market. Observations may be
/// backfilled (any publish time up to now), so a settlement that runs late can still be given the
/// price published around a policy's end.
#[event_cpi]
#[derive(Accounts)]
pub struct PostMarkPrice<'info> {
    pub oracle_authority: Signer<'info>,
    #[account(seeds = [POOL_SEED, pool.premium_mint.as_ref()], bump = pool.bump)]
    pub pool: Box<Account<'info, Pool>>,
    #[account(has_one = pool @ CipError::PoolMismatch, has_one = mark_price_feed @ CipError::OracleAccountMismatch)]
    pub market: Box<Account<'info, Market>>,
    #[account(mut)]
    pub mark_price_feed: Box<Account<'info, MarkPriceFeed>>,
}

impl PostMarkPrice<'_> {
    pub fn validate(&self, price: i64, publish_time: i64, now: i64) -> Result<()> {
        require_keys_eq!(
            self.oracle_authority.key(),
            self.pool.roles.oracle_authority,
            CipError::NotOracleAuthority
        );
        require!(self.market.params.oracle == OracleSource::Authority, CipError::NotAuthorityMarket);
        require!(price > 0, CipError::PriceNotPositive);
        require!(publish_time > 0 && publish_time <= now, CipError::PublishTimeInFuture);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, price: i64, conf: u64, publish_time: i64) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        ctx.accounts.validate(price, publish_time, now)?;
        ctx.accounts.mark_price_feed.record(PriceObservation { price, conf, publish_time });
        emit_cpi!(MarkPricePosted {
            market: ctx.accounts.market.key(),
            price,
            conf,
            publish_time,
            posted_at: now,
        });
        Ok(())
    }
}
