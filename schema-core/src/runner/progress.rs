//! What a run reports while it works: a callback the `Migrator` calls before and after each
//! step, so a shell can draw a progress bar or print a line per migration. The runner itself
//! prints nothing and knows no terminal.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// One moment of a run, in the order they happen: `Planned` once (after the lock is taken and
/// the history read), then `Started` and `Finished` (or `Skipped`) for each step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress<'a> {
    /// How many steps the run will take; `0` when there is nothing to do.
    Planned { kind: StepKind, steps: usize },
    Started {
        kind: StepKind,
        version: i64,
        path: &'a str,
        /// 1-based position of this step in the run.
        step: usize,
        steps: usize,
    },
    Finished {
        kind: StepKind,
        version: i64,
        path: &'a str,
        step: usize,
        steps: usize,
        elapsed: Duration,
    },
    /// Another runner applied this migration while this one waited for the lock.
    Skipped {
        version: i64,
        path: &'a str,
        step: usize,
        steps: usize,
    },
}

/// What a step does to its migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StepKind {
    Apply,
    /// Record a baseline in place of the versions it replaces (the live schema matched it).
    Adopt,
    Revert,
}

type Callback = dyn Fn(&Progress<'_>) + Send + Sync;

/// The callback a `Migrator` reports to; cloning the `Migrator` shares it.
#[derive(Clone, Default)]
pub(crate) struct Observer(Option<Arc<Callback>>);

impl Observer {
    pub(crate) fn new(callback: impl Fn(&Progress<'_>) + Send + Sync + 'static) -> Observer {
        Observer(Some(Arc::new(callback)))
    }

    pub(crate) fn report(&self, progress: Progress<'_>) {
        if let Some(callback) = &self.0 {
            callback(&progress);
        }
    }
}

impl fmt::Debug for Observer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Observer(set)"
        } else {
            "Observer(none)"
        })
    }
}
