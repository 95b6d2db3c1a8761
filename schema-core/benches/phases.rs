//! One timed pass of each stage over one generated history, for sizes too large for criterion's
//! repeated sampling (30,000 migrations, ~57 MB of SQL), and for profilers (callgrind, perf),
//! which want a single run.
//!
//! ```text
//! cargo bench -p schema-core --bench phases -- 30000
//! ```
//! Prints the input, each stage's wall time and the process's peak resident memory (`VmHWM`)
//! after generating the input and after the analysis.

use bench_gen::{Options, generate};
use schema_core::config::Config;
use schema_core::source::MigrationSet;
use schema_core::squash::{SquashOptions, squash};
use schema_core::{analyze, fold, split};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    // `cargo bench` passes `--bench`; the first plain argument is the size.
    let migrations = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with("--"))
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(30_000);
    let history = generate(Options::mixed(migrations, 1));
    let (bytes, statements) = (history.total_bytes(), history.statements);
    let set = MigrationSet::from_files(PathBuf::from("migrations"), history.as_file_pairs(), None);
    drop(history);
    let config = Config::default();
    println!(
        "input: {migrations} migrations, {:.1} MB, {statements} statements; peak RSS after generating: {} MB",
        bytes as f64 / 1e6,
        peak_rss_mb()
    );

    let start = Instant::now();
    for file in &set.files {
        black_box(split::split(&file.text));
    }
    report("split", start, bytes, statements);

    let start = Instant::now();
    let (records, _) = fold::statements(&set, &config);
    report("split+parse", start, bytes, statements);

    let start = Instant::now();
    black_box(fold::fold(&set, &config, &records));
    report("fold", start, bytes, statements);
    drop(records);

    let start = Instant::now();
    let analysis = analyze(set, &config);
    report("check (analyze)", start, bytes, statements);

    let start = Instant::now();
    black_box(squash(
        &analysis,
        &config,
        SquashOptions { replaces: false },
    ));
    report("squash", start, bytes, statements);
    println!("peak RSS: {} MB", peak_rss_mb());
}

fn report(stage: &str, start: Instant, bytes: usize, statements: usize) {
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{stage:>16}: {:>9.1} ms  {:>7.1} MB/s  {:>9.0} statements/s",
        seconds * 1e3,
        bytes as f64 / 1e6 / seconds,
        statements as f64 / seconds
    );
}

/// The process's peak resident set (Linux `VmHWM`), in MB; 0 where unavailable.
fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .map_or(0, |kb| kb / 1024)
}
