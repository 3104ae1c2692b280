//! Formatting of the command-line tools' reports (benchmarks, simulation).

pub mod report;
