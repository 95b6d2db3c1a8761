//! The migrations as the proc macro embeds them: plain `'static` data, no sqlx.
//!
//! `schema_macros::migrations!` expands to a `static` of [`EmbeddedMigrations`] whose texts come
//! from `include_str!` of each file, so editing a migration rebuilds the crate. The runner turns
//! this data into something it can apply; this module only holds it.

/// One migration as compiled into the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedMigration {
    pub version: i64,
    pub description: &'static str,
    /// The up file's path relative to the migrations folder, as diagnostics name it.
    pub up_path: &'static str,
    pub up_sql: &'static str,
    pub down_sql: Option<&'static str>,
    /// The up file starts with `-- no-transaction` (sqlx's marker).
    pub no_transaction: bool,
}

/// Every migration of a verified history, in run order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbeddedMigrations {
    pub migrations: &'static [EmbeddedMigration],
    /// The catalog the whole history folds into (`Catalog::to_json`), for the runner's
    /// `verify`; empty when the macro embedded nothing (a history with errors).
    pub catalog_json: &'static str,
    /// The migrations folder as the build saw it (absolute), and every `.sql` file in it
    /// (relative): `build::unbuilt_changes` compares them with the folder at run time.
    pub folder: &'static str,
    pub files: &'static [&'static str],
}

impl EmbeddedMigrations {
    pub fn iter(&self) -> std::slice::Iter<'static, EmbeddedMigration> {
        self.migrations.iter()
    }

    pub fn len(&self) -> usize {
        self.migrations.len()
    }

    pub fn is_empty(&self) -> bool {
        self.migrations.is_empty()
    }

    /// The highest version, `None` for an empty history.
    pub fn latest_version(&self) -> Option<i64> {
        self.migrations
            .iter()
            .map(|migration| migration.version)
            .max()
    }
}

/// sqlx's checksum: SHA-384 of the text exactly as written. The runner records it and the
/// macro embeds it in `SQLX_MIGRATOR`, so a history applied by either checks out with the other.
pub fn checksum(sql: &str) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha384::digest(sql.as_bytes()).to_vec()
}

impl IntoIterator for &EmbeddedMigrations {
    type Item = &'static EmbeddedMigration;
    type IntoIter = std::slice::Iter<'static, EmbeddedMigration>;

    fn into_iter(self) -> Self::IntoIter {
        self.migrations.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn migration(version: i64) -> EmbeddedMigration {
        EmbeddedMigration {
            version,
            description: "x",
            up_path: "x.sql",
            up_sql: "SELECT 1;",
            down_sql: None,
            no_transaction: false,
        }
    }

    #[test]
    fn latest_version_is_the_highest_and_none_when_empty() {
        static LIST: [EmbeddedMigration; 3] = [migration(1), migration(7), migration(3)];
        let set = EmbeddedMigrations {
            migrations: &LIST,
            catalog_json: "",
            folder: "",
            files: &[],
        };
        assert_eq!(set.len(), 3);
        assert_eq!(set.latest_version(), Some(7));
        assert_eq!(set.iter().map(|m| m.version).collect::<Vec<_>>(), [1, 7, 3]);
        let empty = EmbeddedMigrations {
            migrations: &[],
            catalog_json: "",
            folder: "",
            files: &[],
        };
        assert!(empty.is_empty());
        assert_eq!(empty.latest_version(), None);
    }
}
