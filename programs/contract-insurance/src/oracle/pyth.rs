//! Pyth pull-oracle `PriceUpdateV2` accounts: owner, discriminator, verification level, feed id.

use anchor_lang::prelude::*;
use pyth_solana_receiver_sdk::price_update::{PriceUpdateV2, VerificationLevel};

use crate::error::CipError;
use crate::oracle::guards::RawPrice;

pub fn read(oracle: &AccountInfo, feed_id: &[u8; 32]) -> Result<RawPrice> {
    require_keys_eq!(*oracle.owner, pyth_solana_receiver_sdk::ID, CipError::OracleWrongOwner);
    let data = oracle.try_borrow_data()?;
    let update =
        PriceUpdateV2::try_deserialize(&mut &data[..]).map_err(|_| error!(CipError::OracleInvalidData))?;
    require!(update.verification_level == VerificationLevel::Full, CipError::OracleNotFullyVerified);
    let message = update.price_message;
    require!(message.feed_id == *feed_id, CipError::OracleFeedMismatch);
    Ok(RawPrice {
        price: message.price,
        conf: message.conf,
        exponent: message.exponent,
        publish_time: message.publish_time,
    })
}
