//! What differs between two catalogs, one human-readable line per difference.
//!
//! Built to hold the fold against the truth: `expected` is what the migrations should produce
//! (the folded catalog), `actual` what a database reports after running them (`introspect`).
//! Messages describe `actual` and say what was expected: "table `tickets`: column `status`
//! type is `text`, expected `character varying(20)`".
//!
//! Architecture invariant: pure and total; objects are matched by name, and text that the two
//! sides may spell differently (defaults, index expressions) is compared after
//! `normalize_expression`, never byte for byte. Tables of migration tools are not compared.

use crate::catalog::{Catalog, Column, ForeignKey, Index, KeyConstraint, Sequence, Table, Trigger};
use std::collections::BTreeMap;
use std::fmt;

mod normalize;
#[cfg(feature = "sqlite")]
pub mod sqlite;

pub use normalize::normalize_expression;
use normalize::{normalize_function_args, normalize_words};

/// One way in which `actual` is not what was `expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogDifference {
    /// The object the difference is about, as users write it: "table `tickets`".
    pub object: String,
    /// What differs, lower-case, code in backticks: "column `status` missing".
    pub message: String,
}

impl fmt::Display for CatalogDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.object, self.message)
    }
}

/// Every difference between the two catalogs, tables first, in name order.
pub fn diff(expected: &Catalog, actual: &Catalog) -> Vec<CatalogDifference> {
    let mut differences = Differences::default();
    diff_extensions(expected, actual, &mut differences);
    diff_tables(expected, actual, &mut differences);
    diff_enums(expected, actual, &mut differences);
    diff_views(expected, actual, &mut differences);
    diff_sequences(expected, actual, &mut differences);
    diff_functions(expected, actual, &mut differences);
    diff_triggers(expected, actual, &mut differences);
    differences.0
}

/// Bookkeeping tables of sqlx, diesel, golang-migrate and our own runner: a database has them,
/// the migrations never create them.
pub const MIGRATION_TOOL_TABLES: &[&str] = &[
    "_sqlx_migrations",
    "__diesel_schema_migrations",
    "schema_migrations",
    "_schema_migrations",
];

#[derive(Default)]
struct Differences(Vec<CatalogDifference>);

impl Differences {
    fn push(&mut self, object: &str, message: impl Into<String>) {
        self.0.push(CatalogDifference {
            object: object.to_owned(),
            message: message.into(),
        });
    }
}

const MISSING: &str = "missing";
const UNEXPECTED: &str = "exists but is not expected";

/// An object found on both sides, or on one side only (with `MISSING` or `UNEXPECTED`).
enum Pairing<'a, T> {
    OneSide(&'a T, &'static str),
    Both(&'a T, &'a T),
}

/// Pairs the objects of both sides by `key`, in key order.
fn pair_by_key<'a, T, K: Ord>(
    expected: impl IntoIterator<Item = &'a T>,
    actual: impl IntoIterator<Item = &'a T>,
    key: impl Fn(&T) -> K,
) -> Vec<Pairing<'a, T>> {
    let mut sides: BTreeMap<K, (Option<&'a T>, Option<&'a T>)> = BTreeMap::new();
    for item in expected {
        sides.entry(key(item)).or_default().0 = Some(item);
    }
    for item in actual {
        sides.entry(key(item)).or_default().1 = Some(item);
    }
    sides
        .into_values()
        .filter_map(|sides| match sides {
            (Some(expected), Some(actual)) => Some(Pairing::Both(expected, actual)),
            (Some(expected), None) => Some(Pairing::OneSide(expected, MISSING)),
            (None, Some(actual)) => Some(Pairing::OneSide(actual, UNEXPECTED)),
            (None, None) => None,
        })
        .collect()
}

fn diff_extensions(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    for pairing in pair_by_key(&expected.extensions, &actual.extensions, String::clone) {
        if let Pairing::OneSide(name, state) = pairing {
            differences.push(&format!("extension `{name}`"), state);
        }
    }
}

fn compared_tables(catalog: &Catalog) -> impl Iterator<Item = &Table> {
    catalog
        .tables
        .values()
        .filter(|table| !MIGRATION_TOOL_TABLES.contains(&table.name.as_str()))
}

fn diff_tables(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    let pairings = pair_by_key(
        compared_tables(expected),
        compared_tables(actual),
        Table::qualified,
    );
    // Whole tables first, then what differs inside the tables found on both sides.
    for pairing in &pairings {
        if let Pairing::OneSide(table, state) = pairing {
            differences.push(&format!("table `{}`", table.qualified()), *state);
        }
    }
    for pairing in pairings {
        if let Pairing::Both(expected, actual) = pairing {
            let object = format!("table `{}`", expected.qualified());
            diff_columns(&object, expected, actual, differences);
            diff_primary_key(&object, expected, actual, differences);
            diff_unique(&object, expected, actual, differences);
            diff_foreign_keys(&object, expected, actual, differences);
            // Check expressions are spelled too differently to compare; names are not.
            for pairing in pair_by_key(&expected.checks, &actual.checks, |check| check.name.clone())
            {
                if let Pairing::OneSide(check, state) = pairing {
                    differences.push(&object, format!("check `{}` {state}", check.name));
                }
            }
            diff_indexes(&object, expected, actual, differences);
        }
    }
}

fn diff_columns(object: &str, expected: &Table, actual: &Table, differences: &mut Differences) {
    for pairing in pair_by_key(&expected.columns, &actual.columns, |column| {
        column.name.clone()
    }) {
        match pairing {
            Pairing::OneSide(column, state) => {
                differences.push(object, format!("column `{}` {state}", column.name));
            }
            Pairing::Both(expected, actual) => diff_column(object, expected, actual, differences),
        }
    }
}

fn diff_column(object: &str, expected: &Column, actual: &Column, differences: &mut Differences) {
    let name = &expected.name;
    if normalize_words(&expected.data_type) != normalize_words(&actual.data_type) {
        differences.push(
            object,
            format!(
                "column `{name}` type is `{}`, expected `{}`",
                actual.data_type, expected.data_type
            ),
        );
    }
    if expected.not_null != actual.not_null {
        let nullability = |not_null: bool| if not_null { "not null" } else { "nullable" };
        differences.push(
            object,
            format!(
                "column `{name}` is {}, expected {}",
                nullability(actual.not_null),
                nullability(expected.not_null)
            ),
        );
    }
    let normalized = |text: &Option<String>| text.as_deref().map(normalize_expression);
    if normalized(&expected.default) != normalized(&actual.default) {
        differences.push(
            object,
            format!(
                "column `{name}` default is {}, expected {}",
                code_or(&actual.default, "none"),
                code_or(&expected.default, "none")
            ),
        );
    }
    if expected.identity != actual.identity {
        differences.push(
            object,
            format!(
                "column `{name}` identity is {}, expected {}",
                code_or(&actual.identity, "none"),
                code_or(&expected.identity, "none")
            ),
        );
    }
    if expected.generated.is_some() != actual.generated.is_some() {
        let generated = |column: &Column| match column.generated {
            Some(_) => "generated",
            None => "not generated",
        };
        differences.push(
            object,
            format!(
                "column `{name}` is {}, expected {}",
                generated(actual),
                generated(expected)
            ),
        );
    }
}

fn diff_primary_key(object: &str, expected: &Table, actual: &Table, differences: &mut Differences) {
    match (&expected.primary_key, &actual.primary_key) {
        (Some(wanted), None) => {
            differences.push(
                object,
                format!("primary key {} {MISSING}", key_text(wanted)),
            );
        }
        (None, Some(found)) => {
            differences.push(
                object,
                format!("primary key {} {UNEXPECTED}", key_text(found)),
            );
        }
        (Some(wanted), Some(found)) if wanted != found => {
            differences.push(
                object,
                format!(
                    "primary key is {}, expected {}",
                    key_text(found),
                    key_text(wanted)
                ),
            );
        }
        _ => {}
    }
}

fn diff_unique(object: &str, expected: &Table, actual: &Table, differences: &mut Differences) {
    for pairing in pair_by_key(&expected.unique, &actual.unique, |key| key.name.clone()) {
        match pairing {
            Pairing::OneSide(key, state) => {
                differences.push(
                    object,
                    format!("unique constraint {} {state}", key_text(key)),
                );
            }
            Pairing::Both(wanted, found) if wanted.columns != found.columns => {
                differences.push(
                    object,
                    format!(
                        "unique constraint `{}` columns are {}, expected {}",
                        wanted.name,
                        column_list(&found.columns),
                        column_list(&wanted.columns)
                    ),
                );
            }
            Pairing::Both(..) => {}
        }
    }
}

fn diff_foreign_keys(
    object: &str,
    expected: &Table,
    actual: &Table,
    differences: &mut Differences,
) {
    for pairing in pair_by_key(&expected.foreign_keys, &actual.foreign_keys, |key| {
        key.name.clone()
    }) {
        match pairing {
            Pairing::OneSide(key, state) => {
                differences.push(object, format!("foreign key `{}` {state}", key.name));
            }
            Pairing::Both(wanted, found) => diff_foreign_key(object, wanted, found, differences),
        }
    }
}

fn diff_foreign_key(
    object: &str,
    wanted: &ForeignKey,
    found: &ForeignKey,
    differences: &mut Differences,
) {
    let name = &wanted.name;
    if wanted.columns != found.columns {
        differences.push(
            object,
            format!(
                "foreign key `{name}` columns are {}, expected {}",
                column_list(&found.columns),
                column_list(&wanted.columns)
            ),
        );
    }
    if reference_text(wanted) != reference_text(found) {
        differences.push(
            object,
            format!(
                "foreign key `{name}` references {}, expected {}",
                reference_text(found),
                reference_text(wanted)
            ),
        );
    }
    for (action, wanted_rule, found_rule) in [
        ("on delete", &wanted.on_delete, &found.on_delete),
        ("on update", &wanted.on_update, &found.on_update),
    ] {
        if normalize_words(wanted_rule) != normalize_words(found_rule) {
            differences.push(
                object,
                format!(
                    "foreign key `{name}` {action} is `{found_rule}`, expected `{wanted_rule}`"
                ),
            );
        }
    }
}

fn diff_indexes(object: &str, expected: &Table, actual: &Table, differences: &mut Differences) {
    for pairing in pair_by_key(&expected.indexes, &actual.indexes, |index| {
        index.name.clone()
    }) {
        match pairing {
            Pairing::OneSide(index, state) => {
                differences.push(object, format!("index `{}` {state}", index.name));
            }
            Pairing::Both(wanted, found) => diff_index(object, wanted, found, differences),
        }
    }
}

fn diff_index(object: &str, wanted: &Index, found: &Index, differences: &mut Differences) {
    let name = &wanted.name;
    if wanted.unique != found.unique {
        let uniqueness = |unique: bool| if unique { "unique" } else { "not unique" };
        differences.push(
            object,
            format!(
                "index `{name}` is {}, expected {}",
                uniqueness(found.unique),
                uniqueness(wanted.unique)
            ),
        );
    }
    let normalized_columns = |index: &Index| -> Vec<String> {
        index
            .columns
            .iter()
            .map(|column| normalize_expression(column))
            .collect()
    };
    if normalized_columns(wanted) != normalized_columns(found) {
        differences.push(
            object,
            format!(
                "index `{name}` columns are {}, expected {}",
                column_list(&found.columns),
                column_list(&wanted.columns)
            ),
        );
    }
    match (&wanted.predicate, &found.predicate) {
        (Some(predicate), None) => differences.push(
            object,
            format!("index `{name}` has no predicate, expected `WHERE {predicate}`"),
        ),
        (None, Some(predicate)) => differences.push(
            object,
            format!("index `{name}` has predicate `WHERE {predicate}`, expected none"),
        ),
        _ => {}
    }
}

fn diff_enums(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    for pairing in pair_by_key(expected.enums.values(), actual.enums.values(), |item| {
        (item.schema.clone(), item.name.clone())
    }) {
        match pairing {
            Pairing::OneSide(item, state) => {
                let object = format!("enum `{}`", display_name(&item.schema, &item.name));
                differences.push(&object, state);
            }
            Pairing::Both(wanted, found) if wanted.values != found.values => {
                let object = format!("enum `{}`", display_name(&wanted.schema, &wanted.name));
                differences.push(
                    &object,
                    format!(
                        "values are {}, expected {}",
                        value_list(&found.values),
                        value_list(&wanted.values)
                    ),
                );
            }
            Pairing::Both(..) => {}
        }
    }
}

fn diff_views(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    let kind = |materialized: bool| {
        if materialized {
            "materialized view"
        } else {
            "view"
        }
    };
    for pairing in pair_by_key(expected.views.values(), actual.views.values(), |view| {
        (view.schema.clone(), view.name.clone())
    }) {
        match pairing {
            Pairing::OneSide(view, state) => {
                let name = display_name(&view.schema, &view.name);
                differences.push(&format!("{} `{name}`", kind(view.materialized)), state);
            }
            Pairing::Both(wanted, found) if wanted.materialized != found.materialized => {
                let object = format!("view `{}`", display_name(&wanted.schema, &wanted.name));
                differences.push(
                    &object,
                    format!(
                        "is a {}, expected a {}",
                        kind(found.materialized),
                        kind(wanted.materialized)
                    ),
                );
            }
            Pairing::Both(..) => {}
        }
    }
}

/// A sequence owned by a migration tool's table is that tool's business too.
fn compared_sequences(catalog: &Catalog) -> impl Iterator<Item = &Sequence> {
    let owned_by_tool = |owner: &str| {
        let table = owner.rsplit_once('.').map_or(owner, |(table, _)| table);
        MIGRATION_TOOL_TABLES.contains(&table)
    };
    catalog
        .sequences
        .values()
        .filter(move |sequence| !sequence.owned_by.as_deref().is_some_and(owned_by_tool))
}

fn diff_sequences(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    for pairing in pair_by_key(
        compared_sequences(expected),
        compared_sequences(actual),
        |sequence| (sequence.schema.clone(), sequence.name.clone()),
    ) {
        match pairing {
            Pairing::OneSide(sequence, state) => {
                let name = display_name(&sequence.schema, &sequence.name);
                differences.push(&format!("sequence `{name}`"), state);
            }
            Pairing::Both(wanted, found) if wanted.owned_by != found.owned_by => {
                let name = display_name(&wanted.schema, &wanted.name);
                differences.push(
                    &format!("sequence `{name}`"),
                    format!(
                        "owned by {}, expected {}",
                        code_or(&found.owned_by, "nothing"),
                        code_or(&wanted.owned_by, "nothing")
                    ),
                );
            }
            Pairing::Both(..) => {}
        }
    }
}

fn diff_functions(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    for pairing in pair_by_key(&expected.functions, &actual.functions, |function| {
        (
            function.schema.clone(),
            function.name.clone(),
            normalize_function_args(&function.args),
        )
    }) {
        if let Pairing::OneSide(function, state) = pairing {
            let name = display_name(&function.schema, &function.name);
            differences.push(&format!("function `{name}({})`", function.args), state);
        }
    }
}

fn compared_triggers(catalog: &Catalog) -> impl Iterator<Item = &Trigger> {
    catalog
        .triggers
        .iter()
        .filter(|trigger| !MIGRATION_TOOL_TABLES.contains(&trigger.table.as_str()))
}

fn diff_triggers(expected: &Catalog, actual: &Catalog, differences: &mut Differences) {
    for pairing in pair_by_key(
        compared_triggers(expected),
        compared_triggers(actual),
        |trigger| {
            (
                trigger.schema.clone(),
                trigger.table.clone(),
                trigger.name.clone(),
            )
        },
    ) {
        if let Pairing::OneSide(trigger, state) = pairing {
            let table = display_name(&trigger.schema, &trigger.table);
            differences.push(&format!("trigger `{}` on `{table}`", trigger.name), state);
        }
    }
}

/// `name` in `public`, `schema.name` elsewhere, as `QualifiedName::display` writes it.
fn display_name(schema: &str, name: &str) -> String {
    if schema == "public" {
        name.to_owned()
    } else {
        format!("{schema}.{name}")
    }
}

fn code_or(text: &Option<String>, absent: &str) -> String {
    text.as_ref()
        .map_or_else(|| absent.to_owned(), |text| format!("`{text}`"))
}

fn key_text(key: &KeyConstraint) -> String {
    format!("`{}` {}", key.name, column_list(&key.columns))
}

fn reference_text(key: &ForeignKey) -> String {
    format!(
        "`{}` {}",
        display_name(&key.ref_schema, &key.ref_table),
        column_list(&key.ref_columns)
    )
}

fn column_list(columns: &[String]) -> String {
    format!("({})", columns.join(", "))
}

fn value_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|value| format!("'{value}'")).collect();
    format!("({})", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Check, EnumType, Function, QualifiedName, Sequence, Site, Trigger, View};

    fn column(name: &str, data_type: &str, not_null: bool, default: Option<&str>) -> Column {
        Column {
            name: name.to_owned(),
            data_type: data_type.to_owned(),
            not_null,
            default: default.map(str::to_owned),
            identity: None,
            generated: None,
            comment: None,
            added: Site::default(),
        }
    }

    fn index(name: &str, columns: &[&str], unique: bool, predicate: Option<&str>) -> Index {
        Index {
            name: name.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            unique,
            primary: false,
            method: "btree".to_owned(),
            predicate: predicate.map(str::to_owned),
            has_expressions: false,
            constraint: None,
            created: Site::default(),
        }
    }

    fn table(name: &str, columns: Vec<Column>) -> Table {
        let mut table = Table::new(&QualifiedName::new("public", name), Site::default());
        table.columns = columns;
        table
    }

    fn catalog(tables: Vec<Table>) -> Catalog {
        let mut catalog = Catalog::default();
        for table in tables {
            catalog.tables.insert(table.qualified(), table);
        }
        catalog
    }

    fn lines(expected: &Catalog, actual: &Catalog) -> Vec<String> {
        diff(expected, actual)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    fn tickets() -> Table {
        let mut tickets = table(
            "tickets",
            vec![
                column(
                    "id",
                    "bigint",
                    true,
                    Some("nextval('tickets_id_seq'::regclass)"),
                ),
                column(
                    "status",
                    "character varying(20)",
                    true,
                    Some("'open'::character varying"),
                ),
            ],
        );
        tickets.primary_key = Some(KeyConstraint {
            name: "tickets_pkey".to_owned(),
            columns: vec!["id".to_owned()],
        });
        tickets
            .indexes
            .push(index("tickets_pkey", &["id"], true, None));
        tickets
    }

    #[test]
    fn identical_catalogs_have_no_difference() {
        let expected = catalog(vec![tickets()]);
        assert_eq!(lines(&expected, &expected.clone()), Vec::<String>::new());
    }

    #[test]
    fn column_type_difference_names_both_types() {
        let expected = catalog(vec![tickets()]);
        let mut changed = tickets();
        changed.columns[1].data_type = "text".to_owned();
        assert_eq!(
            lines(&expected, &catalog(vec![changed])),
            ["table `tickets`: column `status` type is `text`, expected `character varying(20)`"]
        );
    }

    #[test]
    fn column_order_does_not_matter() {
        let expected = catalog(vec![tickets()]);
        let mut reordered = tickets();
        reordered.columns.reverse();
        assert!(diff(&expected, &catalog(vec![reordered])).is_empty());
    }

    #[test]
    fn missing_and_unexpected_objects_are_reported() {
        let expected = catalog(vec![tickets(), table("x", vec![])]);
        let mut actual_tickets = tickets();
        actual_tickets
            .indexes
            .push(index("tickets_status_idx", &["status"], false, None));
        actual_tickets.columns.pop();
        let actual = catalog(vec![actual_tickets, table("y", vec![])]);
        assert_eq!(
            lines(&expected, &actual),
            [
                "table `x`: missing",
                "table `y`: exists but is not expected",
                "table `tickets`: column `status` missing",
                "table `tickets`: index `tickets_status_idx` exists but is not expected",
            ]
        );
    }

    #[test]
    fn defaults_compare_without_casts_case_or_grouping() {
        let expected = catalog(vec![table(
            "t",
            vec![
                column("a", "text", false, Some("'x'")),
                column("b", "integer", false, Some("-1")),
                column("c", "timestamp", false, Some("now() AT TIME ZONE 'utc'")),
                column("d", "integer", false, Some("1")),
            ],
        )]);
        let actual = catalog(vec![table(
            "t",
            vec![
                column("a", "text", false, Some("'x'::text")),
                column("b", "integer", false, Some("'-1'::integer")),
                column(
                    "c",
                    "timestamp",
                    false,
                    Some("(now() at time zone 'utc'::text)"),
                ),
                column("d", "integer", false, Some("2")),
            ],
        )]);
        assert_eq!(
            lines(&expected, &actual),
            ["table `t`: column `d` default is `2`, expected `1`"]
        );
    }

    #[test]
    fn nullability_and_key_differences_read_as_sentences() {
        let mut expected_table = tickets();
        expected_table.foreign_keys.push(ForeignKey {
            name: "tickets_owner_fkey".to_owned(),
            columns: vec!["owner".to_owned()],
            ref_schema: "public".to_owned(),
            ref_table: "users".to_owned(),
            ref_columns: vec!["id".to_owned()],
            on_delete: "cascade".to_owned(),
            on_update: "no action".to_owned(),
            added: Site::default(),
        });
        let mut actual_table = expected_table.clone();
        actual_table.columns[1].not_null = false;
        actual_table.primary_key = None;
        actual_table.foreign_keys[0].on_delete = "no action".to_owned();
        assert_eq!(
            lines(&catalog(vec![expected_table]), &catalog(vec![actual_table])),
            [
                "table `tickets`: column `status` is nullable, expected not null",
                "table `tickets`: primary key `tickets_pkey` (id) missing",
                "table `tickets`: foreign key `tickets_owner_fkey` on delete is `no action`, \
                 expected `cascade`",
            ]
        );
    }

    #[test]
    fn checks_compare_by_name_only() {
        let mut expected_table = tickets();
        expected_table.checks.push(Check {
            name: "tickets_status_check".to_owned(),
            expression: "status IN ('open', 'closed')".to_owned(),
        });
        let mut actual_table = tickets();
        actual_table.checks.push(Check {
            name: "tickets_status_check".to_owned(),
            expression: "CHECK (((status)::text = ANY (ARRAY['open'::text])))".to_owned(),
        });
        actual_table.checks.push(Check {
            name: "tickets_id_check".to_owned(),
            expression: "CHECK ((id > 0))".to_owned(),
        });
        assert_eq!(
            lines(&catalog(vec![expected_table]), &catalog(vec![actual_table])),
            ["table `tickets`: check `tickets_id_check` exists but is not expected"]
        );
    }

    #[test]
    fn index_uniqueness_columns_and_predicate_presence_are_compared() {
        let mut expected_table = tickets();
        expected_table.indexes.push(index(
            "tickets_status_idx",
            &["status"],
            true,
            Some("status = 'open'"),
        ));
        let mut actual_table = tickets();
        actual_table
            .indexes
            .push(index("tickets_status_idx", &["id", "status"], false, None));
        assert_eq!(
            lines(&catalog(vec![expected_table]), &catalog(vec![actual_table])),
            [
                "table `tickets`: index `tickets_status_idx` is not unique, expected unique",
                "table `tickets`: index `tickets_status_idx` columns are (id, status), expected \
                 (status)",
                "table `tickets`: index `tickets_status_idx` has no predicate, expected `WHERE \
                 status = 'open'`",
            ]
        );
    }

    #[test]
    fn migration_tool_tables_are_skipped() {
        let actual = catalog(vec![
            table("_sqlx_migrations", vec![]),
            table("__diesel_schema_migrations", vec![]),
            table("schema_migrations", vec![]),
            table("_schema_migrations", vec![]),
        ]);
        assert!(diff(&Catalog::default(), &actual).is_empty());
    }

    #[test]
    fn enums_views_sequences_functions_and_triggers_are_compared() {
        let mut expected = Catalog::default();
        let status = EnumType {
            schema: "public".to_owned(),
            name: "status".to_owned(),
            values: vec!["open".to_owned(), "closed".to_owned()],
        };
        expected
            .enums
            .insert(QualifiedName::new("public", "status"), status.clone());
        let view = View {
            schema: "public".to_owned(),
            name: "open_tickets".to_owned(),
            materialized: false,
            columns: vec![],
            depends_on: vec![],
            created: Site::default(),
        };
        expected
            .views
            .insert(QualifiedName::new("public", "open_tickets"), view.clone());
        let sequence = Sequence {
            schema: "public".to_owned(),
            name: "tickets_id_seq".to_owned(),
            owned_by: Some("tickets.id".to_owned()),
            data_type: "bigint".to_owned(),
        };
        expected.sequences.insert(
            QualifiedName::new("public", "tickets_id_seq"),
            sequence.clone(),
        );
        expected.functions.push(Function {
            schema: "public".to_owned(),
            name: "touch".to_owned(),
            args: "_tbl regclass".to_owned(),
            returns: Some("trigger".to_owned()),
            language: Some("plpgsql".to_owned()),
            body: None,
            created: Site::default(),
        });
        expected.triggers.push(Trigger {
            schema: "public".to_owned(),
            table: "tickets".to_owned(),
            name: "tickets_touch".to_owned(),
            function: "touch".to_owned(),
            created: Site::default(),
        });

        let mut actual = expected.clone();
        actual.enums[0].values.push("archived".to_owned());
        actual.views[0].materialized = true;
        actual.sequences[0].owned_by = None;
        actual.functions[0].args = "_tbl  REGCLASS".to_owned();
        actual.triggers.clear();
        actual.extensions.push("pgcrypto".to_owned());
        assert_eq!(
            lines(&expected, &actual),
            [
                "extension `pgcrypto`: exists but is not expected",
                "enum `status`: values are ('open', 'closed', 'archived'), expected ('open', \
                 'closed')",
                "view `open_tickets`: is a materialized view, expected a view",
                "sequence `tickets_id_seq`: owned by nothing, expected `tickets.id`",
                "trigger `tickets_touch` on `tickets`: missing",
            ]
        );
    }
}
