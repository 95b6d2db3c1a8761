//! Whether a migration runs inside a transaction: sqlx's `-- no-transaction` marker, or
//! inferred when every statement of the migration is one PostgreSQL refuses inside a
//! transaction block (a file holding only `CREATE INDEX CONCURRENTLY ...`).
//!
//! The macro (the embedded `no_transaction` flag), the CLI's runner and the fold (which
//! reports such a statement mixed with others) all ask this module, so they cannot disagree.
//! A migration that mixes such a statement with ordinary ones is *not* inferred: run one by
//! one, its other statements would silently lose their atomicity, so that stays an error.

use crate::fold::Location;
use crate::source::{self, MigrationSet};

/// For each migration of `set` (same index), whether it runs without a transaction.
/// `locations` are the set's located statements (`fold::locate`).
pub fn migrations_without_transaction(set: &MigrationSet, locations: &[Location]) -> Vec<bool> {
    // Per migration: (statements seen, all of them non-transactional so far).
    let mut seen = vec![(0usize, true); set.migrations.len()];
    for location in locations {
        let Some(entry) = seen.get_mut(location.migration) else {
            continue;
        };
        let text = &set.files[location.file].text[location.range.clone()];
        entry.0 += 1;
        entry.1 &= refuses_transaction(text).is_some();
    }
    set.migrations
        .iter()
        .zip(seen)
        .map(|(migration, (count, all_refuse))| {
            source::runs_without_transaction(&set.files[migration.up].text)
                || (count > 0 && all_refuse)
        })
        .collect()
}

/// The same decision for one file's text on its own (a down migration, which the analysis
/// does not fold).
pub fn text_runs_without_transaction(text: &str) -> bool {
    let (statements, _) = crate::split::split(text);
    source::runs_without_transaction(text)
        || (!statements.is_empty()
            && statements
                .iter()
                .all(|statement| refuses_transaction(&text[statement.range.clone()]).is_some()))
}

/// The kind of statement (`CREATE INDEX CONCURRENTLY`) when `statement` is one that
/// PostgreSQL (or SQLite, for `VACUUM`) refuses inside a transaction block.
pub fn refuses_transaction(statement: &str) -> Option<&'static str> {
    let words: Vec<String> = statement
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ';')
        .filter(|word| !word.is_empty())
        .take(8)
        .map(str::to_ascii_uppercase)
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["CREATE", "INDEX", "CONCURRENTLY", ..]
        | ["CREATE", "UNIQUE", "INDEX", "CONCURRENTLY", ..] => Some("CREATE INDEX CONCURRENTLY"),
        ["DROP", "INDEX", "CONCURRENTLY", ..] => Some("DROP INDEX CONCURRENTLY"),
        ["REINDEX", rest @ ..] if rest.contains(&"CONCURRENTLY") => Some("REINDEX CONCURRENTLY"),
        ["VACUUM", ..] => Some("VACUUM"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn flags(files: &[(&str, &str)]) -> Vec<bool> {
        let set = MigrationSet::from_files(
            PathBuf::from("migrations"),
            files
                .iter()
                .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
                .collect(),
            None,
        );
        let (locations, _) = crate::fold::locate(&set);
        migrations_without_transaction(&set, &locations)
    }

    #[test]
    fn statements_that_refuse_a_transaction_are_recognised() {
        assert_eq!(
            refuses_transaction("create index concurrently i on t (a)"),
            Some("CREATE INDEX CONCURRENTLY")
        );
        assert_eq!(
            refuses_transaction("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"),
            Some("CREATE INDEX CONCURRENTLY")
        );
        assert_eq!(
            refuses_transaction("DROP INDEX CONCURRENTLY i"),
            Some("DROP INDEX CONCURRENTLY")
        );
        assert_eq!(
            refuses_transaction("REINDEX (VERBOSE) TABLE CONCURRENTLY t"),
            Some("REINDEX CONCURRENTLY")
        );
        assert_eq!(refuses_transaction("VACUUM ANALYZE t"), Some("VACUUM"));
        assert_eq!(refuses_transaction("CREATE INDEX i ON t (a)"), None);
        assert_eq!(refuses_transaction("REINDEX TABLE t"), None);
        assert_eq!(
            refuses_transaction("CREATE TABLE concurrently (a int)"),
            None
        );
    }

    #[test]
    fn a_migration_of_only_such_statements_runs_without_a_transaction() {
        let flags = flags(&[
            ("0001_t.sql", "CREATE TABLE t (a int);"),
            ("0002_i.sql", "CREATE INDEX CONCURRENTLY i ON t (a);\n"),
            (
                "0003_two.sql",
                "-- two of them\nCREATE INDEX CONCURRENTLY j ON t (a);\nDROP INDEX CONCURRENTLY i;\n",
            ),
        ]);
        assert_eq!(flags, [false, true, true]);
    }

    #[test]
    fn a_file_on_its_own_is_judged_the_same_way() {
        assert!(text_runs_without_transaction(
            "DROP INDEX CONCURRENTLY i;\n"
        ));
        assert!(text_runs_without_transaction(
            "-- no-transaction\nDROP TABLE t;"
        ));
        assert!(!text_runs_without_transaction(
            "DROP TABLE t;\nDROP INDEX CONCURRENTLY i;"
        ));
        assert!(!text_runs_without_transaction("-- empty\n"));
    }

    #[test]
    fn a_mixed_migration_keeps_its_transaction_unless_marked() {
        let flags = flags(&[
            (
                "0001_t.sql",
                "CREATE TABLE t (a int);\nCREATE INDEX CONCURRENTLY i ON t (a);",
            ),
            (
                "0002_marked.sql",
                "-- no-transaction\nCREATE TABLE u (a int);\nCREATE INDEX CONCURRENTLY j ON u (a);",
            ),
            ("0003_empty.sql", "-- nothing yet\n"),
        ]);
        assert_eq!(flags, [false, true, false]);
    }
}
