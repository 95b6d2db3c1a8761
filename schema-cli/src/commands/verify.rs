//! `schema verify [DIR]`: compare the live schema with the one the migrations build.

use super::migrate::{DatabaseArgs, block_on, open, runner_failure};
use crate::{Failure, Status};
use clap::Args;
use std::io::{self, Write};

/// Report every difference between the database and the migrations' catalog (exit 1 on drift).
#[derive(Debug, Args)]
#[command(after_help = "\
Exit codes:
  0  the live schema matches what the migrations build
  1  it differs (each difference is listed)
  2  the command could not run: missing folder, no or bad database URL, unreachable database")]
pub struct VerifyArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub fn run(args: VerifyArgs) -> Result<Status, Failure> {
    let (migrator, url) = open(&args.database, false)?;
    let differences = block_on(migrator.verify(&url))?.map_err(runner_failure)?;
    let mut out = io::stdout().lock();
    for difference in &differences {
        writeln!(out, "drift: {difference}")?;
    }
    if differences.is_empty() {
        writeln!(out, "the database matches the migrations")?;
        Ok(Status::Clean)
    } else {
        Ok(Status::Findings)
    }
}
