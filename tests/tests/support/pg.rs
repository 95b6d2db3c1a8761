//! A throwaway PostgreSQL database per test.
//!
//! `TestDatabase::create()` connects to `DATABASE_URL` (default `DEFAULT_DATABASE_URL`), creates
//! a database with a name no other test uses, and drops it again (`WITH (FORCE)`) on `close()`
//! or, failing that, on drop. With no server to talk to it returns `None` after a loud
//! message, so a developer without PostgreSQL can still run the other tests; under `CI=true`
//! a missing server is a failure, never a silent skip.

use sqlx::postgres::{PgConnection, PgDatabaseError, PgErrorPosition};
use sqlx::{AssertSqlSafe, Connection};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// How long to wait for a server before deciding that there is none.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDatabase {
    pub name: String,
    /// Connection URL of this database.
    pub url: String,
    /// The server's URL as given (`DATABASE_URL`): where the database is created and dropped.
    server_url: String,
    dropped: bool,
}

impl TestDatabase {
    /// Creates a fresh, empty database; `None` (after saying so) when no server answers and
    /// this is not CI.
    pub async fn create() -> Option<TestDatabase> {
        let server_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let mut server = match connect(&server_url).await {
            Ok(connection) => connection,
            Err(ConnectError::NoServer(reason)) => {
                report_no_server(&server_url, &reason);
                return None;
            }
            Err(ConnectError::Refused(error)) => {
                panic!(
                    "PostgreSQL at {} refused the connection: {error}",
                    redact_password(&server_url)
                )
            }
        };
        let name = unique_database_name();
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&mut server)
            .await
            .unwrap_or_else(|error| panic!("cannot create test database `{name}`: {error}"));
        let _ = server.close().await;
        Some(TestDatabase {
            url: database_url(&server_url, &name),
            name,
            server_url,
            dropped: false,
        })
    }

    /// A new connection to this database.
    pub async fn connect(&self) -> PgConnection {
        PgConnection::connect(&self.url)
            .await
            .unwrap_or_else(|error| {
                panic!("cannot connect to test database `{}`: {error}", self.name)
            })
    }

    /// Drops the database now (connections still open to it are ended).
    pub async fn close(mut self) {
        self.dropped = true;
        drop_database(&self.server_url, &self.name).await;
    }
}

impl Drop for TestDatabase {
    /// A failed test never reaches `close()`; its database is dropped here instead. `Drop`
    /// cannot await, and blocking on the test's own runtime would panic, so a short-lived
    /// thread with a runtime of its own does it.
    fn drop(&mut self) {
        if self.dropped {
            return;
        }
        let (server_url, name) = (self.server_url.clone(), self.name.clone());
        let dropper = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            if let Ok(runtime) = runtime {
                runtime.block_on(drop_database(&server_url, &name));
            }
        });
        let _ = dropper.join();
    }
}

/// Runs each file's whole text as one simple-query call, in order, the way `psql -f` or a
/// migration tool sends it (several statements, `DO` blocks and all).
pub async fn apply_sql_files(conn: &mut PgConnection, files: &[PathBuf]) -> Result<(), String> {
    for file in files {
        let text = std::fs::read_to_string(file)
            .map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        if let Err(error) = sqlx::raw_sql(AssertSqlSafe(text.clone()))
            .execute(&mut *conn)
            .await
        {
            return Err(format!(
                "{}: {}",
                file.display(),
                describe_error(&error, &text)
            ));
        }
    }
    Ok(())
}

/// The URL of database `name` on the server that `server_url` points at.
pub fn database_url(server_url: &str, name: &str) -> String {
    let (without_query, query) = match server_url.split_once('?') {
        Some((url, query)) => (url, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let authority_start = without_query.find("://").map_or(0, |at| at + 3);
    let server = match without_query[authority_start..].find('/') {
        Some(slash) => &without_query[..authority_start + slash],
        None => without_query,
    };
    format!("{server}/{name}{query}")
}

enum ConnectError {
    /// Nothing answered (refused, unreachable, timed out): the test may be skipped.
    NoServer(String),
    /// A server answered and said no (authentication, missing database...): a real failure.
    Refused(sqlx::Error),
}

async fn connect(url: &str) -> Result<PgConnection, ConnectError> {
    match tokio::time::timeout(CONNECT_TIMEOUT, PgConnection::connect(url)).await {
        Err(_) => Err(ConnectError::NoServer(format!(
            "no answer within {} s",
            CONNECT_TIMEOUT.as_secs()
        ))),
        Ok(Ok(connection)) => Ok(connection),
        Ok(Err(sqlx::Error::Io(error))) => Err(ConnectError::NoServer(error.to_string())),
        Ok(Err(error)) => Err(ConnectError::Refused(error)),
    }
}

fn report_no_server(server_url: &str, reason: &str) {
    let url = redact_password(server_url);
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!(
            "no PostgreSQL at {url} ({reason}); CI must start one before the tests \
             (`pg_ctlcluster 15 main start`) or set DATABASE_URL"
        );
    }
    // Straight to stderr: the test harness captures `eprintln!` of passing tests, and a skip
    // that nobody sees is a pass that nobody earned.
    let _ = writeln!(
        std::io::stderr(),
        "\n\
         ******************************************************************************\n\
         SKIPPED: no PostgreSQL at {url} ({reason});\n\
         start one with `pg_ctlcluster 15 main start` or set DATABASE_URL\n\
         ******************************************************************************\n"
    );
}

/// `schema_test_<pid>_<nanos>_<counter>`: unique across the tests of one process (counter)
/// and across processes (pid, time).
fn unique_database_name() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.subsec_nanos());
    let counter = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("schema_test_{}_{nanos}_{counter}", std::process::id())
}

async fn drop_database(server_url: &str, name: &str) {
    let Ok(mut server) = connect(server_url).await else {
        eprintln!("warning: cannot reach the server to drop test database `{name}`");
        return;
    };
    let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    if let Err(error) = sqlx::raw_sql(AssertSqlSafe(statement))
        .execute(&mut server)
        .await
    {
        eprintln!("warning: cannot drop test database `{name}`: {error}");
    }
    let _ = server.close().await;
}

/// The error with the line it points at, when PostgreSQL says where in the text it failed.
fn describe_error(error: &sqlx::Error, text: &str) -> String {
    let position = error
        .as_database_error()
        .and_then(|error| error.try_downcast_ref::<PgDatabaseError>())
        .and_then(PgDatabaseError::position);
    match position {
        Some(PgErrorPosition::Original(position)) => {
            // PostgreSQL counts characters from 1.
            let before: String = text.chars().take(position.saturating_sub(1)).collect();
            let line = before.matches('\n').count() + 1;
            format!("line {line}: {error}")
        }
        _ => error.to_string(),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages.
fn redact_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|at| at + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let Some(at) = rest.find('@') else {
        return url.to_owned();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end], &rest[at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_url_replaces_only_the_database() {
        let cases = [
            (
                "postgres://postgres@127.0.0.1:5432/postgres",
                "postgres://postgres@127.0.0.1:5432/t",
            ),
            (
                "postgres://u:p@host/db?sslmode=disable",
                "postgres://u:p@host/t?sslmode=disable",
            ),
            ("postgres://host", "postgres://host/t"),
            (
                "postgres:///db?host=/run/postgresql",
                "postgres:///t?host=/run/postgresql",
            ),
        ];
        for (server, expected) in cases {
            assert_eq!(database_url(server, "t"), expected, "for {server}");
        }
    }

    #[test]
    fn messages_never_show_the_password() {
        assert_eq!(
            redact_password("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(redact_password("postgres://u@h/db"), "postgres://u@h/db");
    }
}
