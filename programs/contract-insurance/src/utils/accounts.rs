//! Creating program accounts at PDAs in a way nobody can block.
//!
//! Anyone can send lamports to a PDA before it exists. `create_account` then fails, and Anchor's
//! `init` falls back to `create_account_allow_prefund`, which current runtimes reject. So every
//! PDA this program creates goes through [`create_pda_account`]: it tops up, allocates and assigns
//! an address that already holds lamports, and only refuses one that is really in use.

use anchor_lang::prelude::*;
use anchor_lang::system_program::{self, Allocate, Assign, CreateAccount, Transfer};
use anchor_lang::{Discriminator, Space};

use crate::error::CipError;
use crate::math::safe_math::SafeMath;

pub fn create_pda_account<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    owner: &Pubkey,
    space: usize,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    let required_lamports = Rent::get()?.minimum_balance(space).max(1);
    let current_lamports = target.lamports();
    let signer = &[signer_seeds];
    if current_lamports == 0 {
        return system_program::create_account(
            CpiContext::new_with_signer(
                system_program.key(),
                CreateAccount { from: payer.clone(), to: target.clone() },
                signer,
            ),
            required_lamports,
            space as u64,
            owner,
        );
    }
    require!(
        target.owner == &system_program::ID && target.data_is_empty(),
        CipError::AccountAlreadyInitialized
    );
    if required_lamports > current_lamports {
        system_program::transfer(
            CpiContext::new(system_program.key(), Transfer { from: payer.clone(), to: target.clone() }),
            required_lamports.safe_sub(current_lamports)?,
        )?;
    }
    system_program::allocate(
        CpiContext::new_with_signer(
            system_program.key(),
            Allocate { account_to_allocate: target.clone() },
            signer,
        ),
        space as u64,
    )?;
    system_program::assign(
        CpiContext::new_with_signer(
            system_program.key(),
            Assign { account_to_assign: target.clone() },
            signer,
        ),
        owner,
    )
}

/// Serializes `value` (discriminator first) into an account this program owns.
pub fn write_account<T: AccountSerialize>(target: &AccountInfo, value: &T) -> Result<()> {
    let mut data = target.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}

/// Creates a program-owned account sized for `T` at a PDA and writes `value` into it.
pub fn init_program_account<'info, T>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    signer_seeds: &[&[u8]],
    value: &T,
) -> Result<()>
where
    T: AccountSerialize + Discriminator + Space,
{
    create_pda_account(
        payer,
        target,
        system_program,
        &crate::ID,
        T::DISCRIMINATOR.len() + T::INIT_SPACE,
        signer_seeds,
    )?;
    write_account(target, value)
}

/// Reads a program account passed unchecked: owned by this program, with `T`'s discriminator.
pub fn read_account<T: AccountDeserialize + Discriminator>(info: &AccountInfo) -> Result<T> {
    require_keys_eq!(*info.owner, crate::ID, ErrorCode::AccountOwnedByWrongProgram);
    let data = info.try_borrow_data()?;
    T::try_deserialize(&mut &data[..])
}
