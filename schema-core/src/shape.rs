//! Do a PostgreSQL history and a SQLite history build the same tables? Pure: two catalogs in,
//! one message per difference out. `migrations!(..., same_tables_as = "...")` turns each
//! message into a compile error, so an app that ships both backends cannot let them drift.
//!
//! Compared: the set of tables (by schema-qualified name), each table's column names, and each
//! column's nullability. Column order, defaults, keys and indexes are not compared: the two
//! dialects spell them differently on purpose.
//!
//! Types are compared through SQLite's storage classes, since a SQLite column holds whatever
//! its affinity allows. The SQLite column's affinity follows SQLite's own rules on its declared
//! type (`INT` anywhere → INTEGER; `CHAR`, `CLOB`, `TEXT` → TEXT; `BLOB` or none → BLOB;
//! `REAL`, `FLOA`, `DOUB` → REAL; anything else → NUMERIC). The PostgreSQL type must map to one
//! of the affinities listed in [`expected_affinities`]:
//!
//! | PostgreSQL | SQLite affinity |
//! |---|---|
//! | `smallint`, `integer`, `bigint` | INTEGER |
//! | `boolean` | INTEGER or NUMERIC (`BOOLEAN`) |
//! | `real`, `double precision` | REAL |
//! | `numeric` | NUMERIC, REAL or TEXT |
//! | `bytea` | BLOB |
//! | `text`, `character varying`, `character`, `uuid`, `json`, `jsonb`, timestamps, `date`, `time`, `interval`, enums, arrays, anything else | TEXT |

use crate::catalog::{Catalog, Column, Table};

/// SQLite's column affinities (<https://www.sqlite.org/datatype3.html#type_affinity>).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Affinity {
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

impl Affinity {
    fn as_str(self) -> &'static str {
        match self {
            Affinity::Integer => "INTEGER",
            Affinity::Text => "TEXT",
            Affinity::Blob => "BLOB",
            Affinity::Real => "REAL",
            Affinity::Numeric => "NUMERIC",
        }
    }
}

/// Every way the SQLite catalog's tables and columns differ from the PostgreSQL one's, one
/// lower-case message per difference, in the PostgreSQL catalog's order.
pub fn compare(postgres: &Catalog, sqlite: &Catalog) -> Vec<String> {
    let mut differences = Vec::new();
    for (key, pg_table) in &postgres.tables {
        let name = key.display();
        match sqlite.tables.get(key) {
            None => differences.push(format!(
                "table `{name}` exists in the PostgreSQL migrations but not in the SQLite ones"
            )),
            Some(sqlite_table) => compare_tables(&name, pg_table, sqlite_table, &mut differences),
        }
    }
    for key in sqlite.tables.keys() {
        if !postgres.tables.contains_key(key) {
            differences.push(format!(
                "table `{}` exists in the SQLite migrations but not in the PostgreSQL ones",
                key.display()
            ));
        }
    }
    differences
}

fn compare_tables(name: &str, postgres: &Table, sqlite: &Table, differences: &mut Vec<String>) {
    for pg_column in &postgres.columns {
        let Some(sqlite_column) = sqlite.columns.iter().find(|c| c.name == pg_column.name) else {
            differences.push(format!(
                "column `{name}.{}` exists in the PostgreSQL migrations but not in the SQLite ones",
                pg_column.name
            ));
            continue;
        };
        compare_columns(name, pg_column, sqlite_column, differences);
    }
    for sqlite_column in &sqlite.columns {
        if !postgres
            .columns
            .iter()
            .any(|c| c.name == sqlite_column.name)
        {
            differences.push(format!(
                "column `{name}.{}` exists in the SQLite migrations but not in the PostgreSQL ones",
                sqlite_column.name
            ));
        }
    }
}

fn compare_columns(table: &str, postgres: &Column, sqlite: &Column, differences: &mut Vec<String>) {
    let column = &postgres.name;
    if postgres.not_null != sqlite.not_null {
        let spell = |not_null: bool| if not_null { "NOT NULL" } else { "nullable" };
        differences.push(format!(
            "column `{table}.{column}` is {} in PostgreSQL but {} in SQLite",
            spell(postgres.not_null),
            spell(sqlite.not_null)
        ));
    }
    let expected = expected_affinities(&postgres.data_type);
    let actual = affinity(&sqlite.data_type);
    if !expected.contains(&actual) {
        let names: Vec<&str> = expected.iter().map(|a| a.as_str()).collect();
        differences.push(format!(
            "column `{table}.{column}` is `{}` in PostgreSQL, which SQLite stores as {}, but its \
             SQLite type `{}` has {} affinity",
            postgres.data_type,
            names.join(" or "),
            sqlite.data_type,
            actual.as_str()
        ));
    }
}

/// SQLite's affinity rules, in SQLite's order, on a declared type name.
pub fn affinity(declared_type: &str) -> Affinity {
    let upper = declared_type.to_ascii_uppercase();
    if upper.contains("INT") {
        Affinity::Integer
    } else if ["CHAR", "CLOB", "TEXT"].iter().any(|s| upper.contains(s)) {
        Affinity::Text
    } else if upper.contains("BLOB") || upper.trim().is_empty() {
        Affinity::Blob
    } else if ["REAL", "FLOA", "DOUB"].iter().any(|s| upper.contains(s)) {
        Affinity::Real
    } else {
        Affinity::Numeric
    }
}

/// The SQLite affinities that hold a PostgreSQL type's values (the table in the module docs).
pub fn expected_affinities(postgres_type: &str) -> &'static [Affinity] {
    if postgres_type.ends_with("[]") {
        return &[Affinity::Text];
    }
    let base = postgres_type.split('(').next().unwrap_or_default().trim();
    match base {
        "smallint" | "integer" | "bigint" => &[Affinity::Integer],
        "boolean" => &[Affinity::Integer, Affinity::Numeric],
        "real" | "double precision" => &[Affinity::Real],
        "numeric" => &[Affinity::Numeric, Affinity::Real, Affinity::Text],
        "bytea" => &[Affinity::Blob],
        _ => &[Affinity::Text],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::QualifiedName;

    fn column(name: &str, data_type: &str, not_null: bool) -> Column {
        Column {
            name: name.into(),
            data_type: data_type.into(),
            not_null,
            default: None,
            identity: None,
            generated: None,
            comment: None,
            added: Default::default(),
        }
    }

    fn catalog(tables: &[(&str, Vec<Column>)]) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, columns) in tables {
            let key = QualifiedName::new("public", *name);
            let mut table = Table::new(&key, Default::default());
            table.columns = columns.clone();
            catalog.tables.insert(key, table);
        }
        catalog
    }

    #[test]
    fn affinity_follows_sqlites_rules() {
        assert_eq!(affinity("integer"), Affinity::Integer);
        assert_eq!(affinity("BIGINT"), Affinity::Integer);
        assert_eq!(affinity("character varying(50)"), Affinity::Text);
        assert_eq!(affinity("text"), Affinity::Text);
        assert_eq!(affinity("blob"), Affinity::Blob);
        assert_eq!(affinity(""), Affinity::Blob);
        assert_eq!(affinity("double precision"), Affinity::Real);
        assert_eq!(affinity("boolean"), Affinity::Numeric);
        // SQLite's own quirk: "point" contains "INT".
        assert_eq!(affinity("floating point"), Affinity::Integer);
    }

    #[test]
    fn matching_catalogs_have_no_differences() {
        let pg = catalog(&[(
            "tickets",
            vec![
                column("id", "bigint", true),
                column("title", "text", true),
                column("done", "boolean", true),
                column("created_at", "timestamp with time zone", true),
                column("note", "character varying(50)", false),
            ],
        )]);
        let sqlite = catalog(&[(
            "tickets",
            vec![
                column("id", "integer", true),
                column("title", "text", true),
                column("done", "boolean", true),
                column("created_at", "text", true),
                column("note", "text", false),
            ],
        )]);
        assert_eq!(compare(&pg, &sqlite), Vec::<String>::new());
    }

    #[test]
    fn each_difference_is_one_message() {
        let pg = catalog(&[
            (
                "tickets",
                vec![
                    column("id", "bigint", true),
                    column("title", "text", true),
                    column("priority", "smallint", true),
                ],
            ),
            ("users", vec![column("id", "bigint", true)]),
        ]);
        let sqlite = catalog(&[
            (
                "tickets",
                vec![
                    column("id", "text", true),
                    column("title", "text", false),
                    column("extra", "text", false),
                ],
            ),
            ("audit", vec![column("id", "integer", true)]),
        ]);
        assert_eq!(
            compare(&pg, &sqlite),
            [
                "column `tickets.id` is `bigint` in PostgreSQL, which SQLite stores as INTEGER, \
                 but its SQLite type `text` has TEXT affinity",
                "column `tickets.title` is NOT NULL in PostgreSQL but nullable in SQLite",
                "column `tickets.priority` exists in the PostgreSQL migrations but not in the \
                 SQLite ones",
                "column `tickets.extra` exists in the SQLite migrations but not in the PostgreSQL \
                 ones",
                "table `users` exists in the PostgreSQL migrations but not in the SQLite ones",
                "table `audit` exists in the SQLite migrations but not in the PostgreSQL ones",
            ]
        );
    }
}
