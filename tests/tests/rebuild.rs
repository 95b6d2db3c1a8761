//! Editing a migration rebuilds a crate that uses `migrations!` (its files are embedded with
//! `include_str!`), and adding one rebuilds it too when the crate's `build.rs` calls
//! `schema_core::build::watch` — checked by building a real throwaway crate twice.
//!
//! The crate lives in a temporary folder outside the workspace and builds into
//! `target/rebuild-check` so that it never waits on the workspace's build lock.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Builds and runs the crate; returns what it printed.
fn run(crate_dir: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", workspace().join("target/rebuild-check"))
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn editing_or_adding_a_migration_rebuilds_the_crate() {
    let root = std::env::temp_dir().join(format!("schema-rebuild-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let core = workspace().join("schema-core");
    let macros = workspace().join("schema-macros");
    write(
        &root.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"rebuild-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\nschema-core = {{ path = {core:?} }}\nschema-macros = {{ path = {macros:?} }}\n\n\
             [build-dependencies]\nschema-core = {{ path = {core:?} }}\n"
        ),
    );
    std::fs::copy(workspace().join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
    write(
        &root.join("build.rs"),
        "fn main() { schema_core::build::watch(\"migrations\"); }\n",
    );
    write(
        &root.join("src/main.rs"),
        "schema_macros::migrations!(\"migrations\");\n\
         fn main() {\n    println!(\"{} {:?}\", MIGRATOR.len(), tables::notes::COLUMNS);\n}\n",
    );
    write(
        &root.join("migrations/001_notes.sql"),
        "CREATE TABLE notes (id bigint PRIMARY KEY);\n",
    );
    assert_eq!(run(&root).trim(), "1 [\"id\"]");

    write(
        &root.join("migrations/001_notes.sql"),
        "CREATE TABLE notes (id bigint PRIMARY KEY, body text);\n",
    );
    assert_eq!(
        run(&root).trim(),
        "1 [\"id\", \"body\"]",
        "an edited migration must rebuild the crate"
    );

    write(
        &root.join("migrations/002_title.sql"),
        "ALTER TABLE notes ADD COLUMN title text;\n",
    );
    assert_eq!(
        run(&root).trim(),
        "2 [\"id\", \"body\", \"title\"]",
        "a new migration must rebuild the crate"
    );

    let _ = std::fs::remove_dir_all(&root);
}
