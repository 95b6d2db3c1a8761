//! The seed audit's 29-file history (`test_data/audit`, reconstructed from the hand-written
//! audit): every problem the audit lists is found, in the right file and line.

use schema_core::diagnostic::{Diagnostic, Severity};
use schema_core::{Analysis, Config, analyze_dir};
use std::path::Path;

fn audit() -> Analysis {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/audit/migrations");
    analyze_dir(&dir, &Config::default()).expect("the audit fixture loads")
}

/// `file:line` of a diagnostic's primary label.
fn place(analysis: &Analysis, diagnostic: &Diagnostic) -> String {
    let label = diagnostic.primary.as_ref().expect("located");
    let file = analysis.set.file(label.file);
    format!("{}:{}", file.path, file.line_col(label.range.start).0)
}

fn related_places(analysis: &Analysis, diagnostic: &Diagnostic) -> Vec<String> {
    diagnostic
        .related
        .iter()
        .map(|label| {
            let file = analysis.set.file(label.file);
            let (line, column) = file.line_col(label.range.start);
            format!("{}:{line}:{column}", file.path)
        })
        .collect()
}

fn with_code<'a>(analysis: &'a Analysis, code: &str) -> Vec<&'a Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

#[test]
fn the_history_has_29_files_and_fails() {
    let analysis = audit();
    assert_eq!(analysis.set.migrations.len(), 29);
    assert!(analysis.has_errors());
}

#[test]
fn checklist_submissions_is_created_twice_with_a_conflicting_definition() {
    let analysis = audit();
    let found = with_code(&analysis, "conflicting-definition");
    assert_eq!(found.len(), 1, "{found:#?}");
    let diagnostic = found[0];
    assert_eq!(
        place(&analysis, diagnostic),
        "008_checklist_submissions.sql:4"
    );
    assert_eq!(
        related_places(&analysis, diagnostic),
        vec!["005_checklist_submissions.sql:4:1"]
    );
    for difference in [
        "column `user_id` is nullable here but NOT NULL in the table",
        "column `category` is `text` here but `character varying(50)` in the table",
        "column `comments` exists but is not in this definition",
        "column `ticket_created` `boolean` is only in this definition",
    ] {
        assert!(
            diagnostic.message.contains(difference),
            "missing `{difference}` in {}",
            diagnostic.message
        );
    }
    assert_eq!(diagnostic.severity, Severity::Error);
}

#[test]
fn the_identical_redefinition_of_message_status_is_redundant() {
    let analysis = audit();
    let found = with_code(&analysis, "redundant-definition");
    assert_eq!(found.len(), 1);
    assert_eq!(place(&analysis, found[0]), "020_fix_missing_columns.sql:7");
    assert!(found[0].message.contains("message_status"));
}

#[test]
fn users_and_system_config_are_missing_with_every_referencing_site() {
    let analysis = audit();
    let found = with_code(&analysis, "missing-table");
    let users = found
        .iter()
        .find(|d| d.message.contains("`users`"))
        .expect("users reported");
    let mut sites = vec![format!("{}", {
        let label = users.primary.as_ref().unwrap();
        let file = analysis.set.file(label.file);
        let (line, column) = file.line_col(label.range.start);
        format!("{}:{line}:{column}", file.path)
    })];
    sites.extend(related_places(&analysis, users));
    // Every site of EXPECTED.md except 008's, whose CREATE TABLE IF NOT EXISTS is a no-op.
    let expected = [
        "001_create_feedback_tables.sql:6:27",
        "001_create_feedback_tables.sql:20:27",
        "002_create_tickets_table.sql:12:39",
        "002_create_tickets_table.sql:13:31",
        "002_create_tickets_table.sql:23:36",
        "003_add_feedback_resolution.sql:6:75",
        "005_checklist_submissions.sql:6:36",
        "007_create_remote_actions_log.sql:10:27",
        "013_archive_vector_store.sql:36:27",
        "016_checklist_task_customizations.sql:11:30",
        "019_push_notifications.sql:14:36",
        "019_push_notifications.sql:28:27",
        "019_push_notifications.sql:39:39",
        "021_ai_prompt_templates.sql:13:30",
        "021_ai_prompt_templates.sql:21:30",
        "027_fix_ticket_columns_and_indexes.sql:6:74",
    ];
    assert_eq!(sites, expected);

    let config = found
        .iter()
        .find(|d| d.message.contains("`system_config`"))
        .expect("system_config reported");
    assert_eq!(
        place(&analysis, config),
        "014_create_assistant_knowledge.sql:21"
    );
    assert_eq!(
        related_places(&analysis, config),
        vec![
            "014_create_assistant_knowledge.sql:22:13",
            "019_push_notifications.sql:52:13",
            "028_hubspot_cache.sql:18:13"
        ]
    );
    assert_eq!(
        found.len(),
        2,
        "only users and system_config are missing: {found:#?}"
    );
}

#[test]
fn version_021_is_used_twice() {
    let analysis = audit();
    let found = with_code(&analysis, "duplicate-version");
    assert_eq!(found.len(), 1);
    assert_eq!(
        place(&analysis, found[0]),
        "021_fix_tickets_table_column_names.sql:1"
    );
    assert_eq!(
        related_places(&analysis, found[0]),
        vec!["021_ai_prompt_templates.sql:1:1"]
    );
}

#[test]
fn the_unnumbered_file_is_an_error() {
    let analysis = audit();
    let found = with_code(&analysis, "unversioned-file");
    assert_eq!(found.len(), 1);
    assert_eq!(
        place(&analysis, found[0]),
        "add-document-relationships.sql:1"
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("029_add_document_relationships.sql")
    );
}

#[test]
fn the_gap_at_009_is_a_warning() {
    let analysis = audit();
    let found = with_code(&analysis, "version-gap");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.ends_with(": 9"), "{}", found[0].message);
    assert_eq!(found[0].severity, Severity::Warning);
}

#[test]
fn openphone_conversations_is_a_fix_chain_of_eight_files() {
    let analysis = audit();
    let chains = with_code(&analysis, "fix-chain");
    let openphone = chains
        .iter()
        .find(|d| d.message.contains("`openphone_conversations`"))
        .expect("reported");
    assert!(
        openphone.message.contains("across 8 migrations"),
        "{}",
        openphone.message
    );
    for file in [
        "011_", "012_", "017_", "018_", "020_", "023_", "024_", "025_",
    ] {
        assert!(
            openphone.message.contains(file),
            "{file} missing in {}",
            openphone.message
        );
    }
    let tickets = chains
        .iter()
        .find(|d| d.message.contains("`tickets`"))
        .expect("tickets reported");
    for file in ["002_", "021_fix", "027_"] {
        assert!(
            tickets.message.contains(file),
            "{file} missing in {}",
            tickets.message
        );
    }
    assert!(chains.iter().any(|d| d.message.contains("`feedback`")));
}

#[test]
fn columns_added_twice_are_reported_by_type() {
    let analysis = audit();
    let conflicting = with_code(&analysis, "duplicate-column");
    assert_eq!(conflicting.len(), 1);
    assert_eq!(
        place(&analysis, conflicting[0]),
        "023_ensure_openphone_columns.sql:4"
    );
    assert!(conflicting[0].message.contains("`jsonb`"));
    assert_eq!(
        related_places(&analysis, conflicting[0]),
        vec!["012_add_openphone_missing_columns.sql:5:1"]
    );
    let redundant = with_code(&analysis, "redundant-column");
    assert_eq!(redundant.len(), 1);
    assert_eq!(
        place(&analysis, redundant[0]),
        "024_add_updated_at_column.sql:4"
    );
}

#[test]
fn generic_fix_names_are_noted() {
    let analysis = audit();
    let found = with_code(&analysis, "vague-name");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("020_fix_missing_columns.sql"));
    assert!(
        found[0]
            .message
            .contains("023_ensure_openphone_columns.sql")
    );
}

#[test]
fn every_table_of_the_audit_list_is_in_the_catalog() {
    let analysis = audit();
    let tables = [
        "feedback",
        "slack_messages",
        "slack_replies",
        "checklist_submissions",
        "remote_actions_log",
        "knowledge_captures",
        "sop_update_queue",
        "sop_drafts",
        "sop_update_log",
        "slack_thread_resolutions",
        "learning_metrics",
        "openphone_conversations",
        "extracted_knowledge",
        "sop_shadow_comparisons",
        "sop_metrics",
        "vector_store_archive",
        "vector_store_deletion_log",
        "knowledge_audit_log",
        "assistant_knowledge",
        "public_requests",
        "checklist_task_customizations",
        "message_status",
        "push_subscriptions",
        "notification_history",
        "notification_preferences",
        "ai_prompt_templates",
        "ai_prompt_template_history",
        "tickets",
        "ticket_comments",
        "parent_documents",
        "hubspot_cache",
    ];
    let names: Vec<&str> = analysis
        .catalog
        .tables
        .keys()
        .map(|k| k.name.as_str())
        .collect();
    for table in tables {
        assert!(names.contains(&table), "{table} missing from {names:?}");
    }
    assert_eq!(names.len(), tables.len());
}

#[test]
fn nothing_else_is_an_error() {
    let analysis = audit();
    let unexpected: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter(|d| {
            ![
                "conflicting-definition",
                "missing-table",
                "duplicate-version",
                "unversioned-file",
                "duplicate-column",
            ]
            .contains(&d.code)
        })
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:#?}");
}
