//! `schema dry-run [DIR]`: print what `schema migrate` would run, with its SQL.

use super::migrate::{DatabaseArgs, block_on, open, runner_failure};
use crate::{Failure, Status};
use clap::Args;
use std::io::{self, Write};

/// Print the migrations `migrate` would apply and their SQL; changes nothing.
#[derive(Debug, Args)]
#[command(after_help = super::RUNNER_EXIT_CODES)]
pub struct DryRunArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub fn run(args: DryRunArgs) -> Result<Status, Failure> {
    let (migrator, url) = open(&args.database, false)?;
    let plan = block_on(migrator.dry_run(&url))?.map_err(runner_failure)?;
    let mut out = io::stdout().lock();
    if plan.is_empty() {
        writeln!(out, "-- up to date: nothing to apply")?;
    }
    for step in &plan {
        writeln!(out, "-- {} {}: {}", step.version, step.path, step.action)?;
        if !step.sql.is_empty() {
            writeln!(out, "{}", step.sql.trim_end())?;
        }
    }
    Ok(Status::Clean)
}
