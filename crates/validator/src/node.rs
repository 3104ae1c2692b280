//! Starting and stopping the embedded surfnet (surfpool-core, offline) with the program
//! registered natively.

use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anchor_lang::solana_program::{account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey};
use crossbeam_channel::{Receiver, Sender};
use solana_account::Account;
use solana_epoch_schedule::EpochSchedule;
use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
use solana_program_test::{get_runtime_environment_key, EbpfError, EbpfVm, InvokeContext};
use surfpool_core::runloops::start_local_surfnet_runloop;
use surfpool_core::surfnet::locker::SurfnetSvmLocker;
use surfpool_core::surfnet::svm::{SurfnetSvm, SurfnetSvmConfig};
use surfpool_types::{
    BlockProductionMode, RpcConfig, SimnetCommand, SimnetConfig, SimnetEvent, SurfpoolConfig,
};

use crate::{bridge, idl, rescue};

/// How the validator is started.
#[derive(Debug, Clone)]
pub struct ValidatorConfig {
    pub bind_host: String,
    pub rpc_port: u16,
    pub ws_port: u16,
    /// Slot (block) time. Clients waiting for `confirmed` wait about one slot; a blockhash stays
    /// valid for 150 slots. The default, 400 ms, is a validator's: web3.js caches a blockhash for
    /// 30 s in `sendTransaction(tx, signers)` (used by `sendAndConfirmTransaction` and the
    /// `@solana/spl-token` helpers), which needs at least 200 ms slots. Clients that fetch a fresh
    /// blockhash per transaction, like Anchor's `.rpc()`, work down to 20 ms.
    pub slot_time_ms: u64,
    /// Transaction log size limit (a validator's default: 10 000 bytes); `None`: unlimited.
    pub log_bytes_limit: Option<usize>,
    /// Accounts funded at start-up, with `airdrop_lamports` each.
    pub airdrop_addresses: Vec<Pubkey>,
    pub airdrop_lamports: u64,
    /// Print one line per processed transaction to stderr.
    pub log_transactions: bool,
}

impl Default for ValidatorConfig {
    fn default() -> Self {
        ValidatorConfig {
            bind_host: "127.0.0.1".to_string(),
            rpc_port: 8899,
            ws_port: 8900,
            slot_time_ms: 400,
            log_bytes_limit: Some(10_000),
            airdrop_addresses: Vec::new(),
            airdrop_lamports: 0,
            log_transactions: false,
        }
    }
}

impl ValidatorConfig {
    /// A configuration on free ports (for tests).
    pub fn on_free_ports() -> std::io::Result<ValidatorConfig> {
        let rpc = TcpListener::bind("127.0.0.1:0")?;
        let ws = TcpListener::bind("127.0.0.1:0")?;
        Ok(ValidatorConfig {
            rpc_port: rpc.local_addr()?.port(),
            ws_port: ws.local_addr()?.port(),
            ..ValidatorConfig::default()
        })
    }

    pub fn rpc_url(&self) -> String {
        format!("http://{}:{}", self.bind_host, self.rpc_port)
    }

    pub fn ws_url(&self) -> String {
        format!("ws://{}:{}", self.bind_host, self.ws_port)
    }
}

/// A running validator. Dropping it without [`Validator::shutdown`] leaves it running until the
/// process exits.
pub struct Validator {
    pub config: ValidatorConfig,
    commands_tx: Sender<SimnetCommand>,
    runloop: Option<JoinHandle<()>>,
    /// Time from [`start`] to the RPC servers accepting requests.
    pub startup: Duration,
    /// The IDL accounts written at start-up ([`idl`]).
    pub idl_accounts: Vec<PublishedAccount>,
}

/// An account written at start-up.
#[derive(Debug, Clone)]
pub struct PublishedAccount {
    pub what: &'static str,
    pub address: Pubkey,
    /// Account data size in bytes.
    pub size: usize,
    /// Size of the zlib-compressed payload in it.
    pub compressed: usize,
    /// Size of the payload uncompressed.
    pub raw: usize,
}

#[derive(Debug)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

fn error(message: impl std::fmt::Display) -> StartError {
    StartError(message.to_string())
}

/// Anchor's `entry` ties every argument to one `'info` lifetime; the runtime wants a function
/// generic over independent lifetimes. The accounts live for the whole call either way, so only
/// the lifetimes are re-labelled (same adapter as `cip-harness`). The transmutes are left to type
/// inference on purpose: spelled-out lifetimes do not compile against Anchor's signature.
#[allow(clippy::missing_transmute_annotations)]
fn native_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: lifetime-only transmutes; the runtime keeps all three alive for the whole call.
    let (program_id, accounts, data) = unsafe {
        (std::mem::transmute(program_id), std::mem::transmute(accounts), std::mem::transmute(data))
    };
    contract_insurance::entry(program_id, accounts, data)
}

/// The program as a runtime builtin: program-test's `processor!`, going through the log bridge.
fn contract_insurance_builtin() -> BuiltinFunctionWithContext {
    |vm, _arg0, _arg1, _arg2, _arg3, _arg4| {
        // SAFETY: as in `solana_program_test::processor!`: the runtime passes a pointer into the
        // `EbpfVm` it created for this builtin call.
        let vm = unsafe {
            &mut *((vm as *mut u64).offset(-(get_runtime_environment_key() as isize))
                as *mut EbpfVm<InvokeContext>)
        };
        vm.program_result =
            bridge::invoke(native_entry, vm.context_object_pointer).map_err(EbpfError::SyscallError).into();
    }
}

/// program-test installs its syscall stubs (CPI, sysvars, return data for native programs) only
/// when a bank starts, so start and drop one throwaway bank, then wrap the stubs with the bridge.
fn install_native_program_hooks() -> Result<(), StartError> {
    if std::env::var_os("RUST_LOG").is_none() {
        // program-test installs a logger printing every transaction log line at debug level.
        // surfpool's websocket server logs an error whenever a client unsubscribes before a
        // notification was due (web3.js does so after every confirmed transaction): noise.
        // SAFETY (edition 2021 `set_var`): called before any other thread of ours exists.
        std::env::set_var("RUST_LOG", "warn,surfpool_core::rpc::ws=off");
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(error)?;
    runtime.block_on(async {
        let (banks_client, _payer, _blockhash) = solana_program_test::ProgramTest::default().start().await;
        drop(banks_client);
    });
    drop(runtime);
    bridge::install();
    Ok(())
}

/// Registers the program natively at its declared id.
fn register_program(svm: &mut SurfnetSvm) -> Result<(), StartError> {
    let program_id = contract_insurance::ID;
    svm.inner.svm.add_builtin(program_id, contract_insurance_builtin());
    // litesvm 0.11's `add_builtin` stores the program account as owned by BPF loader 2, so the
    // runtime then rejects every call with "Unsupported program id". A builtin's account is owned
    // by the native loader, like on a validator (litesvm 0.12 does this itself).
    let data = b"contract_insurance".to_vec();
    let lamports = svm.inner.minimum_balance_for_rent_exemption(data.len());
    svm.inner
        .set_account(
            program_id,
            Account {
                lamports,
                data,
                owner: solana_sdk_ids::native_loader::ID,
                executable: true,
                rent_epoch: 0,
            },
        )
        .map_err(|e| error(format!("registering the program account: {e}")))?;
    Ok(())
}

/// Writes the program's IDL (the checked-in `idl/contract_insurance.json`) at the Anchor IDL
/// address and as the canonical Program Metadata `idl` account, rent-exempt ([`idl`]).
fn publish_idl(svm: &mut SurfnetSvm) -> Result<Vec<PublishedAccount>, StartError> {
    let accounts = idl::idl_accounts(&contract_insurance::ID, idl::IDL_JSON);
    let mut published = Vec::with_capacity(accounts.len());
    for spec in accounts {
        published.push(PublishedAccount {
            what: spec.what,
            address: spec.address,
            size: spec.data.len(),
            compressed: spec.data.len() - spec.header_len,
            raw: idl::IDL_JSON.len(),
        });
        let lamports = svm.inner.minimum_balance_for_rent_exemption(spec.data.len());
        svm.set_account(
            &spec.address,
            Account { lamports, data: spec.data, owner: spec.owner, executable: false, rent_epoch: 0 },
        )
        .map_err(|e| error(format!("writing the {} account: {e}", spec.what)))?;
    }
    Ok(published)
}

/// Slots in the validator's one epoch: 2^40 slots, 14 years at 400 ms.
const ONE_EPOCH_SLOTS: u64 = 1 << 40;

/// One epoch that never ends, so `surfnet_timeTravel` keeps slots in execution order. surfpool
/// 1.2.1 recomputes the slot from `epoch × slots_in_epoch + slot_index` on every jump: a jump past
/// the epoch's end drops the slot index, and its index is not wrapped at the epoch's end, so
/// after long jumps later transactions landed in lower slots than earlier ones (and slot-ordered
/// history — `getSignaturesForAddress`, an auditor — put them out of order). With epoch 0 forever
/// and the index equal to the absolute slot, every jump takes the path that adds to it.
fn one_long_epoch(svm: &mut SurfnetSvm) {
    let info = &mut svm.latest_epoch_info;
    info.epoch = 0;
    info.slots_in_epoch = ONE_EPOCH_SLOTS;
    info.slot_index = info.absolute_slot;
    svm.inner.set_sysvar(&EpochSchedule::custom(ONE_EPOCH_SLOTS, ONE_EPOCH_SLOTS, false));
}

/// Starts the validator and returns once its RPC servers accept requests.
pub fn start(config: ValidatorConfig) -> Result<Validator, StartError> {
    let started = Instant::now();
    for (port, what, flag) in
        [(config.rpc_port, "JSON-RPC", "--rpc-port"), (config.ws_port, "websocket", "--ws-port")]
    {
        if let Err(e) = TcpListener::bind((config.bind_host.as_str(), port)) {
            return Err(error(format!(
                "{what} port {}:{port} is not available ({e}); choose another with {flag}",
                config.bind_host
            )));
        }
    }
    install_native_program_hooks()?;

    let (mut svm, simnet_events_rx, geyser_events_rx) = SurfnetSvm::new(SurfnetSvmConfig {
        slot_time: config.slot_time_ms,
        // Profiling re-executes every transaction instruction by instruction: not needed here.
        instruction_profiling_enabled: false,
        log_bytes_limit: config.log_bytes_limit,
        ..SurfnetSvmConfig::default()
    })
    .map_err(|e| error(format!("creating the SVM: {e}")))?;
    one_long_epoch(&mut svm);
    register_program(&mut svm)?;
    let idl_accounts = publish_idl(&mut svm)?;

    let surfpool_config = SurfpoolConfig {
        simnets: vec![SimnetConfig {
            offline_mode: true,
            remote_rpc_url: None,
            slot_time: config.slot_time_ms,
            block_production_mode: BlockProductionMode::Clock,
            airdrop_addresses: config.airdrop_addresses.clone(),
            airdrop_token_amount: config.airdrop_lamports,
            instruction_profiling_enabled: false,
            log_bytes_limit: config.log_bytes_limit,
            ..SimnetConfig::default()
        }],
        rpc: RpcConfig {
            bind_host: config.bind_host.clone(),
            bind_port: config.rpc_port,
            ws_port: config.ws_port,
            ..RpcConfig::default()
        },
        ..SurfpoolConfig::default()
    };

    let (ready_tx, ready_rx) = crossbeam_channel::bounded::<Result<(), String>>(1);
    spawn_event_drain(simnet_events_rx, ready_tx.clone(), config.log_transactions)?;

    let (commands_tx, commands_rx) = crossbeam_channel::unbounded();
    let runloop_commands_tx = commands_tx.clone();
    let runloop = std::thread::Builder::new()
        .name("surfnet".into())
        .spawn(move || {
            let runtime =
                match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(format!("tokio runtime: {e}")));
                        return;
                    }
                };
            // `surfpool_core::start_local_surfnet`, keeping a handle on the SVM for the
            // signature-notification rescue task.
            let locker = SurfnetSvmLocker::new(svm);
            runtime.spawn(rescue::run(locker.clone()));
            let outcome = runtime.block_on(start_local_surfnet_runloop(
                locker,
                surfpool_config,
                runloop_commands_tx,
                commands_rx,
                geyser_events_rx,
            ));
            if let Err(e) = outcome {
                let _ = ready_tx.send(Err(e.to_string()));
            }
        })
        .map_err(error)?;

    match ready_rx.recv_timeout(Duration::from_secs(60)) {
        Ok(Ok(())) => Ok(Validator {
            config,
            commands_tx,
            runloop: Some(runloop),
            startup: started.elapsed(),
            idl_accounts,
        }),
        Ok(Err(message)) => Err(error(format!("the validator did not start: {message}"))),
        Err(_) => Err(error("the validator did not become ready within 60 s")),
    }
}

/// `simnet_events_rx` holds 1 024 events and blocks the runloop when full: drain it for the
/// whole life of the process, reporting start-up and problems.
fn spawn_event_drain(
    events: Receiver<SimnetEvent>,
    ready_tx: Sender<Result<(), String>>,
    log_transactions: bool,
) -> Result<(), StartError> {
    std::thread::Builder::new()
        .name("surfnet-events".into())
        .spawn(move || {
            for event in events {
                match event {
                    SimnetEvent::Ready(_) => {
                        let _ = ready_tx.try_send(Ok(()));
                    }
                    SimnetEvent::Aborted(message) => {
                        eprintln!("cip-validator: aborted: {message}");
                        let _ = ready_tx.try_send(Err(message));
                    }
                    // Failed transactions are reported to their client; print them only when
                    // asked to log transactions.
                    SimnetEvent::ErrorLog(_, message)
                        if log_transactions || !message.starts_with("Transaction ") =>
                    {
                        eprintln!("cip-validator: error: {message}")
                    }
                    SimnetEvent::WarnLog(_, message) => {
                        eprintln!("cip-validator: warning: {message}")
                    }
                    SimnetEvent::TransactionProcessed(_, meta, error) if log_transactions => match error {
                        None => eprintln!("tx {} ok", meta.signature),
                        Some(error) => eprintln!("tx {} failed: {error}", meta.signature),
                    },
                    _ => {}
                }
            }
        })
        .map_err(error)?;
    Ok(())
}

impl Validator {
    /// Stops block production and closes the RPC servers.
    pub fn shutdown(mut self) {
        let _ = self.commands_tx.send(SimnetCommand::Terminate(None));
        if let Some(runloop) = self.runloop.take() {
            // The runloop exits at its next tick (one slot); don't hang on a wedged one.
            let deadline = Instant::now() + Duration::from_secs(5);
            while !runloop.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if runloop.is_finished() {
                let _ = runloop.join();
            }
        }
        // The HTTP and websocket servers are closed from a helper thread; wait until the port
        // is free so that a restart on the same port works at once.
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline
            && TcpListener::bind((self.config.bind_host.as_str(), self.config.rpc_port)).is_err()
        {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}
