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

/// The `.sql` files added to or removed from the migrations folder since the binary was built,
/// as `+ path` / `- path`. Empty when the folder matches, or is not there (a deployed binary
/// without its sources). Non-empty means cargo did not rebuild the crate when the folder
/// changed: the build script is missing `watch`.
pub fn unbuilt_changes(embedded: &crate::embedded::EmbeddedMigrations) -> Vec<String> {
    let folder = std::path::Path::new(embedded.folder);
    if embedded.folder.is_empty() || !folder.is_dir() {
        return Vec::new();
    }
    let Ok(set) = crate::source::load_dir(folder, None) else {
        return Vec::new();
    };
    let lockfile = set.lockfile;
    let now: Vec<&str> = set
        .files
        .iter()
        .enumerate()
        .filter(|(index, _)| Some(*index) != lockfile)
        .map(|(_, file)| file.path.as_str())
        .collect();
    let mut changes: Vec<String> = now
        .iter()
        .filter(|path| !embedded.files.contains(path))
        .map(|path| format!("+ {path}"))
        .collect();
    changes.extend(
        embedded
            .files
            .iter()
            .filter(|path| !now.contains(path))
            .map(|path| format!("- {path}")),
    );
    changes
}

fn rerun_if_changed_line(dir: &str) -> String {
    format!("cargo:rerun-if-changed={dir}")
}

#[cfg(test)]
mod tests {
    use crate::embedded::EmbeddedMigrations;

    #[test]
    fn files_added_or_removed_since_the_build_are_named() {
        let folder = std::env::temp_dir().join(format!("schema-unbuilt-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("001_a.sql"), "SELECT 1;").unwrap();
        std::fs::write(folder.join("003_c.sql"), "SELECT 3;").unwrap();
        let path: &'static str = Box::leak(folder.to_string_lossy().into_owned().into_boxed_str());
        let built = EmbeddedMigrations {
            migrations: &[],
            catalog_json: "",
            folder: path,
            files: &["001_a.sql", "002_b.sql"],
        };
        assert_eq!(
            super::unbuilt_changes(&built),
            vec!["+ 003_c.sql".to_string(), "- 002_b.sql".to_string()]
        );
        let unchanged = EmbeddedMigrations {
            files: &["001_a.sql", "003_c.sql"],
            ..built
        };
        assert!(super::unbuilt_changes(&unchanged).is_empty());
        let deployed = EmbeddedMigrations {
            folder: "/nonexistent/schema-folder",
            ..built
        };
        assert!(
            super::unbuilt_changes(&deployed).is_empty(),
            "no folder, nothing to compare"
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn watch_line_names_the_folder() {
        assert_eq!(
            super::rerun_if_changed_line("migrations"),
            "cargo:rerun-if-changed=migrations"
        );
    }
}
