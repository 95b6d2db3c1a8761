//! Baselines: a migration that stands for a range of older ones (`-- replaces: 1..=28` among
//! its leading comments, or `[baseline]` in schema.toml), and the build-time proof that it
//! builds the same catalog as the migrations it replaces.
//!
//! When the folder still holds the replaced migrations (right after `schema squash
//! --replaces -o ...`), the analysis folds them on their own and the baseline on its own and
//! reports every difference between the two catalogs at the baseline's header. The history's
//! own fold skips the replaced migrations, as the runner does on a fresh database: the two
//! would otherwise create every table twice. Once the replaced files are deleted there is
//! nothing left to compare against; the runner's adoption check (the live schema against the
//! catalog) is then what guards a database that ran the old history.
//!
//! Architecture invariant: pure, like the rest of the analysis; the runner reads the same
//! header through `replaced_versions`.

use crate::catalog_diff;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fold::{self, Location};
use crate::source::MigrationSet;
use std::ops::{Range, RangeInclusive};

/// One baseline of a migration set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// Index into `MigrationSet::migrations`.
    pub migration: usize,
    pub replaces: RangeInclusive<i64>,
    /// The `-- replaces:` line's byte range in the up file; `None` when schema.toml declares it.
    pub header: Option<Range<usize>>,
}

/// Every baseline of `set`: by header, else by `[baseline]` in `config`.
pub fn find(set: &MigrationSet, config: &Config) -> Vec<Baseline> {
    let mut baselines = Vec::new();
    for (index, migration) in set.migrations.iter().enumerate() {
        let Some(version) = migration.version else {
            continue;
        };
        let text = &set.files[migration.up].text;
        if let Some((replaces, header)) = replaces_header(text) {
            baselines.push(Baseline {
                migration: index,
                replaces,
                header: Some(header),
            });
        } else if let Some(declared) = &config.baseline
            && declared.version == version
            && let Some(replaces) = parse_range(&declared.replaces)
        {
            baselines.push(Baseline {
                migration: index,
                replaces,
                header: None,
            });
        }
    }
    baselines
}

/// Per migration (same index): a baseline in the set replaces it.
pub fn replaced_migrations(set: &MigrationSet, baselines: &[Baseline]) -> Vec<bool> {
    set.migrations
        .iter()
        .enumerate()
        .map(|(index, migration)| {
            baselines.iter().any(|baseline| {
                baseline.migration != index
                    && migration
                        .version
                        .is_some_and(|version| baseline.replaces.contains(&version))
            })
        })
        .collect()
}

/// One error per catalog difference between each baseline and the migrations of the folder it
/// replaces; nothing for a baseline whose replaced migrations are gone.
pub fn check(
    set: &MigrationSet,
    config: &Config,
    locations: &[Location],
    baselines: &[Baseline],
) -> Vec<Diagnostic> {
    // Only the catalogs are compared; lints of the two folds would repeat the history's own.
    let mut config = config.clone();
    config.lints.enabled = false;
    let mut diagnostics = Vec::new();
    for baseline in baselines {
        let replaced = |index: usize| {
            index != baseline.migration
                && set.migrations[index]
                    .version
                    .is_some_and(|version| baseline.replaces.contains(&version))
        };
        if !(0..set.migrations.len()).any(replaced) {
            continue;
        }
        let of = |keep: &dyn Fn(usize) -> bool| -> Vec<Location> {
            locations
                .iter()
                .filter(|location| keep(location.migration))
                .cloned()
                .collect()
        };
        let replaced_locations = of(&replaced);
        let baseline_locations = of(&|index| index == baseline.migration);
        let (expected, _, _) = fold::fold_streaming(set, &config, &replaced_locations);
        let (actual, _, _) = fold::fold_streaming(set, &config, &baseline_locations);
        let file = set.migrations[baseline.migration].up;
        let range = baseline.header.clone().unwrap_or(0..0);
        let (first, last) = (baseline.replaces.start(), baseline.replaces.end());
        for difference in catalog_diff::diff(&expected, &actual) {
            diagnostics.push(
                Diagnostic::error(
                    "baseline-mismatch",
                    format!(
                        "the baseline does not build what versions {first}..={last} built: {difference}"
                    ),
                )
                .at(file, range.clone(), format!("replaces versions {first}..={last}"))
                .help(format!(
                    "edit the baseline until it builds the same schema as versions {first}..={last} \
                     (the message describes the baseline's), or write it again with \
                     `schema squash --replaces -o FILE`"
                )),
            );
        }
    }
    diagnostics
}

/// `-- replaces: 1..=28` (or `1..28`, exclusive) in the comment lines that open the file.
pub fn replaced_versions(sql: &str) -> Option<RangeInclusive<i64>> {
    replaces_header(sql).map(|(range, _)| range)
}

/// The range and the header line's byte range.
fn replaces_header(sql: &str) -> Option<(RangeInclusive<i64>, Range<usize>)> {
    let mut start = 0;
    for line in sql.split_inclusive('\n') {
        let line_start = start;
        start += line.len();
        let trimmed = line.trim().trim_start_matches('\u{feff}').trim();
        if trimmed.is_empty() {
            continue;
        }
        let comment = trimmed.strip_prefix("--")?.trim();
        let Some(range) = comment.strip_prefix("replaces:") else {
            continue;
        };
        let end = line_start + line.trim_end_matches(['\n', '\r']).len();
        return parse_range(range.trim()).map(|range| (range, line_start..end));
    }
    None
}

/// `1..=28` or `1..29`.
pub fn parse_range(text: &str) -> Option<RangeInclusive<i64>> {
    if let Some((start, end)) = text.split_once("..=") {
        return Some(start.trim().parse().ok()?..=end.trim().parse().ok()?);
    }
    let (start, end) = text.split_once("..")?;
    let end: i64 = end.trim().parse().ok()?;
    Some(start.trim().parse().ok()?..=end - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn set(files: &[(&str, &str)]) -> MigrationSet {
        MigrationSet::from_files(
            PathBuf::from("migrations"),
            files
                .iter()
                .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
                .collect(),
            None,
        )
    }

    fn check_set(set: &MigrationSet) -> Vec<Diagnostic> {
        let config = Config::default();
        let (locations, _) = fold::locate(set);
        check(set, &config, &locations, &find(set, &config))
    }

    const LEGACY: [(&str, &str); 2] = [
        (
            "001_users.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        ),
        (
            "002_email.sql",
            "ALTER TABLE users ADD COLUMN email text NOT NULL;\n",
        ),
    ];

    #[test]
    fn replaces_header_is_read_from_the_leading_comments_only() {
        assert_eq!(
            replaced_versions("-- Baseline\n-- replaces: 1..=28\nCREATE TABLE t ();"),
            Some(1..=28)
        );
        assert_eq!(replaced_versions("-- replaces: 3..7\n"), Some(3..=6));
        assert_eq!(
            replaced_versions("CREATE TABLE t ();\n-- replaces: 1..=2"),
            None
        );
        assert_eq!(replaced_versions("-- replaces: soon\n"), None);
        let text = "-- Baseline\r\n-- replaces: 1..=2\r\nCREATE TABLE t ();";
        let (_, header) = replaces_header(text).unwrap();
        assert_eq!(&text[header], "-- replaces: 1..=2");
    }

    #[test]
    fn a_faithful_baseline_reports_nothing() {
        let mut files = LEGACY.to_vec();
        files.push((
            "003_baseline.sql",
            "-- replaces: 1..=2\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
        ));
        let set = set(&files);
        assert_eq!(check_set(&set), []);
        assert_eq!(
            replaced_migrations(&set, &find(&set, &Config::default())),
            [true, true, false]
        );
    }

    #[test]
    fn every_difference_is_an_error_at_the_header() {
        let mut files = LEGACY.to_vec();
        files.push((
            "003_baseline.sql",
            "-- Baseline\n-- replaces: 1..=2\nCREATE TABLE users (id integer PRIMARY KEY, nickname text);\n",
        ));
        let set = set(&files);
        let found = check_set(&set);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(found.len(), 3, "{messages:#?}");
        assert!(messages.iter().all(|m| m.starts_with(
            "the baseline does not build what versions 1..=2 built: table `users`: "
        )));
        assert!(
            messages.iter().any(|m| m.contains("`email`")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`nickname`")),
            "{messages:#?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("`integer`")),
            "{messages:#?}"
        );
        for diagnostic in &found {
            assert_eq!(diagnostic.code, "baseline-mismatch");
            let label = diagnostic.primary.as_ref().unwrap();
            assert_eq!(label.file, set.migrations[2].up);
            assert_eq!(
                &set.files[label.file].text[label.range.clone()],
                "-- replaces: 1..=2"
            );
        }
    }

    #[test]
    fn without_the_replaced_files_there_is_nothing_to_compare() {
        let set = set(&[(
            "003_baseline.sql",
            "-- replaces: 1..=2\nCREATE TABLE users (id integer);\n",
        )]);
        assert_eq!(check_set(&set), []);
    }

    #[test]
    fn schema_toml_declares_a_baseline_without_a_header() {
        let mut files = LEGACY.to_vec();
        files.push((
            "003_baseline.sql",
            "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        ));
        let set = set(&files);
        let config: Config =
            toml::from_str("[baseline]\nversion = 3\nreplaces = \"1..=2\"\n").unwrap();
        let (locations, _) = fold::locate(&set);
        let found = check(&set, &config, &locations, &find(&set, &config));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary.as_ref().unwrap().range, 0..0);
    }
}
