//! `migrations!`: reads a folder of SQL migrations at build time, fails the build on a bad
//! history and generates typed constants for every table.
//!
//! A shell over `schema-core` (the same analysis the CLI runs): `input` parses the macro's
//! arguments, `expand` runs the analyzer and turns its findings into compile errors, `codegen`
//! writes the `tables`/`enums` modules and `MIGRATOR`.
//!
//! Architecture invariant: this crate never panics on user input and never decides what is
//! wrong with a history; every finding comes from `schema_core::analyze`.

mod codegen;
mod expand;
mod from_row;
mod input;
mod names;

use proc_macro::TokenStream;

/// Checks the migrations folder at `path` (relative to `CARGO_MANIFEST_DIR`) and expands to
/// `pub mod tables`, `pub mod enums` and `pub static MIGRATOR`.
///
/// ```text
/// schema_macros::migrations!("migrations");
/// schema_macros::migrations!("migrations", dialect = "sqlite", external_tables = ["users"]);
/// ```
///
/// Inline options override the ones of `schema.toml`. Every error the analyzer finds becomes
/// its own compile error naming `file:line:col`; warnings become deprecation warnings. Add
/// `schema_core::build::watch("migrations")` to the crate's `build.rs` so that adding a file
/// rebuilds the crate (editing one already does).
#[proc_macro]
pub fn migrations(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as input::MigrationsInput);
    expand::expand_guarded(&input).into()
}
