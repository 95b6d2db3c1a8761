fn main() {
    // A new migration file must rebuild the crate; editing one already does (include_str!).
    schema_core::build::watch("migrations/postgres");
    schema_core::build::watch("migrations/sqlite");
}
