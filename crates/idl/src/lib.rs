//! IDL generation for the contract-insurance program without the `anchor` CLI.
//!
//! [`build_idl`] runs the same builder `anchor idl build` (anchor-cli 1.2.2) runs: the
//! `anchor-lang-idl` crate compiles the program's `idl-build` test functions and collects what
//! they print. [`idl_json`], [`idl_ts`] and [`idl_ts_errors`] reproduce, byte for byte, the three
//! files anchor-cli 1.2.2 writes from that IDL:
//!
//! | anchor-cli 1.2.2 | here |
//! |---|---|
//! | `write_idl` → `target/idl/<name>.json` | [`idl_json`] |
//! | `idl_ts` → `target/types/<name>.ts` | [`idl_ts`] |
//! | `idl_ts_errors` → `target/types/<name>_errors.ts` | [`idl_ts_errors`] |
//!
//! The functions are ports of anchor-cli 1.2.2's `src/lib.rs` (same crates: `serde_json`'s pretty
//! printer, `heck` 0.5's `ToLowerCamelCase`, a base58 32-byte check for "is this a pubkey").

use std::path::{Path, PathBuf};

use anchor_lang_idl::build::IdlBuilder;
pub use anchor_lang_idl::types::Idl;
use anyhow::{anyhow, Context, Result};
use heck::{ToLowerCamelCase, ToPascalCase};
use serde_json::Value as JsonValue;

/// Anchor's `event-cpi` instruction tag (`anchor_lang::event::EVENT_IX_TAG_LE`), copied so this
/// crate does not depend on `anchor-lang`.
const EVENT_IX_TAG_LE: [u8; 8] = [0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d];

/// Options of one IDL build. The defaults are those of `anchor idl build` in a workspace
/// without `[features]` overrides in `Anchor.toml`: account resolution on, lint on, docs on.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The program crate's directory (the one with the `idl-build` feature).
    pub program_dir: PathBuf,
    /// Cargo target directory for the IDL build. The builder compiles every dependency with its
    /// own `RUSTFLAGS`, so sharing the normal target directory would invalidate it each time.
    pub target_dir: Option<PathBuf>,
    pub resolution: bool,
    pub skip_lint: bool,
    pub no_docs: bool,
}

impl BuildOptions {
    pub fn new(program_dir: impl Into<PathBuf>) -> Self {
        BuildOptions {
            program_dir: program_dir.into(),
            target_dir: None,
            resolution: true,
            skip_lint: false,
            no_docs: false,
        }
    }
}

/// Builds the program's IDL exactly as anchor-cli 1.2.2's `generate_idl` does.
///
/// The builder shells out to `cargo test __anchor_private_print_idl --features idl-build` in the
/// program directory. It honours `RUSTUP_TOOLCHAIN` by running `cargo +<toolchain>` (and trying
/// to install that toolchain), which fails inside a `cargo run` (cargo sets `RUSTUP_TOOLCHAIN`
/// for its children), so the variable is removed from this process first.
pub fn build_idl(options: &BuildOptions) -> Result<Idl> {
    check_idl_build_feature(&options.program_dir)?;

    // SAFETY (edition 2021 `set_var`/`remove_var`): called from the single main thread before
    // the builder spawns its child process; nothing else reads the environment concurrently.
    std::env::remove_var("RUSTUP_TOOLCHAIN");
    if let Some(target_dir) = &options.target_dir {
        std::env::set_var("CARGO_TARGET_DIR", target_dir);
    }

    let idl = IdlBuilder::new()
        .program_path(
            options
                .program_dir
                .canonicalize()
                .with_context(|| format!("program directory {:?}", options.program_dir))?,
        )
        .resolution(options.resolution)
        .skip_lint(options.skip_lint)
        .no_docs(options.no_docs)
        .build()
        .context("building the IDL (set ANCHOR_LOG=1 to see the builder's test output)")?;

    // Same warning as anchor-cli: an instruction discriminator that is a prefix of the
    // `event-cpi` tag would be shadowed by event self-CPIs.
    for ix in idl.instructions.iter().filter(|ix| EVENT_IX_TAG_LE.starts_with(&ix.discriminator)) {
        eprintln!("Warning: Instruction conflicts with `event-cpi` instruction discriminator: `{}`", ix.name);
    }
    Ok(idl)
}

/// anchor-cli refuses to build when the program's manifest has no `idl-build` feature.
fn check_idl_build_feature(program_dir: &Path) -> Result<()> {
    let manifest_path = program_dir.join("Cargo.toml");
    let manifest =
        std::fs::read_to_string(&manifest_path).with_context(|| format!("reading {manifest_path:?}"))?;
    let has_feature =
        manifest.lines().map(str::trim).any(|line| line.starts_with("idl-build") && line.contains('='));
    if !has_feature {
        return Err(anyhow!(
            "`idl-build` feature is missing in {manifest_path:?}; add\n\n[features]\nidl-build = [\"anchor-lang/idl-build\", \"anchor-spl/idl-build\"]"
        ));
    }
    Ok(())
}

/// The JSON file: anchor-cli's `write_idl` (`serde_json::to_string_pretty`, no trailing newline).
pub fn idl_json(idl: &Idl) -> Result<String> {
    Ok(serde_json::to_string_pretty(idl)?)
}

/// The TypeScript type file: anchor-cli 1.2.2's `idl_ts`.
///
/// Every IDL identifier (the values of `name`, `path`, `account`, `relations` and `generic`
/// keys, recursively) is converted to lowerCamelCase piece by piece around `.` separators;
/// strings that parse as a pubkey are left alone. Other values (docs, error messages, constant
/// values, addresses) are unchanged.
pub fn idl_ts(idl: &Idl) -> Result<String> {
    let idl_name = &idl.metadata.name;
    let type_name = idl_name.to_pascal_case();
    let mut camel_idl = serde_json::to_value(idl)?;
    camel_case_idl_identifiers(&mut camel_idl);
    let camel_idl = serde_json::to_string_pretty(&serde_json::from_value::<Idl>(camel_idl)?)?;

    Ok(format!(
        r#"/**
 * Program IDL in camelCase format in order to be used in JS/TS.
 *
 * Note that this is only a type helper and is not the actual IDL. The original
 * IDL can be found at `target/idl/{idl_name}.json`.
 */
export type {type_name} = {camel_idl};
"#
    ))
}

fn camel_case_idl_identifiers(value: &mut JsonValue) {
    match value {
        JsonValue::Array(values) => {
            for value in values {
                camel_case_idl_identifiers(value);
            }
        }
        JsonValue::Object(map) => {
            for (key, value) in map {
                if is_idl_identifier_key(key) {
                    camel_case_idl_identifier(value);
                } else {
                    camel_case_idl_identifiers(value);
                }
            }
        }
        _ => {}
    }
}

fn camel_case_idl_identifier(value: &mut JsonValue) {
    match value {
        JsonValue::String(s) => {
            if solana_pubkey::Pubkey::try_from(s.as_str()).is_err() {
                *s = s.split('.').map(ToLowerCamelCase::to_lower_camel_case).collect::<Vec<_>>().join(".");
            }
        }
        JsonValue::Array(values) => {
            for value in values {
                camel_case_idl_identifier(value);
            }
        }
        _ => camel_case_idl_identifiers(value),
    }
}

fn is_idl_identifier_key(key: &str) -> bool {
    matches!(key, "name" | "path" | "account" | "relations" | "generic")
}

/// The error-code constants file anchor-cli 1.2.2 writes next to the type file
/// (`<name>_errors.ts`); `None` when the program defines no errors (anchor then deletes the file).
pub fn idl_ts_errors(idl: &Idl) -> Option<String> {
    if idl.errors.is_empty() {
        return None;
    }

    let idl_name = &idl.metadata.name;
    let type_name = idl_name.to_pascal_case();
    let error_code_name = format!("{type_name}ErrorCode");

    let error_entries: Vec<String> =
        idl.errors.iter().map(|error| format!("  {}: {}", error.name, error.code)).collect();

    Some(format!(
        r#"
export const {error_code_name} = {{
{errors}
}};

export type {type_name}ErrorName = keyof typeof {error_code_name};
"#,
        errors = error_entries.join(",\n")
    ))
}

/// One generated file: where it goes and what it must contain (`None`: must not exist).
#[derive(Debug, Clone)]
pub struct Output {
    pub path: PathBuf,
    pub contents: Option<String>,
}

/// The files generated from `idl`: the JSON at `json_path`, the type file at `ts_path` and the
/// error constants file next to it (named `<idl name>_errors.ts`, as anchor-cli does).
pub fn outputs(idl: &Idl, json_path: &Path, ts_path: &Path) -> Result<Vec<Output>> {
    let errors_path =
        ts_path.parent().unwrap_or_else(|| Path::new(".")).join(format!("{}_errors.ts", idl.metadata.name));
    Ok(vec![
        Output { path: json_path.to_path_buf(), contents: Some(idl_json(idl)?) },
        Output { path: ts_path.to_path_buf(), contents: Some(idl_ts(idl)?) },
        Output { path: errors_path, contents: idl_ts_errors(idl) },
    ])
}

/// Whether the file on disk matches what [`Output`] says it must be.
pub fn is_up_to_date(output: &Output) -> Result<bool> {
    match (&output.contents, std::fs::read_to_string(&output.path)) {
        (Some(expected), Ok(actual)) => Ok(*expected == actual),
        (None, Err(error)) if error.kind() == std::io::ErrorKind::NotFound => Ok(true),
        (None, Ok(_)) => Ok(false),
        (Some(_), Err(error)) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        (_, Err(error)) => Err(error).with_context(|| format!("reading {:?}", output.path)),
    }
}

/// Writes (or removes) the file, creating its directory.
pub fn write(output: &Output) -> Result<()> {
    match &output.contents {
        Some(contents) => {
            if let Some(dir) = output.path.parent() {
                std::fs::create_dir_all(dir).with_context(|| format!("creating {dir:?}"))?;
            }
            std::fs::write(&output.path, contents).with_context(|| format!("writing {:?}", output.path))
        }
        None => match std::fs::remove_file(&output.path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(error).with_context(|| format!("removing {:?}", output.path)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang_idl::types::*;

    /// anchor-cli 1.2.2's own `idl_ts_preserves_literal_values` test, ported.
    fn sample_idl() -> Idl {
        Idl {
            address: "11111111111111111111111111111111".to_string(),
            metadata: IdlMetadata {
                name: "test_program".to_string(),
                version: "0.1.0".to_string(),
                spec: "0.1.0".to_string(),
                description: None,
                repository: None,
                dependencies: Vec::new(),
                contact: None,
                deployments: None,
            },
            docs: Vec::new(),
            instructions: vec![IdlInstruction {
                name: "do_thing".to_string(),
                docs: Vec::new(),
                discriminator: vec![0, 1, 2, 3, 4, 5, 6, 7],
                accounts: vec![IdlInstructionAccountItem::Single(IdlInstructionAccount {
                    name: "target_account".to_string(),
                    docs: Vec::new(),
                    writable: false,
                    signer: false,
                    optional: false,
                    address: None,
                    pda: Some(IdlPda {
                        seeds: vec![IdlSeed::Account(IdlSeedAccount {
                            path: "source_account.authority".to_string(),
                            account: Some("source_account".to_string()),
                        })],
                        program: None,
                    }),
                    relations: vec!["source_account".to_string()],
                })],
                args: vec![IdlField { name: "some_arg".to_string(), docs: Vec::new(), ty: IdlType::U8 }],
                returns: None,
            }],
            accounts: vec![IdlAccount {
                name: "source_account".to_string(),
                discriminator: vec![8, 7, 6, 5, 4, 3, 2, 1],
            }],
            events: Vec::new(),
            errors: vec![IdlErrorCode {
                code: 6000,
                name: "Unauthorized".to_string(),
                msg: Some("Unauthorized".to_string()),
            }],
            types: vec![IdlTypeDef {
                name: "wrapper_type".to_string(),
                docs: Vec::new(),
                serialization: Default::default(),
                repr: None,
                generics: vec![IdlTypeDefGeneric::Type { name: "item_type".to_string() }],
                ty: IdlTypeDefTy::Type {
                    alias: IdlType::Defined {
                        name: "generic_holder".to_string(),
                        generics: vec![
                            IdlGenericArg::Type { ty: IdlType::Generic("item_type".to_string()) },
                            IdlGenericArg::Const { value: "SEED_PREFIX".to_string() },
                        ],
                    },
                },
            }],
            constants: vec![IdlConst {
                name: "seed_prefix".to_string(),
                docs: Vec::new(),
                ty: IdlType::String,
                value: "SEED_PREFIX".to_string(),
            }],
        }
    }

    #[test]
    fn idl_ts_preserves_literal_values() {
        let ts = idl_ts(&sample_idl()).unwrap();
        assert!(ts.contains("export type TestProgram = {"));
        assert!(ts.contains(r#""name": "doThing""#));
        assert!(ts.contains(r#""name": "targetAccount""#));
        assert!(ts.contains(r#""path": "sourceAccount.authority""#));
        assert!(ts.contains(r#""account": "sourceAccount""#));
        assert!(ts.contains(r#""name": "someArg""#));
        assert!(ts.contains(r#""name": "sourceAccount""#));
        assert!(ts.contains(r#""name": "unauthorized""#));
        assert!(ts.contains(r#""msg": "Unauthorized""#));
        assert!(ts.contains(r#""name": "wrapperType""#));
        assert!(ts.contains(r#""name": "itemType""#));
        assert!(ts.contains(r#""name": "genericHolder""#));
        assert!(ts.contains(r#""generic": "itemType""#));
        assert!(ts.contains(r#""name": "seedPrefix""#));
        assert!(ts.contains(r#""value": "SEED_PREFIX""#));
        // Addresses are values of `address`, not identifiers: untouched.
        assert!(ts.contains(r#""address": "11111111111111111111111111111111""#));
        assert!(ts.ends_with("};\n"));
    }

    #[test]
    fn pubkey_identifiers_are_not_converted() {
        let mut value = serde_json::json!({
            "name": "Tokenkeg_QfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA",
            "relations": ["TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", "mark_price_e8"],
        });
        camel_case_idl_identifiers(&mut value);
        // Not a valid base58 pubkey (underscore): converted. A real pubkey: kept.
        let converted = value["name"].as_str().unwrap();
        assert!(converted.starts_with("tokenkegQfe"), "{converted}");
        assert!(!converted.contains('_'), "{converted}");
        assert_eq!(value["relations"][0], "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
        // heck 0.5 keeps digits attached to the preceding word.
        assert_eq!(value["relations"][1], "markPriceE8");
    }

    #[test]
    fn json_has_no_trailing_newline_and_round_trips() {
        let json = idl_json(&sample_idl()).unwrap();
        assert!(json.ends_with('}'));
        let back: Idl = serde_json::from_str(&json).unwrap();
        assert_eq!(idl_json(&back).unwrap(), json);
    }

    #[test]
    fn error_constants_file() {
        let errors = idl_ts_errors(&sample_idl()).unwrap();
        assert_eq!(
            errors,
            "\nexport const TestProgramErrorCode = {\n  Unauthorized: 6000\n};\n\nexport type TestProgramErrorName = keyof typeof TestProgramErrorCode;\n"
        );
        let mut no_errors = sample_idl();
        no_errors.errors.clear();
        assert!(idl_ts_errors(&no_errors).is_none());
    }

    #[test]
    fn up_to_date_check_detects_changes_and_stale_files() {
        let dir = std::env::temp_dir().join(format!("cip-idl-test-{}", std::process::id()));
        let file = dir.join("sub/out.ts");
        let output = Output { path: file.clone(), contents: Some("a".into()) };
        assert!(!is_up_to_date(&output).unwrap());
        write(&output).unwrap();
        assert!(is_up_to_date(&output).unwrap());
        std::fs::write(&file, "b").unwrap();
        assert!(!is_up_to_date(&output).unwrap());
        let absent = Output { path: file.clone(), contents: None };
        assert!(!is_up_to_date(&absent).unwrap());
        write(&absent).unwrap();
        assert!(is_up_to_date(&absent).unwrap());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

/// Describes, in the IDL, accounts whose address the program checks in code that Anchor's IDL
/// builder cannot see, so that generated clients (Codama) and explorers can resolve them:
///
/// - `event_authority` of every `#[event_cpi]` instruction: the PDA of `"__event_authority"`
///   (the event-cpi macro checks it against a precomputed address, which the builder leaves out);
/// - `program` of every `#[event_cpi]` instruction: the program's own address;
/// - `vault` next to `pool`, `premium_mint` and `token_program`: the pool's associated token
///   account (the program checks `address = pool.vault`, which `initialize_pool` set to exactly
///   this ATA).
///
/// Each only fills what the builder left empty, so a later Anchor that describes these itself
/// makes this a no-op. Returns how many accounts it described.
pub fn describe_checked_addresses(idl: &mut Idl) -> usize {
    use anchor_lang_idl::types::{IdlInstructionAccountItem, IdlPda, IdlSeed, IdlSeedAccount, IdlSeedConst};
    const ASSOCIATED_TOKEN_PROGRAM: &str = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL";
    let program_id = idl.address.clone();
    let ata_program = solana_pubkey::Pubkey::from_str_const(ASSOCIATED_TOKEN_PROGRAM).to_bytes().to_vec();
    let account_seed =
        |path: &str| IdlSeed::Account(IdlSeedAccount { path: path.to_string(), account: None });
    let mut described = 0;
    for instruction in &mut idl.instructions {
        let names: Vec<String> = instruction
            .accounts
            .iter()
            .filter_map(|item| match item {
                IdlInstructionAccountItem::Single(account) => Some(account.name.clone()),
                IdlInstructionAccountItem::Composite(_) => None,
            })
            .collect();
        let has = |name: &str| names.iter().any(|candidate| candidate == name);
        let is_event_cpi = has("event_authority") && has("program");
        let has_vault_keys = has("pool") && has("premium_mint") && has("token_program");
        for item in &mut instruction.accounts {
            let IdlInstructionAccountItem::Single(account) = item else {
                continue;
            };
            if account.address.is_some() || account.pda.is_some() {
                continue;
            }
            match account.name.as_str() {
                "event_authority" if is_event_cpi => {
                    account.pda = Some(IdlPda {
                        seeds: vec![IdlSeed::Const(IdlSeedConst { value: b"__event_authority".to_vec() })],
                        program: None,
                    });
                }
                "program" if is_event_cpi => account.address = Some(program_id.clone()),
                "vault" if has_vault_keys => {
                    account.pda = Some(IdlPda {
                        seeds: vec![
                            account_seed("pool"),
                            account_seed("token_program"),
                            account_seed("premium_mint"),
                        ],
                        program: Some(IdlSeed::Const(IdlSeedConst { value: ata_program.clone() })),
                    });
                }
                _ => continue,
            }
            described += 1;
        }
    }
    described
}

#[cfg(test)]
mod describe_tests {
    use super::*;

    fn idl_with(accounts: &[&str]) -> Idl {
        let json = serde_json::json!({
            "address": "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5",
            "metadata": {"name": "contract_insurance", "version": "0.1.0", "spec": "0.1.0"},
            "instructions": [{
                "name": "x",
                "discriminator": [1, 2, 3, 4, 5, 6, 7, 8],
                "accounts": accounts.iter().map(|name| serde_json::json!({"name": name})).collect::<Vec<_>>(),
                "args": []
            }]
        });
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn event_cpi_pair_and_vault_are_described_once() {
        let mut idl =
            idl_with(&["pool", "premium_mint", "vault", "token_program", "event_authority", "program"]);
        assert_eq!(describe_checked_addresses(&mut idl), 3);
        let json = serde_json::to_value(&idl.instructions[0].accounts).unwrap();
        assert_eq!(json[4]["pda"]["seeds"][0]["value"], serde_json::json!(b"__event_authority".to_vec()));
        assert_eq!(json[5]["address"], "CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5");
        assert_eq!(json[2]["pda"]["seeds"][1]["path"], "token_program");
        assert_eq!(describe_checked_addresses(&mut idl), 0, "already described: a no-op");
    }

    #[test]
    fn a_vault_without_its_seed_accounts_is_left_alone() {
        let mut idl = idl_with(&["pool", "vault"]);
        assert_eq!(describe_checked_addresses(&mut idl), 0);
    }
}
