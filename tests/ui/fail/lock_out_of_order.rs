// See tests/ui.rs for why the path climbs out of trybuild's project folder.
// The lockfile was written before this case changed the folder.
schema_macros::migrations!("../../../../tests/ui/fixtures/lock_out_of_order/migrations");

fn main() {}
