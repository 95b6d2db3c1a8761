//! A PostgreSQL database that ran the legacy history is adopted by the app, not rebuilt: the
//! runner finds legacy versions 1..=28 in its history, checks that the live schema is what the
//! baseline (`-- replaces: 1..=28`) creates, records the baseline as applied without running
//! it, then applies the later migrations as usual.

#[path = "../../tests/tests/support/mod.rs"]
mod support;

use sqlx::{AssertSqlSafe, Connection};
use std::path::{Path, PathBuf};
use std::process::Command;
use support::pg::{TestDatabase, apply_sql_files};

fn app_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The baseline's `CREATE TABLE public.<table> (...);`, verbatim: the legacy deployments had
/// these tables from the platform, defined as the baseline now defines them.
fn baseline_create_table(table: &str) -> String {
    let baseline =
        std::fs::read_to_string(app_dir().join("migrations/postgres/0029_baseline.up.sql"))
            .expect("the baseline reads");
    let start = baseline
        .find(&format!("CREATE TABLE public.{table} ("))
        .unwrap_or_else(|| panic!("the baseline creates `{table}`"));
    let end = start + baseline[start..].find("\n);").expect("the statement ends") + 3;
    baseline[start..end].to_owned()
}

/// The legacy files in the order the analyzer (and so `schema squash`) folded them, with the
/// versions a legacy deployment's history holds for them.
fn legacy_files_and_versions() -> (Vec<PathBuf>, Vec<i64>) {
    let dir = app_dir().join("legacy-migrations");
    let analysis =
        schema_core::analyze_dir(&dir, &schema_core::Config::default()).expect("legacy loads");
    let set = &analysis.set;
    let files = set
        .migrations
        .iter()
        .map(|m| dir.join(&set.file(m.up).path))
        .collect();
    let mut versions: Vec<i64> = set.migrations.iter().filter_map(|m| m.version).collect();
    versions.dedup();
    (files, versions)
}

/// The legacy schema, and a history table that records the legacy versions as applied (the
/// layout sqlx and this runner share; checksums are the legacy tool's, unknown here).
async fn build_legacy_database(db: &TestDatabase) {
    let mut conn = db.connect().await;
    for table in ["system_config", "users"] {
        sqlx::raw_sql(AssertSqlSafe(baseline_create_table(table)))
            .execute(&mut conn)
            .await
            .unwrap_or_else(|error| panic!("`{table}` created: {error}"));
    }
    let (files, versions) = legacy_files_and_versions();
    apply_sql_files(&mut conn, &files)
        .await
        .unwrap_or_else(|error| panic!("the legacy history applies: {error}"));
    sqlx::raw_sql(
        "CREATE TABLE _sqlx_migrations (
            version BIGINT PRIMARY KEY,
            description TEXT NOT NULL,
            installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
            success BOOLEAN NOT NULL,
            checksum BYTEA NOT NULL,
            execution_time BIGINT NOT NULL
        )",
    )
    .execute(&mut conn)
    .await
    .expect("history table created");
    for version in versions {
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES ($1, 'legacy', TRUE, '\\x00', 0)",
        )
        .bind(version)
        .execute(&mut conn)
        .await
        .expect("legacy version recorded");
    }
    conn.close().await.expect("connection closes");
}

async fn history(db: &TestDatabase) -> Vec<i64> {
    let mut conn = db.connect().await;
    let versions = sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .expect("history reads");
    conn.close().await.expect("connection closes");
    versions
}

fn run_app(database_url: &str) -> (bool, String, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_app-example"))
        .current_dir(dir.path())
        .env("DATABASE_URL", database_url)
        .output()
        .expect("the example binary runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test]
async fn a_database_that_ran_the_legacy_history_is_adopted() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    build_legacy_database(&db).await;
    // 1..=28 but 9, which the legacy skipped; the two 021 files share a row, the unnumbered
    // file has none.
    assert_eq!(history(&db).await.len(), 27, "one row per legacy version");

    let (success, out, err) = run_app(&db.url);
    assert!(
        success,
        "the app failed on the legacy database: {err}\n{out}"
    );
    assert!(
        out.contains("migrations: adopted baseline 0029_baseline.up.sql"),
        "{out}"
    );
    assert!(!out.contains("applied 0029_baseline.up.sql"), "{out}");
    for file in [
        "0030_add_ticket_due_date.up.sql",
        "0031_seed_ticket_summary_template.up.sql",
    ] {
        assert!(
            out.contains(&format!("migrations: applied {file}")),
            "{out}"
        );
    }
    assert!(out.contains("created ticket "), "{out}");
    assert_eq!(history(&db).await, [29, 30, 31], "the legacy rows gave way");

    let (success, out, err) = run_app(&db.url);
    assert!(success, "second run failed: {err}");
    assert!(
        out.contains("migrations: up to date (3 migrations)"),
        "{out}"
    );
    db.close().await;
}
