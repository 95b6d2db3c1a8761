//! `schema status [DIR]`: the database's history against the folder; changes nothing.

use super::migrate::{DatabaseArgs, block_on, open, runner_failure};
use crate::{Failure, Status};
use clap::Args;
use std::io::{self, Write};

/// List applied and pending migrations and any inconsistency (exit 1 when not up to date).
#[derive(Debug, Args)]
#[command(after_help = "\
Exit codes:
  0  every migration is applied and the history is consistent
  1  migrations are pending, or the history is inconsistent (each problem is listed)
  2  the command could not run: missing folder, no or bad database URL, unreachable database")]
pub struct StatusArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub fn run(args: StatusArgs) -> Result<Status, Failure> {
    let (migrator, url) = open(&args.database, false)?;
    let status = block_on(migrator.status(&url))?.map_err(runner_failure)?;
    let mut out = io::stdout().lock();
    for row in &status.applied {
        let state = if row.success { "applied" } else { "partial" };
        writeln!(out, "{state:8} {:>6}  {}", row.version, row.description)?;
    }
    for version in &status.pending {
        let path = migrator
            .migrations()
            .iter()
            .find(|m| m.version == *version)
            .map_or("", |m| m.path.as_str());
        writeln!(out, "{:8} {version:>6}  {path}", "pending")?;
    }
    for problem in &status.problems {
        writeln!(out, "error: {problem}\n  help: {}", problem.help())?;
    }
    Ok(if status.pending.is_empty() && status.problems.is_empty() {
        Status::Clean
    } else {
        Status::Findings
    })
}
