//! One file per subcommand: its clap arguments and a `run` that returns a `Status`.
//! Adding a command is a new file here and one variant (and match arm) below.

mod audit;
mod catalog;
mod check;
mod dry_run;
mod lock;
mod migrate;
mod new;
mod plan;
mod revert;
mod squash;
mod status;
mod verify;

use crate::{Failure, Status};
use clap::Subcommand;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  no errors (with --deny warnings: no warnings either); the database command succeeded
  1  the migrations have errors (with --deny warnings: or warnings); `status`: migrations
     are pending or the history is inconsistent; `verify`: the live schema differs;
     `lock --check`: the lockfile does not match
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     bad arguments, no or bad database URL, unreachable database, lock timeout, a failed
     migration (the database stays at the previous one)";

/// The exit codes of `migrate`, `revert` and `dry-run`.
pub const RUNNER_EXIT_CODES: &str = "\
Exit codes:
  0  done (or nothing to do)
  2  nothing or not everything was done: the migrations have errors (`migrate`), no or bad
     database URL, unreachable database, lock timeout, inconsistent history, a failed
     migration (the database stays at the previous one), a missing down file (`revert`)";

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(check::CheckArgs),
    Catalog(catalog::CatalogArgs),
    Audit(audit::AuditArgs),
    Plan(plan::PlanArgs),
    Squash(squash::SquashArgs),
    New(new::NewArgs),
    Lock(lock::LockArgs),
    Migrate(migrate::MigrateArgs),
    Revert(revert::RevertArgs),
    Status(status::StatusArgs),
    Verify(verify::VerifyArgs),
    DryRun(dry_run::DryRunArgs),
}

impl Command {
    pub fn run(self) -> Result<Status, Failure> {
        match self {
            Command::Check(args) => check::run(args),
            Command::Catalog(args) => catalog::run(args),
            Command::Audit(args) => audit::run(args),
            Command::Plan(args) => plan::run(args),
            Command::Squash(args) => squash::run(args),
            Command::New(args) => new::run(args),
            Command::Lock(args) => lock::run(args),
            Command::Migrate(args) => migrate::run(args),
            Command::Revert(args) => revert::run(args),
            Command::Status(args) => status::run(args),
            Command::Verify(args) => verify::run(args),
            Command::DryRun(args) => dry_run::run(args),
        }
    }
}
