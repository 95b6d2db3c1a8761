//! SQL text for the baseline: definitions, quoting, literals.

use crate::catalog::{Column, ForeignKey};
use std::fmt::Write;

pub(super) fn column_definition(column: &Column) -> String {
    let mut sql = format!("{} {}", ident(&column.name), column.data_type);
    if let Some(identity) = &column.identity {
        let _ = write!(sql, " GENERATED {} AS IDENTITY", identity.to_uppercase());
    }
    if let Some(expression) = &column.generated {
        let _ = write!(sql, " GENERATED ALWAYS AS ({expression}) STORED");
    } else if let Some(default) = &column.default
        && column.identity.is_none()
    {
        let _ = write!(sql, " DEFAULT {default}");
    }
    if column.not_null {
        sql.push_str(" NOT NULL");
    }
    sql
}

pub(super) fn foreign_key_clause(foreign_key: &ForeignKey) -> String {
    let mut sql = format!(
        "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {}",
        ident(&foreign_key.name),
        idents(&foreign_key.columns),
        qualified(&foreign_key.ref_schema, &foreign_key.ref_table)
    );
    if !foreign_key.ref_columns.is_empty() {
        let _ = write!(sql, " ({})", idents(&foreign_key.ref_columns));
    }
    for (word, action) in [
        ("DELETE", &foreign_key.on_delete),
        ("UPDATE", &foreign_key.on_update),
    ] {
        if action != "no action" {
            let _ = write!(sql, " ON {word} {}", action.to_uppercase());
        }
    }
    sql
}

/// A statement as written, ending with one `;`.
pub(super) fn statement_text(text: &str) -> String {
    let trimmed = text.trim().trim_end_matches(';').trim_end();
    format!("{trimmed};")
}

pub(super) fn object_name(parts: &[&str]) -> sqlparser::ast::ObjectName {
    sqlparser::ast::ObjectName::from(parts.iter().map(|part| sql_ident(part)).collect::<Vec<_>>())
}

/// A name as a sqlparser identifier, quoted where PostgreSQL needs it.
pub(super) fn sql_ident(name: &str) -> sqlparser::ast::Ident {
    if needs_quotes(name) {
        sqlparser::ast::Ident::with_quote('"', name)
    } else {
        sqlparser::ast::Ident::new(name)
    }
}

/// `schema.name`, quoted where needed.
pub(super) fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", ident(schema), ident(name))
}

pub(super) fn idents(names: &[String]) -> String {
    names
        .iter()
        .map(|n| ident(n))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An identifier as SQL text: plain when PostgreSQL reads it back unchanged, quoted otherwise.
pub fn ident(name: &str) -> String {
    if needs_quotes(name) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

fn needs_quotes(name: &str) -> bool {
    !is_plain_identifier(name) || RESERVED.contains(&name)
}

pub(super) fn is_plain_identifier(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$')
}

pub(super) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// PostgreSQL's reserved words (and the non-reserved ones that cannot name a column or table).
const RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "bigint",
    "binary",
    "bit",
    "boolean",
    "both",
    "case",
    "cast",
    "char",
    "character",
    "check",
    "coalesce",
    "collate",
    "collation",
    "column",
    "concurrently",
    "constraint",
    "create",
    "cross",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "dec",
    "decimal",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "exists",
    "extract",
    "false",
    "fetch",
    "float",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "greatest",
    "group",
    "grouping",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "inout",
    "int",
    "integer",
    "intersect",
    "interval",
    "into",
    "is",
    "isnull",
    "join",
    "lateral",
    "leading",
    "least",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "national",
    "natural",
    "nchar",
    "none",
    "normalize",
    "not",
    "notnull",
    "null",
    "nullif",
    "numeric",
    "offset",
    "on",
    "only",
    "or",
    "order",
    "out",
    "outer",
    "overlaps",
    "overlay",
    "placing",
    "position",
    "precision",
    "primary",
    "real",
    "references",
    "returning",
    "right",
    "row",
    "select",
    "session_user",
    "setof",
    "similar",
    "smallint",
    "some",
    "substring",
    "symmetric",
    "system_user",
    "table",
    "tablesample",
    "then",
    "time",
    "timestamp",
    "to",
    "trailing",
    "treat",
    "trim",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "values",
    "varchar",
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
    "xmlattributes",
    "xmlconcat",
    "xmlelement",
    "xmlexists",
    "xmlforest",
    "xmlnamespaces",
    "xmlparse",
    "xmlpi",
    "xmlroot",
    "xmlserialize",
    "xmltable",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_only_where_postgres_needs_it() {
        assert_eq!(ident("tickets"), "tickets");
        assert_eq!(ident("user"), "\"user\"");
        assert_eq!(ident("CamelCase"), "\"CamelCase\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn statement_text_ends_with_one_semicolon() {
        assert_eq!(statement_text("  SELECT 1;;\n"), "SELECT 1;");
        assert_eq!(statement_text("SELECT 1"), "SELECT 1;");
    }
}
