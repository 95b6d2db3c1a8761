//! PostgreSQL: an advisory lock on a dedicated connection, one transaction per migration with
//! its history row, no-transaction migrations statement by statement with their progress.

use super::database::{down_path, location};
use super::error::RunnerError;
use super::history::{self, AppliedMigration, redact_url};
use super::migration::Migration;
use crate::catalog::Catalog;
use crate::split::split;
use sqlx::postgres::{PgDatabaseError, PgErrorPosition};
use sqlx::{AssertSqlSafe, Connection, PgConnection, Row};
use std::time::{Duration, Instant};

/// How often a waiting runner tries the lock again. Polling with `pg_try_advisory_lock`
/// (rather than blocking in `pg_advisory_lock`) keeps waiters out of open transactions, which
/// a `CREATE INDEX CONCURRENTLY` run by the holder would otherwise wait for.
const LOCK_POLL: Duration = Duration::from_millis(50);

pub(crate) struct PostgresRunner {
    conn: PgConnection,
    /// The dedicated connection holding the advisory lock, and the lock's key.
    lock: Option<(PgConnection, i64)>,
    table: String,
    /// `open` created the history table (under the lock), so `read_applied` need not ask
    /// whether it exists: one round trip fewer on the up-to-date start-up check.
    history_table_exists: bool,
}

impl PostgresRunner {
    pub(crate) async fn open(
        url: &str,
        table: &str,
        lock_timeout: Option<Duration>,
    ) -> Result<PostgresRunner, RunnerError> {
        let connect = || async {
            PgConnection::connect(url)
                .await
                .map_err(|source| RunnerError::Connect {
                    url: redact_url(url),
                    source,
                })
        };
        let mut conn = connect().await?;
        let mut runner = PostgresRunner {
            lock: None,
            table: table.to_owned(),
            conn: connect().await?,
            history_table_exists: false,
        };
        // A killed runner's lock connection ends at once, releasing the lock; its migration
        // connection must not go on running a long statement meanwhile. PostgreSQL 14+ checks
        // the client socket during a query with this set (older servers reject it: fine).
        let _ = sqlx::raw_sql("SET client_connection_check_interval = 1000")
            .execute(&mut runner.conn)
            .await;
        if let Some(timeout) = lock_timeout {
            let database: String = sqlx::query_scalar("SELECT current_database()")
                .fetch_one(&mut conn)
                .await?;
            // sqlx's key, so that `sqlx migrate run` and this runner exclude each other.
            let key = lock_key(&database);
            acquire(&mut conn, key, timeout).await?;
            runner.lock = Some((conn, key));
            sqlx::raw_sql(AssertSqlSafe(history::create_table_postgres(table)))
                .execute(&mut runner.conn)
                .await?;
            runner.history_table_exists = true;
        } else {
            let _ = conn.close().await;
        }
        Ok(runner)
    }

    pub(crate) async fn read_applied(&mut self) -> Result<Vec<AppliedMigration>, RunnerError> {
        if !self.history_table_exists {
            let exists: Option<String> = sqlx::query_scalar("SELECT to_regclass($1)::text")
                .bind(&self.table)
                .fetch_one(&mut self.conn)
                .await?;
            if exists.is_none() {
                return Ok(Vec::new());
            }
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

    pub(crate) async fn apply(
        &mut self,
        migration: &Migration,
        resume_at: usize,
    ) -> Result<(), RunnerError> {
        if migration.no_transaction {
            return self.apply_statements(migration, resume_at).await;
        }
        let started = Instant::now();
        let mut tx = self.conn.begin().await?;
        if let Err(error) = sqlx::raw_sql(AssertSqlSafe(migration.up_sql.clone()))
            .execute(&mut *tx)
            .await
        {
            tx.rollback().await?;
            let offset = match error_offset(&error, &migration.up_sql) {
                Some(offset) => Some(offset),
                None => self.locate_failure(&migration.up_sql).await,
            };
            return Err(failure(
                migration.version,
                &migration.path,
                &migration.up_sql,
                offset,
                error,
            ));
        }
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {} (version, description, success, checksum, execution_time) \
             VALUES ($1, $2, TRUE, $3, $4)",
            self.table
        )))
        .bind(migration.version)
        .bind(&migration.description)
        .bind(&migration.checksum)
        .bind(started.elapsed().as_nanos() as i64)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Each statement commits on its own; the history row (`success = false`) counts those
    /// done, so a failed run resumes at the statement that failed.
    async fn apply_statements(
        &mut self,
        migration: &Migration,
        resume_at: usize,
    ) -> Result<(), RunnerError> {
        let started = Instant::now();
        let (statements, _) = split(&migration.up_sql);
        if resume_at > 0 {
            tracing::info!(
                version = migration.version,
                statement = resume_at + 1,
                "resuming no-transaction migration"
            );
        }
        for (index, statement) in statements.iter().enumerate().skip(resume_at) {
            let text = &migration.up_sql[statement.range.clone()];
            if let Err(error) = sqlx::raw_sql(AssertSqlSafe(text.to_owned()))
                .execute(&mut self.conn)
                .await
            {
                let offset = statement.range.start + error_offset(&error, text).unwrap_or(0);
                return Err(failure(
                    migration.version,
                    &migration.path,
                    &migration.up_sql,
                    Some(offset),
                    error,
                ));
            }
            self.record(migration, false, index as i64 + 1).await?;
        }
        self.record(migration, true, started.elapsed().as_nanos() as i64)
            .await
    }

    async fn record(
        &mut self,
        migration: &Migration,
        success: bool,
        execution_time: i64,
    ) -> Result<(), RunnerError> {
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {} (version, description, success, checksum, execution_time) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (version) DO UPDATE \
             SET success = excluded.success, execution_time = excluded.execution_time",
            self.table
        )))
        .bind(migration.version)
        .bind(&migration.description)
        .bind(success)
        .bind(&migration.checksum)
        .bind(execution_time)
        .execute(&mut self.conn)
        .await?;
        Ok(())
    }

    /// Without a position in the error (a constraint violation, say), replays the statements
    /// one by one in a transaction that is always rolled back, to find the one that fails.
    async fn locate_failure(&mut self, sql: &str) -> Option<usize> {
        let (statements, _) = split(sql);
        let mut tx = self.conn.begin().await.ok()?;
        let mut found = None;
        for statement in &statements {
            let text = &sql[statement.range.clone()];
            if let Err(error) = sqlx::raw_sql(AssertSqlSafe(text.to_owned()))
                .execute(&mut *tx)
                .await
            {
                found = Some(statement.range.start + error_offset(&error, text).unwrap_or(0));
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
        let mut tx = self.conn.begin().await?;
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE version = ANY($1)",
            self.table
        )))
        .bind(replaced)
        .execute(&mut *tx)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "INSERT INTO {} (version, description, success, checksum, execution_time) \
             VALUES ($1, $2, TRUE, $3, 0)",
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
        let mut tx = self.conn.begin().await?;
        if let Err(error) = sqlx::raw_sql(AssertSqlSafe(down.to_owned()))
            .execute(&mut *tx)
            .await
        {
            tx.rollback().await?;
            let offset = error_offset(&error, down);
            return Err(failure(
                migration.version,
                &down_path(migration),
                down,
                offset,
                error,
            ));
        }
        sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM {} WHERE version = $1",
            self.table
        )))
        .bind(migration.version)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn introspect(&mut self) -> Result<Catalog, RunnerError> {
        Ok(crate::introspect::introspect_postgres(&mut self.conn, &[]).await?)
    }

    pub(crate) async fn release(self) {
        if let Some((mut lock, key)) = self.lock {
            let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(key)
                .execute(&mut lock)
                .await;
            let _ = lock.close().await;
        }
        let _ = self.conn.close().await;
    }
}

/// Polls `pg_try_advisory_lock` until it succeeds or `timeout` passes; the timeout error names
/// the session holding the lock.
async fn acquire(conn: &mut PgConnection, key: i64, timeout: Duration) -> Result<(), RunnerError> {
    let started = Instant::now();
    let mut announced = false;
    loop {
        let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(key)
            .fetch_one(&mut *conn)
            .await?;
        if locked {
            return Ok(());
        }
        if started.elapsed() >= timeout {
            let holder = lock_holder(conn, key).await;
            return Err(RunnerError::LockTimeout {
                waited: started.elapsed(),
                holder,
            });
        }
        if !announced {
            tracing::info!("waiting for the migration lock held by another runner");
            announced = true;
        }
        tokio::time::sleep(LOCK_POLL).await;
    }
}

/// "PostgreSQL backend 4242 (application `x`, client 10.0.0.3, connected since ...)".
async fn lock_holder(conn: &mut PgConnection, key: i64) -> Option<String> {
    let row = sqlx::query(
        "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local'), \
                a.backend_start::text \
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid \
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 \
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) \
           AND l.classid = ((($1::bigint >> 32) & 4294967295))::oid \
           AND l.objid = (($1::bigint & 4294967295))::oid \
         LIMIT 1",
    )
    .bind(key)
    .fetch_optional(conn)
    .await
    .ok()??;
    let pid: i32 = row.try_get(0).ok()?;
    let application: String = row.try_get(1).ok()?;
    let client: String = row.try_get(2).ok()?;
    let since: String = row.try_get(3).ok()?;
    Some(format!(
        "PostgreSQL backend {pid} (application `{application}`, client {client}, connected since \
         {since}); if it is stuck, `SELECT pg_terminate_backend({pid})` releases the lock"
    ))
}

/// sqlx's advisory-lock key for a database: `0x3d32ad9e * crc32(name)`.
pub(crate) fn lock_key(database: &str) -> i64 {
    0x3d32ad9e_i64.wrapping_mul(i64::from(crc32(database.as_bytes())))
}

/// CRC-32 (ISO HDLC, the zlib one), as sqlx's `crc` crate computes it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The byte offset in `text` that PostgreSQL's error points at (it counts characters from 1).
fn error_offset(error: &sqlx::Error, text: &str) -> Option<usize> {
    let position = error
        .as_database_error()?
        .try_downcast_ref::<PgDatabaseError>()?
        .position()?;
    let PgErrorPosition::Original(characters) = position else {
        return None;
    };
    Some(
        text.char_indices()
            .nth(characters.saturating_sub(1))
            .map_or(text.len(), |(at, _)| at),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
