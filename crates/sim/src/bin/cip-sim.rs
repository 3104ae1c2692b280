//! cip-sim: randomized operation sequences on the embedded runtime, checked after every
//! transaction against the reference model and the replayed events.
//!
//! Usage: cip-sim [--seed S] [--steps N] [--runs R] [--full-every K] [--shrink-secs T]
//!
//! Runs seeds S, S+1, …, S+R−1 with N operations each. A failing run prints its seed, the failure
//! and the shortest failing prefix the shrinker finds (operations in Rust `Debug` form, one per
//! line). At the end: throughput and coverage.

use std::io::Write;
use std::time::{Duration, Instant};

use cip_sim::{run, shrink, Coverage, RunConfig};

struct Args {
    seed: u64,
    steps: usize,
    runs: u64,
    full_every: usize,
    shrink_secs: u64,
}

fn usage() -> ! {
    eprintln!("usage: cip-sim [--seed S] [--steps N] [--runs R] [--full-every K] [--shrink-secs T]");
    std::process::exit(2)
}

fn parse() -> Args {
    let mut args = Args { seed: 1, steps: 2_000, runs: 1, full_every: 40, shrink_secs: 180 };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--seed" => args.seed = value().parse().unwrap_or_else(|_| usage()),
            "--steps" => args.steps = value().parse().unwrap_or_else(|_| usage()),
            "--runs" => args.runs = value().parse().unwrap_or_else(|_| usage()),
            "--full-every" => args.full_every = value().parse().unwrap_or_else(|_| usage()),
            "--shrink-secs" => args.shrink_secs = value().parse().unwrap_or_else(|_| usage()),
            "-h" | "--help" => usage(),
            _ => usage(),
        }
    }
    args
}

fn bar(done: usize, total: usize, seed: u64, started: Instant, steps_before: usize) {
    let width = 30;
    let filled = done * width / total.max(1);
    let elapsed = started.elapsed().as_secs_f64().max(1e-9);
    let rate = (steps_before + done) as f64 / elapsed;
    eprint!(
        "\r  seed {seed:<6} [{}{}] {done:>6}/{total} steps  {rate:>7.1} steps/s ",
        "#".repeat(filled),
        ".".repeat(width - filled)
    );
    let _ = std::io::stderr().flush();
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args = parse();
    eprintln!(
        "cip-sim: {} run(s) of {} operations from seed {} (full comparison every {} operations)",
        args.runs, args.steps, args.seed, args.full_every
    );
    let started = Instant::now();
    let mut coverage = Coverage::default();
    let (mut steps, mut transactions, mut rejected, mut failed) = (0usize, 0u64, 0u64, vec![]);
    for seed in args.seed..args.seed + args.runs {
        let config = RunConfig { seed, steps: args.steps, quiet: true, full_every: args.full_every };
        let mut last = Instant::now();
        let before = steps;
        let result = run(&config, |done| {
            if last.elapsed() > Duration::from_millis(200) || done == args.steps {
                bar(done, args.steps, seed, started, before);
                last = Instant::now();
            }
        })
        .await;
        eprintln!();
        steps += result.steps;
        transactions += result.transactions;
        rejected += result.rejected;
        coverage.merge(&result.coverage);
        if let Some((failure, ops)) = result.failure {
            println!("\nFAILED: seed {seed} at operation {} of {}", failure.step, ops.len());
            println!("  {}: {}", failure.kind, failure.detail);
            eprintln!("  shrinking (up to {} s) …", args.shrink_secs);
            let (shortest, found) =
                shrink(seed, &ops, &failure, Duration::from_secs(args.shrink_secs), true, |attempts, len| {
                    eprint!("\r  shrink: {attempts} replays, {len} operations   ");
                    let _ = std::io::stderr().flush();
                })
                .await;
            eprintln!();
            println!("  shortest failing prefix found: {} operations (seed {seed})", shortest.len());
            let file = format!("cip-sim-seed-{seed}.ops");
            let listing: String =
                shortest.iter().enumerate().map(|(index, op)| format!("{index:>5}: {op:?}\n")).collect();
            match std::fs::write(&file, &listing) {
                Ok(()) => println!("  (written to {file})"),
                Err(error) => println!("  (could not write {file}: {error})"),
            }
            for line in listing.lines().take(60) {
                println!("   {line}");
            }
            if shortest.len() > 60 {
                println!("    … {} more in {file}", shortest.len() - 60);
            }
            println!(
                "  fails with {}: {}",
                found.kind,
                found.detail.lines().take(12).collect::<Vec<_>>().join("\n    ")
            );
            failed.push(seed);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!();
    println!("== Summary ==");
    println!(
        "  {} runs, {steps} operations, {transactions} transactions ({rejected} rejected as the model predicted), {elapsed:.1} s",
        args.runs
    );
    println!(
        "  throughput: {:.1} operations/s, {:.1} transactions/s",
        steps as f64 / elapsed,
        transactions as f64 / elapsed
    );
    if failed.is_empty() {
        println!("  all runs agree with the model");
    } else {
        println!("  failing seeds: {failed:?}");
    }
    println!();
    print!("{}", coverage.report());
    if !failed.is_empty() {
        std::process::exit(1);
    }
}
