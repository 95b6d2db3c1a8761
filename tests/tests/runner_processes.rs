//! The runner in separate processes: this test binary re-runs itself as the child runner
//! (`RUNNER_CHILD=<database url>|<migrations folder>`), so the processes share nothing but
//! the database.

mod support;

use schema_core::runner::Migrator;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::pg::TestDatabase;

const CHILD_ENV: &str = "RUNNER_CHILD";

/// The child's side: without `RUNNER_CHILD` (a normal test run) there is nothing to do.
#[tokio::test]
async fn child_runner_entry_point() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (url, dir) = spec.split_once('|').expect("url|dir");
    Migrator::from_dir(Path::new(dir))
        .unwrap()
        .run(url)
        .await
        .unwrap();
}

fn spawn_child(url: &str, dir: &Path) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_runner_entry_point",
            "--nocapture",
            "--quiet",
        ])
        .env(CHILD_ENV, format!("{url}|{}", dir.display()))
        .stdout(Stdio::null())
        .spawn()
        .expect("child runner starts")
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

async fn history(db: &TestDatabase) -> Vec<(i64, bool)> {
    let mut conn = db.connect().await;
    sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn eight_runner_processes_apply_each_migration_once() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(&[
        ("0001_a.sql", "CREATE TABLE a (id int);\n"),
        (
            "0002_b.sql",
            "CREATE TABLE b (id int);\nSELECT pg_sleep(0.2);\n",
        ),
        ("0003_c.sql", "INSERT INTO a VALUES (1);\n"),
    ]);
    let children: Vec<Child> = (0..8).map(|_| spawn_child(&db.url, dir.path())).collect();
    for mut child in children {
        assert!(child.wait().unwrap().success(), "every runner succeeds");
    }
    assert_eq!(history(&db).await, [(1, true), (2, true), (3, true)]);
    let mut conn = db.connect().await;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM a")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(rows, 1, "migration 3 ran exactly once");
    db.close().await;
}

#[tokio::test]
async fn a_runner_killed_mid_migration_leaves_a_history_the_next_run_completes() {
    let Some(db) = TestDatabase::create().await else {
        return;
    };
    let dir = folder(&[
        ("0001_a.sql", "CREATE TABLE a (id int);\n"),
        (
            "0002_slow.sql",
            "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n",
        ),
    ]);
    let mut child = spawn_child(&db.url, dir.path());
    let mut conn = db.connect().await;
    let started = Instant::now();
    loop {
        let sleeping: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE '%pg_sleep(30)%' \
               AND state = 'active' AND pid <> pg_backend_pid()",
        )
        .fetch_one(&mut conn)
        .await
        .unwrap();
        if sleeping > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "child never reached migration 2"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    child.kill().expect("SIGKILL"); // `Child::kill` is SIGKILL on Unix.
    child.wait().unwrap();
    assert_eq!(
        history(&db).await,
        [(1, true)],
        "migration 2 never committed"
    );

    // Migration 2 never committed, so the next release may change it: without the sleep.
    let fixed = folder(&[
        ("0001_a.sql", "CREATE TABLE a (id int);\n"),
        ("0002_slow.sql", "CREATE TABLE slow (id int);\n"),
    ]);
    let rerun = tokio::time::timeout(
        Duration::from_secs(60),
        Migrator::from_dir(fixed.path()).unwrap().run(&db.url),
    )
    .await
    .expect("the next run does not hang")
    .unwrap();
    assert_eq!(rerun.applied, [2]);
    assert_eq!(history(&db).await, [(1, true), (2, true)]);
    db.close().await;
}
