// A folder that does not exist is a compile error at the path, not a panic.
schema_macros::migrations!("no_such_migrations");

fn main() {}
