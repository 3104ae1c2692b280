//! Loading a market's mark-price feed passed as an unchecked or remaining account.

use anchor_lang::prelude::*;

use crate::error::CipError;
use crate::state::MarkPriceFeed;

/// The feed at `expected` (the market's `mark_price_feed`): address, owner and type checked, so a
/// caller can never substitute another market's prices.
pub fn load_feed(info: &AccountInfo, expected: &Pubkey) -> Result<MarkPriceFeed> {
    require_keys_eq!(info.key(), *expected, CipError::OracleAccountMismatch);
    require_keys_eq!(*info.owner, crate::ID, CipError::OracleWrongOwner);
    let data = info.try_borrow_data()?;
    MarkPriceFeed::try_deserialize(&mut &data[..]).map_err(|_| error!(CipError::OracleInvalidData))
}
