//! `schema check` ends with the safety lints grouped by rule, with counts: snapshots keep that
//! output stable on the audit's history and on a long realistic fixture.

use assert_cmd::Command;
use std::path::Path;

fn lint_summary(folder: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(folder);
    let output = Command::cargo_bin("schema")
        .unwrap()
        .arg("check")
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let start = stdout.find("lints by rule:").expect("a lint summary");
    stdout[start..].to_string()
}

#[test]
fn audit_history_lints_grouped_by_rule() {
    insta::assert_snapshot!(lint_summary("schema-core/test_data/audit/migrations"));
}

#[test]
fn long_sqlx_fixture_lints_grouped_by_rule() {
    insta::assert_snapshot!(lint_summary(
        "schema-core/test_data/pg/sqlx_shop/migrations"
    ));
}
