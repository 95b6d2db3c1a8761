//! `schema audit [DIR]`: the migration audit, computed, as Markdown or JSON.

use crate::{Failure, Status, input};
use clap::{Args, ValueEnum};
use schema_core::audit;
use std::io::{self, Write};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the report was printed and the history has no errors
  1  the report was printed and the history has errors (the report lists them)
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     bad arguments";

/// Write an audit of the migration history: issues, tables, a consolidation plan.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct AuditArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = AuditFormat::Markdown)]
    format: AuditFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AuditFormat {
    /// The structure of a hand-written audit: overview, critical issues, tables, plan, actions.
    Markdown,
    /// The same report as one JSON document.
    Json,
}

pub fn run(args: AuditArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let report = audit::audit(&analysis);
    let mut out = io::stdout().lock();
    match args.format {
        AuditFormat::Markdown => out.write_all(report.to_markdown().as_bytes())?,
        AuditFormat::Json => writeln!(out, "{}", report.to_json())?,
    }
    out.flush()?;
    Ok(if analysis.has_errors() {
        Status::Findings
    } else {
        Status::Clean
    })
}
