//! `ALTER TABLE`: every sub-command either changes the catalog or is reported as not modeled.

use super::Folder;
use super::create_table::{ConstraintSpec, SERIAL_MARKER, constraint_spec};
use super::history::{Rename, RenameKind};
use crate::catalog::QualifiedName;
use crate::diagnostic::Diagnostic;
use crate::names;
use crate::pgtype;
use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, GeneratedAs, RenameTableNameKind,
};

impl Folder<'_> {
    pub(crate) fn alter_table(&mut self, alter: &AlterTable) {
        let name = self.resolve_table(&alter.name);
        if !self.catalog.tables.contains_key(&name) {
            if alter.if_exists || self.is_external(&name) {
                return;
            }
            self.require_table_at(&name, "ALTER TABLE targets", Some(&alter.name));
            return;
        }
        self.history.touch(&name, self.migration, self.site.clone());
        let mut name = name;
        for operation in &alter.operations {
            if let Some(renamed) = self.alter_table_operation(&name, operation) {
                name = renamed;
            }
        }
    }

    /// Applies one sub-command; returns the new name when it renamed the table.
    fn alter_table_operation(
        &mut self,
        table: &QualifiedName,
        operation: &AlterTableOperation,
    ) -> Option<QualifiedName> {
        let column = match operation {
            AlterTableOperation::AddColumn { column_def, .. } => Some(&column_def.name),
            AlterTableOperation::DropColumn { column_names, .. } => column_names.first(),
            AlterTableOperation::RenameColumn {
                old_column_name, ..
            } => Some(old_column_name),
            AlterTableOperation::AlterColumn { column_name, .. } => Some(column_name),
            _ => None,
        };
        if let Some(column) = column {
            self.focus_on(column);
        }
        let renamed = self.apply_alter_table_operation(table, operation);
        self.unfocus();
        renamed
    }

    fn apply_alter_table_operation(
        &mut self,
        table: &QualifiedName,
        operation: &AlterTableOperation,
    ) -> Option<QualifiedName> {
        match operation {
            AlterTableOperation::AddColumn {
                if_not_exists,
                column_def,
                ..
            } => {
                let (column, constraints) = self.column_from_def(table, column_def);
                self.add_column(table, column, *if_not_exists, constraints);
            }
            AlterTableOperation::DropColumn {
                column_names,
                if_exists,
                ..
            } => {
                for column in column_names {
                    self.drop_column(table, &names::fold(column), *if_exists);
                }
            }
            AlterTableOperation::RenameColumn {
                old_column_name,
                new_column_name,
            } => {
                self.rename_column(
                    table,
                    &names::fold(old_column_name),
                    &names::fold(new_column_name),
                );
            }
            AlterTableOperation::RenameTable { table_name } => {
                let new_name = match table_name {
                    RenameTableNameKind::As(name) | RenameTableNameKind::To(name) => name,
                };
                let parts = names::parts(new_name);
                let new = QualifiedName::new(
                    table.schema.clone(),
                    parts.last().cloned().unwrap_or_default(),
                );
                return self.rename_table(table, new);
            }
            AlterTableOperation::AlterColumn { column_name, op } => {
                self.alter_column(table, &names::fold(column_name), op);
            }
            AlterTableOperation::AddConstraint {
                constraint,
                not_valid,
            } => {
                self.add_constraint(table, constraint_spec(constraint), *not_valid);
            }
            AlterTableOperation::DropConstraint {
                if_exists, name, ..
            } => {
                self.drop_constraint(table, &names::fold(name), *if_exists);
            }
            AlterTableOperation::RenameConstraint { old_name, new_name } => {
                self.rename_constraint(table, &names::fold(old_name), &names::fold(new_name));
            }
            AlterTableOperation::DropPrimaryKey { .. } => {
                if let Some(pk) = self
                    .catalog
                    .tables
                    .get(table)
                    .and_then(|t| t.primary_key.clone())
                {
                    self.drop_constraint(table, &pk.name, false);
                }
            }
            AlterTableOperation::OwnerTo { .. }
            | AlterTableOperation::EnableRowLevelSecurity
            | AlterTableOperation::DisableRowLevelSecurity
            | AlterTableOperation::ForceRowLevelSecurity
            | AlterTableOperation::NoForceRowLevelSecurity
            | AlterTableOperation::EnableTrigger { .. }
            | AlterTableOperation::DisableTrigger { .. }
            | AlterTableOperation::EnableAlwaysTrigger { .. }
            | AlterTableOperation::EnableReplicaTrigger { .. }
            | AlterTableOperation::EnableRule { .. }
            | AlterTableOperation::DisableRule { .. }
            | AlterTableOperation::ReplicaIdentity { .. }
            | AlterTableOperation::SetLogged
            | AlterTableOperation::SetUnlogged => {
                // Ownership, row security, trigger switches and logging change no column,
                // key or index: nothing in the catalog to update, and nothing to verify.
            }
            other => {
                let diagnostic = self.here(
                    Diagnostic::warning(
                        "unmodeled-statement",
                        format!("`ALTER TABLE {table} {other}` is not modeled: the catalog may differ from the database here"),
                    ),
                    "sub-command not reflected in the catalog",
                );
                self.report(diagnostic);
            }
        }
        None
    }

    pub(crate) fn add_column(
        &mut self,
        table: &QualifiedName,
        mut column: crate::catalog::Column,
        if_not_exists: bool,
        constraints: Vec<ConstraintSpec>,
    ) {
        let Some(existing) = self
            .catalog
            .tables
            .get(table)
            .and_then(|t| t.column(&column.name))
            .cloned()
        else {
            self.history
                .column_added(table, &column.name, self.migration, self.site.clone());
            self.attach_column_sequence(table, &mut column);
            let column_name = column.name.clone();
            for child in self.column_children(table) {
                if let Some(t) = self.catalog.tables.get_mut(&child) {
                    t.columns.push(column.clone());
                    self.note_column_types(&child, Some(&column_name));
                }
            }
            if let Some(t) = self.catalog.tables.get_mut(table) {
                t.columns.push(column);
                self.note_column_types(table, Some(&column_name));
            }
            for spec in constraints {
                self.add_constraint(table, spec, false);
            }
            return;
        };
        self.history
            .column_added(table, &column.name, self.migration, self.site.clone());
        let first_path = self.file_path(existing.added.file).to_string();
        let same_type = existing.data_type == column.data_type;
        if if_not_exists && same_type {
            let diagnostic = self
                .here(
                    Diagnostic::warning(
                        "redundant-column",
                        format!("column `{table}.{}` already exists since `{first_path}`; `ADD COLUMN IF NOT EXISTS` does nothing", column.name),
                    ),
                    "no-op: the column exists with this type",
                )
                .related(existing.added.file, existing.added.range, "first added here")
                .help("remove this ADD COLUMN");
            self.report(diagnostic);
            return;
        }
        let message = if if_not_exists {
            format!(
                "column `{table}.{}` already exists as `{}` (since `{first_path}`), so `ADD COLUMN IF NOT EXISTS` silently keeps that type instead of `{}`",
                column.name, existing.data_type, column.data_type
            )
        } else {
            format!(
                "column `{table}.{}` is added twice; it exists since `{first_path}`",
                column.name
            )
        };
        let column_name = column.name.clone();
        let diagnostic = self
            .here(Diagnostic::error("duplicate-column", message), "column added again here")
            .related(existing.added.file, existing.added.range, "first added here")
            .help(if if_not_exists {
                format!("use `ALTER TABLE {table} ALTER COLUMN {column_name} TYPE {}` to change the type", column.data_type)
            } else {
                "remove this ADD COLUMN, or use ALTER COLUMN to change the existing column".to_string()
            });
        self.report(diagnostic);
    }

    fn drop_column(&mut self, table: &QualifiedName, column: &str, if_exists: bool) {
        let Some(t) = self.catalog.tables.get_mut(table) else {
            return;
        };
        let Some(position) = t.columns.iter().position(|c| c.name == column) else {
            if !if_exists {
                self.report_missing_column(table, column, "DROP COLUMN");
            }
            return;
        };
        t.columns.remove(position);
        // PostgreSQL drops the indexes and constraints that use the column with it.
        let uses = |columns: &[String]| columns.iter().any(|c| c == column);
        t.indexes.retain(|i| {
            !uses(&i.columns)
                && !i.columns.iter().any(|c| {
                    super::create_table::identifier_words(c)
                        .iter()
                        .any(|w| w == column)
                })
        });
        if t.primary_key.as_ref().is_some_and(|pk| uses(&pk.columns)) {
            t.primary_key = None;
        }
        t.unique.retain(|u| !uses(&u.columns));
        t.foreign_keys.retain(|f| !uses(&f.columns));
        t.checks.retain(|c| {
            !super::create_table::identifier_words(&c.expression)
                .iter()
                .any(|w| w == column)
        });
        let table = table.clone();
        self.drop_column_sequence(&table, column);
        for key in self.referencing_tables(&table) {
            let Some(other) = self.catalog.tables.get_mut(&key) else {
                continue;
            };
            other.foreign_keys.retain(|f| {
                !(f.ref_schema == table.schema
                    && f.ref_table == table.name
                    && f.ref_columns.iter().any(|c| c == column))
            });
        }
    }

    pub(crate) fn report_missing_column(
        &mut self,
        table: &QualifiedName,
        column: &str,
        what: &str,
    ) {
        if self.unverifiable_column(table, column, what) {
            return;
        }
        let created = self
            .catalog
            .tables
            .get(table)
            .map(|t| t.created.clone())
            .unwrap_or_default();
        let diagnostic = self
            .here(
                Diagnostic::error(
                    "missing-column",
                    format!("{what} names column `{column}`, which table `{table}` does not have"),
                ),
                format!("`{table}` has no column `{column}` here"),
            )
            .related(
                created.file,
                created.range,
                format!("`{table}` is created here"),
            )
            .help(if what == "DROP COLUMN" {
                format!("fix the column name, or write `DROP COLUMN IF EXISTS` if `{column}` may legitimately be absent")
            } else {
                format!("fix the column name, or add `{column}` to `{table}` in an earlier migration")
            });
        self.report(diagnostic);
    }

    fn rename_column(&mut self, table: &QualifiedName, old: &str, new: &str) {
        let exists_new = self
            .catalog
            .tables
            .get(table)
            .is_some_and(|t| t.column(new).is_some());
        let Some(t) = self.catalog.tables.get_mut(table) else {
            return;
        };
        if t.column(old).is_none() {
            self.report_missing_column(table, old, "RENAME COLUMN");
            return;
        }
        if exists_new {
            let diagnostic = self.here(
                Diagnostic::error("duplicate-column", format!("cannot rename `{old}` to `{new}`: table `{table}` already has a column `{new}`")),
                "target name taken",
            );
            self.report(diagnostic);
            return;
        }
        let rename = |columns: &mut Vec<String>| {
            for c in columns.iter_mut() {
                if c == old {
                    *c = new.to_string();
                }
            }
        };
        if let Some(column) = t.column_mut(old) {
            column.name = new.to_string();
        }
        if let Some(pk) = &mut t.primary_key {
            rename(&mut pk.columns);
        }
        t.unique.iter_mut().for_each(|u| rename(&mut u.columns));
        t.foreign_keys
            .iter_mut()
            .for_each(|f| rename(&mut f.columns));
        t.indexes.iter_mut().for_each(|i| rename(&mut i.columns));
        for key in self.referencing_tables(table) {
            let Some(other) = self.catalog.tables.get_mut(&key) else {
                continue;
            };
            for fk in &mut other.foreign_keys {
                if fk.ref_schema == table.schema && fk.ref_table == table.name {
                    rename(&mut fk.ref_columns);
                }
            }
        }
        self.move_column_sequence((table, old), (table, new));
        self.history.column_renamed(table, old, new);
        self.history.renames.push(Rename {
            site: self.site.clone(),
            kind: RenameKind::Column {
                table: table.clone(),
                old: old.to_string(),
                new: new.to_string(),
            },
        });
    }

    pub(crate) fn rename_table(
        &mut self,
        table: &QualifiedName,
        new: QualifiedName,
    ) -> Option<QualifiedName> {
        if self.catalog.relation_exists(&new) {
            let diagnostic = self.here(
                Diagnostic::error(
                    "duplicate-relation",
                    format!("cannot rename `{table}` to `{new}`: that name is taken"),
                ),
                "target name taken",
            );
            self.report(diagnostic);
            return None;
        }
        let mut moved = self.catalog.tables.swap_remove(table)?;
        moved.name = new.name.clone();
        moved.schema = new.schema.clone();
        let index_names: Vec<String> = moved.indexes.iter().map(|i| i.name.clone()).collect();
        self.catalog.tables.insert(new.clone(), moved);
        for index in index_names {
            self.catalog.register_index(&new, &index);
        }
        self.note_column_types(&new, None);
        self.note_parent(&new);
        // Incoming keys follow the table; the tables it references now know it by its new name.
        let referencing = self.referenced_by.remove(table).unwrap_or_default();
        for key in &referencing {
            let key = if key == table { &new } else { key };
            let Some(other) = self.catalog.tables.get_mut(key) else {
                continue;
            };
            for fk in &mut other.foreign_keys {
                if fk.ref_schema == table.schema && fk.ref_table == table.name {
                    fk.ref_schema = new.schema.clone();
                    fk.ref_table = new.name.clone();
                }
            }
        }
        let renamed_referencing = referencing
            .into_iter()
            .map(|k| if &k == table { new.clone() } else { k })
            .collect();
        self.referenced_by.insert(new.clone(), renamed_referencing);
        let targets: Vec<QualifiedName> = self.catalog.tables[&new]
            .foreign_keys
            .iter()
            .map(|fk| QualifiedName::new(fk.ref_schema.clone(), fk.ref_table.clone()))
            .collect();
        for target in targets {
            if let Some(set) = self.referenced_by.get_mut(&target) {
                set.remove(table);
                set.insert(new.clone());
            }
        }
        let columns: Vec<String> = self.catalog.tables[&new]
            .columns
            .iter()
            .map(|c| c.name.clone())
            .collect();
        for column in &columns {
            self.move_column_sequence((table, column), (&new, column));
        }
        if self.tables_with_triggers.remove(table) {
            self.tables_with_triggers.insert(new.clone());
            self.triggers.rename_table(table, &new.name);
        }
        self.history.table_renamed(table, &new, &columns);
        self.history.renames.push(Rename {
            site: self.site.clone(),
            kind: RenameKind::Table {
                old: table.clone(),
                new: new.clone(),
            },
        });
        Some(new)
    }

    fn alter_column(&mut self, table: &QualifiedName, column: &str, op: &AlterColumnOperation) {
        let Some(existing) = self
            .catalog
            .tables
            .get(table)
            .and_then(|t| t.column(column))
            .cloned()
        else {
            self.report_missing_column(table, column, "ALTER COLUMN");
            return;
        };
        let mut updated = existing.clone();
        match op {
            AlterColumnOperation::SetNotNull => updated.not_null = true,
            AlterColumnOperation::DropNotNull => updated.not_null = false,
            AlterColumnOperation::SetDefault { value } => updated.default = Some(value.to_string()),
            AlterColumnOperation::DropDefault => updated.default = None,
            AlterColumnOperation::SetDataType { data_type, .. } => {
                let normalized = pgtype::normalize(&data_type.to_string());
                updated.data_type = normalized.name;
                // An identity column's sequence follows its type; a serial's does not.
                let owned = self
                    .column_sequences
                    .get(&(table.clone(), column.to_string()))
                    .cloned();
                if let Some(sequence) = owned.and_then(|s| self.catalog.sequences.get_mut(&s))
                    && existing.identity.is_some()
                    && ["smallint", "integer", "bigint"].contains(&updated.data_type.as_str())
                {
                    sequence.data_type = updated.data_type.clone();
                }
                if normalized.serial {
                    let diagnostic = self.here(
                        Diagnostic::error("invalid-type-change", format!("`{}` is not a real type: `ALTER COLUMN {column} TYPE` cannot make a column serial", data_type)),
                        "PostgreSQL rejects serial here",
                    );
                    self.report(diagnostic.help("use `GENERATED BY DEFAULT AS IDENTITY` or create a sequence and set the default"));
                    return;
                }
            }
            AlterColumnOperation::AddGenerated { generated_as, .. } => {
                updated.identity = Some(match generated_as {
                    Some(GeneratedAs::Always) => "always".into(),
                    _ => "by default".into(),
                });
                updated.not_null = true;
                let mut with_sequence = updated.clone();
                self.attach_column_sequence(table, &mut with_sequence);
            }
            other => {
                let diagnostic = self.here(
                    Diagnostic::warning(
                        "unmodeled-statement",
                        format!("`ALTER COLUMN {column} {other}` on `{table}` is not modeled"),
                    ),
                    "not reflected in the catalog",
                );
                self.report(diagnostic);
            }
        }
        if updated.default.as_deref() == Some(SERIAL_MARKER) {
            updated.default = existing.default.clone();
        }
        if let Some(slot) = self
            .catalog
            .tables
            .get_mut(table)
            .and_then(|t| t.column_mut(column))
        {
            *slot = updated;
            self.note_column_types(table, Some(column));
        }
        self.history
            .column_altered(table, column, self.migration, self.site.clone());
    }

    pub(crate) fn drop_constraint(&mut self, table: &QualifiedName, name: &str, if_exists: bool) {
        let Some(t) = self.catalog.tables.get_mut(table) else {
            return;
        };
        let key_columns = t
            .primary_key
            .iter()
            .chain(t.unique.iter())
            .find(|key| key.name == name)
            .map(|key| key.columns.clone());
        let before = t.constraint_names().count();
        if t.primary_key.as_ref().is_some_and(|pk| pk.name == name) {
            t.primary_key = None;
        }
        t.unique.retain(|u| u.name != name);
        t.foreign_keys.retain(|f| f.name != name);
        t.checks.retain(|c| c.name != name);
        let removed = before != t.constraint_names().count();
        t.indexes.retain(|i| i.constraint.as_deref() != Some(name));
        if let Some(columns) = key_columns {
            // Foreign keys that relied on the key go with it (PostgreSQL needs CASCADE for this
            // and refuses otherwise, so a history that applied did say CASCADE).
            for key in self.referencing_tables(table) {
                let Some(other) = self.catalog.tables.get_mut(&key) else {
                    continue;
                };
                other.foreign_keys.retain(|f| {
                    !(f.ref_schema == table.schema
                        && f.ref_table == table.name
                        && f.ref_columns == columns)
                });
            }
        }
        if !removed && !if_exists {
            let diagnostic = self.here(
                Diagnostic::error(
                    "missing-object",
                    format!("constraint `{name}` does not exist on table `{table}`"),
                ),
                "no such constraint here",
            );
            self.report(diagnostic.help("fix the name (PostgreSQL names unnamed constraints `table_column_key`, `table_column_fkey`, `table_pkey`), or add IF EXISTS"));
        }
    }

    fn rename_constraint(&mut self, table: &QualifiedName, old: &str, new: &str) {
        let Some(t) = self.catalog.tables.get_mut(table) else {
            return;
        };
        let mut found = false;
        let mut rename = |name: &mut String| {
            if name == old {
                *name = new.to_string();
                found = true;
            }
        };
        if let Some(pk) = &mut t.primary_key {
            rename(&mut pk.name);
        }
        t.unique.iter_mut().for_each(|u| rename(&mut u.name));
        t.foreign_keys.iter_mut().for_each(|f| rename(&mut f.name));
        t.checks.iter_mut().for_each(|c| rename(&mut c.name));
        let mut renamed_index = false;
        for index in &mut t.indexes {
            if index.constraint.as_deref() == Some(old) {
                index.constraint = Some(new.to_string());
                index.name = new.to_string();
                renamed_index = true;
            }
        }
        if renamed_index {
            self.catalog.register_index(table, new);
        }
        if !found {
            let diagnostic = self.here(
                Diagnostic::error(
                    "missing-object",
                    format!("constraint `{old}` does not exist on table `{table}`"),
                ),
                "no such constraint here",
            );
            self.report(diagnostic);
        }
    }
}
