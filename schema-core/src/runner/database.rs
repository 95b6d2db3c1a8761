//! One open database, PostgreSQL or SQLite by URL: the drivers behind one set of methods.

use super::error::RunnerError;
use super::history::{AppliedMigration, redact_url};
use super::migration::Migration;
use crate::catalog::Catalog;
use crate::catalog_diff::{CatalogDifference, diff};
use std::time::Duration;

pub(crate) enum Database {
    #[cfg(feature = "postgres")]
    Postgres(super::postgres::PostgresRunner),
    #[cfg(feature = "sqlite")]
    Sqlite(super::sqlite::SqliteRunner),
}

impl Database {
    /// Connects; with `lock_timeout`, also creates the history table and takes the migration
    /// lock (waiting at most that long). Without it, only reads.
    pub(crate) async fn open(
        url: &str,
        table: &str,
        lock_timeout: Option<Duration>,
    ) -> Result<Database, RunnerError> {
        #[cfg(feature = "postgres")]
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Database::Postgres(
                super::postgres::PostgresRunner::open(url, table, lock_timeout).await?,
            ));
        }
        #[cfg(feature = "sqlite")]
        if url.starts_with("sqlite:") {
            return Ok(Database::Sqlite(
                super::sqlite::SqliteRunner::open(url, table, lock_timeout).await?,
            ));
        }
        let _ = (table, lock_timeout);
        Err(RunnerError::UnsupportedUrl {
            url: redact_url(url),
        })
    }

    pub(crate) async fn read_applied(&mut self) -> Result<Vec<AppliedMigration>, RunnerError> {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.read_applied().await,
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.read_applied().await,
        }
    }

    /// `false` when another runner applied it meanwhile.
    pub(crate) async fn apply(
        &mut self,
        migration: &Migration,
        resume_at: usize,
    ) -> Result<bool, RunnerError> {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.apply(migration, resume_at).await.map(|()| true),
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.apply(migration, resume_at).await,
        }
    }

    pub(crate) async fn adopt(
        &mut self,
        migration: &Migration,
        replaced: &[i64],
    ) -> Result<(), RunnerError> {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.adopt(migration, replaced).await,
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.adopt(migration, replaced).await,
        }
    }

    pub(crate) async fn revert(&mut self, migration: &Migration) -> Result<(), RunnerError> {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.revert(migration).await,
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.revert(migration).await,
        }
    }

    pub(crate) async fn introspect(&mut self) -> Result<Catalog, RunnerError> {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.introspect().await,
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.introspect().await,
        }
    }

    /// Every difference between the live schema and `expected`, compared like with like: on
    /// SQLite, both sides first go through `catalog_diff::sqlite::comparable`.
    pub(crate) async fn differences_from(
        &mut self,
        expected: &Catalog,
    ) -> Result<Vec<CatalogDifference>, RunnerError> {
        let live = self.introspect().await?;
        Ok(match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(_) => diff(expected, &live),
            #[cfg(feature = "sqlite")]
            Database::Sqlite(_) => {
                let (expected, live) = crate::catalog_diff::sqlite::comparable(expected, &live);
                diff(&expected, &live)
            }
        })
    }

    /// Releases the lock and closes the connections. On a path that never gets here (a panic,
    /// a cancelled future) dropping the connections ends the sessions, and the server drops
    /// their locks with them.
    pub(crate) async fn release(self) {
        match self {
            #[cfg(feature = "postgres")]
            Database::Postgres(db) => db.release().await,
            #[cfg(feature = "sqlite")]
            Database::Sqlite(db) => db.release().await,
        }
    }
}

/// `path:line:col` of byte `offset` in `text`.
pub(crate) fn location(path: &str, text: &str, offset: usize) -> String {
    let file = crate::source::SourceFile::new(path, text);
    let (line, column) = file.line_col(offset);
    format!("{path}:{line}:{column}")
}

/// The path of a migration's down file, for messages.
pub(crate) fn down_path(migration: &Migration) -> String {
    match migration.path.strip_suffix(".up.sql") {
        Some(stem) => format!("{stem}.down.sql"),
        None => format!("{} (down)", migration.path),
    }
}
