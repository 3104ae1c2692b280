//! `cip-idl`: writes (or with `--check`, verifies) the contract-insurance IDL and its TypeScript
//! types, the way `anchor idl build -o <json> -t <ts>` of anchor-cli 1.2.2 would.
//!
//! ```text
//! cip-idl [--check] [--root DIR] [--program DIR] [--json PATH] [--ts PATH] [--target-dir DIR]
//! ```
//!
//! Paths are relative to `--root` (default: the workspace this binary was built from).
//! Exit status: 0 written / up to date, 1 `--check` found a difference, 2 error.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Result};
use cip_idl::{build_idl, describe_checked_addresses, is_up_to_date, outputs, write, BuildOptions};

const USAGE: &str = "\
cip-idl: build the contract-insurance IDL and TypeScript types (no anchor CLI needed)

USAGE:
    cip-idl [OPTIONS]

OPTIONS:
    --check            Do not write; exit 1 if a checked-in file differs from the generated one
    --root DIR         Workspace root (default: the workspace cip-idl was built from)
    --program DIR      Program crate, relative to the root [programs/contract-insurance]
    --json PATH        IDL JSON output [idl/contract_insurance.json]
    --ts PATH          TypeScript type output [sdk/src/idl/contract_insurance.ts]
                       (the error constants go next to it: contract_insurance_errors.ts)
    --target-dir DIR   Cargo target dir of the IDL build
                       [$CARGO_TARGET_DIR/idl-build, else <root>/target/idl-build]
    -h, --help         Show this help
";

struct Args {
    check: bool,
    root: PathBuf,
    program: PathBuf,
    json: PathBuf,
    ts: PathBuf,
    target_dir: Option<PathBuf>,
}

fn parse_args() -> Result<Option<Args>> {
    let mut args = Args {
        check: false,
        root: PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")),
        program: PathBuf::from("programs/contract-insurance"),
        json: PathBuf::from("idl/contract_insurance.json"),
        ts: PathBuf::from("sdk/src/idl/contract_insurance.ts"),
        target_dir: None,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let mut value =
            |name: &str| iter.next().map(PathBuf::from).ok_or_else(|| anyhow!("{name} needs a value"));
        match arg.as_str() {
            "--check" => args.check = true,
            "--root" => args.root = value("--root")?,
            "--program" => args.program = value("--program")?,
            "--json" => args.json = value("--json")?,
            "--ts" => args.ts = value("--ts")?,
            "--target-dir" => args.target_dir = Some(value("--target-dir")?),
            "-h" | "--help" => return Ok(None),
            other => bail!("unknown argument {other:?}\n\n{USAGE}"),
        }
    }
    Ok(Some(args))
}

fn run(args: Args) -> Result<bool> {
    let root = args.root.canonicalize()?;
    let target_dir = args.target_dir.unwrap_or_else(|| {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"))
            .join("idl-build")
    });
    let mut options = BuildOptions::new(root.join(&args.program));
    options.target_dir = Some(target_dir);

    eprintln!("cip-idl: building the IDL of {:?}", options.program_dir);
    let started = std::time::Instant::now();
    let mut idl = build_idl(&options)?;
    let described = describe_checked_addresses(&mut idl);
    eprintln!("cip-idl: described {described} accounts the builder left without address or seeds");
    eprintln!(
        "cip-idl: {} instructions, {} accounts, {} events, {} types, {} errors ({:.1} s)",
        idl.instructions.len(),
        idl.accounts.len(),
        idl.events.len(),
        idl.types.len(),
        idl.errors.len(),
        started.elapsed().as_secs_f64()
    );

    let files = outputs(&idl, &root.join(&args.json), &root.join(&args.ts))?;
    let mut up_to_date = true;
    for file in &files {
        let shown = file.path.strip_prefix(&root).unwrap_or(&file.path);
        let current = is_up_to_date(file)?;
        if args.check {
            if !current {
                up_to_date = false;
                let what = if file.contents.is_some() {
                    "differs from the program (or is missing)"
                } else {
                    "should not exist"
                };
                eprintln!("cip-idl: {} {what}", shown.display());
            }
        } else if current {
            eprintln!("cip-idl: {} unchanged", shown.display());
        } else {
            write(file)?;
            eprintln!("cip-idl: wrote {}", shown.display());
        }
    }
    if args.check && !up_to_date {
        eprintln!("cip-idl: run `cargo run -p cip-idl` and commit the result");
    }
    Ok(up_to_date || !args.check)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprintln!("cip-idl: {error}");
            return ExitCode::from(2);
        }
    };
    let check = args.check;
    match run(args) {
        Ok(true) => {
            if check {
                eprintln!("cip-idl: IDL files are up to date");
            }
            ExitCode::SUCCESS
        }
        Ok(false) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("cip-idl: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
