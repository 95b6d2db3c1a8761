//! What can go wrong while migrating: one `#[non_exhaustive]` enum, messages in rustc's style
//! (lower case, code in backticks) naming the migration file and, where the database says,
//! `line:col` in it. Database URLs in messages are always redacted.

use super::plan::PlanProblem;
use crate::catalog_diff::CatalogDifference;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RunnerError {
    #[error("cannot connect to `{url}`: {source}")]
    Connect {
        /// Redacted: never holds the password.
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("unsupported database URL `{url}`: expected `postgres://` or `sqlite:`")]
    UnsupportedUrl { url: String },
    #[error(
        "invalid history table name `{name}`: use letters, digits and `_` (`schema.table` allowed)"
    )]
    InvalidTableName { name: String },
    #[error("the embedded catalog cannot be read: {message}")]
    Catalog { message: String },
    #[error(
        "the migrations folder `{folder}` changed since this binary was built ({}), but the crate was not rebuilt; \
         add `schema_core::build::watch(\"<folder>\")` to its build.rs (with schema-core under [build-dependencies]) and build again",
        changes.join(", ")
    )]
    StaleBuild {
        folder: String,
        changes: Vec<String>,
    },
    #[error(
        "timed out after {}s waiting for the migration lock{}",
        waited.as_secs_f32(),
        holder.as_ref().map(|h| format!("; held by {h}")).unwrap_or_default()
    )]
    LockTimeout {
        waited: Duration,
        /// Who holds it, from `pg_locks`/`pg_stat_activity`, when visible.
        holder: Option<String>,
    },
    #[error("{}", problems_message(problems))]
    Inconsistent { problems: Vec<PlanProblem> },
    #[error("migration {version} failed at {location}: {message}")]
    MigrationFailed {
        version: i64,
        /// `path:line:col` of the failing statement, or the path alone when unknown.
        location: String,
        message: String,
        #[source]
        source: sqlx::Error,
    },
    #[error(
        "cannot revert to {target}: {} no down migration",
        versions_list(versions)
    )]
    MissingDown { target: i64, versions: Vec<i64> },
    #[error(
        "baseline {version} (`{path}`) cannot be adopted: the live schema differs from what it \
         creates:\n{}",
        differences_list(differences)
    )]
    BaselineDrift {
        version: i64,
        path: String,
        differences: Vec<CatalogDifference>,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

fn problems_message(problems: &[PlanProblem]) -> String {
    let mut text = String::from("the database's migration history disagrees with the migrations");
    for problem in problems {
        text.push_str(&format!("\n  - {problem}\n    help: {}", problem.help()));
    }
    text
}

fn versions_list(versions: &[i64]) -> String {
    let list: Vec<String> = versions.iter().map(i64::to_string).collect();
    match versions {
        [_] => format!("applied migration {} has", list[0]),
        _ => format!("applied migrations {} have", list.join(", ")),
    }
}

fn differences_list(differences: &[CatalogDifference]) -> String {
    differences
        .iter()
        .map(|d| format!("  - {d}"))
        .collect::<Vec<_>>()
        .join("\n")
}
