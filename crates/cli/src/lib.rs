//! Formatting shared by the scenario runner and the benchmarks.

pub mod report;
