//! Does the live schema still match the migrations? After migrating, the app compares the
//! database with the catalog the migrations fold into (`Migrator::verify`, pg_catalog on
//! PostgreSQL, pragmas on SQLite) and refuses to work on a drifted one.

use crate::settings::Backend;
use schema_core::runner::Migrator;

/// Every difference between the live schema and the migrations' catalog, one line each.
pub async fn differences(migrator: &Migrator, backend: &Backend) -> Result<Vec<String>, String> {
    let differences = migrator
        .verify(backend.url())
        .await
        .map_err(crate::one_line)?;
    Ok(differences.iter().map(crate::one_line).collect())
}
