//! Which migrations touched which table and column: the raw material of "fix chains" (a table
//! patched by many migrations) and of the audit's table-by-migration list.

use crate::catalog::{Catalog, QualifiedName, Site};
use crate::diagnostic::Diagnostic;
use crate::source::MigrationSet;
use indexmap::IndexMap;

/// A table touched by this many migrations or more is reported as a fix chain.
pub const FIX_CHAIN_LENGTH: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Per table (current name), the migrations that created or changed it, with the first site
    /// in each, in order.
    pub tables: IndexMap<QualifiedName, Vec<(usize, Site)>>,
    /// Per table and column, the migrations that added or altered it.
    pub columns: IndexMap<(QualifiedName, String), Vec<(usize, Site)>>,
    /// Tables the history references but never creates (the `missing-table` errors), by name.
    pub missing_tables: Vec<QualifiedName>,
    /// Every table and column rename, in run order: a view or function body written before
    /// one still says the old name.
    pub renames: Vec<Rename>,
}

/// One `ALTER TABLE ... RENAME [COLUMN]` and where it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rename {
    pub site: Site,
    pub kind: RenameKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameKind {
    Table {
        old: QualifiedName,
        new: QualifiedName,
    },
    /// `table` is the table's name when the column was renamed.
    Column {
        table: QualifiedName,
        old: String,
        new: String,
    },
}

impl History {
    pub fn touch(&mut self, table: &QualifiedName, migration: usize, site: Site) {
        let entries = self.tables.entry(table.clone()).or_default();
        if entries.last().is_none_or(|(last, _)| *last != migration) {
            entries.push((migration, site));
        }
    }

    pub fn column_added(
        &mut self,
        table: &QualifiedName,
        column: &str,
        migration: usize,
        site: Site,
    ) {
        self.touch(table, migration, site.clone());
        self.columns
            .entry((table.clone(), column.to_string()))
            .or_default()
            .push((migration, site));
    }

    pub fn column_altered(
        &mut self,
        table: &QualifiedName,
        column: &str,
        migration: usize,
        site: Site,
    ) {
        self.column_added(table, column, migration, site);
    }

    pub fn column_renamed(&mut self, table: &QualifiedName, old: &str, new: &str) {
        if let Some(entries) = self.columns.swap_remove(&(table.clone(), old.to_string())) {
            self.columns
                .insert((table.clone(), new.to_string()), entries);
        }
    }

    /// `columns`: the table's columns, whose records move with it (looked up, not scanned).
    pub fn table_renamed(&mut self, old: &QualifiedName, new: &QualifiedName, columns: &[String]) {
        if let Some(entries) = self.tables.swap_remove(old) {
            self.tables.insert(new.clone(), entries);
        }
        for column in columns {
            if let Some(entries) = self.columns.swap_remove(&(old.clone(), column.clone())) {
                self.columns.insert((new.clone(), column.clone()), entries);
            }
        }
    }

    /// One `info` per table that exists at the end and was touched by many migrations.
    pub fn fix_chains(&self, set: &MigrationSet, catalog: &Catalog) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for (table, entries) in &self.tables {
            if entries.len() < FIX_CHAIN_LENGTH || !catalog.tables.contains_key(table) {
                continue;
            }
            let files: Vec<&str> = entries
                .iter()
                .map(|(_, site)| set.files[site.file].path.as_str())
                .collect();
            let (_, first) = &entries[0];
            let mut diagnostic = Diagnostic::info(
                "fix-chain",
                format!(
                    "table `{table}` is defined across {} migrations: {}",
                    entries.len(),
                    files.join(", ")
                ),
            )
            .at(first.file, first.range.clone(), "first defined here")
            .help("a squashed baseline (`schema squash`) states the table once, in its final form");
            for (_, site) in &entries[1..] {
                diagnostic =
                    diagnostic.related(site.file, site.range.clone(), "changed again here");
            }
            diagnostics.push(diagnostic);
        }
        diagnostics
    }
}
