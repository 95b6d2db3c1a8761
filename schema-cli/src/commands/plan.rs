//! `schema plan [DIR]`: the foreign-key dependency phases and a creation order.

use crate::{Failure, Status, input};
use clap::{Args, ValueEnum};
use schema_core::dependency_plan;
use std::io::{self, Write};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the plan was printed
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     bad arguments";

/// Print the tables in dependency phases (foreign keys) and one order to create them in.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct PlanArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// How to print the plan.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlanFormat {
    Text,
    Json,
}

pub fn run(args: PlanArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let plan = dependency_plan::plan(&analysis.catalog, &analysis.history.missing_tables);
    let mut out = io::stdout().lock();
    match args.format {
        PlanFormat::Text => out.write_all(plan.to_text().as_bytes())?,
        PlanFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &plan).map_err(io::Error::from)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
