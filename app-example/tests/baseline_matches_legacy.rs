//! The baseline stands for the legacy history: `migrations/postgres/0029_baseline.up.sql`
//! (`schema squash` output of `legacy-migrations`, hand-edited as its header says) folds to the
//! same catalog as the 29 legacy files, apart from what the legacy never states: the `users`
//! and `system_config` tables it only references, and the column its DO block adds (with the
//! index on it), which the analyzer cannot see inside the block but the baseline states after
//! it (the squash carries the index over verbatim). `adopts_legacy_database.rs` shows that the
//! live legacy schema has both.

use schema_core::catalog::Catalog;
use schema_core::catalog_diff::diff;
use schema_core::source::MigrationSet;
use schema_core::{Config, analyze, analyze_dir};
use std::path::{Path, PathBuf};

const BASELINE: &str = "0029_baseline.up.sql";

fn app_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The legacy history's catalog, folded the way `schema squash` folded it.
fn legacy_catalog() -> Catalog {
    let dir = app_dir().join("legacy-migrations");
    analyze_dir(&dir, &Config::default())
        .expect("the legacy history loads")
        .catalog
}

/// The catalog of the baseline alone (the later migrations change the schema on purpose).
fn baseline_catalog() -> Catalog {
    let dir = app_dir().join("migrations/postgres");
    let text = std::fs::read(dir.join(BASELINE)).expect("the baseline reads");
    let set =
        MigrationSet::from_files(PathBuf::from(&dir), vec![(BASELINE.to_owned(), text)], None);
    let config = Config::load_for(&dir).expect("schema.toml parses");
    let analysis = analyze(set, &config);
    assert!(
        !analysis.has_errors(),
        "the baseline has errors: {:?}",
        analysis.diagnostics
    );
    analysis.catalog
}

#[test]
fn the_baseline_folds_to_the_legacy_catalog_plus_what_the_legacy_never_states() {
    let baseline = baseline_catalog();
    let legacy = legacy_catalog();
    let differences: Vec<String> = diff(&baseline, &legacy)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        differences,
        [
            "table `system_config`: missing",
            "table `users`: missing",
            "table `openphone_conversations`: column `last_message_at` missing",
            "table `openphone_conversations`: index `idx_openphone_conversations_last_message_at` missing",
        ],
        "the baseline and the legacy history fold to different catalogs"
    );
    // Everything else is really there: 31 legacy tables plus the two the legacy lacked.
    assert_eq!(legacy.tables.len(), 31);
    assert_eq!(baseline.tables.len(), 33);
}
