//! `introspect_sqlite` reads an in-memory SQLite database into our `Catalog` model.

use schema_core::catalog::QualifiedName;
use schema_core::catalog_diff::diff;
use schema_core::introspect::introspect_sqlite;
use sqlx::{Connection, SqliteConnection};

#[tokio::test]
async fn introspection_reads_tables_keys_indexes_views_and_triggers() {
    let mut conn = SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("in-memory SQLite opens");
    sqlx::raw_sql(
        "CREATE TABLE accounts (
             id INTEGER PRIMARY KEY,
             code TEXT NOT NULL UNIQUE,
             cents INTEGER DEFAULT -1,
             euros REAL GENERATED ALWAYS AS (cents / 100.0) STORED
         );
         CREATE TABLE invoices (
             id INTEGER NOT NULL,
             line INTEGER NOT NULL,
             account_id INTEGER REFERENCES accounts ON DELETE SET NULL,
             note TEXT,
             PRIMARY KEY (id, line)
         );
         CREATE INDEX invoices_note_lower ON invoices (lower(note), line) WHERE note IS NOT NULL;
         CREATE VIEW big_invoices AS SELECT id, line FROM invoices WHERE id > 100;
         CREATE TRIGGER invoices_touch AFTER UPDATE ON invoices BEGIN SELECT 1; END;",
    )
    .execute(&mut conn)
    .await
    .expect("fixture schema applies");
    let catalog = introspect_sqlite(&mut conn)
        .await
        .expect("introspection succeeds");

    assert_eq!(catalog.schemas, ["main"]);
    let accounts = &catalog.tables[&QualifiedName::new("main", "accounts")];
    let columns: Vec<(&str, &str, bool, Option<&str>)> = accounts
        .columns
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.data_type.as_str(),
                c.not_null,
                c.default.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        columns,
        [
            ("id", "integer", false, None),
            ("code", "text", true, None),
            ("cents", "integer", false, Some("-1")),
            ("euros", "real", false, None),
        ]
    );
    assert!(
        accounts
            .column("euros")
            .is_some_and(|c| c.generated.is_some())
    );
    let primary_key = accounts.primary_key.as_ref().expect("primary key");
    assert_eq!(
        (primary_key.name.as_str(), primary_key.columns.as_slice()),
        ("accounts_pkey", ["id".to_owned()].as_slice())
    );
    assert_eq!(accounts.unique.len(), 1);
    assert_eq!(accounts.unique[0].columns, ["code"]);

    let invoices = &catalog.tables[&QualifiedName::new("main", "invoices")];
    assert_eq!(
        invoices.primary_key.as_ref().map(|key| key.columns.clone()),
        Some(vec!["id".to_owned(), "line".to_owned()])
    );
    let foreign_key = &invoices.foreign_keys[0];
    assert_eq!(foreign_key.name, "invoices_account_id_fkey");
    assert_eq!(foreign_key.ref_table, "accounts");
    assert_eq!(foreign_key.ref_columns, ["id"]);
    assert_eq!(
        (
            foreign_key.on_delete.as_str(),
            foreign_key.on_update.as_str()
        ),
        ("set null", "no action")
    );
    let lower = invoices
        .indexes
        .iter()
        .find(|index| index.name == "invoices_note_lower")
        .expect("expression index");
    assert_eq!(lower.columns, ["lower(note)", "line"]);
    assert!(lower.has_expressions && !lower.unique && !lower.primary);
    assert_eq!(lower.predicate.as_deref(), Some("note IS NOT NULL"));
    assert!(invoices.indexes.iter().any(|index| index.primary));

    let view = &catalog.views[&QualifiedName::new("main", "big_invoices")];
    assert_eq!(view.columns, ["id", "line"]);
    assert_eq!(catalog.triggers.len(), 1);
    assert_eq!(
        (
            catalog.triggers[0].table.as_str(),
            catalog.triggers[0].name.as_str()
        ),
        ("invoices", "invoices_touch")
    );
    assert!(diff(&catalog, &catalog).is_empty());
}
