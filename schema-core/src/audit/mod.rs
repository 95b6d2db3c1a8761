//! The migration audit, computed: what a person would write after reading the whole history
//! (the seed's hand-written `migration-audit.md`), as data (`AuditReport`, serialisable to
//! JSON) and as Markdown (`AuditReport::to_markdown`) with the seed's structure: overview,
//! critical issues, the tables and the migrations that made them, a consolidation plan in
//! foreign-key phases, and action items.
//!
//! Architecture invariant: pure; everything comes from the `Analysis` (its diagnostics, its
//! per-table history and its catalog), so the audit finds exactly what `schema check` finds.
//! Every error and warning of the analysis appears in the report, in its section or under
//! "other findings".

mod markdown;

use crate::analyze::Analysis;
use crate::dependency_plan::{self, DependencyPlan};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::fold::history::FIX_CHAIN_LENGTH;
use crate::render;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub overview: Overview,
    /// Tables created more than once (`duplicate-table`, `conflicting-definition`,
    /// `redundant-definition`).
    pub duplicate_tables: Vec<Finding>,
    pub fix_chains: Vec<FixChain>,
    /// `mixed-naming`, `vague-name`, `lexical-order`.
    pub naming: Vec<Finding>,
    pub missing_tables: Vec<MissingTable>,
    /// `order-dependency`.
    pub order_problems: Vec<Finding>,
    pub duplicate_versions: Vec<Finding>,
    /// `version-gap`.
    pub missing_versions: Vec<Finding>,
    /// Files without a version (`unversioned-file`).
    pub unnumbered_files: Vec<String>,
    /// Every other error and warning.
    pub other_findings: Vec<Finding>,
    pub tables: Vec<TableHistory>,
    pub plan: DependencyPlan,
    pub action_items: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub files: usize,
    pub migrations: usize,
    pub down_files: usize,
    pub first_version: Option<i64>,
    pub last_version: Option<i64>,
    pub naming_scheme: String,
    pub reversible: bool,
    pub tables: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// One diagnostic with its places resolved to `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub location: Option<Place>,
    pub related: Vec<Place>,
    pub help: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixChain {
    pub table: String,
    /// The migrations that created or changed it, in run order.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingTable {
    pub table: String,
    /// Every statement that references it.
    pub references: Vec<Place>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableHistory {
    pub table: String,
    /// Versions (or file names, for unnumbered files) of the migrations that created or
    /// changed it, in run order.
    pub migrations: Vec<String>,
    /// Created more than once (a duplicate-table finding names it).
    pub duplicate: bool,
}

const DUPLICATE_TABLE_CODES: &[&str] = &[
    "duplicate-table",
    "conflicting-definition",
    "redundant-definition",
];
const NAMING_CODES: &[&str] = &["mixed-naming", "vague-name", "lexical-order"];
/// Reported in their own sections, from the history or as file lists.
const SECTIONED_CODES: &[&str] = &[
    "fix-chain",
    "missing-table",
    "order-dependency",
    "duplicate-version",
    "version-gap",
    "unversioned-file",
];

impl AuditReport {
    /// The report as one pretty-printed JSON document.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The audit of `analysis`.
pub fn audit(analysis: &Analysis) -> AuditReport {
    let set = &analysis.set;
    let with_code = |codes: &[&str]| -> Vec<Finding> {
        analysis
            .diagnostics
            .iter()
            .filter(|d| codes.contains(&d.code))
            .map(|d| finding(analysis, d))
            .collect()
    };
    let versions: Vec<i64> = set.migrations.iter().filter_map(|m| m.version).collect();
    let count_of = |severity| {
        analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let overview = Overview {
        files: set.files.len(),
        migrations: set.migrations.len(),
        down_files: set.migrations.iter().filter(|m| m.down.is_some()).count(),
        first_version: versions.iter().min().copied(),
        last_version: versions.iter().max().copied(),
        naming_scheme: set.layout.scheme.describe().to_string(),
        reversible: set.layout.reversible,
        tables: analysis.catalog.tables.len(),
        errors: count_of(Severity::Error),
        warnings: count_of(Severity::Warning),
    };
    let duplicate_tables = with_code(DUPLICATE_TABLE_CODES);
    let plan = dependency_plan::plan(&analysis.catalog, &analysis.history.missing_tables);
    let mut report = AuditReport {
        overview,
        fix_chains: fix_chains(analysis),
        naming: with_code(NAMING_CODES),
        missing_tables: missing_tables(analysis),
        order_problems: with_code(&["order-dependency"]),
        duplicate_versions: with_code(&["duplicate-version"]),
        missing_versions: with_code(&["version-gap"]),
        unnumbered_files: set
            .migrations
            .iter()
            .filter(|m| m.version.is_none())
            .map(|m| set.files[m.up].path.clone())
            .collect(),
        other_findings: analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .filter(|d| {
                !DUPLICATE_TABLE_CODES.contains(&d.code)
                    && !NAMING_CODES.contains(&d.code)
                    && !SECTIONED_CODES.contains(&d.code)
            })
            .map(|d| finding(analysis, d))
            .collect(),
        tables: table_histories(analysis, &duplicate_tables),
        duplicate_tables,
        plan,
        action_items: Vec::new(),
    };
    report.action_items = action_items(analysis, &report);
    report
}

fn place(analysis: &Analysis, label: &Label) -> Option<Place> {
    let location = render::location(&analysis.set, label)?;
    Some(Place {
        file: location.path.to_string(),
        line: location.line,
        column: location.column,
        label: label.message.clone(),
    })
}

fn finding(analysis: &Analysis, diagnostic: &Diagnostic) -> Finding {
    Finding {
        code: diagnostic.code,
        severity: diagnostic.severity,
        message: diagnostic.message.clone(),
        location: diagnostic
            .primary
            .as_ref()
            .and_then(|label| place(analysis, label)),
        related: diagnostic
            .related
            .iter()
            .filter_map(|label| place(analysis, label))
            .collect(),
        help: diagnostic.help.clone(),
    }
}

/// Tables that exist at the end and were created or changed by many migrations.
fn fix_chains(analysis: &Analysis) -> Vec<FixChain> {
    analysis
        .history
        .tables
        .iter()
        .filter(|(table, entries)| {
            entries.len() >= FIX_CHAIN_LENGTH && analysis.catalog.tables.contains_key(*table)
        })
        .map(|(table, entries)| FixChain {
            table: table.display(),
            files: entries
                .iter()
                .map(|(_, site)| analysis.set.files[site.file].path.clone())
                .collect(),
        })
        .collect()
}

fn missing_tables(analysis: &Analysis) -> Vec<MissingTable> {
    analysis
        .history
        .missing_tables
        .iter()
        .map(|name| {
            let quoted = format!("`{name}`");
            let mut references = Vec::new();
            for diagnostic in analysis
                .diagnostics
                .iter()
                .filter(|d| d.code == "missing-table" && d.message.contains(&quoted))
            {
                // The message starts with what the first reference does: `foreign key references`.
                let what = diagnostic
                    .message
                    .split(" `")
                    .next()
                    .unwrap_or("referenced");
                if let Some(mut first) = diagnostic
                    .primary
                    .as_ref()
                    .and_then(|label| place(analysis, label))
                {
                    first.label = format!("{what} {quoted} here");
                    references.push(first);
                }
                references.extend(diagnostic.related.iter().filter_map(|label| {
                    let mut place = place(analysis, label)?;
                    place.label = place.label.replace(" here too", " here");
                    Some(place)
                }));
            }
            MissingTable {
                table: name.display(),
                references,
            }
        })
        .collect()
}

/// What the seed calls a migration: its version as written (`001`), or its file name when it
/// has none.
fn migration_label(analysis: &Analysis, file: usize) -> String {
    let path = &analysis.set.files[file].path;
    let migration = analysis.set.migrations.iter().find(|m| m.up == file);
    match migration {
        Some(m) if m.version.is_some() => {
            let digits: String = path
                .trim_start_matches(['V', 'v'])
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '-')
                .collect();
            let digits = digits.trim_end_matches('-');
            if digits.is_empty() {
                path.clone()
            } else {
                digits.to_string()
            }
        }
        _ => path.trim_end_matches(".sql").to_string(),
    }
}

fn table_histories(analysis: &Analysis, duplicates: &[Finding]) -> Vec<TableHistory> {
    let mut tables: Vec<(
        &crate::catalog::QualifiedName,
        &Vec<(usize, crate::catalog::Site)>,
    )> = analysis
        .history
        .tables
        .iter()
        .filter(|(table, _)| analysis.catalog.tables.contains_key(*table))
        .collect();
    tables.sort_by_key(|(_, entries)| {
        entries
            .first()
            .map(|(migration, site)| (*migration, site.range.start))
    });
    tables
        .into_iter()
        .map(|(table, entries)| {
            let name = table.display();
            let statement_name = format!(" {name}`");
            TableHistory {
                duplicate: duplicates.iter().any(|d| {
                    d.message.contains(&statement_name) || d.message.contains(&format!("`{name}`"))
                }),
                migrations: entries
                    .iter()
                    .map(|(_, site)| migration_label(analysis, site.file))
                    .collect(),
                table: name,
            }
        })
        .collect()
}

fn action_items(analysis: &Analysis, report: &AuditReport) -> Vec<String> {
    let set = &analysis.set;
    let mut items = Vec::new();
    let baseline_version = match (set.layout.scheme, report.overview.last_version) {
        (crate::layout::Scheme::Sequential | crate::layout::Scheme::Flyway, Some(last)) => last + 1,
        (_, Some(last)) => last + 1,
        (_, None) => 1,
    };
    let baseline = set.layout.example_name(baseline_version, "baseline_schema");
    let missing: Vec<&str> = report
        .missing_tables
        .iter()
        .map(|t| t.table.as_str())
        .collect();
    items.push(format!(
        "Create `{baseline}` consolidating all {} tables: `schema squash --replaces -o {baseline}`{}",
        report.overview.tables,
        if missing.is_empty() {
            String::new()
        } else {
            format!(
                ", then fill in the stubs of the missing tables ({})",
                missing.join(", ")
            )
        }
    ));
    if !missing.is_empty() {
        items.push(format!(
            "Create the missing tables ({}) in a migration, or list them in `external_tables` in schema.toml if the app or the platform creates them",
            missing.join(", ")
        ));
    }
    if !report.duplicate_tables.is_empty() {
        items.push(format!(
            "Remove the {} duplicate CREATE TABLE statement(s); write ALTER TABLE statements for the differences that matter",
            report.duplicate_tables.len()
        ));
    }
    if !report.fix_chains.is_empty() {
        items.push(format!(
            "Fold the {} fix chain(s) into the baseline so each table is stated once, in its final form",
            report.fix_chains.len()
        ));
    }
    if !report.duplicate_versions.is_empty()
        || !report.unnumbered_files.is_empty()
        || report.naming.iter().any(|f| f.code != "vague-name")
    {
        items.push(format!(
            "Implement proper migration versioning: one scheme ({}), one version per migration{}",
            set.layout.scheme.describe(),
            if report.unnumbered_files.is_empty() {
                String::new()
            } else {
                format!(", a version for {}", quote_list(&report.unnumbered_files))
            }
        ));
    }
    if !report.order_problems.is_empty() {
        items.push(format!(
            "Fix the {} order dependency(ies): a migration must come after the tables it uses",
            report.order_problems.len()
        ));
    }
    if report.overview.down_files < report.overview.migrations {
        items.push(format!(
            "Add rollback support: {} of {} migrations have no down file (`schema new` creates pairs in a reversible folder)",
            report.overview.migrations - report.overview.down_files,
            report.overview.migrations
        ));
    }
    items.push(
        "Create data migration scripts for existing deployments: the baseline's `-- replaces:` header lets the runner mark it as applied where the old history ran".to_string(),
    );
    items
}

fn quote_list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
