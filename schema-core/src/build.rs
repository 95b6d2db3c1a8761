//! Helpers for the consumer's `build.rs`.
//!
//! `schema_macros::migrations!` embeds every migration with `include_str!`, so cargo rebuilds
//! the crate when an existing migration changes. It cannot see a *new* file (or a deleted one):
//! cargo tracks files, not folders' listings, for proc macros on stable, and the nightly
//! `proc_macro::tracked::path` API is not available. A build script that says
//! `cargo:rerun-if-changed=<dir>` makes cargo re-run it (and so recompile the crate) whenever
//! anything in the folder changes, which closes that gap:
//!
//! ```text
//! // build.rs
//! fn main() {
//!     schema_core::build::watch("migrations");
//! }
//! ```
//!
//! (add `schema-core` under `[build-dependencies]`).

/// Prints `cargo:rerun-if-changed=<dir>`, so that adding, removing or renaming a migration in
/// `dir` (relative to the crate root) rebuilds the crate that calls `migrations!`.
pub fn watch(dir: &str) {
    println!("{}", rerun_if_changed_line(dir));
}

fn rerun_if_changed_line(dir: &str) -> String {
    format!("cargo:rerun-if-changed={dir}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn watch_line_names_the_folder() {
        assert_eq!(
            super::rerun_if_changed_line("migrations"),
            "cargo:rerun-if-changed=migrations"
        );
    }
}
