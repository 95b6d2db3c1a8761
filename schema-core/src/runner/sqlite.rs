//! SQLite: each migration in a `BEGIN IMMEDIATE` transaction (SQLite's write lock), which first
//! re-reads whether another runner applied it meanwhile.

use super::database::{down_path, location};
use super::error::RunnerError;
use super::history::{self, AppliedMigration, redact_url};
use super::migration::Migration;
use crate::catalog::Catalog;
use crate::split::split;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, Connection, Row, SqliteConnection};
use std::str::FromStr;
use std::time::{Duration, Instant};

pub(crate) struct SqliteRunner {
    conn: SqliteConnection,
    table: String,
}

impl SqliteRunner {
    pub(crate) async fn open(
        url: &str,
        table: &str,
        lock_timeout: Option<Duration>,
    ) -> Result<SqliteRunner, RunnerError> {
        let connect_error = |source| RunnerError::Connect {
            url: redact_url(url),
            source,
        };
        let options = SqliteConnectOptions::from_str(url)
            .map_err(connect_error)?
            // A missing file is an empty database: `status` on it reports everything pending.
            .create_if_missing(true)
            .busy_timeout(lock_timeout.unwrap_or(Duration::from_secs(5)));
        let mut conn = SqliteConnection::connect_with(&options)
            .await
            .map_err(connect_error)?;
        if lock_timeout.is_some() {
            sqlx::raw_sql(AssertSqlSafe(history::create_table_sqlite(table)))
                .execute(&mut conn)
                .await?;
        }
        Ok(SqliteRunner {
            conn,
            table: table.to_owned(),
        })
    }

    pub(crate) async fn read_applied(&mut self) -> Result<Vec<AppliedMigration>, RunnerError> {
        let exists: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1")
                .bind(&self.table)
                .fetch_optional(&mut self.conn)
                .await?;
        if exists.is_none() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(AssertSqlSafe(history::select_applied(&self.table)))
            .fetch_all(&mut self.conn)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(AppliedMigration {
                    version: row.try_get(0)?,
                    description: row.try_get(1)?,
                    checksum: row.try_get(2)?,
                    success: row.try_get(3)?,
                    execution_time: row.try_get(4)?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(RunnerError::from)
    }

    /// `false` when another runner applied the migration while this one waited for the lock.
    ///
    /// A no-transaction migration runs whole, outside a transaction, as sqlx runs it: SQLite
    /// has no statement that needs resuming, so `_resume_at` is not used.
    pub(crate) async fn apply(
        &mut self,
        migration: &Migration,
        _resume_at: usize,
    ) -> Result<bool, RunnerError> {
        let started = Instant::now();
        if migration.no_transaction {
            // Outside a transaction, as sqlx runs it (`VACUUM` and the like).
            if let Err(error) = sqlx::raw_sql(AssertSqlSafe(migration.up_sql.clone()))
                .execute(&mut self.conn)
                .await
            {
                return Err(failure(
                    migration.version,
                    &migration.path,
                    &migration.up_sql,
                    None,
                    error,
                ));
            }
            self.insert(migration, started).await?;
            return Ok(true);
        }
        let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await?;
        let done: Option<bool> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT success FROM {} WHERE version = ?1",
            self.table
        )))
        .bind(migration.version)
        .fetch_optional(&mut *tx)
        .await?;
        if done == Some(true) {
            tx.rollback().await?;
            return Ok(false);
        }
        if let Err(error) = sqlx::raw_sql(AssertSqlSafe(migration.up_sql.clone()))
            .execute(&mut *tx)
            .await
        {
            tx.rollback().await?;
            let offset = self.locate_failure(&migration.up_sql).await;
            return Err(failure(
                migration.version,
                &migration.path,
                &migration.up_sql,
                offset,
                error,
            ));
        }
        insert_row(&mut tx, &self.table, migration, started).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn insert(&mut self, migration: &Migration, started: Instant) -> Result<(), RunnerError> {
        insert_row(&mut self.conn, &self.table, migration, started).await
    }

    /// SQLite's errors carry no position: replays the statements one by one in a transaction
    /// that is always rolled back, to find the one that fails.
    async fn locate_failure(&mut self, sql: &str) -> Option<usize> {
        let (statements, _) = split(sql);
        let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await.ok()?;
        let mut found = None;
        for statement in &statements {
            let text = &sql[statement.range.clone()];
            if sqlx::raw_sql(AssertSqlSafe(text.to_owned()))
                .execute(&mut *tx)
                .await
                .is_err()
            {
                found = Some(statement.range.start);
                break;
            }
        }
        let _ = tx.rollback().await;
        found
    }

    pub(crate) async fn adopt(
        &mut self,
        migration: &Migration,
        replaced: &[i64],
    ) -> Result<(), RunnerError> {
        let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await?;
        for version in replaced {
            sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM {} WHERE version = ?1",
                self.table
            )))
            .bind(version)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {} (version, description, success, checksum, execution_time) \
             VALUES (?1, ?2, TRUE, ?3, 0)",
            self.table
        )))
        .bind(migration.version)
        .bind(&migration.description)
        .bind(&migration.checksum)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn revert(&mut self, migration: &Migration) -> Result<(), RunnerError> {
        let down = migration.down_sql.as_deref().unwrap_or_default();
        let mut tx = self.conn.begin_with("BEGIN IMMEDIATE").await?;
        if let Err(error) = sqlx::raw_sql(AssertSqlSafe(down.to_owned()))
            .execute(&mut *tx)
            .await
        {
            tx.rollback().await?;
            let path = down_path(migration);
            return Err(failure(migration.version, &path, down, None, error));
        }
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE version = ?1",
            self.table
        )))
        .bind(migration.version)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn introspect(&mut self) -> Result<Catalog, RunnerError> {
        Ok(crate::introspect::introspect_sqlite(&mut self.conn).await?)
    }

    pub(crate) async fn release(self) {
        let _ = self.conn.close().await;
    }
}

async fn insert_row(
    conn: &mut SqliteConnection,
    table: &str,
    migration: &Migration,
    started: Instant,
) -> Result<(), RunnerError> {
    sqlx::query(AssertSqlSafe(format!(
        "INSERT INTO {table} (version, description, success, checksum, execution_time) \
         VALUES (?1, ?2, TRUE, ?3, ?4)"
    )))
    .bind(migration.version)
    .bind(&migration.description)
    .bind(&migration.checksum)
    .bind(started.elapsed().as_nanos() as i64)
    .execute(conn)
    .await?;
    Ok(())
}

fn failure(
    version: i64,
    path: &str,
    text: &str,
    offset: Option<usize>,
    source: sqlx::Error,
) -> RunnerError {
    let message = match source.as_database_error() {
        Some(error) => error.message().to_owned(),
        None => source.to_string(),
    };
    RunnerError::MigrationFailed {
        version,
        location: match offset {
            Some(offset) => location(path, text, offset),
            None => path.to_owned(),
        },
        message,
        source,
    }
}
