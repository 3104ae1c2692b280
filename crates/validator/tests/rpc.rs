//! cip-validator over its real JSON-RPC interface, from Rust: no Node needed.
//!
//! `harness = false`: libtest captures `print!` per test thread (and threads spawned from it), so
//! under it the program's `msg!` output would never reach the stdout file descriptor the log
//! bridge reads. This file has its own small runner instead.
//!
//! Transactions are built with the same instruction builders as the integration tests
//! (`cip-harness`), signed with `solana-sdk`, and sent as base64 over HTTP; responses are
//! checked as raw JSON, exactly as a client sees them.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator};
use base64::{prelude::BASE64_STANDARD, Engine};
use cip_harness::{fixture::btc_market_params, ix, pda};
use cip_validator::ValidatorConfig;
use contract_insurance::events::PoolInitialized;
use contract_insurance::presets::{default_config, LevelPreset};
use contract_insurance::state::{PoolRoles, ReferralNode};
use contract_insurance::{InitializePoolArgs, ValidatedPrice};
use serde_json::{json, Value};
use solana_sdk::{
    instruction::Instruction,
    signature::{Keypair, Signer},
    transaction::Transaction,
};

const EVENT_IX_TAG_LE: &[u8] = anchor_lang::event::EVENT_IX_TAG_LE;

/// Minimal blocking JSON-RPC client (HTTP/1.1, one request per connection).
struct Rpc {
    addr: String,
}

impl Rpc {
    fn call_raw(&self, method: &str, params: Value) -> Value {
        let body = json!({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).to_string();
        let mut stream = TcpStream::connect(&self.addr).expect("connect to the RPC port");
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(
            stream,
            "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
            self.addr,
            body.len(),
            body
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8(response).expect("UTF-8 response");
        let (head, body) = response.split_once("\r\n\r\n").expect("HTTP response");
        let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            dechunk(body)
        } else {
            body.to_string()
        };
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{method}: bad JSON ({e}): {body}"))
    }

    /// The `result` of a call; panics on a JSON-RPC error.
    fn call(&self, method: &str, params: Value) -> Value {
        let response = self.call_raw(method, params);
        if let Some(error) = response.get("error") {
            panic!("{method} failed: {error}");
        }
        response["result"].clone()
    }

    fn latest_blockhash(&self) -> solana_sdk::hash::Hash {
        let result = self.call("getLatestBlockhash", json!([{"commitment": "confirmed"}]));
        result["value"]["blockhash"].as_str().unwrap().parse().unwrap()
    }

    fn transaction(&self, instructions: &[Instruction], signers: &[&Keypair]) -> String {
        let tx = Transaction::new_signed_with_payer(
            instructions,
            Some(&signers[0].pubkey()),
            signers,
            self.latest_blockhash(),
        );
        BASE64_STANDARD.encode(bincode::serialize(&tx).unwrap())
    }

    /// Sends and waits for `confirmed`; returns the signature.
    fn send(&self, instructions: &[Instruction], signers: &[&Keypair]) -> String {
        let tx = self.transaction(instructions, signers);
        let signature = self
            .call("sendTransaction", json!([tx, {"encoding": "base64", "preflightCommitment": "confirmed"}]));
        let signature = signature.as_str().unwrap().to_string();
        self.wait_confirmed(&signature);
        signature
    }

    fn wait_confirmed(&self, signature: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let statuses =
                self.call("getSignatureStatuses", json!([[signature], {"searchTransactionHistory": true}]));
            let status = &statuses["value"][0];
            if let Some(level) = status["confirmationStatus"].as_str() {
                assert!(status["err"].is_null(), "{signature} failed: {status}");
                if level == "confirmed" || level == "finalized" {
                    return;
                }
            }
            assert!(Instant::now() < deadline, "{signature} not confirmed in 10 s");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    fn logs(&self, signature: &str) -> (Vec<String>, Value) {
        let tx = self.call(
            "getTransaction",
            json!([signature, {"encoding": "json", "commitment": "confirmed",
                   "maxSupportedTransactionVersion": 0}]),
        );
        let logs = tx["meta"]["logMessages"]
            .as_array()
            .expect("logMessages")
            .iter()
            .map(|line| line.as_str().unwrap().to_string())
            .collect();
        (logs, tx)
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = body.split_once("\r\n").expect("chunk size");
        let size = usize::from_str_radix(size.trim(), 16).expect("hex chunk size");
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        body = &rest[size + 2..];
    }
}

type Step = fn(&Ctx);

struct Ctx {
    rpc: Rpc,
    admin: Keypair,
    oracle: Keypair,
    mint: Keypair,
    keys: ix::PoolKeys,
}

fn program_id() -> String {
    contract_insurance::ID.to_string()
}

/// A validator's transaction log never repeats a line back to back in these transactions
/// (the native runtime's duplicate invoke/success lines must be gone).
fn assert_no_duplicates(logs: &[String]) {
    for pair in logs.windows(2) {
        assert_ne!(pair[0], pair[1], "duplicate log line in {logs:#?}");
    }
}

fn health(ctx: &Ctx) {
    assert_eq!(ctx.rpc.call("getHealth", json!([])), "ok");
    let account = ctx.rpc.call("getAccountInfo", json!([program_id(), {"encoding": "base64"}]));
    assert_eq!(account["value"]["owner"], "NativeLoader1111111111111111111111111111111");
    assert_eq!(account["value"]["executable"], true);
}

/// Both IDL accounts are served at start-up, byte for byte what `cip_validator::idl` builds from
/// the checked-in IDL, owned as a cluster would have them and rent-exempt.
fn idl_accounts(ctx: &Ctx) {
    for expected in cip_validator::idl::idl_accounts(&contract_insurance::ID, cip_validator::idl::IDL_JSON) {
        let account =
            ctx.rpc.call("getAccountInfo", json!([expected.address.to_string(), {"encoding": "base64"}]));
        let value = &account["value"];
        assert_eq!(value["owner"], expected.owner.to_string(), "{}", expected.what);
        let data = BASE64_STANDARD.decode(value["data"][0].as_str().unwrap()).unwrap();
        assert_eq!(data, expected.data, "{}", expected.what);
        let rent = ctx.rpc.call("getMinimumBalanceForRentExemption", json!([data.len()]));
        assert!(value["lamports"].as_u64().unwrap() >= rent.as_u64().unwrap(), "{}", expected.what);
    }
}

fn fund(ctx: &Ctx) {
    for key in [ctx.admin.pubkey(), ctx.oracle.pubkey()] {
        let signature = ctx.rpc.call("requestAirdrop", json!([key.to_string(), 100_000_000_000u64]));
        ctx.rpc.wait_confirmed(signature.as_str().unwrap());
    }
    let balance = ctx.rpc.call("getBalance", json!([ctx.admin.pubkey().to_string()]));
    assert_eq!(balance["value"], 100_000_000_000u64);
}

fn create_mint(ctx: &Ctx) {
    use anchor_lang::solana_program::{program_pack::Pack, system_instruction};
    use anchor_spl::token::spl_token;
    let rent = ctx.rpc.call("getMinimumBalanceForRentExemption", json!([spl_token::state::Mint::LEN]));
    let create = system_instruction::create_account(
        &ctx.admin.pubkey(),
        &ctx.mint.pubkey(),
        rent.as_u64().unwrap(),
        spl_token::state::Mint::LEN as u64,
        &spl_token::ID,
    );
    let init = spl_token::instruction::initialize_mint2(
        &spl_token::ID,
        &ctx.mint.pubkey(),
        &ctx.admin.pubkey(),
        None,
        6,
    )
    .unwrap();
    ctx.rpc.send(&[create, init], &[&ctx.admin, &ctx.mint]);
}

fn initialize_pool_logs_and_event(ctx: &Ctx) {
    let args = InitializePoolArgs {
        roles: PoolRoles {
            reporter: Pubkey::new_unique(),
            oracle_authority: ctx.oracle.pubkey(),
            reviewer: Pubkey::new_unique(),
        },
        config: default_config(6, LevelPreset::A),
        levels: LevelPreset::A.levels(6),
    };
    let signature = ctx.rpc.send(&[ix::initialize_pool(&ctx.admin.pubkey(), &ctx.keys, args)], &[&ctx.admin]);
    let (logs, tx) = ctx.rpc.logs(&signature);
    let id = program_id();
    assert_eq!(logs[0], format!("Program {id} invoke [1]"));
    assert_eq!(logs[1], "Program log: Instruction: InitializePool");
    assert_eq!(logs.last().unwrap(), &format!("Program {id} success"));
    assert!(logs[logs.len() - 2].starts_with(&format!("Program {id} consumed ")), "{logs:#?}");
    // CPIs appear once, at their real stack height.
    assert!(logs.contains(&format!("Program {} invoke [2]", anchor_spl::associated_token::ID)));
    assert!(!logs
        .iter()
        .any(|line| line == &format!("Program {} invoke [1]", anchor_spl::associated_token::ID)));
    assert_no_duplicates(&logs);

    // The emit_cpi! event, from the inner instructions.
    let keys: Vec<String> = tx["transaction"]["message"]["accountKeys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|key| key.as_str().unwrap().to_string())
        .collect();
    let events: Vec<Vec<u8>> = tx["meta"]["innerInstructions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["instructions"].as_array().unwrap().clone())
        .filter(|inner| keys[inner["programIdIndex"].as_u64().unwrap() as usize] == id)
        .map(|inner| bs58::decode(inner["data"].as_str().unwrap()).into_vec().unwrap())
        .filter(|data| data.starts_with(EVENT_IX_TAG_LE))
        .map(|data| data[EVENT_IX_TAG_LE.len()..].to_vec())
        .collect();
    assert_eq!(events.len(), 1, "one event expected");
    assert!(events[0].starts_with(PoolInitialized::DISCRIMINATOR));
    let event = PoolInitialized::try_from_slice(&events[0][PoolInitialized::DISCRIMINATOR.len()..]).unwrap();
    assert_eq!(event.pool, ctx.keys.pool);
    assert_eq!(event.vault, ctx.keys.vault);
    assert_eq!(event.roles.oracle_authority, ctx.oracle.pubkey());
}

fn register_and_scan(ctx: &Ctx) {
    let trader = Keypair::new();
    let fund = anchor_lang::solana_program::system_instruction::transfer(
        &ctx.admin.pubkey(),
        &trader.pubkey(),
        1_000_000_000,
    );
    let register = ix::register(&trader.pubkey(), &ctx.keys.pool, None);
    let signature = ctx.rpc.send(&[fund, register], &[&ctx.admin, &trader]);
    let (logs, _) = ctx.rpc.logs(&signature);
    assert!(logs.contains(&"Program log: Instruction: Register".to_string()));
    assert_no_duplicates(&logs);

    // getProgramAccounts with a memcmp on the account discriminator.
    let nodes = ctx.rpc.call(
        "getProgramAccounts",
        json!([program_id(), {"encoding": "base64", "filters": [
            {"memcmp": {"offset": 0, "bytes": bs58::encode(ReferralNode::DISCRIMINATOR).into_string()}}
        ]}]),
    );
    let nodes = nodes.as_array().unwrap();
    assert_eq!(nodes.len(), 1);
    assert_eq!(nodes[0]["pubkey"], pda::referral_node(&ctx.keys.pool, &trader.pubkey()).to_string());
}

fn failed_preflight_is_a_validator_error(ctx: &Ctx) {
    let trader = Keypair::new();
    let signature = ctx.rpc.call("requestAirdrop", json!([trader.pubkey().to_string(), 1_000_000_000u64]));
    ctx.rpc.wait_confirmed(signature.as_str().unwrap());
    let own_node = pda::referral_node(&ctx.keys.pool, &trader.pubkey());
    let tx =
        ctx.rpc.transaction(&[ix::register(&trader.pubkey(), &ctx.keys.pool, Some(own_node))], &[&trader]);
    let response = ctx
        .rpc
        .call_raw("sendTransaction", json!([tx, {"encoding": "base64", "preflightCommitment": "confirmed"}]));
    let error = &response["error"];
    assert_eq!(error["code"], -32002, "{response}");
    let self_referral = u32::from(contract_insurance::error::CipError::SelfReferral);
    assert_eq!(error["data"]["err"], json!({"InstructionError": [0, {"Custom": self_referral}]}));
    let logs: Vec<String> = error["data"]["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap().to_string())
        .collect();
    let id = program_id();
    assert_eq!(logs[0], format!("Program {id} invoke [1]"));
    assert_eq!(logs[1], "Program log: Instruction: Register");
    assert!(
        logs[2].starts_with("Program log: AnchorError thrown in ")
            && logs[2].ends_with(&format!(
                "Error Code: SelfReferral. Error Number: {self_referral}. Error Message: A wallet cannot refer itself."
            )),
        "{logs:#?}"
    );
    assert_eq!(
        logs.last().unwrap(),
        &format!("Program {id} failed: custom program error: {self_referral:#x}")
    );
    assert_no_duplicates(&logs);
}

fn simulate_returns_mark_price(ctx: &Ctx) {
    let market = pda::market(&ctx.keys.pool, 1);
    ctx.rpc
        .send(&[ix::add_market(&ctx.admin.pubkey(), &ctx.keys.pool, 1, btc_market_params())], &[&ctx.admin]);
    // The program checks publish times against the Clock sysvar.
    let clock = ctx.rpc.call(
        "getAccountInfo",
        json!(["SysvarC1ock11111111111111111111111111111111", {"encoding": "base64"}]),
    );
    let clock = BASE64_STANDARD.decode(clock["value"]["data"][0].as_str().unwrap()).unwrap();
    let now = i64::from_le_bytes(clock[32..40].try_into().unwrap());
    ctx.rpc.send(
        &[ix::post_mark_price(&ctx.oracle.pubkey(), &ctx.keys.pool, &market, 65_000_000_000, 1_000_000, now)],
        &[&ctx.oracle],
    );

    let tx = ctx.rpc.transaction(&[ix::get_mark_price(&ctx.keys.pool, &market)], &[&ctx.admin]);
    let simulation =
        ctx.rpc.call("simulateTransaction", json!([tx, {"encoding": "base64", "commitment": "confirmed"}]));
    let value = &simulation["value"];
    assert!(value["err"].is_null(), "{value}");
    assert_eq!(value["returnData"]["programId"], program_id());
    let data = BASE64_STANDARD.decode(value["returnData"]["data"][0].as_str().unwrap()).unwrap();
    let price = ValidatedPrice::try_from_slice(&data).unwrap();
    assert_eq!(price.price, 65_000_000_000);
    assert_eq!(price.publish_time, now);
    // The BPF loader's "Program return:" line, which Anchor's .view() reads.
    let logs = value["logs"].as_array().unwrap();
    let expected =
        format!("Program return: {} {}", program_id(), value["returnData"]["data"][0].as_str().unwrap());
    assert!(logs.iter().any(|line| line.as_str() == Some(&expected)), "{logs:#?}");
}

/// The cluster's clock (the Clock sysvar's `unix_timestamp`).
fn cluster_time(ctx: &Ctx) -> i64 {
    let clock = ctx.rpc.call(
        "getAccountInfo",
        json!(["SysvarC1ock11111111111111111111111111111111", {"encoding": "base64", "commitment": "confirmed"}]),
    );
    let data = BASE64_STANDARD.decode(clock["value"]["data"][0].as_str().unwrap()).unwrap();
    i64::from_le_bytes(data[32..40].try_into().unwrap())
}

/// `surfnet_timeTravel` keeps slots in execution order, also across jumps longer than an epoch
/// of 432 000 slots (surfpool 1.2.1 dropped the slot index there and later transactions landed
/// in lower slots than earlier ones, so slot-ordered history — getSignaturesForAddress, an
/// auditor — put them out of order).
fn time_travel_keeps_slots_in_order(ctx: &Ctx) {
    let transfer = || {
        let ix = anchor_lang::solana_program::system_instruction::transfer(
            &ctx.admin.pubkey(),
            &ctx.oracle.pubkey(),
            1,
        );
        let tx = ctx.rpc.transaction(&[ix], &[&ctx.admin]);
        let signature = ctx
            .rpc
            .call("sendTransaction", json!([tx, {"encoding": "base64", "preflightCommitment": "confirmed"}]));
        let signature = signature.as_str().unwrap().to_string();
        ctx.rpc.wait_confirmed(&signature);
        let (_, tx) = ctx.rpc.logs(&signature);
        (signature, tx["slot"].as_u64().unwrap())
    };
    let mut sent = vec![transfer()];
    // Three days (past an epoch at any slot time), then an hour, then thirty days.
    for jump in [3 * 86_400, 3_600, 30 * 86_400] {
        let target = cluster_time(ctx) + jump;
        ctx.rpc.call("surfnet_timeTravel", json!([{"absoluteTimestamp": target * 1_000}]));
        let deadline = Instant::now() + Duration::from_secs(10);
        while cluster_time(ctx) < target {
            assert!(Instant::now() < deadline, "the clock did not reach {target}");
            std::thread::sleep(Duration::from_millis(5));
        }
        sent.push(transfer());
    }
    let slots: Vec<u64> = sent.iter().map(|(_, slot)| *slot).collect();
    assert!(slots.windows(2).all(|pair| pair[0] < pair[1]), "slots out of execution order: {slots:?}");
    // Newest first, as the node lists them.
    let listed =
        ctx.rpc.call("getSignaturesForAddress", json!([ctx.admin.pubkey().to_string(), {"limit": 4}]));
    let listed: Vec<&str> =
        listed.as_array().unwrap().iter().map(|info| info["signature"].as_str().unwrap()).collect();
    let expected: Vec<&str> = sent.iter().rev().map(|(signature, _)| signature.as_str()).collect();
    assert_eq!(listed, expected);
}

fn main() {
    let mut config = ValidatorConfig::on_free_ports().expect("free ports");
    // Every transaction here gets a fresh blockhash: fast slots are fine.
    config.slot_time_ms = 20;
    let validator = cip_validator::start(config).expect("start cip-validator");
    let mint = Keypair::new();
    let ctx = Ctx {
        rpc: Rpc { addr: format!("{}:{}", validator.config.bind_host, validator.config.rpc_port) },
        admin: Keypair::new(),
        oracle: Keypair::new(),
        keys: ix::PoolKeys::new(mint.pubkey(), anchor_spl::token::ID),
        mint,
    };

    // In order: later steps use the state earlier ones create.
    let steps: [(&str, Step); 9] = [
        ("health and program account", health),
        ("IDL accounts (Anchor, Program Metadata)", idl_accounts),
        ("airdrop", fund),
        ("create SPL mint", create_mint),
        ("initialize_pool: logs and emit_cpi! event", initialize_pool_logs_and_event),
        ("register and getProgramAccounts", register_and_scan),
        ("failed preflight: -32002 with program logs", failed_preflight_is_a_validator_error),
        ("simulateTransaction returnData (get_mark_price)", simulate_returns_mark_price),
        ("time travel keeps slots in execution order", time_travel_keeps_slots_in_order),
    ];
    let mut failed = 0;
    for (name, step) in steps {
        let started = Instant::now();
        match catch_unwind(AssertUnwindSafe(|| step(&ctx))) {
            Ok(()) => eprintln!("ok    {name} ({} ms)", started.elapsed().as_millis()),
            Err(_) => {
                eprintln!("FAIL  {name}");
                failed += 1;
                break;
            }
        }
    }
    validator.shutdown();
    if failed > 0 {
        std::process::exit(1);
    }
    eprintln!("all {} steps passed", steps.len());
}
