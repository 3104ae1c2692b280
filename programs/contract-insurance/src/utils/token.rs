//! Token movements in and out of the pool vault.

use anchor_lang::prelude::*;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
    state::Mint as MintState,
};
use anchor_spl::token_interface::{self, TransferChecked};

use crate::error::CipError;
use crate::state::Pool;

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
        require!(
            ALLOWED_MINT_EXTENSIONS.contains(&extension),
            CipError::UnsupportedMintExtension
        );
    }
    Ok(())
}

/// Moves `amount` from a signer's token account into the vault.
pub fn transfer_to_vault<'info>(
    token_program: &AccountInfo<'info>,
    from: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    amount: u64,
    decimals: u8,
) -> Result<()> {
    token_interface::transfer_checked(
        CpiContext::new(
            token_program.key(),
            TransferChecked {
                from: from.clone(),
                mint: mint.clone(),
                to: vault.clone(),
                authority: authority.clone(),
            },
        ),
        amount,
        decimals,
    )
}

/// Moves `amount` out of the vault, signed by the pool PDA.
pub fn transfer_from_vault<'info>(
    pool: &Account<'info, Pool>,
    token_program: &AccountInfo<'info>,
    vault: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    to: &AccountInfo<'info>,
    amount: u64,
) -> Result<()> {
    let seeds = pool.signer_seeds();
    transfer_signed(
        token_program,
        vault,
        mint,
        to,
        &pool.to_account_info(),
        &seeds,
        amount,
        pool.premium_decimals,
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
