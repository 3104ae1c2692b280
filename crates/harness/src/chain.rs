//! The embedded runtime: program-test bank with the program registered natively.

use std::collections::{BTreeMap, HashSet};

use anchor_lang::solana_program::entrypoint::ProgramResult;
use anchor_lang::{prelude::*, AccountDeserialize};
use solana_program_test::{processor, BanksClientError, ProgramTest, ProgramTestContext};
use solana_sdk::{
    account::Account as SolanaAccount,
    clock::Clock,
    hash::Hash,
    instruction::{Instruction, InstructionError},
    signature::{Keypair, Signature, Signer},
    transaction::{Transaction, TransactionError},
};

use crate::events::{decode_events, RawEvent};

/// Anchor's `entry` ties every argument to one `'info` lifetime; program-test wants a function
/// generic over independent lifetimes. The accounts live for the whole call either way, so only
/// the lifetimes are re-labelled here.
fn native_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: lifetime-only transmutes; program-test keeps all three alive for the whole call.
    let (program_id, accounts, data) = unsafe {
        (std::mem::transmute(program_id), std::mem::transmute(accounts), std::mem::transmute(data))
    };
    contract_insurance::entry(program_id, accounts, data)
}

/// A program-test configured with the program as a native builtin.
pub fn program_test() -> ProgramTest {
    let mut program_test =
        ProgramTest::new("contract_insurance", contract_insurance::ID, processor!(native_entry));
    program_test.prefer_bpf(false);
    // program-test turns on debug logging of every invocation; keep the runtime quiet unless
    // RUST_LOG asks for more.
    agave_logger::setup_with_default("error");
    program_test
}

/// A successful transaction: decoded events, logs and its wire size.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub signature: Signature,
    pub events: Vec<RawEvent>,
    pub logs: Vec<String>,
    pub return_data: Option<Vec<u8>>,
    /// Serialized transaction size in bytes (the legacy packet limit is 1 232).
    pub tx_bytes: usize,
    /// Distinct accounts the transaction references.
    pub account_count: usize,
}

impl Receipt {
    /// All events of type `T`, in emission order.
    pub fn events<T: anchor_lang::Event + AnchorDeserialize>(&self) -> Vec<T> {
        self.events.iter().filter_map(|event| event.decode::<T>()).collect()
    }

    /// The single event of type `T`; panics if there is not exactly one.
    pub fn event<T: anchor_lang::Event + AnchorDeserialize>(&self) -> T {
        let mut events = self.events::<T>();
        assert_eq!(events.len(), 1, "expected exactly one {} event", std::any::type_name::<T>());
        events.remove(0)
    }

    pub fn return_value<T: AnchorDeserialize>(&self) -> T {
        let data = self.return_data.as_ref().expect("instruction returned no data");
        T::try_from_slice(data).expect("return data does not decode")
    }
}

/// A rejected transaction. The harness has already checked that it changed no account.
#[derive(Debug, Clone)]
pub struct Failure {
    pub error: TransactionError,
    pub logs: Vec<String>,
}

impl Failure {
    /// The program's custom error code, if the failure was one.
    pub fn custom_code(&self) -> Option<u32> {
        match self.error {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => Some(code),
            _ => None,
        }
    }
}

pub type TxResult = std::result::Result<Receipt, Failure>;

/// Asserts that a transaction failed with the given program (or Anchor) error.
#[track_caller]
pub fn assert_error(result: TxResult, expected: impl Into<u32> + std::fmt::Debug + Copy) -> Failure {
    let code: u32 = expected.into();
    match result {
        Ok(receipt) => {
            panic!("expected error {expected:?} ({code}), transaction succeeded: {:?}", receipt.logs)
        }
        Err(failure) => {
            assert_eq!(
                failure.custom_code(),
                Some(code),
                "expected error {expected:?} ({code}), got {:?}; logs: {:#?}",
                failure.error,
                failure.logs
            );
            failure
        }
    }
}

pub struct Chain {
    pub ctx: ProgramTestContext,
    sent: HashSet<Signature>,
    /// Unix time the tests set, re-applied after slot warps.
    pinned_time: Option<i64>,
    /// Silence the natively running program's `msg!` output (it prints to the process's stdout).
    /// Process-wide, so only for single-threaded tools such as the scenario runner.
    quiet: bool,
}

impl Chain {
    pub async fn start() -> Chain {
        Self::start_with(program_test()).await
    }

    pub async fn start_with(program_test: ProgramTest) -> Chain {
        let ctx = program_test.start_with_context().await;
        Chain { ctx, sent: HashSet::new(), pinned_time: None, quiet: false }
    }

    /// Stops the program's native `msg!` lines from reaching stdout (see [`Chain::quiet`]).
    pub fn set_quiet(&mut self, quiet: bool) {
        self.quiet = quiet;
    }

    fn silence(&self) -> Option<gag::Gag> {
        if self.quiet {
            gag::Gag::stdout().ok()
        } else {
            None
        }
    }

    pub fn payer(&self) -> &Keypair {
        &self.ctx.payer
    }

    // --- time -------------------------------------------------------------------------------

    pub async fn clock(&mut self) -> Clock {
        self.ctx.banks_client.get_sysvar::<Clock>().await.expect("clock sysvar")
    }

    pub async fn now(&mut self) -> i64 {
        self.clock().await.unix_timestamp
    }

    /// Sets the Clock sysvar's unix timestamp (the program's only time source).
    pub async fn set_time(&mut self, unix_timestamp: i64) {
        let mut clock = self.clock().await;
        clock.unix_timestamp = unix_timestamp;
        self.ctx.set_sysvar(&clock);
        self.pinned_time = Some(unix_timestamp);
    }

    pub async fn advance_time(&mut self, seconds: i64) {
        let now = self.now().await;
        self.set_time(now + seconds).await;
    }

    /// The bank's newest blockhash (the runtime keeps ticking, so a long run never goes stale).
    async fn latest_blockhash(&mut self) -> solana_sdk::hash::Hash {
        let blockhash = self.ctx.banks_client.get_latest_blockhash().await.expect("latest blockhash");
        self.ctx.last_blockhash = blockhash;
        blockhash
    }

    /// Moves to the next slot for a fresh blockhash, keeping the pinned time.
    async fn next_slot(&mut self) {
        let slot = self.clock().await.slot;
        self.ctx.warp_to_slot(slot + 1).expect("warp to next slot");
        if let Some(time) = self.pinned_time {
            self.set_time(time).await;
        }
    }

    // --- accounts ---------------------------------------------------------------------------

    pub async fn account(&mut self, key: &Pubkey) -> Option<SolanaAccount> {
        self.ctx.banks_client.get_account(*key).await.expect("get_account")
    }

    pub async fn fetch<T: AccountDeserialize>(&mut self, key: &Pubkey) -> T {
        let account = self.account(key).await.unwrap_or_else(|| panic!("account {key} does not exist"));
        T::try_deserialize(&mut account.data.as_slice())
            .unwrap_or_else(|error| panic!("account {key} does not decode: {error}"))
    }

    pub async fn lamports(&mut self, key: &Pubkey) -> u64 {
        self.account(key).await.map(|account| account.lamports).unwrap_or(0)
    }

    pub async fn token_balance(&mut self, key: &Pubkey) -> u64 {
        let account = self.fetch::<anchor_spl::token_interface::TokenAccount>(key).await;
        account.amount
    }

    pub async fn mint_supply(&mut self, key: &Pubkey) -> u64 {
        self.fetch::<anchor_spl::token_interface::Mint>(key).await.supply
    }

    pub fn set_account(&mut self, key: &Pubkey, account: SolanaAccount) {
        self.ctx.set_account(key, &account.into());
    }

    pub async fn rent_exempt_minimum(&mut self, bytes: usize) -> u64 {
        self.ctx.banks_client.get_rent().await.expect("rent").minimum_balance(bytes)
    }

    /// A new keypair holding `sol` SOL, funded by the genesis payer.
    pub async fn funded_keypair(&mut self, sol: u64) -> Keypair {
        let keypair = Keypair::new();
        self.transfer_lamports(&keypair.pubkey(), sol * 1_000_000_000).await;
        keypair
    }

    pub async fn transfer_lamports(&mut self, to: &Pubkey, lamports: u64) {
        let payer = self.ctx.payer.insecure_clone();
        let ix = anchor_lang::solana_program::system_instruction::transfer(&payer.pubkey(), to, lamports);
        self.send(&[ix], &payer, &[]).await.expect("lamport transfer");
    }

    // --- transactions -----------------------------------------------------------------------

    /// Builds, signs and sends a transaction with `payer` paying fees. The transaction is first
    /// simulated (for logs, events and return data), then processed for real. A rejected
    /// transaction is checked to have changed no account except the fee payer's lamports.
    pub async fn send(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> TxResult {
        let mut tx;
        loop {
            let blockhash = self.latest_blockhash().await;
            tx = signed(instructions, payer, signers, blockhash);
            if self.sent.insert(tx.signatures[0]) {
                break;
            }
            self.next_slot().await;
        }
        let tx_bytes = bincode::serialize(&tx).expect("serialize transaction").len();
        let keys = tx.message.account_keys.clone();

        let silence = self.silence();
        let simulation =
            self.ctx.banks_client.simulate_transaction(tx.clone()).await.expect("simulate transaction");
        let details = simulation.simulation_details.unwrap_or_else(|| panic!("no simulation details"));
        let simulated_ok = matches!(simulation.result, Some(Ok(())));

        let before = if simulated_ok { BTreeMap::new() } else { self.snapshot(&keys).await };
        let outcome = self.ctx.banks_client.process_transaction(tx.clone()).await;
        drop(silence);
        match outcome {
            Ok(()) => {
                assert!(simulated_ok, "simulation failed but processing succeeded: {:?}", details.logs);
                let events = details
                    .inner_instructions
                    .as_ref()
                    .map(|inner| decode_events(&tx.message, inner))
                    .unwrap_or_default();
                Ok(Receipt {
                    signature: tx.signatures[0],
                    events,
                    logs: details.logs,
                    return_data: details.return_data.map(|data| data.data),
                    tx_bytes,
                    account_count: keys.len(),
                })
            }
            Err(BanksClientError::TransactionError(error)) => {
                assert!(!simulated_ok, "simulation succeeded but processing failed: {error:?}");
                let after = self.snapshot(&keys).await;
                assert_unchanged_except_fee(&before, &after, &payer.pubkey());
                Err(Failure { error, logs: details.logs })
            }
            Err(other) => panic!("transport error: {other:?}"),
        }
    }

    /// Processes a transaction with nothing else around it: no simulation, no snapshots, no event
    /// decoding. For throughput measurements.
    pub async fn process_only(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> std::result::Result<(), TransactionError> {
        let blockhash = self.latest_blockhash().await;
        let tx = signed(instructions, payer, signers, blockhash);
        self.sent.insert(tx.signatures[0]);
        let silence = self.silence();
        let outcome = self.ctx.banks_client.process_transaction(tx).await;
        drop(silence);
        match outcome {
            Ok(()) => Ok(()),
            Err(BanksClientError::TransactionError(error)) => Err(error),
            Err(other) => panic!("transport error: {other:?}"),
        }
    }

    /// Serialized size of a transaction built from `instructions` (one signature per signer).
    pub fn transaction_size(
        &self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> (usize, usize) {
        let tx = signed(instructions, payer, signers, self.ctx.last_blockhash);
        (bincode::serialize(&tx).expect("serialize transaction").len(), tx.message.account_keys.len())
    }

    /// Simulates without committing (for read-only instructions such as `get_mark_price`).
    pub async fn simulate(&mut self, instructions: &[Instruction], payer: &Keypair) -> TxResult {
        self.simulate_signed(instructions, payer, &[]).await
    }

    /// Simulates a transaction with extra signers without committing it.
    pub async fn simulate_signed(
        &mut self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> TxResult {
        let blockhash = self.latest_blockhash().await;
        let tx = signed(instructions, payer, signers, blockhash);
        let tx_bytes = bincode::serialize(&tx).expect("serialize transaction").len();
        let silence = self.silence();
        let simulation =
            self.ctx.banks_client.simulate_transaction(tx.clone()).await.expect("simulate transaction");
        drop(silence);
        let details = simulation.simulation_details.expect("simulation details");
        match simulation.result.expect("simulation result") {
            Ok(()) => Ok(Receipt {
                signature: tx.signatures[0],
                events: details
                    .inner_instructions
                    .as_ref()
                    .map(|inner| decode_events(&tx.message, inner))
                    .unwrap_or_default(),
                logs: details.logs,
                return_data: details.return_data.map(|data| data.data),
                tx_bytes,
                account_count: tx.message.account_keys.len(),
            }),
            Err(error) => Err(Failure { error, logs: details.logs }),
        }
    }

    async fn snapshot(&mut self, keys: &[Pubkey]) -> BTreeMap<Pubkey, Option<SolanaAccount>> {
        let mut snapshot = BTreeMap::new();
        for key in keys {
            snapshot.insert(*key, self.account(key).await);
        }
        snapshot
    }
}

#[track_caller]
fn assert_unchanged_except_fee(
    before: &BTreeMap<Pubkey, Option<SolanaAccount>>,
    after: &BTreeMap<Pubkey, Option<SolanaAccount>>,
    fee_payer: &Pubkey,
) {
    for (key, old) in before {
        let new = &after[key];
        if key == fee_payer {
            let (old, new) = (old.as_ref().expect("fee payer"), new.as_ref().expect("fee payer"));
            assert_eq!(old.data, new.data, "rejected transaction changed fee payer data");
            assert!(new.lamports <= old.lamports, "rejected transaction credited the fee payer");
            continue;
        }
        assert_eq!(old, new, "rejected transaction changed account {key}");
    }
}

/// A transaction signed by `payer` (fee payer) and `signers` (the payer listed once).
fn signed(
    instructions: &[Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
    blockhash: Hash,
) -> Transaction {
    let mut all_signers: Vec<&Keypair> = vec![payer];
    all_signers.extend(signers.iter().copied().filter(|signer| signer.pubkey() != payer.pubkey()));
    Transaction::new_signed_with_payer(instructions, Some(&payer.pubkey()), &all_signers, blockhash)
}
