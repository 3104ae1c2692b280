//! `cip-validator`: starts a local JSON-RPC validator with the contract-insurance program.
//! See `crates/validator/README.md`.

use std::process::ExitCode;
use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use cip_validator::{bridge::print_stdout, ValidatorConfig};

const USAGE: &str = "\
cip-validator: local Solana JSON-RPC validator with contract-insurance registered natively

USAGE:
    cip-validator [OPTIONS]

OPTIONS:
    --bind HOST              Address to listen on [127.0.0.1]
    --rpc-port PORT          JSON-RPC (HTTP) port [8899]
    --ws-port PORT           Websocket (pubsub) port [RPC port + 1]
    --slot-time-ms MS        Slot time [400, as solana-test-validator]. `confirmed` takes about
                             one slot and a blockhash lives 150 slots: below 250 ms, web3.js
                             helpers that reuse their 30 s blockhash cache (sendAndConfirmTransaction,
                             @solana/spl-token) fail; Anchor's .rpc() works down to 20 ms
    --log-bytes-limit N      Transaction log byte limit, 0 = unlimited [10000]
    --airdrop PUBKEY         Fund PUBKEY at start-up (repeatable)
    --airdrop-sol SOL        SOL per --airdrop address [100]
    --log-transactions       Print one line per processed transaction to stderr
    -h, --help               Show this help

Stop with Ctrl-C or SIGTERM.
";

fn parse_args() -> Result<Option<ValidatorConfig>, String> {
    let mut config = ValidatorConfig::default();
    let mut ws_port = None;
    let mut airdrop_sol = 100u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        fn number<T: FromStr>(name: &str, value: String) -> Result<T, String> {
            value.parse().map_err(|_| format!("{name}: not a valid number: {value:?}"))
        }
        match arg.as_str() {
            "--bind" => config.bind_host = value("--bind")?,
            "--rpc-port" => config.rpc_port = number("--rpc-port", value("--rpc-port")?)?,
            "--ws-port" => ws_port = Some(number("--ws-port", value("--ws-port")?)?),
            "--slot-time-ms" => {
                config.slot_time_ms = number("--slot-time-ms", value("--slot-time-ms")?)?;
                if config.slot_time_ms == 0 {
                    return Err("--slot-time-ms must be at least 1".into());
                }
            }
            "--log-bytes-limit" => {
                let limit: usize = number("--log-bytes-limit", value("--log-bytes-limit")?)?;
                config.log_bytes_limit = (limit > 0).then_some(limit);
            }
            "--airdrop" => {
                let key = value("--airdrop")?;
                config
                    .airdrop_addresses
                    .push(Pubkey::from_str(&key).map_err(|_| format!("--airdrop: bad pubkey {key:?}"))?);
            }
            "--airdrop-sol" => airdrop_sol = number("--airdrop-sol", value("--airdrop-sol")?)?,
            "--log-transactions" => config.log_transactions = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}")),
        }
    }
    config.ws_port = match ws_port {
        Some(port) => port,
        None => config
            .rpc_port
            .checked_add(1)
            .ok_or("--rpc-port 65535 leaves no port for the websocket; pass --ws-port")?,
    };
    config.airdrop_lamports = airdrop_sol.checked_mul(1_000_000_000).ok_or("--airdrop-sol is too large")?;
    Ok(Some(config))
}

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
fn wait_for_stop_signal() -> std::io::Result<&'static str> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        use tokio::signal::unix::{signal, SignalKind};
        let mut terminate = signal(SignalKind::terminate())?;
        let mut interrupt = signal(SignalKind::interrupt())?;
        Ok(tokio::select! {
            _ = terminate.recv() => "SIGTERM",
            _ = interrupt.recv() => "SIGINT",
        })
    })
}

fn main() -> ExitCode {
    let config = match parse_args() {
        Ok(Some(config)) => config,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("cip-validator: {message}");
            return ExitCode::from(2);
        }
    };

    let validator = match cip_validator::start(config) {
        Ok(validator) => validator,
        Err(error) => {
            eprintln!("cip-validator: {error}");
            return ExitCode::FAILURE;
        }
    };
    let idl_lines: String = validator
        .idl_accounts
        .iter()
        .map(|account| {
            format!(
                "IDL ({}): {} ({} bytes, zlib {} of {})\n",
                account.what, account.address, account.size, account.compressed, account.raw
            )
        })
        .collect();
    print_stdout(&format!(
        "Program: {} (contract-insurance, native)\n{idl_lines}JSON RPC URL: {}\nWebSocket URL: {}\n\
         cip-validator ready in {} ms (slot time {} ms); Ctrl-C to stop",
        contract_insurance::ID,
        validator.config.rpc_url(),
        validator.config.ws_url(),
        validator.startup.as_millis(),
        validator.config.slot_time_ms,
    ));

    let signal = wait_for_stop_signal();
    match &signal {
        Ok(name) => eprintln!("cip-validator: {name}, shutting down"),
        Err(error) => eprintln!("cip-validator: cannot wait for signals ({error}), shutting down"),
    }
    validator.shutdown();
    print_stdout("cip-validator stopped");
    if signal.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
