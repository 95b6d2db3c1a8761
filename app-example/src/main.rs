//! The operations console's schema, checked when this crate compiles.
//!
//! `migrations!` below refuses to compile if `migrations/` has a duplicate table, a reused
//! version, an unnumbered file or a reference to a missing table; it also generates the
//! `tables` constants used in the queries here. At run time the example shows what the analyzer
//! makes of the legacy 29-file history that the baseline migration replaces.

use schema_core::diagnostic::Severity;
use std::path::Path;

schema_macros::migrations!("migrations");

use tables::{ticket_comments, tickets};

/// The open-tickets query, written with the generated names: a renamed column breaks the build.
fn open_tickets_query() -> String {
    format!(
        "SELECT {}, {}, {} FROM {} WHERE {} <> 'closed' ORDER BY {}",
        tickets::ID,
        tickets::TITLE,
        tickets::PRIORITY,
        tickets::NAME,
        tickets::STATUS,
        tickets::CREATED_AT
    )
}

fn add_comment_query() -> String {
    let columns = [
        ticket_comments::TICKET_ID,
        ticket_comments::USER_ID,
        ticket_comments::BODY,
    ];
    format!(
        "INSERT INTO {} ({}) VALUES ($1, $2, $3)",
        ticket_comments::NAME,
        columns.join(", ")
    )
}

fn main() {
    println!("compiled against {} checked migrations:", MIGRATOR.len());
    for migration in MIGRATOR.iter() {
        let down = if migration.down_sql.is_some() {
            "reversible"
        } else {
            "no down"
        };
        println!(
            "  {:04} {} ({down})",
            migration.version, migration.description
        );
    }
    println!("\ntickets has columns {:?}", tickets::COLUMNS);
    println!("open tickets:  {}", open_tickets_query());
    println!("add a comment: {}", add_comment_query());

    let legacy =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema-core/test_data/audit/migrations");
    match schema_core::analyze_dir(&legacy, &schema_core::Config::default()) {
        Ok(analysis) => {
            let count = |severity| {
                analysis
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == severity)
                    .count()
            };
            println!(
                "\nthe legacy history the baseline replaces ({} files): {} errors, {} warnings, {} notes",
                analysis.set.migrations.len(),
                count(Severity::Error),
                count(Severity::Warning),
                count(Severity::Info)
            );
            for diagnostic in analysis
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
            {
                let first_line = schema_core::render::one_line(&analysis.set, diagnostic);
                println!("  {}", first_line.lines().next().unwrap_or_default());
            }
        }
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_use_the_generated_names() {
        assert_eq!(
            open_tickets_query(),
            "SELECT id, title, priority FROM tickets WHERE status <> 'closed' ORDER BY created_at"
        );
        assert_eq!(
            add_comment_query(),
            "INSERT INTO ticket_comments (ticket_id, user_id, body) VALUES ($1, $2, $3)"
        );
    }

    #[test]
    fn every_migration_is_embedded_with_its_down() {
        assert_eq!(MIGRATOR.len(), 3);
        assert!(MIGRATOR.iter().all(|m| m.down_sql.is_some()));
    }
}
