//! The generated `Row` structs and enums work with sqlx on a real PostgreSQL: `query_as` reads
//! rows into them, enums round-trip through their PostgreSQL type, arrays and nullable columns
//! decode, and the queries are written with the generated names.

mod support;

use support::pg::{TestDatabase, apply_sql_files};

schema_macros::migrations!("ui/fixtures/pass_shapes");

use tables::app::accounts;

#[tokio::test]
async fn query_as_reads_rows_into_the_generated_struct() {
    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let mut conn = database.connect().await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/fixtures/pass_shapes/001_schema.sql");
    apply_sql_files(&mut conn, &[fixture])
        .await
        .expect("fixture applies");

    let insert = format!(
        "INSERT INTO {} ({}, {}, {}, {}) VALUES ($1, $2, $3, $4)",
        accounts::NAME,
        accounts::ID,
        accounts::STATUS,
        accounts::TAGS,
        accounts::SCORES
    );
    sqlx::query(sqlx::AssertSqlSafe(insert.clone()))
        .bind(1_i64)
        .bind(enums::app::Status::InReview)
        .bind(vec!["a".to_string(), "b".to_string()])
        .bind(None::<Vec<i32>>)
        .execute(&mut conn)
        .await
        .expect("insert with a generated enum");

    let select = format!(
        "SELECT {} FROM {} ORDER BY {}",
        accounts::COLUMNS.join(", "),
        accounts::NAME,
        accounts::ID
    );
    let rows: Vec<accounts::Row> = sqlx::query_as(sqlx::AssertSqlSafe(select))
        .fetch_all(&mut conn)
        .await
        .expect("query_as into the generated Row");
    assert_eq!(
        rows,
        vec![accounts::Row {
            id: 1,
            status: enums::app::Status::InReview,
            tags: vec!["a".to_string(), "b".to_string()],
            scores: None,
        }]
    );
    drop(conn);
    database.close().await;
}
