//! trybuild UI tests of `schema_macros::migrations!`: one compile-fail case per error the
//! analyzer reports (`ui/fail/*.rs` + `.stderr`), and pass cases that use the generated code.
//!
//! Where the migrations come from: trybuild compiles each case as a binary of a generated
//! project in `target/tests/trybuild/schema-tests/`, and cargo sets `CARGO_MANIFEST_DIR` to that
//! project, not to this crate. `migrations!` resolves its path against `CARGO_MANIFEST_DIR`
//! (like `sqlx::migrate!`), so the cases climb four levels from there to the workspace root:
//! `"../../../../tests/ui/fixtures/<case>"`. That holds while the target folder is the
//! workspace's `target/` (the default; a custom `CARGO_TARGET_DIR` elsewhere breaks it). The
//! messages name files by the path as written, so the snapshots show it too.
//!
//! Refresh the snapshots with `TRYBUILD=overwrite cargo test -p schema-tests --test ui`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
