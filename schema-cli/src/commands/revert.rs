//! `schema revert --to VERSION [DIR]`: run the down migrations above a version.

use super::migrate::{DatabaseArgs, block_on, open, runner_failure};
use crate::progress::ProgressPrinter;
use crate::{Failure, Status};
use clap::Args;
use std::io::{self, Write};

/// Revert, newest first, every applied migration above `--to` (refuses when a down is missing).
#[derive(Debug, Args)]
#[command(after_help = super::RUNNER_EXIT_CODES)]
pub struct RevertArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// The version to go back to (`0` reverts everything).
    #[arg(long)]
    pub to: i64,
}

pub fn run(args: RevertArgs) -> Result<Status, Failure> {
    let (migrator, url) = open(&args.database, false)?;
    let printer = ProgressPrinter::for_this_terminal();
    let migrator = migrator.on_progress(printer.callback());
    let result = block_on(migrator.revert_to(&url, args.to))?;
    let printed = printer.finish()?;
    let report = result.map_err(runner_failure)?;
    if printed == 0 && report.reverted.is_empty() {
        writeln!(
            io::stdout(),
            "nothing to revert: no applied migration above {}",
            args.to
        )?;
    }
    Ok(Status::Clean)
}
