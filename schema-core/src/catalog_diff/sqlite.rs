//! SQLite on common ground with the fold: what `introspect_sqlite` cannot know, or names
//! differently, is taken out of both sides before `diff`, so that a freshly migrated database
//! verifies clean while a column, index, type or nullability that changed is still found.
//!
//! - One schema: SQLite's `main` is the fold's `public` (SQLite has no other).
//! - Key indexes: SQLite names the index behind a `PRIMARY KEY` or `UNIQUE` constraint
//!   `sqlite_autoindex_<table>_<n>` (and an `INTEGER PRIMARY KEY` has none); the fold uses
//!   PostgreSQL's names. Those indexes and constraints are compared by their columns, under
//!   the fold's names; indexes made with `CREATE INDEX` keep their own names on both sides.
//! - CHECK constraints: no pragma lists them, so the fold's are not compared.
//! - Primary-key columns: SQLite lets them hold NULL unless declared `NOT NULL` (a
//!   long-standing quirk it keeps for compatibility), so their nullability is not compared;
//!   the key itself is.
//! - Sequences: SQLite has none (`AUTOINCREMENT` keeps its counter in `sqlite_sequence`).
//! - Types: SQLite keeps the declared type as written; both sides go through the same
//!   spelling (`varchar(40)` and `character varying(40)` are one type).

use crate::catalog::{Catalog, KeyConstraint, QualifiedName, Table};

/// `expected` (the fold's catalog) and `live` (`introspect_sqlite`), made comparable.
pub fn comparable(expected: &Catalog, live: &Catalog) -> (Catalog, Catalog) {
    let mut expected = expected.clone();
    let mut live = into_public(live);
    expected.sequences.clear();
    live.sequences.clear();
    for table in expected.tables.values_mut() {
        table.checks.clear();
        for column in &mut table.columns {
            column.data_type = crate::pgtype::normalize(&column.data_type).name;
        }
    }
    for table in live.tables.values_mut() {
        for column in &mut table.columns {
            column.data_type = crate::pgtype::normalize(&column.data_type).name;
        }
        if let Some(fold_table) = expected.tables.get(&table.qualified()) {
            adopt_key_names(table, fold_table);
        }
    }
    for table in expected.tables.values_mut() {
        // An `INTEGER PRIMARY KEY` is the rowid: SQLite has no index for it to report.
        if let Some(primary) = &table.primary_key
            && !live
                .tables
                .get(&table.qualified())
                .is_some_and(|live_table| live_table.indexes.iter().any(|index| index.primary))
        {
            let name = primary.name.clone();
            table
                .indexes
                .retain(|index| !(index.primary && index.name == name));
        }
    }
    for catalog in [&mut expected, &mut live] {
        for table in catalog.tables.values_mut() {
            let key_columns = table
                .primary_key
                .as_ref()
                .map(|key| key.columns.clone())
                .unwrap_or_default();
            for column in &mut table.columns {
                if key_columns.contains(&column.name) {
                    column.not_null = true;
                }
            }
        }
    }
    expected.rebuild_index_owners();
    live.rebuild_index_owners();
    (expected, live)
}

/// Every object of `live` moved from `main` to `public`.
fn into_public(live: &Catalog) -> Catalog {
    let mut moved = live.clone();
    moved.schemas = vec!["public".to_owned()];
    moved.tables = live
        .tables
        .values()
        .map(|table| {
            let mut table = table.clone();
            table.schema = "public".to_owned();
            for foreign_key in &mut table.foreign_keys {
                foreign_key.ref_schema = public_if_main(&foreign_key.ref_schema);
            }
            (table.qualified(), table)
        })
        .collect();
    moved.views = live
        .views
        .values()
        .map(|view| {
            let mut view = view.clone();
            view.schema = public_if_main(&view.schema);
            (QualifiedName::new(&view.schema, &view.name), view)
        })
        .collect();
    for trigger in &mut moved.triggers {
        trigger.schema = public_if_main(&trigger.schema);
    }
    moved
}

fn public_if_main(schema: &str) -> String {
    if schema == "main" {
        "public".to_owned()
    } else {
        schema.to_owned()
    }
}

/// The live table's key constraints and the indexes behind them, renamed after the fold's
/// constraint on the same columns.
fn adopt_key_names(live: &mut Table, fold: &Table) {
    let mut renamed: Vec<(String, String)> = Vec::new();
    if let (Some(live_key), Some(fold_key)) = (&mut live.primary_key, &fold.primary_key)
        && live_key.columns == fold_key.columns
    {
        renamed.push((live_key.name.clone(), fold_key.name.clone()));
        live_key.name = fold_key.name.clone();
    }
    for live_key in &mut live.unique {
        if let Some(fold_key) = same_columns(&fold.unique, live_key) {
            renamed.push((live_key.name.clone(), fold_key.name.clone()));
            live_key.name = fold_key.name.clone();
        }
    }
    for index in &mut live.indexes {
        if let Some((_, name)) = renamed.iter().find(|(from, _)| *from == index.name) {
            index.name = name.clone();
            if index.constraint.is_some() {
                index.constraint = Some(name.clone());
            }
        }
    }
}

fn same_columns<'a>(keys: &'a [KeyConstraint], key: &KeyConstraint) -> Option<&'a KeyConstraint> {
    keys.iter()
        .find(|candidate| candidate.columns == key.columns)
}
