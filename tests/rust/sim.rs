//! The simulation (crates/sim) as part of the test suite: a bounded run of random operation
//! sequences, every transaction checked against the reference model, the replayed events and the
//! product invariants. The bugs it found are fixed, each with its test in `sim_regressions.rs`.

use cip_sim::{run, Coverage, RunConfig};

/// Seeds × operations of the bounded run (a few thousand operations, well under a minute in a
/// debug build on two cores).
const SEEDS: [u64; 3] = [101, 102, 103];
const STEPS: usize = 1_000;

#[tokio::test(flavor = "current_thread")]
async fn random_sequences_agree_with_the_model() {
    let mut coverage = Coverage::default();
    let mut steps = 0;
    for seed in SEEDS {
        let config = RunConfig::new(seed, STEPS);
        let result = run(&config, |_| {}).await;
        steps += result.steps;
        coverage.merge(&result.coverage);
        if let Some((failure, ops)) = result.failure {
            let tail: Vec<String> = ops
                .iter()
                .enumerate()
                .skip(ops.len().saturating_sub(15))
                .map(|(i, op)| format!("  {i}: {op:?}"))
                .collect();
            panic!(
                "cip-sim seed {seed} failed at operation {} ({}):\n{}\nlast operations:\n{}\n\
                 reproduce and shrink with: cargo run -p cip-sim -- --seed {seed} --steps {}",
                failure.step,
                failure.kind,
                failure.detail,
                tail.join("\n"),
                failure.step + 1
            );
        }
    }
    assert_eq!(steps, SEEDS.len() * STEPS);
    // The run reaches most of the program.
    let never = coverage.instructions_never_reached();
    assert!(never.len() <= 6, "instructions never reached: {never:?}");
    println!("{}", coverage.report());
}
