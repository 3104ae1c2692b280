//! Validator-shaped transaction logs for a natively running program.
//!
//! The program runs as a host-compiled builtin (no SBF toolchain here). Three things then differ
//! from a real validator, and this module repairs them:
//!
//! 1. **`msg!` prints to stdout.** `solana-msg`'s host `sol_log` is a plain `println!`, so the
//!    program's `Program log:` lines (Anchor's `Instruction: …`, `AnchorError …`) never reach
//!    the transaction logs and clients cannot decode program errors. While the program runs, the
//!    process's stdout (fd 1) is redirected to a temporary file; whatever the program printed is
//!    appended to the transaction's log collector as `Program log: <line>` at every boundary
//!    where ordering matters (before each CPI, before each `sol_log`/`sol_log_data`, at the end
//!    of the invocation). A program panic is reported the same way (`Program log: panicked at …`).
//! 2. **Duplicate lines.** program-test's `invoke_builtin_function` logs `invoke`, `success` and
//!    `failed` lines that the runtime logs as well, and its CPI stub logs `invoke`/`success` around
//!    a callee that the runtime logs again. The duplicates are removed right after they are
//!    written (only exact duplicates at the expected positions; nothing else is touched).
//! 3. **Missing lines.** A builtin gets no `Program <id> consumed N of M compute units` and no
//!    `Program return: <id> <base64>` line (the BPF loader writes both). They are added with
//!    the same wording and order (consumed, return, then the runtime's success/failure).
//!    `sol_log_data` becomes `Program data: …` instead of a stdout `data: …` line.
//!
//! Install once with [`install`] after program-test's syscall stubs exist (start any
//! `ProgramTest` bank first: program-test installs its stubs then), and register the program
//! with [`builtin!`](crate::builtin).
//!
//! All of the process's own stdout output must go through [`print_stdout`]: fd 1 is redirected
//! while a program runs, and a stray `println!` from another thread at that moment would end up
//! in a transaction's logs.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;
use std::sync::{Mutex, MutexGuard, Once};

use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, instruction::Instruction, pubkey::Pubkey,
};
use solana_program_runtime::solana_sbpf::vm::ContextObject;
use solana_program_test::InvokeContext;
use solana_svm_log_collector::LogCollector;
use solana_sysvar::program_stubs::{self, SyscallStubs};

/// `solana_program_entrypoint::ProcessInstruction`: a program's entry function.
pub type ProcessInstruction = fn(&Pubkey, &[AccountInfo], &[u8]) -> ProgramResult;

type SharedLog = Option<Rc<RefCell<LogCollector>>>;

/// Held while fd 1 is redirected (one native program invocation tree at a time, process-wide)
/// and while this process prints to stdout.
static STDOUT_LOCK: Mutex<()> = Mutex::new(());

fn stdout_lock() -> MutexGuard<'static, ()> {
    STDOUT_LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Prints a line to the process's stdout without it ever landing in a transaction's logs.
pub fn print_stdout(line: &str) {
    let _guard = stdout_lock();
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// The redirected stdout of the outermost native invocation on this thread.
struct Capture {
    // Field order is drop order: restore fd 1 before releasing the lock.
    redirect: Option<gag::BufferRedirect>,
    /// Bytes read after the last newline (a `print!` without a newline, so far).
    partial: Vec<u8>,
    _lock: MutexGuard<'static, ()>,
}

impl Capture {
    fn start() -> Capture {
        let lock = stdout_lock();
        let _ = std::io::stdout().flush();
        let redirect = match gag::BufferRedirect::stdout() {
            Ok(redirect) => Some(redirect),
            Err(error) => {
                static WARNED: Once = Once::new();
                WARNED.call_once(|| {
                    eprintln!(
                        "cip-validator: cannot capture program output ({error}); program logs \
                         go to stdout instead of the transaction logs"
                    )
                });
                None
            }
        };
        Capture { redirect, partial: Vec::new(), _lock: lock }
    }

    /// Complete lines printed since the last call (`flush_partial`: the unfinished one too).
    fn take_lines(&mut self, flush_partial: bool) -> Vec<String> {
        let Some(redirect) = self.redirect.as_mut() else {
            return Vec::new();
        };
        let _ = std::io::stdout().flush();
        let _ = redirect.read_to_end(&mut self.partial);
        let mut lines = Vec::new();
        while let Some(newline) = self.partial.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=newline).collect();
            lines.push(String::from_utf8_lossy(&line[..newline]).into_owned());
        }
        if flush_partial && !self.partial.is_empty() {
            lines.push(String::from_utf8_lossy(&self.partial).into_owned());
            self.partial.clear();
        }
        lines
    }
}

thread_local! {
    static CAPTURE: RefCell<Option<Capture>> = const { RefCell::new(None) };
    /// Log collectors of the native invocations running on this thread, innermost last.
    static FRAMES: RefCell<Vec<SharedLog>> = const { RefCell::new(Vec::new()) };
}

fn current_log() -> SharedLog {
    FRAMES.with(|frames| frames.borrow().last().cloned().flatten())
}

fn inside_native_program() -> bool {
    FRAMES.with(|frames| !frames.borrow().is_empty())
}

/// Moves what the running program printed so far into its transaction's logs.
fn flush_program_output(flush_partial: bool) {
    let lines = CAPTURE.with(|capture| {
        capture.borrow_mut().as_mut().map(|capture| capture.take_lines(flush_partial)).unwrap_or_default()
    });
    if lines.is_empty() {
        return;
    }
    let log = current_log();
    for line in lines {
        stable_log::program_log(&log, &line);
    }
}

/// Removes `messages[index]` if it is exactly `expected`, keeping the byte budget consistent.
fn remove_if(log: &mut LogCollector, index: usize, expected: &str) -> bool {
    if log.messages.get(index).map(String::as_str) == Some(expected) {
        let removed = log.messages.remove(index);
        log.bytes_written = log.bytes_written.saturating_sub(removed.len());
        true
    } else {
        false
    }
}

/// After `invoke_builtin_function` returned: drops its own `invoke` line (written at `start`,
/// right after the runtime's identical one) and its trailing `success`/`failed` line (the
/// runtime writes its own after this function returns).
fn tidy_builtin_frame(log: &mut LogCollector, start: usize, program_id: &Pubkey, depth: usize) {
    let invoke = format!("Program {program_id} invoke [{depth}]");
    if start > 0 && log.messages.get(start - 1).map(String::as_str) == Some(invoke.as_str()) {
        remove_if(log, start, &invoke);
    }
    if log.messages.len() > start {
        let last = log.messages.len() - 1;
        let success = format!("Program {program_id} success");
        let failed = format!("Program {program_id} failed: ");
        if log.messages[last] == success || log.messages[last].starts_with(&failed) {
            let removed = log.messages.remove(last);
            log.bytes_written = log.bytes_written.saturating_sub(removed.len());
        }
    }
}

/// After program-test's CPI stub returned: it logged `invoke` before and `success` after the
/// callee, and the runtime logged both again around the callee. The stub's `invoke` line carries
/// the caller's stack height (`[1]` for a CPI from a top-level instruction); the runtime's, which
/// is the one a validator shows, the callee's (`[2]`).
fn tidy_cpi(log: &mut LogCollector, start: usize, callee: &Pubkey, succeeded: bool) {
    let invoke_prefix = format!("Program {callee} invoke [");
    if let (Some(first), Some(second)) = (log.messages.get(start), log.messages.get(start + 1)) {
        if first.starts_with(&invoke_prefix) && second.starts_with(&invoke_prefix) {
            let expected = first.clone();
            remove_if(log, start, &expected);
        }
    }
    if succeeded && log.messages.len() >= start + 2 {
        let success = format!("Program {callee} success");
        let len = log.messages.len();
        if log.messages[len - 2] == success {
            remove_if(log, len - 1, &success);
        }
    }
}

/// Runs `entry` as program-test's `invoke_builtin_function` does, with validator-shaped logs.
/// Called by the function [`builtin!`](crate::builtin) registers with the runtime.
pub fn invoke(
    entry: ProcessInstruction,
    invoke_context: &mut InvokeContext,
) -> Result<u64, Box<dyn std::error::Error>> {
    let log = invoke_context.get_log_collector();
    let program_id =
        *invoke_context.transaction_context.get_current_instruction_context()?.get_program_key()?;
    let depth = invoke_context.get_stack_height();
    let start = log.as_ref().map_or(0, |log| log.borrow().messages.len());
    let units_before = invoke_context.get_remaining();

    let outermost = !inside_native_program();
    if outermost {
        let capture = Capture::start();
        CAPTURE.with(|slot| *slot.borrow_mut() = Some(capture));
    } else {
        // The caller (this program, a CPI to itself) printed before invoking: keep the order.
        flush_program_output(false);
    }
    FRAMES.with(|frames| frames.borrow_mut().push(log.clone()));

    let result = solana_program_test::invoke_builtin_function(entry, invoke_context);

    let trailing_output = CAPTURE.with(|capture| {
        capture.borrow_mut().as_mut().map(|capture| capture.take_lines(outermost)).unwrap_or_default()
    });
    FRAMES.with(|frames| frames.borrow_mut().pop());
    if outermost {
        CAPTURE.with(|slot| slot.borrow_mut().take());
    }

    if let Some(log_ref) = &log {
        tidy_builtin_frame(&mut log_ref.borrow_mut(), start, &program_id, depth);
    }
    for line in trailing_output {
        stable_log::program_log(&log, &line);
    }
    let consumed = units_before.saturating_sub(invoke_context.get_remaining());
    stable_log::program_consumed_line(&log, &program_id, consumed, units_before);
    let (_, return_data) = invoke_context.transaction_context.get_return_data();
    if !return_data.is_empty() {
        stable_log::program_return(&log, &program_id, return_data);
    }
    result
}

/// program-test's syscall stubs, wrapped so that program output stays in order around CPIs and
/// CPI log lines are not doubled.
struct BridgeStubs {
    inner: Box<dyn SyscallStubs>,
}

impl SyscallStubs for BridgeStubs {
    fn sol_log(&self, message: &str) {
        flush_program_output(false);
        stable_log::program_log(&current_log(), message);
    }
    fn sol_log_compute_units(&self) {
        flush_program_output(false);
        self.inner.sol_log_compute_units()
    }
    fn sol_remaining_compute_units(&self) -> u64 {
        self.inner.sol_remaining_compute_units()
    }
    fn sol_invoke_signed(
        &self,
        instruction: &Instruction,
        account_infos: &[AccountInfo],
        signers_seeds: &[&[&[u8]]],
    ) -> ProgramResult {
        flush_program_output(false);
        let log = current_log();
        let start = log.as_ref().map_or(0, |log| log.borrow().messages.len());
        let result = self.inner.sol_invoke_signed(instruction, account_infos, signers_seeds);
        if let Some(log) = &log {
            tidy_cpi(&mut log.borrow_mut(), start, &instruction.program_id, result.is_ok());
        }
        result
    }
    fn sol_get_sysvar(&self, sysvar_id_addr: *const u8, var_addr: *mut u8, offset: u64, length: u64) -> u64 {
        self.inner.sol_get_sysvar(sysvar_id_addr, var_addr, offset, length)
    }
    fn sol_get_clock_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_clock_sysvar(var_addr)
    }
    fn sol_get_epoch_schedule_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_epoch_schedule_sysvar(var_addr)
    }
    fn sol_get_fees_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_fees_sysvar(var_addr)
    }
    fn sol_get_rent_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_rent_sysvar(var_addr)
    }
    fn sol_get_epoch_rewards_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_epoch_rewards_sysvar(var_addr)
    }
    fn sol_get_last_restart_slot(&self, var_addr: *mut u8) -> u64 {
        self.inner.sol_get_last_restart_slot(var_addr)
    }
    fn sol_get_epoch_stake(&self, vote_address: *const u8) -> u64 {
        self.inner.sol_get_epoch_stake(vote_address)
    }
    unsafe fn sol_memcpy(&self, dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        unsafe { self.inner.sol_memcpy(dst, src, n) }
    }
    unsafe fn sol_memmove(&self, dst: *mut u8, src: *const u8, n: usize) {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        unsafe { self.inner.sol_memmove(dst, src, n) }
    }
    unsafe fn sol_memcmp(&self, s1: *const u8, s2: *const u8, n: usize, result: *mut i32) {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        unsafe { self.inner.sol_memcmp(s1, s2, n, result) }
    }
    unsafe fn sol_memset(&self, s: *mut u8, c: u8, n: usize) {
        // SAFETY: forwarded unchanged; the caller upholds the contract.
        unsafe { self.inner.sol_memset(s, c, n) }
    }
    fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
        self.inner.sol_get_return_data()
    }
    fn sol_set_return_data(&self, data: &[u8]) {
        self.inner.sol_set_return_data(data)
    }
    fn sol_log_data(&self, fields: &[&[u8]]) {
        flush_program_output(false);
        stable_log::program_data(&current_log(), fields);
    }
    fn sol_get_processed_sibling_instruction(&self, index: usize) -> Option<Instruction> {
        self.inner.sol_get_processed_sibling_instruction(index)
    }
    fn sol_get_stack_height(&self) -> u64 {
        self.inner.sol_get_stack_height()
    }
}

/// Wraps the installed syscall stubs (program-test's) and adds the panic reporter. Idempotent.
///
/// Call after a `ProgramTest` bank has been started in this process: program-test installs its
/// stubs (CPI, sysvars, return data) only then.
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        // `set_syscall_stubs` returns the previous stubs: swap in a placeholder, then wrap.
        let placeholder: Box<dyn SyscallStubs> = Box::new(Placeholder);
        let inner = program_stubs::set_syscall_stubs(placeholder);
        program_stubs::set_syscall_stubs(Box::new(BridgeStubs { inner }));

        // A panicking program: on SBF the runtime logs `Program log: panicked at …`. Natively
        // program-test catches the unwind; print the same line into the captured output.
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if inside_native_program() {
                let message = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "Box<dyn Any>".to_string());
                match info.location() {
                    Some(location) => println!("panicked at {location}:\n{message}"),
                    None => println!("panicked:\n{message}"),
                }
            }
            default_hook(info);
        }));
    });
}

struct Placeholder;
impl SyscallStubs for Placeholder {}

mod stable_log {
    //! `solana_program_runtime::stable_log` plus the BPF loader's `consumed` line.
    pub use solana_program_runtime::stable_log::{program_data, program_log, program_return};

    use super::{Pubkey, SharedLog};

    /// `Program <id> consumed <n> of <budget> compute units` (written by the BPF loader).
    pub fn program_consumed_line(log: &SharedLog, program_id: &Pubkey, consumed: u64, budget: u64) {
        if let Some(log) = log.as_ref() {
            if let Ok(mut log) = log.try_borrow_mut() {
                log.log(&format!("Program {program_id} consumed {consumed} of {budget} compute units"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collector(lines: &[&str]) -> LogCollector {
        let mut log = LogCollector::default();
        for line in lines {
            log.log(line);
        }
        log
    }

    const ID: Pubkey = Pubkey::from_str_const("CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5");
    const TOKEN: Pubkey = Pubkey::from_str_const("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");

    #[test]
    fn builtin_frame_drops_program_test_duplicates() {
        let mut log = collector(&[
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]",
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]",
            "Program log: Instruction: Register",
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 success",
        ]);
        let bytes = log.bytes_written;
        tidy_builtin_frame(&mut log, 1, &ID, 1);
        assert_eq!(
            log.messages,
            [
                "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]",
                "Program log: Instruction: Register",
            ]
        );
        assert!(log.bytes_written < bytes);
    }

    #[test]
    fn builtin_frame_drops_duplicate_failure() {
        let mut log = collector(&[
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]",
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]",
            "Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 failed: custom program error: 0x1771",
        ]);
        tidy_builtin_frame(&mut log, 1, &ID, 1);
        assert_eq!(log.messages, ["Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [1]"]);
    }

    #[test]
    fn builtin_frame_leaves_unexpected_logs_alone() {
        // Truncated log: nothing matches, nothing is removed.
        let lines = ["Program CiP3C3nLMq4foXBr8PZZZDgqFekUsmQzcd9RKZvRqmb5 invoke [2]", "Log truncated"];
        let mut log = collector(&lines);
        tidy_builtin_frame(&mut log, 1, &ID, 1);
        assert_eq!(log.messages, lines);
    }

    #[test]
    fn cpi_drops_stub_duplicates() {
        let mut log = collector(&[
            "Program log: Instruction: InitializePool",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [1]",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [2]",
            "Program log: Instruction: InitializeMint2",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA consumed 2967 of 199999 compute units",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA success",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA success",
        ]);
        tidy_cpi(&mut log, 1, &TOKEN, true);
        assert_eq!(
            log.messages,
            [
                "Program log: Instruction: InitializePool",
                "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [2]",
                "Program log: Instruction: InitializeMint2",
                "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA consumed 2967 of 199999 compute units",
                "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA success",
            ]
        );
    }

    #[test]
    fn failed_cpi_keeps_the_runtime_failure_line() {
        let mut log = collector(&[
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [1]",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA invoke [2]",
            "Program log: Error: insufficient funds",
            "Program TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA failed: custom program error: 0x1",
        ]);
        tidy_cpi(&mut log, 0, &TOKEN, false);
        assert_eq!(log.messages.len(), 3);
        assert!(log.messages[0].ends_with("invoke [2]"));
        assert!(log.messages[2].ends_with("failed: custom program error: 0x1"));
    }
}
