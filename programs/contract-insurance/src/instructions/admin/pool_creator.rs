//! Who may create a pool (one per premium mint, so creating one must not be open to squatters):
//! the program's deployer, whatever loader it was deployed with.
//!
//! | deployment | pool creator |
//! |---|---|
//! | built with `CIP_POOL_CREATOR=<pubkey>` | that key, under every loader |
//! | upgradeable loader, with an upgrade authority | the upgrade authority (pass the program-data account) |
//! | loader-v4, not finalized | the program's authority (stored in the program account) |
//! | immutable (upgradeable without authority, loader-v4 finalized, BPF loader 2) | nobody, unless built with `CIP_POOL_CREATOR` |
//! | registered as a native builtin (test runtimes and `cip-validator` only; impossible on a real cluster) | anyone |

use anchor_lang::prelude::*;
use anchor_lang::solana_program::bpf_loader_upgradeable::{self, UpgradeableLoaderState};

use crate::error::CipError;

/// The loader-v4 program.
pub const LOADER_V4_ID: Pubkey = pubkey!("LoaderV411111111111111111111111111111111111");
/// The native loader, owner of builtin programs.
pub const NATIVE_LOADER_ID: Pubkey = pubkey!("NativeLoader1111111111111111111111111111111");

/// The pool creator fixed at build time (`CIP_POOL_CREATOR`), if any.
pub const BUILD_POOL_CREATOR: Option<Pubkey> = match option_env!("CIP_POOL_CREATOR") {
    Some(key) => Some(Pubkey::from_str_const(key)),
    None => None,
};

/// The program account and, for the upgradeable loader, its program-data account, as loaded.
pub struct Deployment<'a> {
    pub program_owner: &'a Pubkey,
    pub program_data: &'a [u8],
    /// Key and data of the program-data account the caller passed, if any.
    pub upgradeable_program_data: Option<(Pubkey, &'a [u8])>,
}

/// Whether `signer` may create pools for a program deployed as `deployment`.
pub fn check_pool_creator(
    program_id: &Pubkey,
    signer: &Pubkey,
    deployment: &Deployment,
    build_creator: Option<Pubkey>,
) -> Result<()> {
    if let Some(creator) = build_creator {
        require_keys_eq!(*signer, creator, CipError::NotPoolCreator);
        return Ok(());
    }
    let owner = *deployment.program_owner;
    if owner == bpf_loader_upgradeable::ID {
        let (key, data) = deployment.upgradeable_program_data.ok_or(CipError::NotPoolCreator)?;
        require_keys_eq!(
            key,
            bpf_loader_upgradeable::get_program_data_address(program_id),
            CipError::NotPoolCreator
        );
        let state: UpgradeableLoaderState =
            bincode_program_data(data).ok_or(CipError::PoolCreatorNotConfigured)?;
        return match state {
            UpgradeableLoaderState::ProgramData { upgrade_authority_address: Some(authority), .. } => {
                require_keys_eq!(*signer, authority, CipError::NotPoolCreator);
                Ok(())
            }
            _ => err!(CipError::PoolCreatorNotConfigured),
        };
    }
    if owner == LOADER_V4_ID {
        // LoaderV4State: slot u64, authority_address_or_next_version [u8; 32], status u64
        // (0 retracted, 1 deployed, 2 finalized); the authority is meaningless once finalized.
        let data = deployment.program_data;
        require!(data.len() >= 48, CipError::PoolCreatorNotConfigured);
        let status = u64::from_le_bytes(data[40..48].try_into().unwrap_or_default());
        require!(status != 2, CipError::PoolCreatorNotConfigured);
        let authority =
            Pubkey::try_from(&data[8..40]).map_err(|_| error!(CipError::PoolCreatorNotConfigured))?;
        require_keys_eq!(*signer, authority, CipError::NotPoolCreator);
        return Ok(());
    }
    require_keys_eq!(owner, NATIVE_LOADER_ID, CipError::PoolCreatorNotConfigured);
    Ok(())
}

/// The upgradeable loader's program-data header (a 4-byte enum tag, the slot, an optional
/// authority), read without bincode.
fn bincode_program_data(data: &[u8]) -> Option<UpgradeableLoaderState> {
    // Tag 3 = ProgramData { slot: u64, upgrade_authority_address: Option<Pubkey> }.
    if data.len() < 13 || u32::from_le_bytes(data[0..4].try_into().ok()?) != 3 {
        return None;
    }
    let slot = u64::from_le_bytes(data[4..12].try_into().ok()?);
    let upgrade_authority_address = match data[12] {
        0 => None,
        1 if data.len() >= 45 => Some(Pubkey::try_from(&data[13..45]).ok()?),
        _ => return None,
    };
    Some(UpgradeableLoaderState::ProgramData { slot, upgrade_authority_address })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAM: Pubkey = crate::ID;

    fn key(byte: u8) -> Pubkey {
        Pubkey::new_from_array([byte; 32])
    }

    fn program_data_bytes(authority: Option<Pubkey>) -> Vec<u8> {
        let mut data = 3u32.to_le_bytes().to_vec();
        data.extend_from_slice(&77u64.to_le_bytes());
        match authority {
            Some(authority) => {
                data.push(1);
                data.extend_from_slice(authority.as_ref());
            }
            None => data.push(0),
        }
        data
    }

    fn loader_v4_bytes(authority: Pubkey, status: u64) -> Vec<u8> {
        let mut data = 5u64.to_le_bytes().to_vec();
        data.extend_from_slice(authority.as_ref());
        data.extend_from_slice(&status.to_le_bytes());
        data
    }

    fn check(deployment: &Deployment, signer: Pubkey, build: Option<Pubkey>) -> Result<()> {
        check_pool_creator(&PROGRAM, &signer, deployment, build)
    }

    #[test]
    fn upgradeable_loader_needs_the_upgrade_authority() {
        let program_data = bpf_loader_upgradeable::get_program_data_address(&PROGRAM);
        let bytes = program_data_bytes(Some(key(1)));
        let deployment = Deployment {
            program_owner: &bpf_loader_upgradeable::ID,
            program_data: &[],
            upgradeable_program_data: Some((program_data, &bytes)),
        };
        check(&deployment, key(1), None).unwrap();
        assert_eq!(check(&deployment, key(2), None).unwrap_err(), CipError::NotPoolCreator.into());
        let missing = Deployment { upgradeable_program_data: None, ..deployment };
        assert_eq!(check(&missing, key(1), None).unwrap_err(), CipError::NotPoolCreator.into());
        let wrong = Deployment { upgradeable_program_data: Some((key(9), &bytes)), ..missing };
        assert_eq!(check(&wrong, key(1), None).unwrap_err(), CipError::NotPoolCreator.into());
    }

    #[test]
    fn an_immutable_program_needs_a_build_time_creator() {
        let program_data = bpf_loader_upgradeable::get_program_data_address(&PROGRAM);
        let bytes = program_data_bytes(None);
        let frozen = Deployment {
            program_owner: &bpf_loader_upgradeable::ID,
            program_data: &[],
            upgradeable_program_data: Some((program_data, &bytes)),
        };
        assert_eq!(check(&frozen, key(1), None).unwrap_err(), CipError::PoolCreatorNotConfigured.into());
        check(&frozen, key(4), Some(key(4))).unwrap();
        assert_eq!(check(&frozen, key(1), Some(key(4))).unwrap_err(), CipError::NotPoolCreator.into());
        let loader_2 = pubkey!("BPFLoader2111111111111111111111111111111111");
        let v2 = Deployment { program_owner: &loader_2, program_data: &[], upgradeable_program_data: None };
        assert_eq!(check(&v2, key(1), None).unwrap_err(), CipError::PoolCreatorNotConfigured.into());
        check(&v2, key(4), Some(key(4))).unwrap();
    }

    #[test]
    fn loader_v4_needs_its_authority_until_finalized() {
        let deployed = loader_v4_bytes(key(3), 1);
        let deployment = Deployment {
            program_owner: &LOADER_V4_ID,
            program_data: &deployed,
            upgradeable_program_data: None,
        };
        check(&deployment, key(3), None).unwrap();
        assert_eq!(check(&deployment, key(1), None).unwrap_err(), CipError::NotPoolCreator.into());
        let finalized = loader_v4_bytes(key(3), 2);
        let frozen = Deployment { program_data: &finalized, ..deployment };
        assert_eq!(check(&frozen, key(3), None).unwrap_err(), CipError::PoolCreatorNotConfigured.into());
        check(&frozen, key(5), Some(key(5))).unwrap();
    }

    #[test]
    fn a_native_builtin_is_open_and_unknown_loaders_are_not() {
        let native = Deployment {
            program_owner: &NATIVE_LOADER_ID,
            program_data: &[],
            upgradeable_program_data: None,
        };
        check(&native, key(7), None).unwrap();
        let odd = key(8);
        let unknown = Deployment { program_owner: &odd, program_data: &[], upgradeable_program_data: None };
        assert_eq!(check(&unknown, key(7), None).unwrap_err(), CipError::PoolCreatorNotConfigured.into());
    }
}
