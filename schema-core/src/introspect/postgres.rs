//! PostgreSQL: read `pg_catalog` into a `Catalog`, spelled the way the fold spells it
//! (`format_type` types, `pg_get_expr` defaults, PostgreSQL's default constraint names).
//!
//! A dozen bulk queries, one per kind of object, each filtered to the selected schemas and
//! grouped by relation in Rust: the cost does not grow with the number of tables. Objects that
//! belong to an extension (`pg_depend.deptype = 'e'`) are left out, because no migration
//! created them one by one.

use crate::catalog::{
    Catalog, Check, Column, EnumType, ForeignKey, Function, Index, KeyConstraint, QualifiedName,
    Sequence, Site, Table, Trigger, View,
};
use sqlx::postgres::PgRow;
use sqlx::{PgConnection, Row};
use std::collections::HashMap;

/// Reads the catalog of `schemas` (every schema but `pg_*` and `information_schema` when
/// empty) from the database behind `conn`. Extensions are listed whatever their schema,
/// `plpgsql` excepted (every database has it).
pub async fn introspect_postgres(
    conn: &mut PgConnection,
    schemas: &[&str],
) -> Result<Catalog, sqlx::Error> {
    let selected_schemas = select_schemas(conn, schemas).await?;
    let mut catalog = Catalog {
        schemas: selected_schemas.clone(),
        ..Catalog::default()
    };
    catalog.extensions = sqlx::query(EXTENSIONS)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.try_get("name"))
        .collect::<Result<_, _>>()?;

    let columns_by_relation = read_columns(conn, &selected_schemas).await?;
    let table_names =
        read_tables(conn, &selected_schemas, &columns_by_relation, &mut catalog).await?;
    read_constraints(conn, &selected_schemas, &table_names, &mut catalog).await?;
    read_indexes(conn, &selected_schemas, &table_names, &mut catalog).await?;
    read_enums(conn, &selected_schemas, &mut catalog).await?;
    read_other_types(conn, &selected_schemas, &mut catalog).await?;
    read_views(conn, &selected_schemas, &columns_by_relation, &mut catalog).await?;
    read_sequences(conn, &selected_schemas, &mut catalog).await?;
    read_functions(conn, &selected_schemas, &mut catalog).await?;
    read_triggers(conn, &selected_schemas, &mut catalog).await?;
    catalog.rebuild_index_owners();
    Ok(catalog)
}

/// SQL that holds for an object (`$oid` in system catalog `$catalog`) that an extension owns;
/// `NOT` it keeps what the migrations made.
macro_rules! extension_member {
    ($catalog:literal, $oid:literal) => {
        concat!(
            "EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '",
            $catalog,
            "'::regclass AND e.objid = ",
            $oid,
            " AND e.deptype = 'e')"
        )
    };
}

const USER_SCHEMAS: &str = concat!(
    "SELECT n.nspname::text AS name FROM pg_namespace n \
     WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND NOT ",
    extension_member!("pg_namespace", "n.oid"),
    " ORDER BY n.nspname"
);

/// `plpgsql` is installed in every database; it is not something a migration added.
const EXTENSIONS: &str =
    "SELECT e.extname::text AS name FROM pg_extension e WHERE e.extname <> 'plpgsql' ORDER BY 1";

const TABLES: &str = concat!(
    "SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name, \
            obj_description(c.oid, 'pg_class') AS comment \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind IN ('r', 'p') AND n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

/// Columns of tables, views and materialized views, in `attnum` order.
const COLUMNS: &str = "\
    SELECT a.attrelid::int8 AS relation, a.attname::text AS name, \
           format_type(a.atttypid, a.atttypmod) AS data_type, a.attnotnull AS not_null, \
           pg_get_expr(d.adbin, d.adrelid) AS default_expr, a.attidentity::text AS identity, \
           a.attgenerated::text AS generated, col_description(a.attrelid, a.attnum) AS comment \
    FROM pg_attribute a \
    JOIN pg_class c ON c.oid = a.attrelid \
    JOIN pg_namespace n ON n.oid = c.relnamespace \
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
    WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname::text = ANY($1::text[]) \
      AND a.attnum > 0 AND NOT a.attisdropped \
    ORDER BY a.attrelid, a.attnum";

/// Key columns in the constraint's order (`conkey`/`confkey` are ordered, not sorted).
const CONSTRAINTS: &str = "\
    SELECT con.conrelid::int8 AS relation, con.conname::text AS name, con.contype::text AS kind, \
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) \
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num \
                 ORDER BY k.ord) AS columns, \
           rn.nspname::text AS ref_schema, rc.relname::text AS ref_table, \
           ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) \
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num \
                 ORDER BY k.ord) AS ref_columns, \
           con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update, \
           pg_get_constraintdef(con.oid) AS definition \
    FROM pg_constraint con \
    JOIN pg_class c ON c.oid = con.conrelid \
    JOIN pg_namespace n ON n.oid = c.relnamespace \
    LEFT JOIN pg_class rc ON rc.oid = con.confrelid \
    LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
    WHERE c.relkind IN ('r', 'p') AND n.nspname::text = ANY($1::text[]) \
      AND con.contype IN ('p', 'u', 'f', 'c') \
    ORDER BY con.conrelid, con.conname";

/// Every index of the table, key columns only (`INCLUDE` columns are not keys); an expression
/// key is its text as `pg_get_indexdef` prints it.
const INDEXES: &str = "\
    SELECT i.indrelid::int8 AS relation, ic.relname::text AS name, \
           ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 \
                             THEN pg_get_indexdef(i.indexrelid, k, true) \
                             ELSE (SELECT a.attname::text FROM pg_attribute a \
                                   WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) \
                        END \
                 FROM generate_series(1, i.indnkeyatts::int4) AS k ORDER BY k) AS columns, \
           i.indisunique AS is_unique, i.indisprimary AS is_primary, am.amname::text AS method, \
           pg_get_expr(i.indpred, i.indrelid) AS predicate, \
           i.indexprs IS NOT NULL AS has_expressions, \
           (SELECT con.conname::text FROM pg_constraint con \
            WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid \
              AND con.contype IN ('p', 'u', 'x') LIMIT 1) AS constraint_name \
    FROM pg_index i \
    JOIN pg_class ic ON ic.oid = i.indexrelid \
    JOIN pg_am am ON am.oid = ic.relam \
    JOIN pg_class c ON c.oid = i.indrelid \
    JOIN pg_namespace n ON n.oid = c.relnamespace \
    WHERE c.relkind IN ('r', 'p') AND n.nspname::text = ANY($1::text[]) \
    ORDER BY i.indrelid, ic.relname";

const ENUMS: &str = concat!(
    "SELECT n.nspname::text AS schema, t.typname::text AS name, \
            ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid \
                  ORDER BY e.enumsortorder) AS labels \
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
     WHERE t.typtype = 'e' AND n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_type", "t.oid"),
    " ORDER BY 1, 2"
);

/// Domains, stand-alone composite types and ranges (their multiranges and arrays are implied).
const OTHER_TYPES: &str = concat!(
    "SELECT n.nspname::text AS schema, t.typname::text AS name, \
            CASE t.typtype \
              WHEN 'd' THEN 'DOMAIN ' || format_type(t.typbasetype, t.typtypmod) \
              WHEN 'r' THEN 'RANGE (SUBTYPE = ' || \
                   (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r \
                    WHERE r.rngtypid = t.oid) || ')' \
              ELSE '(' || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || \
                                           format_type(a.atttypid, a.atttypmod), ', ' \
                                           ORDER BY a.attnum) \
                                    FROM pg_attribute a \
                                    WHERE a.attrelid = t.typrelid AND a.attnum > 0 \
                                      AND NOT a.attisdropped), '') || ')' \
            END AS definition \
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
     WHERE n.nspname::text = ANY($1::text[]) \
       AND (t.typtype IN ('d', 'r') \
            OR (t.typtype = 'c' AND \
                (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')) \
       AND NOT ",
    extension_member!("pg_type", "t.oid"),
    " ORDER BY 1, 2"
);

const VIEWS: &str = concat!(
    "SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name, \
            c.relkind = 'm' AS materialized \
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind IN ('v', 'm') AND n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

/// The relations a view's rewrite rule reads (the view itself excepted).
const VIEW_DEPENDENCIES: &str = "\
    SELECT DISTINCT r.ev_class::int8 AS view, rn.nspname::text AS schema, \
           rc.relname::text AS name \
    FROM pg_rewrite r \
    JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid \
                    AND d.refclassid = 'pg_class'::regclass \
    JOIN pg_class rc ON rc.oid = d.refobjid \
    JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
    WHERE d.refobjid <> r.ev_class AND rc.relkind IN ('r', 'p', 'v', 'm', 'f') \
    ORDER BY 1, 2, 3";

/// A sequence is owned by a column through an `a` (serial, `OWNED BY`) or `i` (identity)
/// dependency; PostgreSQL requires the owning table to be in the sequence's schema.
const SEQUENCES: &str = concat!(
    "SELECT n.nspname::text AS schema, c.relname::text AS name, \
            format_type(s.seqtypid, NULL) AS data_type, \
            (SELECT tc.relname::text || '.' || a.attname::text \
             FROM pg_depend d \
             JOIN pg_class tc ON tc.oid = d.refobjid \
             JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid \
             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
               AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 \
               AND d.deptype IN ('a', 'i') \
             LIMIT 1) AS owned_by \
     FROM pg_class c \
     JOIN pg_sequence s ON s.seqrelid = c.oid \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     WHERE c.relkind = 'S' AND n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_class", "c.oid"),
    " ORDER BY n.nspname, c.relname"
);

const FUNCTIONS: &str = concat!(
    "SELECT n.nspname::text AS schema, p.proname::text AS name, \
            pg_get_function_identity_arguments(p.oid) AS args, \
            pg_get_function_result(p.oid) AS returns, l.lanname::text AS language, \
            p.prosrc AS body \
     FROM pg_proc p \
     JOIN pg_namespace n ON n.oid = p.pronamespace \
     JOIN pg_language l ON l.oid = p.prolang \
     WHERE n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_proc", "p.oid"),
    " ORDER BY 1, 2, 3"
);

const TRIGGERS: &str = concat!(
    "SELECT n.nspname::text AS schema, c.relname::text AS table_name, t.tgname::text AS name, \
            pn.nspname::text AS function_schema, p.proname::text AS function_name \
     FROM pg_trigger t \
     JOIN pg_class c ON c.oid = t.tgrelid \
     JOIN pg_namespace n ON n.oid = c.relnamespace \
     JOIN pg_proc p ON p.oid = t.tgfoid \
     JOIN pg_namespace pn ON pn.oid = p.pronamespace \
     WHERE NOT t.tgisinternal AND n.nspname::text = ANY($1::text[]) AND NOT ",
    extension_member!("pg_class", "c.oid"),
    " ORDER BY 1, 2, 3"
);

/// The user schemas that exist, narrowed to `requested` when it names any.
async fn select_schemas(
    conn: &mut PgConnection,
    requested: &[&str],
) -> Result<Vec<String>, sqlx::Error> {
    let mut schemas = Vec::new();
    for row in sqlx::query(USER_SCHEMAS).fetch_all(&mut *conn).await? {
        let name: String = row.try_get("name")?;
        if requested.is_empty() || requested.contains(&name.as_str()) {
            schemas.push(name);
        }
    }
    Ok(schemas)
}

/// Runs one of the queries above, whose only parameter is the list of schemas.
async fn fetch_in_schemas(
    conn: &mut PgConnection,
    sql: &'static str,
    schemas: &[String],
) -> Result<Vec<PgRow>, sqlx::Error> {
    sqlx::query(sql).bind(schemas).fetch_all(&mut *conn).await
}

async fn read_columns(
    conn: &mut PgConnection,
    schemas: &[String],
) -> Result<HashMap<i64, Vec<Column>>, sqlx::Error> {
    let mut columns_by_relation: HashMap<i64, Vec<Column>> = HashMap::new();
    for row in fetch_in_schemas(conn, COLUMNS, schemas).await? {
        let relation: i64 = row.try_get("relation")?;
        let default_expr: Option<String> = row.try_get("default_expr")?;
        let identity: String = row.try_get("identity")?;
        // A stored generated column keeps its expression where a default would be.
        let is_generated = row.try_get::<String, _>("generated")? == "s";
        let (default, generated) = if is_generated {
            (None, default_expr)
        } else {
            (default_expr, None)
        };
        columns_by_relation
            .entry(relation)
            .or_default()
            .push(Column {
                name: row.try_get("name")?,
                data_type: row.try_get("data_type")?,
                not_null: row.try_get("not_null")?,
                default,
                identity: match identity.as_str() {
                    "a" => Some("always".to_owned()),
                    "d" => Some("by default".to_owned()),
                    _ => None,
                },
                generated,
                comment: row.try_get("comment")?,
                added: Site::default(),
            });
    }
    Ok(columns_by_relation)
}

/// Returns the tables' names by oid: constraints and indexes name their table that way.
async fn read_tables(
    conn: &mut PgConnection,
    schemas: &[String],
    columns_by_relation: &HashMap<i64, Vec<Column>>,
    catalog: &mut Catalog,
) -> Result<HashMap<i64, QualifiedName>, sqlx::Error> {
    let mut table_names = HashMap::new();
    for row in fetch_in_schemas(conn, TABLES, schemas).await? {
        let oid: i64 = row.try_get("oid")?;
        let name = QualifiedName::new(
            row.try_get::<String, _>("schema")?,
            row.try_get::<String, _>("name")?,
        );
        let mut table = Table::new(&name, Site::default());
        table.columns = columns_by_relation.get(&oid).cloned().unwrap_or_default();
        table.comment = row.try_get("comment")?;
        table_names.insert(oid, name.clone());
        catalog.tables.insert(name, table);
    }
    Ok(table_names)
}

async fn read_constraints(
    conn: &mut PgConnection,
    schemas: &[String],
    table_names: &HashMap<i64, QualifiedName>,
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, CONSTRAINTS, schemas).await? {
        let Some(table) = table_names
            .get(&row.try_get::<i64, _>("relation")?)
            .and_then(|name| catalog.tables.get_mut(name))
        else {
            continue;
        };
        let name: String = row.try_get("name")?;
        let columns: Vec<String> = row.try_get("columns")?;
        match row.try_get::<String, _>("kind")?.as_str() {
            "p" => table.primary_key = Some(KeyConstraint { name, columns }),
            "u" => table.unique.push(KeyConstraint { name, columns }),
            "f" => table.foreign_keys.push(ForeignKey {
                name,
                columns,
                ref_schema: row
                    .try_get::<Option<String>, _>("ref_schema")?
                    .unwrap_or_default(),
                ref_table: row
                    .try_get::<Option<String>, _>("ref_table")?
                    .unwrap_or_default(),
                ref_columns: row.try_get("ref_columns")?,
                on_delete: foreign_key_action(&row.try_get::<String, _>("on_delete")?).to_owned(),
                on_update: foreign_key_action(&row.try_get::<String, _>("on_update")?).to_owned(),
                added: Site::default(),
            }),
            _ => table.checks.push(Check {
                name,
                expression: row.try_get("definition")?,
            }),
        }
    }
    Ok(())
}

/// PostgreSQL's words for a `pg_constraint.confdeltype` / `confupdtype` code.
fn foreign_key_action(code: &str) -> &'static str {
    match code {
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => "no action",
    }
}

async fn read_indexes(
    conn: &mut PgConnection,
    schemas: &[String],
    table_names: &HashMap<i64, QualifiedName>,
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, INDEXES, schemas).await? {
        let Some(table) = table_names
            .get(&row.try_get::<i64, _>("relation")?)
            .and_then(|name| catalog.tables.get_mut(name))
        else {
            continue;
        };
        table.indexes.push(Index {
            name: row.try_get("name")?,
            columns: row.try_get("columns")?,
            unique: row.try_get("is_unique")?,
            primary: row.try_get("is_primary")?,
            method: row.try_get("method")?,
            predicate: row.try_get("predicate")?,
            has_expressions: row.try_get("has_expressions")?,
            constraint: row.try_get("constraint_name")?,
            created: Site::default(),
        });
    }
    Ok(())
}

async fn read_enums(
    conn: &mut PgConnection,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, ENUMS, schemas).await? {
        let enum_type = EnumType {
            schema: row.try_get("schema")?,
            name: row.try_get("name")?,
            values: row.try_get("labels")?,
        };
        catalog.enums.insert(
            QualifiedName::new(enum_type.schema.clone(), enum_type.name.clone()),
            enum_type,
        );
    }
    Ok(())
}

async fn read_other_types(
    conn: &mut PgConnection,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, OTHER_TYPES, schemas).await? {
        let name = QualifiedName::new(
            row.try_get::<String, _>("schema")?,
            row.try_get::<String, _>("name")?,
        );
        let definition: Option<String> = row.try_get("definition")?;
        catalog
            .other_types
            .insert(name, definition.unwrap_or_default());
    }
    Ok(())
}

async fn read_views(
    conn: &mut PgConnection,
    schemas: &[String],
    columns_by_relation: &HashMap<i64, Vec<Column>>,
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    let mut dependencies: HashMap<i64, Vec<QualifiedName>> = HashMap::new();
    for row in sqlx::query(VIEW_DEPENDENCIES).fetch_all(&mut *conn).await? {
        dependencies
            .entry(row.try_get("view")?)
            .or_default()
            .push(QualifiedName::new(
                row.try_get::<String, _>("schema")?,
                row.try_get::<String, _>("name")?,
            ));
    }
    for row in fetch_in_schemas(conn, VIEWS, schemas).await? {
        let oid: i64 = row.try_get("oid")?;
        let view = View {
            schema: row.try_get("schema")?,
            name: row.try_get("name")?,
            materialized: row.try_get("materialized")?,
            columns: columns_by_relation
                .get(&oid)
                .map(|columns| columns.iter().map(|column| column.name.clone()).collect())
                .unwrap_or_default(),
            depends_on: dependencies.remove(&oid).unwrap_or_default(),
            created: Site::default(),
        };
        catalog.views.insert(
            QualifiedName::new(view.schema.clone(), view.name.clone()),
            view,
        );
    }
    Ok(())
}

async fn read_sequences(
    conn: &mut PgConnection,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, SEQUENCES, schemas).await? {
        let sequence = Sequence {
            schema: row.try_get("schema")?,
            name: row.try_get("name")?,
            owned_by: row.try_get("owned_by")?,
            data_type: row.try_get("data_type")?,
        };
        catalog.sequences.insert(
            QualifiedName::new(sequence.schema.clone(), sequence.name.clone()),
            sequence,
        );
    }
    Ok(())
}

async fn read_functions(
    conn: &mut PgConnection,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, FUNCTIONS, schemas).await? {
        catalog.functions.push(Function {
            schema: row.try_get("schema")?,
            name: row.try_get("name")?,
            args: row.try_get("args")?,
            returns: row.try_get("returns")?,
            language: row.try_get("language")?,
            body: row.try_get("body")?,
            created: Site::default(),
        });
    }
    Ok(())
}

async fn read_triggers(
    conn: &mut PgConnection,
    schemas: &[String],
    catalog: &mut Catalog,
) -> Result<(), sqlx::Error> {
    for row in fetch_in_schemas(conn, TRIGGERS, schemas).await? {
        let function = QualifiedName::new(
            row.try_get::<String, _>("function_schema")?,
            row.try_get::<String, _>("function_name")?,
        );
        catalog.triggers.push(Trigger {
            schema: row.try_get("schema")?,
            table: row.try_get("table_name")?,
            name: row.try_get("name")?,
            function: function.display(),
            created: Site::default(),
        });
    }
    Ok(())
}
