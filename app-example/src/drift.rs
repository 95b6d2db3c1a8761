//! Does the live schema still match the migrations? After migrating, the app compares the
//! database with the catalog the migrations fold into and refuses to work on a drifted one.

use crate::settings::Backend;
use schema_core::catalog::{Catalog, Column, Table};
use schema_core::catalog_diff::MIGRATION_TOOL_TABLES;
use schema_core::runner::Migrator;

/// Every difference between the live schema and the migrations' catalog, one line each.
pub async fn differences(migrator: &Migrator, backend: &Backend) -> Result<Vec<String>, String> {
    match backend {
        Backend::Postgres { url } => {
            let differences = migrator.verify(url).await.map_err(crate::one_line)?;
            Ok(differences.iter().map(crate::one_line).collect())
        }
        Backend::Sqlite { url } => sqlite_differences(migrator.catalog(), url)
            .await
            .map_err(crate::one_line),
    }
}

/// `Migrator::verify` on SQLite reports spurious differences: SQLite introspection names the
/// schema `main` where the fold says `public`, names key indexes `sqlite_autoindex_*` where
/// the fold uses PostgreSQL's names, and cannot list CHECK constraints. So on SQLite the app
/// checks what both sides know exactly: the tables, and each column's name, type and
/// nullability.
async fn sqlite_differences(expected: &Catalog, url: &str) -> Result<Vec<String>, sqlx::Error> {
    use sqlx::Connection;
    let mut conn = sqlx::SqliteConnection::connect(url).await?;
    let live = schema_core::introspect::introspect_sqlite(&mut conn).await?;
    let _ = conn.close().await;
    Ok(table_and_column_differences(expected, &live))
}

fn table_and_column_differences(expected: &Catalog, live: &Catalog) -> Vec<String> {
    let live_tables: Vec<&Table> = live
        .tables
        .values()
        .filter(|t| !MIGRATION_TOOL_TABLES.contains(&t.name.as_str()))
        .collect();
    let mut differences = Vec::new();
    for table in expected.tables.values() {
        let Some(live_table) = live_tables.iter().find(|t| t.name == table.name) else {
            differences.push(format!("table `{}` missing", table.name));
            continue;
        };
        for column in &table.columns {
            match live_table.columns.iter().find(|c| c.name == column.name) {
                None => differences.push(format!(
                    "table `{}`: column `{}` missing",
                    table.name, column.name
                )),
                Some(live_column) => {
                    if !live_column
                        .data_type
                        .eq_ignore_ascii_case(&column.data_type)
                        || live_column.not_null != column.not_null
                    {
                        differences.push(format!(
                            "table `{}`: column `{}` is `{}{}`, expected `{}{}`",
                            table.name,
                            column.name,
                            live_column.data_type,
                            not_null(live_column),
                            column.data_type,
                            not_null(column)
                        ));
                    }
                }
            }
        }
        for live_column in &live_table.columns {
            if !table.columns.iter().any(|c| c.name == live_column.name) {
                differences.push(format!(
                    "table `{}`: column `{}` exists but is not expected",
                    table.name, live_column.name
                ));
            }
        }
    }
    for live_table in live_tables {
        if !expected.tables.values().any(|t| t.name == live_table.name) {
            differences.push(format!(
                "table `{}` exists but is not expected",
                live_table.name
            ));
        }
    }
    differences
}

fn not_null(column: &Column) -> &'static str {
    if column.not_null { " NOT NULL" } else { "" }
}
