//! Data-driven analyzer tests: one folder per case under `test_data/{ok,err}/<case>/migrations`.
//!
//! Every case snapshots the compact rendering of all its diagnostics (`tests/snapshots/`; refresh
//! with `INSTA_UPDATE=always` or `cargo insta review`, and read the diff before accepting). On top:
//! - `err/<code>` and `err/<code>--<variant>` must report at least one `<code>` diagnostic;
//! - `ok/<case>` must report no error and no warning, except warning codes listed one per line in
//!   `ok/<case>/allowed.txt` (`#` starts a comment), each of which must still occur.
//!
//! A case may carry a `schema.toml` beside its `migrations/` folder; it is loaded as the CLI and
//! the macro load it.

use schema_core::diagnostic::Severity;
use schema_core::{Analysis, Config, analyze_dir, render};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One `#[test]` per case folder; `every_case_folder_has_a_test` keeps this list and the folders
/// on disk in step.
macro_rules! fixture_tests {
    (err: { $($err_test:ident => $err_case:literal,)* } ok: { $($ok_test:ident => $ok_case:literal,)* }) => {
        mod err {
            $(
                #[test]
                fn $err_test() {
                    super::check_err_case($err_case);
                }
            )*
        }

        mod ok {
            $(
                #[test]
                fn $ok_test() {
                    super::check_ok_case($ok_case);
                }
            )*
        }

        const ERR_CASES: &[&str] = &[$($err_case),*];
        const OK_CASES: &[&str] = &[$($ok_case),*];
    };
}

fixture_tests! {
    err: {
        conflicting_definition => "conflicting-definition",
        down_without_up => "down-without-up",
        duplicate_column => "duplicate-column",
        duplicate_column_create_table => "duplicate-column--create-table",
        duplicate_column_if_not_exists_other_type => "duplicate-column--if-not-exists-other-type",
        duplicate_column_rename => "duplicate-column--rename",
        duplicate_enum_value => "duplicate-enum-value",
        duplicate_function => "duplicate-function",
        duplicate_index => "duplicate-index",
        duplicate_primary_key => "duplicate-primary-key",
        duplicate_relation => "duplicate-relation",
        duplicate_table => "duplicate-table",
        duplicate_trigger => "duplicate-trigger",
        duplicate_type => "duplicate-type",
        duplicate_version => "duplicate-version",
        duplicate_view => "duplicate-view",
        fix_chain => "fix-chain",
        fk_column_count => "fk-column-count",
        fk_target_not_unique => "fk-target-not-unique",
        fk_target_not_unique_no_primary_key => "fk-target-not-unique--no-primary-key",
        fk_type_mismatch_integer_vs_bigint => "fk-type-mismatch--integer-vs-bigint",
        fk_type_mismatch_uuid_vs_integer => "fk-type-mismatch--uuid-vs-integer",
        invalid_type_change => "invalid-type-change",
        invalid_utf8 => "invalid-utf8",
        lexical_order => "lexical-order",
        missing_column_drop_column => "missing-column--drop-column",
        missing_column_index => "missing-column--index",
        missing_object_drop_constraint => "missing-object--drop-constraint",
        missing_object_drop_index => "missing-object--drop-index",
        missing_table_alter_table => "missing-table--alter-table",
        missing_table_comment => "missing-table--comment",
        missing_table_create_index => "missing-table--create-index",
        missing_table_foreign_key => "missing-table--foreign-key",
        missing_table_insert => "missing-table--insert",
        missing_table_old_name_after_rename => "missing-table--old-name-after-rename",
        missing_table_quoted_name_case => "missing-table--quoted-name-case",
        mixed_naming => "mixed-naming",
        non_transactional => "non-transactional",
        open_transaction => "open-transaction",
        order_dependency => "order-dependency",
        redundant_column => "redundant-column",
        redundant_definition => "redundant-definition",
        redundant_index => "redundant-index",
        redundant_index_covered_by_unique => "redundant-index--covered-by-unique",
        trigger_unknown_column => "trigger-unknown-column",
        trigger_unknown_column_execute_procedure => "trigger-unknown-column--execute-procedure",
        unmodeled_statement => "unmodeled-statement",
        unparsed_statement => "unparsed-statement",
        unterminated_literal => "unterminated-literal",
        unverifiable_reference_column => "unverifiable-reference--column",
        unverified_statement => "unverified-statement",
        unversioned_file => "unversioned-file",
        vague_name => "vague-name",
        version_gap => "version-gap",
        unverifiable_reference => "unverifiable-reference",
        missing_object_alter_type => "missing-object--alter-type",
        dependent_objects => "dependent-objects",
        duplicate_relation_constraint_name => "duplicate-relation--constraint-name",
        non_transactional_drop_index_concurrently => "non-transactional--drop-index-concurrently",
        missing_table_after_set_local_search_path => "missing-table--after-set-local-search-path",
    }
    ok: {
        flyway_repeatable => "flyway-repeatable",
        table_inheritance => "table-inheritance",
        comparable_foreign_key_types => "comparable-foreign-key-types",
        ordered_indexes => "ordered-indexes",
        common_statements => "common-statements",
        diesel_layout => "diesel-layout",
        do_block_backfill => "do-block-backfill",
        drop_and_recreate => "drop-and-recreate",
        enum_add_value => "enum-add-value",
        external_tables => "external-tables",
        flyway_layout => "flyway-layout",
        foreign_key_to_unique_column => "foreign-key-to-unique-column",
        if_exists_variants => "if-exists-variants",
        no_transaction_concurrently => "no-transaction-concurrently",
        no_transaction_inferred => "no-transaction-inferred",
        partitioned_tables => "partitioned-tables",
        quoted_identifiers => "quoted-identifiers",
        rename_table_then_foreign_key => "rename-table-then-foreign-key",
        search_path_and_schemas => "search-path-and-schemas",
        self_referencing_foreign_key => "self-referencing-foreign-key",
        serial_and_identity => "serial-and-identity",
        sqlx_reversible => "sqlx-reversible",
        transaction_blocks => "transaction-blocks",
        trigger_on_matching_table => "trigger-on-matching-table",
    }
}

fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

/// The analysis of `test_data/<kind>/<case>/migrations` and its compact rendering, one
/// diagnostic after the other in the order `analyze` returns them.
fn run_case(kind: &str, case: &str) -> (Analysis, String) {
    let migrations = test_data().join(kind).join(case).join("migrations");
    let mut config = Config::load_for(&migrations)
        .unwrap_or_else(|error| panic!("{kind}/{case}: bad schema.toml: {error}"));
    // These cases are about the history's own problems; the safety lints have their own
    // fixtures (`tests/lints.rs`).
    config.lints.enabled = false;
    let analysis = analyze_dir(&migrations, &config)
        .unwrap_or_else(|error| panic!("{kind}/{case}: cannot load the case: {error}"));
    let rendered = analysis
        .diagnostics
        .iter()
        .map(|diagnostic| render::one_line(&analysis.set, diagnostic))
        .collect::<Vec<_>>()
        .join("\n");
    (analysis, rendered)
}

fn snapshot(kind: &str, case: &str, rendered: &str) {
    insta::with_settings!({
        description => format!("test_data/{kind}/{case}/migrations"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("{kind}__{case}"), rendered);
    });
}

/// `duplicate-column--if-not-exists-other-type` is a case of `duplicate-column`.
fn expected_code(case: &str) -> &str {
    case.split_once("--").map_or(case, |(code, _)| code)
}

fn check_err_case(case: &str) {
    let (analysis, rendered) = run_case("err", case);
    let code = expected_code(case);
    assert!(
        analysis.diagnostics.iter().any(|d| d.code == code),
        "err/{case} must report `{code}`, but it reported:\n{rendered}"
    );
    snapshot("err", case, &rendered);
}

fn check_ok_case(case: &str) {
    let (analysis, rendered) = run_case("ok", case);
    let allowed = allowed_codes(case);
    let unexpected: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| {
            d.severity == Severity::Error
                || (d.severity == Severity::Warning && !allowed.contains(d.code))
        })
        .map(|d| render::one_line(&analysis.set, d))
        .collect();
    assert!(
        unexpected.is_empty(),
        "ok/{case} must report no error and no warning outside allowed.txt, but it reported:\n{}",
        unexpected.join("\n")
    );
    let stale: Vec<&String> = allowed
        .iter()
        .filter(|code| !analysis.diagnostics.iter().any(|d| d.code == code.as_str()))
        .collect();
    assert!(
        stale.is_empty(),
        "ok/{case}/allowed.txt lists {stale:?}, which the case no longer reports: remove them"
    );
    snapshot("ok", case, &rendered);
}

/// Warning codes `ok/<case>/allowed.txt` permits: one per line, `#` comments, blank lines.
fn allowed_codes(case: &str) -> BTreeSet<String> {
    let path = test_data().join("ok").join(case).join("allowed.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return BTreeSet::new();
    };
    text.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|code| !code.is_empty())
        .map(str::to_string)
        .collect()
}

fn case_folders(kind: &str) -> BTreeSet<String> {
    let dir = test_data().join(kind);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", dir.display()))
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .collect()
}

#[test]
fn every_case_folder_has_a_test() {
    for (kind, listed) in [("err", ERR_CASES), ("ok", OK_CASES)] {
        let listed: BTreeSet<String> = listed.iter().map(|case| case.to_string()).collect();
        let on_disk = case_folders(kind);
        let untested: Vec<_> = on_disk.difference(&listed).collect();
        let missing: Vec<_> = listed.difference(&on_disk).collect();
        assert!(
            untested.is_empty() && missing.is_empty(),
            "test_data/{kind}: folders without a test {untested:?}; tests without a folder {missing:?} \
             (list each case in `fixture_tests!`)"
        );
    }
}
