//! `schema migrate`, `status`, `dry-run`, `revert` and `verify` end to end on SQLite files.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

const FILES: &[(&str, &str)] = &[
    (
        "0001_users.up.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    ),
    ("0001_users.down.sql", "DROP TABLE users;\n"),
    (
        "0002_user_name.up.sql",
        "ALTER TABLE users ADD COLUMN name text;\n",
    ),
    (
        "0002_user_name.down.sql",
        "ALTER TABLE users DROP COLUMN name;\n",
    ),
];

/// A temp dir holding `migrations/`; the database is `app.db` beside it.
fn project() -> TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("migrations");
    fs::create_dir(&dir).unwrap();
    fs::write(root.path().join("schema.toml"), "dialect = \"sqlite\"\n").unwrap();
    for (name, sql) in FILES {
        fs::write(dir.join(name), sql).unwrap();
    }
    root
}

fn schema(root: &TempDir, args: &[&str]) -> Command {
    let mut command = cargo_bin_cmd!("schema");
    command
        .current_dir(root.path())
        .args(args)
        .env("DATABASE_URL", "sqlite:app.db");
    command
}

#[test]
fn migrate_status_dry_run_and_revert() {
    let root = project();
    schema(&root, &["status"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "pending       1  0001_users.up.sql",
        ));
    schema(&root, &["dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "-- 2 0002_user_name.up.sql: apply\nALTER TABLE users ADD COLUMN name text;",
        ));
    schema(&root, &["migrate", "--to", "1"])
        .assert()
        .success()
        .stdout("applied 1 0001_users.up.sql\n");
    schema(&root, &["migrate"])
        .assert()
        .success()
        .stdout("applied 2 0002_user_name.up.sql\n");
    schema(&root, &["migrate"])
        .assert()
        .success()
        .stdout("up to date: nothing to apply\n");
    schema(&root, &["status"])
        .assert()
        .success()
        .stdout("applied       1  users\napplied       2  user name\n");
    schema(&root, &["revert", "--to", "0"])
        .assert()
        .success()
        .stdout("reverted 2\nreverted 1\n");
}

#[test]
fn a_failing_migration_is_one_error_line_with_file_line_col_and_a_hint() {
    let root = project();
    fs::write(
        root.path().join("migrations/0003_bad.up.sql"),
        "SELECT 1;\nINSERT INTO users (id, email) VALUES (1, 'a'), (1, 'b');\n",
    )
    .unwrap();
    schema(&root, &["migrate"])
        .assert()
        .code(2)
        // The migrations that finished before the failure are listed as they finished.
        .stdout("applied 1 0001_users.up.sql\napplied 2 0002_user_name.up.sql\n")
        .stderr(
            "error: migration 3 failed at 0003_bad.up.sql:2:1: UNIQUE constraint failed: users.id\n\
             hint: fix the statement at that position; the database is left at the previous \
             migration\n",
        );
}

#[test]
fn a_long_run_off_a_terminal_prints_plain_lines_and_no_progress_bar() {
    let root = project();
    for version in 3..=8 {
        fs::write(
            root.path()
                .join(format!("migrations/000{version}_t{version}.up.sql")),
            format!("CREATE TABLE t{version} (id bigint);\n"),
        )
        .unwrap();
        fs::write(
            root.path()
                .join(format!("migrations/000{version}_t{version}.down.sql")),
            format!("DROP TABLE t{version};\n"),
        )
        .unwrap();
    }
    let mut expected: String = (3..=8)
        .map(|v| format!("applied {v} 000{v}_t{v}.up.sql\n"))
        .collect();
    expected.insert_str(
        0,
        "applied 1 0001_users.up.sql\napplied 2 0002_user_name.up.sql\n",
    );
    schema(&root, &["migrate"])
        .assert()
        .success()
        .stdout(expected)
        .stderr("");
    let reverted: String = (1..=8).rev().map(|v| format!("reverted {v}\n")).collect();
    schema(&root, &["revert", "--to", "0"])
        .assert()
        .success()
        .stdout(reverted)
        .stderr("");
}

#[test]
fn a_missing_database_url_says_how_to_give_one() {
    let root = project();
    schema(&root, &["migrate"])
        .env_remove("DATABASE_URL")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: no database to connect to\nhint: pass `--database-url",
        ));
}

#[test]
fn an_unreachable_database_is_one_line_and_a_hint() {
    let root = project();
    schema(
        &root,
        &["status", "--database-url", "sqlite:no/such/folder/app.db"],
    )
    .assert()
    .code(2)
    .stderr(
        "error: cannot connect to `sqlite:no/such/folder/app.db`: unable to open database file\n\
         hint: check that the database file's folder exists and that you may write to it\n",
    );
    schema(&root, &["migrate", "--database-url", "mysql://localhost/db"])
        .assert()
        .code(2)
        .stderr(
            "error: unsupported database URL `mysql://localhost/db`: expected `postgres://` or `sqlite:`\n\
             hint: use `postgres://user@host/db` or `sqlite:path.db`\n",
        );
}

#[test]
fn connection_errors_never_show_the_password() {
    let root = project();
    schema(
        &root,
        &[
            "status",
            "--database-url",
            "postgres://admin:hunter2@127.0.0.1:1/db",
        ],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::contains(
        "postgres://admin:***@127.0.0.1:1/db",
    ))
    .stderr(predicate::str::contains("hunter2").not())
    .stderr(predicate::str::contains("panicked").not());
}
