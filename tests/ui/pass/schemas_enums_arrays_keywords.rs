// A schema-qualified table, enums (public and schema-qualified), array columns and a table and
// a column named like Rust keywords.
#![deny(warnings)]

schema_macros::migrations!("../../../../tests/ui/fixtures/pass_shapes");

use enums::Mood;
use std::str::FromStr;

fn main() {
    assert_eq!(tables::app::accounts::NAME, "app.accounts");
    let account = tables::app::accounts::Row {
        id: 1,
        status: enums::app::Status::InReview,
        tags: vec![String::from("a")],
        scores: Some(vec![1_i32, 2]),
    };
    assert_eq!(account.status.as_str(), "in_review");

    assert_eq!(tables::r#type::NAME, "type");
    assert_eq!(tables::r#type::MATCH, "match");
    // A column called `name` cannot shadow the table's `NAME`.
    assert_eq!(tables::r#type::NAME_2, "name");
    assert_eq!(tables::r#type::USER_DATA, "user data");
    let row = tables::r#type::Row {
        id: 1_i32,
        r#match: String::from("m"),
        name: String::from("n"),
        current_mood: Some(Mood::SoSo),
        moods: vec![Mood::Happy, Mood::Sad],
        user_data: None,
        // No `chrono`/`time` feature: the documented `String` fallback.
        created_at: String::from("2024-01-01T00:00:00Z"),
    };
    assert_eq!(row.current_mood.map(Mood::as_str), Some("so-so"));
    assert_eq!(Mood::from_str("sad"), Ok(Mood::Sad));
    let error = Mood::from_str("meh").unwrap_err();
    assert_eq!(error.to_string(), "`meh` is not a value of enum `mood`");
    assert_eq!(Mood::ALL.len(), 3);
}
