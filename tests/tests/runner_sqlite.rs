//! The runner against SQLite files: `BEGIN IMMEDIATE` per migration, sqlx's history table.

use schema_core::runner::Migrator;
use sqlx::{Connection, SqliteConnection};
use std::path::Path;
use tempfile::TempDir;

const HISTORY: &[(&str, &str)] = &[
    (
        "0001_users.up.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n",
    ),
    ("0001_users.down.sql", "DROP TABLE users;\n"),
    (
        "0002_posts.up.sql",
        "CREATE TABLE posts (\n    id bigint PRIMARY KEY,\n    user_id bigint NOT NULL REFERENCES users (id)\n);\nCREATE INDEX posts_user_id_idx ON posts (user_id);\n",
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

/// A migrations folder and, beside it, the database file's URL.
fn setup(files: &[(&str, &str)]) -> (TempDir, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let migrations = dir.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    for (name, text) in files {
        std::fs::write(migrations.join(name), text).expect("fixture written");
    }
    let url = format!("sqlite:{}", dir.path().join("app.db").display());
    (dir, url)
}

fn migrator(dir: &TempDir) -> Migrator {
    Migrator::from_dir(&dir.path().join("migrations")).expect("folder loads")
}

async fn history(url: &str) -> Vec<(i64, bool)> {
    let mut conn = SqliteConnection::connect(url).await.unwrap();
    sqlx::query_as("SELECT version, success FROM _sqlx_migrations ORDER BY version")
        .fetch_all(&mut conn)
        .await
        .unwrap()
}

async fn schema(url: &str) -> Vec<String> {
    let mut conn = SqliteConnection::connect(url).await.unwrap();
    sqlx::query_scalar(
        "SELECT sql FROM sqlite_master WHERE name NOT LIKE '_sqlx%' AND sql IS NOT NULL \
         ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap()
}

#[tokio::test]
async fn fresh_apply_then_rerun_is_a_no_op() {
    let (dir, url) = setup(HISTORY);
    let m = migrator(&dir);
    assert_eq!(m.run(&url).await.unwrap().applied, [1, 2, 3]);
    assert_eq!(history(&url).await, [(1, true), (2, true), (3, true)]);
    assert!(m.run(&url).await.unwrap().applied.is_empty());
    assert!(m.pending(&url).await.unwrap().is_empty());
}

#[tokio::test]
async fn run_to_and_revert_to_restore_the_exact_schema() {
    let (dir, url) = setup(HISTORY);
    let m = migrator(&dir);
    m.run_to(&url, 1).await.unwrap();
    let at_one = schema(&url).await;
    m.run(&url).await.unwrap();
    assert_eq!(m.revert_to(&url, 1).await.unwrap().reverted, [3, 2]);
    assert_eq!(schema(&url).await, at_one);
    assert_eq!(history(&url).await, [(1, true)]);
}

#[tokio::test]
async fn eight_concurrent_runners_apply_each_migration_once() {
    let (dir, url) = setup(HISTORY);
    let m = migrator(&dir);
    // The first creates the file and the history table; the others race for the migrations.
    m.run_to(&url, 0).await.unwrap();
    let runners: Vec<_> = (0..8)
        .map(|_| {
            let (m, url) = (m.clone(), url.clone());
            tokio::spawn(async move { m.run(&url).await })
        })
        .collect();
    let mut applied = Vec::new();
    for runner in runners {
        applied.extend(runner.await.unwrap().unwrap().applied);
    }
    applied.sort_unstable();
    assert_eq!(applied, [1, 2, 3]);
    assert_eq!(history(&url).await, [(1, true), (2, true), (3, true)]);
}

#[tokio::test]
async fn a_failing_migration_names_file_and_line_and_changes_nothing() {
    let mut files = HISTORY[..2].to_vec();
    files.push((
        "0002_broken.up.sql",
        "CREATE TABLE audit (id int);\n\nINSERT INTO audit (id, missing_column) VALUES (1, 2);\n",
    ));
    let (dir, url) = setup(&files);
    let error = migrator(&dir).run(&url).await.unwrap_err();
    assert_eq!(
        error.to_string(),
        "migration 2 failed at 0002_broken.up.sql:3:1: table audit has no column named \
         missing_column"
    );
    assert_eq!(history(&url).await, [(1, true)]);
    assert!(!schema(&url).await.iter().any(|sql| sql.contains("audit")));
}

#[tokio::test]
async fn sqlx_and_this_runner_read_each_others_history() {
    let (dir, url) = setup(HISTORY);
    let folder = dir.path().join("migrations");
    let sqlx_migrator = sqlx::migrate::Migrator::new(Path::new(&folder))
        .await
        .unwrap();
    let m = migrator(&dir);
    m.run(&url).await.unwrap();
    let mut conn = SqliteConnection::connect(&url).await.unwrap();
    sqlx_migrator.run(&mut conn).await.unwrap();
    sqlx_migrator.undo(&mut conn, 2).await.unwrap();
    conn.close().await.unwrap();
    assert_eq!(m.pending(&url).await.unwrap(), [3]);

    let (other, other_url) = setup(HISTORY);
    let mut conn = SqliteConnection::connect(&format!("{other_url}?mode=rwc"))
        .await
        .unwrap();
    sqlx_migrator.run(&mut conn).await.unwrap();
    conn.close().await.unwrap();
    assert!(
        migrator(&other)
            .run(&other_url)
            .await
            .unwrap()
            .applied
            .is_empty()
    );
}

/// What the progress callback saw, as `(event, version)` with the step counts.
fn recording_migrator(dir: &TempDir) -> (Migrator, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use schema_core::runner::Progress;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let m = migrator(dir).on_progress(move |progress| {
        let line = match progress {
            Progress::Planned { kind, steps } => format!("planned {kind:?} {steps}"),
            Progress::Started {
                kind,
                version,
                path,
                step,
                steps,
            } => format!("started {kind:?} {version} {path} {step}/{steps}"),
            Progress::Finished {
                kind,
                version,
                step,
                steps,
                ..
            } => format!("finished {kind:?} {version} {step}/{steps}"),
            Progress::Skipped { version, .. } => format!("skipped {version}"),
            other => format!("{other:?}"),
        };
        sink.lock().unwrap().push(line);
    });
    (m, seen)
}

#[tokio::test]
async fn the_progress_callback_sees_every_migration_in_order() {
    let (dir, url) = setup(HISTORY);
    let (m, seen) = recording_migrator(&dir);
    m.run_to(&url, 2).await.unwrap();
    m.run(&url).await.unwrap();
    m.run(&url).await.unwrap();
    m.revert_to(&url, 1).await.unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            "planned Apply 2",
            "started Apply 1 0001_users.up.sql 1/2",
            "finished Apply 1 1/2",
            "started Apply 2 0002_posts.up.sql 2/2",
            "finished Apply 2 2/2",
            "planned Apply 1",
            "started Apply 3 0003_post_body.up.sql 1/1",
            "finished Apply 3 1/1",
            "planned Apply 0",
            "planned Revert 2",
            "started Revert 3 0003_post_body.up.sql 1/2",
            "finished Revert 3 1/2",
            "started Revert 2 0002_posts.up.sql 2/2",
            "finished Revert 2 2/2",
        ]
    );
}

#[tokio::test]
async fn a_failing_migration_is_started_but_never_finished() {
    let mut files = HISTORY.to_vec();
    files.push(("0004_bad.up.sql", "CREATE TABLE posts (id bigint);\n"));
    let (dir, url) = setup(&files);
    let (m, seen) = recording_migrator(&dir);
    assert!(m.run(&url).await.is_err());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.last().unwrap(), "started Apply 4 0004_bad.up.sql 4/4");
    assert_eq!(seen.len(), 8, "{seen:?}");
}

/// Keys, a `UNIQUE` column, an expression index, a CHECK, a default and an `INTEGER PRIMARY
/// KEY`: everything SQLite names or reports differently from the fold.
const SQLITE_SHAPES: (&str, &str) = (
    "0004_tags.up.sql",
    "CREATE TABLE tags (\n    id INTEGER PRIMARY KEY,\n    name varchar(40) NOT NULL UNIQUE DEFAULT 'x',\n    score real CHECK (score > 0),\n    created_at timestamp DEFAULT CURRENT_TIMESTAMP\n);\nCREATE UNIQUE INDEX tags_lower_name ON tags (lower(name));\nCREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b), UNIQUE (b, a));\n",
);

#[tokio::test]
async fn a_freshly_migrated_database_verifies_clean() {
    for schema_toml in [None, Some("dialect = \"sqlite\"\n")] {
        let mut files = HISTORY.to_vec();
        files.push(SQLITE_SHAPES);
        if let Some(text) = schema_toml {
            files.push(("schema.toml", text));
        }
        let (dir, url) = setup(&files);
        let m = migrator(&dir);
        m.run(&url).await.unwrap();
        assert_eq!(m.verify(&url).await.unwrap(), [], "with {schema_toml:?}");
    }
}

#[tokio::test]
async fn verify_finds_a_hand_added_column_a_dropped_index_and_a_changed_type() {
    let mut files = HISTORY.to_vec();
    files.push(SQLITE_SHAPES);
    let (dir, url) = setup(&files);
    let m = migrator(&dir);
    m.run(&url).await.unwrap();
    let mut conn = SqliteConnection::connect(&url).await.unwrap();
    sqlx::raw_sql(
        "ALTER TABLE users ADD COLUMN nickname text;\n\
         DROP INDEX posts_user_id_idx;\n\
         DROP TABLE pairs;\n\
         CREATE TABLE pairs (a int, b text, PRIMARY KEY (a, b), UNIQUE (b, a));\n",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let found: Vec<String> = m
        .verify(&url)
        .await
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        found,
        [
            "table `pairs`: column `b` type is `text`, expected `integer`",
            "table `posts`: index `posts_user_id_idx` missing",
            "table `users`: column `nickname` exists but is not expected",
        ]
    );
}
