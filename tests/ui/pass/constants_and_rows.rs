// Generated code compiles without warnings in the user's crate.
#![deny(warnings)]

schema_macros::migrations!("../../../../tests/ui/fixtures/pass_basic");

fn main() {
    use tables::{posts, users};

    assert_eq!(users::NAME, "users");
    assert_eq!(
        users::COLUMNS,
        ["id", "email", "display_name", "age", "score", "avatar"]
    );
    assert_eq!(users::EMAIL, "email");
    assert_eq!(posts::AUTHOR_ID, "author_id");

    let user = users::Row {
        id: 1_i64,
        email: String::from("ada@example.com"),
        display_name: None::<String>,
        age: Some(36_i32),
        score: 1.5_f32,
        avatar: None::<Vec<u8>>,
    };
    let post = posts::Row {
        id: 7_i64,
        author_id: user.id,
        title: String::from("hello"),
        published: true,
    };
    assert_eq!(user.clone(), user);
    assert_eq!(post.author_id, 1);

    assert_eq!(MIGRATOR.len(), 2);
    assert_eq!(MIGRATOR.latest_version(), Some(2));
    let first = MIGRATOR.iter().next().expect("two migrations");
    assert!(first.up_sql.contains("CREATE TABLE users"));
    assert_eq!(first.down_sql.map(str::trim), Some("DROP TABLE users;"));
    assert!(!first.no_transaction);
}
