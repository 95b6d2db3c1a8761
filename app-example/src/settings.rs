//! Where the data lives: `DATABASE_URL`, or a SQLite file in the data directory.

use schema_core::runner::redact_url;
use std::path::PathBuf;

pub enum Backend {
    Postgres { url: String },
    Sqlite { url: String },
}

impl Backend {
    /// `DATABASE_URL` when set (`postgres://`, `postgresql://` or `sqlite:`); otherwise
    /// `$APP_DATA_DIR/app.db` (default `./data/app.db`), creating the directory.
    pub fn from_env() -> Result<Backend, String> {
        if let Some(url) = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            return if url.starts_with("postgres://") || url.starts_with("postgresql://") {
                Ok(Backend::Postgres { url })
            } else if url.starts_with("sqlite:") {
                Ok(Backend::Sqlite { url })
            } else {
                Err(format!(
                    "unsupported DATABASE_URL `{}`: expected `postgres://...` or `sqlite:...`",
                    redact_url(&url)
                ))
            };
        }
        let dir = std::env::var_os("APP_DATA_DIR")
            .filter(|d| !d.is_empty())
            .map_or_else(|| PathBuf::from("data"), PathBuf::from);
        std::fs::create_dir_all(&dir).map_err(|error| {
            format!(
                "cannot create the data directory `{}`: {error}",
                dir.display()
            )
        })?;
        let url = format!("sqlite:{}", dir.join("app.db").display());
        Ok(Backend::Sqlite { url })
    }

    pub fn url(&self) -> &str {
        match self {
            Backend::Postgres { url } | Backend::Sqlite { url } => url,
        }
    }

    /// For printing: the password never appears.
    pub fn describe(&self) -> String {
        match self {
            Backend::Postgres { url } => format!("PostgreSQL at {}", redact_url(url)),
            Backend::Sqlite { url } => format!("SQLite file {}", url.trim_start_matches("sqlite:")),
        }
    }
}
