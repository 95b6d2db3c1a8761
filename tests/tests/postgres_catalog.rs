//! `introspect_postgres` reads back what a real PostgreSQL holds after each corpus's
//! migrations, exactly as `truth.json` (made by an independent introspection script) reports it.
//!
//! This is what makes the introspection trustworthy as the reference the fold is diffed
//! against. The corpora live in `shared/corpora/` beside the workspace, never in the repository.

mod support;

use schema_core::catalog::{Catalog, QualifiedName, Table};
use schema_core::catalog_diff::{MIGRATION_TOOL_TABLES, diff};
use schema_core::introspect::introspect_postgres;
use serde_json::Value;
use std::path::{Path, PathBuf};
use support::pg::{TestDatabase, apply_sql_files};

/// golang-migrate creates its own bookkeeping table before the first migration, and one of
/// harbor's migrations alters it.
const GOLANG_MIGRATE_TABLE: &str =
    "CREATE TABLE schema_migrations (version bigint not null primary key, dirty boolean not null)";

#[tokio::test]
async fn quickwit_introspection_matches_truth() {
    introspection_matches_truth("quickwit", None).await;
}

#[tokio::test]
async fn docs_rs_introspection_matches_truth() {
    introspection_matches_truth("docs_rs", None).await;
}

#[tokio::test]
async fn plume_introspection_matches_truth() {
    introspection_matches_truth("plume", None).await;
}

#[tokio::test]
async fn harbor_introspection_matches_truth() {
    introspection_matches_truth("harbor", Some(GOLANG_MIGRATE_TABLE)).await;
}

/// What the four corpora never exercise: identity columns, views, other schemas, expression
/// keys, comments, domains, `ON UPDATE` actions, and the schema filter.
#[tokio::test]
async fn introspection_reads_objects_the_corpora_lack() {
    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let mut conn = database.connect().await;
    sqlx::raw_sql(
        "CREATE SCHEMA billing;
         CREATE EXTENSION IF NOT EXISTS pg_trgm;
         CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
         CREATE TYPE mood AS ENUM ('sad', 'ok');
         ALTER TYPE mood ADD VALUE 'happy' BEFORE 'ok';
         CREATE TABLE billing.accounts (
             id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
             code varchar(8) NOT NULL UNIQUE,
             cents integer DEFAULT -1,
             euros numeric(12, 2) GENERATED ALWAYS AS (cents / 100.0) STORED,
             feeling mood
         );
         COMMENT ON TABLE billing.accounts IS 'who pays';
         COMMENT ON COLUMN billing.accounts.code IS 'short code';
         CREATE TABLE invoices (
             id serial PRIMARY KEY,
             account_id bigint REFERENCES billing.accounts (id) ON DELETE SET NULL ON UPDATE CASCADE,
             amount positive,
             note text,
             CONSTRAINT note_short CHECK (length(note) < 100)
         );
         CREATE INDEX invoices_note_lower ON invoices (lower(note)) WHERE note IS NOT NULL;
         CREATE VIEW big_invoices AS SELECT id, amount FROM invoices WHERE amount > 100;
         CREATE MATERIALIZED VIEW totals AS
             SELECT account_id, sum(amount) AS total FROM invoices GROUP BY account_id;
         CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
         CREATE TRIGGER invoices_touch BEFORE UPDATE ON invoices
             FOR EACH ROW EXECUTE FUNCTION touch();",
    )
    .execute(&mut conn)
    .await
    .expect("fixture schema applies");
    let catalog = introspect_postgres(&mut conn, &[])
        .await
        .expect("introspection succeeds");
    let only_public = introspect_postgres(&mut conn, &["public"])
        .await
        .expect("introspection succeeds");
    drop(conn);
    database.close().await;

    assert_eq!(catalog.schemas, ["billing", "public"]);
    assert_eq!(catalog.extensions, ["pg_trgm"]);
    let accounts = &catalog.tables[&QualifiedName::new("billing", "accounts")];
    assert_eq!(accounts.comment.as_deref(), Some("who pays"));
    let id = accounts.column("id").expect("id column");
    assert_eq!(
        (id.identity.as_deref(), id.default.as_deref()),
        (Some("always"), None)
    );
    let code = accounts.column("code").expect("code column");
    assert_eq!(code.data_type, "character varying(8)");
    assert_eq!(code.comment.as_deref(), Some("short code"));
    assert_eq!(
        accounts.column("cents").and_then(|c| c.default.as_deref()),
        Some("'-1'::integer")
    );
    let euros = accounts.column("euros").expect("euros column");
    assert_eq!(
        (euros.default.as_deref(), euros.generated.as_deref()),
        (None, Some("((cents)::numeric / 100.0)"))
    );
    assert_eq!(
        accounts.column("feeling").map(|c| c.data_type.as_str()),
        Some("mood")
    );
    assert_eq!(accounts.unique[0].name, "accounts_code_key");

    let invoices = &catalog.tables[&QualifiedName::new("public", "invoices")];
    assert_eq!(
        invoices.column("amount").map(|c| c.data_type.as_str()),
        Some("positive")
    );
    let foreign_key = &invoices.foreign_keys[0];
    assert_eq!(
        (
            foreign_key.ref_schema.as_str(),
            foreign_key.ref_table.as_str()
        ),
        ("billing", "accounts")
    );
    assert_eq!(
        (
            foreign_key.on_delete.as_str(),
            foreign_key.on_update.as_str()
        ),
        ("set null", "cascade")
    );
    assert_eq!(invoices.checks[0].name, "note_short");
    assert_eq!(
        invoices.checks[0].expression,
        "CHECK ((length(note) < 100))"
    );
    let lower = invoices
        .indexes
        .iter()
        .find(|index| index.name == "invoices_note_lower")
        .expect("expression index");
    assert_eq!(lower.columns, ["lower(note)"]);
    assert!(lower.has_expressions && !lower.unique && lower.constraint.is_none());
    assert_eq!(lower.predicate.as_deref(), Some("(note IS NOT NULL)"));

    assert_eq!(
        catalog.enums[&QualifiedName::new("public", "mood")].values,
        ["sad", "happy", "ok"]
    );
    assert_eq!(
        catalog.other_types[&QualifiedName::new("public", "positive")],
        "DOMAIN integer"
    );
    let view = &catalog.views[&QualifiedName::new("public", "big_invoices")];
    assert_eq!(
        (view.materialized, view.columns.as_slice()),
        (false, ["id", "amount"].map(String::from).as_slice())
    );
    assert_eq!(view.depends_on, [QualifiedName::new("public", "invoices")]);
    let totals = &catalog.views[&QualifiedName::new("public", "totals")];
    assert!(totals.materialized);
    assert_eq!(totals.columns, ["account_id", "total"]);

    let owners: Vec<(String, Option<String>)> = catalog
        .sequences
        .values()
        .map(|sequence| (sequence.name.clone(), sequence.owned_by.clone()))
        .collect();
    assert_eq!(
        owners,
        [
            ("accounts_id_seq".to_owned(), Some("accounts.id".to_owned())),
            ("invoices_id_seq".to_owned(), Some("invoices.id".to_owned())),
        ]
    );
    // pg_trgm's dozens of functions belong to the extension, not to the migrations.
    let functions: Vec<&str> = catalog.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(functions, ["touch"]);
    assert_eq!(catalog.functions[0].returns.as_deref(), Some("trigger"));
    assert_eq!(catalog.functions[0].language.as_deref(), Some("plpgsql"));
    assert_eq!(catalog.triggers[0].name, "invoices_touch");
    assert_eq!(catalog.triggers[0].function, "touch");

    assert_eq!(only_public.schemas, ["public"]);
    assert!(
        only_public
            .tables
            .keys()
            .all(|name| name.schema == "public")
    );
    assert!(
        only_public
            .sequences
            .keys()
            .all(|name| name.schema == "public")
    );
    // The catalog compares equal to itself through the diff, and the diff sees the filter.
    assert!(diff(&catalog, &catalog).is_empty());
    let differences: Vec<String> = diff(&catalog, &only_public)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        differences.contains(&"table `billing.accounts`: missing".to_owned()),
        "{differences:?}"
    );
}

/// Applies the corpus's up files in `source.json`'s `apply_order` to a fresh database and
/// compares the introspected catalog with `truth.json`, reporting every mismatch at once.
async fn introspection_matches_truth(corpus: &str, setup: Option<&'static str>) {
    let corpus_dir = corpora_dir().join(corpus);
    let source = read_json(&corpus_dir.join("source.json"));
    let truth = read_json(&corpus_dir.join("truth.json"));
    let files: Vec<PathBuf> = source["apply_order"]
        .as_array()
        .expect("source.json has an `apply_order` list")
        .iter()
        .map(|path| corpus_dir.join("migrations").join(text(path)))
        .collect();

    let Some(database) = TestDatabase::create().await else {
        return;
    };
    let mut conn = database.connect().await;
    if let Some(setup) = setup {
        sqlx::raw_sql(setup)
            .execute(&mut conn)
            .await
            .expect("setup statement runs");
    }
    if let Err(error) = apply_sql_files(&mut conn, &files).await {
        panic!("{corpus}: migrations failed to apply: {error}");
    }
    let catalog = introspect_postgres(&mut conn, &[])
        .await
        .unwrap_or_else(|error| panic!("{corpus}: introspection failed: {error}"));
    drop(conn);
    database.close().await;

    let mismatches = compare_with_truth(&catalog, &truth);
    assert!(
        mismatches.is_empty(),
        "{corpus}: the introspected catalog differs from truth.json in {} places:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

fn corpora_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    assert!(
        dir.is_dir(),
        "the corpora are expected at {} (shared/ beside the workspace)",
        dir.display()
    );
    dir
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("{} is not JSON: {error}", path.display()))
}

/// Every way `catalog` differs from the truth, one line each.
fn compare_with_truth(catalog: &Catalog, truth: &Value) -> Vec<String> {
    let mut mismatches = Mismatches::default();
    mismatches.check("schemas", texts(&truth["schemas"]), catalog.schemas.clone());
    mismatches.check(
        "extensions",
        sorted(list(&truth["extensions"]).map(|extension| text(&extension["name"]))),
        sorted(catalog.extensions.iter().cloned()),
    );

    let truth_tables: Vec<&Value> = list(&truth["tables"])
        .filter(|table| !MIGRATION_TOOL_TABLES.contains(&text(&table["name"]).as_str()))
        .collect();
    mismatches.check(
        "tables",
        sorted(truth_tables.iter().map(|table| qualified(table))),
        sorted(
            catalog
                .tables
                .values()
                .filter(|table| !MIGRATION_TOOL_TABLES.contains(&table.name.as_str()))
                .map(|table| table.qualified().display()),
        ),
    );
    for truth_table in truth_tables {
        let name = qualified(truth_table);
        if let Some(table) = catalog
            .tables
            .values()
            .find(|t| t.qualified().display() == name)
        {
            compare_table(&name, table, truth_table, &mut mismatches);
        }
    }

    mismatches.check(
        "enums",
        sorted(
            list(&truth["enums"])
                .map(|item| format!("{} {:?}", qualified(item), texts(&item["labels"]))),
        ),
        sorted(catalog.enums.values().map(|item| {
            let name = format!("{}.{}", item.schema, item.name);
            format!("{} {:?}", short(&name), item.values)
        })),
    );
    mismatches.check(
        "other types",
        sorted(list(&truth["other_types"]).map(qualified)),
        sorted(catalog.other_types.keys().map(|name| name.display())),
    );
    mismatches.check(
        "views",
        sorted(list(&truth["views"]).map(qualified)),
        sorted(
            catalog
                .views
                .values()
                .map(|view| short(&format!("{}.{}", view.schema, view.name))),
        ),
    );
    mismatches.check(
        "sequences",
        sorted(list(&truth["sequences"]).map(|sequence| {
            format!(
                "{} owned by {}",
                qualified(sequence),
                optional_text(&sequence["owned_by"])
            )
        })),
        sorted(catalog.sequences.values().map(|sequence| {
            let name = short(&format!("{}.{}", sequence.schema, sequence.name));
            let owner = sequence
                .owned_by
                .clone()
                .unwrap_or_else(|| "null".to_owned());
            format!("{name} owned by {owner}")
        })),
    );
    mismatches.check(
        "functions",
        sorted(
            list(&truth["functions"])
                .map(|function| format!("{}({})", qualified(function), text(&function["args"]))),
        ),
        sorted(catalog.functions.iter().map(|function| {
            let name = short(&format!("{}.{}", function.schema, function.name));
            format!("{name}({})", function.args)
        })),
    );
    mismatches.check(
        "function languages",
        sorted(
            list(&truth["functions"])
                .map(|function| format!("{} {}", qualified(function), text(&function["language"]))),
        ),
        sorted(catalog.functions.iter().map(|function| {
            let name = short(&format!("{}.{}", function.schema, function.name));
            format!("{name} {}", function.language.clone().unwrap_or_default())
        })),
    );
    mismatches.check(
        "triggers",
        sorted(
            list(&truth["triggers"]).map(|trigger| {
                format!("{} on {}", text(&trigger["name"]), text(&trigger["table"]))
            }),
        ),
        sorted(
            catalog
                .triggers
                .iter()
                .map(|trigger| format!("{} on {}", trigger.name, trigger.table)),
        ),
    );
    mismatches.0
}

fn compare_table(name: &str, table: &Table, truth: &Value, mismatches: &mut Mismatches) {
    let identity_words = |code: String| match code.as_str() {
        "a" => "always".to_owned(),
        "d" => "by default".to_owned(),
        _ => code,
    };
    mismatches.check(
        &format!("{name} columns"),
        list(&truth["columns"])
            .map(|column| {
                format!(
                    "{} {} not_null={} default={} identity={} generated={}",
                    text(&column["name"]),
                    text(&column["type"]),
                    column["not_null"].as_bool().unwrap_or(false),
                    optional_text(&column["default"]),
                    column["identity"]
                        .as_str()
                        .map_or_else(|| "null".to_owned(), |code| identity_words(code.to_owned())),
                    optional_text(&column["generated"]),
                )
            })
            .collect(),
        table
            .columns
            .iter()
            .map(|column| {
                format!(
                    "{} {} not_null={} default={} identity={} generated={}",
                    column.name,
                    column.data_type,
                    column.not_null,
                    column.default.as_deref().unwrap_or("null"),
                    column.identity.as_deref().unwrap_or("null"),
                    column.generated.as_deref().unwrap_or("null"),
                )
            })
            .collect(),
    );
    mismatches.check(
        &format!("{name} primary key"),
        vec![key_text(&truth["primary_key"])],
        vec![table.primary_key.as_ref().map_or_else(
            || "null".to_owned(),
            |key| format!("{} {:?}", key.name, key.columns),
        )],
    );
    mismatches.check(
        &format!("{name} unique constraints"),
        sorted(list(&truth["unique"]).map(key_text)),
        sorted(
            table
                .unique
                .iter()
                .map(|key| format!("{} {:?}", key.name, key.columns)),
        ),
    );
    let truth_foreign_keys = list(&truth["foreign_keys"]).count();
    if truth_foreign_keys != table.foreign_keys.len() {
        mismatches.0.push(format!(
            "{name}: {} foreign keys, truth has {truth_foreign_keys}",
            table.foreign_keys.len()
        ));
    }
    mismatches.check(
        &format!("{name} foreign keys"),
        sorted(list(&truth["foreign_keys"]).map(|key| {
            format!(
                "{} {:?} -> {}.{} {:?} on delete {} on update {}",
                text(&key["name"]),
                texts(&key["columns"]),
                text(&key["ref_schema"]),
                text(&key["ref_table"]),
                texts(&key["ref_columns"]),
                action_words(&text(&key["on_delete"])),
                action_words(&text(&key["on_update"])),
            )
        })),
        sorted(table.foreign_keys.iter().map(|key| {
            format!(
                "{} {:?} -> {}.{} {:?} on delete {} on update {}",
                key.name,
                key.columns,
                key.ref_schema,
                key.ref_table,
                key.ref_columns,
                key.on_delete,
                key.on_update,
            )
        })),
    );
    mismatches.check(
        &format!("{name} checks"),
        sorted(
            list(&truth["checks"])
                .map(|check| format!("{} {}", text(&check["name"]), text(&check["definition"]))),
        ),
        sorted(
            table
                .checks
                .iter()
                .map(|check| format!("{} {}", check.name, check.expression)),
        ),
    );
    mismatches.check(
        &format!("{name} indexes"),
        list(&truth["indexes"])
            .map(|index| {
                // The truth leaves an expression key's text out (`null`); so do we here.
                let columns: Vec<String> = list(&index["columns"])
                    .map(|column| column.as_str().unwrap_or("<expression>").to_owned())
                    .collect();
                format!(
                    "{} {:?} unique={} primary={} method={} predicate={} expressions={} \
                     constraint={}",
                    text(&index["name"]),
                    columns,
                    index["unique"].as_bool().unwrap_or(false),
                    index["primary"].as_bool().unwrap_or(false),
                    text(&index["method"]),
                    optional_text(&index["predicate"]),
                    index["has_expressions"].as_bool().unwrap_or(false),
                    optional_text(&index["constraint"]),
                )
            })
            .collect(),
        table
            .indexes
            .iter()
            .map(|index| {
                let columns: Vec<String> = index
                    .columns
                    .iter()
                    .map(|column| {
                        if is_plain_column(table, column) {
                            column.clone()
                        } else {
                            "<expression>".to_owned()
                        }
                    })
                    .collect();
                format!(
                    "{} {:?} unique={} primary={} method={} predicate={} expressions={} \
                     constraint={}",
                    index.name,
                    columns,
                    index.unique,
                    index.primary,
                    index.method,
                    index.predicate.as_deref().unwrap_or("null"),
                    index.has_expressions,
                    index.constraint.as_deref().unwrap_or("null"),
                )
            })
            .collect(),
    );
}

/// Collects mismatches as "what: only in truth [...]; only introspected [...]" lines.
#[derive(Default)]
struct Mismatches(Vec<String>);

impl Mismatches {
    fn check(&mut self, what: &str, truth: Vec<String>, introspected: Vec<String>) {
        if truth == introspected {
            return;
        }
        let only_truth: Vec<&String> = truth.iter().filter(|x| !introspected.contains(x)).collect();
        let only_ours: Vec<&String> = introspected.iter().filter(|x| !truth.contains(x)).collect();
        if only_truth.is_empty() && only_ours.is_empty() {
            self.0.push(format!(
                "{what}: same items in another order: truth {truth:?}, introspected {introspected:?}"
            ));
        } else {
            self.0.push(format!(
                "{what}: only in truth {only_truth:?}; only introspected {only_ours:?}"
            ));
        }
    }
}

fn is_plain_column(table: &Table, key: &str) -> bool {
    table.columns.iter().any(|column| column.name == key)
}

fn list(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

fn optional_text(value: &Value) -> String {
    value.as_str().unwrap_or("null").to_owned()
}

fn texts(value: &Value) -> Vec<String> {
    list(value).map(text).collect()
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut items: Vec<String> = items.collect();
    items.sort();
    items
}

/// `name` in `public`, `schema.name` elsewhere, like `QualifiedName::display`.
fn short(qualified_name: &str) -> String {
    qualified_name
        .strip_prefix("public.")
        .unwrap_or(qualified_name)
        .to_owned()
}

fn qualified(object: &Value) -> String {
    short(&format!(
        "{}.{}",
        text(&object["schema"]),
        text(&object["name"])
    ))
}

fn key_text(key: &Value) -> String {
    if key.is_null() {
        return "null".to_owned();
    }
    format!("{} {:?}", text(&key["name"]), texts(&key["columns"]))
}

/// `pg_constraint`'s action codes, which the truth keeps, in our model's words.
fn action_words(code: &str) -> &'static str {
    match code {
        "a" => "no action",
        "r" => "restrict",
        "c" => "cascade",
        "n" => "set null",
        "d" => "set default",
        _ => "unknown action",
    }
}
