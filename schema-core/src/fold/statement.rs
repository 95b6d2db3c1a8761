//! Dispatch: which part of the fold handles a parsed statement, and the statements that change
//! nothing the catalog models.

use super::Folder;
use crate::diagnostic::Diagnostic;
use crate::names;
use sqlparser::ast::{Expr, Set, Statement};

impl Folder<'_> {
    pub(crate) fn statement(&mut self, statement: &Statement, text: &str) {
        match statement {
            Statement::CreateTable(create) => self.create_table(create),
            Statement::AlterTable(alter) => self.alter_table(alter),
            Statement::CreateIndex(create) => self.create_index(create, text),
            Statement::AlterIndex { name, operation } => self.alter_index(name, operation),
            Statement::Drop {
                object_type,
                if_exists,
                names,
                cascade,
                ..
            } => {
                if *object_type == sqlparser::ast::ObjectType::Table && !cascade {
                    self.check_drop_dependencies(names);
                }
                for name in names {
                    self.drop_object(*object_type, name, *if_exists, *cascade);
                }
            }
            Statement::CreateType {
                name,
                representation,
            } => self.create_type(name, representation.as_ref(), text),
            Statement::AlterType(alter) => self.alter_type(alter),
            Statement::CreateView(view) => self.create_view(view),
            Statement::CreateSequence {
                name,
                if_not_exists,
                temporary,
                ..
            } => {
                if !temporary {
                    self.create_sequence(name, *if_not_exists, text);
                }
            }
            Statement::CreateFunction(function) => self.create_function(function),
            Statement::DropFunction(drop) => self.drop_function(drop),
            Statement::CreateTrigger(trigger) => self.create_trigger(trigger),
            Statement::DropTrigger(drop) => self.drop_trigger(drop),
            Statement::CreateExtension(extension) => {
                let name = names::fold(&extension.name);
                if !self.catalog.extensions.contains(&name) {
                    self.catalog.extensions.push(name);
                }
            }
            Statement::DropExtension(drop) => {
                for name in &drop.names {
                    let name = names::fold(name);
                    self.catalog.extensions.retain(|e| *e != name);
                }
            }
            Statement::CreateSchema { schema_name, .. } => self.create_schema(schema_name),
            Statement::Comment {
                object_type,
                object_name,
                comment,
                if_exists,
            } => self.comment(*object_type, object_name, comment.clone(), *if_exists),
            Statement::Set(set) => self.set(set),
            Statement::StartTransaction { .. } => self.begin_transaction(),
            Statement::Commit { .. } | Statement::Rollback { .. } => self.end_transaction(),
            Statement::Insert(_)
            | Statement::Update(_)
            | Statement::Delete(_)
            | Statement::Truncate(_) => self.data_statement(statement),
            Statement::CreateDomain(domain) => {
                let name = self.qualify_for_create(&domain.name);
                self.catalog.other_types.insert(name, text.to_string());
            }
            Statement::Vacuum(_) => self.non_transactional("VACUUM"),
            Statement::Query(_)
                if text
                    .to_ascii_lowercase()
                    .contains("diesel_manage_updated_at(") =>
            {
                self.diesel_manage_updated_at(text)
            }
            // No schema objects: queries (`SELECT setval(...)`), grants, roles, policies,
            // analyze, notify. Nothing to fold and nothing the catalog must verify.
            Statement::Query(_)
            | Statement::Grant(_)
            | Statement::Revoke(_)
            | Statement::CreateRole(_)
            | Statement::AlterRole { .. }
            | Statement::CreatePolicy(_)
            | Statement::DropPolicy(_)
            | Statement::AlterPolicy(_)
            | Statement::AlterDefaultPrivileges(_)
            | Statement::Analyze(_)
            | Statement::RefreshMaterializedView(_)
            | Statement::NOTIFY { .. }
            | Statement::Lock(_)
            | Statement::Pragma { .. } => {}
            other => {
                let kind = statement_kind(text);
                let diagnostic = self.here(
                    Diagnostic::warning(
                        "unmodeled-statement",
                        format!("`{kind}` is not modeled by the analyzer: its effect on the schema is not checked"),
                    ),
                    "not reflected in the catalog",
                );
                let _ = other;
                self.report(diagnostic.help(
                    "if it changes tables the app uses, check the generated catalog by hand",
                ));
            }
        }
    }

    fn set(&mut self, set: &Set) {
        if let Set::SingleAssignment {
            scope,
            variable,
            values,
            ..
        } = set
            && variable.to_string().eq_ignore_ascii_case("search_path")
        {
            // SET LOCAL lasts until the migration's transaction ends; a plain SET lasts for the
            // runner's session, which applies every migration on one connection.
            if matches!(scope, Some(sqlparser::ast::ContextModifier::Local)) {
                self.save_search_path_until_end_of_file();
            }
            let schemas = values
                .iter()
                .map(|value| match value {
                    Expr::Identifier(ident) => names::fold(ident),
                    other => other.to_string().trim_matches('\'').to_lowercase(),
                })
                .collect();
            self.set_search_path(schemas);
        }
    }

    /// diesel's `SELECT diesel_manage_updated_at('table')` creates trigger `set_updated_at`.
    fn diesel_manage_updated_at(&mut self, text: &str) {
        let Some(argument) = text.split('\'').nth(1) else {
            return;
        };
        let name = sqlparser::ast::ObjectName::from(vec![sqlparser::ast::Ident::new(argument)]);
        let table = self.resolve_table(&name);
        if !self.require_table(&table, "diesel_manage_updated_at targets") {
            return;
        }
        if !self.tables_with_triggers.insert(table.clone()) {
            self.triggers.remove_on(&table, Some("set_updated_at"));
        }
        self.triggers.push(crate::catalog::Trigger {
            schema: table.schema.clone(),
            table: table.name.clone(),
            name: "set_updated_at".into(),
            function: "diesel_set_updated_at".into(),
            created: self.site.clone(),
        });
    }

    fn begin_transaction(&mut self) {
        self.open_transaction = Some(self.site.clone());
    }

    fn end_transaction(&mut self) {
        self.open_transaction = None;
    }

    /// A statement PostgreSQL refuses inside a transaction block, in a migration that runs in one.
    pub(crate) fn non_transactional(&mut self, what: &str) {
        if self.without_transaction[self.migration] {
            return;
        }
        let diagnostic = self.here(
            Diagnostic::error(
                "non-transactional",
                format!("`{what}` cannot run inside a transaction, but this migration runs in one"),
            ),
            "PostgreSQL rejects this inside a transaction block",
        );
        self.report(diagnostic.help(
            "move this statement to a migration of its own (one that holds only such statements runs without a transaction), or make `-- no-transaction` the first line of this one if its statements may commit one by one",
        ));
    }
}

/// The first words of a statement, for messages: `CREATE STATISTICS`, `REINDEX`.
pub(crate) fn statement_kind(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(3).collect();
    let mut kind = Vec::new();
    for word in words {
        let upper = word.to_ascii_uppercase();
        if !upper.chars().all(|c| c.is_ascii_alphabetic()) {
            break;
        }
        // `CREATE UNIQUE INDEX`, `CREATE OR REPLACE`, but `CREATE TABLE`, not `CREATE TABLE t`.
        let modifier = matches!(
            upper.as_str(),
            "UNIQUE"
                | "OR"
                | "REPLACE"
                | "MATERIALIZED"
                | "TEMP"
                | "TEMPORARY"
                | "UNLOGGED"
                | "GLOBAL"
                | "LOCAL"
        );
        kind.push(upper);
        let opens = matches!(kind[0].as_str(), "CREATE" | "ALTER" | "DROP");
        if kind.len() >= 2 && (!opens || !modifier) {
            break;
        }
    }
    if kind.is_empty() {
        text.chars().take(20).collect()
    } else {
        kind.join(" ")
    }
}
