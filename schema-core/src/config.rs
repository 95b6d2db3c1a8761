//! `schema.toml`: the settings the macro and the CLI share.
//!
//! Looked up beside the migrations folder first, then in its parent (the crate root when the
//! folder is `migrations/`). Every key is optional.

use crate::layout::{Layout, Scheme};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "schema.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    #[default]
    Postgres,
    Sqlite,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub dialect: Dialect,
    /// Overrides the detected naming scheme: `sequential`, `timestamp`, `flyway`, `diesel`.
    #[serde(default)]
    pub layout: Option<Scheme>,
    /// Tables created outside the migrations (by the app, an extension, the platform), as
    /// `name` or `schema.name`; `schema.*` declares a whole schema.
    #[serde(default)]
    pub external_tables: Vec<String>,
    /// Diagnostic codes lowered to `info` (never for errors of the history itself).
    #[serde(default)]
    pub allow: Vec<String>,
    /// Versions a baseline migration replaces, e.g. `{ version = 29, replaces = "1..=28" }`.
    #[serde(default)]
    pub baseline: Option<BaselineConfig>,
    /// Safety lints: `[lints] enabled`, `postgres_version`, `rules.<code> = "off" | "info" |
    /// "warning" | "error"`, `include_locked`.
    #[serde(default)]
    pub lints: crate::lint::LintConfig,
    /// The file this config was read from, if any.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineConfig {
    pub version: i64,
    pub replaces: String,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("cannot read `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("`{path}`: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// The config for a migrations folder: `DIR/schema.toml`, else `DIR/../schema.toml`, else
    /// the defaults.
    pub fn load_for(migrations_dir: &Path) -> Result<Config, ConfigError> {
        let candidates = [
            Some(migrations_dir.join(FILE_NAME)),
            migrations_dir.parent().map(|p| p.join(FILE_NAME)),
        ];
        for path in candidates.into_iter().flatten() {
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| ConfigError::Io {
                    path: path.clone(),
                    source,
                })?;
                let mut config = Config::parse(&text).map_err(|message| ConfigError::Invalid {
                    path: path.clone(),
                    message,
                })?;
                config.path = Some(path);
                return Ok(config);
            }
        }
        Ok(Config::default())
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|error| error.to_string())
    }

    pub fn layout_override(&self) -> Option<Layout> {
        self.layout.map(|scheme| Layout {
            scheme,
            reversible: false,
            width: 0,
        })
    }
}
