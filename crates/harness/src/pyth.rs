//! Pyth `PriceUpdateV2` accounts for tests. The Pyth receiver program (and the Wormhole proofs
//! it verifies) cannot run here, so an update account is written into the bank exactly as the
//! receiver would leave it: owned by the receiver program, Anchor discriminator, Borsh body.

use anchor_lang::prelude::Pubkey;
use anchor_lang::AccountSerialize;
use pyth_solana_receiver_sdk::price_update::{PriceFeedMessage, PriceUpdateV2, VerificationLevel};
use solana_sdk::account::Account;

#[derive(Clone, Copy, Debug)]
pub struct PythPrice {
    pub feed_id: [u8; 32],
    pub price: i64,
    pub conf: u64,
    pub exponent: i32,
    pub publish_time: i64,
    pub fully_verified: bool,
}

pub fn price_update_account(price: PythPrice, rent_lamports: u64) -> Account {
    let update = PriceUpdateV2 {
        write_authority: Pubkey::new_unique(),
        verification_level: if price.fully_verified {
            VerificationLevel::Full
        } else {
            VerificationLevel::Partial { num_signatures: 5 }
        },
        price_message: PriceFeedMessage {
            feed_id: price.feed_id,
            price: price.price,
            conf: price.conf,
            exponent: price.exponent,
            publish_time: price.publish_time,
            prev_publish_time: price.publish_time - 1,
            ema_price: price.price,
            ema_conf: price.conf,
        },
        posted_slot: 1,
    };
    let mut data = Vec::with_capacity(PriceUpdateV2::LEN);
    update.try_serialize(&mut data).expect("serialize price update");
    data.resize(PriceUpdateV2::LEN, 0);
    Account {
        lamports: rent_lamports,
        data,
        owner: pyth_solana_receiver_sdk::ID,
        executable: false,
        rent_epoch: 0,
    }
}
