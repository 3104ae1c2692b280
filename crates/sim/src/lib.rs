//! Contract Insurance Pool simulation: random but valid-leaning operation sequences across every
//! role, run on the embedded Solana runtime and checked after every transaction against an
//! independent reference model of the product rules and against the program's own events.
//!
//! * [`model`]: the rules in plain Rust (never the program's math, state methods or oracle code).
//! * [`driver`]: the runtime, the transactions, and the comparisons ([`compare`], [`ledger`]).
//! * [`gen`]: the operations. [`run`] generates and checks; [`replay`] re-runs a recorded list;
//!   [`shrink`] finds a short failing list.

pub mod arith;
pub mod compare;
pub mod coverage;
pub mod driver;
pub mod gen;
pub mod ledger;
pub mod model;
pub mod ops;
pub mod rng;

use std::time::{Duration, Instant};

pub use coverage::Coverage;
pub use driver::{Failure, StepOutcome, World};
pub use ops::Op;

#[derive(Clone, Debug)]
pub struct RunConfig {
    pub seed: u64,
    pub steps: usize,
    /// Silence the program's native `msg!` output (single-threaded tools only).
    pub quiet: bool,
    /// Compare every account every this many operations.
    pub full_every: usize,
}

impl RunConfig {
    pub fn new(seed: u64, steps: usize) -> Self {
        RunConfig { seed, steps, quiet: false, full_every: 40 }
    }
}

#[derive(Debug)]
pub struct RunResult {
    pub seed: u64,
    /// Operations executed (including skipped ones and clock moves).
    pub steps: usize,
    pub transactions: u64,
    pub rejected: u64,
    pub elapsed: Duration,
    pub coverage: Coverage,
    /// The failure and the operations up to and including the failing one.
    pub failure: Option<(Failure, Vec<Op>)>,
}

/// Generates and runs `config.steps` operations for `config.seed`; `progress` is called after
/// each one with the number done.
pub async fn run(config: &RunConfig, mut progress: impl FnMut(usize)) -> RunResult {
    let start = Instant::now();
    let mut world = World::new(config.seed, config.quiet).await;
    world.full_every = config.full_every;
    let mut gen = gen::Gen::new(config.seed);
    let mut ops = Vec::with_capacity(config.steps);
    let mut rejected = 0;
    let mut failure = None;
    for step in 0..config.steps {
        let op = gen.next(&world.model);
        ops.push(op.clone());
        match world.execute(&op, step).await {
            Ok(StepOutcome::Rejected(_)) => rejected += 1,
            Ok(_) => {}
            Err(f) => {
                failure = Some(f);
                break;
            }
        }
        progress(step + 1);
    }
    if failure.is_none() {
        if let Err(f) = world.final_check(ops.len().saturating_sub(1)).await {
            failure = Some(f);
        }
    }
    RunResult {
        seed: config.seed,
        steps: ops.len(),
        transactions: world.transactions,
        rejected,
        elapsed: start.elapsed(),
        coverage: world.coverage.clone(),
        failure: failure.map(|f| (f, ops)),
    }
}

/// Runs a recorded list of operations on a fresh runtime; the first failure, if any.
pub async fn replay(seed: u64, ops: &[Op], quiet: bool) -> Option<Failure> {
    let mut world = World::new(seed, quiet).await;
    for (step, op) in ops.iter().enumerate() {
        if let Err(failure) = world.execute(op, step).await {
            return Some(failure);
        }
    }
    world.final_check(ops.len().saturating_sub(1)).await.err()
}

/// What makes two failures "the same" while shrinking: the category, with numbers left out.
pub fn signature(failure: &Failure) -> String {
    let text = if failure.kind == "invariant" {
        format!("invariant: {}", failure.detail)
    } else {
        failure.kind.clone()
    };
    text.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// Shrinks a failing list: drops chunks of operations (halving the chunk size) while the replay
/// still fails the same way, within `budget`. Returns the shortest list found and its failure.
pub async fn shrink(
    seed: u64,
    ops: &[Op],
    failure: &Failure,
    budget: Duration,
    quiet: bool,
    mut progress: impl FnMut(usize, usize),
) -> (Vec<Op>, Failure) {
    let start = Instant::now();
    let wanted = signature(failure);
    let mut best: Vec<Op> = ops[..=failure.step.min(ops.len() - 1)].to_vec();
    let mut best_failure = failure.clone();
    let mut attempts = 0;
    // First whole kinds of operations at once (all price posts, all closers, …), then chunks.
    let kind = |op: &Op| format!("{op:?}").split([' ', '{']).next().unwrap_or_default().to_string();
    let mut kinds: Vec<String> = best.iter().map(kind).collect();
    kinds.sort();
    kinds.dedup();
    for name in kinds {
        if start.elapsed() >= budget || best.len() < 2 {
            break;
        }
        let last = best.len() - 1;
        let candidate: Vec<Op> = best
            .iter()
            .enumerate()
            .filter(|(i, op)| *i == last || kind(op) != name)
            .map(|(_, op)| op.clone())
            .collect();
        if candidate.len() == best.len() {
            continue;
        }
        attempts += 1;
        if let Some(found) = replay(seed, &candidate, quiet).await {
            if signature(&found) == wanted {
                let keep = found.step.min(candidate.len().saturating_sub(1));
                best = candidate[..=keep].to_vec();
                best_failure = found;
                progress(attempts, best.len());
            }
        }
    }
    let mut chunk = (best.len() / 2).max(1);
    loop {
        let mut removed = false;
        let mut index = 0;
        while index < best.len() && start.elapsed() < budget {
            let end = (index + chunk).min(best.len());
            let mut candidate = best[..index].to_vec();
            candidate.extend_from_slice(&best[end..]);
            attempts += 1;
            match replay(seed, &candidate, quiet).await {
                Some(found) if signature(&found) == wanted => {
                    let keep = found.step.min(candidate.len().saturating_sub(1));
                    candidate.truncate(keep + 1);
                    best = candidate;
                    best_failure = found;
                    removed = true;
                    progress(attempts, best.len());
                }
                _ => index += chunk,
            }
        }
        if start.elapsed() >= budget {
            break;
        }
        if !removed {
            if chunk == 1 {
                break;
            }
            chunk = (chunk / 2).max(1);
        }
    }
    // Registrations the failure does not need: drop each with its user, renumbering the rest.
    let mut position = 0;
    while position < best.len() && start.elapsed() < budget {
        let Some(candidate) = Op::without_user(&best, position) else {
            position += 1;
            continue;
        };
        attempts += 1;
        match replay(seed, &candidate, quiet).await {
            Some(found) if signature(&found) == wanted => {
                let keep = found.step.min(candidate.len().saturating_sub(1));
                best = candidate[..=keep].to_vec();
                best_failure = found;
                progress(attempts, best.len());
            }
            _ => position += 1,
        }
    }
    (best, best_failure)
}
