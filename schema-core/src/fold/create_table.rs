//! `CREATE TABLE` and the column and constraint definitions that `ALTER TABLE` shares with it.

use super::Folder;
use crate::catalog::{
    Check, Column, ForeignKey, Index, KeyConstraint, QualifiedName, Sequence, Table,
};
use crate::diagnostic::Diagnostic;
use crate::names;
use crate::pgtype;
use sqlparser::ast::{
    ColumnDef, ColumnOption, CreateTable, GeneratedAs, ObjectName, ReferentialAction,
    TableConstraint,
};

/// A constraint from either a column option or a table constraint, before it gets a name.
#[derive(Debug, Clone)]
pub(crate) enum ConstraintSpec {
    PrimaryKey {
        name: Option<String>,
        columns: Vec<String>,
    },
    Unique {
        name: Option<String>,
        columns: Vec<String>,
    },
    ForeignKey {
        name: Option<String>,
        columns: Vec<String>,
        target: ObjectName,
        target_columns: Vec<String>,
        on_delete: String,
        on_update: String,
    },
    Check {
        name: Option<String>,
        expression: String,
        column: Option<String>,
    },
    /// A kind the catalog does not model (EXCLUDE, MySQL's INDEX ...): reported, not applied.
    Unmodeled(String),
}

impl Folder<'_> {
    pub(crate) fn create_table(&mut self, create: &CreateTable) {
        let name = self.qualify_for_create(&create.name);
        if create.temporary {
            return; // temporary tables vanish with the session that runs the migration
        }
        let mut table = Table::new(&name, self.site.clone());
        let mut constraints = Vec::new();
        for definition in &create.columns {
            self.focus_on(&definition.name);
            let (column, column_constraints) = self.column_from_def(&name, definition);
            if table.column(&column.name).is_some() {
                let diagnostic = self.here(
                    Diagnostic::error(
                        "duplicate-column",
                        format!("column `{}` is listed twice in `{name}`", column.name),
                    ),
                    "second definition of the column",
                );
                self.report(diagnostic.help("remove one of the two definitions"));
                continue;
            }
            table.columns.push(column);
            constraints.extend(column_constraints);
        }
        self.unfocus();
        for constraint in &create.constraints {
            constraints.push(constraint_spec(constraint));
        }
        let mut partition_parent = None;
        if let Some(parent) = create
            .partition_of
            .as_ref()
            .or(create.inherits.as_ref().and_then(|p| p.first()))
        {
            let parent_name = self.resolve_table(parent);
            if self.require_table(&parent_name, "the table inherits from") {
                if create.partition_of.is_some() {
                    partition_parent = Some(parent_name.clone());
                } else {
                    table.inherits = Some(parent_name.clone());
                }
                let parent_columns = self.catalog.tables[&parent_name].columns.clone();
                let own = std::mem::take(&mut table.columns);
                table.columns = parent_columns;
                for column in own {
                    match table.column_mut(&column.name) {
                        Some(existing) => *existing = column,
                        None => table.columns.push(column),
                    }
                }
            }
        }
        if create.query.is_some() || create.like.is_some() {
            let diagnostic = self.here(
                Diagnostic::warning(
                    "unmodeled-statement",
                    format!("the columns of `{name}` come from a query or another table and are not tracked"),
                ),
                "columns not known to the analyzer",
            );
            self.report(diagnostic.help(
                "list the columns explicitly if later migrations or the generated code need them",
            ));
        }

        if let Some(existing) = self.catalog.tables.get(&name).cloned() {
            self.table_created_again(&name, &existing, &table, &constraints, create.if_not_exists);
            return;
        }
        if self.catalog.relation_exists(&name) {
            let diagnostic = self.here(
                Diagnostic::error(
                    "duplicate-relation",
                    format!("`{name}` already exists as a view, sequence or index"),
                ),
                "name already taken",
            );
            self.report(diagnostic.help(
                "choose another name; tables, views, sequences and indexes share one namespace",
            ));
            return;
        }
        self.history.touch(&name, self.migration, self.site.clone());
        table.partition_of = partition_parent.clone();
        table.partition_by = create.partition_by.as_ref().map(|key| key.to_string());
        if partition_parent.is_some() {
            table.partition_bound = create.for_values.as_ref().map(ToString::to_string);
        }
        self.insert_table(table);
        for spec in constraints {
            self.add_constraint(&name, spec, false);
        }
        if let Some(parent) = partition_parent {
            self.inherit_partition_keys(&parent, &name);
        }
        if let Some(comment) = &create.comment {
            let text = comment.to_string();
            if let Some(table) = self.catalog.tables.get_mut(&name) {
                table.comment = Some(text);
            }
        }
    }

    /// A new partition gets the parent's primary key and indexes, under its own default names.
    fn inherit_partition_keys(&mut self, parent: &QualifiedName, partition: &QualifiedName) {
        let Some(parent_table) = self.catalog.tables.get(parent).cloned() else {
            return;
        };
        if let Some(pk) = &parent_table.primary_key {
            let spec = ConstraintSpec::PrimaryKey {
                name: None,
                columns: pk.columns.clone(),
            };
            self.add_constraint(partition, spec, false);
        }
        for index in parent_table
            .indexes
            .iter()
            .filter(|i| i.constraint.is_none())
        {
            self.add_partition_index(partition, index);
        }
    }

    /// The copy of a partitioned table's index on one partition.
    pub(crate) fn add_partition_index(
        &mut self,
        partition: &QualifiedName,
        index: &crate::catalog::Index,
    ) {
        let key_names: Vec<String> = index
            .columns
            .iter()
            .map(|c| {
                if index.has_expressions && c.contains('(') {
                    "expr".into()
                } else {
                    c.clone()
                }
            })
            .collect();
        let name = self.choose_relation_name(
            partition,
            &partition.name,
            Some(&names::join_columns(&key_names)),
            "idx",
        );
        if let Some(table) = self.catalog.tables.get_mut(partition) {
            let mut copy = index.clone();
            copy.name = name.clone();
            table.indexes.push(copy);
            self.catalog.register_index(partition, &name);
        }
    }

    /// Tables that receive the columns added to `parent`: its partitions and inheritors.
    pub(crate) fn column_children(&self, parent: &QualifiedName) -> Vec<QualifiedName> {
        self.children_where(parent, |t| {
            t.partition_of.as_ref() == Some(parent) || t.inherits.as_ref() == Some(parent)
        })
    }

    /// The partitions of `parent`.
    pub(crate) fn partitions(&self, parent: &QualifiedName) -> Vec<QualifiedName> {
        self.children_where(parent, |t| t.partition_of.as_ref() == Some(parent))
    }

    /// The tables `children_by_parent` lists under `parent` that pass `is_child`, in catalog
    /// order (as a scan of every table would find them).
    fn children_where(
        &self,
        parent: &QualifiedName,
        is_child: impl Fn(&Table) -> bool,
    ) -> Vec<QualifiedName> {
        let Some(candidates) = self.children_by_parent.get(parent) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, QualifiedName)> = candidates
            .iter()
            .filter_map(|key| {
                let (at, _, table) = self.catalog.tables.get_full(key)?;
                is_child(table).then(|| (at, key.clone()))
            })
            .collect();
        found.sort_unstable_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, key)| key).collect()
    }

    /// Records under its parent a table that is a partition or a child of another (after
    /// creating or renaming it), for `column_children` and `partitions`.
    pub(crate) fn note_parent(&mut self, table: &QualifiedName) {
        let Some(t) = self.catalog.tables.get(table) else {
            return;
        };
        for parent in [&t.partition_of, &t.inherits].into_iter().flatten() {
            self.children_by_parent
                .entry(parent.clone())
                .or_default()
                .insert(table.clone());
        }
    }

    /// Adds the table and the sequences its serial and identity columns own.
    pub(crate) fn insert_table(&mut self, mut table: Table) {
        let name = table.qualified();
        for column in &mut table.columns {
            self.attach_column_sequence(&name, column);
        }
        self.catalog.tables.insert(name.clone(), table);
        self.note_column_types(&name, None);
        self.note_parent(&name);
    }

    /// `serial` columns get a `nextval` default; serial and identity columns an owned sequence.
    pub(crate) fn attach_column_sequence(&mut self, table: &QualifiedName, column: &mut Column) {
        let is_serial = column.default.as_deref() == Some(SERIAL_MARKER);
        if !is_serial && column.identity.is_none() {
            return;
        }
        let sequence = names::choose_name(&table.name, Some(&column.name), "seq", |candidate| {
            self.catalog
                .relation_exists(&QualifiedName::new(table.schema.clone(), candidate))
        });
        let qualified = QualifiedName::new(table.schema.clone(), sequence.clone());
        if is_serial {
            let quoted = names::quote_if_needed(&sequence);
            let shown = if table.schema == "public" {
                quoted
            } else {
                format!("{}.{quoted}", names::quote_if_needed(&table.schema))
            };
            column.default = Some(format!("nextval('{shown}'::regclass)"));
        }
        self.column_sequences
            .insert((table.clone(), column.name.clone()), qualified.clone());
        self.catalog.sequences.insert(
            qualified,
            Sequence {
                schema: table.schema.clone(),
                name: sequence,
                owned_by: Some(format!("{}.{}", table.name, column.name)),
                data_type: column.data_type.clone(),
            },
        );
    }

    /// `CREATE TABLE` of a table that exists: an error, or with `IF NOT EXISTS` a no-op that
    /// hides a conflicting definition (error) or repeats the same one (warning).
    fn table_created_again(
        &mut self,
        name: &QualifiedName,
        existing: &Table,
        new: &Table,
        constraints: &[ConstraintSpec],
        if_not_exists: bool,
    ) {
        let first = existing.created.clone();
        let first_path = self.file_path(first.file).to_string();
        self.history.touch(name, self.migration, self.site.clone());
        if !if_not_exists {
            let diagnostic = self
                .here(
                    Diagnostic::error("duplicate-table", format!("table `{name}` is created twice; it already exists since `{first_path}`")),
                    "created again here",
                )
                .related(first.file, first.range, "first created here")
                .help(format!("remove this CREATE TABLE and express the changes as ALTER TABLE statements against the table from `{first_path}`"));
            self.report(diagnostic);
            return;
        }
        let differences = definition_differences(existing, new, constraints);
        if differences.is_empty() {
            let diagnostic = self
                .here(
                    Diagnostic::warning("redundant-definition", format!("`CREATE TABLE IF NOT EXISTS {name}` repeats the definition from `{first_path}` and does nothing")),
                    "no-op: the table already exists with this definition",
                )
                .related(first.file, first.range, "first created here")
                .help("remove the redundant statement");
            self.report(diagnostic);
        } else {
            let diagnostic = self
                .here(
                    Diagnostic::error(
                        "conflicting-definition",
                        format!(
                            "`CREATE TABLE IF NOT EXISTS {name}` is skipped because the table exists since `{first_path}`, but its definition differs: {}",
                            differences.join("; ")
                        ),
                    ),
                    "this definition is silently ignored",
                )
                .related(first.file, first.range, "the definition that is in effect")
                .help("databases built from this history get the first definition; write ALTER TABLE statements for the differences you need, then remove this statement");
            self.report(diagnostic);
        }
    }

    /// A column from its definition, plus the constraints its options declare.
    pub(crate) fn column_from_def(
        &mut self,
        table: &QualifiedName,
        def: &ColumnDef,
    ) -> (Column, Vec<ConstraintSpec>) {
        let name = names::fold(&def.name);
        let written = def.data_type.to_string();
        let column_type = self.resolve_type_name(&pgtype::normalize(&written).name);
        let serial = pgtype::normalize(&written).serial;
        let mut column = Column {
            name: name.clone(),
            data_type: column_type,
            not_null: serial,
            default: serial.then(|| SERIAL_MARKER.to_string()),
            identity: None,
            generated: None,
            comment: None,
            added: self.site.clone(),
        };
        let mut constraints = Vec::new();
        for option in &def.options {
            let constraint_name = option.name.as_ref().map(names::fold);
            match &option.option {
                ColumnOption::Null => column.not_null = false,
                ColumnOption::NotNull => column.not_null = true,
                ColumnOption::Default(expr) => column.default = Some(expr.to_string()),
                ColumnOption::PrimaryKey(_) => {
                    column.not_null = true;
                    constraints.push(ConstraintSpec::PrimaryKey {
                        name: constraint_name,
                        columns: vec![name.clone()],
                    });
                }
                ColumnOption::Unique(_) => constraints.push(ConstraintSpec::Unique {
                    name: constraint_name,
                    columns: vec![name.clone()],
                }),
                ColumnOption::ForeignKey(fk) => constraints.push(ConstraintSpec::ForeignKey {
                    name: constraint_name,
                    columns: vec![name.clone()],
                    target: fk.foreign_table.clone(),
                    target_columns: fk.referred_columns.iter().map(names::fold).collect(),
                    on_delete: action(fk.on_delete.as_ref()),
                    on_update: action(fk.on_update.as_ref()),
                }),
                ColumnOption::Check(check) => constraints.push(ConstraintSpec::Check {
                    name: constraint_name,
                    expression: check.expr.to_string(),
                    column: Some(name.clone()),
                }),
                ColumnOption::Generated {
                    generated_as,
                    generation_expr,
                    ..
                } => {
                    match (generation_expr, generated_as) {
                        (Some(expr), _) => column.generated = Some(expr.to_string()),
                        (None, GeneratedAs::Always) => column.identity = Some("always".into()),
                        (None, _) => column.identity = Some("by default".into()),
                    }
                    if column.identity.is_some() {
                        column.not_null = true;
                    }
                }
                ColumnOption::Identity(_) => {
                    column.identity = Some("by default".into());
                    column.not_null = true;
                }
                ColumnOption::Comment(text) => column.comment = Some(text.clone()),
                ColumnOption::Collation(_) | ColumnOption::CharacterSet(_) => {}
                // SQLite's AUTOINCREMENT only changes how rowids are reused: no catalog effect.
                ColumnOption::DialectSpecific(tokens)
                    if tokens
                        .iter()
                        .all(|t| t.to_string().eq_ignore_ascii_case("autoincrement")) => {}
                other => {
                    let diagnostic = self.here(
                        Diagnostic::warning(
                            "unmodeled-statement",
                            format!("column option `{other}` of `{table}.{name}` is not modeled by the analyzer"),
                        ),
                        "not reflected in the catalog",
                    );
                    self.report(diagnostic);
                }
            }
        }
        (column, constraints)
    }

    /// A type name that is a user enum in a schema outside the search path shows qualified.
    fn resolve_type_name(&self, name: &str) -> String {
        name.to_string()
    }

    /// Names and applies one constraint to an existing table, with the checks it needs.
    pub(crate) fn add_constraint(
        &mut self,
        table_name: &QualifiedName,
        spec: ConstraintSpec,
        not_valid: bool,
    ) {
        let _ = not_valid;
        let Some(table_label) = self.catalog.tables.get(table_name).map(|t| t.name.clone()) else {
            return;
        };
        match spec {
            ConstraintSpec::PrimaryKey { name, columns } => {
                self.add_key(table_name, &table_label, name, columns, true)
            }
            ConstraintSpec::Unique { name, columns } => {
                self.add_key(table_name, &table_label, name, columns, false)
            }
            ConstraintSpec::ForeignKey {
                name,
                columns,
                target,
                target_columns,
                on_delete,
                on_update,
            } => {
                if !self.columns_exist(table_name, &columns, "foreign key") {
                    return;
                }
                let target_name = self.resolve_table(&target);
                let mut ref_columns = target_columns;
                if self.require_table_at(&target_name, "foreign key references", Some(&target)) {
                    match self.check_foreign_key(table_name, &columns, &target_name, &ref_columns) {
                        Some(resolved) => ref_columns = resolved,
                        None => return,
                    }
                }
                let name = name.unwrap_or_else(|| {
                    self.choose_constraint_name(
                        table_name,
                        &table_label,
                        Some(&names::join_columns(&columns)),
                        "fkey",
                    )
                });
                self.referenced_by
                    .entry(target_name.clone())
                    .or_default()
                    .insert(table_name.clone());
                let Some(table) = self.catalog.tables.get_mut(table_name) else {
                    return;
                };
                table.foreign_keys.push(ForeignKey {
                    name,
                    columns,
                    ref_schema: target_name.schema,
                    ref_table: target_name.name,
                    ref_columns,
                    on_delete,
                    on_update,
                    added: self.site.clone(),
                });
            }
            ConstraintSpec::Check {
                name,
                expression,
                column,
            } => {
                let column = column.or_else(|| {
                    let table = self.catalog.tables.get(table_name)?;
                    single_column_of(table, &expression)
                });
                let name = name.unwrap_or_else(|| {
                    self.choose_constraint_name(
                        table_name,
                        &table_label,
                        column.as_deref(),
                        "check",
                    )
                });
                let Some(table) = self.catalog.tables.get_mut(table_name) else {
                    return;
                };
                table.checks.push(Check { name, expression });
            }
            ConstraintSpec::Unmodeled(text) => {
                let diagnostic = self.here(
                    Diagnostic::warning(
                        "unmodeled-statement",
                        format!(
                            "constraint `{text}` on `{table_name}` is not modeled by the analyzer"
                        ),
                    ),
                    "not reflected in the catalog",
                );
                self.report(diagnostic);
            }
        }
    }

    /// A primary key or unique constraint, with the index PostgreSQL creates for it.
    fn add_key(
        &mut self,
        table_name: &QualifiedName,
        table_label: &str,
        name: Option<String>,
        columns: Vec<String>,
        primary: bool,
    ) {
        let what = if primary {
            "primary key"
        } else {
            "unique constraint"
        };
        if !self.columns_exist(table_name, &columns, what)
            || !self.relation_name_free(table_name, name.as_deref())
        {
            return;
        }
        let existing = self
            .catalog
            .tables
            .get(table_name)
            .and_then(|t| t.primary_key.clone());
        if let (true, Some(existing)) = (primary, existing) {
            let message = format!(
                "table `{table_name}` already has a primary key `{}`",
                existing.name
            );
            let diagnostic = self.here(
                Diagnostic::error("duplicate-primary-key", message),
                "second primary key",
            );
            self.report(diagnostic.help("drop the existing primary key constraint first"));
            return;
        }
        let name = name.unwrap_or_else(|| {
            if primary {
                self.choose_relation_name(table_name, table_label, None, "pkey")
            } else {
                self.choose_relation_name(
                    table_name,
                    table_label,
                    Some(&names::join_columns(&columns)),
                    "key",
                )
            }
        });
        let site = self.site.clone();
        let Some(table) = self.catalog.tables.get_mut(table_name) else {
            return;
        };
        let key = KeyConstraint {
            name: name.clone(),
            columns: columns.clone(),
        };
        if primary {
            for column in &columns {
                if let Some(column) = table.column_mut(column) {
                    column.not_null = true;
                }
            }
            table.primary_key = Some(key);
        } else {
            table.unique.push(key);
        }
        table
            .indexes
            .push(constraint_index(&name, columns, primary, site));
        self.catalog.register_index(table_name, &name);
    }

    /// A primary key or unique constraint creates an index of its name: the name must be free
    /// among the schema's relations. True when it is (or when PostgreSQL will choose it).
    fn relation_name_free(&mut self, table: &QualifiedName, name: Option<&str>) -> bool {
        let Some(name) = name else { return true };
        let qualified = QualifiedName::new(table.schema.clone(), name);
        if !self.catalog.relation_exists(&qualified) {
            return true;
        }
        let diagnostic = self.here(
            Diagnostic::error("duplicate-relation", format!("constraint `{name}` needs an index of that name, but relation `{qualified}` already exists")),
            "name already taken",
        );
        self.report(diagnostic.help("choose another constraint name; a column declared UNIQUE already gets `table_column_key`"));
        false
    }

    /// Reports columns of `table` that do not exist; true when all do.
    pub(crate) fn columns_exist(
        &mut self,
        table: &QualifiedName,
        columns: &[String],
        what: &str,
    ) -> bool {
        // Borrowed, not cloned: this runs for every key, index and constraint, and a table
        // grows with the history.
        let Some(existing) = self.catalog.tables.get(table) else {
            return false;
        };
        let missing: Vec<String> = columns
            .iter()
            .filter(|c| existing.column(c).is_none())
            .cloned()
            .collect();
        if missing.is_empty() {
            return true;
        }
        let created = existing.created.clone();
        for column in &missing {
            if self.unverifiable_column(table, column, what) {
                continue;
            }
            let created = created.clone();
            let diagnostic = self
                .here(
                    Diagnostic::error(
                        "missing-column",
                        format!(
                            "{what} names column `{column}`, which table `{table}` does not have"
                        ),
                    ),
                    format!("`{table}` has no column `{column}`"),
                )
                .related(
                    created.file,
                    created.range,
                    format!("`{table}` is created here"),
                )
                .help(format!(
                    "add `{column}` to `{table}` first, or fix the column name"
                ));
            self.report(diagnostic);
        }
        missing.is_empty()
    }

    /// Checks a foreign key against its target; returns the referenced columns (the target's
    /// primary key when none were named), or `None` after reporting a fatal problem.
    fn check_foreign_key(
        &mut self,
        table_name: &QualifiedName,
        columns: &[String],
        target_name: &QualifiedName,
        target_columns: &[String],
    ) -> Option<Vec<String>> {
        // Only what is needed is copied out of the tables: cloning whole tables per foreign key
        // made the fold grow with the size of the tables as well as the number of keys.
        let target = self.catalog.tables.get(target_name)?;
        let target_created = target.created.clone();
        let target_key = target.primary_key.as_ref().map(|pk| pk.columns.clone());
        let ref_columns = if target_columns.is_empty() {
            match target_key {
                Some(columns) => columns,
                None => {
                    let diagnostic = self
                        .here(
                            Diagnostic::error("fk-target-not-unique", format!("foreign key references `{target_name}`, which has no primary key")),
                            "no primary key to reference",
                        )
                        .related(target_created.file, target_created.range, format!("`{target_name}` is created here"))
                        .help(format!("name the referenced columns, or give `{target_name}` a primary key"));
                    self.report(diagnostic);
                    return None;
                }
            }
        } else {
            target_columns.to_vec()
        };
        if !self.columns_exist(target_name, &ref_columns, "foreign key") {
            return None;
        }
        if ref_columns.len() != columns.len() {
            let diagnostic = self.here(
                Diagnostic::error(
                    "fk-column-count",
                    format!(
                        "foreign key has {} column(s) but references {} in `{target_name}`",
                        columns.len(),
                        ref_columns.len()
                    ),
                ),
                "column counts differ",
            );
            self.report(diagnostic);
            return None;
        }
        let unique = self
            .catalog
            .tables
            .get(target_name)
            .is_some_and(|target| is_unique_key(target, &ref_columns));
        if !unique {
            let diagnostic = self
                .here(
                    Diagnostic::error(
                        "fk-target-not-unique",
                        format!("foreign key references `{target_name}` ({}), which is neither its primary key nor unique", ref_columns.join(", ")),
                    ),
                    "PostgreSQL rejects this: there is no unique constraint matching the keys",
                )
                .related(target_created.file, target_created.range, format!("`{target_name}` is created here"))
                .help(format!("add a unique constraint on `{target_name}` ({}) first", ref_columns.join(", ")));
            self.report(diagnostic);
            return None;
        }
        let table = self.catalog.tables.get(table_name)?;
        let target = self.catalog.tables.get(target_name)?;
        let mismatches: Vec<(&String, &String, Column, Column)> = columns
            .iter()
            .zip(&ref_columns)
            .filter_map(|(column, ref_column)| {
                let own = table.column(column)?;
                let referenced = target.column(ref_column)?;
                (own.data_type != referenced.data_type)
                    .then(|| (column, ref_column, own.clone(), referenced.clone()))
            })
            .collect();
        for (column, ref_column, own, referenced) in mismatches {
            let comparable = pgtype::compatible(&own.data_type, &referenced.data_type);
            let message = format!(
                "foreign key column `{table_name}.{column}` is `{}` but references `{target_name}.{ref_column}` of type `{}`",
                own.data_type, referenced.data_type
            );
            let diagnostic = if comparable {
                Diagnostic::warning("fk-type-mismatch", message)
            } else {
                Diagnostic::error("fk-type-mismatch", message)
            };
            let diagnostic = self
                .here(diagnostic, "types differ")
                .related(
                    referenced.added.file,
                    referenced.added.range.clone(),
                    format!("`{target_name}.{ref_column}` is declared here"),
                )
                .help(format!("declare `{column}` as `{}`", referenced.data_type));
            self.report(diagnostic);
            if !comparable {
                return None;
            }
        }
        Some(ref_columns)
    }

    /// Index-backed names (primary keys, unique constraints, indexes) must be free among the
    /// schema's relations.
    pub(crate) fn choose_relation_name(
        &self,
        table: &QualifiedName,
        name1: &str,
        name2: Option<&str>,
        label: &str,
    ) -> String {
        names::choose_name(name1, name2, label, |candidate| {
            self.catalog
                .relation_exists(&QualifiedName::new(table.schema.clone(), candidate))
        })
    }

    /// Other constraint names must be free among the table's constraints.
    fn choose_constraint_name(
        &self,
        table: &QualifiedName,
        name1: &str,
        name2: Option<&str>,
        label: &str,
    ) -> String {
        let existing: Vec<String> = self
            .catalog
            .tables
            .get(table)
            .map(|t| t.constraint_names().map(str::to_string).collect())
            .unwrap_or_default();
        names::choose_name(name1, name2, label, |candidate| {
            existing.iter().any(|n| n == candidate)
        })
    }
}

/// Placeholder default of a serial column until its sequence is named.
pub(crate) const SERIAL_MARKER: &str = "\u{0}serial";

pub(crate) fn constraint_spec(constraint: &TableConstraint) -> ConstraintSpec {
    let fold_all = |columns: &[sqlparser::ast::IndexColumn]| -> Vec<String> {
        columns
            .iter()
            .map(|c| index_column_name(&c.column.expr))
            .collect()
    };
    match constraint {
        TableConstraint::PrimaryKey(pk) => ConstraintSpec::PrimaryKey {
            name: pk.name.as_ref().map(names::fold),
            columns: fold_all(&pk.columns),
        },
        TableConstraint::Unique(unique) => ConstraintSpec::Unique {
            name: unique.name.as_ref().map(names::fold),
            columns: fold_all(&unique.columns),
        },
        TableConstraint::ForeignKey(fk) => ConstraintSpec::ForeignKey {
            name: fk.name.as_ref().map(names::fold),
            columns: fk.columns.iter().map(names::fold).collect(),
            target: fk.foreign_table.clone(),
            target_columns: fk.referred_columns.iter().map(names::fold).collect(),
            on_delete: action(fk.on_delete.as_ref()),
            on_update: action(fk.on_update.as_ref()),
        },
        TableConstraint::Check(check) => ConstraintSpec::Check {
            name: check.name.as_ref().map(names::fold),
            expression: check.expr.to_string(),
            column: None,
        },
        other => ConstraintSpec::Unmodeled(other.to_string()),
    }
}

/// A key column: a plain identifier folds; an expression keeps its SQL text.
pub(crate) fn index_column_name(expr: &sqlparser::ast::Expr) -> String {
    match expr {
        sqlparser::ast::Expr::Identifier(ident) => names::fold(ident),
        sqlparser::ast::Expr::Nested(inner) => index_column_name(inner),
        other => other.to_string(),
    }
}

pub(crate) fn action(action: Option<&ReferentialAction>) -> String {
    action.map_or_else(|| "no action".to_string(), |a| a.to_string().to_lowercase())
}

fn constraint_index(
    name: &str,
    columns: Vec<String>,
    primary: bool,
    created: crate::catalog::Site,
) -> Index {
    Index {
        name: name.to_string(),
        columns,
        unique: true,
        primary,
        method: "btree".into(),
        predicate: None,
        has_expressions: false,
        constraint: Some(name.to_string()),
        created,
    }
}

/// True when `columns` are exactly the table's primary key, a unique constraint, or a plain
/// unique index: what PostgreSQL requires of a foreign key's target.
fn is_unique_key(table: &Table, columns: &[String]) -> bool {
    let same = |other: &[String]| {
        other.len() == columns.len() && other.iter().all(|c| columns.contains(c))
    };
    table
        .primary_key
        .as_ref()
        .is_some_and(|pk| same(&pk.columns))
        || table.unique.iter().any(|u| same(&u.columns))
        || table
            .indexes
            .iter()
            .any(|i| i.unique && i.predicate.is_none() && !i.has_expressions && same(&i.columns))
}

/// The one table column a CHECK expression reads, if it reads exactly one (PostgreSQL then
/// names the constraint `table_column_check`, otherwise `table_check`).
fn single_column_of(table: &Table, expression: &str) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for word in identifier_words(expression) {
        if table.column(&word).is_some() && !found.contains(&word) {
            found.push(word);
        }
    }
    (found.len() == 1).then(|| found.remove(0))
}

/// Identifiers of an expression's text, folded, skipping string literals.
pub(crate) fn identifier_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if c == '\'' {
            for (_, inner) in chars.by_ref() {
                if inner == '\'' {
                    break;
                }
            }
        } else if c == '"' {
            let mut word = String::new();
            for (_, inner) in chars.by_ref() {
                if inner == '"' {
                    break;
                }
                word.push(inner);
            }
            words.push(word);
        } else if c.is_alphabetic() || c == '_' {
            let mut word = c.to_lowercase().to_string();
            while let Some((_, next)) = chars.peek() {
                if next.is_alphanumeric() || *next == '_' || *next == '$' {
                    word.extend(next.to_lowercase());
                    chars.next();
                } else {
                    break;
                }
            }
            words.push(word);
        }
    }
    words
}

/// What differs between an existing table and a re-definition, column by column.
fn definition_differences(
    existing: &Table,
    new: &Table,
    constraints: &[ConstraintSpec],
) -> Vec<String> {
    let mut differences = Vec::new();
    for column in &existing.columns {
        match new.column(&column.name) {
            None => differences.push(format!(
                "column `{}` exists but is not in this definition",
                column.name
            )),
            Some(other) => {
                if other.data_type != column.data_type {
                    differences.push(format!(
                        "column `{}` is `{}` here but `{}` in the table",
                        column.name, other.data_type, column.data_type
                    ));
                }
                let new_not_null = other.not_null
                    || constraints.iter().any(|c| matches!(c, ConstraintSpec::PrimaryKey { columns, .. } if columns.contains(&column.name)));
                if new_not_null != column.not_null {
                    differences.push(format!(
                        "column `{}` is {} here but {} in the table",
                        column.name,
                        if new_not_null { "NOT NULL" } else { "nullable" },
                        if column.not_null {
                            "NOT NULL"
                        } else {
                            "nullable"
                        }
                    ));
                }
                let normalize =
                    |d: &Option<String>| d.as_deref().map(|s| s.to_lowercase().replace(' ', ""));
                if column.identity.is_none()
                    && normalize(&other.default) != normalize(&column.default)
                    && other.default.as_deref() != Some(SERIAL_MARKER)
                {
                    differences.push(format!(
                        "column `{}` defaults to {} here but to {} in the table",
                        column.name,
                        other
                            .default
                            .as_deref()
                            .map_or("nothing".into(), |d| format!("`{d}`")),
                        column
                            .default
                            .as_deref()
                            .map_or("nothing".into(), |d| format!("`{d}`"))
                    ));
                }
            }
        }
    }
    for column in &new.columns {
        if existing.column(&column.name).is_none() {
            differences.push(format!(
                "column `{}` `{}` is only in this definition",
                column.name, column.data_type
            ));
        }
    }
    differences
}
