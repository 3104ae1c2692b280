//! Token movements and the premium-mint policy.

use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
    state::Mint as MintState,
};
use anchor_spl::token_interface::{self, MintTo, TransferChecked};

use crate::state::Pool;

use crate::error::CipError;

/// Token-2022 mint extensions that do not change how amounts move. Anything else (transfer fees,
/// hooks, permanent delegates, confidential transfers, ...) would let the vault's balance drift
/// from what the pool accounts for, so such mints are refused.
const ALLOWED_MINT_EXTENSIONS: &[ExtensionType] = &[
    ExtensionType::MetadataPointer,
    ExtensionType::TokenMetadata,
    ExtensionType::GroupPointer,
    ExtensionType::TokenGroup,
    ExtensionType::GroupMemberPointer,
    ExtensionType::TokenGroupMember,
    ExtensionType::MintCloseAuthority,
];

pub fn check_mint_supported(mint: &AccountInfo) -> Result<()> {
    if mint.owner != &anchor_spl::token_2022::ID {
        return Ok(());
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<MintState>::unpack(&data)?;
    for extension in state.get_extension_types()? {
        require!(ALLOWED_MINT_EXTENSIONS.contains(&extension), CipError::UnsupportedMintExtension);
    }
    Ok(())
}

/// Moves `amount` from a signer's token account to `to`.
pub fn transfer_to<'info>(
    token_program: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
    decimals: u8,
) -> Result<()> {
    token_interface::transfer_checked(
        CpiContext::new(
            token_program.key(),
            TransferChecked {
                from: from.clone(),
                mint: mint.clone(),
                to: to.clone(),
                authority: authority.clone(),
            },
        ),
        amount,
        decimals,
    )
}

/// Moves `amount` out of a token account owned by a program PDA, signed with its seeds.
#[allow(clippy::too_many_arguments)]
pub fn transfer_signed<'info>(
    token_program: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    authority_seeds: &[&[u8]],
    amount: u64,
    decimals: u8,
) -> Result<()> {
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.key(),
            TransferChecked {
                from: from.clone(),
                mint: mint.clone(),
                to: to.clone(),
                authority: authority.clone(),
            },
            &[authority_seeds],
        ),
        amount,
        decimals,
    )
}

/// Mints hashrate credits to `to`, signed by the pool PDA (the credit mint's authority).
pub fn mint_credits<'info>(
    pool: &Account<'info, Pool>,
    token_program: &AccountInfo<'info>,
    credit_mint: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    credits: u64,
) -> Result<()> {
    let seeds = pool.signer_seeds();
    token_interface::mint_to(
        CpiContext::new_with_signer(
            token_program.key(),
            MintTo { mint: credit_mint.clone(), to: to.clone(), authority: pool.to_account_info() },
            &[&seeds],
        ),
        credits,
    )
}

/// Whether `info` is an initialized, unfrozen token account of `mint` owned by `owner` (under
/// either token program). Payouts go only to such accounts; anything else (on SPL Token an owner
/// can reassign an associated account) defers the payout instead of failing the instruction.
pub fn token_account_usable(info: &AccountInfo, owner: &Pubkey, mint: &Pubkey) -> Result<bool> {
    use anchor_spl::token_2022::spl_token_2022::state::{Account as TokenState, AccountState};
    if info.owner != &anchor_spl::token::ID && info.owner != &anchor_spl::token_2022::ID {
        return Ok(false);
    }
    let data = info.try_borrow_data()?;
    let Ok(state) = StateWithExtensions::<TokenState>::unpack(&data) else {
        return Ok(false);
    };
    let account = state.base;
    Ok(account.owner == *owner && account.mint == *mint && account.state == AccountState::Initialized)
}
