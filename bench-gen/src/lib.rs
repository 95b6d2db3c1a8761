//! bench-gen: synthetic migration histories for schema's benchmarks.
//!
//! `generate` writes a history of any length in sqlx's layout (`<timestamp>_<name>.sql`) that
//! a real project could have: tables created with foreign keys to earlier ones, columns added,
//! renamed, retyped and dropped, indexes, enums, views, trigger functions, backfills and
//! comments, in roughly the proportions of the public histories in `shared/corpora`. The
//! history is consistent (it references only what exists at that point), so the analyzer
//! walks every statement instead of stopping at errors, and it is a pure function of the
//! options: the same seed gives the same bytes.

mod history;
mod rng;

use history::History;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Number of migration files.
    pub migrations: usize,
    pub seed: u64,
    /// Only `CREATE TABLE`s (with their indexes and foreign keys), `tables_per_migration` per
    /// file: the input of the generated-code size benchmarks, where the table count matters.
    pub creates_only: bool,
    pub tables_per_migration: usize,
}

impl Options {
    /// A realistic mixed history of `migrations` files.
    pub fn mixed(migrations: usize, seed: u64) -> Options {
        Options {
            migrations,
            seed,
            creates_only: false,
            tables_per_migration: 1,
        }
    }

    /// `tables` tables created over `tables.div_ceil(10)` files.
    pub fn tables(tables: usize, seed: u64) -> Options {
        Options {
            migrations: tables.div_ceil(10),
            seed,
            creates_only: true,
            tables_per_migration: 10,
        }
    }
}

/// One generated file: its name (relative to the migrations folder) and its SQL.
#[derive(Debug, Clone)]
pub struct GeneratedFile {
    pub path: String,
    pub sql: String,
}

/// A generated history and what it holds.
#[derive(Debug, Clone)]
pub struct GeneratedHistory {
    pub files: Vec<GeneratedFile>,
    /// Statements written (each ends with `;` at top level).
    pub statements: usize,
    /// Tables that exist after the last migration.
    pub final_tables: usize,
}

impl GeneratedHistory {
    pub fn total_bytes(&self) -> usize {
        self.files.iter().map(|file| file.sql.len()).sum()
    }

    /// The `(path, bytes)` pairs `schema_core::source::MigrationSet::from_files` takes.
    pub fn as_file_pairs(&self) -> Vec<(String, Vec<u8>)> {
        self.files
            .iter()
            .map(|file| (file.path.clone(), file.sql.clone().into_bytes()))
            .collect()
    }
}

pub fn generate(options: Options) -> GeneratedHistory {
    let mut history = History::new(options.seed);
    let mut files = Vec::with_capacity(options.migrations);
    for index in 0..options.migrations {
        let (name, sql) = if options.creates_only {
            history.migration_of_creates(options.tables_per_migration)
        } else {
            history.mixed_migration(index)
        };
        files.push(GeneratedFile {
            path: format!("{}_{name}.sql", sqlx_version(index)),
            sql,
        });
    }
    GeneratedHistory {
        files,
        statements: history.statements,
        final_tables: history.live_tables(),
    }
}

/// sqlx's timestamp version of the `index`-th migration: one every 7 hours from 2020-01-01,
/// on 28-day months so every date is valid.
fn sqlx_version(index: usize) -> String {
    let hours = index * 7;
    let (days, hour) = (hours / 24, hours % 24);
    let (months, day) = (days / 28, days % 28);
    let (year, month) = (2020 + months / 12, months % 12);
    let minute = index % 60;
    format!(
        "{year:04}{:02}{:02}{hour:02}{minute:02}00",
        month + 1,
        day + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_history() {
        let first = generate(Options::mixed(40, 7));
        let second = generate(Options::mixed(40, 7));
        let texts = |h: &GeneratedHistory| -> Vec<String> {
            h.files.iter().map(|f| f.path.clone() + &f.sql).collect()
        };
        assert_eq!(texts(&first), texts(&second));
        assert_ne!(texts(&first), texts(&generate(Options::mixed(40, 8))));
    }

    #[test]
    fn versions_increase_in_file_order() {
        let versions: Vec<String> = (0..5000).map(sqlx_version).collect();
        assert!(versions.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn tables_mode_creates_the_requested_table_count() {
        let history = generate(Options::tables(50, 1));
        assert_eq!(history.files.len(), 5);
        assert_eq!(history.final_tables, 50);
    }
}
