//! Where the analyzer's fixtures live, and which of them PostgreSQL can apply.

use schema_core::Config;
use schema_core::config::Dialect;
use std::io::Write;
use std::path::{Path, PathBuf};

pub fn test_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema-core/test_data")
}

/// The folder's `schema.toml` (beside or above it) says `dialect = "sqlite"`.
pub fn is_sqlite(migrations_dir: &Path) -> bool {
    Config::load_for(migrations_dir).is_ok_and(|config| config.dialect == Dialect::Sqlite)
}

/// Straight to stderr, so that a skip shows even when the test passes.
pub fn note(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}
