//! `schema check` output, whole, on the seed audit's history and on a focused fixture: every
//! finding rendered like rustc, the lint summary and the totals. Snapshots keep it stable.

use assert_cmd::Command;
use std::path::Path;

fn check_output(folder: &str) -> (String, i32) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let output = Command::cargo_bin("schema")
        .unwrap()
        .arg("check")
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn check_of_the_seed_audit_history() {
    let (text, code) = check_output("../schema-core/test_data/audit/migrations");
    assert_eq!(code, 1, "the history has errors");
    insta::assert_snapshot!(text);
}

#[test]
fn check_of_the_focused_fixture() {
    let (text, code) = check_output("tests/fixtures/focused/migrations");
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}
