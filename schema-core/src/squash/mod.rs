//! One baseline migration that builds the folded catalog from nothing: the audit's first action
//! item ("create 000_baseline_schema.sql consolidating all tables").
//!
//! Order: schemas, extensions, enums and other types, free sequences and the sequences of serial
//! columns, non-SQL functions (column defaults and triggers may call them), tables in
//! foreign-key order with their final columns and constraints, foreign keys that close a cycle,
//! sequence ownership, SQL functions and views in history order, indexes, triggers, comments.
//! Views, functions and triggers are the text of the statement that last defined them; a view
//! is rewritten through the table and column renames that ran after it (PostgreSQL follows
//! them, the text does not), or set aside, commented, with a warning when that cannot be done
//! safely (`view_renames`, `renamed`). Function bodies stay as written (PostgreSQL does not
//! rewrite them either) with a warning where they say a renamed name.
//!
//! Architecture invariant: pure and deterministic (no clock, sorted output). Nothing is
//! dropped silently: statements the catalog does not model (data, `DO` blocks, grants,
//! unparsed SQL) are carried over verbatim, in history order, under a loud header and listed
//! in `Squash::carried`; tables the history references but never creates get a commented stub
//! to fill in, never an invented definition.

mod carried;
mod renamed;
mod sql_text;
mod view_renames;
mod writer;

use crate::analyze::Analysis;
use crate::catalog::QualifiedName;
use crate::config::Config;
use crate::dependency_plan;
use crate::fold::history::RenameKind;
use carried::{carried_statements, sequence_option_notes};
pub use sql_text::ident;
use std::collections::HashMap;
use writer::{Placement, Writer};

/// The baseline and what a person must look at before using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Squash {
    pub sql: String,
    /// Statements copied verbatim because the catalog does not model them.
    pub carried: Vec<CarriedStatement>,
    /// Tables referenced but never created: each has a commented stub in `sql`.
    pub missing_tables: Vec<QualifiedName>,
    /// What the baseline cannot reproduce and does not carry (said in `sql` too).
    pub not_reproduced: Vec<String>,
    /// First and last version of the history.
    pub versions: Option<(i64, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedStatement {
    pub file: String,
    pub line: usize,
    /// `INSERT INTO`, `DO`, `GRANT`...
    pub kind: String,
    pub text: String,
    /// False for `UPDATE` and `DELETE`: they rewrite rows of an older shape of the schema
    /// (a backfill of a column since dropped) and find no rows in a fresh database, so they
    /// are carried as comments, for reference.
    pub runs: bool,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SquashOptions {
    /// Write `-- replaces: FIRST..=LAST`, the header the runner adopts existing databases by.
    pub replaces: bool,
}

/// The baseline of `analysis`; `config` is the one it was analysed with.
/// Each file's index in the run order (`usize::MAX` for down files and others).
fn run_positions(analysis: &Analysis) -> Vec<usize> {
    let mut positions = vec![usize::MAX; analysis.set.files.len()];
    for (position, migration) in analysis.set.migrations.iter().enumerate() {
        positions[migration.up] = position;
    }
    positions
}

pub fn squash(analysis: &Analysis, config: &Config, options: SquashOptions) -> Squash {
    let catalog = &analysis.catalog;
    let plan = dependency_plan::plan(catalog, &analysis.history.missing_tables);
    let mut writer = Writer {
        analysis,
        plan: &plan,
        out: String::new(),
        not_reproduced: Vec::new(),
        set_aside: Vec::new(),
        run_position: run_positions(analysis),
        cycle_of: plan
            .cycles
            .iter()
            .enumerate()
            .flat_map(|(index, cycle)| cycle.iter().map(move |table| (table.clone(), index)))
            .collect(),
        renames_by_old_word: renames_by_old_word(analysis),
    };
    let versions = version_range(analysis);
    let carried = carried_statements(analysis, config);
    writer.header(versions, options, &carried);
    writer.schemas_and_types();
    writer.sequences();
    writer.warn(&sequence_option_notes(analysis, config));
    writer.functions(false);
    writer.tables();
    writer.deferred_foreign_keys(Placement::AfterTables, "foreign keys that close a cycle");
    writer.sequence_ownership();
    writer.functions_and_views();
    writer.indexes();
    writer.deferred_foreign_keys(
        Placement::AfterIndexes,
        "foreign keys to columns made unique by an index",
    );
    writer.triggers();
    writer.comments();
    writer.set_aside_views();
    writer.missing_table_stubs();
    writer.carried(&carried);
    let Writer {
        out,
        not_reproduced,
        ..
    } = writer;
    Squash {
        sql: out,
        carried,
        missing_tables: analysis.history.missing_tables.clone(),
        not_reproduced,
        versions,
    }
}

fn renames_by_old_word(analysis: &Analysis) -> HashMap<String, Vec<usize>> {
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, rename) in analysis.history.renames.iter().enumerate() {
        let old_word = match &rename.kind {
            RenameKind::Table { old, .. } => old.name.as_str(),
            RenameKind::Column { old, .. } => old.as_str(),
        };
        by_word
            .entry(old_word.to_lowercase())
            .or_default()
            .push(index);
    }
    by_word
}

fn version_range(analysis: &Analysis) -> Option<(i64, i64)> {
    let versions: Vec<i64> = analysis
        .set
        .migrations
        .iter()
        .filter_map(|m| m.version)
        .collect();
    Some((*versions.iter().min()?, *versions.iter().max()?))
}
