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

pub use crate::baseline::replaced_versions;
pub use crate::embedded::checksum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_sqlx_sha384_of_the_exact_text() {
        let sum = checksum("SELECT 1;\n");
        assert_eq!(sum.len(), 48);
        assert_ne!(sum, checksum("SELECT 1;\r\n"));
    }
}
