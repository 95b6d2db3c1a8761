//! `schema catalog [DIR]`: the schema the migrations build, as one JSON document or as SQL
//! (the baseline `schema squash` writes).

use crate::{Failure, Status, input};
use clap::{Args, ValueEnum};
use schema_core::squash::{self, SquashOptions};
use std::io::{self, Write};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the catalog was printed (also when the migrations have errors: see `schema check`)
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     bad arguments";

/// Print the schema the migrations build.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct CatalogArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// How to print the catalog.
    #[arg(long, value_enum, default_value_t = CatalogFormat::Json)]
    format: CatalogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CatalogFormat {
    /// Tables, enums, views, sequences, functions and triggers, sorted by schema and name.
    Json,
    /// `CREATE` statements for the final schema: the baseline `schema squash` writes.
    Sql,
}

pub fn run(args: CatalogArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "warning: the migrations have {errors} error{}, so this catalog may be incomplete; \
             run `schema check {}` to see {}",
            if errors == 1 { "" } else { "s" },
            args.dir.display(),
            if errors == 1 { "it" } else { "them" },
        );
    }
    let mut out = io::stdout().lock();
    match args.format {
        CatalogFormat::Json => writeln!(out, "{}", analysis.catalog.to_json())?,
        CatalogFormat::Sql => {
            // `analyze_folder` has read this config already: it is valid.
            let config = schema_core::Config::load_for(&args.dir).unwrap_or_default();
            let baseline = squash::squash(&analysis, &config, SquashOptions::default());
            out.write_all(baseline.sql.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}
