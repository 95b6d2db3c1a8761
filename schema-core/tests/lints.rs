//! One fixture per lint rule (`test_data/lint/<code>/{flagged,clean}`): the flagged history
//! triggers the rule, the clean one (the safe rewrite, or the same change on a table created
//! by the same migration) does not. Plus the switches: allow comments, per-rule severity, the
//! target PostgreSQL version and the lockfile boundary.

use schema_core::diagnostic::{Diagnostic, Severity};
use schema_core::lint::RULES;
use schema_core::{Analysis, Config, analyze, analyze_dir, source::MigrationSet};
use std::path::{Path, PathBuf};

fn lint_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/lint")
}

fn analyze_case(dir: &Path) -> Analysis {
    let config = Config::load_for(dir).expect("config");
    analyze_dir(dir, &config).expect("case loads")
}

fn with_code<'a>(analysis: &'a Analysis, code: &str) -> Vec<&'a Diagnostic> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

#[test]
fn every_rule_fires_on_its_flagged_fixture_and_not_on_its_clean_one() {
    let mut failures = Vec::new();
    for rule in RULES {
        let case = lint_dir().join(rule.code);
        if !case.is_dir() {
            failures.push(format!("{}: no fixture in test_data/lint", rule.code));
            continue;
        }
        let flagged = analyze_case(&case.join("flagged/migrations"));
        let found = with_code(&flagged, rule.code);
        if found.is_empty() {
            failures.push(format!(
                "{}: not reported on the flagged fixture",
                rule.code
            ));
        }
        for diagnostic in &found {
            if diagnostic
                .help
                .as_deref()
                .is_none_or(|h| !h.contains(&format!("schema:allow({})", rule.code)))
            {
                failures.push(format!(
                    "{}: the help line must say how to silence it",
                    rule.code
                ));
            }
        }
        let clean = analyze_case(&case.join("clean/migrations"));
        if !with_code(&clean, rule.code).is_empty() {
            failures.push(format!("{}: reported on the clean fixture", rule.code));
        }
        let errors: Vec<_> = flagged
            .diagnostics
            .iter()
            .chain(&clean.diagnostics)
            .filter(|d| d.is_error())
            .collect();
        if !errors.is_empty() {
            failures.push(format!(
                "{}: fixtures must be valid histories: {errors:?}",
                rule.code
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn in_memory(files: &[(&str, &str)], config: &Config) -> Analysis {
    let raw = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
        .collect();
    analyze(
        MigrationSet::from_files(PathBuf::from("migrations"), raw, None),
        config,
    )
}

const USERS: (&str, &str) = (
    "001_users.sql",
    "CREATE TABLE users (id bigint PRIMARY KEY, name text);\n",
);

#[test]
fn an_allow_comment_silences_one_statement_or_a_whole_file() {
    let config = Config::default();
    let statement = in_memory(
        &[
            USERS,
            (
                "002_drop.sql",
                "-- schema:allow(drop-column)\nALTER TABLE users DROP COLUMN name;\nALTER TABLE users DROP COLUMN id;\n",
            ),
        ],
        &config,
    );
    assert_eq!(
        with_code(&statement, "drop-column").len(),
        1,
        "only the second statement is reported"
    );

    let file = in_memory(
        &[
            USERS,
            (
                "002_drop.sql",
                "-- schema:allow(drop-column, missing-lock-timeout)\n\nALTER TABLE users DROP COLUMN name;\nALTER TABLE users DROP COLUMN id;\n",
            ),
        ],
        &config,
    );
    assert!(with_code(&file, "drop-column").is_empty());
    assert!(with_code(&file, "missing-lock-timeout").is_empty());
}

#[test]
fn the_config_sets_each_rules_severity_or_turns_lints_off() {
    let files = [
        USERS,
        (
            "002_drop.sql",
            "SET lock_timeout = '1s';\nALTER TABLE users DROP COLUMN name;\n",
        ),
    ];
    let mut config =
        Config::parse("[lints.rules]\ndrop-column = \"error\"\n").expect("valid config");
    assert_eq!(
        with_code(&in_memory(&files, &config), "drop-column")[0].severity,
        Severity::Error
    );
    config = Config::parse("[lints.rules]\ndrop-column = \"off\"\n").expect("valid config");
    assert!(with_code(&in_memory(&files, &config), "drop-column").is_empty());
    config = Config::parse("[lints]\nenabled = false\n").expect("valid config");
    assert!(
        in_memory(&files, &config)
            .diagnostics
            .iter()
            .all(|d| !schema_core::lint::is_lint(d.code))
    );
}

#[test]
fn a_constant_default_is_safe_from_postgresql_11_on() {
    let files = [
        USERS,
        (
            "002_add.sql",
            "SET lock_timeout = '1s';\nALTER TABLE users ADD COLUMN active boolean DEFAULT true;\n",
        ),
    ];
    let old = Config::parse("[lints]\npostgres_version = 10\n").unwrap();
    assert_eq!(
        with_code(&in_memory(&files, &old), "add-column-default-rewrite").len(),
        1
    );
    assert!(
        with_code(
            &in_memory(&files, &Config::default()),
            "add-column-default-rewrite"
        )
        .is_empty()
    );
}

#[test]
fn changes_to_a_table_created_in_the_same_migration_are_not_flagged() {
    let analysis = in_memory(
        &[(
            "001_all.sql",
            "CREATE TABLE t (id bigint PRIMARY KEY, a text);\nALTER TABLE t ADD CONSTRAINT t_a_check CHECK (a <> '');\n\
             ALTER TABLE t ADD COLUMN b text NOT NULL;\nCREATE INDEX t_a_idx ON t (a);\nALTER TABLE t DROP COLUMN a;\n",
        )],
        &Config::default(),
    );
    let lints: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| schema_core::lint::is_lint(d.code))
        .collect();
    assert!(lints.is_empty(), "{lints:#?}");
}

#[test]
fn locked_migrations_have_shipped_and_are_not_linted() {
    let dir = lint_dir().join("drop-column/flagged/migrations");
    let set = schema_core::source::load_dir(&dir, None).unwrap();
    let lock = schema_core::lockfile::render(&set);
    let mut set = set;
    set.files.push(schema_core::source::SourceFile::new(
        "../migrations.lock",
        lock,
    ));
    set.lockfile = Some(set.files.len() - 1);
    let analysis = analyze(set.clone(), &Config::default());
    assert!(
        with_code(&analysis, "drop-column").is_empty(),
        "the locked drop has shipped"
    );
    let everything = Config::parse("[lints]\ninclude_locked = true\n").unwrap();
    assert_eq!(
        with_code(&analyze(set, &everything), "drop-column").len(),
        1
    );
}

#[test]
fn sqlite_folders_get_only_the_rules_that_mean_something_there() {
    let config = Config::parse("dialect = \"sqlite\"\n").unwrap();
    let analysis = in_memory(
        &[
            (
                "001_users.sql",
                "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, born TIMESTAMP);\n",
            ),
            (
                "002_change.sql",
                "CREATE INDEX users_name ON users (name);\nALTER TABLE users DROP COLUMN born;\nPRAGMA foreign_keys = ON;\n",
            ),
        ],
        &config,
    );
    let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["drop-column"], "{:#?}", analysis.diagnostics);
}

/// `enum-value-position` finds the enum's columns through an index the fold keeps
/// (`Folder::type_users`): it must follow every way a column gets, changes or loses its type.
#[test]
fn enum_value_position_follows_renames_type_changes_and_drops() {
    const SETUP: &str = "CREATE TYPE mood AS ENUM ('happy', 'sad');\n\
                         CREATE TABLE users (id bigint PRIMARY KEY, mood mood);\n\
                         CREATE INDEX users_mood_idx ON users (mood);\n";
    let fires = |change: &str, add_value: &str| {
        let analysis = in_memory(
            &[
                ("001_setup.sql", SETUP),
                ("002_change.sql", change),
                ("003_add_value.sql", add_value),
            ],
            &Config::default(),
        );
        !with_code(&analysis, "enum-value-position").is_empty()
    };
    let add_meh = "ALTER TYPE mood ADD VALUE 'meh';\n";
    // The cases after the first few drop `users.mood` first, so that only their own column counts.
    let cases = [
        ("nothing changed", "SELECT 1;\n", add_meh, true),
        (
            "table renamed",
            "ALTER TABLE users RENAME TO people;\n",
            add_meh,
            true,
        ),
        (
            "column renamed",
            "ALTER TABLE users RENAME COLUMN mood TO feeling;\n",
            add_meh,
            true,
        ),
        (
            "enum renamed",
            "ALTER TYPE mood RENAME TO feeling;\n",
            "ALTER TYPE feeling ADD VALUE 'meh';\n",
            true,
        ),
        (
            "column dropped",
            "ALTER TABLE users DROP COLUMN mood;\n",
            add_meh,
            false,
        ),
        (
            "column made text",
            "ALTER TABLE users ALTER COLUMN mood TYPE text;\n",
            add_meh,
            false,
        ),
        (
            "table dropped and made again without the enum",
            "DROP TABLE users;\nCREATE TABLE users (id bigint PRIMARY KEY, mood text);\n\
             CREATE INDEX users_mood_idx ON users (mood);\n",
            add_meh,
            false,
        ),
        (
            "text column made the enum",
            "ALTER TABLE users DROP COLUMN mood;\nCREATE TABLE posts (id bigint PRIMARY KEY, tone text);\nCREATE INDEX posts_tone_idx ON posts (tone);\n\
             ALTER TABLE posts ALTER COLUMN tone TYPE mood USING tone::mood;\n",
            add_meh,
            true,
        ),
        (
            "column added, schema-qualified type",
            "ALTER TABLE users DROP COLUMN mood;\nCREATE TABLE posts (id bigint PRIMARY KEY);\nALTER TABLE posts ADD COLUMN tone public.mood;\n\
             CREATE INDEX posts_tone_idx ON posts (tone);\n",
            add_meh,
            true,
        ),
        (
            "column inherited",
            "ALTER TABLE users DROP COLUMN mood;\nCREATE TABLE base (tone mood);\nCREATE TABLE child () INHERITS (base);\n\
             CREATE INDEX child_tone_idx ON child (tone);\n",
            add_meh,
            true,
        ),
        (
            "column added to a partitioned table",
            "ALTER TABLE users DROP COLUMN mood;\nCREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);\n\
             CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n\
             ALTER TABLE events ADD COLUMN tone mood;\nCREATE INDEX events_2024_tone_idx ON events_2024 (tone);\n",
            add_meh,
            true,
        ),
    ];
    let wrong: Vec<&str> = cases
        .iter()
        .filter(|(_, change, add_value, expected)| fires(change, add_value) != *expected)
        .map(|(what, ..)| *what)
        .collect();
    assert!(wrong.is_empty(), "wrong for: {wrong:?}");
}
