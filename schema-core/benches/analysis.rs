//! Throughput of each stage of the analysis on generated histories of 30, 300 and 3,000
//! migrations (`bench-gen`, seed 1; 300 is lemmy-sized: ~560 KB, ~2,900 statements).
//!
//! `cargo bench -p schema-core --bench analysis` measures; `cargo test` runs each once.
//! Throughput is reported in bytes of SQL and statements per iteration, so criterion prints
//! both MB/s and statements/s. 30,000 migrations is measured once, outside criterion, by
//! `bench-gen`'s `analyze-history` binary (see BENCHMARKS.md).

use bench_gen::{GeneratedHistory, Options, generate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use schema_core::config::Config;
use schema_core::source::MigrationSet;
use schema_core::squash::{SquashOptions, squash};
use schema_core::{analyze, fold, parse, split};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const SIZES: &[usize] = &[30, 300, 3000];
const SEED: u64 = 1;

struct Input {
    history: GeneratedHistory,
    set: MigrationSet,
    config: Config,
}

impl Input {
    fn new(migrations: usize) -> Input {
        let history = generate(Options::mixed(migrations, SEED));
        let set =
            MigrationSet::from_files(PathBuf::from("migrations"), history.as_file_pairs(), None);
        Input {
            history,
            set,
            config: Config::default(),
        }
    }

    fn throughput(&self) -> Throughput {
        Throughput::ElementsAndBytes {
            elements: self.history.statements as u64,
            bytes: self.history.total_bytes() as u64,
        }
    }
}

fn stages(c: &mut Criterion) {
    let inputs: Vec<(usize, Input)> = SIZES.iter().map(|&n| (n, Input::new(n))).collect();

    let mut group = c.benchmark_group("split");
    for (size, input) in &inputs {
        group.throughput(input.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(size), input, |b, input| {
            b.iter(|| {
                for file in &input.set.files {
                    black_box(split::split(black_box(&file.text)));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("parse");
    for (size, input) in &inputs {
        let statements: Vec<&str> = input
            .set
            .files
            .iter()
            .flat_map(|file| {
                let (raw, _) = split::split(&file.text);
                raw.into_iter().map(|s| &file.text[s.range])
            })
            .collect();
        group.throughput(input.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(size), input, |b, input| {
            b.iter(|| {
                for sql in &statements {
                    black_box(parse::parse_statement(black_box(sql), input.config.dialect));
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("fold");
    for (size, input) in &inputs {
        let (records, _) = fold::statements(&input.set, &input.config);
        group.throughput(input.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(size), input, |b, input| {
            b.iter(|| black_box(fold::fold(&input.set, &input.config, &records)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("check");
    for (size, input) in &inputs {
        group.throughput(input.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(size), input, |b, input| {
            b.iter_batched(
                || input.set.clone(),
                |set| black_box(analyze(set, &input.config)),
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("squash");
    for (size, input) in &inputs {
        let analysis = analyze(input.set.clone(), &input.config);
        group.throughput(input.throughput());
        group.bench_with_input(BenchmarkId::from_parameter(size), input, |b, input| {
            b.iter(|| {
                black_box(squash(
                    &analysis,
                    &input.config,
                    SquashOptions { replaces: false },
                ))
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    // The largest inputs take a second an iteration: ten samples over a few seconds each keep
    // a full run near ten minutes on a 2-core machine.
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

criterion_group! {
    name = benches;
    config = config();
    targets = stages
}
criterion_main!(benches);
