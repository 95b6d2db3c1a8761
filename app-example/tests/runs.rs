//! The example binary, run the way a user runs it: twice on a fresh SQLite data directory and
//! twice on a fresh PostgreSQL database (migrations applied, then up to date), and against a
//! drifted schema and an unreachable server (one line on stderr, a non-zero exit).
//!
//! It lives in `app-example/tests/` rather than the workspace's `tests/` crate so that cargo
//! builds the binary first and hands over its path (`CARGO_BIN_EXE_app-example`): a nested
//! `cargo build` from a test would wait on the build lock of the `cargo test` running it.

#[path = "../../tests/tests/support/mod.rs"]
mod support;

use sqlx::{AssertSqlSafe, Connection};
use std::path::Path;
use std::process::{Command, Output};
use support::pg::TestDatabase;

/// Runs the app with only the settings given (no inherited `DATABASE_URL`).
fn run_app(data_dir: &Path, database_url: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_app-example"));
    command
        .current_dir(data_dir)
        .env_remove("DATABASE_URL")
        .env("APP_DATA_DIR", data_dir.join("data"))
        .env("RUST_BACKTRACE", "1");
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    command.output().expect("the example binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The short id in "created ticket <id> with a comment".
fn created_ticket(out: &str) -> &str {
    let rest = out
        .split("created ticket ")
        .nth(1)
        .unwrap_or_else(|| panic!("no ticket created:\n{out}"));
    rest.split(' ').next().unwrap_or_default()
}

/// A first run applies the three migrations and works; a second one finds nothing to apply.
fn assert_applied_then_up_to_date(first: &Output, second: &Output) {
    assert!(
        first.status.success(),
        "first run failed: {}",
        stderr(first)
    );
    let out = stdout(first);
    for file in [
        "0029_baseline.up.sql",
        "0030_add_ticket_due_date.up.sql",
        "0031_seed_ticket_summary_template.up.sql",
    ] {
        assert!(
            out.contains(&format!("migrations: applied {file}")),
            "{out}"
        );
    }
    let first_ticket = created_ticket(&out).to_owned();
    assert_eq!(first_ticket.len(), 8, "{out}");
    assert!(
        out.contains("recorded daily cleaning checklist at bay 3: 7 of 8 tasks done"),
        "{out}"
    );
    assert!(
        out.contains("prompt template `ticket_summary`: Summarise this ticket"),
        "{out}"
    );

    assert!(
        second.status.success(),
        "second run failed: {}",
        stderr(second)
    );
    let out = stdout(second);
    assert!(
        out.contains("migrations: up to date (3 migrations)"),
        "{out}"
    );
    assert!(!out.contains("migrations: applied"), "{out}");
    // Both tickets are open, the second run's listed above the first one's.
    let second_ticket = created_ticket(&out);
    assert_ne!(second_ticket, first_ticket, "{out}");
    let listed = |id: &str| {
        out.find(&format!(
            "  {id} [open, medium] Door sensor offline in bay 3"
        ))
        .unwrap_or_else(|| panic!("ticket {id} not listed:\n{out}"))
    };
    assert!(listed(second_ticket) < listed(&first_ticket), "{out}");
}

/// Failed, with exactly one line on stderr that starts with `expected`, and no backtrace.
fn assert_one_line_failure(output: &Output, expected: &str) {
    assert!(!output.status.success(), "should fail: {}", stdout(output));
    let err = stderr(output);
    assert_eq!(err.lines().count(), 1, "one line expected, got:\n{err}");
    assert!(err.starts_with(expected), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{err}"
    );
}

#[test]
fn sqlite_applies_the_migrations_then_is_up_to_date() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let first = run_app(dir.path(), None);
    let second = run_app(dir.path(), None);
    assert!(dir.path().join("data/app.db").is_file());
    assert_applied_then_up_to_date(&first, &second);
}

#[tokio::test]
async fn a_drifted_sqlite_database_is_one_line_and_a_failure() {
    let dir = tempfile::tempdir().expect("temporary folder");
    assert!(run_app(dir.path(), None).status.success());
    let url = format!("sqlite:{}", dir.path().join("data/app.db").display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::raw_sql("ALTER TABLE tickets ADD COLUMN escalated integer")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let output = run_app(dir.path(), None);
    assert_one_line_failure(
        &output,
        "error: the database schema has drifted from the migrations: table `tickets`: column \
         `escalated` exists but is not expected",
    );
}

#[tokio::test]
async fn postgres_applies_the_migrations_then_is_up_to_date() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    let first = run_app(dir.path(), Some(&db.url));
    let second = run_app(dir.path(), Some(&db.url));
    assert_applied_then_up_to_date(&first, &second);
    assert!(
        !dir.path().join("data").exists(),
        "no SQLite file with DATABASE_URL"
    );
    db.close().await;
}

#[tokio::test]
async fn a_drifted_postgres_database_is_one_line_and_a_failure() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = tempfile::tempdir().expect("temporary folder");
    assert!(run_app(dir.path(), Some(&db.url)).status.success());
    let mut conn = db.connect().await;
    sqlx::raw_sql(AssertSqlSafe(
        "ALTER TABLE tickets ADD COLUMN escalated boolean",
    ))
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let output = run_app(dir.path(), Some(&db.url));
    assert_one_line_failure(
        &output,
        "error: the database schema has drifted from the migrations: table `tickets`",
    );
    assert!(stderr(&output).contains("escalated"), "{}", stderr(&output));
    db.close().await;
}

#[test]
fn an_unreachable_server_is_one_line_without_the_password() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = run_app(
        dir.path(),
        Some("postgres://app:s3cret@127.0.0.1:1/console"),
    );
    assert_one_line_failure(
        &output,
        "error: cannot connect to `postgres://app:***@127.0.0.1:1/console`",
    );
    assert!(!stderr(&output).contains("s3cret"));
    assert!(!stdout(&output).contains("s3cret"));
}

#[test]
fn an_unsupported_url_is_one_line() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = run_app(dir.path(), Some("mysql://app:s3cret@db/console"));
    assert_one_line_failure(
        &output,
        "error: unsupported DATABASE_URL `mysql://app:***@db/console`",
    );
}
