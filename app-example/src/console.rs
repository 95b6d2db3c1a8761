//! The operator's work, in sqlx queries written with the generated names and read into the
//! generated `Row` structs. The same code runs on both backends: `console!` expands it once
//! over `crate::postgres::tables` and once over `crate::sqlite::tables` (whose `Row` fields
//! differ where the types do: `integer` is `i32` on PostgreSQL, `i64` on SQLite). Placeholders
//! are `$n`, which both databases accept.

/// `a, b, CAST(c AS TEXT) AS c`: every column, with the timestamp columns read as text (the
/// example builds `schema-macros` without its `chrono` feature, so their `Row` fields are
/// `String`; the cast works on both databases).
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

macro_rules! console {
    ($backend:ident, $pool_options:ty) => {
        pub mod $backend {
            use super::select_list;
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
                let operator: i64 = sqlx::query_scalar(AssertSqlSafe(upsert_user_sql()))
                    .bind("ops@example.com")
                    .bind("Ops")
                    .fetch_one(&pool)
                    .await?;

                let ticket: i64 = sqlx::query_scalar(AssertSqlSafe(create_ticket_sql()))
                    .bind("Door sensor offline in bay 3")
                    .bind("Reported by the night shift.")
                    .bind(operator)
                    .fetch_one(&pool)
                    .await?;
                sqlx::query(AssertSqlSafe(add_comment_sql()))
                    .bind(ticket)
                    .bind(operator)
                    .bind("Checked the wiring; replacing the sensor tomorrow.")
                    .execute(&pool)
                    .await?;
                println!("created ticket #{ticket} with a comment");

                let open: Vec<tickets::Row> = sqlx::query_as(AssertSqlSafe(open_tickets_sql()))
                    .fetch_all(&pool)
                    .await?;
                println!("open tickets (newest first, at most 5):");
                for row in &open {
                    println!(
                        "  #{} [{}, priority {}] {} (created {})",
                        row.id, row.status, row.priority, row.title, row.created_at
                    );
                }

                let submission: checklist_submissions::Row =
                    sqlx::query_as(AssertSqlSafe(record_checklist_sql()))
                        .bind(operator)
                        .bind("opening")
                        .bind("bay 3")
                        .bind(7_i32)
                        .bind(8_i32)
                        .fetch_one(&pool)
                        .await?;
                println!(
                    "recorded checklist submission #{}: {} at {}, {}/{} done",
                    submission.id,
                    submission.category,
                    submission.location,
                    submission.completed,
                    submission.total
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
                    users::ID
                )
            }

            pub fn create_ticket_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}) VALUES ($1, $2, $3) RETURNING {}",
                    tickets::NAME,
                    tickets::TITLE,
                    tickets::DESCRIPTION,
                    tickets::CREATED_BY,
                    tickets::ID
                )
            }

            pub fn add_comment_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}) VALUES ($1, $2, $3)",
                    ticket_comments::NAME,
                    ticket_comments::TICKET_ID,
                    ticket_comments::USER_ID,
                    ticket_comments::BODY
                )
            }

            pub fn open_tickets_sql() -> String {
                format!(
                    "SELECT {} FROM {} WHERE {} <> 'closed' ORDER BY {} DESC LIMIT 5",
                    select_list(tickets::COLUMNS, &[tickets::CREATED_AT]),
                    tickets::NAME,
                    tickets::STATUS,
                    tickets::ID
                )
            }

            pub fn record_checklist_sql() -> String {
                format!(
                    "INSERT INTO {} ({}, {}, {}, {}, {}) VALUES ($1, $2, $3, $4, $5) RETURNING {}",
                    checklist_submissions::NAME,
                    checklist_submissions::USER_ID,
                    checklist_submissions::CATEGORY,
                    checklist_submissions::LOCATION,
                    checklist_submissions::COMPLETED,
                    checklist_submissions::TOTAL,
                    select_list(
                        checklist_submissions::COLUMNS,
                        &[checklist_submissions::SUBMITTED_AT]
                    )
                )
            }

            pub fn prompt_template_sql() -> String {
                format!(
                    "SELECT {} FROM {} WHERE {} = $1",
                    select_list(
                        ai_prompt_templates::COLUMNS,
                        &[ai_prompt_templates::UPDATED_AT]
                    ),
                    ai_prompt_templates::NAME,
                    ai_prompt_templates::NAME_2
                )
            }
        }
    };
}

console!(postgres, sqlx::postgres::PgPoolOptions);
console!(sqlite, sqlx::sqlite::SqlitePoolOptions);

#[cfg(test)]
mod tests {
    #[test]
    fn queries_use_the_generated_names() {
        assert_eq!(
            super::postgres::open_tickets_sql(),
            "SELECT id, title, description, status, created_by, assigned_to, \
             CAST(created_at AS TEXT) AS created_at, priority FROM tickets \
             WHERE status <> 'closed' ORDER BY id DESC LIMIT 5"
        );
        assert_eq!(
            super::postgres::add_comment_sql(),
            "INSERT INTO ticket_comments (ticket_id, user_id, body) VALUES ($1, $2, $3)"
        );
    }

    #[test]
    fn both_backends_send_the_same_sql() {
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
            assert_eq!(postgres(), sqlite());
        }
    }
}
