//! The entry point: a migration set in, the folded catalog and every diagnostic out.

use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::fold;
use crate::source::{self, MigrationSet, SourceError};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct Analysis {
    pub set: MigrationSet,
    pub catalog: Catalog,
    /// Sorted by file order, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// Which migrations created or changed each table, and the tables referenced but never
    /// created.
    pub history: fold::history::History,
    /// Per migration (same index as `set.migrations`): it runs without a transaction, marked
    /// `-- no-transaction` or inferred (`transaction::migrations_without_transaction`).
    pub without_transaction: Vec<bool>,
    /// Per migration: a baseline of the set replaces it (`baseline`), so the history's fold
    /// and a fresh database skip it.
    pub replaced_by_baseline: Vec<bool>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads `dir` (the only I/O) and analyses it.
pub fn analyze_dir(dir: &Path, config: &Config) -> Result<Analysis, SourceError> {
    let set = source::load_dir(dir, config.layout_override())?;
    Ok(analyze(set, config))
}

/// Pure: never fails, never panics; everything wrong becomes a diagnostic.
pub fn analyze(set: MigrationSet, config: &Config) -> Analysis {
    let mut diagnostics = set.diagnostics.clone();
    let (mut locations, split_problems) = fold::locate(&set);
    diagnostics.extend(split_problems);
    let without_transaction = crate::transaction::migrations_without_transaction(&set, &locations);
    let baselines = crate::baseline::find(&set, config);
    let replaced_by_baseline = crate::baseline::replaced_migrations(&set, &baselines);
    if replaced_by_baseline.contains(&true) {
        diagnostics.extend(crate::baseline::check(&set, config, &locations, &baselines));
        locations.retain(|location| !replaced_by_baseline[location.migration]);
    }
    let (catalog, fold_diagnostics, history) = fold::fold_streaming(&set, config, &locations);
    diagnostics.extend(fold_diagnostics);
    if let Some(lock) = set.lockfile {
        diagnostics.extend(crate::lockfile::check(&set, lock));
    }
    apply_allow_list(&mut diagnostics, config);
    diagnostics.sort_by_key(|d| d.primary.as_ref().map(|l| (l.file, l.range.start)));
    Analysis {
        set,
        catalog,
        diagnostics,
        history,
        without_transaction,
        replaced_by_baseline,
    }
}

/// Codes the config allows are lowered to `info`; errors of the history itself stay errors.
fn apply_allow_list(diagnostics: &mut [Diagnostic], config: &Config) {
    for diagnostic in diagnostics.iter_mut() {
        if diagnostic.severity == Severity::Warning
            && config.allow.iter().any(|code| code == diagnostic.code)
        {
            diagnostic.severity = Severity::Info;
        }
    }
}
