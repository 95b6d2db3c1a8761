// See tests/ui.rs for why the path climbs out of trybuild's project folder.
// The folder still holds the migrations the baseline replaces: their catalog and its differ.
schema_macros::migrations!("../../../../tests/ui/fixtures/baseline_mismatch");

fn main() {}
