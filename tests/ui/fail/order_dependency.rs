// See tests/ui.rs for why the path climbs out of trybuild's project folder.
schema_macros::migrations!("../../../../tests/ui/fixtures/order_dependency");

fn main() {}
