//! `schema squash`'s guarantee, against real PostgreSQL: applying the baseline to an empty
//! database yields exactly the catalog that applying the whole history yields. Both databases
//! are introspected and compared with `catalog_diff::diff`, which must find nothing.
//!
//! Histories: the two long fixtures under `schema-core/test_data/pg/` (renames, type changes,
//! dropped and re-created tables, enums, views, triggers, a self-referencing foreign key,
//! schemas, identity and serial columns), `pg/renamed_under_views` (views written before the
//! tables and columns they read were renamed), `pg/partitioned` (range, list and hash
//! partitions) and every `ok` fixture that PostgreSQL accepts. Views (columns and definition)
//! and partitioning (key and bounds) are compared too, by PostgreSQL's own rendering.

mod support;

use support::fixtures::{is_sqlite, note, test_data};

use schema_core::catalog::Catalog;
use schema_core::catalog_diff::diff;
use schema_core::config::Config;
use schema_core::introspect::introspect_postgres;
use schema_core::squash::{SquashOptions, squash};
use sqlx::AssertSqlSafe;
use std::path::{Path, PathBuf};
use support::pg::{TestDatabase, apply_sql_files};

#[tokio::test]
async fn sqlx_shop_squash_builds_the_same_schema() {
    let dir = test_data().join("pg/sqlx_shop/migrations");
    if let Outcome::Differs(report) = round_trip(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn diesel_blog_squash_builds_the_same_schema() {
    let dir = test_data().join("pg/diesel_blog/migrations");
    if let Outcome::Differs(report) = round_trip(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn views_over_renamed_tables_and_columns_squash_builds_the_same_schema() {
    let dir = test_data().join("pg/renamed_under_views/migrations");
    if let Outcome::Differs(report) = round_trip(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn partitioned_tables_squash_builds_the_same_schema() {
    let dir = test_data().join("pg/partitioned/migrations");
    if let Outcome::Differs(report) = round_trip(&dir, true).await {
        panic!("{report}");
    }
}

#[tokio::test]
async fn cyclic_foreign_keys_squash_builds_the_same_schema() {
    let root = std::env::temp_dir().join(format!("schema_squash_cycle_{}", std::process::id()));
    let dir = root.join("migrations");
    std::fs::create_dir_all(&dir).expect("temp migrations folder");
    std::fs::write(
        dir.join("001_teams.sql"),
        "CREATE TABLE teams (id bigint PRIMARY KEY, name text NOT NULL);\n",
    )
    .expect("write migration");
    std::fs::write(
        dir.join("002_members.sql"),
        "CREATE TABLE members (id bigint PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams (id), \
         mentor_id bigint REFERENCES members (id));\n\
         ALTER TABLE teams ADD COLUMN captain_id bigint REFERENCES members (id);\n",
    )
    .expect("write migration");
    let outcome = round_trip(&dir, true).await;
    let _ = std::fs::remove_dir_all(&root);
    if let Outcome::Differs(report) = outcome {
        panic!("{report}");
    }
}

#[tokio::test]
async fn ok_fixtures_squash_builds_the_same_schema() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(test_data().join("ok"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path().join("migrations"))
                .filter(|dir| dir.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in dirs {
        if is_sqlite(&dir) {
            continue;
        }
        match round_trip(&dir, false).await {
            Outcome::Same => checked += 1,
            Outcome::Skipped => {}
            Outcome::Differs(report) => failures.push(report),
        }
    }
    note(&format!(
        "ok fixtures: {checked} squash to the same schema, {} do not",
        failures.len()
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    assert!(checked >= 10, "only {checked} ok fixtures were checked");
}

enum Outcome {
    Same,
    /// No server, or (for an `ok` fixture) PostgreSQL rejected the history itself.
    Skipped,
    Differs(String),
}

async fn round_trip(dir: &Path, must_apply: bool) -> Outcome {
    let name = dir.parent().and_then(Path::file_name).map_or_else(
        || dir.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let config = Config::load_for(dir).unwrap_or_else(|error| panic!("{name}: {error}"));
    let analysis = schema_core::analyze_dir(dir, &config)
        .unwrap_or_else(|error| panic!("{name}: cannot load migrations: {error}"));
    let baseline = squash(&analysis, &config, SquashOptions { replaces: true });
    let files: Vec<PathBuf> = analysis
        .set
        .migrations
        .iter()
        .map(|m| analysis.set.root.join(&analysis.set.file(m.up).path))
        .collect();

    let Some(history_db) = TestDatabase::create().await else {
        return Outcome::Skipped;
    };
    let mut conn = history_db.connect().await;
    if let Err(error) = apply_sql_files(&mut conn, &files).await {
        drop(conn);
        history_db.close().await;
        if must_apply {
            panic!("{name}: the history fails on PostgreSQL: {error}");
        }
        note(&format!(
            "NOTE: skipping `{name}`: PostgreSQL rejects its history: {error}"
        ));
        return Outcome::Skipped;
    }
    let from_history = introspect(&mut conn, &name).await;
    let views_from_history = views_and_partitions(&mut conn).await;
    drop(conn);
    history_db.close().await;

    let Some(baseline_db) = TestDatabase::create().await else {
        return Outcome::Skipped;
    };
    let mut conn = baseline_db.connect().await;
    let applied = sqlx::raw_sql(AssertSqlSafe(baseline.sql.clone()))
        .execute(&mut conn)
        .await;
    if let Err(error) = applied {
        drop(conn);
        baseline_db.close().await;
        return Outcome::Differs(format!(
            "{name}: the baseline fails on PostgreSQL: {error}\n{}",
            baseline.sql
        ));
    }
    let from_baseline = introspect(&mut conn, &name).await;
    let views_from_baseline = views_and_partitions(&mut conn).await;
    drop(conn);
    baseline_db.close().await;

    let mut lines: Vec<String> = diff(&from_history, &from_baseline)
        .iter()
        .map(|d| format!("    {d}"))
        .collect();
    // The catalog diff compares views by name and knows no partitioning: compared here.
    for (history, baseline) in views_from_history.iter().zip(&views_from_baseline) {
        if history != baseline {
            lines.push(format!(
                "    differs:\n      history:  {history}\n      baseline: {baseline}"
            ));
        }
    }
    if views_from_history.len() != views_from_baseline.len() {
        lines.push(format!(
            "    views and partitioned tables: {} from the history, {} from the baseline",
            views_from_history.len(),
            views_from_baseline.len()
        ));
    }
    if lines.is_empty() {
        return Outcome::Same;
    }
    Outcome::Differs(format!(
        "{name}: the baseline builds a different schema in {} places:\n{}\n--- baseline ---\n{}",
        lines.len(),
        lines.join("\n"),
        baseline.sql
    ))
}

/// Each view as `schema.name (columns): definition`, each partitioned table as `schema.name
/// PARTITION BY key` and each partition as `schema.name PARTITION OF parent bound`, all in
/// PostgreSQL's own rendering of what it stored, sorted.
async fn views_and_partitions(conn: &mut sqlx::PgConnection) -> Vec<String> {
    let mut lines: Vec<String> = sqlx::query_scalar(
        "SELECT n.nspname || '.' || c.relname || ' (' || \
                (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a \
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) || '): ' || \
                pg_get_viewdef(c.oid) \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
         ORDER BY 1",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("view definitions");
    let partitioning: Vec<String> = sqlx::query_scalar(
        "SELECT n.nspname || '.' || c.relname || \
                CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(c.oid) ELSE '' END || \
                CASE WHEN c.relispartition THEN ' PARTITION OF ' || \
                     (SELECT p.oid::regclass::text FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent \
                      WHERE i.inhrelid = c.oid) || ' ' || pg_get_expr(c.relpartbound, c.oid) ELSE '' END \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE (c.relkind = 'p' OR c.relispartition) AND c.relkind IN ('r', 'p') \
           AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
         ORDER BY 1",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("partitioning");
    lines.extend(partitioning);
    lines
}

async fn introspect(conn: &mut sqlx::PgConnection, name: &str) -> Catalog {
    introspect_postgres(conn, &[])
        .await
        .unwrap_or_else(|error| panic!("{name}: introspection failed: {error}"))
}
