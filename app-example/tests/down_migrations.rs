//! Every migration of the example has a `.down.sql` that really undoes it: on both backends,
//! reverting to version 0 after migrating leaves nothing but the runner's history table, and
//! the migrations then apply again.

#[path = "../../tests/tests/support/mod.rs"]
mod support;

use schema_core::catalog::Catalog;
use schema_core::catalog_diff::MIGRATION_TOOL_TABLES;
use schema_core::runner::Migrator;
use sqlx::Connection;
use std::path::Path;
use support::pg::TestDatabase;

fn migrator(backend: &str) -> Migrator {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    Migrator::from_dir(&dir).expect("the migrations load")
}

/// What is left of the schema, apart from the migration tools' own tables.
fn leftovers(catalog: &Catalog) -> Vec<String> {
    let tables = catalog
        .tables
        .values()
        .filter(|t| !MIGRATION_TOOL_TABLES.contains(&t.name.as_str()))
        .map(|t| format!("table {}", t.name));
    let sequences = catalog
        .sequences
        .keys()
        .map(|s| format!("sequence {}", s.display()));
    let functions = catalog
        .functions
        .iter()
        .map(|f| format!("function {}", f.name));
    tables.chain(sequences).chain(functions).collect()
}

async fn round_trip(m: &Migrator, url: &str) {
    let applied = m.run(url).await.expect("migrates up").applied;
    assert_eq!(applied, [29, 30, 31]);
    let reverted = m.revert_to(url, 0).await.expect("reverts").reverted;
    assert_eq!(reverted, [31, 30, 29]);
    assert_eq!(m.pending(url).await.expect("status reads"), [29, 30, 31]);
}

#[tokio::test]
async fn postgres_down_migrations_undo_everything() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let m = migrator("postgres");
    round_trip(&m, &db.url).await;
    let mut conn = db.connect().await;
    let live = schema_core::introspect::introspect_postgres(&mut conn, &[])
        .await
        .expect("introspects");
    conn.close().await.expect("connection closes");
    assert_eq!(leftovers(&live), Vec::<String>::new());
    assert_eq!(
        m.run(&db.url)
            .await
            .expect("migrates up again")
            .applied
            .len(),
        3
    );
    db.close().await;
}

#[tokio::test]
async fn sqlite_down_migrations_undo_everything() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let url = format!("sqlite:{}", dir.path().join("app.db").display());
    let m = migrator("sqlite");
    round_trip(&m, &url).await;
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connects");
    let live = schema_core::introspect::introspect_sqlite(&mut conn)
        .await
        .expect("introspects");
    conn.close().await.expect("connection closes");
    assert_eq!(leftovers(&live), Vec::<String>::new());
    assert_eq!(
        m.run(&url).await.expect("migrates up again").applied.len(),
        3
    );
}
