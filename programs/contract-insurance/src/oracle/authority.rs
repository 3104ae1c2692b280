//! `Authority` mark prices: the market's own `MarkPriceFeed` account.

use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::math::safe_math::SafeCast;
use crate::oracle::guards::{PriceTime, RawPrice};
use crate::state::{MarkPriceFeed, Market};

pub fn read(oracle: &AccountInfo, market_key: &Pubkey, market: &Market, when: PriceTime) -> Result<RawPrice> {
    require_keys_eq!(oracle.key(), market.mark_price_feed, CipError::OracleAccountMismatch);
    require_keys_eq!(*oracle.owner, crate::ID, CipError::OracleWrongOwner);
    let data = oracle.try_borrow_data()?;
    let feed =
        MarkPriceFeed::try_deserialize(&mut &data[..]).map_err(|_| error!(CipError::OracleInvalidData))?;
    require_keys_eq!(feed.market, *market_key, CipError::OracleAccountMismatch);
    let observation = match when {
        PriceTime::Fresh { .. } => feed.latest(),
        PriceTime::Around { target } => feed.closest_to(target),
    };
    let observation = match (observation, when) {
        (Some(observation), _) => observation,
        (None, PriceTime::Fresh { .. }) => return err!(CipError::PriceStale),
        (None, PriceTime::Around { .. }) => return err!(CipError::NoPriceNearTime),
    };
    let decimals: i32 = market.params.price_decimals.safe_cast()?;
    Ok(RawPrice {
        price: observation.price,
        conf: observation.conf,
        exponent: -decimals,
        publish_time: observation.publish_time,
    })
}
