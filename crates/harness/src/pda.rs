//! Program-derived addresses, mirroring the seeds in `constants.rs`.

use anchor_lang::prelude::Pubkey;
use contract_insurance::constants::*;

fn find(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &contract_insurance::ID).0
}

pub fn pool(premium_mint: &Pubkey) -> Pubkey {
    find(&[POOL_SEED, premium_mint.as_ref()])
}

pub fn credit_mint(pool: &Pubkey) -> Pubkey {
    find(&[CREDIT_MINT_SEED, pool.as_ref()])
}

pub fn vault(pool: &Pubkey, premium_mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(
        pool,
        premium_mint,
        token_program,
    )
}

pub fn market(pool: &Pubkey, market_id: u16) -> Pubkey {
    find(&[MARKET_SEED, pool.as_ref(), &market_id.to_le_bytes()])
}

pub fn mark_price_feed(market: &Pubkey) -> Pubkey {
    find(&[MARK_PRICE_SEED, market.as_ref()])
}

pub fn user(pool: &Pubkey, wallet: &Pubkey) -> Pubkey {
    find(&[USER_SEED, pool.as_ref(), wallet.as_ref()])
}

pub fn referral_node(pool: &Pubkey, wallet: &Pubkey) -> Pubkey {
    find(&[REFERRAL_SEED, pool.as_ref(), wallet.as_ref()])
}

pub fn policy(pool: &Pubkey, owner: &Pubkey, index: u64) -> Pubkey {
    find(&[POLICY_SEED, pool.as_ref(), owner.as_ref(), &index.to_le_bytes()])
}

pub fn event_authority() -> Pubkey {
    find(&[b"__event_authority"])
}

pub fn position(pool: &Pubkey, owner: &Pubkey, position_id: u64) -> Pubkey {
    find(&[POSITION_SEED, pool.as_ref(), owner.as_ref(), &position_id.to_le_bytes()])
}

pub fn liquidation_cover(pool: &Pubkey, owner: &Pubkey, index: u64) -> Pubkey {
    find(&[LIQUIDATION_COVER_SEED, pool.as_ref(), owner.as_ref(), &index.to_le_bytes()])
}

/// A policy's exposure in one market (settled as one).
pub fn policy_exposure(policy: &Pubkey, market: &Pubkey) -> Pubkey {
    find(&[POLICY_EXPOSURE_SEED, policy.as_ref(), market.as_ref()])
}

/// A trader's liquidation-cover exposure on one market (one direction while covers are ongoing).
pub fn exposure(pool: &Pubkey, owner: &Pubkey, market: &Pubkey) -> Pubkey {
    find(&[EXPOSURE_SEED, pool.as_ref(), owner.as_ref(), market.as_ref()])
}

pub fn mining_pool(pool: &Pubkey) -> Pubkey {
    find(&[MINING_POOL_SEED, pool.as_ref()])
}

pub fn stake_vault(mining_pool: &Pubkey) -> Pubkey {
    find(&[STAKE_VAULT_SEED, mining_pool.as_ref()])
}

pub fn reward_vault(mining_pool: &Pubkey) -> Pubkey {
    find(&[REWARD_VAULT_SEED, mining_pool.as_ref()])
}

pub fn miner(mining_pool: &Pubkey, owner: &Pubkey) -> Pubkey {
    find(&[MINER_SEED, mining_pool.as_ref(), owner.as_ref()])
}
