//! Expressions as PostgreSQL prints them back (`pg_get_expr`, `pg_get_constraintdef`,
//! `pg_get_indexdef`): constants typed, implicit casts of operator and function arguments shown,
//! names qualified where the default search path would not find them.

use crate::catalog::{Catalog, Table};
use sqlparser::ast::Expr;

/// An expression in PostgreSQL's stored spelling, and whether that spelling is certain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deparsed {
    pub text: String,
    /// False where the spelling is the fold's best reading of the source, not PostgreSQL's
    /// (a function or operator this module does not know, say): compare it live, not as text.
    pub exact: bool,
}

/// What an expression may name, and what its value is assigned to.
#[derive(Debug, Clone, Copy)]
pub struct ExprScope<'a> {
    pub catalog: &'a Catalog,
    /// The table whose columns the expression reads (a check, an index key or predicate, a
    /// generated column); `None` for a default, which cannot read columns.
    pub table: Option<&'a Table>,
    /// The type (in `format_type` spelling) the value is stored as: a column default or
    /// generated expression is coerced to its column's type as an assignment.
    pub target_type: Option<&'a str>,
    /// The search path in force where the expression was written (unqualified names of types
    /// and functions resolve through it).
    pub search_path: &'a [String],
}

/// `expr` as PostgreSQL would store and print it in `scope`.
pub fn expression(expr: &Expr, scope: &ExprScope<'_>) -> Deparsed {
    let _ = scope;
    // The typed deparser replaces this reading of the source text.
    Deparsed {
        text: expr.to_string(),
        exact: false,
    }
}
