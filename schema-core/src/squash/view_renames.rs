//! A view's text through the renames that ran after it. PostgreSQL stores a view as a parse
//! tree that follows its tables and columns when they are renamed; the baseline replays the
//! view's text, so the text must say the names they have now. A column the view outputs keeps
//! its old name, as PostgreSQL keeps it (`SELECT a FROM t` becomes `SELECT b AS a FROM t`).
//!
//! Only what is certain is rewritten: a table reference, a column qualified by the renamed
//! table (or its alias), and an unqualified column when the renamed table is the only thing
//! the query reads. Anything else a rename touches (a join that may own the column, `USING`,
//! a `*` inside a subquery) is `Unsafe`, and the writer says so instead of guessing.

use super::sql_text::sql_ident;
use crate::catalog::{QualifiedName, View};
use crate::config::Dialect;
use crate::fold::history::{Rename, RenameKind};
use crate::names;
use crate::parse::{Parsed, parse_statement};
use sqlparser::ast::{
    CreateView, Expr, Ident, ObjectName, ObjectNamePart, Query, Select, SelectItem,
    SelectItemQualifiedWildcardKind, SetExpr, Statement, TableFactor, ViewColumnDef, Visit,
    VisitMut, Visitor, VisitorMut, visit_expressions_mut, visit_relations_mut,
};
use std::ops::ControlFlow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ViewText {
    /// No later rename changes what the text means.
    AsWritten,
    Rewritten(String),
    /// A later rename touches the view where a rewrite could be wrong: why.
    Unsafe(String),
}

/// `text` (the `CREATE VIEW` that defined `view`) through `renames`, the renames that ran
/// after it, in run order. `current_columns` gives a table's columns now (by its current name),
/// for `SELECT * FROM t` over a table that gained columns since: PostgreSQL expanded the `*`
/// when the view was created, so the baseline lists the columns the view had.
pub(super) fn view_through_renames(
    text: &str,
    view: &View,
    renames: &[&Rename],
    current_columns: &dyn Fn(&QualifiedName) -> Option<Vec<String>>,
) -> ViewText {
    let mut relations = view.depends_on.clone();
    let touches = renames.iter().any(|rename| match &rename.kind {
        RenameKind::Table { old, .. } => relations.contains(old),
        RenameKind::Column { .. } => true,
    });
    if !touches && !text.contains('*') {
        return ViewText::AsWritten;
    }
    // Only a rename makes an unreadable view unsafe; a `*` alone is looked at when readable.
    let unreadable = |why: &str| {
        if touches {
            ViewText::Unsafe(why.to_string())
        } else {
            ViewText::AsWritten
        }
    };
    let Parsed::Ast(statement) = parse_statement(text, Dialect::Postgres) else {
        return unreadable("its statement could not be parsed");
    };
    let Statement::CreateView(mut create) = *statement else {
        return unreadable("its statement is not a plain CREATE VIEW");
    };
    let wrote_columns = !create.columns.is_empty();
    let mut changed = false;
    for rename in renames {
        let result = match &rename.kind {
            RenameKind::Table { old, new } if relations.contains(old) => {
                let result = rename_table(&mut create, &relations, old, new);
                for relation in &mut relations {
                    if relation == old {
                        *relation = new.clone();
                    }
                }
                result.map(|()| true)
            }
            RenameKind::Column { table, old, new } if relations.contains(table) => {
                rename_column(&mut create, view, &relations, table, old, new)
            }
            _ => Ok(false),
        };
        match result {
            Ok(done) => changed |= done,
            Err(reason) => return ViewText::Unsafe(reason),
        }
    }
    if !wrote_columns
        && expand_star_over_grown_table(&mut create, view, &relations, current_columns)
    {
        changed = true;
    }
    if changed {
        ViewText::Rewritten(format!("{create};"))
    } else {
        ViewText::AsWritten
    }
}

/// `SELECT * FROM t` (nothing else) where `t` has more columns now than the view had: the `*`
/// becomes the view's columns, under their current names (a column added later is appended,
/// a renamed one keeps its place). Other shapes with `*` are left as written.
fn expand_star_over_grown_table(
    create: &mut CreateView,
    view: &View,
    relations: &[QualifiedName],
    current_columns: &dyn Fn(&QualifiedName) -> Option<Vec<String>>,
) -> bool {
    let [table] = relations else {
        return false;
    };
    let SetExpr::Select(select) = create.query.body.as_mut() else {
        return false;
    };
    let simple = matches!(select.projection.as_slice(), [SelectItem::Wildcard(_)])
        && matches!(select.from.as_slice(), [from] if from.joins.is_empty()
            && matches!(&from.relation, TableFactor::Table { alias, .. }
                if alias.as_ref().is_none_or(|a| a.columns.is_empty())));
    let Some(now) = current_columns(table) else {
        return false;
    };
    let had = &view.columns;
    if !simple || had.is_empty() || now.len() <= had.len() {
        return false;
    }
    select.projection = now
        .iter()
        .zip(had)
        .map(|(current, original)| {
            let expr = Expr::Identifier(sql_ident(current));
            if current == original {
                SelectItem::UnnamedExpr(expr)
            } else {
                SelectItem::ExprWithAlias {
                    expr,
                    alias: sql_ident(original),
                }
            }
        })
        .collect();
    // The names are in the SELECT now; a list set by a column rename would only repeat them.
    create.columns.clear();
    true
}

fn rename_table(
    create: &mut CreateView,
    relations: &[QualifiedName],
    old: &QualifiedName,
    new: &QualifiedName,
) -> Result<(), String> {
    let scope = Scope::of(&create.query);
    if let Some(alias) = scope
        .factors
        .iter()
        .filter_map(|factor| factor.alias.as_deref())
        .find(|alias| *alias == old.name || *alias == new.name)
    {
        return Err(format!(
            "`{old}` was renamed to `{new}` and the view has an alias `{alias}`"
        ));
    }
    let unaliased = scope
        .factors
        .iter()
        .any(|factor| factor.alias.is_none() && factor.is(relations, old));
    let _ = visit_relations_mut(&mut create.query, |name| {
        if relation_is(name, relations, old)
            && let Some(last) = name.0.last_mut()
        {
            *last = ObjectNamePart::Identifier(sql_ident(&new.name));
        }
        ControlFlow::<()>::Continue(())
    });
    if !unaliased {
        return Ok(());
    }
    // `old.column`, `schema.old.column` and `old.*` name the table too.
    let qualifier_is_old = |parts: &[Ident]| match parts {
        [table] => names::fold(table) == old.name,
        [schema, table] => names::fold(schema) == old.schema && names::fold(table) == old.name,
        _ => false,
    };
    let _ = visit_expressions_mut(&mut create.query, |expr| {
        if let Expr::CompoundIdentifier(parts) = expr
            && parts.len() >= 2
        {
            let column = parts.len() - 1;
            let qualifier = qualifier_is_old(&parts[..column]).then(|| column - 1);
            if let Some(at) = qualifier {
                parts[at] = sql_ident(&new.name);
            }
        }
        ControlFlow::<()>::Continue(())
    });
    for_each_select_mut(&mut create.query, &mut |select, _| {
        for item in &mut select.projection {
            if let SelectItem::QualifiedWildcard(
                SelectItemQualifiedWildcardKind::ObjectName(name),
                _,
            ) = item
            {
                let parts: Vec<Ident> = name
                    .0
                    .iter()
                    .filter_map(|p| p.as_ident().cloned())
                    .collect();
                if qualifier_is_old(&parts)
                    && let Some(last) = name.0.last_mut()
                {
                    *last = ObjectNamePart::Identifier(sql_ident(&new.name));
                }
            }
        }
    });
    Ok(())
}

/// Renames `table`'s column `old` to `new` where the view uses it; `Ok(false)` when it does not.
fn rename_column(
    create: &mut CreateView,
    view: &View,
    relations: &[QualifiedName],
    table: &QualifiedName,
    old: &str,
    new: &str,
) -> Result<bool, String> {
    let scope = Scope::of(&create.query);
    let reason = |why: &str| format!("column `{table}.{old}` was renamed to `{new}` and {why}");
    let (owners, others): (Vec<&Factor>, Vec<&Factor>) = scope
        .factors
        .iter()
        .partition(|factor| factor.is(relations, table));
    if owners.is_empty() {
        return Ok(false);
    }
    if owners.iter().any(|factor| factor.alias_has_columns) {
        return Err(reason("the view renames that table's columns in an alias"));
    }
    let owner_bindings: Vec<String> = owners.iter().map(|f| f.binding()).collect();
    let other_bindings: Vec<String> = others.iter().map(|f| f.binding()).collect();
    let decide = |parts: &[Ident]| -> Decision {
        let Some((column, qualifier)) = parts.split_last() else {
            return Decision::Keep;
        };
        if names::fold(column) != old {
            return Decision::Keep;
        }
        match qualifier.last().map(names::fold) {
            None if scope.factors.len() == 1 && !scope.output_aliases.iter().any(|a| a == old) => {
                Decision::Rename
            }
            None => Decision::Unsafe,
            Some(q) => {
                let owned = owner_bindings.contains(&q);
                let other = other_bindings.contains(&q);
                match (owned, other) {
                    (true, false) => Decision::Rename,
                    (true, true) => Decision::Unsafe,
                    _ => Decision::Keep,
                }
            }
        }
    };
    if scope.uses_join_columns && scope.mentions(old) {
        return Err(reason("the view joins with USING or NATURAL"));
    }
    // Every use of the column decided first: nothing is rewritten when one is unsure.
    let mut unsure = false;
    let mut renames = false;
    let _ = create.query.visit(&mut ExprIdentifiers(|parts: &[Ident]| {
        match decide(parts) {
            Decision::Rename => renames = true,
            Decision::Unsafe => unsure = true,
            Decision::Keep => {}
        }
    }));
    if unsure {
        return Err(reason(
            "the view uses that name where it may belong to another table it reads",
        ));
    }
    // `*` and `owner.*` output the column under its new name from now on.
    let mut root_wildcard = false;
    let mut nested_wildcard = false;
    let mut projected = Vec::new();
    for_each_select_mut(&mut create.query, &mut |select, root| {
        for item in &mut select.projection {
            match item {
                SelectItem::Wildcard(_) => {
                    *(if root {
                        &mut root_wildcard
                    } else {
                        &mut nested_wildcard
                    }) = true;
                }
                SelectItem::QualifiedWildcard(
                    SelectItemQualifiedWildcardKind::ObjectName(name),
                    _,
                ) if names::parts(name)
                    .last()
                    .is_some_and(|q| owner_bindings.contains(q)) =>
                {
                    *(if root {
                        &mut root_wildcard
                    } else {
                        &mut nested_wildcard
                    }) = true;
                }
                SelectItem::UnnamedExpr(expr) => {
                    let parts = match expr {
                        Expr::Identifier(ident) => vec![ident.clone()],
                        Expr::CompoundIdentifier(parts) => parts.clone(),
                        _ => continue,
                    };
                    if decide(&parts) == Decision::Rename {
                        let expr = expr.clone();
                        projected.push(old.to_string());
                        *item = SelectItem::ExprWithAlias {
                            expr,
                            alias: sql_ident(old),
                        };
                    }
                }
                _ => {}
            }
        }
    });
    if nested_wildcard {
        return Err(reason("a subquery of the view selects `*` from that table"));
    }
    let mut changed = renames || !projected.is_empty();
    if root_wildcard && create.columns.is_empty() {
        if view.columns.is_empty() {
            return Err(reason("the view selects `*` and its columns are not known"));
        }
        // PostgreSQL expanded `*` when the view was created: its columns keep those names.
        create.columns = view
            .columns
            .iter()
            .map(|name| ViewColumnDef {
                name: sql_ident(name),
                data_type: None,
                options: None,
            })
            .collect();
        changed = true;
    }
    let _ = visit_expressions_mut(&mut create.query, |expr| {
        let parts = match expr {
            Expr::Identifier(ident) => std::slice::from_ref(ident),
            Expr::CompoundIdentifier(parts) => parts.as_slice(),
            _ => return ControlFlow::<()>::Continue(()),
        };
        if decide(parts) == Decision::Rename {
            match expr {
                Expr::Identifier(ident) => *ident = sql_ident(new),
                Expr::CompoundIdentifier(parts) => {
                    if let Some(last) = parts.last_mut() {
                        *last = sql_ident(new);
                    }
                }
                _ => {}
            }
        }
        ControlFlow::Continue(())
    });
    Ok(changed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Rename,
    Keep,
    Unsafe,
}

/// What the whole query reads and names, every subquery included (deliberately coarse: a name
/// is only rewritten when this view of the query is enough to be sure).
#[derive(Debug, Default)]
struct Scope {
    factors: Vec<Factor>,
    output_aliases: Vec<String>,
    uses_join_columns: bool,
    identifiers: Vec<String>,
}

#[derive(Debug)]
struct Factor {
    /// A table or view by name; `None` for a subquery, a function, `VALUES`...
    name: Option<ObjectName>,
    alias: Option<String>,
    alias_has_columns: bool,
}

impl Factor {
    fn is(&self, relations: &[QualifiedName], table: &QualifiedName) -> bool {
        self.name
            .as_ref()
            .is_some_and(|name| relation_is(name, relations, table))
    }

    /// The name columns are qualified by (folded): the alias, or the table's own name.
    fn binding(&self) -> String {
        match (&self.alias, &self.name) {
            (Some(alias), _) => alias.clone(),
            (None, Some(name)) => names::parts(name).pop().unwrap_or_default(),
            (None, None) => String::new(),
        }
    }
}

impl Scope {
    fn of(query: &Query) -> Scope {
        let mut collector = ScopeCollector::default();
        let _ = query.visit(&mut collector);
        let mut scope = collector.scope;
        let _ = query.visit(&mut ExprIdentifiers(|parts: &[Ident]| {
            if let Some(last) = parts.last() {
                scope.identifiers.push(names::fold(last));
            }
        }));
        let text = query.to_string().to_ascii_uppercase();
        scope.uses_join_columns = text.contains(" USING (") || text.contains("NATURAL ");
        scope
    }

    fn mentions(&self, column: &str) -> bool {
        self.identifiers.iter().any(|name| name == column) || self.uses_join_columns
    }
}

#[derive(Default)]
struct ScopeCollector {
    scope: Scope,
}

impl Visitor for ScopeCollector {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        let (name, alias) = match factor {
            TableFactor::Table { name, alias, .. } => (Some(name.clone()), alias),
            TableFactor::Derived { alias, .. }
            | TableFactor::Function { alias, .. }
            | TableFactor::UNNEST { alias, .. } => (None, alias),
            _ => (None, &None),
        };
        self.scope.factors.push(Factor {
            name,
            alias: alias.as_ref().map(|alias| names::fold(&alias.name)),
            alias_has_columns: alias
                .as_ref()
                .is_some_and(|alias| !alias.columns.is_empty()),
        });
        ControlFlow::Continue(())
    }

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        for_each_select(&query.body, &mut |select| {
            for item in &select.projection {
                if let SelectItem::ExprWithAlias { alias, .. } = item {
                    self.scope.output_aliases.push(names::fold(alias));
                }
            }
        });
        ControlFlow::Continue(())
    }
}

/// Calls the closure with the parts of every column reference (`a`, `t.a`, `s.t.a`).
struct ExprIdentifiers<F>(F);

impl<F: FnMut(&[Ident])> Visitor for ExprIdentifiers<F> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
        match expr {
            Expr::Identifier(ident) => (self.0)(std::slice::from_ref(ident)),
            Expr::CompoundIdentifier(parts) => (self.0)(parts),
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

/// Whether `name` (as written in the view) is `table`: `schema.name` exactly, or `name` when
/// no other relation the view reads has that name.
fn relation_is(name: &ObjectName, relations: &[QualifiedName], table: &QualifiedName) -> bool {
    match names::parts(name).as_slice() {
        [schema, name] => *schema == table.schema && *name == table.name,
        [name] => {
            *name == table.name
                && relations
                    .iter()
                    .filter(|relation| relation.name == *name)
                    .all(|relation| relation == table)
        }
        _ => false,
    }
}

fn for_each_select<'q>(body: &'q SetExpr, f: &mut impl FnMut(&'q Select)) {
    match body {
        SetExpr::Select(select) => f(select),
        SetExpr::SetOperation { left, right, .. } => {
            for_each_select(left, f);
            for_each_select(right, f);
        }
        _ => {}
    }
}

/// Calls `f` with every SELECT of every query in `query`, and whether it is one of the SELECTs
/// whose output is the view's (not inside a subquery or CTE).
fn for_each_select_mut(query: &mut Query, f: &mut impl FnMut(&mut Select, bool)) {
    struct Selects<'f, F> {
        f: &'f mut F,
        seen_root: bool,
    }
    impl<F: FnMut(&mut Select, bool)> VisitorMut for Selects<'_, F> {
        type Break = ();

        fn pre_visit_query(&mut self, query: &mut Query) -> ControlFlow<()> {
            let root = !self.seen_root;
            self.seen_root = true;
            walk(&mut query.body, &mut |select| (self.f)(select, root));
            ControlFlow::Continue(())
        }
    }
    fn walk(body: &mut SetExpr, f: &mut impl FnMut(&mut Select)) {
        match body {
            SetExpr::Select(select) => f(select),
            SetExpr::SetOperation { left, right, .. } => {
                walk(left, f);
                walk(right, f);
            }
            _ => {}
        }
    }
    let _ = query.visit(&mut Selects {
        f,
        seen_root: false,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Site;

    fn view(columns: &[&str], depends_on: &[&str]) -> View {
        View {
            schema: "public".into(),
            name: "v".into(),
            materialized: false,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            depends_on: depends_on
                .iter()
                .map(|t| QualifiedName::new("public", *t))
                .collect(),
            created: Site::default(),
        }
    }

    fn table(old: &str, new: &str) -> Rename {
        Rename {
            site: Site::default(),
            kind: RenameKind::Table {
                old: QualifiedName::new("public", old),
                new: QualifiedName::new("public", new),
            },
        }
    }

    fn column(table: &str, old: &str, new: &str) -> Rename {
        Rename {
            site: Site::default(),
            kind: RenameKind::Column {
                table: QualifiedName::new("public", table),
                old: old.into(),
                new: new.into(),
            },
        }
    }

    fn rewrite(text: &str, view: &View, renames: &[Rename]) -> ViewText {
        let renames: Vec<&Rename> = renames.iter().collect();
        view_through_renames(text, view, &renames, &|_| None)
    }

    #[test]
    fn a_star_over_a_table_that_gained_columns_lists_the_columns_the_view_had() {
        let v = view(&["id", "email"], &["accounts"]);
        let renames = [column("accounts", "email", "address")];
        let renames: Vec<&Rename> = renames.iter().collect();
        let now = |_: &QualifiedName| Some(vec!["id".into(), "address".into(), "added".into()]);
        assert_eq!(
            view_through_renames(
                "CREATE VIEW v AS SELECT * FROM accounts",
                &v,
                &renames,
                &now
            ),
            ViewText::Rewritten(
                "CREATE VIEW v AS SELECT id, address AS email FROM accounts;".into()
            )
        );
    }

    #[test]
    fn a_renamed_table_is_renamed_in_from_and_in_qualified_columns() {
        let v = view(&["email"], &["accounts"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT accounts.email FROM accounts WHERE accounts.id > 0",
                &v,
                &[table("accounts", "users")]
            ),
            ViewText::Rewritten(
                "CREATE VIEW v AS SELECT users.email FROM users WHERE users.id > 0;".into()
            )
        );
    }

    #[test]
    fn a_renamed_column_keeps_its_old_name_as_the_view_column() {
        let v = view(&["email", "n"], &["accounts"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT email, length(email) AS n FROM accounts ORDER BY email",
                &v,
                &[column("accounts", "email", "address")]
            ),
            ViewText::Rewritten(
                "CREATE VIEW v AS SELECT address AS email, length(address) AS n FROM accounts \
                 ORDER BY address;"
                    .into()
            )
        );
    }

    #[test]
    fn table_then_column_renames_follow_each_other() {
        let v = view(&["email"], &["accounts"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT a.email FROM accounts AS a",
                &v,
                &[
                    table("accounts", "users"),
                    column("users", "email", "address")
                ]
            ),
            ViewText::Rewritten(
                "CREATE VIEW v AS SELECT a.address AS email FROM users AS a;".into()
            )
        );
    }

    #[test]
    fn a_star_view_gets_the_column_names_it_was_created_with() {
        let v = view(&["id", "email"], &["accounts"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT * FROM accounts",
                &v,
                &[column("accounts", "email", "address")]
            ),
            ViewText::Rewritten("CREATE VIEW v (id, email) AS SELECT * FROM accounts;".into())
        );
    }

    #[test]
    fn an_unqualified_column_in_a_join_is_unsafe() {
        let v = view(&["email"], &["accounts", "orders"]);
        let result = rewrite(
            "CREATE VIEW v AS SELECT email FROM accounts JOIN orders ON orders.account_id = accounts.id",
            &v,
            &[column("accounts", "email", "address")],
        );
        assert!(matches!(result, ViewText::Unsafe(_)), "{result:?}");
    }

    #[test]
    fn a_qualified_column_in_a_join_is_renamed_only_on_its_table() {
        let v = view(&["email", "id"], &["accounts", "orders"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT a.email, o.id FROM accounts a JOIN orders o ON o.id = a.id",
                &v,
                &[column("accounts", "id", "account_id")]
            ),
            ViewText::Rewritten(
                "CREATE VIEW v AS SELECT a.email, o.id FROM accounts a JOIN orders o ON o.id = a.account_id;"
                    .into()
            )
        );
    }

    #[test]
    fn renames_of_other_tables_leave_the_text_as_written() {
        let v = view(&["email"], &["accounts"]);
        assert_eq!(
            rewrite(
                "CREATE VIEW v AS SELECT email FROM accounts",
                &v,
                &[table("orders", "purchases"), column("orders", "email", "x")]
            ),
            ViewText::AsWritten
        );
    }
}
