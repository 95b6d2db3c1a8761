//! `schema lock [DIR] [--check]`: write or verify `migrations.lock`.

use crate::{Failure, Status, input};
use clap::Args;
use schema_core::render::{self, RenderStyle};
use schema_core::{lockfile, source};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  the lockfile was written (or, with --check, matches the folder)
  1  with --check: the lockfile is missing or a locked migration was edited, removed,
     renamed, or a new one sorts before the locked ones
  2  the command could not run: missing folder, unreadable file, bad arguments";

/// Write `migrations.lock` beside the folder, or check the folder against it.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct LockArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
    /// Verify instead of writing: for CI, and for the pre-merge check.
    #[arg(long)]
    check: bool,
}

pub fn run(args: LockArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let path = source::lockfile_path(&args.dir);
    if args.check {
        let Some(lock) = analysis.set.lockfile else {
            eprintln!("error: no lockfile at `{}`", path.display());
            eprintln!(
                "hint: run `schema lock {}` and commit the file",
                args.dir.display()
            );
            return Ok(Status::Findings);
        };
        let findings = lockfile::check(&analysis.set, lock);
        for diagnostic in &findings {
            println!(
                "{}",
                render::render_text(&analysis.set, diagnostic, RenderStyle::Plain)
            );
        }
        if findings.iter().any(|d| d.is_error()) {
            return Ok(Status::Findings);
        }
        println!(
            "ok: `{}` matches {} migrations",
            path.display(),
            analysis.set.migrations.len()
        );
        return Ok(Status::Clean);
    }
    let errors = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !d.code.starts_with("lock-"))
        .count();
    if errors > 0 {
        eprintln!(
            "warning: the migrations have {errors} error(s); locking them anyway (see `schema check {}`)",
            args.dir.display()
        );
    }
    let text = lockfile::render(&analysis.set);
    std::fs::write(&path, &text).map_err(|error| Failure::Input {
        message: format!("cannot write `{}`: {error}", path.display()),
        hint: "check that the folder is writable".to_string(),
    })?;
    let count = text.lines().filter(|l| !l.starts_with('#')).count();
    println!("wrote `{}` ({count} migrations)", path.display());
    Ok(Status::Clean)
}
