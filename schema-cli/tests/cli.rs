//! End to end: the `schema` binary over small migration folders made in temp dirs.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// A temp dir holding `migrations/` with `files` (name, SQL).
fn migrations(files: &[(&str, &str)]) -> TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("migrations");
    fs::create_dir(&dir).expect("create migrations folder");
    for (name, sql) in files {
        fs::write(dir.join(name), sql).expect("write migration");
    }
    root
}

/// `schema <args>` run from `root`, so the default `migrations` folder is `root/migrations`.
fn schema(root: &Path, args: &[&str]) -> Command {
    let mut command = cargo_bin_cmd!("schema");
    command.current_dir(root).args(args).env_remove("NO_COLOR");
    command
}

const USERS: &str = "CREATE TABLE users (id bigint PRIMARY KEY);\n";

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is JSON")
}

#[test]
fn clean_folder_exits_zero_with_summary() {
    let root = migrations(&[("001_users.sql", USERS)]);
    schema(root.path(), &["check"])
        .assert()
        .code(0)
        .stdout("ok: 0 errors, 0 warnings in 1 file\n")
        .stderr("");
}

#[test]
fn duplicate_version_is_an_error_with_exit_code_one() {
    let root = migrations(&[("001_a.sql", USERS), ("001_b.sql", "SELECT 1;\n")]);
    schema(root.path(), &["check", "migrations"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error[duplicate-version]: version 1",
        ))
        .stdout(predicate::str::contains("--> 001_b.sql:1:1"))
        .stdout(predicate::str::contains(
            "note: first migration with this version",
        ))
        .stdout(predicate::str::contains("--> 001_a.sql:1:1"))
        .stdout(predicate::str::contains(
            "= help: give each migration its own version",
        ))
        .stdout(
            predicate::str::is_match(r"\nerror: 1 error, \d+ warnings? in 2 files\n$").unwrap(),
        );
}

#[test]
fn unversioned_file_is_reported() {
    let root = migrations(&[("001_users.sql", USERS), ("seed.sql", "SELECT 1;\n")]);
    schema(root.path(), &["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[unversioned-file]"))
        .stdout(predicate::str::contains("seed.sql"));
}

#[test]
fn text_output_has_no_colour_when_stdout_is_not_a_terminal() {
    let root = migrations(&[("001_a.sql", USERS), ("001_b.sql", USERS)]);
    schema(root.path(), &["check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn warnings_pass_unless_denied() {
    // A gap between versions 1 and 3 is a warning, not an error.
    let root = migrations(&[("001_users.sql", USERS), ("003_more.sql", "SELECT 1;\n")]);
    schema(root.path(), &["check"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("warning[version-gap]"))
        .stdout(predicate::str::contains(
            "warning: 0 errors, 1 warning in 2 files",
        ));
    schema(root.path(), &["check", "--deny", "warnings"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "error: 0 errors, 1 warning in 2 files",
        ));
}

#[test]
fn json_lists_each_diagnostic_with_relative_file_line_and_column() {
    let root = migrations(&[("001_a.sql", USERS), ("001_b.sql", "SELECT 1;\n")]);
    let output = schema(root.path(), &["check", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output.clone()).expect("stdout is UTF-8");
    let key_positions: Vec<usize> = ["code", "severity", "message", "file", "line", "column"]
        .iter()
        .map(|key| text.find(&format!("\"{key}\"")).expect("key is printed"))
        .collect();
    assert!(
        key_positions.is_sorted(),
        "fields keep the documented order: {text}"
    );
    let json = json_of(&output);
    let object = json.as_object().expect("top level is an object");
    assert_eq!(object.keys().collect::<Vec<_>>(), ["diagnostics"]);
    let duplicate = json["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .find(|d| d["code"] == "duplicate-version")
        .expect("duplicate-version is reported");
    let mut keys: Vec<&str> = duplicate
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code", "column", "file", "help", "line", "message", "related", "severity"
        ]
    );
    assert_eq!(duplicate["severity"], "error");
    assert_eq!(duplicate["file"], "001_b.sql");
    assert_eq!(
        (&duplicate["line"], &duplicate["column"]),
        (&1.into(), &1.into())
    );
    assert!(duplicate["help"].is_string());
    assert_eq!(
        duplicate["related"],
        serde_json::json!([{
            "file": "001_a.sql",
            "line": 1,
            "column": 1,
            "message": "first migration with this version",
        }])
    );
}

#[test]
fn json_of_a_clean_folder_is_an_empty_list() {
    let root = migrations(&[("001_users.sql", USERS)]);
    let output = schema(root.path(), &["check", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(json_of(&output), serde_json::json!({"diagnostics": []}));
}

#[test]
fn missing_default_folder_is_bad_input_with_a_hint() {
    let root = tempfile::tempdir().unwrap();
    schema(root.path(), &["check"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: migrations folder `migrations` not found\nhint: ",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn missing_named_folder_is_bad_input_for_both_commands() {
    let root = tempfile::tempdir().unwrap();
    for command in ["check", "catalog"] {
        schema(root.path(), &[command, "db/nowhere"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "error: migrations folder `db/nowhere` not found",
            ))
            .stderr(predicate::str::contains("hint: "));
    }
}

#[test]
fn a_file_instead_of_a_folder_is_bad_input() {
    let root = migrations(&[("001_users.sql", USERS)]);
    schema(root.path(), &["check", "migrations/001_users.sql"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a folder"))
        .stderr(predicate::str::contains("hint: "));
}

#[test]
fn invalid_config_is_bad_input_on_one_line() {
    let root = migrations(&[("001_users.sql", USERS)]);
    fs::write(root.path().join("schema.toml"), "bogus = 1\n").unwrap();
    let assert = schema(root.path(), &["check"]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("error: invalid config `"), "{stderr}");
    assert!(
        lines[0].contains("schema.toml`:1:1: unknown field `bogus`"),
        "{stderr}"
    );
    assert!(lines[1].starts_with("hint: fix `schema.toml`"), "{stderr}");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let root = migrations(&[("001_users.sql", USERS)]);
    schema(root.path(), &["check", "--format", "yaml"])
        .assert()
        .code(2);
}

#[test]
fn catalog_prints_json() {
    let root = migrations(&[("001_users.sql", USERS)]);
    let output = schema(root.path(), &["catalog"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json = json_of(&output);
    for key in [
        "schemas",
        "tables",
        "enums",
        "views",
        "sequences",
        "functions",
    ] {
        assert!(json.get(key).is_some(), "`{key}` missing from {json}");
    }
}

#[test]
fn catalog_of_migrations_with_errors_still_prints_and_warns() {
    let root = migrations(&[("001_a.sql", USERS), ("001_b.sql", "SELECT 1;\n")]);
    let output = schema(root.path(), &["catalog", "migrations", "--format", "json"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: the migrations have 1 error",
        ))
        .get_output()
        .stdout
        .clone();
    json_of(&output);
}

#[test]
fn catalog_as_sql_is_the_squashed_baseline() {
    let root = migrations(&[("001_users.sql", USERS)]);
    schema(root.path(), &["catalog", "--format", "sql"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::contains(
            "CREATE TABLE public.users (\n    id bigint NOT NULL,\n    CONSTRAINT users_pkey PRIMARY KEY (id)\n);",
        ));
}

#[test]
fn help_documents_exit_codes() {
    let root = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["catalog", "--help"],
        &["migrate", "--help"],
        &["revert", "--help"],
        &["status", "--help"],
        &["verify", "--help"],
        &["dry-run", "--help"],
    ] {
        schema(root.path(), args)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Exit codes:"))
            .stdout(
                predicate::str::contains("  2  the command could not run").or(
                    predicate::str::contains("  2  nothing or not everything was done"),
                ),
            );
    }
}
