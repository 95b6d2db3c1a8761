//! The runner against real PostgreSQL: each test migrates a database of its own.

mod support;

use schema_core::catalog::Catalog;
use schema_core::introspect::introspect_postgres;
use schema_core::runner::{Migrator, PlanProblem, RunnerError};
use sqlx::{AssertSqlSafe, Connection};
use std::path::Path;
use std::time::Duration;
use support::pg::TestDatabase;
use tempfile::TempDir;

const HISTORY: &[(&str, &str)] = &[
    (
        "0001_users.up.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    ),
    ("0001_users.down.sql", "DROP TABLE users;\n"),
    (
        "0002_posts.up.sql",
        "CREATE TABLE posts (\n    id bigint PRIMARY KEY,\n    user_id bigint NOT NULL REFERENCES users (id),\n    title varchar(200) NOT NULL\n);\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n",
    ),
    ("0002_posts.down.sql", "DROP TABLE posts;\n"),
    (
        "0003_post_body.up.sql",
        "ALTER TABLE posts ADD COLUMN body text;\n",
    ),
    (
        "0003_post_body.down.sql",
        "ALTER TABLE posts DROP COLUMN body;\n",
    ),
];

fn folder(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("fixture written");
    }
    dir
}

fn migrator(dir: &Path) -> Migrator {
    Migrator::from_dir(dir).expect("folder loads")
}

async fn catalog(db: &TestDatabase) -> Catalog {
    let mut conn = db.connect().await;
    let mut catalog = introspect_postgres(&mut conn, &[])
        .await
        .expect("introspects");
    catalog
        .tables
        .shift_remove(&schema_core::catalog::QualifiedName::new(
            "public",
            "_sqlx_migrations",
        ));
    catalog
}

async fn history(db: &TestDatabase) -> Vec<(i64, bool)> {
    let mut conn = db.connect().await;
    sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .expect("history reads")
}

async fn execute(db: &TestDatabase, sql: &str) {
    let mut conn = db.connect().await;
    sqlx::raw_sql(AssertSqlSafe(sql.to_owned()))
        .execute(&mut conn)
        .await
        .expect("fixture SQL runs");
}

#[tokio::test]
async fn fresh_apply_then_rerun_is_a_no_op() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(HISTORY);
    let m = migrator(dir.path());
    assert_eq!(m.pending(&db.url).await.unwrap(), [1, 2, 3]);
    let report = m.run(&db.url).await.unwrap();
    assert_eq!(report.applied, [1, 2, 3]);
    assert_eq!(history(&db).await, [(1, true), (2, true), (3, true)]);
    let again = m.run(&db.url).await.unwrap();
    assert!(again.applied.is_empty());
    assert!(m.pending(&db.url).await.unwrap().is_empty());
    assert!(m.dry_run(&db.url).await.unwrap().is_empty());
    assert_eq!(m.verify(&db.url).await.unwrap(), []);
    db.close().await;
}

#[tokio::test]
async fn run_to_and_revert_to_restore_the_exact_catalog() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(HISTORY);
    let m = migrator(dir.path());
    assert_eq!(m.run_to(&db.url, 1).await.unwrap().applied, [1]);
    let at_one = catalog(&db).await;
    assert_eq!(m.run(&db.url).await.unwrap().applied, [2, 3]);
    assert_eq!(m.revert_to(&db.url, 1).await.unwrap().reverted, [3, 2]);
    assert_eq!(catalog(&db).await.to_json(), at_one.to_json());
    assert_eq!(history(&db).await, [(1, true)]);
    m.revert_to(&db.url, 0).await.unwrap();
    assert!(catalog(&db).await.tables.is_empty());
    db.close().await;
}

#[tokio::test]
async fn revert_refuses_when_a_down_is_missing() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let files: Vec<_> = HISTORY
        .iter()
        .copied()
        .filter(|(name, _)| *name != "0002_posts.down.sql")
        .collect();
    let dir = folder(&files);
    let m = migrator(dir.path());
    m.run(&db.url).await.unwrap();
    let error = m.revert_to(&db.url, 0).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot revert to 0: applied migration 2 has no down migration"
    );
    assert_eq!(history(&db).await.len(), 3, "nothing was reverted");
    db.close().await;
}

#[tokio::test]
async fn eight_concurrent_runners_apply_each_migration_once() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(HISTORY);
    let m = migrator(dir.path());
    let runners: Vec<_> = (0..8)
        .map(|_| {
            let (m, url) = (m.clone(), db.url.clone());
            tokio::spawn(async move { m.run(&url).await })
        })
        .collect();
    let mut applied = Vec::new();
    for runner in runners {
        applied.extend(runner.await.unwrap().unwrap().applied);
    }
    applied.sort_unstable();
    assert_eq!(
        applied,
        [1, 2, 3],
        "each migration applied by exactly one runner"
    );
    assert_eq!(history(&db).await, [(1, true), (2, true), (3, true)]);
    db.close().await;
}

#[tokio::test]
async fn edited_missing_and_out_of_order_migrations_stop_the_run() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(&HISTORY[..4]);
    migrator(dir.path()).run(&db.url).await.unwrap();

    let mut edited = HISTORY[..4].to_vec();
    edited[2].1 = "CREATE TABLE posts (id bigint PRIMARY KEY);\n";
    let dir = folder(&edited);
    let error = migrator(dir.path()).run(&db.url).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "the database's migration history disagrees with the migrations\n  \
         - migration 2 (`0002_posts.up.sql`) was edited after it was applied: its checksum \
         differs from the database's history\n    \
         help: restore the file as it was applied and put the change in a new migration"
    );

    let dir = folder(&HISTORY[..2]);
    let error = migrator(dir.path()).run(&db.url).await.unwrap_err();
    let RunnerError::Inconsistent { problems } = &error else {
        panic!("unexpected error: {error}");
    };
    assert_eq!(
        problems,
        &[PlanProblem::Missing {
            version: 2,
            description: "posts".into()
        }]
    );
    assert!(
        migrator(dir.path())
            .allow_missing(true)
            .run(&db.url)
            .await
            .is_ok()
    );

    let mut late = HISTORY[..4].to_vec();
    late.push(("0000_early.up.sql", "CREATE TABLE early (id int);\n"));
    let dir = folder(&late);
    let error = migrator(dir.path()).run(&db.url).await.unwrap_err();
    assert!(
        error.to_string().contains(
            "migration 0 (`0000_early.up.sql`) is pending but older than applied migration 2"
        ),
        "{error}"
    );
    let report = migrator(dir.path())
        .allow_out_of_order(true)
        .run(&db.url)
        .await
        .unwrap();
    assert_eq!(report.applied, [0]);
    db.close().await;
}

#[tokio::test]
async fn a_failing_migration_names_file_line_and_column_and_changes_nothing() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let mut files = HISTORY[..2].to_vec();
    files.push((
        "0002_broken.up.sql",
        "CREATE TABLE audit (id int);\n\nINSERT INTO audit (id, missing_column)\nVALUES (1, 2);\n",
    ));
    files.push((
        "0003_violation.up.sql",
        "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (1);\n",
    ));
    let dir = folder(&files);
    let m = migrator(dir.path());
    let error = m.run(&db.url).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "migration 2 failed at 0002_broken.up.sql:3:24: column \"missing_column\" of relation \
         \"audit\" does not exist"
    );
    assert_eq!(history(&db).await, [(1, true)]);
    assert!(
        !catalog(&db)
            .await
            .tables
            .keys()
            .any(|name| name.name == "audit"),
        "the failed migration's table was rolled back"
    );

    // A violation carries no position: the runner finds the statement itself.
    let dir = folder(&[files[0], files[1], files[3]]);
    let error = migrator(dir.path())
        .allow_out_of_order(true)
        .run(&db.url)
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "migration 3 failed at 0003_violation.up.sql:3:3: duplicate key value violates unique \
         constraint \"t_pkey\""
    );
    db.close().await;
}

#[tokio::test]
async fn create_index_concurrently_runs_outside_a_transaction() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let mut files = HISTORY[..4].to_vec();
    files.push((
        "0003_title_index.up.sql",
        "-- no-transaction\nCREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);\n",
    ));
    let dir = folder(&files);
    let m = migrator(dir.path());
    assert_eq!(m.run(&db.url).await.unwrap().applied, [1, 2, 3]);
    let live = catalog(&db).await;
    let posts = live
        .tables
        .values()
        .find(|table| table.name == "posts")
        .unwrap();
    assert!(
        posts
            .indexes
            .iter()
            .any(|index| index.name == "posts_title_idx")
    );
    assert_eq!(history(&db).await, [(1, true), (2, true), (3, true)]);
    db.close().await;
}

#[tokio::test]
async fn a_migration_of_only_concurrent_index_statements_runs_outside_a_transaction_unmarked() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let mut files = HISTORY[..4].to_vec();
    files.push((
        "0003_title_index.up.sql",
        "-- No marker: every statement here refuses a transaction, so none is used.\n\
         CREATE INDEX CONCURRENTLY posts_title_idx ON posts (title);\n\
         CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON users (email);\n",
    ));
    let dir = folder(&files);
    let m = migrator(dir.path());
    let third = m.migrations().iter().find(|m| m.version == 3).unwrap();
    assert!(third.no_transaction, "inferred from the statements");
    assert_eq!(m.run(&db.url).await.unwrap().applied, [1, 2, 3]);
    let live = catalog(&db).await;
    let index_names: Vec<&str> = live
        .tables
        .values()
        .flat_map(|table| table.indexes.iter().map(|index| index.name.as_str()))
        .collect();
    assert!(index_names.contains(&"posts_title_idx"), "{index_names:?}");
    assert!(index_names.contains(&"users_email_idx"), "{index_names:?}");
    assert_eq!(history(&db).await, [(1, true), (2, true), (3, true)]);
    assert_eq!(m.verify(&db.url).await.unwrap(), []);
    db.close().await;
}

#[tokio::test]
async fn a_failed_no_transaction_migration_resumes_where_it_stopped() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let mut files = HISTORY[..2].to_vec();
    files.push((
        "0002_steps.up.sql",
        "-- no-transaction\nCREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\nINSERT INTO b VALUES (1);\nINSERT INTO a VALUES (2);\n",
    ));
    let dir = folder(&files);
    let m = migrator(dir.path());
    let error = m.run(&db.url).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "migration 2 failed at 0002_steps.up.sql:4:13: relation \"b\" does not exist"
    );
    assert_eq!(history(&db).await, [(1, true), (2, false)]);
    let plan = m.dry_run(&db.url).await.unwrap();
    assert_eq!(plan[0].action, "resume at statement 3");

    // The cause is fixed outside the migration; the run resumes at the failed statement.
    execute(&db, "CREATE TABLE b (id int)").await;
    assert_eq!(m.run(&db.url).await.unwrap().applied, [2]);
    let mut conn = db.connect().await;
    let rows: Vec<i32> = sqlx::query_scalar("SELECT id FROM a ORDER BY id")
        .fetch_all(&mut conn)
        .await
        .unwrap();
    assert_eq!(rows, [1, 2], "statements before the failure ran once");
    assert_eq!(history(&db).await, [(1, true), (2, true)]);
    db.close().await;
}

#[tokio::test]
async fn sqlx_and_this_runner_read_each_others_history() {
    let Some(first) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(HISTORY);
    // sqlx first, then us: up to date.
    let sqlx_migrator = sqlx::migrate::Migrator::new(dir.path()).await.unwrap();
    let mut conn = first.connect().await;
    sqlx_migrator.run(&mut conn).await.unwrap();
    let m = migrator(dir.path());
    assert!(m.pending(&first.url).await.unwrap().is_empty());
    assert!(m.run(&first.url).await.unwrap().applied.is_empty());
    conn.close().await.unwrap();
    first.close().await;

    // Us first, then sqlx: nothing to do, and sqlx can undo what we applied.
    let Some(second) = TestDatabase::create().await else {
        return;
    };
    m.run(&second.url).await.unwrap();
    let mut conn = second.connect().await;
    sqlx_migrator.run(&mut conn).await.unwrap();
    sqlx_migrator.undo(&mut conn, 1).await.unwrap();
    conn.close().await.unwrap();
    assert_eq!(history(&second).await, [(1, true)]);
    assert_eq!(m.pending(&second.url).await.unwrap(), [2, 3]);
    second.close().await;
}

const LEGACY: &[(&str, &str)] = &[
    (
        "0001_users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY);\n",
    ),
    (
        "0002_email.sql",
        "ALTER TABLE users ADD COLUMN email text NOT NULL;\n",
    ),
    (
        "0003_posts.sql",
        "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n",
    ),
];

const SQUASHED: &[(&str, &str)] = &[
    (
        "0003_baseline.sql",
        "-- Baseline of the legacy history.\n-- replaces: 1..=3\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n",
    ),
    (
        "0004_post_title.sql",
        "ALTER TABLE posts ADD COLUMN title text;\n",
    ),
];

#[tokio::test]
async fn a_baseline_is_adopted_where_the_legacy_history_ran_and_runs_elsewhere() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let legacy = folder(LEGACY);
    migrator(legacy.path()).run(&db.url).await.unwrap();
    let squashed = folder(SQUASHED);
    let m = migrator(squashed.path());
    let report = m.run(&db.url).await.unwrap();
    assert_eq!(report.adopted, [3]);
    assert_eq!(report.applied, [4]);
    assert_eq!(history(&db).await, [(3, true), (4, true)]);
    assert_eq!(m.verify(&db.url).await.unwrap(), []);
    db.close().await;

    let Some(fresh) = TestDatabase::create().await else {
        return;
    };
    let report = m.run(&fresh.url).await.unwrap();
    assert_eq!((report.adopted.len(), report.applied), (0, vec![3, 4]));
    fresh.close().await;
}

#[tokio::test]
async fn a_baseline_beside_the_migrations_it_replaces_is_checked_and_runs_instead_of_them() {
    let baseline = (
        "0004_baseline.sql",
        "-- replaces: 1..=3\nCREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id));\n",
    );
    let mut files = LEGACY.to_vec();
    files.push(baseline);
    let dir = folder(&files);
    let analysis = schema_core::analyze_dir(dir.path(), &Default::default()).unwrap();
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);

    let Some(fresh) = TestDatabase::create().await else {
        return;
    };
    let m = migrator(dir.path());
    let report = m.run(&fresh.url).await.unwrap();
    assert_eq!((report.adopted.len(), report.applied), (0, vec![4]));
    assert_eq!(m.verify(&fresh.url).await.unwrap(), []);
    fresh.close().await;

    let Some(old) = TestDatabase::create().await else {
        return;
    };
    migrator(folder(LEGACY).path()).run(&old.url).await.unwrap();
    let report = m.run(&old.url).await.unwrap();
    assert_eq!((report.adopted, report.applied), (vec![4], vec![]));
    assert_eq!(history(&old).await, [(4, true)]);
    assert!(m.run(&old.url).await.unwrap().applied.is_empty());
    old.close().await;
}

#[tokio::test]
async fn a_baseline_can_be_declared_in_schema_toml() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let legacy = folder(LEGACY);
    migrator(legacy.path()).run(&db.url).await.unwrap();
    let without_header = SQUASHED[0].1.replace("-- replaces: 1..=3\n", "");
    let squashed = folder(&[
        ("0003_baseline.sql", without_header.as_str()),
        SQUASHED[1],
        (
            "schema.toml",
            "[baseline]\nversion = 3\nreplaces = \"1..=3\"\n",
        ),
    ]);
    let report = migrator(squashed.path()).run(&db.url).await.unwrap();
    assert_eq!((report.adopted, report.applied), (vec![3], vec![4]));
    db.close().await;
}

#[tokio::test]
async fn a_baseline_is_refused_when_the_schema_drifted() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let legacy = folder(LEGACY);
    migrator(legacy.path()).run(&db.url).await.unwrap();
    execute(&db, "ALTER TABLE users ADD COLUMN nickname text").await;
    let squashed = folder(SQUASHED);
    let error = migrator(squashed.path()).run(&db.url).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "baseline 3 (`0003_baseline.sql`) cannot be adopted: the live schema differs from what \
         it creates:\n  - table `users`: column `nickname` exists but is not expected"
    );
    assert_eq!(
        history(&db).await,
        [(1, true), (2, true), (3, true)],
        "the legacy history is untouched"
    );
    db.close().await;
}

#[tokio::test]
async fn verify_finds_a_hand_added_column_a_dropped_index_and_a_changed_type() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(HISTORY);
    let m = migrator(dir.path());
    m.run(&db.url).await.unwrap();
    execute(
        &db,
        "ALTER TABLE users ADD COLUMN nickname text;
         DROP INDEX posts_user_id_idx;
         ALTER TABLE posts ALTER COLUMN title TYPE text;",
    )
    .await;
    let differences: Vec<String> = m
        .verify(&db.url)
        .await
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        differences,
        [
            "table `posts`: column `title` type is `text`, expected `character varying(200)`",
            "table `posts`: index `posts_user_id_idx` missing",
            "table `users`: column `nickname` exists but is not expected",
        ]
    );
    db.close().await;
}

#[tokio::test]
async fn a_held_lock_times_out_naming_its_holder() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    // sqlx's own migrator takes the lock: the runner shares its key, so the two exclude each
    // other.
    let mut holder = db.connect().await;
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut holder)
        .await
        .unwrap();
    sqlx::migrate::Migrate::lock(&mut holder).await.unwrap();
    let dir = folder(HISTORY);
    let error = migrator(dir.path())
        .lock_timeout(Duration::from_millis(300))
        .run(&db.url)
        .await
        .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("timed out after 0.")
            && message.contains(&format!(
                "waiting for the migration lock; held by PostgreSQL backend {pid} "
            ))
            && message.ends_with(&format!(
                "if it is stuck, `SELECT pg_terminate_backend({pid})` releases the lock"
            )),
        "{message}"
    );
    sqlx::migrate::Migrate::unlock(&mut holder).await.unwrap();
    assert_eq!(
        migrator(dir.path()).run(&db.url).await.unwrap().applied,
        [1, 2, 3]
    );
    holder.close().await.unwrap();
    db.close().await;
}

// The fixture is a plain history, not a lesson in online DDL: its advisory warnings (which
// arrive as deprecation warnings) are not what this test is about.
#[allow(deprecated)]
mod embedded {
    schema_macros::migrations!("runner_migrations");
}

#[tokio::test]
async fn the_embedded_migrator_runs_and_verifies_against_its_compile_time_catalog() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let m = embedded::MIGRATOR
        .migrator()
        .expect("embedded catalog reads");
    assert!(m.catalog().tables.values().any(|t| t.name == "tickets"));
    assert_eq!(m.run(&db.url).await.unwrap().applied, [1, 2]);
    assert_eq!(m.verify(&db.url).await.unwrap(), []);
    execute(&db, "ALTER TABLE tickets ALTER COLUMN title TYPE text").await;
    let differences = m.verify(&db.url).await.unwrap();
    assert_eq!(
        differences
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["table `tickets`: column `title` type is `text`, expected `character varying(200)`"]
    );
    assert_eq!(m.revert_to(&db.url, 0).await.unwrap().reverted, [2, 1]);
    db.close().await;
}

#[tokio::test]
async fn a_cancelled_run_releases_the_lock_and_commits_nothing() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let mut slow = HISTORY[..2].to_vec();
    slow.push((
        "0002_slow.up.sql",
        "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n",
    ));
    let dir = folder(&slow);
    let cancelled = tokio::time::timeout(
        Duration::from_millis(1500),
        migrator(dir.path()).run(&db.url),
    )
    .await;
    assert!(cancelled.is_err(), "the run was cancelled mid-migration");
    assert_eq!(history(&db).await, [(1, true)]);

    let mut fixed = HISTORY[..2].to_vec();
    fixed.push(("0002_slow.up.sql", "CREATE TABLE slow (id int);\n"));
    let dir = folder(&fixed);
    let report = migrator(dir.path())
        .lock_timeout(Duration::from_secs(10))
        .run(&db.url)
        .await
        .unwrap();
    assert_eq!(report.applied, [2]);
    db.close().await;
}
