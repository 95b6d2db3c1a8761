//! The lint checks, one function per statement kind. Each sees the catalog as it stands
//! before the statement runs.

use super::{Allowed, LintConfig};
use crate::catalog::{Catalog, QualifiedName, Site, Table};
use crate::config::Dialect;
use crate::diagnostic::Diagnostic;
use crate::names;
use crate::pgtype;
use sqlparser::ast::{
    AlterColumnOperation, AlterTable, AlterTableOperation, AlterTypeOperation, ColumnDef,
    ColumnOption, CreateIndex, ObjectName, ObjectType, Set, Statement, TableConstraint,
};

/// What the lints need from the fold.
pub(crate) trait LintScope {
    fn catalog(&self) -> &Catalog;
    fn resolve_table(&self, name: &ObjectName) -> QualifiedName;
    /// The table existed before the current migration started (a running app uses it).
    fn existed_before(&self, table: &QualifiedName) -> bool;
    /// The current statement, narrowed to `name` where its position is known.
    fn site_of(&self, name: Option<&ObjectName>) -> Site;
    /// Tables that may hold a foreign key to `table` (callers check the keys).
    fn referencing_tables(&self, table: &QualifiedName) -> Vec<QualifiedName>;
    /// Tables that may hold a column of type `type_name`, bare or after a schema (callers
    /// check the columns).
    fn tables_using_type(&self, type_name: &str) -> Vec<QualifiedName>;
    /// Views that may read `table` (callers check `depends_on`).
    fn views_reading(&self, table: &QualifiedName) -> Vec<QualifiedName>;
}

/// Per-migration state of the lints (lock_timeout seen, reported once).
pub(crate) struct Linter {
    config: LintConfig,
    dialect: Dialect,
    migration: Option<usize>,
    timeout_set: bool,
    timeout_reported: bool,
    in_transaction: bool,
}

/// Functions whose value changes per row: an added column with such a default is filled row
/// by row, rewriting the table.
const VOLATILE: &[&str] = &[
    "random(",
    "gen_random_uuid(",
    "uuid_generate_v1",
    "uuid_generate_v4(",
    "clock_timestamp(",
    "timeofday(",
    "nextval(",
    "txid_current(",
];

impl Linter {
    pub(crate) fn new(config: LintConfig, dialect: Dialect) -> Linter {
        Linter {
            config,
            dialect,
            migration: None,
            timeout_set: false,
            timeout_reported: false,
            in_transaction: true,
        }
    }

    /// Lints one statement of migration `migration` (which runs in a transaction unless
    /// `in_transaction` is false). Returns what it found, minus what `allowed` silences.
    pub(crate) fn check(
        &mut self,
        scope: &dyn LintScope,
        migration: usize,
        in_transaction: bool,
        statement: &Statement,
        text: &str,
        allowed: &Allowed,
    ) -> Vec<Diagnostic> {
        if self.migration != Some(migration) {
            self.migration = Some(migration);
            self.timeout_set = false;
            self.timeout_reported = false;
        }
        self.in_transaction = in_transaction;
        if let Statement::Set(set) = statement {
            self.note_timeout(set);
            return Vec::new();
        }
        let version = self.config.postgres_version;
        let mut found = Findings {
            config: &self.config,
            dialect: self.dialect,
            allowed,
            out: Vec::new(),
        };
        let here = scope.site_of(None);
        found.identifier_lengths(&here, text);
        let exclusive_on = match statement {
            Statement::CreateTable(create) => {
                for column in &create.columns {
                    found.column_types(column_site(scope, column), column);
                }
                found.integer_primary_key(&here, create);
                None
            }
            Statement::AlterTable(alter) => alter_table(scope, alter, &mut found, version),
            Statement::CreateIndex(index) => {
                found.create_index(scope, index);
                None
            }
            Statement::Drop {
                object_type, names, ..
            } => found.drop(scope, *object_type, names),
            Statement::AlterType(alter) => {
                found.alter_type(scope, &here, alter, in_transaction);
                None
            }
            _ => None,
        };
        if let Some(table) = exclusive_on
            && !self.timeout_set
            && !self.timeout_reported
        {
            self.timeout_reported = true;
            found.push(
                "missing-lock-timeout",
                &here,
                format!("this takes an ACCESS EXCLUSIVE lock on `{table}`, which the app uses, with no lock_timeout: behind a long query it queues every other query on the table"),
                "start the migration with `SET lock_timeout = '5s';` (and retry on timeout), so it fails fast instead of blocking the app",
            );
        }
        found.out
    }

    fn note_timeout(&mut self, set: &Set) {
        if let Set::SingleAssignment { variable, .. } = set {
            let name = variable.to_string().to_ascii_lowercase();
            if name == "lock_timeout" || name == "statement_timeout" {
                self.timeout_set = true;
            }
        }
    }
}

/// Returns the table when the statement takes ACCESS EXCLUSIVE on an existing table.
fn alter_table(
    scope: &dyn LintScope,
    alter: &AlterTable,
    found: &mut Findings,
    version: u32,
) -> Option<QualifiedName> {
    let name = scope.resolve_table(&alter.name);
    let table = scope.catalog().tables.get(&name)?;
    let existing = scope.existed_before(&name);
    let site = scope.site_of(Some(&alter.name));
    let mut exclusive = false;
    for operation in &alter.operations {
        exclusive |= !matches!(
            operation,
            AlterTableOperation::AddConstraint {
                constraint: TableConstraint::ForeignKey(_),
                ..
            }
        );
        if let AlterTableOperation::AddColumn { column_def, .. } = operation {
            found.column_types(column_site(scope, column_def), column_def);
        }
        if existing {
            found.alter_existing(scope, &site, table, operation, version);
        }
    }
    (existing && exclusive).then_some(name)
}

/// The site of a column definition's name.
fn column_site(scope: &dyn LintScope, column: &ColumnDef) -> Site {
    scope.site_of(Some(&ObjectName::from(vec![column.name.clone()])))
}

struct Findings<'a> {
    config: &'a LintConfig,
    dialect: Dialect,
    allowed: &'a Allowed,
    out: Vec<Diagnostic>,
}

impl Findings<'_> {
    fn push(&mut self, code: &'static str, site: &Site, message: String, help: &str) {
        let Some(severity) = self.config.severity(code) else {
            return;
        };
        if self.dialect == Dialect::Sqlite && super::postgres_only(code) {
            return;
        }
        if self.allowed.allows(code) {
            return;
        }
        self.out.push(
            Diagnostic::new(code, severity, message)
                .at(
                    site.file,
                    site.range.clone(),
                    super::RULES
                        .iter()
                        .find(|r| r.code == code)
                        .map_or("", |r| r.summary),
                )
                .help(format!("{help} (silence with `-- schema:allow({code})`)")),
        );
    }

    fn column_types(&mut self, site: Site, column: &ColumnDef) {
        let name = names::fold(&column.name);
        let written = column.data_type.to_string();
        let normalized = pgtype::normalize(&written);
        if normalized.name.starts_with("timestamp") && normalized.name.contains("without time zone")
        {
            self.push(
                "timestamp-without-time-zone",
                &site,
                format!("column `{name}` is `timestamp` without time zone: its values change meaning with the server's or the client's time zone"),
                "use `timestamptz` (timestamp with time zone), which stores an instant",
            );
        }
        if normalized.name.starts_with("character(") {
            self.push(
                "char-n",
                &site,
                format!("column `{name}` is `{}`: values are padded with spaces and compare surprisingly", normalized.name),
                "use `text` or `varchar(n)`",
            );
        }
        if normalized.serial {
            self.push(
                "serial",
                &site,
                format!("column `{name}` is `{}`: its sequence has its own permissions and ownership to manage", written.to_lowercase()),
                "use `bigint GENERATED BY DEFAULT AS IDENTITY`",
            );
        }
    }

    fn integer_primary_key(&mut self, site: &Site, create: &sqlparser::ast::CreateTable) {
        let mut key_columns: Vec<String> = Vec::new();
        for column in &create.columns {
            if column
                .options
                .iter()
                .any(|o| matches!(o.option, ColumnOption::PrimaryKey(_)))
            {
                key_columns.push(names::fold(&column.name));
            }
        }
        for constraint in &create.constraints {
            if let TableConstraint::PrimaryKey(pk) = constraint
                && pk.columns.len() == 1
            {
                key_columns.push(crate::fold::index_key_name(&pk.columns[0].column.expr));
            }
        }
        for column in &create.columns {
            let name = names::fold(&column.name);
            let type_name = pgtype::normalize(&column.data_type.to_string()).name;
            if key_columns.contains(&name) && (type_name == "integer" || type_name == "smallint") {
                self.push(
                    "int-primary-key",
                    site,
                    format!(
                        "primary key `{name}` is `{type_name}`, which runs out at {}",
                        if type_name == "integer" {
                            "2,147,483,647"
                        } else {
                            "32,767"
                        }
                    ),
                    "use `bigint` (with `GENERATED BY DEFAULT AS IDENTITY`)",
                );
            }
        }
    }

    fn identifier_lengths(&mut self, site: &Site, text: &str) {
        if !may_hold_long_identifier(text) {
            return;
        }
        for word in crate::fold::identifier_words(text) {
            if word.len() > names::MAX_IDENTIFIER {
                self.push(
                    "identifier-too-long",
                    site,
                    format!("`{word}` is {} bytes long; PostgreSQL silently cuts identifiers to 63 bytes", word.len()),
                    "shorten the name, so that the name in the database is the name in the code",
                );
            }
        }
    }

    fn alter_existing(
        &mut self,
        scope: &dyn LintScope,
        site: &Site,
        table: &Table,
        operation: &AlterTableOperation,
        version: u32,
    ) {
        let table_name = table.qualified();
        match operation {
            AlterTableOperation::DropColumn { column_names, .. } => {
                for column in column_names {
                    let column = names::fold(column);
                    self.push(
                        "drop-column",
                        site,
                        format!("dropping column `{table_name}.{column}` loses its data, and the running app may still read it"),
                        "first deploy code that no longer uses the column, then drop it in a later migration",
                    );
                    self.column_in_use(scope, site, table, &column);
                }
            }
            AlterTableOperation::RenameColumn { old_column_name, new_column_name } => self.push(
                "rename-column",
                site,
                format!("renaming `{table_name}.{}` to `{}` breaks the running app's queries until it is redeployed", names::fold(old_column_name), names::fold(new_column_name)),
                "add the new column, write both, backfill, switch reads, then drop the old one (expand and contract)",
            ),
            AlterTableOperation::RenameTable { .. } => self.push(
                "rename-table",
                site,
                format!("renaming `{table_name}` breaks the running app's queries until it is redeployed"),
                "create the new table (or a view with the old name) and migrate readers first",
            ),
            AlterTableOperation::AlterColumn { column_name, op } => {
                let column = names::fold(column_name);
                let Some(current) = table.column(&column) else { return };
                match op {
                    AlterColumnOperation::SetNotNull => self.push(
                        "set-not-null",
                        site,
                        format!("SET NOT NULL on `{table_name}.{column}` scans the whole table under an ACCESS EXCLUSIVE lock, and fails if a row is NULL"),
                        if version >= 12 {
                            "add `CHECK (col IS NOT NULL) NOT VALID`, VALIDATE it in a later migration, then SET NOT NULL (PostgreSQL 12+ skips the scan)"
                        } else {
                            "backfill the NULLs first and run this at a quiet time"
                        },
                    ),
                    AlterColumnOperation::SetDataType { data_type, .. } => {
                        let new = pgtype::normalize(&data_type.to_string()).name;
                        self.type_change(site, &table_name, &column, &current.data_type, &new);
                    }
                    _ => {}
                }
            }
            AlterTableOperation::AddColumn { column_def, .. } => self.add_column(site, &table_name, column_def, version),
            AlterTableOperation::AddConstraint { constraint, not_valid } => match constraint {
                TableConstraint::Unique(_) | TableConstraint::PrimaryKey(_) => self.push(
                    "unique-on-existing-table",
                    site,
                    format!("a unique key on `{table_name}` builds its index under a lock that blocks writes, and fails if the data has duplicates"),
                    "CREATE UNIQUE INDEX CONCURRENTLY in a `-- no-transaction` migration, then ADD CONSTRAINT ... UNIQUE USING INDEX",
                ),
                TableConstraint::Check(_) | TableConstraint::ForeignKey(_) if !not_valid => self.push(
                    "constraint-not-valid",
                    site,
                    format!("this constraint is checked against every existing row of `{table_name}` while writes wait"),
                    "add it with NOT VALID, then `ALTER TABLE ... VALIDATE CONSTRAINT` in a later migration (which does not block writes)",
                ),
                _ => {}
            },
            _ => {}
        }
    }

    fn add_column(
        &mut self,
        site: &Site,
        table_name: &QualifiedName,
        column: &ColumnDef,
        version: u32,
    ) {
        let name = names::fold(&column.name);
        let default = column.options.iter().find_map(|o| match &o.option {
            ColumnOption::Default(expr) => Some(expr.to_string()),
            _ => None,
        });
        let not_null = column.options.iter().any(|o| {
            matches!(
                o.option,
                ColumnOption::NotNull | ColumnOption::PrimaryKey(_)
            )
        });
        let generated = column.options.iter().any(|o| {
            matches!(
                o.option,
                ColumnOption::Generated { .. } | ColumnOption::Identity(_)
            )
        });
        let serial = pgtype::normalize(&column.data_type.to_string()).serial;
        if not_null && default.is_none() && !generated && !serial {
            self.push(
                "add-not-null-without-default",
                site,
                format!("NOT NULL column `{table_name}.{name}` has no default: the migration fails as soon as the table has a row"),
                "add it nullable, backfill, then SET NOT NULL; or give it a default",
            );
        }
        let Some(default) = default else { return };
        let lower = default.to_ascii_lowercase();
        if VOLATILE.iter().any(|f| lower.contains(f)) {
            self.push(
                "volatile-default",
                site,
                format!("column `{table_name}.{name}` defaults to `{default}`, a volatile expression: PostgreSQL rewrites the whole table to fill it"),
                "add the column without a default, set the default in a second statement, and backfill in batches",
            );
        } else if version < 11 {
            self.push(
                "add-column-default-rewrite",
                site,
                format!("before PostgreSQL 11, adding `{table_name}.{name}` with a default rewrites the whole table"),
                "add the column without a default, then set the default and backfill in batches",
            );
        }
    }

    fn type_change(
        &mut self,
        site: &Site,
        table: &QualifiedName,
        column: &str,
        old: &str,
        new: &str,
    ) {
        let length = |t: &str, base: &str| -> Option<Option<u32>> {
            let rest = t.strip_prefix(base)?;
            if rest.is_empty() {
                return Some(None);
            }
            rest.strip_prefix('(')?
                .strip_suffix(')')?
                .parse()
                .ok()
                .map(Some)
        };
        let varchar = "character varying";
        match (length(old, varchar), length(new, varchar)) {
            (Some(Some(before)), Some(Some(after))) if after < before => {
                self.push(
                    "narrow-varchar",
                    site,
                    format!("`{table}.{column}` shrinks from `{old}` to `{new}`: the table is rewritten and longer values make the migration fail"),
                    "check the data first, or use a CHECK constraint (NOT VALID, then VALIDATE) instead of a shorter type",
                );
                return;
            }
            (Some(_), Some(None)) | (Some(Some(_)), Some(Some(_))) => return,
            (Some(_), None) if new == "text" => return,
            _ => {}
        }
        if old == new
            || (old == "text" && new == varchar)
            || (old.starts_with("numeric") && new == "numeric")
        {
            return;
        }
        self.push(
            "type-change-rewrite",
            site,
            format!("changing `{table}.{column}` from `{old}` to `{new}` rewrites the table under an ACCESS EXCLUSIVE lock, and old app code may not read the new type"),
            "add a new column of the new type, backfill it in batches, switch the app over, then drop the old column",
        );
    }

    fn column_in_use(&mut self, scope: &dyn LintScope, site: &Site, table: &Table, column: &str) {
        let mut users: Vec<String> = Vec::new();
        for index in &table.indexes {
            if index.constraint.is_none()
                && index
                    .columns
                    .iter()
                    .any(|c| crate::fold::identifier_words(c).iter().any(|w| w == column))
            {
                users.push(format!("index `{}`", index.name));
            }
        }
        for key in scope.referencing_tables(&table.qualified()) {
            let Some(other) = scope.catalog().tables.get(&key) else {
                continue;
            };
            for fk in &other.foreign_keys {
                if fk.ref_schema == table.schema
                    && fk.ref_table == table.name
                    && fk.ref_columns.iter().any(|c| c == column)
                {
                    users.push(format!("foreign key `{}` of `{key}`", fk.name));
                }
            }
        }
        let qualified = table.qualified();
        // The views that may read the table, in catalog order (as a scan of every view finds them).
        let views = &scope.catalog().views;
        let mut reading: Vec<usize> = scope
            .views_reading(&qualified)
            .iter()
            .filter_map(|key| views.get_index_of(key))
            .collect();
        reading.sort_unstable();
        reading.dedup();
        for (key, view) in reading.into_iter().filter_map(|at| views.get_index(at)) {
            if view.depends_on.contains(&qualified) && view.columns.iter().any(|c| c == column) {
                users.push(format!("view `{key}`"));
            }
        }
        if !users.is_empty() {
            self.push(
                "drop-column-in-use",
                site,
                format!(
                    "`{qualified}.{column}` is still used by {}",
                    users.join(", ")
                ),
                "drop or change those first; with CASCADE they disappear silently",
            );
        }
    }

    fn create_index(&mut self, scope: &dyn LintScope, index: &CreateIndex) {
        let table = scope.resolve_table(&index.table_name);
        if !scope.catalog().tables.contains_key(&table) || !scope.existed_before(&table) {
            return;
        }
        let site = scope.site_of(Some(&index.table_name));
        if !index.concurrently {
            self.push(
                "index-not-concurrent",
                &site,
                format!("CREATE INDEX on `{table}` blocks every write to it until the index is built"),
                "use CREATE INDEX CONCURRENTLY, alone in a migration whose first line is `-- no-transaction`",
            );
        }
        if index.unique {
            self.push(
                "unique-on-existing-table",
                &site,
                format!("a unique index on `{table}` fails if the existing rows have duplicates"),
                "check for duplicates first (GROUP BY ... HAVING count(*) > 1)",
            );
        }
    }

    /// Returns the table locked when the drop takes ACCESS EXCLUSIVE on an existing table.
    fn drop(
        &mut self,
        scope: &dyn LintScope,
        kind: ObjectType,
        names: &[ObjectName],
    ) -> Option<QualifiedName> {
        let mut locked = None;
        for name in names {
            let site = scope.site_of(Some(name));
            match kind {
                ObjectType::Table => {
                    let table = scope.resolve_table(name);
                    if scope.catalog().tables.contains_key(&table) && scope.existed_before(&table) {
                        self.push(
                            "drop-table",
                            &site,
                            format!("dropping `{table}` deletes its data for good"),
                            "keep a backup or rename it aside for a release before dropping it",
                        );
                        locked = Some(table);
                    }
                }
                ObjectType::Schema => self.push(
                    "drop-schema",
                    &site,
                    format!(
                        "dropping schema `{}` deletes everything in it",
                        names::parts(name).join(".")
                    ),
                    "drop the objects you mean to drop one by one",
                ),
                ObjectType::Index => {
                    let parts = names::parts(name);
                    let Some(index) = parts.last() else { continue };
                    let schema = parts
                        .len()
                        .checked_sub(2)
                        .map_or("public", |at| parts[at].as_str());
                    let on = scope
                        .catalog()
                        .index_table(&QualifiedName::new(schema, index.as_str()));
                    if let Some(table) = on.filter(|t| scope.existed_before(t)) {
                        self.push(
                            "index-not-concurrent",
                            &site,
                            format!("DROP INDEX on `{table}` blocks every query on the table until it is done"),
                            "use DROP INDEX CONCURRENTLY, alone in a migration whose first line is `-- no-transaction`",
                        );
                        locked = Some(table);
                    }
                }
                _ => {}
            }
        }
        locked
    }

    fn alter_type(
        &mut self,
        scope: &dyn LintScope,
        site: &Site,
        alter: &sqlparser::ast::AlterType,
        in_transaction: bool,
    ) {
        let AlterTypeOperation::AddValue(add) = &alter.operation else {
            return;
        };
        let type_name = names::parts(&alter.name)
            .last()
            .cloned()
            .unwrap_or_default();
        if in_transaction && self.config.postgres_version < 12 {
            self.push(
                "enum-value-in-transaction",
                site,
                format!("before PostgreSQL 12, ALTER TYPE {type_name} ADD VALUE fails inside a transaction block"),
                "put it in a migration of its own whose first line is `-- no-transaction`",
            );
        }
        if add.position.is_some() {
            return;
        }
        let qualified_suffix = format!(".{type_name}");
        let is_this_enum =
            |data_type: &str| data_type == type_name || data_type.ends_with(&qualified_suffix);
        // Columns first, of the tables that may use the enum; then only their indexes.
        let catalog = scope.catalog();
        let users = scope.tables_using_type(&type_name);
        let indexed = users
            .iter()
            .filter_map(|key| catalog.table(key))
            .any(|table| {
                let enum_columns: Vec<&str> = table
                    .columns
                    .iter()
                    .filter(|c| is_this_enum(&c.data_type))
                    .map(|c| c.name.as_str())
                    .collect();
                !enum_columns.is_empty()
                    && table.indexes.iter().any(|index| {
                        index
                            .columns
                            .iter()
                            .any(|c| enum_columns.contains(&c.as_str()))
                    })
            });
        if indexed {
            self.push(
                "enum-value-position",
                site,
                format!("'{}' goes at the end of `{type_name}`, whose values are indexed and so sorted in declaration order", add.value.value),
                "say where it belongs with BEFORE or AFTER",
            );
        }
    }
}

/// Whether `text` can hold an identifier over PostgreSQL's limit: a run of identifier bytes
/// (quoted stretches whole, quotes included) long enough that folding could take it past 63
/// bytes (lowercasing can grow a character by half). Quotes open and close as in
/// `identifier_words`, so a `"` inside a string literal does not split a later quoted name;
/// literals count as runs too, which only over-approximates. Runs on every statement, so that
/// the word split, which allocates each word, runs only on the few statements that can fail.
fn may_hold_long_identifier(text: &str) -> bool {
    let mut run = 0;
    let mut open_quote = None;
    for byte in text.bytes() {
        let quote = byte == b'"' || byte == b'\'';
        match open_quote {
            None if quote => open_quote = Some(byte),
            Some(open) if open == byte => open_quote = None,
            _ => {}
        }
        let part = open_quote.is_some()
            || quote
            || byte == b'_'
            || byte == b'$'
            || byte.is_ascii_alphanumeric()
            || !byte.is_ascii();
        run = if part { run + 1 } else { 0 };
        if run * 3 > names::MAX_IDENTIFIER * 2 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::may_hold_long_identifier;

    #[test]
    fn short_words_skip_the_split_and_every_long_name_shape_is_kept() {
        assert!(!may_hold_long_identifier(
            "CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL DEFAULT '')"
        ));
        let long = "a".repeat(64);
        assert!(may_hold_long_identifier(&format!(
            "ALTER TABLE t ADD COLUMN {long} text"
        )));
        // Spaces and doubled quotes inside a quoted name do not break it.
        let quoted = format!("\"{} \"\"{}\"", "b".repeat(30), "c".repeat(30));
        assert!(may_hold_long_identifier(&format!(
            "CREATE TABLE {quoted} ()"
        )));
        // A `"` inside a string literal does not close or open a quoted name.
        let spaced = format!("\"{} {}\"", "d".repeat(30), "e".repeat(30));
        assert!(may_hold_long_identifier(&format!("SELECT '\"', {spaced}")));
        // 22 two-byte letters are 44 bytes, and could fold to more than 63.
        assert!(may_hold_long_identifier(&format!(
            "CREATE TABLE {} ()",
            "İ".repeat(22)
        )));
    }
}
