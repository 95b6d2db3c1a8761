//! Fold parsed statements, in run order, into a `Catalog`, reporting every statement that does
//! not fit the catalog as it stands at that point of the history.
//!
//! One `Folder` walks the whole history. Sub-modules handle one family of statements each; they
//! all report through `Folder::report` and resolve names through `Folder::resolve`.

mod alter_table;
mod create_table;
mod fallback;
pub mod history;
mod objects;
mod references;
mod statement;
mod triggers;

pub(crate) use create_table::index_column_name as index_key_name;
pub(crate) use statement::statement_kind;

use crate::catalog::{Catalog, QualifiedName, Site};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::lint::{Allowed, LintScope, Linter};
use crate::names;
use crate::parse::{self, Parsed};
use crate::source::MigrationSet;
use crate::split;
use sqlparser::ast::ObjectName;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

/// One statement of the history, located.
#[derive(Debug, Clone)]
pub struct StatementRecord {
    /// Index into `MigrationSet::migrations`.
    pub migration: usize,
    pub file: usize,
    /// Byte range in the file.
    pub range: Range<usize>,
    /// The comments and white space before the statement (for `-- schema:allow(...)`).
    pub leading: Range<usize>,
    pub parsed: Parsed,
}

/// Where one statement is, before it is parsed.
#[derive(Debug, Clone)]
pub struct Location {
    pub migration: usize,
    pub file: usize,
    pub range: Range<usize>,
    pub leading: Range<usize>,
    /// An unterminated literal runs through it (already reported; not parsed).
    pub unterminated: bool,
}

/// Splits every up migration into located statements, in run order, reporting unterminated
/// literals. Cheap: nothing is parsed yet.
pub fn locate(set: &MigrationSet) -> (Vec<Location>, Vec<Diagnostic>) {
    let mut locations = Vec::new();
    let mut diagnostics = Vec::new();
    for (migration_index, migration) in set.migrations.iter().enumerate() {
        let file = migration.up;
        let text = &set.files[file].text;
        let (raw, problems) = split::split(text);
        let unterminated: Vec<usize> = problems.iter().map(|p| p.offset).collect();
        for problem in problems {
            diagnostics.push(
                Diagnostic::error(
                    "unterminated-literal",
                    format!("{} runs to the end of the file", problem.what),
                )
                .at(
                    file,
                    problem.offset..problem.offset + 1,
                    "starts here and never ends",
                )
                .help("close it; PostgreSQL rejects this file"),
            );
        }
        for statement in raw {
            locations.push(Location {
                migration: migration_index,
                file,
                unterminated: unterminated.iter().any(|at| statement.range.contains(at)),
                range: statement.range,
                leading: statement.leading,
            });
        }
    }
    (locations, diagnostics)
}

/// Parses one located statement. A statement cut short by an unterminated literal is already
/// an error; parsing it would only add a second finding for the same problem.
pub fn parse_located(set: &MigrationSet, config: &Config, location: &Location) -> Parsed {
    if location.unterminated {
        return Parsed::Opaque {
            offset: None,
            reason: UNTERMINATED.to_string(),
        };
    }
    parse::parse_statement(
        &set.files[location.file].text[location.range.clone()],
        config.dialect,
    )
}

/// Splits and parses every up migration, in run order (for tools that want every statement
/// at once; the analysis itself parses one statement at a time, see `fold_streaming`).
pub fn statements(set: &MigrationSet, config: &Config) -> (Vec<StatementRecord>, Vec<Diagnostic>) {
    let (locations, diagnostics) = locate(set);
    let records = locations
        .into_iter()
        .map(|location| StatementRecord {
            parsed: parse_located(set, config, &location),
            migration: location.migration,
            file: location.file,
            range: location.range,
            leading: location.leading,
        })
        .collect();
    (records, diagnostics)
}

/// The reason given to statements that an unterminated literal runs through.
pub(crate) const UNTERMINATED: &str = "an unterminated literal runs through it";

/// Tables of migration tools: known to exist without configuration.
const TOOL_TABLES: &[&str] = &[
    "_sqlx_migrations",
    "__diesel_schema_migrations",
    "schema_migrations",
    "flyway_schema_history",
    "refinery_schema_history",
    "_schema_migrations",
];

pub struct Folder<'a> {
    pub(crate) set: &'a MigrationSet,
    pub(crate) catalog: Catalog,
    pub(crate) diagnostics: Vec<Diagnostic>,
    search_path: Vec<String>,
    /// Where the statement being folded is.
    pub(crate) site: Site,
    pub(crate) migration: usize,
    /// Tables each later statement creates, by name: the first creation site.
    future_tables: HashMap<QualifiedName, (usize, Site)>,
    /// The same, by statement index.
    future_by_statement: HashMap<usize, QualifiedName>,
    /// Tables that may hold a foreign key to a table (stale entries are harmless: users check
    /// the keys themselves), so that a rename or drop does not scan every table.
    pub(crate) referenced_by: HashMap<QualifiedName, std::collections::BTreeSet<QualifiedName>>,
    /// Hints that only ever over-approximate, so that the common case ("there is none") skips a
    /// scan of every trigger, view or function: tables that may have triggers, views that may
    /// read a table, functions that may exist by name.
    pub(crate) tables_with_triggers: HashSet<QualifiedName>,
    pub(crate) views_reading: HashMap<QualifiedName, Vec<QualifiedName>>,
    pub(crate) function_names: HashSet<QualifiedName>,
    /// Where each function is in `catalog.functions`, by name (exact: updated on every push,
    /// rebuilt after a removal), so that a trigger finds its function without a scan.
    pub(crate) function_positions: HashMap<QualifiedName, Vec<usize>>,
    /// The catalog's triggers until `finish` (see `triggers.rs`).
    pub(crate) triggers: triggers::Triggers,
    /// Tables that may be partitions or children of a table, by the parent's name as they
    /// recorded it (stale entries are harmless: users check `partition_of` and `inherits`), so
    /// that `ADD COLUMN` and `CREATE INDEX` do not scan every table. Kept by `note_parent`.
    pub(crate) children_by_parent: HashMap<QualifiedName, HashSet<QualifiedName>>,
    /// Tables that may hold a column of a type, under each name `tables_using_type` accepts for
    /// it (stale entries are harmless: users check the columns), so that `ALTER TYPE` does not
    /// scan every column of every table. Kept by `note_column_types`.
    pub(crate) type_users: HashMap<String, HashSet<QualifiedName>>,
    /// The sequence each serial or identity column (or `OWNED BY`) owns, by table and column.
    pub(crate) column_sequences: HashMap<(QualifiedName, String), QualifiedName>,
    /// Words (lower case) that opaque statements mentioned before the current one.
    opaque_words: HashMap<String, Site>,
    external_tables: HashSet<QualifiedName>,
    external_schemas: HashSet<String>,
    /// Missing tables: every site that referenced them, for one diagnostic each at the end.
    missing: BTreeMap<QualifiedName, Vec<(Site, String)>>,
    pub(crate) history: history::History,
    /// Explicit `BEGIN` seen in the current file and not yet committed.
    open_transaction: Option<Site>,
    /// Per migration: it runs without a transaction (marked or inferred, `transaction`).
    pub(crate) without_transaction: Vec<bool>,
    /// A narrower range inside the current statement for `here` (see `focus_on`).
    focus: Option<Range<usize>>,
    /// The search path to restore when the file that ran `SET LOCAL search_path` ends.
    search_path_before_local: Option<Vec<String>>,
}

pub fn fold(
    set: &MigrationSet,
    config: &Config,
    records: &[StatementRecord],
) -> (Catalog, Vec<Diagnostic>) {
    let (catalog, diagnostics, _) = fold_with_history(set, config, records);
    (catalog, diagnostics)
}

/// `fold`, also returning who touched which table (the audit's raw material).
pub fn fold_with_history(
    set: &MigrationSet,
    config: &Config,
    records: &[StatementRecord],
) -> (Catalog, Vec<Diagnostic>, history::History) {
    let locations: Vec<Location> = records
        .iter()
        .map(|r| Location {
            migration: r.migration,
            file: r.file,
            range: r.range.clone(),
            leading: r.leading.clone(),
            unterminated: false,
        })
        .collect();
    drive(set, config, &locations, |index| {
        std::borrow::Cow::Borrowed(&records[index].parsed)
    })
}

/// The analysis's own path: each statement is parsed when the fold reaches it and dropped
/// after, so memory holds the catalog and the text, never every syntax tree at once.
pub fn fold_streaming(
    set: &MigrationSet,
    config: &Config,
    locations: &[Location],
) -> (Catalog, Vec<Diagnostic>, history::History) {
    drive(set, config, locations, |index| {
        std::borrow::Cow::Owned(parse_located(set, config, &locations[index]))
    })
}

fn drive<'p>(
    set: &MigrationSet,
    config: &Config,
    locations: &[Location],
    mut parsed_at: impl FnMut(usize) -> std::borrow::Cow<'p, Parsed>,
) -> (Catalog, Vec<Diagnostic>, history::History) {
    let mut folder = Folder::new(set, config, locations);

    let mut linter = config
        .lints
        .enabled
        .then(|| Linter::new(config.lints.clone(), config.dialect));
    let locked_up_to = match (set.lockfile, config.lints.include_locked) {
        (Some(lock), false) => crate::lockfile::highest_version(&set.files[lock].text),
        _ => None,
    };
    let mut allowed_in_file = Allowed::default();
    let mut current_file = usize::MAX;
    for (index, record) in locations.iter().enumerate() {
        let parsed = parsed_at(index);
        if record.file != current_file {
            folder.end_file(current_file);
            current_file = record.file;
            allowed_in_file =
                Allowed::for_file(&set.files[record.file].text[record.leading.clone()]);
        }
        folder.site = Site {
            file: record.file,
            range: record.range.clone(),
        };
        folder.migration = record.migration;
        folder.forget_future(index);
        let text = &set.files[record.file].text[record.range.clone()];
        let migration = &set.migrations[record.migration];
        let shipped =
            locked_up_to.is_some_and(|locked| migration.version.is_some_and(|v| v <= locked));
        if let (Some(linter), Parsed::Ast(statement), false) =
            (linter.as_mut(), parsed.as_ref(), shipped)
        {
            let leading = &set.files[record.file].text[record.leading.clone()];
            let allowed = allowed_in_file.for_statement(leading, text);
            let in_transaction = !folder.without_transaction[record.migration];
            let found = linter.check(
                &folder,
                record.migration,
                in_transaction,
                statement,
                text,
                &allowed,
            );
            folder.diagnostics.extend(found);
        }
        match parsed.as_ref() {
            Parsed::Ast(statement) => folder.statement(statement, text),
            Parsed::Opaque { offset, reason } => folder.opaque(text, *offset, reason),
        }
    }
    folder.end_file(current_file);
    folder.finish()
}

impl<'a> Folder<'a> {
    fn new(set: &'a MigrationSet, config: &Config, locations: &[Location]) -> Self {
        let mut external_tables = HashSet::new();
        let mut external_schemas = HashSet::new();
        for entry in &config.external_tables {
            let folded = entry.to_lowercase();
            match folded.split_once('.') {
                Some((schema, "*")) => {
                    external_schemas.insert(schema.to_string());
                }
                Some((schema, name)) => {
                    external_tables.insert(QualifiedName::new(schema, name));
                }
                None => {
                    external_tables.insert(QualifiedName::new("public", folded));
                }
            }
        }
        let mut folder = Folder {
            set,
            catalog: Catalog::default(),
            diagnostics: Vec::new(),
            search_path: vec!["public".into()],
            site: Site::default(),
            migration: 0,
            future_tables: HashMap::new(),
            future_by_statement: HashMap::new(),
            referenced_by: HashMap::new(),
            type_users: HashMap::new(),
            children_by_parent: HashMap::new(),
            column_sequences: HashMap::new(),
            tables_with_triggers: HashSet::new(),
            views_reading: HashMap::new(),
            function_names: HashSet::new(),
            triggers: triggers::Triggers::default(),
            function_positions: HashMap::new(),
            opaque_words: HashMap::new(),
            external_tables,
            external_schemas,
            missing: BTreeMap::new(),
            history: history::History::default(),
            open_transaction: None,
            without_transaction: crate::transaction::migrations_without_transaction(set, locations),
            search_path_before_local: None,
            focus: None,
        };
        folder.catalog.schemas.push("public".into());
        folder.future_tables = folder.scan_creates(locations);
        folder.future_by_statement = folder
            .future_tables
            .iter()
            .map(|(name, (at, _))| (*at, name.clone()))
            .collect();
        folder
    }

    /// Every `CREATE TABLE` of the history, so that a reference to a table that only a later
    /// migration creates is reported as an order problem, not as a missing table.
    fn scan_creates(&self, locations: &[Location]) -> HashMap<QualifiedName, (usize, Site)> {
        let mut creates = HashMap::new();
        for (index, location) in locations.iter().enumerate() {
            let text = &self.set.files[location.file].text[location.range.clone()];
            if let Some(name) = fallback::created_table_name(text) {
                let site = Site {
                    file: location.file,
                    range: location.range.clone(),
                };
                creates
                    .entry(self.qualify_for_create(&name))
                    .or_insert((index, site));
            }
        }
        creates
    }

    /// Once a CREATE TABLE is reached it is no longer in the future (whatever schema the
    /// pre-scan guessed for it before `search_path` was known).
    fn forget_future(&mut self, index: usize) {
        // A lookup by statement, not a sweep of the map: this runs once per statement.
        if let Some(name) = self.future_by_statement.remove(&index)
            && self
                .future_tables
                .get(&name)
                .is_some_and(|(at, _)| *at == index)
        {
            self.future_tables.remove(&name);
        }
    }

    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// A diagnostic located at the current statement.
    pub(crate) fn here(&self, diagnostic: Diagnostic, label: impl Into<String>) -> Diagnostic {
        let range = self
            .focus
            .clone()
            .unwrap_or_else(|| self.site.range.clone());
        diagnostic.at(self.site.file, range, label)
    }

    /// Narrows what `here` points at to `ident` (a column being defined or changed) until
    /// `unfocus`; the whole statement when sqlparser kept no position for it.
    pub(crate) fn focus_on(&mut self, ident: &sqlparser::ast::Ident) {
        let name = ObjectName::from(vec![ident.clone()]);
        let site = self.site_of(Some(&name));
        self.focus = (site.range != self.site.range).then_some(site.range);
    }

    pub(crate) fn unfocus(&mut self) {
        self.focus = None;
    }

    pub(crate) fn file_path(&self, file: usize) -> &str {
        &self.set.files[file].path
    }

    /// The schema new unqualified objects go to.
    pub(crate) fn creation_schema(&self) -> String {
        self.search_path
            .first()
            .cloned()
            .unwrap_or_else(|| "public".into())
    }

    pub(crate) fn qualify_for_create(&self, name: &ObjectName) -> QualifiedName {
        let parts = names::parts(name);
        match parts.as_slice() {
            [.., schema, object] => QualifiedName::new(schema.clone(), object.clone()),
            [object] => QualifiedName::new(self.creation_schema(), object.clone()),
            [] => QualifiedName::new(self.creation_schema(), String::new()),
        }
    }

    /// Resolves a possibly unqualified name through the search path, given a predicate that
    /// says whether an object of the wanted kind exists under a qualified name.
    pub(crate) fn resolve_with(
        &self,
        name: &ObjectName,
        exists: impl Fn(&QualifiedName) -> bool,
    ) -> QualifiedName {
        let parts = names::parts(name);
        match parts.as_slice() {
            [object] => self
                .search_path
                .iter()
                .map(|schema| QualifiedName::new(schema.clone(), object.clone()))
                .find(|candidate| exists(candidate))
                .unwrap_or_else(|| QualifiedName::new(self.creation_schema(), object.clone())),
            _ => self.qualify_for_create(name),
        }
    }

    pub(crate) fn resolve_table(&self, name: &ObjectName) -> QualifiedName {
        self.resolve_with(name, |q| {
            self.catalog.tables.contains_key(q) || self.is_external(q)
        })
    }

    pub(crate) fn resolve_relation(&self, name: &ObjectName) -> QualifiedName {
        self.resolve_with(name, |q| {
            self.catalog.relation_exists(q) || self.is_external(q)
        })
    }

    pub(crate) fn is_external(&self, name: &QualifiedName) -> bool {
        self.external_tables.contains(name)
            || self.external_schemas.contains(&name.schema)
            || TOOL_TABLES.contains(&name.name.as_str())
            || name.schema == "pg_catalog"
            || name.schema == "information_schema"
    }

    /// Records a reference to table `name`. Returns true when the table exists in the catalog,
    /// false (after reporting) when it is missing, external or unverifiable.
    pub(crate) fn require_table(&mut self, name: &QualifiedName, what: &str) -> bool {
        self.require_table_at(name, what, None)
    }

    /// The site of `name` inside the current statement (the whole statement when sqlparser
    /// kept no position for it).
    pub(crate) fn site_of(&self, name: Option<&ObjectName>) -> Site {
        use sqlparser::ast::Spanned;
        let narrowed = name.and_then(|name| {
            let span = name.span();
            let text = &self.set.files[self.site.file].text[self.site.range.clone()];
            let start =
                parse::offset_of(text, span.start.line as usize, span.start.column as usize)?;
            let end = parse::offset_of(text, span.end.line as usize, span.end.column as usize)?;
            (end > start).then(|| self.site.range.start + start..self.site.range.start + end)
        });
        Site {
            file: self.site.file,
            range: narrowed.unwrap_or_else(|| self.site.range.clone()),
        }
    }

    /// `require_table`, pointing at the name as written when it is known.
    pub(crate) fn require_table_at(
        &mut self,
        name: &QualifiedName,
        what: &str,
        written: Option<&ObjectName>,
    ) -> bool {
        let site = self.site_of(written);
        if self.catalog.tables.contains_key(name) {
            return true;
        }
        if self.is_external(name) || self.catalog.views.contains_key(name) {
            return false;
        }
        if let Some((_, later)) = self.future_tables.get(name).cloned() {
            let later_path = self.file_path(later.file).to_string();
            let diagnostic = Diagnostic::error(
                "order-dependency",
                format!("{what} `{name}`, which is only created later, by `{later_path}`"),
            )
            .at(site.file, site.range.clone(), format!("`{name}` does not exist yet here"))
                .related(later.file, later.range, format!("`{name}` is created here, in a later migration"))
                .help(format!(
                    "give this migration a version after `{later_path}`, or move the CREATE TABLE of `{name}` before it"
                ));
            self.report(diagnostic);
            return false;
        }
        if let Some(opaque) = self.opaque_words.get(&name.name).cloned() {
            let diagnostic = Diagnostic::warning(
                "unverifiable-reference",
                format!("{what} `{name}`, which no statement the analyzer understands creates"),
            )
            .at(site.file, site.range.clone(), "cannot verify that this table exists")
                .related(opaque.file, opaque.range, format!("this statement mentions `{}` and may create it", name.name))
                .help("if that statement creates the table, nothing is wrong; otherwise create it in a migration or declare it in `external_tables`");
            self.report(diagnostic);
            return false;
        }
        self.missing
            .entry(name.clone())
            .or_default()
            .push((site, what.to_string()));
        false
    }

    /// The tables that may reference `target` with a foreign key.
    pub(crate) fn referencing_tables(&self, target: &QualifiedName) -> Vec<QualifiedName> {
        self.referenced_by
            .get(target)
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Tables that may hold a column whose type is `type_name`, written bare (`mood`, `mood[]`)
    /// or schema-qualified (`app.mood`). May be stale: callers check the columns.
    pub(crate) fn tables_using_type(&self, type_name: &str) -> Vec<QualifiedName> {
        self.type_users
            .get(type_name)
            .map(|tables| tables.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// Records the types of `table`'s columns (all of them, or those of `only`) for
    /// `tables_using_type`; called wherever a column gets a table or a type.
    pub(crate) fn note_column_types(&mut self, table: &QualifiedName, only: Option<&str>) {
        let Some(t) = self.catalog.tables.get(table) else {
            return;
        };
        let columns = t
            .columns
            .iter()
            .filter(|c| only.is_none_or(|name| c.name == name));
        for column in columns {
            // The whole spelling and every suffix after a dot: `app.mood` is found as `mood`.
            let data_type = column.data_type.as_str();
            let suffixes = data_type
                .match_indices('.')
                .map(|(at, _)| &data_type[at + 1..]);
            for key in std::iter::once(data_type).chain(suffixes) {
                match self.type_users.get_mut(key) {
                    Some(tables) => {
                        if !tables.contains(table) {
                            tables.insert(table.clone());
                        }
                    }
                    None => {
                        self.type_users
                            .insert(key.to_string(), HashSet::from([table.clone()]));
                    }
                }
            }
        }
    }

    /// A column sequence leaves the catalog with its column.
    pub(crate) fn drop_column_sequence(&mut self, table: &QualifiedName, column: &str) {
        if let Some(sequence) = self
            .column_sequences
            .remove(&(table.clone(), column.to_string()))
        {
            self.catalog.sequences.swap_remove(&sequence);
        }
    }

    /// Moves the record of a column's sequence to its new table or column name.
    pub(crate) fn move_column_sequence(
        &mut self,
        from: (&QualifiedName, &str),
        to: (&QualifiedName, &str),
    ) {
        let Some(sequence) = self
            .column_sequences
            .remove(&(from.0.clone(), from.1.to_string()))
        else {
            return;
        };
        if let Some(s) = self.catalog.sequences.get_mut(&sequence) {
            s.owned_by = Some(format!("{}.{}", to.0.name, to.1));
        }
        self.column_sequences
            .insert((to.0.clone(), to.1.to_string()), sequence);
    }

    /// A column that only an earlier opaque statement (a `DO` block) may have added: warn that
    /// the reference cannot be verified instead of calling it missing. True when it warned.
    pub(crate) fn unverifiable_column(
        &mut self,
        table: &QualifiedName,
        column: &str,
        what: &str,
    ) -> bool {
        let Some(site) = self.opaque_words.get(column).cloned() else {
            return false;
        };
        let diagnostic = self
            .here(
                Diagnostic::warning(
                    "unverifiable-reference",
                    format!("{what} names column `{column}` of `{table}`, which only a statement the analyzer cannot read may add"),
                ),
                "cannot verify that this column exists",
            )
            .related(site.file, site.range, format!("this statement mentions `{column}` and may add it"))
            .help(format!("if that statement adds `{column}`, nothing is wrong; prefer `ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} ...`, which the analyzer can check"));
        self.report(diagnostic);
        true
    }

    fn end_file(&mut self, file: usize) {
        if let Some(search_path) = self.search_path_before_local.take() {
            self.search_path = search_path;
        }
        if let Some(site) = self.open_transaction.take()
            && file != usize::MAX
        {
            let path = self.file_path(file).to_string();
            self.report(
                Diagnostic::error(
                    "open-transaction",
                    format!("`{path}` opens a transaction and never commits it"),
                )
                .at(site.file, site.range, "transaction opened here")
                .help("add `COMMIT;` at the end of the file, or remove the `BEGIN;`"),
            );
        }
    }

    pub(crate) fn save_search_path_until_end_of_file(&mut self) {
        if self.search_path_before_local.is_none() {
            self.search_path_before_local = Some(self.search_path.clone());
        }
    }

    pub(crate) fn set_search_path(&mut self, schemas: Vec<String>) {
        let schemas: Vec<String> = schemas
            .into_iter()
            .filter(|s| s != "$user" && s != "\"$user\"" && s != "pg_catalog")
            .collect();
        if !schemas.is_empty() {
            self.search_path = schemas;
        }
    }

    fn finish(mut self) -> (Catalog, Vec<Diagnostic>, history::History) {
        self.catalog.triggers = std::mem::take(&mut self.triggers).into_list();
        for (name, sites) in std::mem::take(&mut self.missing) {
            self.history.missing_tables.push(name.clone());
            let (first, what) = &sites[0];
            let count = sites.len();
            let mut diagnostic = Diagnostic::error(
                "missing-table",
                format!(
                    "{what} `{name}`, which no migration creates ({count} reference{})",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .at(first.file, first.range.clone(), format!("`{name}` is never created"))
            .help(format!(
                "add a migration that creates `{name}` before its first use, or declare it in `external_tables` in schema.toml if the app or the platform creates it"
            ));
            for (site, what) in &sites[1..] {
                diagnostic = diagnostic.related(
                    site.file,
                    site.range.clone(),
                    format!("{what} `{name}` here too"),
                );
            }
            self.diagnostics.push(diagnostic);
        }
        let chains = self.history.fix_chains(self.set, &self.catalog);
        self.diagnostics.extend(chains);
        (self.catalog, self.diagnostics, self.history)
    }
}

impl LintScope for Folder<'_> {
    fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    fn resolve_table(&self, name: &ObjectName) -> QualifiedName {
        Folder::resolve_table(self, name)
    }

    fn existed_before(&self, table: &QualifiedName) -> bool {
        self.history
            .tables
            .get(table)
            .and_then(|entries| entries.first())
            .is_some_and(|(created, _)| *created < self.migration)
    }

    fn site_of(&self, name: Option<&ObjectName>) -> Site {
        Folder::site_of(self, name)
    }

    fn referencing_tables(&self, table: &QualifiedName) -> Vec<QualifiedName> {
        Folder::referencing_tables(self, table)
    }

    fn tables_using_type(&self, type_name: &str) -> Vec<QualifiedName> {
        Folder::tables_using_type(self, type_name)
    }

    fn views_reading(&self, table: &QualifiedName) -> Vec<QualifiedName> {
        self.views_reading.get(table).cloned().unwrap_or_default()
    }
}

pub(crate) use create_table::identifier_words;
