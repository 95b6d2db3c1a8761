//! The generated `Row` structs and enums work with sqlx on a real PostgreSQL: `query_as` reads
//! rows into them, enums round-trip through their PostgreSQL type, arrays and nullable columns
//! decode, and the queries are written with the generated names.

mod support;

use support::pg::{TestDatabase, apply_sql_files};

schema_macros::migrations!("ui/fixtures/pass_shapes");

use tables::app::accounts;

/// A new database holding the fixture's schema, or `None` (with the support module's loud
/// message) when no PostgreSQL answers outside CI.
async fn database_with_the_fixture() -> Option<(TestDatabase, sqlx::PgConnection)> {
    let database = TestDatabase::create().await?;
    let mut conn = database.connect().await;
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("ui/fixtures/pass_shapes/001_schema.sql");
    apply_sql_files(&mut conn, &[fixture])
        .await
        .expect("fixture applies");
    Some((database, conn))
}

#[tokio::test]
async fn query_as_reads_rows_into_the_generated_struct() {
    let Some((database, mut conn)) = database_with_the_fixture().await else {
        return;
    };

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

/// The `FromRow` impl reads each field by its SQL name (a keyword table, a quoted column with a
/// space, nullable enums), and a query that lacks a column fails with sqlx's own error.
#[tokio::test]
async fn row_fields_decode_by_their_sql_names() {
    let Some((database, mut conn)) = database_with_the_fixture().await else {
        return;
    };
    sqlx::query(
        "INSERT INTO \"type\" VALUES (7, 'm', 'n', NULL, ARRAY['sad', 'so-so']::mood[], 'data', \
         '2026-01-02 03:04:05+00')",
    )
    .execute(&mut conn)
    .await
    .expect("insert");

    let every_column = r#"SELECT id, "match", name, current_mood, moods, "user data",
        CAST(created_at AT TIME ZONE 'UTC' AS TEXT) AS created_at FROM "type""#;
    let row: tables::r#type::Row = sqlx::query_as(every_column)
        .fetch_one(&mut conn)
        .await
        .expect("query_as into the keyword table's Row");
    assert_eq!(row.id, 7);
    assert_eq!(row.r#match, "m");
    assert_eq!(row.current_mood, None);
    assert_eq!(row.moods, vec![enums::Mood::Sad, enums::Mood::SoSo]);
    assert_eq!(row.user_data.as_deref(), Some("data"));
    assert_eq!(row.created_at, "2026-01-02 03:04:05");

    let missing_column = sqlx::query_as::<_, tables::r#type::Row>(r#"SELECT id, name FROM "type""#)
        .fetch_one(&mut conn)
        .await;
    match missing_column {
        Err(sqlx::Error::ColumnNotFound(column)) => assert_eq!(column, "match"),
        other => panic!("expected ColumnNotFound(\"match\"), got {other:?}"),
    }
    drop(conn);
    database.close().await;
}

/// A table wider than one decoding tuple reads every field from the column of its name, even
/// when the query lists the columns in another order.
#[tokio::test]
async fn wide_rows_decode_every_column_by_name() {
    let Some((database, mut conn)) = database_with_the_fixture().await else {
        return;
    };
    sqlx::query(
        "INSERT INTO wide VALUES (1, 1, 't2', true, 4, 5, 't6', false, 8, 9, 't10', true, 12, \
         13, 't14', false, 16, NULL, 't18', 'sad', 2.5)",
    )
    .execute(&mut conn)
    .await
    .expect("insert");

    let mut reversed: Vec<&str> = tables::wide::COLUMNS.to_vec();
    reversed.reverse();
    let select = format!("SELECT {} FROM wide", reversed.join(", "));
    let row: tables::wide::Row = sqlx::query_as(sqlx::AssertSqlSafe(select))
        .fetch_one(&mut conn)
        .await
        .expect("query_as into a Row of 21 columns");
    assert_eq!(tables::wide::COLUMNS.len(), 21);
    assert_eq!(
        (row.id, row.c01, row.c02.as_str(), row.c03),
        (1, 1, "t2", true)
    );
    assert_eq!(
        (row.c12, row.c13, row.c14.as_str(), row.c16),
        (12, 13, "t14", 16)
    );
    assert_eq!(row.c17, None);
    assert_eq!(row.c18.as_deref(), Some("t18"));
    assert_eq!(row.c19, Some(enums::Mood::Sad));
    assert_eq!(row.c20, Some(2.5));
    drop(conn);
    database.close().await;
}
