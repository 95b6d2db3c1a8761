//! The operator's work, in sqlx queries written with the generated names and read into the
//! generated `Row` structs. The same code runs on both backends: `console!` expands it once
//! over `crate::postgres::tables` and once over `crate::sqlite::tables` (whose `Row` fields
//! differ where the types do: `integer` is `i32` on PostgreSQL, `i64` on SQLite; `text[]` is
//! `Vec<String>` on PostgreSQL, JSON text on SQLite). Placeholders are `$n`, which both
//! databases accept.
//!
//! Ids are uuids on PostgreSQL and uuid text on SQLite. The example builds `schema-macros`
//! without its `uuid`, `json` and `chrono` features, so those columns' `Row` fields are
//! `String` on both backends: the queries read them as text (`select_list`) and send them as
//! text, which PostgreSQL is told to convert (`postgres_param`).

/// `a, b, CAST(c AS TEXT) AS c`: every column, with the columns named in `as_text` (uuids,
/// timestamps, JSON) read as text, since their `Row` fields are `String`. The cast works on
/// both databases; on SQLite those columns already are text.
pub fn select_list(columns: &[&str], as_text: &[&str]) -> String {
    let items: Vec<String> = columns
        .iter()
        .map(|column| {
            if as_text.contains(column) {
                format!("CAST({column} AS TEXT) AS {column}")
            } else {
                (*column).to_owned()
            }
        })
        .collect();
    items.join(", ")
}

/// Placeholder `$n` for a value of PostgreSQL type `pg_type` sent as text: sqlx binds a Rust
/// `String` as `text`, which PostgreSQL converts to `uuid` or `jsonb` only when asked.
pub fn postgres_param(n: usize, pg_type: &str) -> String {
    format!("CAST(${n} AS {pg_type})")
}

/// Placeholder `$n` on SQLite, where uuids and JSON are stored as the text they are sent as.
pub fn sqlite_param(n: usize, _pg_type: &str) -> String {
    format!("${n}")
}

/// The first eight characters of a uuid: enough to tell an operator's tickets apart.
pub fn short_id(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// The tasks of the checklist the operator records, and how many it has in all.
const CHECKLIST_DONE: &[&str] = &[
    "doors", "alarm", "lights", "screens", "cash", "coffee", "bins",
];
const CHECKLIST_TOTAL: i32 = 8;

/// `["a","b"]`: the done tasks as the JSON array `completed_tasks` holds.
fn json_array(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("\"{item}\"")).collect();
    format!("[{}]", quoted.join(","))
}

macro_rules! console {
    ($backend:ident, $pool_options:ty, $param:path) => {
        pub mod $backend {
            use super::{CHECKLIST_DONE, CHECKLIST_TOTAL, json_array, select_list, short_id};
            use crate::$backend::tables::{
                ai_prompt_templates, checklist_submissions, ticket_comments, tickets, users,
            };
            use sqlx::AssertSqlSafe;

            /// One operator's session: a ticket with a comment, the open tickets, a checklist
            /// submission, a prompt template.
            pub async fn run(url: &str) -> Result<(), sqlx::Error> {
                let pool = <$pool_options>::new()
                    .max_connections(1)
                    .connect(url)
                    .await?;
                let operator: String = sqlx::query_scalar(AssertSqlSafe(upsert_user_sql()))
                    .bind("ops@example.com")
                    .bind("Ops")
                    .fetch_one(&pool)
                    .await?;

                let ticket: String = sqlx::query_scalar(AssertSqlSafe(create_ticket_sql()))
                    .bind("Door sensor offline in bay 3")
                    .bind("Reported by the night shift.")
                    .bind("facilities")
                    .bind("bay 3")
                    .bind(&operator)
                    .fetch_one(&pool)
                    .await?;
                sqlx::query(AssertSqlSafe(add_comment_sql()))
                    .bind(&ticket)
                    .bind(&operator)
                    .bind("Checked the wiring; replacing the sensor tomorrow.")
                    .execute(&pool)
                    .await?;
                println!("created ticket {} with a comment", short_id(&ticket));

                let open: Vec<tickets::Row> = sqlx::query_as(AssertSqlSafe(open_tickets_sql()))
                    .fetch_all(&pool)
                    .await?;
                println!("open tickets (newest first, at most 5):");
                for row in &open {
                    println!(
                        "  {} [{}, {}] {} (created {})",
                        short_id(&row.id),
                        row.status,
                        row.priority,
                        row.title,
                        row.created_at.as_deref().unwrap_or("?")
                    );
                }

                let submission: checklist_submissions::Row =
                    sqlx::query_as(AssertSqlSafe(record_checklist_sql()))
                        .bind(&operator)
                        .bind("bay 3")
                        .bind("cleaning")
                        .bind("daily")
                        .bind(json_array(CHECKLIST_DONE))
                        .bind(CHECKLIST_TOTAL)
                        .fetch_one(&pool)
                        .await?;
                println!(
                    "recorded {} {} checklist at {}: {} of {} tasks done",
                    submission.r#type,
                    submission.category,
                    submission.location,
                    CHECKLIST_DONE.len(),
                    submission.total_tasks
                );

                let template: Option<ai_prompt_templates::Row> =
                    sqlx::query_as(AssertSqlSafe(prompt_template_sql()))
                        .bind("ticket_summary")
                        .fetch_optional(&pool)
                        .await?;
                match template {
                    Some(row) => println!("prompt template `{}`: {}", row.name, row.template),
                    None => println!("prompt template `ticket_summary`: missing"),
                }
                pool.close().await;
                Ok(())
            }

            pub fn upsert_user_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}) VALUES ($1, $2) ON CONFLICT ({}) \
                     DO UPDATE SET {} = excluded.{} RETURNING {}",
                    users::NAME,
                    users::EMAIL,
                    users::NAME_2,
                    users::EMAIL,
                    users::NAME_2,
                    users::NAME_2,
                    select_list(&[users::ID], &[users::ID])
                )
            }

            pub fn create_ticket_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}, {}, {}) VALUES ($1, $2, $3, $4, {}) RETURNING {}",
                    tickets::NAME,
                    tickets::TITLE,
                    tickets::DESCRIPTION,
                    tickets::CATEGORY,
                    tickets::LOCATION,
                    tickets::CREATED_BY,
                    $param(5, "uuid"),
                    select_list(&[tickets::ID], &[tickets::ID])
                )
            }

            pub fn add_comment_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}) VALUES ({}, {}, $3)",
                    ticket_comments::NAME,
                    ticket_comments::TICKET_ID,
                    ticket_comments::USER_ID,
                    ticket_comments::COMMENT,
                    $param(1, "uuid"),
                    $param(2, "uuid")
                )
            }

            pub fn open_tickets_sql() -> String {
                format!(
                    "SELECT {} FROM {} WHERE {} <> 'closed' AND {} IS NULL \
                     ORDER BY {} DESC LIMIT 5",
                    select_list(
                        tickets::COLUMNS,
                        &[
                            tickets::ID,
                            tickets::CREATED_BY,
                            tickets::ASSIGNED_TO,
                            tickets::ARCHIVED_BY,
                            tickets::CREATED_AT,
                            tickets::UPDATED_AT,
                            tickets::RESOLVED_AT,
                            tickets::ARCHIVED_AT,
                            tickets::DUE_AT,
                            tickets::METADATA,
                        ]
                    ),
                    tickets::NAME,
                    tickets::STATUS,
                    tickets::ARCHIVED_AT,
                    tickets::CREATED_AT
                )
            }

            pub fn record_checklist_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}, {}, {}, {}) \
                     VALUES ({}, $2, $3, $4, {}, $6) RETURNING {}",
                    checklist_submissions::NAME,
                    checklist_submissions::USER_ID,
                    checklist_submissions::LOCATION,
                    checklist_submissions::CATEGORY,
                    checklist_submissions::TYPE,
                    checklist_submissions::COMPLETED_TASKS,
                    checklist_submissions::TOTAL_TASKS,
                    $param(1, "uuid"),
                    $param(5, "jsonb"),
                    select_list(
                        checklist_submissions::COLUMNS,
                        &[
                            checklist_submissions::ID,
                            checklist_submissions::USER_ID,
                            checklist_submissions::COMPLETED_TASKS,
                            checklist_submissions::SUBMISSION_DATE,
                            checklist_submissions::CREATED_AT,
                        ]
                    )
                )
            }

            pub fn prompt_template_sql() -> String {
                format!(
                    "SELECT {} FROM {} WHERE {} = $1",
                    select_list(
                        ai_prompt_templates::COLUMNS,
                        &[
                            ai_prompt_templates::ID,
                            ai_prompt_templates::CREATED_AT,
                            ai_prompt_templates::UPDATED_AT,
                            ai_prompt_templates::UPDATED_BY,
                        ]
                    ),
                    ai_prompt_templates::NAME,
                    ai_prompt_templates::NAME_2
                )
            }
        }
    };
}

console!(
    postgres,
    sqlx::postgres::PgPoolOptions,
    super::postgres_param
);
console!(sqlite, sqlx::sqlite::SqlitePoolOptions, super::sqlite_param);

#[cfg(test)]
mod tests {
    #[test]
    fn queries_use_the_generated_names() {
        assert_eq!(
            super::postgres::add_comment_sql(),
            "INSERT INTO ticket_comments (ticket_id, user_id, comment) \
             VALUES (CAST($1 AS uuid), CAST($2 AS uuid), $3)"
        );
        assert_eq!(
            super::sqlite::add_comment_sql(),
            "INSERT INTO ticket_comments (ticket_id, user_id, comment) VALUES ($1, $2, $3)"
        );
        assert!(
            super::postgres::open_tickets_sql().starts_with(
                "SELECT CAST(id AS TEXT) AS id, title, description, category, status, priority, "
            ),
            "{}",
            super::postgres::open_tickets_sql()
        );
    }

    #[test]
    fn both_backends_send_the_same_sql_apart_from_postgres_casts() {
        use super::{postgres as pg, sqlite};
        type Sql = fn() -> String;
        let pairs: [(Sql, Sql); 6] = [
            (pg::upsert_user_sql, sqlite::upsert_user_sql),
            (pg::create_ticket_sql, sqlite::create_ticket_sql),
            (pg::add_comment_sql, sqlite::add_comment_sql),
            (pg::open_tickets_sql, sqlite::open_tickets_sql),
            (pg::record_checklist_sql, sqlite::record_checklist_sql),
            (pg::prompt_template_sql, sqlite::prompt_template_sql),
        ];
        for (postgres, sqlite) in pairs {
            let mut without_casts = postgres();
            for n in 1..=6 {
                for pg_type in ["uuid", "jsonb"] {
                    without_casts = without_casts
                        .replace(&format!("CAST(${n} AS {pg_type})"), &format!("${n}"));
                }
            }
            assert_eq!(without_casts, sqlite());
        }
    }

    #[test]
    fn short_ids_are_eight_characters_or_the_whole_id() {
        assert_eq!(
            super::short_id("0c4a1367-b9cf-415f-b884-ad0a368e722d"),
            "0c4a1367"
        );
        assert_eq!(super::short_id("42"), "42");
    }

    #[test]
    fn done_tasks_become_a_json_array() {
        assert_eq!(
            super::json_array(&["doors", "alarm"]),
            r#"["doors","alarm"]"#
        );
    }
}
