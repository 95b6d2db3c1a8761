//! End to end: `schema audit`, `plan`, `squash` and `new` over migration folders made in temp
//! dirs, exit codes included.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// A temp dir holding `migrations/` with `files` (name, SQL).
fn migrations(files: &[(&str, &str)]) -> TempDir {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("migrations");
    fs::create_dir(&dir).expect("create migrations folder");
    for (name, sql) in files {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create subfolder");
        }
        fs::write(path, sql).expect("write migration");
    }
    root
}

fn schema(root: &Path, args: &[&str]) -> Command {
    let mut command = cargo_bin_cmd!("schema");
    command.current_dir(root).args(args);
    command
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("stdout is JSON")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

const ACCOUNTS: &str = "CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL);\n";
const POSTS: &str = "CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES accounts (id));\n";

#[test]
fn audit_of_a_clean_folder_exits_zero() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS), ("002_posts.sql", POSTS)]);
    schema(root.path(), &["audit"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("# Database Migration Audit\n"))
        .stdout(predicate::str::contains(
            "### Phase 2: depend on earlier phases\n- posts (references accounts)",
        ))
        .stdout(predicate::str::contains("1. **accounts** - 001"));
}

#[test]
fn audit_of_a_history_with_errors_exits_one() {
    let root = migrations(&[("001_posts.sql", POSTS)]);
    schema(root.path(), &["audit"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "- **accounts** table (1 reference)",
        ));
}

#[test]
fn audit_json_is_one_document() {
    let root = migrations(&[("001_posts.sql", POSTS), ("001_again.sql", ACCOUNTS)]);
    let output = schema(root.path(), &["audit", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json_of(&output);
    assert_eq!(report["overview"]["files"], 2);
    assert_eq!(report["duplicate_versions"][0]["code"], "duplicate-version");
    assert_eq!(report["missing_tables"].as_array().map(Vec::len), Some(0));
    assert!(report["plan"]["phases"].is_array());
    assert!(
        report["action_items"]
            .as_array()
            .is_some_and(|items| !items.is_empty())
    );
}

#[test]
fn audit_of_a_missing_folder_exits_two_with_a_hint() {
    let root = tempfile::tempdir().expect("temp dir");
    schema(root.path(), &["audit", "nowhere"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: migrations folder `nowhere` not found\nhint: ",
        ));
}

#[test]
fn plan_prints_phases_cycles_and_order() {
    let root = migrations(&[(
        "001_cycle.sql",
        "CREATE TABLE a (id int PRIMARY KEY, b_id int);\n\
         CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n\
         ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b (id);\n\
         CREATE TABLE c (id int PRIMARY KEY, a_id int REFERENCES a (id));\n",
    )]);
    schema(root.path(), &["plan"]).assert().code(0).stdout(
        "phase 1 (no dependencies):\n  a -> b\n  b -> a\n\
         phase 2 (depends on earlier phases):\n  c -> a\n\
         cycle: a, b (their foreign keys must be added after the tables)\n\
         order: a, b, c\n",
    );
}

#[test]
fn plan_json_lists_the_order() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS), ("002_posts.sql", POSTS)]);
    let output = schema(root.path(), &["plan", "--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let plan = json_of(&output);
    let order: Vec<&str> = plan["order"]
        .as_array()
        .expect("order")
        .iter()
        .filter_map(|name| name["name"].as_str())
        .collect();
    assert_eq!(order, ["accounts", "posts"]);
}

#[test]
fn squash_of_a_clean_folder_exits_zero() {
    let root = migrations(&[
        ("001_accounts.sql", ACCOUNTS),
        ("002_posts.sql", POSTS),
        (
            "003_rename.sql",
            "ALTER TABLE posts RENAME COLUMN author_id TO account_id;\n",
        ),
    ]);
    schema(root.path(), &["squash"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::contains(
            "CREATE TABLE public.posts (\n    id bigint NOT NULL,\n    account_id bigint NOT NULL,",
        ))
        .stdout(predicate::str::contains("-- replaces:").not());
}

#[test]
fn squash_writes_the_replaces_header_and_the_output_file() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS), ("002_posts.sql", POSTS)]);
    schema(root.path(), &["squash", "--replaces", "-o", "baseline.sql"])
        .assert()
        .code(0)
        .stdout("");
    let baseline = fs::read_to_string(root.path().join("baseline.sql")).expect("baseline");
    assert!(
        baseline.lines().nth(1) == Some("-- replaces: 1..=2"),
        "{baseline}"
    );
}

#[test]
fn squash_reports_missing_tables_and_carried_statements_and_exits_one() {
    let root = migrations(&[(
        "001_posts.sql",
        "CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));\n\
         INSERT INTO posts (id) VALUES (1);\n",
    )]);
    schema(root.path(), &["squash"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-- CREATE TABLE public.users ("))
        .stdout(predicate::str::contains(
            "\nINSERT INTO posts (id) VALUES (1);\n",
        ))
        .stderr(predicate::str::contains(
            "warning: `users` is referenced but no migration creates it",
        ))
        .stderr(predicate::str::contains(
            "warning: carried over verbatim: `INSERT INTO` from 001_posts.sql:2",
        ));
}

#[test]
fn squash_into_an_unwritable_path_exits_two() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS)]);
    schema(
        root.path(),
        &["squash", "-o", "no/such/folder/baseline.sql"],
    )
    .assert()
    .code(2)
    .stderr(predicate::str::starts_with(
        "error: cannot write `no/such/folder/baseline.sql`",
    ));
}

#[test]
fn new_continues_a_sequential_folder() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS), ("002_posts.sql", POSTS)]);
    schema(root.path(), &["new", "Add Comments"])
        .assert()
        .code(0)
        .stdout("created migrations/003_add_comments.sql\n");
    assert_eq!(
        files_in(&root.path().join("migrations")),
        ["001_accounts.sql", "002_posts.sql", "003_add_comments.sql"]
    );
}

#[test]
fn new_creates_a_down_file_where_the_folder_has_them() {
    let root = migrations(&[
        ("0001_accounts.up.sql", ACCOUNTS),
        ("0001_accounts.down.sql", "DROP TABLE accounts;\n"),
    ]);
    schema(root.path(), &["new", "add_posts"]).assert().code(0);
    assert_eq!(
        files_in(&root.path().join("migrations")),
        [
            "0001_accounts.down.sql",
            "0001_accounts.up.sql",
            "0002_add_posts.down.sql",
            "0002_add_posts.up.sql"
        ]
    );
}

#[test]
fn new_follows_diesel_and_timestamp_folders() {
    let root = migrations(&[
        ("2023-01-01-000000_accounts/up.sql", ACCOUNTS),
        (
            "2023-01-01-000000_accounts/down.sql",
            "DROP TABLE accounts;\n",
        ),
    ]);
    schema(root.path(), &["new", "add_posts"]).assert().code(0);
    let folders = files_in(&root.path().join("migrations"));
    assert_eq!(folders.len(), 2, "{folders:?}");
    assert!(folders[1].ends_with("_add_posts"), "{folders:?}");
    assert_eq!(
        files_in(&root.path().join("migrations").join(&folders[1])),
        ["down.sql", "up.sql"]
    );

    let root = migrations(&[("20230101000000_accounts.sql", ACCOUNTS)]);
    schema(root.path(), &["new", "add_posts"]).assert().code(0);
    let files = files_in(&root.path().join("migrations"));
    assert_eq!(files.len(), 2);
    assert!(
        files[1].ends_with("_add_posts.sql")
            && files[1].len() == "20230101000000_add_posts.sql".len()
    );
    assert!(files[1] > files[0], "{files:?}");
}

#[test]
fn new_refuses_a_name_that_exists() {
    let root = migrations(&[("001_accounts.sql", ACCOUNTS)]);
    schema(root.path(), &["new", "accounts"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: a migration named `accounts` exists already: `001_accounts.sql`\nhint: ",
        ));
    assert_eq!(
        files_in(&root.path().join("migrations")),
        ["001_accounts.sql"]
    );
}

#[test]
fn new_in_a_missing_folder_exits_two() {
    let root = tempfile::tempdir().expect("temp dir");
    schema(root.path(), &["new", "first"]).assert().code(2);
}

#[test]
fn new_follows_a_flyway_folder() {
    let root = migrations(&[("V1__accounts.sql", ACCOUNTS)]);
    schema(root.path(), &["new", "add_posts"])
        .assert()
        .code(0)
        .stdout("created migrations/V2__add_posts.sql\n");
}

#[test]
fn squash_rewrites_a_view_over_a_renamed_table_and_column() {
    let root = migrations(&[
        ("001_accounts.sql", ACCOUNTS),
        (
            "002_view.sql",
            "CREATE VIEW emails AS SELECT email FROM accounts;\n",
        ),
        (
            "003_rename.sql",
            "ALTER TABLE accounts RENAME TO users;\nALTER TABLE users RENAME COLUMN email TO address;\n",
        ),
    ]);
    schema(root.path(), &["squash"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "CREATE VIEW emails AS SELECT address AS email FROM users;",
        ))
        .stderr(predicate::str::contains("warning").not());
}

#[test]
fn squash_sets_aside_a_view_it_cannot_rewrite_safely() {
    let root = migrations(&[
        ("001_accounts.sql", ACCOUNTS),
        ("002_posts.sql", POSTS),
        (
            "003_view.sql",
            "CREATE VIEW authors AS SELECT email FROM accounts JOIN posts ON posts.author_id = accounts.id;\n",
        ),
        (
            "004_rename.sql",
            "ALTER TABLE accounts RENAME COLUMN email TO address;\n",
        ),
    ]);
    schema(root.path(), &["squash"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-- WARNING: view `authors` is left out of the baseline (commented at the end): \
             column `accounts.email` was renamed to `address`",
        ))
        .stdout(predicate::str::contains(
            "-- view `authors`\n-- CREATE VIEW authors AS SELECT email FROM accounts JOIN posts",
        ))
        .stderr(predicate::str::contains(
            "warning: view `authors` is left out of the baseline",
        ));
}

#[test]
fn squash_warns_about_a_function_body_that_says_a_renamed_name() {
    let root = migrations(&[
        ("001_accounts.sql", ACCOUNTS),
        (
            "002_function.sql",
            "CREATE FUNCTION account_count() RETURNS bigint LANGUAGE plpgsql AS $$ \
             BEGIN RETURN (SELECT count(*) FROM accounts); END $$;\n",
        ),
        ("003_rename.sql", "ALTER TABLE accounts RENAME TO users;\n"),
    ]);
    schema(root.path(), &["squash"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-- WARNING: function `account_count` is copied as written, but its text says \
             `accounts` and table `accounts` was renamed to `users` later (003_rename.sql:1)",
        ))
        .stderr(predicate::str::contains(
            "warning: function `account_count` is copied as written",
        ));
}

#[test]
fn squash_names_sequence_options_it_does_not_repeat() {
    let root = migrations(&[(
        "001_invoices.sql",
        "CREATE SEQUENCE invoice_numbers START 1000;\n\
         CREATE TABLE invoices (number bigint PRIMARY KEY DEFAULT nextval('invoice_numbers'));\n",
    )]);
    schema(root.path(), &["squash"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-- WARNING: 001_invoices.sql:1: sequence options (start, increment, cache...) are not modeled",
        ))
        .stderr(predicate::str::contains("`CREATE SEQUENCE invoice_numbers START 1000`"));
}

#[test]
fn squash_names_identity_options_it_does_not_repeat() {
    let root = migrations(&[(
        "001_orders.sql",
        "CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000) PRIMARY KEY);\n",
    )]);
    schema(root.path(), &["squash"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "-- WARNING: 001_orders.sql:1: identity column options (start, increment, cache...) are not modeled",
        ));
}

#[test]
fn squash_is_deterministic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schema-core/test_data/pg/sqlx_shop/migrations");
    let run = || {
        cargo_bin_cmd!("schema")
            .arg("squash")
            .arg(&dir)
            .output()
            .expect("run schema")
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}
