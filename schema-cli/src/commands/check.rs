//! `schema check [DIR]`: every diagnostic of the folder, as text or JSON, and an exit code.

use crate::commands::EXIT_CODES;
use crate::{Failure, Status, input};
use clap::{Args, ValueEnum};
use schema_core::Analysis;
use schema_core::diagnostic::Severity;
use schema_core::render::{self, RenderStyle};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Check the migrations and report every problem.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct CheckArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Fail (exit 1) on these diagnostics too, not only on errors.
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Vec<Deny>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// rustc-style diagnostics with source snippets, then a summary line.
    Text,
    /// `{"diagnostics": [...]}` with file, line and column of each.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: CheckArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let failed = analysis.diagnostics.iter().any(|diagnostic| {
        diagnostic.is_error() || (deny_warnings && diagnostic.severity == Severity::Warning)
    });
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Text => write_text(&mut out, &analysis, failed, terminal_style())?,
        CheckFormat::Json => {
            let document = render::to_document(&analysis.set, &analysis.diagnostics);
            serde_json::to_writer_pretty(&mut out, &document).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// Colour only for a person at a terminal who has not asked for none (`NO_COLOR`).
fn terminal_style() -> RenderStyle {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    if io::stdout().is_terminal() && !no_color {
        RenderStyle::Color
    } else {
        RenderStyle::Plain
    }
}

fn write_text(
    out: &mut impl Write,
    analysis: &Analysis,
    failed: bool,
    style: RenderStyle,
) -> io::Result<()> {
    for diagnostic in &analysis.diagnostics {
        writeln!(
            out,
            "{}\n",
            render::render_text(&analysis.set, diagnostic, style)
        )?;
    }
    if let Some(lints) = lint_summary(analysis) {
        writeln!(out, "{lints}")?;
    }
    writeln!(out, "{}", summary(analysis, failed, style))
}

/// The safety lints grouped by rule, most frequent first:
/// `   43  timestamp-without-time-zone  (types) timestamp without time zone`.
fn lint_summary(analysis: &Analysis) -> Option<String> {
    let mut counts: Vec<(usize, &schema_core::lint::Rule)> = schema_core::lint::RULES
        .iter()
        .map(|rule| {
            let count = analysis
                .diagnostics
                .iter()
                .filter(|d| d.code == rule.code)
                .count();
            (count, rule)
        })
        .filter(|(count, _)| *count > 0)
        .collect();
    if counts.is_empty() {
        return None;
    }
    counts.sort_by(|(a, rule_a), (b, rule_b)| b.cmp(a).then(rule_a.code.cmp(rule_b.code)));
    let width = counts
        .iter()
        .map(|(_, rule)| rule.code.len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("lints by rule:\n");
    for (count, rule) in counts {
        text.push_str(&format!(
            "{count:>6}  {:<width$}  ({}) {}\n",
            rule.code, rule.group, rule.summary
        ));
    }
    Some(text)
}

/// `error: 3 errors, 5 warnings in 29 files`; the prefix is `error` when the check fails,
/// `warning` when it passes with warnings, `ok` otherwise.
fn summary(analysis: &Analysis, failed: bool, style: RenderStyle) -> String {
    let count_of = |severity| {
        analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == severity)
            .count()
    };
    let errors = count_of(Severity::Error);
    let warnings = count_of(Severity::Warning);
    let (prefix, ansi) = if failed {
        ("error", "\x1b[1;91m")
    } else if warnings > 0 {
        ("warning", "\x1b[1;33m")
    } else {
        ("ok", "\x1b[1;92m")
    };
    let prefix = match style {
        RenderStyle::Color => format!("{ansi}{prefix}\x1b[0m"),
        RenderStyle::Plain => prefix.to_string(),
    };
    format!(
        "{prefix}: {}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(
            analysis.set.files.len() - usize::from(analysis.set.lockfile.is_some()),
            "file"
        )
    )
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
