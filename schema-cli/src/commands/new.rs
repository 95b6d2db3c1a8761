//! `schema new NAME [DIR]`: the next migration file in the folder's own naming scheme.

use crate::{Failure, Status, input};
use clap::Args;
use schema_core::layout::Scheme;
use schema_core::source::MigrationSet;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

const EXIT_CODES: &str = "\
Exit codes:
  0  the migration file (and its down file, where the folder has them) was created
  2  the command could not run: missing folder, a migration with that name or file exists,
     unwritable folder, bad arguments";

/// Create the next migration file, named like the folder's other migrations.
#[derive(Debug, Args)]
#[command(after_help = EXIT_CODES)]
pub struct NewArgs {
    /// What the migration does, e.g. `add_status_to_tickets`.
    name: String,
    /// The migrations folder.
    #[arg(default_value = "migrations")]
    dir: PathBuf,
}

pub fn run(args: NewArgs) -> Result<Status, Failure> {
    let analysis = input::analyze_folder(&args.dir)?;
    let set = &analysis.set;
    let version = next_version(set, unix_seconds());
    let up = set.layout.example_name(version, &args.name);
    let description = description_of(&up);
    if let Some(existing) = set
        .migrations
        .iter()
        .find(|m| m.description.eq_ignore_ascii_case(&description))
    {
        return Err(Failure::Input {
            message: format!(
                "a migration named `{description}` exists already: `{}`",
                set.files[existing.up].path
            ),
            hint: "choose a name that says what this migration changes".to_string(),
        });
    }
    let mut paths = vec![(up.clone(), format!("-- {description}\n"))];
    if let Some(down) = down_name(set, &up) {
        paths.push((down, format!("-- revert {description}\n")));
    }
    for (path, _) in &paths {
        if args.dir.join(path).exists() {
            return Err(Failure::Input {
                message: format!("`{}` exists already", args.dir.join(path).display()),
                hint: "choose another name".to_string(),
            });
        }
    }
    for (path, text) in &paths {
        write_new(&args.dir.join(path), text)?;
        println!("created {}", args.dir.join(path).display());
    }
    Ok(Status::Clean)
}

/// The description part of a file name made by `Layout::example_name`.
fn description_of(file_name: &str) -> String {
    let stem = file_name
        .trim_end_matches("/up.sql")
        .trim_end_matches(".up.sql")
        .trim_end_matches(".sql");
    if let Some((_, flyway)) = stem.split_once("__") {
        return flyway.to_string();
    }
    stem.split_once('_')
        .map_or(stem, |(_, rest)| rest)
        .to_string()
}

/// One past the last version; for timestamp schemes the current UTC time, unless the last
/// version is already later.
fn next_version(set: &MigrationSet, now: u64) -> i64 {
    let last = set.migrations.iter().filter_map(|m| m.version).max();
    match set.layout.scheme {
        Scheme::Timestamp | Scheme::Diesel => {
            let stamp = timestamp(now);
            last.map_or(stamp, |last| stamp.max(last + 1))
        }
        _ => last.map_or(1, |last| last + 1),
    }
}

/// The down file beside `up`, where the folder pairs its migrations.
fn down_name(set: &MigrationSet, up: &str) -> Option<String> {
    match set.layout.scheme {
        Scheme::Diesel => Some(up.replace("/up.sql", "/down.sql")),
        Scheme::Flyway => set
            .migrations
            .iter()
            .any(|m| m.down.is_some())
            .then(|| format!("U{}", &up[1..])),
        _ => set
            .layout
            .reversible
            .then(|| up.replace(".up.sql", ".down.sql")),
    }
}

fn write_new(path: &Path, text: &str) -> Result<(), Failure> {
    let fail = |error: std::io::Error| Failure::Input {
        message: format!("cannot create `{}`: {error}", path.display()),
        hint: "check that you may write to the migrations folder".to_string(),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, text.as_bytes()))
        .map_err(fail)
}

fn unix_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// `YYYYMMDDHHMMSS` in UTC.
fn timestamp(unix_seconds: u64) -> i64 {
    let days = (unix_seconds / 86_400) as i64;
    let seconds = unix_seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    let clock = (seconds / 3600) * 10_000 + (seconds % 3600 / 60) * 100 + seconds % 60;
    (year * 10_000 + month * 100 + day) * 1_000_000 + clock as i64
}

/// Howard Hinnant's days-to-civil algorithm: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_calendar_time() {
        assert_eq!(timestamp(0), 19700101000000);
        assert_eq!(timestamp(1_709_210_096), 20240229123456);
    }

    #[test]
    fn description_is_the_name_without_version_and_suffix() {
        assert_eq!(description_of("029_add_docs.up.sql"), "add_docs");
        assert_eq!(description_of("V3__add_docs.sql"), "add_docs");
        assert_eq!(
            description_of("2024-01-01-120000_add_docs/up.sql"),
            "add_docs"
        );
    }
}
