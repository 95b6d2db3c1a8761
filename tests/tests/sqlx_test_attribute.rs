//! `#[sqlx::test(migrator = "...")]` with the `SQLX_MIGRATOR` that `migrations!` emits (feature
//! `sqlx-migrate`), against real PostgreSQL.
//!
//! `#[sqlx::test]` reads `DATABASE_URL` itself and keeps its bookkeeping (a `_sqlx_test` schema,
//! one `_sqlx_test_*` database per test) in that database. So that it never touches a database
//! this test did not create, the test makes a database of its own, points `DATABASE_URL` at it
//! and only then calls the `#[sqlx::test]` function, which is declared inside the test so that
//! the harness does not also run it on its own (without the variable it could only panic).
//! The variable is set in this binary only, and none of its other tests reads the environment.
//! If the `#[sqlx::test]` fails, sqlx leaves its test database behind; this test drops it
//! (every database sqlx lists in its bookkeeping), then the database it made itself.

mod support;

use sqlx::PgPool;
use support::pg::TestDatabase;

#[allow(deprecated)] // the fixture's advisory lint warnings are not what this test is about
mod embedded {
    schema_macros::migrations!("sqlx_test_migrations");
}

// The `#[sqlx::test]` function inside is deliberately not a test of its own (see above).
#[allow(unnameable_test_items)]
#[test]
fn sqlx_test_applies_the_embedded_history_and_our_runner_agrees() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let Some(master) = runtime.block_on(TestDatabase::create()) else {
        return;
    };
    drop(runtime);
    // SAFETY: no other test of this binary reads the environment, and no thread of this test is
    // running yet.
    unsafe { std::env::set_var("DATABASE_URL", &master.url) };

    #[sqlx::test(migrator = "embedded::SQLX_MIGRATOR")]
    async fn migrated_by_sqlx(pool: PgPool) {
        // The inferred no-transaction migration ran outside a transaction: PostgreSQL refuses
        // `CREATE INDEX CONCURRENTLY` inside one, and the index exists.
        let index: Option<String> = sqlx::query_scalar(
            "SELECT indexname::text FROM pg_indexes WHERE indexname = 'tickets_by_title'",
        )
        .fetch_optional(&pool)
        .await
        .unwrap();
        assert_eq!(index.as_deref(), Some("tickets_by_title"));

        // sqlx recorded the same versions and checksums as our runner would.
        let rows: Vec<(i64, String, Vec<u8>)> = sqlx::query_as(
            "SELECT version, description, checksum FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let expected: Vec<(i64, String, Vec<u8>)> = embedded::MIGRATOR
            .iter()
            .map(|m| {
                let ours = schema_core::runner::Migration::from_embedded(m);
                (ours.version, ours.description, ours.checksum)
            })
            .collect();
        assert_eq!(rows, expected);
        assert_eq!(rows.len(), 2);

        // So our runner finds the database up to date and matching its compile-time catalog.
        let database: String = sqlx::query_scalar("SELECT current_database()::text")
            .fetch_one(&pool)
            .await
            .unwrap();
        let url = support::pg::database_url(&std::env::var("DATABASE_URL").unwrap(), &database);
        let ours = embedded::MIGRATOR
            .migrator()
            .expect("embedded catalog reads");
        assert_eq!(ours.run(&url).await.unwrap().applied, Vec::<i64>::new());
        assert_eq!(ours.verify(&url).await.unwrap(), []);
    }

    let outcome = std::panic::catch_unwind(migrated_by_sqlx);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        drop_sqlx_test_databases(&master).await;
        master.close().await;
    });
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// The databases `#[sqlx::test]` made and lists in `_sqlx_test.databases` of `master` (it
/// drops them itself when a test passes; this is for when one fails).
async fn drop_sqlx_test_databases(master: &TestDatabase) {
    let mut conn = master.connect().await;
    let names: Vec<String> = sqlx::query_scalar("SELECT db_name FROM _sqlx_test.databases")
        .fetch_all(&mut conn)
        .await
        .unwrap_or_default();
    for name in names {
        let statement = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        if let Err(error) = sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(&mut conn)
            .await
        {
            eprintln!("warning: cannot drop sqlx's test database `{name}`: {error}");
        }
    }
}

#[test]
fn sqlx_migrator_mirrors_the_embedded_history() {
    let ours: Vec<_> = embedded::MIGRATOR.iter().collect();
    let ups: Vec<_> = embedded::SQLX_MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .collect();
    assert_eq!(ours.len(), ups.len());
    for (ours, sqlx) in ours.iter().zip(&ups) {
        assert_eq!(sqlx.version, ours.version);
        assert_eq!(sqlx.sql.as_str(), ours.up_sql);
        assert_eq!(sqlx.no_tx, ours.no_transaction);
        assert_eq!(
            sqlx.checksum.as_ref(),
            schema_core::runner::Migration::from_embedded(ours).checksum
        );
    }
    assert!(
        ours[1].no_transaction,
        "the CONCURRENTLY-only migration is inferred"
    );
    assert!(!ours[0].no_transaction);
    let downs = embedded::SQLX_MIGRATOR
        .iter()
        .filter(|m| m.migration_type.is_down_migration())
        .count();
    assert_eq!(downs, 2);
}
