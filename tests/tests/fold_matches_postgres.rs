//! The fold agrees with PostgreSQL: for each good migration history, the catalog that
//! `analyze_dir` folds statically equals what `introspect_postgres` reads back after really
//! running the up files, in the analyzer's own run order, on a fresh database.
//!
//! Histories: the two long fixtures under `schema-core/test_data/pg/` (a sqlx shop and a
//! diesel blog) and every `schema-core/test_data/ok/*/migrations` whose `schema.toml` does not
//! make it SQLite. An `ok` history that PostgreSQL itself rejects (say, one that references
//! tables it leaves to the outside world) is skipped with a printed note; the two `pg`
//! fixtures must apply.

mod support;

use support::fixtures::{is_sqlite, note, test_data};

use schema_core::analyze::Analysis;
use schema_core::catalog_diff::diff;
use schema_core::config::Config;
use schema_core::introspect::introspect_postgres;
use std::path::{Path, PathBuf};
use support::pg::{TestDatabase, apply_sql_files};

#[tokio::test]
async fn sqlx_shop_fold_matches_postgres() {
    let dir = test_data().join("pg/sqlx_shop/migrations");
    if let Outcome::Differs(report) = check_history(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn diesel_blog_fold_matches_postgres() {
    let dir = test_data().join("pg/diesel_blog/migrations");
    if let Outcome::Differs(report) = check_history(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn ok_fixtures_fold_matches_postgres() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(test_data().join("ok"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path().join("migrations"))
                .filter(|dir| dir.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in dirs {
        if is_sqlite(&dir) {
            continue;
        }
        match check_history(&dir, false).await {
            Outcome::Matches => checked += 1,
            Outcome::Skipped => {}
            Outcome::Differs(report) => failures.push(report),
        }
    }
    note(&format!(
        "ok fixtures: {checked} match PostgreSQL, {} do not",
        failures.len()
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

enum Outcome {
    Matches,
    /// No server, or (for an `ok` fixture) PostgreSQL rejected the migrations.
    Skipped,
    Differs(String),
}

/// Analyses `dir`, applies its up files to a fresh database and compares the two catalogs.
/// `must_apply`: a history PostgreSQL rejects is a failure rather than a skip.
async fn check_history(dir: &Path, must_apply: bool) -> Outcome {
    let name = dir.parent().and_then(Path::file_name).map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let config = Config::load_for(dir)
        .unwrap_or_else(|error| panic!("{name}: invalid schema.toml: {error}"));
    let analysis = schema_core::analyze_dir(dir, &config)
        .unwrap_or_else(|error| panic!("{name}: cannot load migrations: {error}"));
    let mut problems = error_diagnostics(&analysis);
    let files = up_files(&analysis);

    let Some(database) = TestDatabase::create().await else {
        return Outcome::Skipped;
    };
    let mut conn = database.connect().await;
    if let Err(error) = apply_sql_files(&mut conn, &files).await {
        drop(conn);
        database.close().await;
        if must_apply {
            panic!("{name}: migrations failed to apply on PostgreSQL: {error}");
        }
        note(&format!(
            "NOTE: skipping `{name}`: PostgreSQL rejects its migrations: {error}"
        ));
        return Outcome::Skipped;
    }
    let introspected = introspect_postgres(&mut conn, &[])
        .await
        .unwrap_or_else(|error| panic!("{name}: introspection failed: {error}"));
    drop(conn);
    database.close().await;

    let differences = diff(&analysis.catalog, &introspected);
    if differences.is_empty() && problems.is_empty() {
        return Outcome::Matches;
    }
    if !differences.is_empty() {
        problems.push(format!(
            "the folded catalog differs from PostgreSQL in {} places:",
            differences.len()
        ));
        problems.extend(differences.iter().map(|d| format!("    {d}")));
    }
    Outcome::Differs(format!(
        "{name} ({}):\n  {}",
        dir.display(),
        problems.join("\n  ")
    ))
}

/// The up files in the analyzer's run order, as paths.
fn up_files(analysis: &Analysis) -> Vec<PathBuf> {
    analysis
        .set
        .migrations
        .iter()
        .map(|migration| {
            analysis
                .set
                .root
                .join(&analysis.set.file(migration.up).path)
        })
        .collect()
}

/// Every error-severity diagnostic, one line each: a good history has none.
fn error_diagnostics(analysis: &Analysis) -> Vec<String> {
    analysis
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(|diagnostic| {
            let place = diagnostic
                .primary
                .as_ref()
                .map_or_else(String::new, |label| {
                    let file = analysis.set.file(label.file);
                    let (line, column) = file.line_col(label.range.start);
                    format!(" at {}:{line}:{column}", file.path)
                });
            format!(
                "error diagnostic [{}]{place}: {}",
                diagnostic.code, diagnostic.message
            )
        })
        .collect()
}
