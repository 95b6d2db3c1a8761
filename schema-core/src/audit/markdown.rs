//! The report as Markdown, in the seed audit's structure.

use super::{AuditReport, Finding};
use crate::dependency_plan::NodeKind;
use std::fmt::Write;

impl AuditReport {
    /// The report in the seed audit's structure.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) {
        let o = &self.overview;
        let _ = writeln!(out, "# Database Migration Audit\n\n## Overview");
        let _ = writeln!(
            out,
            "- Total migration files: {} ({} migrations, {} with a down file)",
            o.files, o.migrations, o.down_files
        );
        if let (Some(first), Some(last)) = (o.first_version, o.last_version) {
            let _ = writeln!(out, "- Versions: {first} to {last}");
        }
        let _ = writeln!(
            out,
            "- Naming scheme: {}{}",
            o.naming_scheme,
            if o.reversible {
                ", with down files"
            } else {
                ", no down files"
            }
        );
        let _ = writeln!(out, "- Tables at the end of the history: {}", o.tables);
        let _ = writeln!(
            out,
            "- Findings: {} error(s), {} warning(s) (details: `schema check`)",
            o.errors, o.warnings
        );

        let _ = writeln!(out, "\n## Critical Issues");
        let mut section = 0;
        let mut heading = |out: &mut String, title: &str| {
            section += 1;
            let _ = writeln!(out, "\n### {section}. {title}");
        };

        heading(out, "Duplicate Table Definitions");
        none_if_empty(out, self.duplicate_tables.is_empty());
        for finding in &self.duplicate_tables {
            let _ = writeln!(out, "\n#### {}", subject(&finding.message));
            for place in &finding.related {
                let _ = writeln!(out, "- **{}** - {}", place.file, place.label);
            }
            if let Some(place) = &finding.location {
                let _ = writeln!(out, "- **{}** - {}", place.file, place.label);
            }
            let _ = writeln!(out, "- **Conflict**: {}", finding.message);
        }

        heading(out, "Fix Chains (one table defined across many migrations)");
        none_if_empty(out, self.fix_chains.is_empty());
        for chain in &self.fix_chains {
            let _ = writeln!(out, "\n#### {}", chain.table);
            for (index, file) in chain.files.iter().enumerate() {
                let what = if index == 0 {
                    "first definition"
                } else {
                    "changed again"
                };
                let _ = writeln!(out, "- **{file}** - {what}");
            }
            let _ = writeln!(
                out,
                "- **Issue**: {} files to define one table",
                chain.files.len()
            );
        }

        heading(out, "Naming Inconsistencies");
        none_if_empty(out, self.naming.is_empty());
        for finding in &self.naming {
            let _ = writeln!(out, "- {}", finding.message);
        }

        heading(out, "Missing Core Tables");
        if self.missing_tables.is_empty() {
            let _ = writeln!(out, "None: every referenced table is created.");
        } else {
            let _ = writeln!(out, "No migration creates:");
        }
        for table in &self.missing_tables {
            let _ = writeln!(
                out,
                "- **{}** table ({} reference{})",
                table.table,
                table.references.len(),
                if table.references.len() == 1 { "" } else { "s" }
            );
            for place in &table.references {
                let _ = writeln!(
                    out,
                    "  - `{}:{}:{}` {}",
                    place.file, place.line, place.column, place.label
                );
            }
        }

        heading(out, "Order Dependencies and Versioning");
        let clean = self.order_problems.is_empty()
            && self.duplicate_versions.is_empty()
            && self.missing_versions.is_empty()
            && self.unnumbered_files.is_empty();
        none_if_empty(out, clean);
        for finding in &self.order_problems {
            let _ = writeln!(out, "- {}{}", finding.message, at(finding));
        }
        for finding in &self.duplicate_versions {
            let _ = writeln!(out, "- Duplicate version: {}", finding.message);
        }
        for finding in &self.missing_versions {
            let _ = writeln!(out, "- Missing versions: {}", finding.message);
        }
        for file in &self.unnumbered_files {
            let _ = writeln!(
                out,
                "- `{file}` has no number, so no runner applies it in a known order"
            );
        }

        if !self.other_findings.is_empty() {
            heading(out, "Other Findings");
            write_other_findings(out, &self.other_findings);
        }

        let _ = writeln!(out, "\n## Tables Created by Migrations\n");
        for (index, table) in self.tables.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** - {}{}",
                index + 1,
                table.table,
                table.migrations.join(", "),
                if table.duplicate { " (duplicate!)" } else { "" }
            );
        }

        let _ = writeln!(out, "\n## Recommended Consolidation Strategy\n");
        let _ = writeln!(
            out,
            "Computed from the foreign-key graph: a phase holds the tables whose foreign keys \
             reference only earlier phases."
        );
        for phase in &self.plan.phases {
            let title = if phase.number == 1 {
                "no dependencies"
            } else {
                "depend on earlier phases"
            };
            let _ = writeln!(out, "\n### Phase {}: {title}", phase.number);
            for table in &phase.tables {
                let mut line = format!("- {}", table.name);
                if !table.depends_on.is_empty() {
                    let names: Vec<String> = table.depends_on.iter().map(|n| n.display()).collect();
                    let _ = write!(line, " (references {})", names.join(", "));
                }
                match table.kind {
                    NodeKind::Missing => line.push_str(" **missing: no migration creates it**"),
                    NodeKind::External => line.push_str(" (external)"),
                    NodeKind::Table => {}
                }
                let _ = writeln!(out, "{line}");
            }
        }
        let _ = writeln!(out, "\n### Foreign-key cycles");
        if self.plan.cycles.is_empty() {
            let _ = writeln!(out, "None.");
        }
        for cycle in &self.plan.cycles {
            let names: Vec<String> = cycle.iter().map(|n| n.display()).collect();
            let _ = writeln!(
                out,
                "- {}: create the tables, then add their foreign keys",
                names.join(", ")
            );
        }

        let _ = writeln!(out, "\n## Action Items");
        for (index, item) in self.action_items.iter().enumerate() {
            let _ = writeln!(out, "{}. {item}", index + 1);
        }
    }
}

/// One line per finding while there are few of a code; past that, one line per code with the
/// count, the first message and the files (the JSON form keeps every finding).
fn write_other_findings(out: &mut String, findings: &[Finding]) {
    const LISTED_PER_CODE: usize = 3;
    let mut codes: Vec<&str> = Vec::new();
    for finding in findings {
        if !codes.contains(&finding.code) {
            codes.push(finding.code);
        }
    }
    // Errors first, then warnings, each in order of first appearance.
    codes.sort_by_key(|code| {
        std::cmp::Reverse(
            findings
                .iter()
                .filter(|f| f.code == *code)
                .map(|f| f.severity)
                .max(),
        )
    });
    for code in codes {
        let of_code: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
        if of_code.len() <= LISTED_PER_CODE {
            for finding in of_code {
                let _ = writeln!(
                    out,
                    "- {} [{}]: {}{}",
                    finding.severity.as_str(),
                    finding.code,
                    finding.message,
                    at(finding)
                );
            }
            continue;
        }
        let mut files: Vec<&str> = Vec::new();
        for finding in &of_code {
            if let Some(place) = &finding.location
                && !files.contains(&place.file.as_str())
            {
                files.push(&place.file);
            }
        }
        let _ = writeln!(
            out,
            "- {} [{}], {} findings in {} file(s), e.g. {}{}",
            of_code[0].severity.as_str(),
            code,
            of_code.len(),
            files.len(),
            of_code[0].message,
            at(of_code[0])
        );
    }
}

fn none_if_empty(out: &mut String, empty: bool) {
    if empty {
        let _ = writeln!(out, "None found.");
    }
}

fn at(finding: &Finding) -> String {
    finding.location.as_ref().map_or_else(String::new, |place| {
        format!(" (`{}:{}:{}`)", place.file, place.line, place.column)
    })
}

/// The table a duplicate-definition message is about: the last word of its first quoted
/// part (`CREATE TABLE IF NOT EXISTS checklist_submissions` → `checklist_submissions`).
fn subject(message: &str) -> String {
    message
        .split('`')
        .nth(1)
        .and_then(|quoted| quoted.split_whitespace().last())
        .unwrap_or(message)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_is_the_table_of_the_quoted_statement() {
        assert_eq!(
            subject("`CREATE TABLE IF NOT EXISTS checklist_submissions` is skipped"),
            "checklist_submissions"
        );
        assert_eq!(subject("table `feedback` is created twice"), "feedback");
    }
}
