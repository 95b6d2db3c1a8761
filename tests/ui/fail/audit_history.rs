// The audit's 29-file history: every error it holds is reported in this one build.
schema_macros::migrations!("../../../../schema-core/test_data/audit/migrations");

fn main() {}
