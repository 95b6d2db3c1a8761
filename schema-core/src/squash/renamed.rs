//! The baseline's answer to renames that ran after a view, function or trigger was written:
//! views are rewritten (`view_renames`) or set aside, commented, with a warning; function
//! bodies and trigger text are copied as written, with a warning where they say an old name.

use super::view_renames::{ViewText, view_through_renames};
use super::writer::Writer;
use crate::catalog::{QualifiedName, Site, View};
use crate::fold::history::{Rename, RenameKind};
use std::collections::HashSet;

/// A view whose text a later rename makes wrong and that could not be rewritten safely.
#[derive(Debug, Clone)]
pub(super) struct SetAsideView {
    pub(super) name: QualifiedName,
    pub(super) text: String,
}

impl<'a> Writer<'a> {
    /// The view's statement for the baseline, `None` when it was set aside (and warned about).
    pub(super) fn view_statement(&mut self, view: &View) -> Option<String> {
        let name = QualifiedName::new(&view.schema, &view.name);
        let text = self.site_text(&view.created);
        let renames = self.renames_after(&view.created);
        let analysis = self.analysis;
        let current_columns = |table: &QualifiedName| {
            let table = analysis.catalog.tables.get(table)?;
            Some(table.columns.iter().map(|c| c.name.clone()).collect())
        };
        match view_through_renames(&text, view, &renames, &current_columns) {
            ViewText::AsWritten => {
                self.check_view_dependencies(view);
                Some(text)
            }
            ViewText::Rewritten(rewritten) => {
                self.line(&format!(
                    "-- view `{name}`: rewritten as PostgreSQL keeps it (later renames followed, `*` as the columns it had)"
                ));
                Some(rewritten)
            }
            ViewText::Unsafe(reason) => {
                let note = format!(
                    "view `{name}` is left out of the baseline (commented at the end): {reason}; rewrite it with the current names"
                );
                self.line(&format!("-- WARNING: {note}"));
                self.not_reproduced.push(note);
                self.set_aside.push(SetAsideView { name, text });
                None
            }
        }
    }

    /// Warns when a function's or trigger's text says a name that a later rename changed:
    /// PostgreSQL does not rewrite function bodies, and the baseline copies the text.
    pub(super) fn warn_about_renamed_names(&mut self, what: &str, site: &Site, tables_too: bool) {
        let text = self.site_text(site).to_lowercase();
        let words: HashSet<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '$')
            .filter(|word| !word.is_empty())
            .collect();
        // The renames whose old name is one of the words, in run order, after `site`.
        let mut mentioned: Vec<usize> = words
            .iter()
            .filter_map(|word| self.renames_by_old_word.get(*word))
            .flatten()
            .copied()
            .collect();
        mentioned.sort_unstable();
        mentioned.dedup();
        let at = self.history_position(site);
        let analysis = self.analysis;
        let mut notes = Vec::new();
        for rename in mentioned
            .into_iter()
            .filter_map(|index| analysis.history.renames.get(index))
        {
            if self.history_position(&rename.site) <= at {
                continue;
            }
            let old_word = match &rename.kind {
                RenameKind::Table { old, .. } if tables_too => old.name.as_str(),
                RenameKind::Column { old, .. } => old.as_str(),
                RenameKind::Table { .. } => continue,
            };
            let what_changed = match &rename.kind {
                RenameKind::Table { old, new } => format!("table `{old}` was renamed to `{new}`"),
                RenameKind::Column { table, old, new } => {
                    format!("column `{table}.{old}` was renamed to `{new}`")
                }
            };
            notes.push(format!(
                "{what} is copied as written, but its text says `{old_word}` and {what_changed} later ({}): check it",
                self.location(&rename.site)
            ));
        }
        self.warn(&notes);
    }

    pub(super) fn set_aside_views(&mut self) {
        let views = std::mem::take(&mut self.set_aside);
        if views.is_empty() {
            return;
        }
        self.section(
            "!!! VIEWS TO REWRITE BY HAND: a later rename changes what they read, and `schema squash` cannot be sure how. !!!",
        );
        self.line(
            "-- Each is written as it was created; put in the current names, then uncomment it.",
        );
        for view in views {
            self.line(&format!("-- view `{}`", view.name));
            for line in view.text.lines() {
                self.line(&format!("-- {line}"));
            }
        }
    }

    /// The renames that ran after `site`, in run order.
    fn renames_after(&self, site: &Site) -> Vec<&'a Rename> {
        let at = self.history_position(site);
        let analysis = self.analysis;
        analysis
            .history
            .renames
            .iter()
            .filter(|rename| self.history_position(&rename.site) > at)
            .collect()
    }

    fn location(&self, site: &Site) -> String {
        let file = &self.analysis.set.files[site.file];
        let (line, _) = file.line_col(site.range.start);
        format!("{}:{line}", file.path)
    }
}
