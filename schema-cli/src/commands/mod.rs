//! One file per subcommand: its clap arguments and a `run` that returns a `Status`.
//! Adding a command is a new file here and one variant (and match arm) below.

mod catalog;
mod check;

use crate::{Failure, Status};
use clap::Subcommand;

pub const EXIT_CODES: &str = "\
Exit codes:
  0  no errors (with --deny warnings: no warnings either)
  1  the migrations have errors (with --deny warnings: or warnings)
  2  the command could not run: missing folder, unreadable file, invalid schema.toml,
     bad arguments";

#[derive(Debug, Subcommand)]
pub enum Command {
    Check(check::CheckArgs),
    Catalog(catalog::CatalogArgs),
}

impl Command {
    pub fn run(self) -> Result<Status, Failure> {
        match self {
            Command::Check(args) => check::run(args),
            Command::Catalog(args) => catalog::run(args),
        }
    }
}
