//! SQLite: read `sqlite_schema` and the table-valued pragmas into a `Catalog`.
//!
//! Everything lives in schema `main`. SQLite keeps less than PostgreSQL, so some fields are
//! filled the way PostgreSQL would have them or left empty, and each such choice is said where
//! it is made: foreign keys get PostgreSQL's default names (`<table>_<columns>_fkey`, SQLite
//! reports none), key constraints are named after the index behind them (an `INTEGER PRIMARY
//! KEY`, which has none, gets PostgreSQL's `<table>_pkey`), checks are not
//! reported (no pragma lists them), and index methods are `btree`. Index expressions and
//! predicates are read from the `CREATE INDEX` text that SQLite keeps.

use crate::catalog::{
    Catalog, Column, ForeignKey, Index, KeyConstraint, QualifiedName, Site, Table, Trigger, View,
};
use sqlx::{Row, SqliteConnection};

/// The only schema this introspection reads (attached databases are not).
const SCHEMA: &str = "main";

/// Reads the catalog of the `main` database behind `conn`.
pub async fn introspect_sqlite(conn: &mut SqliteConnection) -> Result<Catalog, sqlx::Error> {
    let mut catalog = Catalog {
        schemas: vec![SCHEMA.to_owned()],
        ..Catalog::default()
    };
    let objects = sqlx::query(
        "SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema \
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )
    .fetch_all(&mut *conn)
    .await?;
    for object in &objects {
        let kind: String = object.try_get("type")?;
        let name: String = object.try_get("name")?;
        match kind.as_str() {
            "table" => {
                let table = read_table(conn, &name).await?;
                catalog.tables.insert(table.qualified(), table);
            }
            "view" => {
                let columns = read_columns(conn, &name).await?;
                catalog.views.insert(
                    QualifiedName::new(SCHEMA, name.clone()),
                    View {
                        schema: SCHEMA.to_owned(),
                        name,
                        materialized: false,
                        columns: columns.into_iter().map(|column| column.name).collect(),
                        depends_on: Vec::new(),
                        created: Site::default(),
                    },
                );
            }
            "trigger" => catalog.triggers.push(Trigger {
                schema: SCHEMA.to_owned(),
                table: object.try_get("tbl_name")?,
                name,
                // A SQLite trigger's body is inline SQL, not a function.
                function: String::new(),
                created: Site::default(),
            }),
            _ => {}
        }
    }
    // Indexes need every table read first: an index's text is in `sqlite_schema` too.
    for object in &objects {
        if object.try_get::<String, _>("type")? != "index" {
            continue;
        }
        let table_name: String = object.try_get("tbl_name")?;
        let sql: String = object.try_get("sql")?;
        let name: String = object.try_get("name")?;
        if let Some(table) = catalog
            .tables
            .get_mut(&QualifiedName::new(SCHEMA, table_name))
            && let Some(index) = table.indexes.iter_mut().find(|index| index.name == name)
        {
            apply_index_text(index, &sql);
        }
    }
    catalog.rebuild_index_owners();
    Ok(catalog)
}

async fn read_table(conn: &mut SqliteConnection, name: &str) -> Result<Table, sqlx::Error> {
    let mut table = Table::new(&QualifiedName::new(SCHEMA, name), Site::default());
    let mut primary_key: Vec<(i64, String)> = Vec::new();
    for row in sqlx::query(
        "SELECT name, type, \"notnull\" AS not_null, dflt_value, pk, hidden \
         FROM pragma_table_xinfo(?1) ORDER BY cid",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?
    {
        let column_name: String = row.try_get("name")?;
        let position: i64 = row.try_get("pk")?;
        if position > 0 {
            primary_key.push((position, column_name.clone()));
        }
        let hidden: i64 = row.try_get("hidden")?;
        table.columns.push(Column {
            name: column_name,
            data_type: row.try_get::<String, _>("type")?.to_lowercase(),
            not_null: row.try_get::<i64, _>("not_null")? != 0,
            default: row.try_get("dflt_value")?,
            identity: None,
            // 2 and 3 are generated columns; no pragma gives their expression.
            generated: matches!(hidden, 2 | 3).then(String::new),
            comment: None,
            added: Site::default(),
        });
    }
    primary_key.sort();
    let primary_key_columns: Vec<String> =
        primary_key.into_iter().map(|(_, column)| column).collect();

    for row in sqlx::query(
        "SELECT name, \"unique\" AS is_unique, origin, partial FROM pragma_index_list(?1) \
         ORDER BY name",
    )
    .bind(name)
    .fetch_all(&mut *conn)
    .await?
    {
        let index_name: String = row.try_get("name")?;
        let origin: String = row.try_get("origin")?;
        let mut columns = Vec::new();
        let mut has_expressions = false;
        for key in
            sqlx::query("SELECT cid, name FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno")
                .bind(&index_name)
                .fetch_all(&mut *conn)
                .await?
        {
            let column: Option<String> = key.try_get("name")?;
            has_expressions |= key.try_get::<i64, _>("cid")? == -2;
            // Expression keys are filled in from the index's text later.
            columns.push(column.unwrap_or_default());
        }
        let constraint = (origin != "c").then(|| index_name.clone());
        if origin == "u" {
            table.unique.push(KeyConstraint {
                name: index_name.clone(),
                columns: columns.clone(),
            });
        }
        table.indexes.push(Index {
            name: index_name,
            columns,
            unique: row.try_get::<i64, _>("is_unique")? != 0,
            primary: origin == "pk",
            method: "btree".to_owned(),
            // Partial indexes get their predicate from the index's text later.
            predicate: None,
            has_expressions,
            constraint,
            created: Site::default(),
        });
    }
    if !primary_key_columns.is_empty() {
        // An `INTEGER PRIMARY KEY` is the rowid and has no index, hence no name of its own.
        let index_name = table
            .indexes
            .iter()
            .find(|index| index.primary)
            .map(|index| index.name.clone());
        table.primary_key = Some(KeyConstraint {
            name: index_name.unwrap_or_else(|| format!("{name}_pkey")),
            columns: primary_key_columns,
        });
    }
    table.foreign_keys = read_foreign_keys(conn, name).await?;
    Ok(table)
}

async fn read_columns(conn: &mut SqliteConnection, name: &str) -> Result<Vec<Column>, sqlx::Error> {
    let mut columns = Vec::new();
    for row in sqlx::query("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")
        .bind(name)
        .fetch_all(&mut *conn)
        .await?
    {
        columns.push(Column {
            name: row.try_get("name")?,
            data_type: row.try_get::<String, _>("type")?.to_lowercase(),
            not_null: false,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            added: Site::default(),
        });
    }
    Ok(columns)
}

async fn read_foreign_keys(
    conn: &mut SqliteConnection,
    table: &str,
) -> Result<Vec<ForeignKey>, sqlx::Error> {
    let mut foreign_keys: Vec<(i64, ForeignKey)> = Vec::new();
    for row in sqlx::query(
        "SELECT id, \"table\" AS ref_table, \"from\" AS from_column, \"to\" AS to_column, \
                on_update, on_delete \
         FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )
    .bind(table)
    .fetch_all(&mut *conn)
    .await?
    {
        let id: i64 = row.try_get("id")?;
        let from_column: String = row.try_get("from_column")?;
        let to_column: Option<String> = row.try_get("to_column")?;
        if foreign_keys.last().is_none_or(|(last, _)| *last != id) {
            foreign_keys.push((
                id,
                ForeignKey {
                    name: String::new(),
                    columns: Vec::new(),
                    ref_schema: SCHEMA.to_owned(),
                    ref_table: row.try_get("ref_table")?,
                    ref_columns: Vec::new(),
                    on_delete: row.try_get::<String, _>("on_delete")?.to_lowercase(),
                    on_update: row.try_get::<String, _>("on_update")?.to_lowercase(),
                    added: Site::default(),
                },
            ));
        }
        if let Some((_, key)) = foreign_keys.last_mut() {
            key.columns.push(from_column);
            key.ref_columns.extend(to_column);
        }
    }
    let mut keys = Vec::new();
    for (_, mut key) in foreign_keys {
        // `REFERENCES t` without columns means t's primary key.
        if key.ref_columns.is_empty() {
            key.ref_columns = primary_key_columns(conn, &key.ref_table).await?;
        }
        key.name = format!("{table}_{}_fkey", key.columns.join("_"));
        keys.push(key);
    }
    keys.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(keys)
}

async fn primary_key_columns(
    conn: &mut SqliteConnection,
    table: &str,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")
        .bind(table)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.try_get("name"))
        .collect()
}

/// Fills an index's expression keys and predicate from its `CREATE INDEX ... ON t (keys)
/// [WHERE predicate]` text.
fn apply_index_text(index: &mut Index, sql: &str) {
    let Some((keys, predicate)) = split_index_text(sql) else {
        return;
    };
    if keys.len() == index.columns.len() {
        for (column, key) in index.columns.iter_mut().zip(keys) {
            if column.is_empty() {
                *column = key;
            }
        }
    }
    index.predicate = predicate;
}

/// The key list and the predicate of a `CREATE INDEX` statement's text.
fn split_index_text(sql: &str) -> Option<(Vec<String>, Option<String>)> {
    let open = sql.find('(')?;
    let mut depth = 0usize;
    let mut keys = Vec::new();
    let mut key = String::new();
    let mut in_quote: Option<char> = None;
    for (offset, c) in sql[open..].char_indices() {
        if let Some(quote) = in_quote {
            key.push(c);
            if c == quote {
                in_quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' | '`' => {
                in_quote = Some(c);
                key.push(c);
            }
            '(' => {
                if depth > 0 {
                    key.push(c);
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    keys.push(key.trim().to_owned());
                    let rest = sql[open + offset + 1..].trim();
                    let predicate = rest
                        .get(..5)
                        .filter(|word| word.eq_ignore_ascii_case("where"))
                        .map(|_| rest[5..].trim().to_owned());
                    return Some((keys, predicate));
                }
                key.push(c);
            }
            ',' if depth == 1 => keys.push(std::mem::take(&mut key).trim().to_owned()),
            c => key.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_text_gives_keys_and_predicate() {
        assert_eq!(
            split_index_text("CREATE INDEX i ON t (lower(name), \"a,b\") WHERE name IS NOT NULL"),
            Some((
                vec!["lower(name)".to_owned(), "\"a,b\"".to_owned()],
                Some("name IS NOT NULL".to_owned())
            ))
        );
        assert_eq!(
            split_index_text("CREATE UNIQUE INDEX i ON t(a)"),
            Some((vec!["a".to_owned()], None))
        );
    }
}
