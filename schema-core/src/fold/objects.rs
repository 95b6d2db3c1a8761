//! Indexes, types, views, sequences, functions, triggers, schemas, comments and DROP.

use super::Folder;
use super::create_table::index_column_name;
use crate::catalog::{EnumType, Function, Index, QualifiedName, Sequence, Trigger, View};
use crate::diagnostic::Diagnostic;
use crate::names;
use sqlparser::ast::{
    AlterIndexOperation, AlterType, AlterTypeAddValuePosition, AlterTypeOperation, CommentObject,
    CreateFunction, CreateFunctionBody, CreateIndex, CreateTrigger, CreateView, DropFunction,
    DropTrigger, ObjectName, ObjectType, SchemaName, SelectItem, SetExpr,
    UserDefinedTypeRepresentation,
};

impl Folder<'_> {
    pub(crate) fn create_index(&mut self, create: &CreateIndex, text: &str) {
        if create.concurrently {
            self.non_transactional("CREATE INDEX CONCURRENTLY");
        }
        let table_name = self.resolve_table(&create.table_name);
        if !self.require_table_at(
            &table_name,
            "CREATE INDEX targets",
            Some(&create.table_name),
        ) {
            return;
        }
        self.history
            .touch(&table_name, self.migration, self.site.clone());
        let columns: Vec<String> = create
            .columns
            .iter()
            .map(|c| index_column_name(&c.column.expr))
            .collect();
        let has_expressions = create
            .columns
            .iter()
            .any(|c| !matches!(c.column.expr, sqlparser::ast::Expr::Identifier(_)));
        let plain: Vec<String> = create
            .columns
            .iter()
            .filter(|c| matches!(c.column.expr, sqlparser::ast::Expr::Identifier(_)))
            .map(|c| index_column_name(&c.column.expr))
            .collect();
        if !self.columns_exist(&table_name, &plain, "index") {
            return;
        }
        let name = match &create.name {
            Some(name) => names::parts(name).last().cloned().unwrap_or_default(),
            None => {
                let key_names: Vec<String> = create
                    .columns
                    .iter()
                    .map(|c| match &c.column.expr {
                        sqlparser::ast::Expr::Identifier(ident) => names::fold(ident),
                        // PostgreSQL names an expression key after its function, if it is a call.
                        sqlparser::ast::Expr::Function(function) => names::parts(&function.name)
                            .last()
                            .cloned()
                            .unwrap_or_else(|| "expr".into()),
                        _ => "expr".to_string(),
                    })
                    .collect();
                self.choose_relation_name(
                    &table_name,
                    &table_name.name,
                    Some(&names::join_columns(&key_names)),
                    "idx",
                )
            }
        };
        let qualified = QualifiedName::new(table_name.schema.clone(), name.clone());
        if self.catalog.relation_exists(&qualified) {
            if !create.if_not_exists {
                let existing = self.index_site(&qualified);
                let mut diagnostic = self.here(
                    Diagnostic::error(
                        "duplicate-index",
                        format!("an index or relation named `{qualified}` already exists"),
                    ),
                    "name already taken",
                );
                if let Some(site) = existing {
                    diagnostic = diagnostic.related(site.file, site.range, "first created here");
                }
                self.report(diagnostic.help("choose another name, or drop the old index first"));
            }
            return;
        }
        let index = Index {
            name,
            columns,
            unique: create.unique,
            primary: false,
            method: create
                .using
                .as_ref()
                .map_or_else(|| "btree".into(), |m| m.to_string().to_lowercase()),
            predicate: create.predicate.as_ref().map(|p| p.to_string()),
            has_expressions,
            constraint: None,
            created: self.site.clone(),
        };
        let _ = text;
        let table = &self.catalog.tables[&table_name];
        // Keys with an order (`b DESC`, `NULLS FIRST`) serve other queries: not a twin.
        let ordered = create.columns.iter().any(|c| {
            c.column.options.sort.is_some()
                || c.column.options.nulls_first.is_some()
                || c.operator_class.is_some()
        });
        if let Some(twin) = table.indexes.iter().filter(|_| !ordered).find(|other| {
            other.columns == index.columns
                && other.predicate == index.predicate
                && other.method == index.method
                && (other.unique || !index.unique)
        }) {
            let twin_name = twin.name.clone();
            let site = twin.created.clone();
            let diagnostic = self
                .here(
                    Diagnostic::warning(
                        "redundant-index",
                        format!(
                            "index `{}` covers the same columns as `{twin_name}` ({})",
                            index.name,
                            index.columns.join(", ")
                        ),
                    ),
                    "duplicates an existing index",
                )
                .related(
                    site.file,
                    site.range,
                    format!("`{twin_name}` is created here"),
                )
                .help("drop one of the two; every index slows down writes");
            self.report(diagnostic);
        }
        for partition in self.partitions(&table_name) {
            self.add_partition_index(&partition, &index);
        }
        self.catalog.register_index(&table_name, &index.name);
        if let Some(table) = self.catalog.tables.get_mut(&table_name) {
            table.indexes.push(index);
        }
    }

    fn index_site(&self, name: &QualifiedName) -> Option<crate::catalog::Site> {
        let table = self.catalog.index_table(name)?;
        self.catalog.tables[&table]
            .indexes
            .iter()
            .find(|i| i.name == name.name)
            .map(|i| i.created.clone())
    }

    pub(crate) fn alter_index(&mut self, name: &ObjectName, operation: &AlterIndexOperation) {
        let AlterIndexOperation::RenameIndex { index_name } = operation;
        let old = self.resolve_with(name, |q| self.catalog.index_table(q).is_some());
        let new_name = names::parts(index_name).last().cloned().unwrap_or_default();
        let Some(table) = self.catalog.index_table(&old) else {
            self.report_missing_object("index", &old);
            return;
        };
        if let Some(t) = self.catalog.tables.get_mut(&table) {
            for index in &mut t.indexes {
                if index.name == old.name {
                    index.name = new_name.clone();
                    // Renaming the index of a constraint renames the constraint too.
                    if let Some(constraint) = index
                        .constraint
                        .as_mut()
                        .map(|constraint| std::mem::replace(constraint, new_name.clone()))
                    {
                        if let Some(pk) = t.primary_key.as_mut().filter(|pk| pk.name == constraint)
                        {
                            pk.name = new_name.clone();
                        }
                        for unique in t.unique.iter_mut().filter(|u| u.name == constraint) {
                            unique.name = new_name.clone();
                        }
                    }
                }
            }
        }
        self.catalog.register_index(&table, &new_name);
    }

    pub(crate) fn report_missing_object(&mut self, kind: &str, name: &QualifiedName) {
        let diagnostic = self.here(
            Diagnostic::error(
                "missing-object",
                format!("{kind} `{name}` does not exist at this point of the history"),
            ),
            format!("no {kind} `{name}` here"),
        );
        self.report(diagnostic.help(format!(
            "fix the name, or add `IF EXISTS` if the {kind} may legitimately be absent"
        )));
    }

    pub(crate) fn drop_object(
        &mut self,
        kind: ObjectType,
        name: &ObjectName,
        if_exists: bool,
        cascade: bool,
    ) {
        match kind {
            ObjectType::Table => {
                let table = self.resolve_table(name);
                if let Some(removed) = self.catalog.tables.swap_remove(&table) {
                    for column in &removed.columns {
                        self.drop_column_sequence(&table, &column.name);
                    }
                    self.forget_table(&table, cascade);
                } else if !if_exists && !self.is_external(&table) {
                    self.require_table(&table, "DROP TABLE targets");
                }
            }
            ObjectType::View | ObjectType::MaterializedView => {
                let view = self.resolve_with(name, |q| self.catalog.views.contains_key(q));
                if self.catalog.views.swap_remove(&view).is_none() && !if_exists {
                    self.report_missing_object("view", &view);
                }
            }
            ObjectType::Index => {
                let index = self.resolve_with(name, |q| self.catalog.index_table(q).is_some());
                match self.catalog.index_table(&index) {
                    Some(table) => {
                        if let Some(t) = self.catalog.tables.get_mut(&table) {
                            t.indexes.retain(|i| i.name != index.name);
                        }
                    }
                    None if !if_exists => self.report_missing_object("index", &index),
                    None => {}
                }
            }
            ObjectType::Sequence => {
                let sequence = self.resolve_with(name, |q| self.catalog.sequences.contains_key(q));
                if self.catalog.sequences.swap_remove(&sequence).is_none() && !if_exists {
                    self.report_missing_object("sequence", &sequence);
                }
            }
            ObjectType::Type => {
                let type_name = self.resolve_with(name, |q| {
                    self.catalog.enums.contains_key(q) || self.catalog.other_types.contains_key(q)
                });
                let removed = self.catalog.enums.swap_remove(&type_name).is_some()
                    || self.catalog.other_types.swap_remove(&type_name).is_some();
                if !removed && !if_exists {
                    self.report_missing_object("type", &type_name);
                }
            }
            ObjectType::Schema => {
                let schema = names::parts(name).join(".");
                self.catalog.schemas.retain(|s| *s != schema);
                if cascade {
                    self.catalog.tables.retain(|k, _| k.schema != schema);
                    self.catalog.views.retain(|k, _| k.schema != schema);
                    self.catalog.enums.retain(|k, _| k.schema != schema);
                    self.catalog.sequences.retain(|k, _| k.schema != schema);
                    self.catalog.functions.retain(|f| f.schema != schema);
                    self.rebuild_function_positions();
                }
            }
            _ => {}
        }
    }

    /// What goes with a dropped table: its sequences, triggers, and foreign keys pointing at it.
    /// `DROP TABLE` without CASCADE fails while another table's foreign key or a view still
    /// depends on a dropped table (tables dropped by the same statement do not count).
    pub(crate) fn check_drop_dependencies(&mut self, dropped: &[ObjectName]) {
        let dropped: Vec<QualifiedName> = dropped.iter().map(|n| self.resolve_table(n)).collect();
        for table in &dropped {
            let mut dependents: Vec<String> = Vec::new();
            for key in self.referencing_tables(table) {
                let Some(other) = self.catalog.tables.get(&key) else {
                    continue;
                };
                if dropped.contains(&key) {
                    continue;
                }
                for fk in &other.foreign_keys {
                    if fk.ref_schema == table.schema && fk.ref_table == table.name {
                        dependents.push(format!("foreign key `{}` on `{key}`", fk.name));
                    }
                }
            }
            for key in self.views_reading.get(table).into_iter().flatten() {
                let Some(view) = self.catalog.views.get(key) else {
                    continue;
                };
                if view.depends_on.contains(table) && !dropped.contains(key) {
                    dependents.push(format!("view `{key}`"));
                }
            }
            if !dependents.is_empty() {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "dependent-objects",
                        format!(
                            "cannot drop table `{table}` because {} depend(s) on it",
                            dependents.join(", ")
                        ),
                    ),
                    "PostgreSQL refuses this DROP",
                );
                self.report(diagnostic.help("drop the dependent objects first, or write DROP TABLE ... CASCADE if they should go too"));
            }
        }
    }

    fn forget_table(&mut self, table: &QualifiedName, cascade: bool) {
        if self.tables_with_triggers.remove(table) {
            self.triggers.remove_on(table, None);
        }
        for key in self.referencing_tables(table) {
            let Some(other) = self.catalog.tables.get_mut(&key) else {
                continue;
            };
            other
                .foreign_keys
                .retain(|f| !(f.ref_schema == table.schema && f.ref_table == table.name));
        }
        if cascade {
            for view in self.views_reading.remove(table).unwrap_or_default() {
                if self
                    .catalog
                    .views
                    .get(&view)
                    .is_some_and(|v| v.depends_on.contains(table))
                {
                    self.catalog.views.swap_remove(&view);
                }
            }
        }
        self.history.tables.swap_remove(table);
    }

    pub(crate) fn create_type(
        &mut self,
        name: &ObjectName,
        representation: Option<&UserDefinedTypeRepresentation>,
        text: &str,
    ) {
        let qualified = self.qualify_for_create(name);
        if self.catalog.enums.contains_key(&qualified)
            || self.catalog.other_types.contains_key(&qualified)
        {
            let diagnostic = self.here(
                Diagnostic::error(
                    "duplicate-type",
                    format!("type `{qualified}` is created twice"),
                ),
                "type already exists",
            );
            self.report(
                diagnostic
                    .help("remove this CREATE TYPE, or use ALTER TYPE to change the existing one"),
            );
            return;
        }
        match representation {
            Some(UserDefinedTypeRepresentation::Enum { labels }) => {
                let values = labels.iter().map(|l| l.value.clone()).collect();
                self.catalog.enums.insert(
                    qualified.clone(),
                    EnumType {
                        schema: qualified.schema,
                        name: qualified.name,
                        values,
                    },
                );
            }
            _ => {
                self.catalog.other_types.insert(qualified, text.to_string());
            }
        }
    }

    pub(crate) fn alter_type(&mut self, alter: &AlterType) {
        let name = self.resolve_with(&alter.name, |q| {
            self.catalog.enums.contains_key(q) || self.catalog.other_types.contains_key(q)
        });
        if !self.catalog.enums.contains_key(&name) {
            if !self.catalog.other_types.contains_key(&name) {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "missing-object",
                        format!("type `{name}` does not exist at this point of the history"),
                    ),
                    format!("no type `{name}` here"),
                );
                self.report(diagnostic.help(format!(
                    "fix the name, or create `{name}` with CREATE TYPE in an earlier migration"
                )));
            }
            return;
        }
        match &alter.operation {
            AlterTypeOperation::AddValue(add) => {
                let value = add.value.value.clone();
                let enum_type = self.catalog.enums.get_mut(&name).expect("checked above");
                if enum_type.values.contains(&value) {
                    if !add.if_not_exists {
                        let diagnostic = self.here(
                            Diagnostic::error(
                                "duplicate-enum-value",
                                format!("enum `{name}` already has the value '{value}'"),
                            ),
                            "value exists",
                        );
                        self.report(
                            diagnostic
                                .help("remove this statement, or write `ADD VALUE IF NOT EXISTS`"),
                        );
                    }
                    return;
                }
                let position = match &add.position {
                    Some(AlterTypeAddValuePosition::Before(other)) => {
                        enum_type.values.iter().position(|v| *v == other.value)
                    }
                    Some(AlterTypeAddValuePosition::After(other)) => enum_type
                        .values
                        .iter()
                        .position(|v| *v == other.value)
                        .map(|p| p + 1),
                    None => None,
                };
                match position {
                    Some(at) => enum_type.values.insert(at, value),
                    None => enum_type.values.push(value),
                }
            }
            AlterTypeOperation::RenameValue(rename) => {
                let enum_type = self.catalog.enums.get_mut(&name).expect("checked above");
                for value in &mut enum_type.values {
                    if *value == rename.from.value {
                        *value = rename.to.value.clone();
                    }
                }
            }
            AlterTypeOperation::Rename(rename) => {
                let new = QualifiedName::new(name.schema.clone(), names::fold(&rename.new_name));
                if let Some(mut enum_type) = self.catalog.enums.swap_remove(&name) {
                    enum_type.name = new.name.clone();
                    self.catalog.enums.insert(new.clone(), enum_type);
                    let array = format!("{}[]", name.name);
                    let mut users = self.tables_using_type(&name.name);
                    users.extend(self.tables_using_type(&array));
                    for key in users {
                        let Some(table) = self.catalog.tables.get_mut(&key) else {
                            continue;
                        };
                        for column in &mut table.columns {
                            if column.data_type == name.name {
                                column.data_type = new.name.clone();
                            } else if column.data_type == array {
                                column.data_type = format!("{}[]", new.name);
                            }
                        }
                        self.note_column_types(&key, None);
                    }
                }
            }
        }
    }

    pub(crate) fn create_view(&mut self, view: &CreateView) {
        let name = self.qualify_for_create(&view.name);
        if self.catalog.views.contains_key(&name) && !view.or_replace && !view.if_not_exists {
            let diagnostic = self.here(
                Diagnostic::error("duplicate-view", format!("view `{name}` is created twice")),
                "view already exists",
            );
            self.report(diagnostic.help("use CREATE OR REPLACE VIEW, or drop the old view first"));
            return;
        }
        if self.catalog.tables.contains_key(&name) {
            let diagnostic = self.here(
                Diagnostic::error(
                    "duplicate-relation",
                    format!("`{name}` already exists as a table"),
                ),
                "name already taken",
            );
            self.report(diagnostic);
            return;
        }
        let mut depends_on = Vec::new();
        let _ = sqlparser::ast::visit_relations(&*view.query, |relation| {
            let resolved = self.resolve_relation(relation);
            if !depends_on.contains(&resolved) {
                depends_on.push(resolved);
            }
            std::ops::ControlFlow::<()>::Continue(())
        });
        let columns = if view.columns.is_empty() {
            self.query_columns(&view.query)
        } else {
            view.columns.iter().map(|c| names::fold(&c.name)).collect()
        };
        for table in &depends_on {
            self.views_reading
                .entry(table.clone())
                .or_default()
                .push(name.clone());
        }
        self.catalog.views.insert(
            name.clone(),
            View {
                schema: name.schema,
                name: name.name,
                materialized: view.materialized,
                columns,
                depends_on,
                created: self.site.clone(),
            },
        );
    }

    /// Output column names of a simple SELECT (named columns, aliases, `*` of known tables).
    fn query_columns(&self, query: &sqlparser::ast::Query) -> Vec<String> {
        let SetExpr::Select(select) = query.body.as_ref() else {
            return Vec::new();
        };
        let mut columns = Vec::new();
        for item in &select.projection {
            match item {
                SelectItem::UnnamedExpr(sqlparser::ast::Expr::Identifier(ident)) => {
                    columns.push(names::fold(ident))
                }
                SelectItem::UnnamedExpr(sqlparser::ast::Expr::CompoundIdentifier(parts)) => {
                    if let Some(last) = parts.last() {
                        columns.push(names::fold(last));
                    }
                }
                SelectItem::ExprWithAlias { alias, .. } => columns.push(names::fold(alias)),
                SelectItem::Wildcard(_) if select.from.len() == 1 => {
                    if let sqlparser::ast::TableFactor::Table { name, .. } =
                        &select.from[0].relation
                    {
                        let table = self.resolve_table(name);
                        if let Some(t) = self.catalog.tables.get(&table) {
                            columns.extend(t.columns.iter().map(|c| c.name.clone()));
                        }
                    }
                }
                _ => return Vec::new(),
            }
        }
        columns
    }

    pub(crate) fn create_sequence(&mut self, name: &ObjectName, if_not_exists: bool, text: &str) {
        let qualified = self.qualify_for_create(name);
        if self.catalog.relation_exists(&qualified) {
            if !if_not_exists {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "duplicate-relation",
                        format!("sequence `{qualified}` already exists"),
                    ),
                    "name already taken",
                );
                self.report(diagnostic);
            }
            return;
        }
        let data_type = sequence_type(text).unwrap_or_else(|| "bigint".into());
        self.catalog.sequences.insert(
            qualified.clone(),
            Sequence {
                schema: qualified.schema,
                name: qualified.name,
                owned_by: None,
                data_type,
            },
        );
    }

    pub(crate) fn create_function(&mut self, function: &CreateFunction) {
        let name = self.qualify_for_create(&function.name);
        let args = function
            .args
            .as_ref()
            .map(|args| {
                args.iter()
                    .map(|arg| crate::pgtype::normalize(&arg.data_type.to_string()).name)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let body = function.function_body.as_ref().map(|body| match body {
            CreateFunctionBody::AsBeforeOptions { body, .. }
            | CreateFunctionBody::AsAfterOptions(body) => body.to_string(),
            other => format!("{other:?}"),
        });
        let record = Function {
            schema: name.schema.clone(),
            name: name.name.clone(),
            args,
            returns: function
                .return_type
                .as_ref()
                .map(|r| r.to_string().to_lowercase()),
            language: function.language.as_ref().map(names::fold),
            body,
            created: self.site.clone(),
        };
        let maybe_exists = !self.function_names.insert(name.clone());
        match self
            .catalog
            .functions
            .iter_mut()
            .filter(|_| maybe_exists)
            .find(|f| f.schema == record.schema && f.name == record.name && f.args == record.args)
        {
            Some(existing) if function.or_replace => *existing = record,
            Some(_) => {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "duplicate-function",
                        format!("function `{name}({})` already exists", record.args),
                    ),
                    "function already exists",
                );
                self.report(diagnostic.help("use CREATE OR REPLACE FUNCTION"));
            }
            None => {
                self.function_positions
                    .entry(name.clone())
                    .or_default()
                    .push(self.catalog.functions.len());
                self.catalog.functions.push(record);
            }
        }
    }

    pub(crate) fn drop_function(&mut self, drop: &DropFunction) {
        for desc in &drop.func_desc {
            let name = self.resolve_with(&desc.name, |q| {
                self.catalog
                    .functions
                    .iter()
                    .any(|f| f.schema == q.schema && f.name == q.name)
            });
            let before = self.catalog.functions.len();
            let args = desc.args.as_ref().map(|args| {
                args.iter()
                    .map(|a| crate::pgtype::normalize(&a.data_type.to_string()).name)
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            self.catalog.functions.retain(|f| {
                !(f.schema == name.schema
                    && f.name == name.name
                    && args.as_ref().is_none_or(|a| *a == f.args))
            });
            self.rebuild_function_positions();
            if before == self.catalog.functions.len() && !drop.if_exists {
                self.report_missing_object("function", &name);
            }
        }
    }

    pub(crate) fn create_trigger(&mut self, trigger: &CreateTrigger) {
        let table = self.resolve_table(&trigger.table_name);
        if !self.require_table_at(&table, "CREATE TRIGGER targets", Some(&trigger.table_name)) {
            return;
        }
        self.history
            .touch(&table, self.migration, self.site.clone());
        let name = names::parts(&trigger.name)
            .last()
            .cloned()
            .unwrap_or_default();
        let function = trigger
            .exec_body
            .as_ref()
            .map(|body| {
                names::parts(&body.func_desc.name)
                    .last()
                    .cloned()
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        if let Some(body) = trigger.exec_body.as_ref() {
            self.check_trigger_function(&table, &body.func_desc.name);
        }
        let exists = if self.tables_with_triggers.contains(&table) {
            self.triggers.find(&table, &name)
        } else {
            None
        };
        self.tables_with_triggers.insert(table.clone());
        match exists {
            Some(at) if trigger.or_replace => self.triggers.remove(at),
            Some(_) => {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "duplicate-trigger",
                        format!("trigger `{name}` already exists on `{table}`"),
                    ),
                    "trigger already exists",
                );
                self.report(diagnostic.help(
                    "drop it first (`DROP TRIGGER IF EXISTS`), or use CREATE OR REPLACE TRIGGER",
                ));
                return;
            }
            None => {}
        };
        self.triggers.push(Trigger {
            schema: table.schema.clone(),
            table: table.name.clone(),
            name,
            function,
            created: self.site.clone(),
        });
    }

    /// After functions left the list: their positions moved.
    fn rebuild_function_positions(&mut self) {
        self.function_positions.clear();
        for (at, function) in self.catalog.functions.iter().enumerate() {
            self.function_positions
                .entry(QualifiedName::new(
                    function.schema.clone(),
                    function.name.clone(),
                ))
                .or_default()
                .push(at);
        }
    }

    /// A trigger function whose body assigns `NEW.column` for a column the table lacks fails at
    /// the first write to the table; where the body is known, say so now.
    fn check_trigger_function(&mut self, table: &QualifiedName, function: &ObjectName) {
        let function_name =
            self.resolve_with(function, |q| self.function_positions.contains_key(q));
        let Some(found) = self
            .function_positions
            .get(&function_name)
            .and_then(|positions| positions.first())
            .and_then(|at| self.catalog.functions.get(*at))
            .cloned()
        else {
            return;
        };
        let Some(body) = &found.body else { return };
        let Some(columns) = self
            .catalog
            .tables
            .get(table)
            .map(|t| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>())
        else {
            return;
        };
        for column in assigned_new_columns(body) {
            if !columns.contains(&column) {
                let diagnostic = self
                    .here(
                        Diagnostic::error(
                            "trigger-unknown-column",
                            format!("trigger function `{}` sets `NEW.{column}`, but table `{table}` has no column `{column}`", found.name),
                        ),
                        "every write to the table will fail",
                    )
                    .related(found.created.file, found.created.range.clone(), format!("`{}` assigns NEW.{column} here", found.name))
                    .help(format!("add `{column}` to `{table}`, or use a trigger function that fits the table"));
                self.report(diagnostic);
            }
        }
    }

    pub(crate) fn drop_trigger(&mut self, drop: &DropTrigger) {
        let name = names::parts(&drop.trigger_name)
            .last()
            .cloned()
            .unwrap_or_default();
        let table = drop.table_name.as_ref().map(|t| self.resolve_table(t));
        let removed = match &table {
            Some(table) => self.triggers.remove_on(table, Some(&name)),
            None => self.triggers.remove_named(&name),
        };
        if removed == 0 && !drop.if_exists {
            let qualified =
                QualifiedName::new(table.map_or_else(|| "public".into(), |t| t.schema), name);
            self.report_missing_object("trigger", &qualified);
        }
    }

    pub(crate) fn create_schema(&mut self, schema: &SchemaName) {
        let name = match schema {
            SchemaName::Simple(name) | SchemaName::NamedAuthorization(name, _) => {
                names::parts(name).join(".")
            }
            SchemaName::UnnamedAuthorization(role) => names::fold(role),
        };
        if !self.catalog.schemas.contains(&name) {
            self.catalog.schemas.push(name);
        }
    }

    pub(crate) fn comment(
        &mut self,
        kind: CommentObject,
        name: &ObjectName,
        comment: Option<String>,
        if_exists: bool,
    ) {
        match kind {
            CommentObject::Table => {
                let table = self.resolve_table(name);
                if self.require_table(&table, "COMMENT ON TABLE targets") {
                    if let Some(t) = self.catalog.tables.get_mut(&table) {
                        t.comment = comment;
                    }
                } else {
                    let _ = if_exists;
                }
            }
            CommentObject::Column => {
                let parts = names::parts(name);
                let Some((column, table_parts)) = parts.split_last() else {
                    return;
                };
                let table_name = ObjectName::from(
                    table_parts
                        .iter()
                        .map(|p| sqlparser::ast::Ident::with_quote('"', p.clone()))
                        .collect::<Vec<_>>(),
                );
                let table = self.resolve_table(&table_name);
                if !self.require_table(&table, "COMMENT ON COLUMN targets") {
                    return;
                }
                match self
                    .catalog
                    .tables
                    .get_mut(&table)
                    .and_then(|t| t.column_mut(column))
                {
                    Some(c) => c.comment = comment,
                    None => self.report_missing_column(&table, column, "COMMENT ON COLUMN"),
                }
            }
            _ => {}
        }
    }
}

/// The type of `CREATE SEQUENCE s AS integer` (bigint when not given).
fn sequence_type(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let at = words.iter().position(|w| w == "as")?;
    Some(crate::pgtype::normalize(words.get(at + 1)?).name)
}

/// Columns a PL/pgSQL body assigns: `NEW.column :=`, or `NEW.column =` at the start of a
/// statement (elsewhere `=` compares).
fn assigned_new_columns(body: &str) -> Vec<String> {
    let mut columns = Vec::new();
    let lower = body.to_lowercase();
    let mut searched = 0;
    while let Some(found) = lower[searched..].find("new.") {
        let at = searched + found;
        let before = lower[..at].trim_end();
        let after = &lower[at + 4..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let tail = after[name.len()..].trim_start();
        let starts_statement = before.is_empty()
            || before.ends_with(';')
            || ["begin", "then", "else", "loop"].iter().any(|k| {
                before.ends_with(k)
                    && !before[..before.len() - k.len()]
                        .ends_with(|c: char| c.is_alphanumeric() || c == '_')
            });
        let assigns = tail.starts_with(":=")
            || (starts_statement && tail.starts_with('=') && !tail.starts_with("=="));
        if assigns && !name.is_empty() && !columns.contains(&name) {
            columns.push(name.clone());
        }
        searched = at + 4 + name.len();
    }
    columns
}

#[cfg(test)]
mod tests {
    use super::assigned_new_columns;

    #[test]
    fn trigger_assignments_are_found() {
        let body = "BEGIN NEW.updated_at := now(); IF NEW.x = 1 THEN END IF; RETURN NEW; END";
        assert_eq!(assigned_new_columns(body), vec!["updated_at".to_string()]);
        assert_eq!(
            assigned_new_columns("BEGIN\n  NEW.total = 0;\nEND"),
            vec!["total".to_string()]
        );
    }
}
