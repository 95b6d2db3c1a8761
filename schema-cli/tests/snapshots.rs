//! Snapshots of `schema audit`, `schema plan` and `schema squash` on the reconstruction of the
//! seed audit's 29-file history and on a focused fixture (`tests/fixtures/focused`). Review a
//! change with `cargo insta review`; the seed audit test below also pins every finding the
//! hand-written audit lists, so a snapshot cannot quietly lose one.

use assert_cmd::cargo::cargo_bin_cmd;
use std::path::{Path, PathBuf};

fn audit_history() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema-core/test_data/audit/migrations")
}

fn focused() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/focused/migrations")
}

/// stdout of `schema <command> <dir> <extra>`, which must exit with `code`.
fn stdout_of(command: &str, dir: &Path, extra: &[&str], code: i32) -> String {
    let output = cargo_bin_cmd!("schema")
        .arg(command)
        .arg(dir)
        .args(extra)
        .output()
        .expect("run schema");
    assert_eq!(
        output.status.code(),
        Some(code),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn audit_of_the_seed_history() {
    insta::assert_snapshot!(stdout_of("audit", &audit_history(), &[], 1));
}

#[test]
fn plan_of_the_seed_history() {
    insta::assert_snapshot!(stdout_of("plan", &audit_history(), &[], 0));
}

#[test]
fn squash_of_the_seed_history() {
    insta::assert_snapshot!(stdout_of("squash", &audit_history(), &["--replaces"], 1));
}

#[test]
fn audit_of_the_focused_fixture() {
    insta::assert_snapshot!(stdout_of("audit", &focused(), &[], 1));
}

#[test]
fn plan_of_the_focused_fixture() {
    insta::assert_snapshot!(stdout_of("plan", &focused(), &[], 0));
}

#[test]
fn squash_of_the_focused_fixture() {
    insta::assert_snapshot!(stdout_of("squash", &focused(), &["--replaces"], 1));
}

/// Every finding of `../shared/seed/migration-audit.md`, computed.
#[test]
fn audit_lists_every_finding_of_the_seed_audit() {
    let report = stdout_of("audit", &audit_history(), &[], 1);
    let expected = [
        // Overview.
        "Total migration files: 29",
        // 1. Duplicate table definitions.
        "#### checklist_submissions\n- **005_checklist_submissions.sql**",
        "- **008_checklist_submissions.sql**",
        // Fix chains with their files and counts.
        "#### tickets\n- **002_create_tickets_table.sql** - first definition\n- **021_fix_tickets_table_column_names.sql** - changed again\n- **027_fix_ticket_columns_and_indexes.sql** - changed again",
        "#### ticket_comments\n- **002_create_tickets_table.sql** - first definition\n- **021_fix_tickets_table_column_names.sql** - changed again\n- **026_fix_ticket_comments_index.sql**",
        "#### openphone_conversations\n- **011_openphone_sop_system.sql** - first definition\n- **012_add_openphone_missing_columns.sql** - changed again\n- **017_openphone_messages_enhancement.sql** - changed again\n- **018_add_updated_at_to_openphone.sql** - changed again\n- **020_fix_missing_columns.sql** - changed again\n- **023_ensure_openphone_columns.sql** - changed again\n- **024_add_updated_at_column.sql** - changed again\n- **025_fix_openphone_column_types.sql** - changed again\n- **Issue**: 8 files to define one table",
        // 2. Naming inconsistencies: generic names.
        "`020_fix_missing_columns.sql`",
        // 3. Missing core tables.
        "- **users** table (16 references)",
        "- **system_config** table (4 references)",
        // 4. Order dependencies: 021 twice, a file without a number.
        "version 21 is used by more than one migration: `021_ai_prompt_templates.sql` and `021_fix_tickets_table_column_names.sql`",
        "`add-document-relationships.sql` has no number",
        // Tables created by migrations.
        "**checklist_submissions** - 005, 008 (duplicate!)",
        "**openphone_conversations** - 011, 012, 017, 018, 020, 023, 024, 025",
        "**parent_documents** - add-document-relationships",
        "**hubspot_cache** - 028",
        // Consolidation plan: the missing tables are phase-1 nodes.
        "### Phase 1: no dependencies",
        "- users **missing: no migration creates it**",
        "- system_config **missing: no migration creates it**",
        // Action items.
        "Create `029_baseline_schema.sql` consolidating all 31 tables",
        "Remove the 2 duplicate CREATE TABLE statement(s)",
        "Implement proper migration versioning",
        "Add rollback support",
        "Create data migration scripts for existing deployments",
    ];
    for text in expected {
        assert!(report.contains(text), "missing {text:?} in:\n{report}");
    }
    let tables = report
        .split("## Tables Created by Migrations")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("table list");
    assert_eq!(
        tables.lines().filter(|l| l.contains(". **")).count(),
        31,
        "the seed audit lists 31 tables"
    );
}

fn pg_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema-core/test_data/pg")
        .join(name)
        .join("migrations")
}

/// Views written before the renames of the tables and columns they read: rewritten.
#[test]
fn squash_of_views_over_renamed_tables_and_columns() {
    insta::assert_snapshot!(stdout_of(
        "squash",
        &pg_fixture("renamed_under_views"),
        &[],
        0
    ));
}

#[test]
fn squash_of_partitioned_tables() {
    insta::assert_snapshot!(stdout_of("squash", &pg_fixture("partitioned"), &[], 0));
}
