//! `schema lock` writes `migrations.lock` beside the folder; `--check` fails (exit 1) once a
//! locked migration is edited or a new one sorts before the locked ones.

use assert_cmd::Command;
use predicates::str::contains;
use std::fs;

fn schema() -> Command {
    let mut command = Command::cargo_bin("schema").unwrap();
    command.env("NO_COLOR", "1");
    command
}

#[test]
fn lock_then_check_catches_an_edit_and_an_out_of_order_merge() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("migrations");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("001_users.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    fs::write(
        dir.join("003_posts.sql"),
        "CREATE TABLE posts (id bigint PRIMARY KEY);\n",
    )
    .unwrap();

    schema()
        .arg("lock")
        .arg(&dir)
        .assert()
        .success()
        .stdout(contains("(2 migrations)"));
    let lock = fs::read_to_string(root.path().join("migrations.lock")).unwrap();
    assert_eq!(lock.lines().filter(|l| !l.starts_with('#')).count(), 2);
    schema()
        .args(["lock", "--check"])
        .arg(&dir)
        .assert()
        .success();

    fs::write(
        dir.join("001_users.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n",
    )
    .unwrap();
    fs::write(dir.join("002_late.sql"), "SELECT 1;\n").unwrap();
    schema()
        .args(["lock", "--check"])
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(contains(
            "error[lock-edited]: migration 1 `users` was edited after it was locked",
        ))
        .stdout(contains("error[lock-out-of-order]: new migration 2 `late`"));
    // `schema check` reports the same findings, with the rest of the analysis.
    schema()
        .arg("check")
        .arg(&dir)
        .assert()
        .code(1)
        .stdout(contains("lock-edited"));
}

#[test]
fn check_without_a_lockfile_says_how_to_make_one() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("migrations");
    fs::create_dir(&dir).unwrap();
    fs::write(
        dir.join("001_users.sql"),
        "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    )
    .unwrap();
    schema()
        .args(["lock", "--check"])
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(contains("hint: run `schema lock"));
}
