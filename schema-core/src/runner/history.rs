//! The applied-migrations table: sqlx's `_sqlx_migrations` layout by default, so that sqlx and
//! this runner read each other's history.
//!
//! A no-transaction migration that stopped half way is a row with `success = false` whose
//! `execution_time` counts the statements that committed: sqlx sees it as a dirty version
//! (and refuses to run, which is right), this runner resumes at the next statement.

/// sqlx's table name.
pub const DEFAULT_TABLE: &str = "_sqlx_migrations";

/// One row of the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    pub version: i64,
    pub description: String,
    pub checksum: Vec<u8>,
    pub success: bool,
    /// Nanoseconds for a finished migration; statements done for a half-run no-transaction one.
    pub execution_time: i64,
}

/// `CREATE TABLE IF NOT EXISTS` for PostgreSQL, as sqlx writes it.
#[cfg(feature = "postgres")]
pub fn create_table_postgres(table: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {table} (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
    success BOOLEAN NOT NULL,
    checksum BYTEA NOT NULL,
    execution_time BIGINT NOT NULL
)"
    )
}

/// `CREATE TABLE IF NOT EXISTS` for SQLite, as sqlx writes it.
#[cfg(feature = "sqlite")]
pub fn create_table_sqlite(table: &str) -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {table} (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    success BOOLEAN NOT NULL,
    checksum BLOB NOT NULL,
    execution_time BIGINT NOT NULL
)"
    )
}

pub fn select_applied(table: &str) -> String {
    format!(
        "SELECT version, description, checksum, success, execution_time FROM {table} \
         ORDER BY version"
    )
}

/// The table name is spliced into SQL, so only plain (optionally schema-qualified) identifiers
/// are accepted.
pub fn is_valid_table_name(name: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !p.starts_with(|c: char| c.is_ascii_digit())
    };
    match name.split_once('.') {
        Some((schema, table)) => part(schema) && part(table),
        None => part(name),
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`: what logs and errors show.
pub fn redact_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|at| at + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
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
    fn urls_never_show_the_password() {
        assert_eq!(
            redact_url("postgres://u:s3cr@t@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(redact_url("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact_url("sqlite:data.db"), "sqlite:data.db");
    }

    #[test]
    fn only_plain_identifiers_name_the_table() {
        assert!(is_valid_table_name("_sqlx_migrations"));
        assert!(is_valid_table_name("ops.history"));
        assert!(!is_valid_table_name("x; DROP TABLE y"));
        assert!(!is_valid_table_name("1x"));
    }
}
