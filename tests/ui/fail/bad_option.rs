schema_macros::migrations!("../../../../tests/ui/fixtures/pass_basic", dialect = "oracle");

fn main() {}
