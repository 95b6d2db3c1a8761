//! An operations console on SQLite or PostgreSQL, its schema checked when this crate compiles.
//!
//! `migrations/postgres` holds the operations console's schema: a baseline that `schema squash`
//! wrote from the 29-file legacy history (`legacy-migrations`), which it replaces, then ordinary
//! migrations. `migrations/sqlite` holds the same tables and columns for SQLite.
//! Each `migrations!` call below refuses to compile on a bad history and generates the
//! `tables::<table>::{NAME, COLUMNS, <COLUMN>, Row}` items the queries in `console` use; the
//! SQLite call's `same_tables_as` also refuses to compile when the two histories stop building
//! the same tables and columns.
//!
//! At start-up the app runs the embedded migrations (`MIGRATOR`), checks the live schema
//! against the compile-time catalog (`verify`), then does an operator's work. Settings:
//! `DATABASE_URL=postgres://...` (or `sqlite:...`); without it, a SQLite file in
//! `APP_DATA_DIR` (default `./data`). `app-example legacy` prints what the analyzer makes of the
//! legacy history. A PostgreSQL database that ran the legacy history is adopted: the runner
//! records the baseline as applied without running it (`-- replaces: 1..=28`).

mod console;
mod drift;
mod legacy;
mod settings;

use settings::Backend;
use std::process::ExitCode;

/// The PostgreSQL schema: `postgres::tables`, `postgres::MIGRATOR`.
mod postgres {
    schema_macros::migrations!("migrations/postgres");
}

/// The same schema for SQLite, held to the PostgreSQL one's tables, columns and nullability.
mod sqlite {
    schema_macros::migrations!(
        "migrations/sqlite",
        dialect = "sqlite",
        same_tables_as = "migrations/postgres"
    );
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("legacy") {
        return legacy::report();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Migrate, verify, work; every failure is one line for `main` to print.
async fn run() -> Result<(), String> {
    let backend = Backend::from_env()?;
    println!("database: {}", backend.describe());
    let embedded = match backend {
        Backend::Postgres { .. } => &postgres::MIGRATOR,
        Backend::Sqlite { .. } => &sqlite::MIGRATOR,
    };
    let migrator = embedded.migrator().map_err(one_line)?;
    let url = backend.url();
    let report = migrator.run(url).await.map_err(one_line)?;
    if report.applied.is_empty() && report.adopted.is_empty() {
        println!(
            "migrations: up to date ({} migrations)",
            migrator.migrations().len()
        );
    } else {
        for migration in migrator.migrations() {
            if report.applied.contains(&migration.version) {
                println!("migrations: applied {}", migration.path);
            } else if report.adopted.contains(&migration.version) {
                println!("migrations: adopted baseline {}", migration.path);
            }
        }
    }
    let differences = drift::differences(&migrator, &backend).await?;
    if let Some(first) = differences.first() {
        let more = match differences.len() - 1 {
            0 => String::new(),
            n => format!(" (and {n} more)"),
        };
        return Err(format!(
            "the database schema has drifted from the migrations: {first}{more}; the app will not work on it"
        ));
    }
    let result = match backend {
        Backend::Postgres { .. } => console::postgres::run(url).await,
        Backend::Sqlite { .. } => console::sqlite::run(url).await,
    };
    result.map_err(|error| format!("query failed: {}", one_line(error)))
}

/// An error's message on one line: the runner's lists become `; `-separated.
fn one_line(error: impl std::fmt::Display) -> String {
    let text = error.to_string();
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    lines.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_embed_every_migration_with_its_down() {
        for embedded in [&postgres::MIGRATOR, &sqlite::MIGRATOR] {
            assert_eq!(embedded.len(), 3);
            assert!(embedded.iter().all(|m| m.down_sql.is_some()));
        }
    }

    #[test]
    fn sqlite_integers_are_i64_and_postgres_keeps_its_widths() {
        let pg = postgres::tables::checklist_submissions::Row {
            id: String::new(),
            user_id: String::new(),
            location: "bay 3".to_owned(),
            category: "cleaning".to_owned(),
            r#type: "daily".to_owned(),
            completed_tasks: "[]".to_owned(),
            total_tasks: 8_i32,
            comments: None,
            submission_date: None,
            created_at: None,
        };
        let sqlite = sqlite::tables::checklist_submissions::Row {
            id: pg.id.clone(),
            user_id: pg.user_id.clone(),
            location: pg.location.clone(),
            category: pg.category.clone(),
            r#type: pg.r#type.clone(),
            completed_tasks: pg.completed_tasks.clone(),
            total_tasks: i64::from(pg.total_tasks),
            comments: None,
            submission_date: None,
            created_at: None,
        };
        assert_eq!(sqlite.total_tasks, 8_i64);
    }

    #[test]
    fn arrays_are_vectors_on_postgres_and_json_text_on_sqlite() {
        let pg_tags: Option<Vec<String>> = None;
        let sqlite_tags: Option<String> = Some("[]".to_owned());
        let pg = postgres::tables::assistant_knowledge::Row {
            id: String::new(),
            assistant_id: String::new(),
            route: String::new(),
            title: String::new(),
            content: String::new(),
            tags: pg_tags,
            version: 1_i32,
            source_file_id: None,
            created_at: None,
            updated_at: None,
            parent_document_id: None,
            section_index: None,
        };
        let sqlite = sqlite::tables::assistant_knowledge::Row {
            id: pg.id,
            assistant_id: pg.assistant_id,
            route: pg.route,
            title: pg.title,
            content: pg.content,
            tags: sqlite_tags,
            version: 1_i64,
            source_file_id: None,
            created_at: None,
            updated_at: None,
            parent_document_id: None,
            section_index: None,
        };
        assert_eq!(sqlite.tags.as_deref(), Some("[]"));
    }

    #[test]
    fn multi_line_errors_become_one_line() {
        assert_eq!(one_line("a\n  - b\n    help: c\n"), "a; - b; help: c");
    }
}
