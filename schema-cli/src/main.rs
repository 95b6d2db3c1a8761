//! `schema`: the command-line shell over `schema-core`.
//!
//! Each subcommand lives in `commands/<name>.rs` (its clap arguments and its `run`); `input`
//! turns a folder into an `Analysis` and every way that can fail into a `Failure`. This file
//! only parses the arguments, runs the command and maps the outcome to an exit code.

mod commands;
mod input;
mod progress;

use clap::Parser;
use std::io;
use std::process::ExitCode;

/// Check a folder of SQL migrations and print the schema it builds.
#[derive(Debug, Parser)]
#[command(name = "schema", version, after_help = commands::EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: commands::Command,
}

/// How a command ended; the discriminant is the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing to report (or only what `--deny` lets through).
    Clean = 0,
    /// The migrations have errors (or denied warnings).
    Findings = 1,
    /// The command could not run: missing folder, unreadable file, bad config or arguments.
    BadInput = 2,
}

/// Why a command could not produce its report.
#[derive(Debug)]
pub enum Failure {
    /// The input is unusable; printed as `error: {message}` and `hint: {hint}`.
    Input { message: String, hint: String },
    /// Writing the report to stdout failed.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Self {
        Failure::Output(error)
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with 2, the code for bad input.
    let cli = Cli::parse();
    let status = match cli.command.run() {
        Ok(status) => status,
        Err(Failure::Input { message, hint }) => {
            eprintln!("error: {message}");
            eprintln!("hint: {hint}");
            Status::BadInput
        }
        // The reader went away (`schema check | head`): nothing left to tell anyone.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            Status::BadInput
        }
        Err(Failure::Output(error)) => {
            eprintln!("error: cannot write the report: {error}");
            Status::BadInput
        }
    };
    ExitCode::from(status as u8)
}
