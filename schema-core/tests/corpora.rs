//! Real histories (`../shared/corpora`): the folded catalog matches what PostgreSQL itself
//! reported after applying them (`truth.json`), and the analyzer reports no error on them.
//!
//! The scoring mirrors `score.py`: columns by name, type and nullability; primary keys by
//! columns; foreign keys by columns, target and ON DELETE; indexes by name, uniqueness and
//! columns. Goal: columns >= 99%, keys >= 97%.

use schema_core::{Config, analyze_dir};
use serde_json::Value;
use std::path::PathBuf;

fn corpora_root() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora");
    if root.is_dir() {
        return Some(root);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must have the shared corpora at {}",
        root.display()
    );
    eprintln!("SKIPPED: no shared corpora at {}", root.display());
    None
}

#[derive(Debug, Default)]
struct Score {
    columns: (usize, usize),
    keys: (usize, usize),
    problems: Vec<String>,
}

fn percent((ok, total): (usize, usize)) -> f64 {
    if total == 0 {
        100.0
    } else {
        100.0 * ok as f64 / total as f64
    }
}

fn score(truth: &Value, candidate: &Value) -> Score {
    let mut score = Score::default();
    let key = |t: &Value| {
        (
            t["schema"].as_str().unwrap_or("public").to_string(),
            t["name"].as_str().unwrap_or("").to_string(),
        )
    };
    let candidates: Vec<&Value> = candidate["tables"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    for table in truth["tables"].as_array().into_iter().flatten() {
        let kind = table["kind"].as_str().unwrap_or("table");
        let (schema, name) = key(table);
        if !matches!(kind, "table" | "partitioned table")
            || ["_sqlx", "__diesel", "schema_migrations"]
                .iter()
                .any(|p| name.starts_with(p))
        {
            continue;
        }
        let found = candidates
            .iter()
            .find(|c| key(c) == (schema.clone(), name.clone()));
        let empty = Value::Null;
        let found = found.copied().unwrap_or(&empty);
        for column in table["columns"].as_array().into_iter().flatten() {
            score.columns.1 += 1;
            let candidate_column = found["columns"]
                .as_array()
                .into_iter()
                .flatten()
                .find(|c| c["name"] == column["name"]);
            match candidate_column {
                Some(c)
                    if c["type"].as_str().map(str::to_lowercase)
                        == column["type"].as_str().map(str::to_lowercase)
                        && c["not_null"].as_bool() == column["not_null"].as_bool() =>
                {
                    score.columns.0 += 1
                }
                other => score.problems.push(format!(
                    "{name}.{}: {:?} vs {} {}",
                    column["name"],
                    other.map(|c| (&c["type"], &c["not_null"])),
                    column["type"],
                    column["not_null"]
                )),
            }
        }
        if let Some(pk) = table["primary_key"].as_object() {
            score.keys.1 += 1;
            if found["primary_key"]["columns"] == pk["columns"] {
                score.keys.0 += 1;
            } else {
                score.problems.push(format!(
                    "{name}: primary key {} vs {}",
                    found["primary_key"], pk["columns"]
                ));
            }
        }
        for fk in table["foreign_keys"].as_array().into_iter().flatten() {
            score.keys.1 += 1;
            let action = |v: &Value| match v.as_str().unwrap_or("a") {
                "a" | "no action" => "no action".to_string(),
                "r" => "restrict".into(),
                "c" => "cascade".into(),
                "n" => "set null".into(),
                "d" => "set default".into(),
                other => other.to_lowercase(),
            };
            let matched = found["foreign_keys"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|c| {
                    c["columns"] == fk["columns"]
                        && c["ref_table"] == fk["ref_table"]
                        && c["ref_columns"] == fk["ref_columns"]
                        && action(&c["on_delete"]) == action(&fk["on_delete"])
                });
            if matched {
                score.keys.0 += 1;
            } else {
                score.problems.push(format!(
                    "{name}: foreign key {} -> {}",
                    fk["columns"], fk["ref_table"]
                ));
            }
        }
        for index in table["indexes"].as_array().into_iter().flatten() {
            if index["primary"].as_bool() == Some(true) {
                continue;
            }
            score.keys.1 += 1;
            let matched = found["indexes"].as_array().into_iter().flatten().any(|c| {
                c["name"] == index["name"]
                    && c["unique"] == index["unique"]
                    && (index["has_expressions"].as_bool() == Some(true)
                        || c["columns"] == index["columns"])
            });
            if matched {
                score.keys.0 += 1;
            } else {
                score
                    .problems
                    .push(format!("{name}: index {}", index["name"]));
            }
        }
    }
    score
}

fn check_corpus(name: &str) {
    let Some(root) = corpora_root() else { return };
    let corpus = root.join(name);
    let analysis =
        analyze_dir(&corpus.join("migrations"), &Config::default()).expect("corpus loads");
    let errors: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| schema_core::render::one_line(&analysis.set, d))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: a known-good history must have no errors:\n{}",
        errors.join("\n")
    );

    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("truth.json")).expect("truth.json"),
    )
    .expect("json");
    let candidate: Value = serde_json::from_str(&analysis.catalog.to_json()).expect("catalog json");
    let score = score(&truth, &candidate);
    let (columns, keys) = (percent(score.columns), percent(score.keys));
    eprintln!(
        "{name}: columns {columns:.1}% ({:?}), keys {keys:.1}% ({:?})",
        score.columns, score.keys
    );
    assert!(
        columns >= 99.0 && keys >= 97.0,
        "{name}: columns {columns:.1}%, keys {keys:.1}%:\n{}",
        score.problems.join("\n")
    );
}

#[test]
fn docs_rs_matches_postgres() {
    check_corpus("docs_rs");
}

#[test]
fn quickwit_matches_postgres() {
    check_corpus("quickwit");
}

#[test]
fn plume_matches_postgres() {
    check_corpus("plume");
}

#[test]
fn harbor_matches_postgres() {
    check_corpus("harbor");
}

/// The run order is numeric, as the projects' own tools apply them (`source.json`).
#[test]
fn run_order_matches_each_projects_tool() {
    let Some(root) = corpora_root() else { return };
    for name in ["docs_rs", "quickwit", "plume", "harbor"] {
        let corpus = root.join(name);
        let source: Value =
            serde_json::from_str(&std::fs::read_to_string(corpus.join("source.json")).unwrap())
                .unwrap();
        let expected: Vec<String> = source["apply_order"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        let set = schema_core::source::load_dir(&corpus.join("migrations"), None).unwrap();
        let order: Vec<String> = set
            .migrations
            .iter()
            .map(|m| set.file(m.up).path.clone())
            .collect();
        assert_eq!(order, expected, "{name}");
    }
}
