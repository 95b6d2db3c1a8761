//! `schema squash [DIR] [-o FILE] [--replaces]`: one baseline migration for the whole history.

use crate::{Failure, Status, input};
use clap::Args;
use schema_core::squash::{self, SquashOptions};
use std::io::{self, Write};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the baseline was written, nothing needs a person's attention
  1  the baseline was written but needs review: missing tables (stubs to fill in) or
     statements carried over verbatim (listed on stderr)
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     unwritable output, bad arguments";

/// Write one baseline migration that builds the schema of the whole history.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct SquashArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// Write the baseline to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start with `-- replaces: FIRST..=LAST`, the versions the baseline stands for.
    #[arg(long)]
    replaces: bool,
}

pub fn run(args: SquashArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    // `analyze_folder` has read this config already: it is valid.
    let config = schema_core::Config::load_for(&args.dir).unwrap_or_default();
    let result = squash::squash(
        &analysis,
        &config,
        SquashOptions {
            replaces: args.replaces,
        },
    );
    match &args.output {
        Some(path) => std::fs::write(path, &result.sql).map_err(|error| Failure::Input {
            message: format!("cannot write `{}`: {error}", path.display()),
            hint: "check that the folder exists and that you may write to it".to_string(),
        })?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(result.sql.as_bytes())?;
            out.flush()?;
        }
    }
    let mut review = false;
    for name in &result.missing_tables {
        review = true;
        eprintln!(
            "warning: `{name}` is referenced but no migration creates it: the baseline has a commented stub to fill in"
        );
    }
    for statement in &result.carried {
        review = true;
        eprintln!(
            "warning: carried over verbatim{}: `{}` from {}:{}",
            if statement.runs { "" } else { " as a comment" },
            statement.kind,
            statement.file,
            statement.line
        );
    }
    for note in &result.not_reproduced {
        review = true;
        eprintln!("warning: {note}");
    }
    Ok(if review {
        Status::Findings
    } else {
        Status::Clean
    })
}
