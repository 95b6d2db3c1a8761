//! From the macro's input to tokens: resolve the folder, run the analyzer, turn each finding
//! into a compile error or warning, and generate the modules.

use crate::codegen;
use crate::input::MigrationsInput;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use schema_core::config::{Config, Dialect};
use schema_core::diagnostic::{Diagnostic, Severity};
use schema_core::render::{self, RenderStyle};
use schema_core::source::{MigrationSet, SourceError};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// `expand`, with any panic turned into a compile error at the macro's path literal: a panic
/// would otherwise surface as an unspanned "proc macro panicked".
pub fn expand_guarded(input: &MigrationsInput) -> TokenStream {
    match catch_unwind(AssertUnwindSafe(|| expand(input))) {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(error)) => error.to_compile_error(),
        Err(payload) => {
            let reason = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no message".to_string());
            syn::Error::new(
                input.span(),
                format!(
                    "schema-macros panicked while checking the migrations: {reason}\n\
                     = help: this is a bug in schema-macros; please report it with the migrations folder"
                ),
            )
            .to_compile_error()
        }
    }
}

/// Collects every error so that one build reports them all (serde's `Ctxt`).
struct Errors {
    errors: Vec<syn::Error>,
}

impl Errors {
    fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    fn into_tokens(self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }
}

fn expand(input: &MigrationsInput) -> syn::Result<TokenStream> {
    let span = input.span();
    let written = input.path.value();
    let dir = resolve_dir(&written).map_err(|message| syn::Error::new(span, message))?;
    let config = config_for(input, &dir)?;
    let analysis = schema_core::analyze_dir(&dir, &config)
        .map_err(|error| syn::Error::new(span, source_error_message(&written, &error)))?;

    let mut errors = Errors { errors: Vec::new() };
    let display_set = with_crate_relative_paths(&analysis.set, &written);
    let mut warnings = Vec::new();
    let mut unshown_warnings = 0;
    for diagnostic in &analysis.diagnostics {
        match diagnostic.severity {
            Severity::Error => errors.push(span, compile_error_text(&display_set, diagnostic)),
            Severity::Warning if warnings.len() < MAX_WARNINGS => warnings.push(warning_item(
                span,
                warnings.len(),
                &compile_error_text(&display_set, diagnostic),
            )),
            Severity::Warning => unshown_warnings += 1,
            Severity::Info => {}
        }
    }
    if unshown_warnings > 0 {
        let message = format!(
            "[more-warnings]: {unshown_warnings} more warning(s) not shown here; run `schema check {written}` to see them all, \
             or lock the shipped migrations with `schema lock` (lints skip locked migrations)"
        );
        warnings.push(warning_item(span, warnings.len(), &message));
    }
    if let Some(other) = &input.same_tables_as {
        for difference in same_tables_differences(other, &analysis.catalog, config.dialect)? {
            errors.push(other.span(), difference);
        }
    }
    let has_errors = !errors.errors.is_empty();
    let modules = codegen::schema_modules(&analysis.catalog, config.dialect);
    // With errors the build fails anyway (and cargo reruns a failed build), so nothing needs
    // embedding; an empty `MIGRATOR` keeps code that uses it free of follow-on errors.
    let migrator = codegen::migrator(&analysis, !has_errors)
        .map_err(|message| syn::Error::new(span, message))?;
    let errors = errors.into_tokens();
    let lock_tracking = lockfile_tracking(&analysis.set);
    Ok(quote! {
        #errors
        #lock_tracking
        #(#warnings)*
        #modules
        #migrator
    })
}

/// `same_tables_as = "other"`: the other folder, folded with its own `schema.toml`, must build
/// the same tables and columns (`schema_core::shape::compare`, PostgreSQL side first). One
/// message per difference, each naming both folders' roles and saying what to do. The other
/// folder's own errors are its own `migrations!` call's business; its files are tracked by
/// that call's `include_str!`s when both sit in one crate.
fn same_tables_differences(
    other: &syn::LitStr,
    catalog: &schema_core::catalog::Catalog,
    dialect: Dialect,
) -> syn::Result<Vec<String>> {
    let written = other.value();
    let dir = resolve_dir(&written).map_err(|message| syn::Error::new(other.span(), message))?;
    let other_config = Config::load_for(&dir).map_err(|error| {
        syn::Error::new(
            other.span(),
            format!("{error}\n= help: fix `schema.toml`; every key is optional"),
        )
    })?;
    let other_analysis = schema_core::analyze_dir(&dir, &other_config)
        .map_err(|error| syn::Error::new(other.span(), source_error_message(&written, &error)))?;
    let differences = match dialect {
        Dialect::Sqlite => schema_core::shape::compare(&other_analysis.catalog, catalog),
        Dialect::Postgres => schema_core::shape::compare(catalog, &other_analysis.catalog),
    };
    Ok(differences
        .into_iter()
        .map(|difference| {
            format!(
                "[same-tables] {difference}\n= help: the migrations here and in `{written}` must \
                 build the same tables, columns and nullability (types by SQLite affinity, see \
                 `schema_core::shape`); add a migration to the side that lags"
            )
        })
        .collect())
}

/// `CARGO_MANIFEST_DIR/written`. The variable is the folder of the `Cargo.toml` of the crate
/// being compiled; in a trybuild UI case that is trybuild's generated project under
/// `target/tests/trybuild/<crate>/`, not the test crate.
fn resolve_dir(written: &str) -> Result<PathBuf, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").ok_or_else(|| {
        "`CARGO_MANIFEST_DIR` is not set, so the migrations folder cannot be found\n\
         = help: build with cargo, which sets it to the folder holding Cargo.toml"
            .to_string()
    })?;
    Ok(Path::new(&manifest_dir).join(written))
}

/// `schema.toml` beside (or above) the folder, then the inline options on top.
fn config_for(input: &MigrationsInput, dir: &Path) -> syn::Result<Config> {
    let mut config = Config::load_for(dir).map_err(|error| {
        syn::Error::new(
            input.span(),
            format!("{error}\n= help: fix `schema.toml`; every key is optional"),
        )
    })?;
    if let Some(dialect) = &input.dialect {
        config.dialect = match dialect.value().as_str() {
            "postgres" => Dialect::Postgres,
            "sqlite" => Dialect::Sqlite,
            other => {
                return Err(syn::Error::new(
                    dialect.span(),
                    format!("unknown dialect `{other}`; expected `postgres` or `sqlite`"),
                ));
            }
        };
    }
    if let Some(tables) = &input.external_tables {
        config.external_tables = tables.iter().map(syn::LitStr::value).collect();
    }
    if let Some(allow) = &input.allow {
        config.allow = allow.iter().map(syn::LitStr::value).collect();
    }
    Ok(config)
}

fn source_error_message(written: &str, error: &SourceError) -> String {
    match error {
        SourceError::NotFound { .. } => format!(
            "migrations folder `{written}` not found\n\
             = help: the path is relative to the crate root (CARGO_MANIFEST_DIR); create the folder or fix the path"
        ),
        SourceError::NotADirectory { .. } => format!(
            "`{written}` is not a folder\n= help: point `migrations!` at the folder that holds the `.sql` files"
        ),
        other => format!("{other}\n= help: check the file's permissions"),
    }
}

/// Editing, adding or deleting `migrations.lock` must rebuild the crate, like a migration:
/// `include_bytes!` makes cargo track the file (deleting it fails this build, then the next
/// expansion no longer includes it).
fn lockfile_tracking(set: &MigrationSet) -> TokenStream {
    let Some(lock) = set.lockfile else {
        return TokenStream::new();
    };
    let path = set.root.join(&set.files[lock].path);
    let path = path.canonicalize().unwrap_or(path);
    let path = path.to_string_lossy().into_owned();
    quote! {
        const _: &[u8] = include_bytes!(#path);
    }
}

/// The set with each file's path prefixed by the folder as written, so messages name
/// `migrations/001_init.sql` (relative to the crate) rather than `001_init.sql`.
fn with_crate_relative_paths(set: &MigrationSet, written: &str) -> MigrationSet {
    let prefix = written.trim_end_matches(['/', '\\']);
    let mut set = set.clone();
    if !prefix.is_empty() && prefix != "." {
        for file in &mut set.files {
            // The lockfile sits beside the folder: `migrations/../migrations.lock` reads
            // better as `migrations.lock`.
            file.path = match (file.path.strip_prefix("../"), prefix.rsplit_once('/')) {
                (Some(rest), Some((parent, _))) => format!("{parent}/{rest}"),
                (Some(rest), None) => rest.to_string(),
                (None, _) => format!("{prefix}/{}", file.path),
            };
        }
    }
    set
}

/// rustc's plain rendering without its first word: `compile_error!` already prints `error: `
/// (and the deprecation lint `warning: `), so the message starts at the `[code]`.
fn compile_error_text(set: &MigrationSet, diagnostic: &Diagnostic) -> String {
    let text = render::render_text(set, diagnostic, RenderStyle::Plain);
    let text = text.trim_end();
    text.strip_prefix(diagnostic.severity.as_str())
        .unwrap_or(text)
        .to_string()
}

/// A warning on stable Rust: a `#[deprecated]` constant used right away, so rustc prints the
/// note as `warning: use of deprecated constant`. Proc macros have no stable warning API
/// (`proc_macro::Diagnostic` is nightly), a `#[doc]` note is only seen by readers of the docs,
/// and deprecation is reported for bang-macro output (only derive output is exempt); users can
/// silence it with `#[allow(deprecated)]` on the macro call like any other warning.
/// Warnings shown one by one in a build; the rest are counted in one last warning. A build
/// log with hundreds of them helps nobody, and rustc renders each (measured: it dominates the
/// expansion cost of a long unlocked history).
const MAX_WARNINGS: usize = 20;

fn warning_item(span: Span, index: usize, message: &str) -> TokenStream {
    let name = format_ident!("migration_warning_{}", index);
    quote_spanned! {span=>
        const _: () = {
            #[deprecated(note = #message)]
            #[allow(non_upper_case_globals)]
            const #name: () = ();
            #name
        };
    }
}
