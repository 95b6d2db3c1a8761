//! Migration file naming schemes: what a name says (version, description, up or down) and
//! what is wrong with the names of a folder taken together (mixed schemes, gaps, an order that
//! differs between file names and versions).

use crate::diagnostic::Diagnostic;
use crate::source::MigrationSet;
use serde::{Deserialize, Serialize};

/// How a file name carries its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// `001_name.sql`, `1_name.up.sql` (sqlx, golang-migrate).
    Sequential,
    /// `20240101120000_name.sql` (sqlx, golang-migrate).
    Timestamp,
    /// `V3__name.sql` / `U3__name.sql` (Flyway, refinery).
    Flyway,
    /// `2024-01-01-120000_name/up.sql` (diesel).
    Diesel,
    /// No version at all.
    Unversioned,
}

impl Scheme {
    pub fn describe(self) -> &'static str {
        match self {
            Scheme::Sequential => "sequential numbers (`001_name.sql`)",
            Scheme::Timestamp => "timestamps (`20240101120000_name.sql`)",
            Scheme::Flyway => "Flyway versions (`V1__name.sql`)",
            Scheme::Diesel => "diesel folders (`2024-01-01-120000_name/up.sql`)",
            Scheme::Unversioned => "no version",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A migration without a separate down (`001_x.sql`, `V1__x.sql`).
    Single,
    Up,
    Down,
    /// Flyway's `R__name.sql`: no version, re-applied after the versioned migrations.
    Repeatable,
    /// Not a migration (`README.md`, diesel's `metadata.toml`).
    Ignored,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    pub version: Option<i64>,
    pub description: String,
    pub role: Role,
    pub scheme: Scheme,
    /// Digits of the version as written, for zero-padding in suggested names.
    pub version_width: usize,
}

/// The folder's naming convention, detected from its files or set in the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    pub scheme: Scheme,
    /// Ups and downs in pairs (`.up.sql` / `.down.sql`, or diesel's folders).
    pub reversible: bool,
    /// Zero-padded width of sequential versions (`001` = 3).
    pub width: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            scheme: Scheme::Timestamp,
            reversible: false,
            width: 0,
        }
    }
}

impl Layout {
    /// The most common scheme wins; reversible when most migrations come in pairs.
    pub fn detect<'a>(names: impl Iterator<Item = &'a FileName>) -> Layout {
        let mut counts = std::collections::BTreeMap::<Scheme, usize>::new();
        let (mut paired, mut single, mut width) = (0usize, 0usize, 0usize);
        for name in names {
            if name.scheme == Scheme::Unversioned {
                continue;
            }
            *counts.entry(name.scheme).or_default() += 1;
            match name.role {
                Role::Up | Role::Down => paired += 1,
                Role::Single => single += 1,
                Role::Ignored | Role::Repeatable => {}
            }
            if name.scheme == Scheme::Sequential {
                width = width.max(name.version_width);
            }
        }
        let scheme = counts
            .iter()
            .max_by_key(|(scheme, count)| (**count, std::cmp::Reverse(**scheme)))
            .map_or(Scheme::Timestamp, |(scheme, _)| *scheme);
        Layout {
            scheme,
            reversible: paired / 2 > single || scheme == Scheme::Diesel,
            width,
        }
    }

    /// A file name in this layout for `version` (the up file where ups and downs are paired).
    pub fn example_name(&self, version: i64, description: &str) -> String {
        let description = slug(description);
        match self.scheme {
            Scheme::Flyway => format!("V{version}__{description}.sql"),
            Scheme::Diesel => {
                let digits = format!("{version:014}");
                format!(
                    "{}-{}-{}-{}_{description}/up.sql",
                    &digits[0..4],
                    &digits[4..6],
                    &digits[6..8],
                    &digits[8..14]
                )
            }
            _ => {
                let suffix = if self.reversible { ".up.sql" } else { ".sql" };
                format!(
                    "{version:0width$}_{description}{suffix}",
                    width = self.width
                )
            }
        }
    }
}

/// Names like `fix_missing_columns` or `ensure_columns`: they describe a repair, not a change.
fn is_vague(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let repair = [
        "fix", "fixes", "ensure", "misc", "temp", "tmp", "patch", "hotfix", "cleanup",
    ];
    words.first().is_some_and(|w| repair.contains(w)) || words.contains(&"missing")
}

fn slug(text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let slug = slug.trim_matches('_').to_string();
    if slug.is_empty() {
        "migration".to_string()
    } else {
        slug
    }
}

/// What a path (relative to the migrations folder) says about the file.
pub fn parse_file_name(path: &str) -> FileName {
    let ignored = FileName {
        version: None,
        description: String::new(),
        role: Role::Ignored,
        scheme: Scheme::Unversioned,
        version_width: 0,
    };
    if let Some((dir, file)) = path.rsplit_once('/') {
        let role = match file {
            "up.sql" => Role::Up,
            "down.sql" => Role::Down,
            _ if file.ends_with(".sql") => Role::Single,
            _ => return ignored,
        };
        return match parse_diesel_dir(dir) {
            Some((version, description)) if role != Role::Single => FileName {
                version: Some(version),
                description,
                role,
                scheme: Scheme::Diesel,
                version_width: 14,
            },
            _ => FileName {
                description: slug(path),
                role: Role::Single,
                ..ignored
            },
        };
    }
    let (stem, role) = if let Some(stem) = path.strip_suffix(".up.sql") {
        (stem, Role::Up)
    } else if let Some(stem) = path.strip_suffix(".down.sql") {
        (stem, Role::Down)
    } else if let Some(stem) = path.strip_suffix(".sql") {
        (stem, Role::Single)
    } else {
        return ignored;
    };
    if let Some(name) = parse_flyway(stem, role) {
        return name;
    }
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &stem[digits..];
    let separated = rest.is_empty() || rest.starts_with(['_', '-', '.']);
    match stem[..digits].parse::<i64>() {
        Ok(version) if digits > 0 && separated => FileName {
            version: Some(version),
            description: rest.trim_start_matches(['_', '-', '.']).to_string(),
            role,
            scheme: if digits >= 12 {
                Scheme::Timestamp
            } else {
                Scheme::Sequential
            },
            version_width: digits,
        },
        _ => FileName {
            description: stem.to_string(),
            role,
            ..ignored
        },
    }
}

fn parse_flyway(stem: &str, role: Role) -> Option<FileName> {
    let kind = stem.chars().next()?;
    if role != Role::Single || !matches!(kind, 'V' | 'U' | 'v' | 'u' | 'R' | 'r') {
        return None;
    }
    let (version, description) = stem[1..].split_once("__")?;
    if matches!(kind, 'R' | 'r') {
        // Repeatable: no version by design; Flyway re-runs it after the versioned ones.
        return version.is_empty().then(|| FileName {
            version: None,
            description: description.to_string(),
            role: Role::Repeatable,
            scheme: Scheme::Flyway,
            version_width: 0,
        });
    }
    let Ok(version) = version.parse::<i64>() else {
        // `V1.2__x` / `V1_2__x`: a dotted version, which integer-keyed runners cannot hold.
        let dotted = !version.is_empty()
            && version
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '_');
        return dotted.then(|| FileName {
            version: None,
            description: description.to_string(),
            role,
            scheme: Scheme::Flyway,
            version_width: 0,
        });
    };
    Some(FileName {
        version: Some(version),
        description: description.to_string(),
        role: if matches!(kind, 'U' | 'u') {
            Role::Down
        } else {
            Role::Up
        },
        scheme: Scheme::Flyway,
        version_width: 0,
    })
}

/// `2024-01-01-120000_name` or `20240101120000_name` (diesel accepts both).
fn parse_diesel_dir(dir: &str) -> Option<(i64, String)> {
    let (stamp, description) = dir.split_once('_')?;
    let digits: String = stamp.chars().filter(|c| *c != '-').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() < 8 {
        return None;
    }
    Some((digits.parse().ok()?, description.to_string()))
}

/// Mixed schemes, gaps in sequential versions, and file-name order that differs from version
/// order: warnings, since every runner copes, but each is a trap for people and some tools.
pub fn check_names(set: &MigrationSet) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let versioned: Vec<_> = set
        .migrations
        .iter()
        .filter(|m| m.version.is_some())
        .collect();

    let mut by_scheme = std::collections::BTreeMap::<Scheme, Vec<usize>>::new();
    for migration in &versioned {
        by_scheme
            .entry(migration.scheme)
            .or_default()
            .push(migration.up);
    }
    if by_scheme.len() > 1 {
        let summary: Vec<String> = by_scheme
            .iter()
            .map(|(scheme, files)| format!("{} file(s) use {}", files.len(), scheme.describe()))
            .collect();
        let (_, minority) = by_scheme
            .iter()
            .min_by_key(|(_, files)| files.len())
            .expect("two schemes");
        let mut diagnostic = Diagnostic::warning(
            "mixed-naming",
            format!("the folder mixes naming schemes: {}", summary.join(", ")),
        )
        .at(minority[0], 0..0, "named differently from most migrations")
        .help(format!(
            "rename the odd files to the folder's main scheme, {}",
            set.layout.scheme.describe()
        ));
        for file in minority.iter().skip(1) {
            diagnostic = diagnostic.related(*file, 0..0, "also named differently");
        }
        diagnostics.push(diagnostic);
    }

    let sequential: Vec<_> = versioned
        .iter()
        .filter(|m| m.scheme == Scheme::Sequential)
        .collect();
    let mut gaps: Vec<(String, usize, usize)> = Vec::new();
    for pair in sequential.windows(2) {
        let (before, after) = (pair[0], pair[1]);
        let (Some(low), Some(high)) = (before.version, after.version) else {
            continue;
        };
        if high > low + 1 {
            let missing = if high == low + 2 {
                format!("{}", low + 1)
            } else {
                format!("{}-{}", low + 1, high - 1)
            };
            gaps.push((missing, before.up, after.up));
        }
    }
    if let Some((_, before, after)) = gaps.first() {
        let listed: Vec<&str> = gaps
            .iter()
            .map(|(missing, _, _)| missing.as_str())
            .collect();
        let mut diagnostic = Diagnostic::warning(
            "version-gap",
            format!("sequential versions are missing: {}", listed.join(", ")),
        )
        .at(*after, 0..0, format!("the version before this one is missing (after `{}`)", set.files[*before].path))
        .help("if a gap is a migration deleted before it was ever applied, ignore this; otherwise restore the file");
        for (missing, _, after) in &gaps[1..] {
            diagnostic = diagnostic.related(
                *after,
                0..0,
                format!("version {missing} is missing before this one"),
            );
        }
        diagnostics.push(diagnostic);
    }

    let vague: Vec<usize> = versioned
        .iter()
        .filter(|m| is_vague(&m.description))
        .map(|m| m.up)
        .collect();
    if let Some((first, rest)) = vague.split_first() {
        let listed: Vec<String> = vague
            .iter()
            .map(|f| format!("`{}`", set.files[*f].path))
            .collect();
        let mut diagnostic = Diagnostic::info(
            "vague-name",
            format!("{} migration name(s) describe a repair, not the change they make: {}", vague.len(), listed.join(", ")),
        )
        .at(*first, 0..0, "generic name")
        .help("name migrations after the change they make (`add_status_to_tickets`), so the history reads as a list of changes");
        for file in rest {
            diagnostic = diagnostic.related(*file, 0..0, "generic name");
        }
        diagnostics.push(diagnostic);
    }

    let mut lexical: Vec<_> = versioned
        .iter()
        .map(|m| (set.files[m.up].path.as_str(), m.up))
        .collect();
    lexical.sort();
    let numeric: Vec<usize> = versioned.iter().map(|m| m.up).collect();
    if let Some(position) = lexical.iter().zip(&numeric).position(|((_, a), b)| a != b) {
        let (path, file) = lexical[position];
        let numeric_path = &set.files[numeric[position]].path;
        diagnostics.push(
            Diagnostic::warning(
                "lexical-order",
                format!("`{path}` sorts before `{numeric_path}` by name but runs after it by version"),
            )
            .at(file, 0..0, "sorts early by name")
            .related(numeric[position], 0..0, "runs earlier by version")
            .help("zero-pad versions to one width (`002_`, `010_`) so that every tool and person sees the run order"),
        );
    }
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlx_and_golang_names_carry_numeric_versions() {
        let name = parse_file_name("20240101120000_create_users.up.sql");
        assert_eq!(name.version, Some(20240101120000));
        assert_eq!(name.scheme, Scheme::Timestamp);
        assert_eq!(name.role, Role::Up);
        assert_eq!(name.description, "create_users");
        let name = parse_file_name("010_fix.sql");
        assert_eq!(
            (name.version, name.scheme, name.role),
            (Some(10), Scheme::Sequential, Role::Single)
        );
    }

    #[test]
    fn flyway_and_diesel_names_are_recognised() {
        let name = parse_file_name("V3__add_index.sql");
        assert_eq!(
            (name.version, name.scheme, name.role),
            (Some(3), Scheme::Flyway, Role::Up)
        );
        assert_eq!(parse_file_name("U3__add_index.sql").role, Role::Down);
        let name = parse_file_name("2024-01-01-120000_create_posts/down.sql");
        assert_eq!(
            (name.version, name.scheme, name.role),
            (Some(20240101120000), Scheme::Diesel, Role::Down)
        );
        assert_eq!(
            parse_file_name("00000000000000_diesel_initial_setup/up.sql").version,
            Some(0)
        );
    }

    #[test]
    fn a_name_without_a_number_has_no_version() {
        let name = parse_file_name("add-document-relationships.sql");
        assert_eq!((name.version, name.role), (None, Role::Single));
        assert_eq!(parse_file_name("README.md").role, Role::Ignored);
    }

    #[test]
    fn example_names_follow_the_layout() {
        let layout = Layout {
            scheme: Scheme::Sequential,
            reversible: true,
            width: 3,
        };
        assert_eq!(layout.example_name(29, "Add Docs"), "029_add_docs.up.sql");
        let layout = Layout {
            scheme: Scheme::Diesel,
            reversible: true,
            width: 14,
        };
        assert_eq!(
            layout.example_name(20240101120000, "x"),
            "2024-01-01-120000_x/up.sql"
        );
    }
}
