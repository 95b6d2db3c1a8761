//! `schema migrate [DIR]`: apply the pending migrations to a database. Also holds what the
//! runner commands share: the database arguments, the runtime and the error mapping. Each
//! migration's line is printed as it finishes (`progress`), with a bar on a terminal.

use crate::progress::ProgressPrinter;
use crate::{Failure, Status, input};
use clap::Args;
use schema_core::runner::{Migrator, RunnerError, redact_url};
use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Where the migrations are and which database to run them on.
#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    pub dir: PathBuf,
    /// `postgres://user@host/db` or `sqlite:path.db`; defaults to `DATABASE_URL`.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Keep the history in this table instead of sqlx's `_sqlx_migrations`.
    #[arg(long)]
    pub table: Option<String>,
}

/// Apply the pending migrations (the same lock and checks as the embedded runner).
#[derive(Debug, Args)]
#[command(after_help = super::RUNNER_EXIT_CODES)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Stop after this version.
    #[arg(long)]
    pub to: Option<i64>,
    /// Do not stop on applied versions that the folder no longer has.
    #[arg(long)]
    pub allow_missing: bool,
    /// Run pending versions older than the newest applied one instead of stopping.
    #[arg(long)]
    pub allow_out_of_order: bool,
    /// Seconds to wait for another runner's lock.
    #[arg(long, default_value_t = 60)]
    pub lock_timeout: u64,
}

pub fn run(args: MigrateArgs) -> Result<Status, Failure> {
    let (migrator, url) = open(&args.database, true)?;
    let printer = ProgressPrinter::for_this_terminal();
    let migrator = migrator
        .allow_missing(args.allow_missing)
        .allow_out_of_order(args.allow_out_of_order)
        .lock_timeout(Duration::from_secs(args.lock_timeout))
        .on_progress(printer.callback());
    let result = block_on(async {
        match args.to {
            Some(version) => migrator.run_to(&url, version).await,
            None => migrator.run(&url).await,
        }
    })?;
    // The lines of the migrations that did finish stay, even when a later one failed.
    let printed = printer.finish()?;
    let report = result.map_err(runner_failure)?;
    if printed == 0 && report.applied.is_empty() && report.adopted.is_empty() {
        writeln!(io::stdout(), "up to date: nothing to apply")?;
    }
    Ok(Status::Clean)
}

/// The folder as a `Migrator` and the URL to run it on. With `require_clean`, a history with
/// errors is refused before any database is touched.
pub fn open(args: &DatabaseArgs, require_clean: bool) -> Result<(Migrator, String), Failure> {
    let url = match &args.database_url {
        Some(url) => url.clone(),
        None => std::env::var("DATABASE_URL").map_err(|_| Failure::Input {
            message: "no database to connect to".to_string(),
            hint: "pass `--database-url postgres://user@host/db` (or `sqlite:app.db`), or set \
                   DATABASE_URL"
                .to_string(),
        })?,
    };
    let analysis = input::analyze_folder(&args.dir)?;
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    if require_clean && errors > 0 {
        return Err(Failure::Input {
            message: format!(
                "the migrations have {errors} error{}; nothing was run",
                if errors == 1 { "" } else { "s" }
            ),
            hint: format!(
                "run `schema check {}` and fix them first",
                args.dir.display()
            ),
        });
    }
    let mut migrator = Migrator::from_dir(&args.dir).map_err(runner_failure)?;
    if let Some(table) = &args.table {
        migrator = migrator.with_table(table).map_err(runner_failure)?;
    }
    Ok((migrator, url))
}

/// Runs a future on a runtime of its own (the CLI is otherwise synchronous).
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output, Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Failure::Input {
            message: format!("cannot start the async runtime: {error}"),
            hint: "this is a bug in schema; please report it".to_string(),
        })?;
    Ok(runtime.block_on(future))
}

/// One `error:` line (plus the details some errors list) and a `hint:`.
pub fn runner_failure(error: RunnerError) -> Failure {
    if let RunnerError::Connect { url, source } = &error {
        // The database's own message, without the driver's prefixes and server source lines.
        let reason = match source.as_database_error() {
            Some(database) => database.message().to_string(),
            None => source.to_string(),
        };
        let hint = if url.starts_with("sqlite:") {
            "check that the database file's folder exists and that you may write to it".to_string()
        } else {
            format!(
                "check that the server behind `{}` is running and the URL (host, port, user, \
                 database) is right",
                redact_url(url)
            )
        };
        return Failure::Input {
            message: format!("cannot connect to `{}`: {reason}", redact_url(url)),
            hint,
        };
    }
    let hint = match &error {
        RunnerError::UnsupportedUrl { .. } => {
            "use `postgres://user@host/db` or `sqlite:path.db`".to_string()
        }
        RunnerError::LockTimeout { .. } => {
            "wait for the other runner to finish, or raise `--lock-timeout`".to_string()
        }
        RunnerError::Inconsistent { .. } => {
            "see each problem's help above; `schema status` lists the history".to_string()
        }
        RunnerError::MigrationFailed { .. } => {
            "fix the statement at that position; the database is left at the previous \
             migration"
                .to_string()
        }
        RunnerError::MissingDown { .. } => {
            "add the missing `.down.sql` files, or revert to a later version".to_string()
        }
        RunnerError::BaselineDrift { .. } => {
            "bring the schema in line with the baseline (or fix the baseline), then run again"
                .to_string()
        }
        _ => "check the database and the migrations folder".to_string(),
    };
    Failure::Input {
        message: error.to_string(),
        hint,
    }
}
