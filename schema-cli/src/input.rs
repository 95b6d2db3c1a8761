//! From a folder argument to an `Analysis`, and from every way that can fail to one clear
//! `error:` line with a `hint:` (exit code 2).

use crate::Failure;
use schema_core::config::{self, ConfigError};
use schema_core::source::SourceError;
use schema_core::{Analysis, Config, analyze_dir};
use std::path::Path;

/// Loads `schema.toml` for `dir` and analyses the folder.
pub fn analyze_folder(dir: &Path) -> Result<Analysis, Failure> {
    let config = match Config::load_for(dir) {
        Ok(config) => config,
        // A missing folder is the problem to fix first, whatever config sits beside it.
        Err(_) if !dir.exists() => Config::default(),
        Err(error) => return Err(config_failure(error)),
    };
    analyze_dir(dir, &config).map_err(|error| source_failure(dir, error))
}

fn source_failure(dir: &Path, error: SourceError) -> Failure {
    let hint = match &error {
        SourceError::NotFound { .. } if dir == Path::new("migrations") => {
            "run this from the folder that holds `migrations/`, or pass the migrations folder: \
             `schema check path/to/migrations`"
        }
        SourceError::NotFound { .. } => {
            "check the path: it should name the folder that holds the `.sql` migration files"
        }
        SourceError::NotADirectory { .. } => {
            "pass the folder that holds the migration files, not a single file"
        }
        SourceError::Io { .. } => "check that the file exists and that you may read it",
        _ => "check the migrations folder",
    };
    Failure::Input {
        message: error.to_string(),
        hint: hint.to_string(),
    }
}

fn config_failure(error: ConfigError) -> Failure {
    match error {
        ConfigError::Invalid { path, message } => Failure::Input {
            message: format!(
                "invalid config {}",
                one_line_toml_error(&path.display().to_string(), &message)
            ),
            hint: format!(
                "fix `{}`; every key is optional: dialect, layout, external_tables, allow, \
                 baseline",
                config::FILE_NAME
            ),
        },
        ConfigError::Io { .. } => Failure::Input {
            message: error.to_string(),
            hint: "check that the file exists and that you may read it".to_string(),
        },
        other => Failure::Input {
            message: other.to_string(),
            hint: format!("check `{}`", config::FILE_NAME),
        },
    }
}

/// The toml crate's errors span several lines (a position, a source snippet, the message);
/// this folds one into `` `path`:line:column: message `` so the CLI prints one clear line.
fn one_line_toml_error(path: &str, message: &str) -> String {
    let mut lines = message.lines();
    let position = lines.next().and_then(|first| {
        let rest = first.strip_prefix("TOML parse error at line ")?;
        let (line, column) = rest.split_once(", column ")?;
        Some((
            line.trim().parse::<usize>().ok()?,
            column.trim().parse::<usize>().ok()?,
        ))
    });
    let Some((line, column)) = position else {
        let joined: Vec<&str> = message
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        return format!("`{path}`: {}", joined.join("; "));
    };
    let text: Vec<&str> = lines
        .map(str::trim)
        .filter(|l| !l.is_empty() && !is_snippet_line(l))
        .collect();
    format!("`{path}`:{line}:{column}: {}", text.join(" "))
}

/// `|`, `1 | key = 1` or `  | ^^^`: the parts of a toml error that quote the file.
fn is_snippet_line(line: &str) -> bool {
    let after_number = line.trim_start_matches(|c: char| c.is_ascii_digit());
    after_number.trim_start().starts_with('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_error_becomes_one_line_with_position() {
        let message = Config::parse("dialect = \"postgres\"\nbogus = 1\n")
            .expect_err("unknown keys are rejected");
        let line = one_line_toml_error("db/schema.toml", &message);
        assert!(
            line.starts_with("`db/schema.toml`:2:1: unknown field `bogus`"),
            "{line}"
        );
        assert!(!line.contains('\n'), "{line}");
    }

    #[test]
    fn error_without_position_is_joined_on_one_line() {
        assert_eq!(
            one_line_toml_error("schema.toml", "first\n\n  second\n"),
            "`schema.toml`: first; second"
        );
    }
}
