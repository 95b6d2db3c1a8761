//! `migrations.lock`: one line per migration with a running hash, so that two branches that
//! each add a migration conflict in git instead of at deploy time, and an edited, removed or
//! renamed migration is caught before it reaches a database.
//!
//! Line format: `VERSION NAME CHAIN RAW`. `CHAIN` is SHA-256 over the previous line's chain and
//! the file's normalised text (no BOM, `\n` line endings); `RAW` is a short hash of the bytes
//! as they are, which tells a line-ending change (a warning) from an edit (an error).

use crate::diagnostic::Diagnostic;
use crate::source::MigrationSet;
use sha2::{Digest, Sha256};

pub const HEADER: &str = "# migrations.lock: written by `schema lock`; commit it, do not edit it.\n\
# Each line: version, name, a hash of the file and of every line above, a hash of the raw bytes.\n";

/// The highest version the lockfile covers: migrations up to it have shipped.
pub fn highest_version(text: &str) -> Option<i64> {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(|line| line.split_whitespace().next()?.parse::<i64>().ok())
        .max()
}

/// One locked migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockEntry {
    pub version: i64,
    pub name: String,
    pub chain: String,
    pub raw: String,
    /// 1-based line in the lockfile.
    pub line: usize,
}

/// The lockfile for a migration set, as `schema lock` writes it.
pub fn render(set: &MigrationSet) -> String {
    let mut text = String::from(HEADER);
    let mut previous = String::new();
    for (version, name, file) in versioned(set) {
        let contents = &set.files[file].text;
        let chain = chain_hash(&previous, contents);
        text.push_str(&format!(
            "{version} {name} {chain} {}\n",
            raw_hash(contents)
        ));
        previous = chain;
    }
    text
}

/// Compares a set with its lockfile (`lock_file` is the index of the lockfile in `set.files`).
pub fn check(set: &MigrationSet, lock_file: usize) -> Vec<Diagnostic> {
    let text = &set.files[lock_file].text;
    let (entries, mut diagnostics) = parse(text, lock_file, set);
    let current: Vec<(i64, String, usize)> = versioned(set).collect();
    let highest_locked = entries.iter().map(|e| e.version).max();
    let mut previous = String::new();
    for entry in &entries {
        let line_range = line_range(text, entry.line);
        match current.iter().find(|(version, _, _)| *version == entry.version) {
            None => diagnostics.push(
                Diagnostic::error(
                    "lock-removed",
                    format!("migration {} `{}` is in the lockfile but no longer in the folder", entry.version, entry.name),
                )
                .at(lock_file, line_range, "locked here")
                .help("a migration that may have run somewhere must stay; restore the file, or run `schema lock` if it never left your branch"),
            ),
            Some((_, name, file)) => {
                let contents = &set.files[*file].text;
                if *name != entry.name {
                    diagnostics.push(
                        Diagnostic::error(
                            "lock-renamed",
                            format!("migration {} was `{}` when locked and is `{name}` now", entry.version, entry.name),
                        )
                        .at(*file, 0..0, "renamed")
                        .related(lock_file, line_range.clone(), "locked name")
                        .help("rename it back, or run `schema lock` if it never left your branch"),
                    );
                } else if chain_hash(&previous, contents) != entry.chain {
                    diagnostics.push(
                        Diagnostic::error(
                            "lock-edited",
                            format!("migration {} `{name}` was edited after it was locked", entry.version),
                        )
                        .at(*file, 0..0, "changed since `schema lock`")
                        .related(lock_file, line_range.clone(), "locked hash")
                        .help("databases that ran the old text will not run it again: put the change in a new migration, or run `schema lock` if this one never left your branch"),
                    );
                } else if raw_hash(contents) != entry.raw {
                    diagnostics.push(
                        Diagnostic::warning(
                            "lock-line-endings",
                            format!("migration {} `{name}` changed only its line endings or byte-order mark since it was locked", entry.version),
                        )
                        .at(*file, 0..0, "same SQL, different bytes")
                        .help("harmless for the lock; sqlx's checksum covers the raw bytes, so restore them if sqlx already applied this file"),
                    );
                }
            }
        }
        previous = entry.chain.clone();
    }
    if let Some(highest) = highest_locked {
        for (version, name, file) in &current {
            if *version < highest && !entries.iter().any(|e| e.version == *version) {
                diagnostics.push(
                    Diagnostic::error(
                        "lock-out-of-order",
                        format!("new migration {version} `{name}` sorts before the highest locked version {highest}: a branch was merged out of order"),
                    )
                    .at(*file, 0..0, "not in the lockfile, and older than locked migrations")
                    .help(format!("give it a version above {highest}, then run `schema lock`")),
                );
            }
        }
    }
    diagnostics
}

fn versioned(set: &MigrationSet) -> impl Iterator<Item = (i64, String, usize)> + '_ {
    set.migrations
        .iter()
        .filter_map(|m| m.version.map(|v| (v, name_of(&m.description), m.up)))
}

/// Names in the lockfile are single words.
fn name_of(description: &str) -> String {
    let name: String = description
        .chars()
        .map(|c| if c.is_whitespace() { '_' } else { c })
        .collect();
    if name.is_empty() { "-".into() } else { name }
}

fn parse(text: &str, lock_file: usize, set: &MigrationSet) -> (Vec<LockEntry>, Vec<Diagnostic>) {
    let _ = set;
    let mut entries = Vec::new();
    let mut diagnostics = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = trimmed.split_whitespace().collect();
        match parts.as_slice() {
            [version, name, chain, raw] if version.parse::<i64>().is_ok() => {
                entries.push(LockEntry {
                    version: version.parse().unwrap_or_default(),
                    name: name.to_string(),
                    chain: chain.to_string(),
                    raw: raw.to_string(),
                    line: index + 1,
                })
            }
            _ => diagnostics.push(
                Diagnostic::error(
                    "lock-invalid",
                    "this line of the lockfile is not `VERSION NAME HASH HASH`",
                )
                .at(lock_file, line_range(text, index + 1), "unreadable line")
                .help("resolve the merge conflict or regenerate the file with `schema lock`"),
            ),
        }
    }
    (entries, diagnostics)
}

fn line_range(text: &str, line: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let length = text[start..].find('\n').unwrap_or(text.len() - start);
    start..start + length
}

/// The text that the hash covers: no BOM, `\n` line endings.
pub fn normalize(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n")
}

fn chain_hash(previous: &str, text: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(previous.as_bytes());
    hasher.update(b"\n");
    hasher.update(normalize(text).as_bytes());
    hex(&hasher.finalize())
}

fn raw_hash(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes())[..6])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn set(files: &[(&str, &str)], lock: Option<&str>) -> (MigrationSet, usize) {
        let raw = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect();
        let mut set = MigrationSet::from_files(PathBuf::from("migrations"), raw, None);
        let lock = lock.map(|text| {
            set.files
                .push(crate::source::SourceFile::new("../migrations.lock", text));
            set.files.len() - 1
        });
        (set, lock.unwrap_or(usize::MAX))
    }

    fn codes(files: &[(&str, &str)], lock: &str) -> Vec<&'static str> {
        let (set, lock) = set(files, Some(lock));
        check(&set, lock).iter().map(|d| d.code).collect()
    }

    const A: (&str, &str) = ("1_a.sql", "CREATE TABLE a (id int);\n");
    const B: (&str, &str) = ("3_b.sql", "CREATE TABLE b (id int);\n");

    fn locked(files: &[(&str, &str)]) -> String {
        render(&set(files, None).0)
    }

    #[test]
    fn an_unchanged_folder_matches_its_lock() {
        assert!(codes(&[A, B], &locked(&[A, B])).is_empty());
    }

    #[test]
    fn an_edit_is_an_error_and_names_the_file() {
        let lock = locked(&[A, B]);
        assert_eq!(
            codes(&[("1_a.sql", "CREATE TABLE a (id bigint);\n"), B], &lock),
            vec!["lock-edited"]
        );
    }

    #[test]
    fn line_endings_alone_are_a_warning() {
        let lock = locked(&[A, B]);
        assert_eq!(
            codes(
                &[("1_a.sql", "\u{feff}CREATE TABLE a (id int);\r\n"), B],
                &lock
            ),
            vec!["lock-line-endings"]
        );
    }

    #[test]
    fn removed_renamed_and_out_of_order_migrations_are_errors() {
        let lock = locked(&[A, B]);
        assert_eq!(codes(&[B], &lock), vec!["lock-removed"]);
        assert_eq!(
            codes(&[("1_renamed.sql", A.1), B], &lock),
            vec!["lock-renamed"]
        );
        assert_eq!(
            codes(&[A, ("2_late.sql", "SELECT 1;"), B], &lock),
            vec!["lock-out-of-order"]
        );
        assert!(codes(&[A, B, ("4_next.sql", "SELECT 1;")], &lock).is_empty());
    }

    #[test]
    fn two_branches_adding_a_migration_change_the_same_last_line() {
        let one = locked(&[A, B, ("4_x.sql", "SELECT 1;")]);
        let other = locked(&[A, B, ("4_y.sql", "SELECT 2;")]);
        assert_ne!(one.lines().last(), other.lines().last());
        assert_eq!(one.lines().count(), other.lines().count());
    }

    #[test]
    fn a_conflict_marker_is_reported() {
        let lock = format!("{}<<<<<<< HEAD\n", locked(&[A, B]));
        assert_eq!(codes(&[A, B], &lock), vec!["lock-invalid"]);
    }
}
