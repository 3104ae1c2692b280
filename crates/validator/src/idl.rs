//! The program's IDL, published at start-up where explorers and clients look for it.
//!
//! Explorers find an Anchor program's IDL with npm `@solana/idl`'s `fetchLatestIdls` (the
//! solana-foundation explorer) or `@coral-xyz/anchor`'s `Program.fetchIdl` (older explorers, the
//! Anchor TS client). Two accounts are written, both holding the checked-in
//! `idl/contract_insurance.json` byte for byte, zlib-compressed:
//!
//! * the **Anchor IDL account** at `create_with_seed(find_program_address([], program).0,
//!   "anchor:idl", program)`, owned by the program, in Anchor's `IdlAccount` layout:
//!   `[8 discriminator][32 authority][4 data_len LE][zlib(JSON)]`;
//! * the **Program Metadata canonical `idl` account**, the PDA of `[program, "idl" zero-padded
//!   to 16 bytes]` under the Program Metadata program, owned by that program, in its `Metadata`
//!   layout: a 96-byte header (`Metadata` discriminator, program, no authority, mutable,
//!   canonical, seed, UTF-8 encoding, zlib compression, JSON format, direct data, data length)
//!   followed by the data.
//!
//! The Program Metadata program's SBF binary is not in any package registry reachable here, so the
//! metadata account is written in exactly the layout its `initialize` instruction produces for a
//! canonical account (`program/src/processor/initialize.rs` of solana-program/program-metadata)
//! instead of being created by running that program. Its program account is not created.

use std::io::Write;

use anchor_lang::idl::IdlAccount;
use anchor_lang::solana_program::pubkey::Pubkey;
use anchor_lang::{AccountSerialize, Discriminator};
use flate2::{write::ZlibEncoder, Compression};

/// The IDL as checked in (`cip-idl` writes it); what is published is exactly this text.
pub const IDL_JSON: &str = include_str!("../../../idl/contract_insurance.json");

/// The Program Metadata program (solana-program/program-metadata).
pub const PROGRAM_METADATA_ID: Pubkey = anchor_lang::pubkey!("ProgM6JCCvbYkfKqJYHePx4xxSUSqJp7rh8Lyv7nk7S");

/// The seed of a program's IDL metadata account ("idl", zero-padded to 16 bytes).
pub const IDL_SEED: &str = "idl";

/// Program Metadata `Metadata` header length (the data starts at an 8-byte boundary).
pub const METADATA_HEADER_LEN: usize = 96;

/// Anchor `IdlAccount` header length: discriminator, authority, data length.
pub const ANCHOR_IDL_HEADER_LEN: usize = 8 + 32 + 4;

// Program Metadata enums, as their `u8` values in the account (program/src/state/mod.rs).
const ACCOUNT_DISCRIMINATOR_METADATA: u8 = 2;
const ENCODING_UTF8: u8 = 1;
const COMPRESSION_ZLIB: u8 = 2;
const FORMAT_JSON: u8 = 1;
const DATA_SOURCE_DIRECT: u8 = 0;

/// zlib (RFC 1950) at the default level, as the Anchor CLI (`flate2`) and the Program Metadata
/// client (`pako.deflate`) compress IDLs.
pub fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// The Anchor IDL account address of `program_id`.
pub fn anchor_idl_address(program_id: &Pubkey) -> Pubkey {
    IdlAccount::address(program_id)
}

/// Anchor `IdlAccount` data holding `compressed` (zlib of the IDL JSON). The authority is
/// Anchor's "erased" authority (all zeros): nobody can change this IDL, which is re-written from
/// the checked-in file at every start.
pub fn anchor_idl_account_data(compressed: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(ANCHOR_IDL_HEADER_LEN + compressed.len());
    let header = IdlAccount {
        authority: anchor_lang::idl::ERASED_AUTHORITY,
        data_len: u32::try_from(compressed.len()).expect("IDL under 4 GiB"),
    };
    // Discriminator and header, exactly as Anchor writes the account.
    header.try_serialize(&mut data).expect("writing to a Vec cannot fail");
    debug_assert_eq!(data.len(), ANCHOR_IDL_HEADER_LEN);
    debug_assert_eq!(&data[..8], IdlAccount::DISCRIMINATOR);
    data.extend_from_slice(compressed);
    data
}

/// `seed` as the 16 bytes of a Program Metadata seed (UTF-8, zero-padded).
pub fn metadata_seed(seed: &str) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    assert!(seed.len() <= 16, "Program Metadata seeds have at most 16 bytes");
    bytes[..seed.len()].copy_from_slice(seed.as_bytes());
    bytes
}

/// The canonical (upgrade-authority-managed) Program Metadata account of `program_id` for `seed`.
pub fn canonical_metadata_address(program_id: &Pubkey, seed: &str) -> Pubkey {
    Pubkey::find_program_address(&[program_id.as_ref(), &metadata_seed(seed)], &PROGRAM_METADATA_ID).0
}

/// Canonical `idl` metadata account data for `program_id` holding `compressed` (zlib of the
/// IDL JSON): what `initialize` writes for the program's upgrade authority (canonical, no
/// authority stored, mutable) with encoding UTF-8, compression zlib, format JSON, direct data.
pub fn canonical_idl_metadata_data(program_id: &Pubkey, compressed: &[u8]) -> Vec<u8> {
    let mut data = Vec::with_capacity(METADATA_HEADER_LEN + compressed.len());
    data.push(ACCOUNT_DISCRIMINATOR_METADATA);
    data.extend_from_slice(program_id.as_ref());
    data.extend_from_slice(&[0u8; 32]); // authority: None (ZeroableOption) for canonical accounts
    data.push(1); // mutable
    data.push(1); // canonical
    data.extend_from_slice(&metadata_seed(IDL_SEED));
    data.push(ENCODING_UTF8);
    data.push(COMPRESSION_ZLIB);
    data.push(FORMAT_JSON);
    data.push(DATA_SOURCE_DIRECT);
    data.extend_from_slice(&u32::try_from(compressed.len()).expect("IDL under 4 GiB").to_le_bytes());
    data.extend_from_slice(&[0u8; 5]); // padding to 96 bytes
    debug_assert_eq!(data.len(), METADATA_HEADER_LEN);
    data.extend_from_slice(compressed);
    data
}

/// One account to publish: address, owner and data.
#[derive(Debug, Clone)]
pub struct IdlAccountSpec {
    pub what: &'static str,
    pub address: Pubkey,
    pub owner: Pubkey,
    pub data: Vec<u8>,
    /// Where the compressed IDL starts in `data`.
    pub header_len: usize,
}

/// The two IDL accounts of `program_id` holding `idl_json`.
pub fn idl_accounts(program_id: &Pubkey, idl_json: &str) -> [IdlAccountSpec; 2] {
    let compressed = zlib(idl_json.as_bytes());
    [
        IdlAccountSpec {
            what: "Program Metadata idl",
            address: canonical_metadata_address(program_id, IDL_SEED),
            owner: PROGRAM_METADATA_ID,
            data: canonical_idl_metadata_data(program_id, &compressed),
            header_len: METADATA_HEADER_LEN,
        },
        IdlAccountSpec {
            what: "Anchor IDL",
            address: anchor_idl_address(program_id),
            owner: *program_id,
            data: anchor_idl_account_data(&compressed),
            header_len: ANCHOR_IDL_HEADER_LEN,
        },
    ]
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn inflate(data: &[u8]) -> String {
        let mut out = String::new();
        flate2::read::ZlibDecoder::new(data).read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn anchor_idl_account_layout() {
        let program = contract_insurance::ID;
        let [_, anchor] = idl_accounts(&program, IDL_JSON);
        // The address Anchor's CLI and every client derive.
        let base = Pubkey::find_program_address(&[], &program).0;
        assert_eq!(anchor.address, Pubkey::create_with_seed(&base, "anchor:idl", &program).unwrap());
        assert_eq!(anchor.owner, program);
        let data = &anchor.data;
        // sha256("internal:IdlAccount")[..8]: `#[account("internal")] IdlAccount`.
        assert_eq!(&data[..8], &[24, 70, 98, 191, 58, 144, 123, 158]);
        assert_eq!(&data[8..40], &[0u8; 32]);
        let len = u32::from_le_bytes(data[40..44].try_into().unwrap()) as usize;
        assert_eq!(data.len(), ANCHOR_IDL_HEADER_LEN + len);
        assert_eq!(inflate(&data[44..]), IDL_JSON);
    }

    #[test]
    fn program_metadata_account_layout() {
        let program = contract_insurance::ID;
        let [metadata, _] = idl_accounts(&program, IDL_JSON);
        assert_eq!(metadata.owner, PROGRAM_METADATA_ID);
        let mut seed = [0u8; 16];
        seed[..3].copy_from_slice(b"idl");
        assert_eq!(
            metadata.address,
            Pubkey::find_program_address(&[program.as_ref(), &seed], &PROGRAM_METADATA_ID).0
        );
        let data = &metadata.data;
        assert_eq!(data[0], 2, "Metadata discriminator");
        assert_eq!(&data[1..33], program.as_ref());
        assert_eq!(&data[33..65], &[0u8; 32], "canonical: no authority");
        assert_eq!((data[65], data[66]), (1, 1), "mutable, canonical");
        assert_eq!(&data[67..83], &seed);
        assert_eq!(&data[83..87], &[1, 2, 1, 0], "utf8, zlib, json, direct");
        let len = u32::from_le_bytes(data[87..91].try_into().unwrap()) as usize;
        assert_eq!(&data[91..96], &[0u8; 5]);
        assert_eq!(data.len(), METADATA_HEADER_LEN + len);
        assert_eq!(inflate(&data[96..]), IDL_JSON);
    }

    #[test]
    fn published_idl_is_the_programs() {
        let idl: serde_json::Value = serde_json::from_str(IDL_JSON).unwrap();
        assert_eq!(idl["address"], contract_insurance::ID.to_string());
    }
}
