//! One migration as the runner applies it: owned text, sqlx's checksum, and what a baseline
//! replaces.

use crate::embedded::EmbeddedMigration;
use std::ops::RangeInclusive;

/// A migration ready to run, built from the embedded data or from a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub version: i64,
    /// sqlx's spelling: the file name's description with `_` as spaces.
    pub description: String,
    /// The up file's path relative to the migrations folder, as errors name it.
    pub path: String,
    pub up_sql: String,
    pub down_sql: Option<String>,
    pub no_transaction: bool,
    /// SHA-384 of the up file's text, as sqlx computes it.
    pub checksum: Vec<u8>,
    /// The versions a baseline stands for (`-- replaces: 1..=28` among its leading comments).
    pub replaces: Option<RangeInclusive<i64>>,
}

impl Migration {
    pub fn new(
        version: i64,
        description: &str,
        path: &str,
        up_sql: &str,
        down_sql: Option<&str>,
        no_transaction: bool,
    ) -> Migration {
        Migration {
            version,
            description: description.replace('_', " "),
            path: path.to_owned(),
            up_sql: up_sql.to_owned(),
            down_sql: down_sql.map(str::to_owned),
            no_transaction,
            checksum: checksum(up_sql),
            replaces: replaced_versions(up_sql),
        }
    }

    pub fn from_embedded(embedded: &EmbeddedMigration) -> Migration {
        Migration::new(
            embedded.version,
            embedded.description,
            embedded.up_path,
            embedded.up_sql,
            embedded.down_sql,
            embedded.no_transaction,
        )
    }
}

pub use crate::embedded::checksum;

/// `-- replaces: 1..=28` (or `1..28`, exclusive) in the comment lines that open the file.
pub fn replaced_versions(sql: &str) -> Option<RangeInclusive<i64>> {
    for line in sql.trim_start_matches('\u{feff}').lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let comment = line.strip_prefix("--")?.trim();
        let Some(range) = comment.strip_prefix("replaces:") else {
            continue;
        };
        return parse_range(range.trim());
    }
    None
}

/// `1..=28` or `1..29`.
pub(crate) fn parse_range(text: &str) -> Option<RangeInclusive<i64>> {
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
    }

    #[test]
    fn checksum_is_sqlx_sha384_of_the_exact_text() {
        let sum = checksum("SELECT 1;\n");
        assert_eq!(sum.len(), 48);
        assert_ne!(sum, checksum("SELECT 1;\r\n"));
    }
}
