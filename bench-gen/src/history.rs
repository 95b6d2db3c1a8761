//! The model of the schema as the history builds it, and one generator per kind of change.
//! Every step reads the model, so each statement refers only to what exists at that point.

use crate::rng::Rng;
use std::fmt::Write;

const NOUNS: &[&str] = &[
    "account",
    "invoice",
    "order",
    "ticket",
    "comment",
    "post",
    "tag",
    "team",
    "project",
    "payment",
    "session",
    "device",
    "event",
    "report",
    "message",
    "channel",
    "subscription",
    "shipment",
    "product",
    "review",
    "notification",
    "webhook",
    "audit_entry",
    "asset",
];
const ATTRIBUTES: &[&str] = &[
    "title",
    "status",
    "amount",
    "description",
    "email",
    "score",
    "priority",
    "label",
    "note",
    "locale",
    "currency",
    "source",
    "external_ref",
    "visibility",
    "quantity",
    "rank",
    "payload",
    "color",
    "region",
    "archived",
    "verified",
    "expires_at",
    "started_at",
    "version",
    "checksum",
];

/// Why a change was made, as migration comments say it.
const RATIONALES: &[&str] = &[
    "Requested by the billing team; the old column could not hold multi-currency values.",
    "Needed for the new search page, which filters and sorts on this column.",
    "Cleanup after the 2.0 release: nothing reads this any more (checked the query logs).",
    "Backfill in the same migration so that the NOT NULL below holds for existing rows.",
    "The mobile client sends this since version 3.4; older rows keep the default.",
    "See the incident review: lookups by this column were doing sequential scans.",
    "Split out of the big table so that hot rows stay small.",
];

#[derive(Clone, Copy, PartialEq)]
enum ColumnType {
    Text,
    Varchar(u16),
    Integer,
    BigInt,
    Boolean,
    Timestamptz,
    Numeric,
    Jsonb,
    Uuid,
    /// Index into `History::enums`.
    Enum(usize),
}

struct Column {
    name: String,
    ty: ColumnType,
    nullable: bool,
    /// Used by an index, a view, a trigger or a foreign key: never dropped, renamed or retyped
    /// (PostgreSQL would refuse or cascade, and realistic histories don't).
    pinned: bool,
}

struct Table {
    name: String,
    columns: Vec<Column>,
    /// Other tables or views depend on it: never dropped or renamed.
    pinned: bool,
    dropped: bool,
    indexes: Vec<String>,
}

pub struct History {
    rng: Rng,
    tables: Vec<Table>,
    enums: Vec<(String, Vec<String>)>,
    views: usize,
    functions: usize,
    names: usize,
    pub statements: usize,
}

/// Kinds of change and their weights, from counting the `shared/corpora` histories (many
/// ALTERs, one CREATE TABLE in six statements, few types and views).
const STEP_WEIGHTS: &[u32] = &[
    12, // create table
    15, // add column
    6,  // drop column
    2,  // rename column
    1,  // rename table
    9,  // change a column's type
    6,  // nullability or default
    3,  // drop table
    9,  // create index
    1,  // drop index
    2,  // enum: create, or add a value
    2,  // view
    2,  // function and trigger
    4,  // foreign key added later
    8,  // backfill (UPDATE / INSERT)
    2,  // comment
];

impl History {
    pub fn new(seed: u64) -> History {
        History {
            rng: Rng::new(seed),
            tables: Vec::new(),
            enums: Vec::new(),
            views: 0,
            functions: 0,
            names: 0,
            statements: 0,
        }
    }

    pub fn live_tables(&self) -> usize {
        self.tables.iter().filter(|t| !t.dropped).count()
    }

    /// One file of a mixed history: a few steps of one kind or several, with the name of the
    /// first as the file's name.
    pub fn mixed_migration(&mut self, index: usize) -> (String, String) {
        let mut sql = String::new();
        if index == 0 {
            sql.push_str(
                "-- shared trigger function: keeps updated_at current\n\
                 CREATE OR REPLACE FUNCTION set_updated_at() RETURNS trigger\n\
                 LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at = now();\n    RETURN NEW;\nEND;\n$$;\n\n",
            );
            self.statements += 1;
            let name = self.create_table(&mut sql);
            return (format!("create_{name}"), sql);
        }
        let steps = *self.rng.pick(&[2, 3, 4, 5, 6, 7, 8, 10, 12, 14]);
        let mut name = String::new();
        for _ in 0..steps {
            let mut step_sql = String::new();
            let step_name = self.step(&mut step_sql);
            if name.is_empty() {
                name = step_name.clone();
                let _ = writeln!(
                    sql,
                    "-- Migration {index}: {}.\n-- {}\n",
                    step_name.replace('_', " "),
                    self.rng.pick(RATIONALES)
                );
            }
            if self.rng.chance(75) {
                let _ = writeln!(
                    sql,
                    "-- {}: {}",
                    step_name.replace('_', " "),
                    self.rng.pick(RATIONALES)
                );
            }
            sql.push_str(&step_sql);
            sql.push('\n');
        }
        (name, sql)
    }

    pub fn migration_of_creates(&mut self, tables: usize) -> (String, String) {
        let mut sql = String::new();
        let mut name = String::new();
        for _ in 0..tables {
            let table = self.create_table(&mut sql);
            if name.is_empty() {
                name = format!("create_{table}");
            }
            sql.push('\n');
        }
        (name, sql)
    }

    fn step(&mut self, sql: &mut String) -> String {
        if self.live_tables() < 3 {
            return format!("create_{}", self.create_table(sql));
        }
        let done = match self.rng.weighted(STEP_WEIGHTS) {
            0 => Some(format!("create_{}", self.create_table(sql))),
            1 => self.add_column(sql),
            2 => self.drop_column(sql),
            3 => self.rename_column(sql),
            4 => self.rename_table(sql),
            5 => self.change_type(sql),
            6 => self.change_nullability_or_default(sql),
            7 => self.drop_table(sql),
            8 => self.create_index(sql),
            9 => self.drop_index(sql),
            10 => self.enum_step(sql),
            11 => self.create_view(sql),
            12 => self.function_and_trigger(sql),
            13 => self.add_foreign_key(sql),
            14 => self.backfill(sql),
            _ => self.comment(sql),
        };
        // A step that found nothing to act on (no droppable column, say) adds a column instead.
        match done {
            Some(name) => name,
            None => self
                .add_column(sql)
                .unwrap_or_else(|| format!("create_{}", self.create_table(sql))),
        }
    }

    fn fresh_name(&mut self, words: &[&str]) -> String {
        self.names += 1;
        format!("{}_{}", self.rng.pick(words), self.names)
    }

    fn random_type(&mut self) -> ColumnType {
        match self.rng.weighted(&[20, 18, 12, 10, 10, 12, 5, 5, 4, 4]) {
            0 => ColumnType::Text,
            1 => ColumnType::Varchar(*self.rng.pick(&[32, 64, 100, 255])),
            2 => ColumnType::Integer,
            3 => ColumnType::BigInt,
            4 => ColumnType::Boolean,
            5 => ColumnType::Timestamptz,
            6 => ColumnType::Numeric,
            7 => ColumnType::Jsonb,
            8 => ColumnType::Uuid,
            _ if !self.enums.is_empty() => {
                ColumnType::Enum(self.rng.range(0, self.enums.len() - 1))
            }
            _ => ColumnType::Text,
        }
    }

    fn type_sql(&self, ty: ColumnType) -> String {
        match ty {
            ColumnType::Text => "TEXT".into(),
            ColumnType::Varchar(n) => format!("VARCHAR({n})"),
            ColumnType::Integer => "INTEGER".into(),
            ColumnType::BigInt => "BIGINT".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Timestamptz => "TIMESTAMPTZ".into(),
            ColumnType::Numeric => "NUMERIC(12, 2)".into(),
            ColumnType::Jsonb => "JSONB".into(),
            ColumnType::Uuid => "UUID".into(),
            ColumnType::Enum(index) => self.enums[index].0.clone(),
        }
    }

    fn default_sql(&self, ty: ColumnType) -> String {
        match ty {
            ColumnType::Text | ColumnType::Varchar(_) => "''".into(),
            ColumnType::Integer | ColumnType::BigInt | ColumnType::Numeric => "0".into(),
            ColumnType::Boolean => "FALSE".into(),
            ColumnType::Timestamptz => "now()".into(),
            ColumnType::Jsonb => "'{}'::jsonb".into(),
            ColumnType::Uuid => "gen_random_uuid()".into(),
            ColumnType::Enum(index) => format!("'{}'", self.enums[index].1[0]),
        }
    }

    /// A live table, drawn with a bias towards recent ones (histories touch what they just made).
    fn live_table(&mut self, unpinned_only: bool) -> Option<usize> {
        let candidates: Vec<usize> = (0..self.tables.len())
            .filter(|&i| {
                let table = &self.tables[i];
                !table.dropped && (!unpinned_only || !table.pinned)
            })
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let recent = candidates.len().saturating_sub(20);
        let from = if self.rng.chance(60) { recent } else { 0 };
        Some(candidates[self.rng.range(from, candidates.len() - 1)])
    }

    fn free_column(&mut self, table: usize) -> Option<usize> {
        let free: Vec<usize> = (0..self.tables[table].columns.len())
            .filter(|&c| !self.tables[table].columns[c].pinned)
            .collect();
        (!free.is_empty()).then(|| *self.rng.pick(&free))
    }

    fn column_name(&mut self, table: usize) -> String {
        let word = *self.rng.pick(ATTRIBUTES);
        if self.tables[table].columns.iter().any(|c| c.name == word) {
            self.names += 1;
            format!("{word}_{}", self.names)
        } else {
            word.to_string()
        }
    }

    fn create_table(&mut self, sql: &mut String) -> String {
        let name = self.fresh_name(NOUNS);
        let table = self.tables.len();
        self.tables.push(Table {
            name: name.clone(),
            columns: vec![Column {
                name: "id".into(),
                ty: ColumnType::BigInt,
                nullable: false,
                pinned: true,
            }],
            pinned: false,
            dropped: false,
            indexes: Vec::new(),
        });
        let _ = writeln!(sql, "CREATE TABLE {name} (\n    id BIGSERIAL PRIMARY KEY,");
        let mut foreign_keys = Vec::new();
        for _ in 0..self.rng.range(0, 2) {
            if let Some(parent) = self.live_table(false).filter(|&p| p != table)
                && !foreign_keys.contains(&parent)
            {
                foreign_keys.push(parent);
            }
        }
        for &parent in &foreign_keys {
            let parent_name = self.tables[parent].name.clone();
            let column = format!("{parent_name}_id");
            let nullable = self.rng.chance(30);
            let on_delete = *self
                .rng
                .pick(&["", " ON DELETE CASCADE", " ON DELETE SET NULL"]);
            let not_null = if nullable { "" } else { " NOT NULL" };
            let _ = writeln!(
                sql,
                "    {column} BIGINT{not_null} REFERENCES {parent_name}(id){on_delete},"
            );
            self.tables[parent].pinned = true;
            self.tables[table].columns.push(Column {
                name: column,
                ty: ColumnType::BigInt,
                nullable,
                pinned: true,
            });
        }
        for _ in 0..self.rng.range(2, 10) {
            let column = self.column_name(table);
            let ty = self.random_type();
            let nullable = self.rng.chance(55);
            let mut line = format!("    {column} {}", self.type_sql(ty));
            if !nullable {
                line.push_str(" NOT NULL");
                if self.rng.chance(50) {
                    let _ = write!(line, " DEFAULT {}", self.default_sql(ty));
                }
            }
            if matches!(ty, ColumnType::Integer | ColumnType::Numeric) && self.rng.chance(20) {
                let _ = write!(line, " CHECK ({column} >= 0)");
            }
            let _ = writeln!(sql, "{line},");
            self.tables[table].columns.push(Column {
                name: column,
                ty,
                nullable,
                pinned: matches!(ty, ColumnType::Enum(_)),
            });
        }
        let with_updated_at = self.rng.chance(50);
        sql.push_str("    created_at TIMESTAMPTZ NOT NULL DEFAULT now()");
        if with_updated_at {
            sql.push_str(",\n    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()");
        }
        sql.push_str("\n);\n");
        self.statements += 1;
        for (name, ty) in [("created_at", true), ("updated_at", with_updated_at)] {
            if ty {
                self.tables[table].columns.push(Column {
                    name: name.into(),
                    ty: ColumnType::Timestamptz,
                    nullable: false,
                    pinned: true,
                });
            }
        }
        for &parent in &foreign_keys {
            let column = format!("{}_id", self.tables[parent].name);
            self.index_on(sql, table, &[column], false);
        }
        if with_updated_at {
            let _ = writeln!(
                sql,
                "CREATE TRIGGER {name}_set_updated_at BEFORE UPDATE ON {name}\n    \
                 FOR EACH ROW EXECUTE FUNCTION set_updated_at();"
            );
            self.statements += 1;
        }
        name
    }

    fn index_on(&mut self, sql: &mut String, table: usize, columns: &[String], unique: bool) {
        let table_name = &self.tables[table].name;
        let index = format!("{table_name}_{}_idx", columns.join("_"));
        if self.tables[table].indexes.contains(&index) {
            return;
        }
        let unique_sql = if unique { "UNIQUE " } else { "" };
        let _ = writeln!(
            sql,
            "CREATE {unique_sql}INDEX IF NOT EXISTS {index} ON {table_name} ({});",
            columns.join(", ")
        );
        self.statements += 1;
        self.tables[table].indexes.push(index);
        for column in &mut self.tables[table].columns {
            if columns.contains(&column.name) {
                column.pinned = true;
            }
        }
    }

    fn add_column(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let count = *self.rng.pick(&[1, 1, 1, 2, 3]);
        let mut clauses = Vec::new();
        let mut first = String::new();
        for _ in 0..count {
            let column = self.column_name(table);
            let ty = self.random_type();
            let nullable = self.rng.chance(65);
            let mut clause = format!("ADD COLUMN {column} {}", self.type_sql(ty));
            if !nullable {
                let _ = write!(clause, " NOT NULL DEFAULT {}", self.default_sql(ty));
            }
            clauses.push(clause);
            if first.is_empty() {
                first = column.clone();
            }
            self.tables[table].columns.push(Column {
                name: column,
                ty,
                nullable,
                pinned: matches!(ty, ColumnType::Enum(_)),
            });
        }
        let table_name = &self.tables[table].name;
        let _ = writeln!(
            sql,
            "ALTER TABLE {table_name}\n    {};",
            clauses.join(",\n    ")
        );
        self.statements += 1;
        Some(format!("add_{first}_to_{table_name}"))
    }

    fn drop_column(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let column = self.free_column(table)?;
        let removed = self.tables[table].columns.remove(column);
        let table_name = &self.tables[table].name;
        let if_exists = if self.rng.chance(30) {
            "IF EXISTS "
        } else {
            ""
        };
        let _ = writeln!(
            sql,
            "ALTER TABLE {table_name} DROP COLUMN {if_exists}{};",
            removed.name
        );
        self.statements += 1;
        Some(format!("drop_{}_from_{table_name}", removed.name))
    }

    fn rename_column(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let column = self.free_column(table)?;
        let new_name = self.column_name(table);
        let old_name = std::mem::replace(&mut self.tables[table].columns[column].name, new_name);
        let table_name = &self.tables[table].name;
        let new_name = &self.tables[table].columns[column].name;
        let _ = writeln!(
            sql,
            "ALTER TABLE {table_name} RENAME COLUMN {old_name} TO {new_name};"
        );
        self.statements += 1;
        Some(format!("rename_{old_name}_in_{table_name}"))
    }

    fn rename_table(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(true)?;
        // Indexes and triggers keep their names when a table is renamed, so the new name must
        // not make an index name we would generate later collide with an existing one.
        if !self.tables[table].indexes.is_empty()
            || self.tables[table]
                .columns
                .iter()
                .any(|c| c.name == "updated_at")
        {
            return None;
        }
        let new_name = self.fresh_name(NOUNS);
        let old_name = std::mem::replace(&mut self.tables[table].name, new_name.clone());
        let _ = writeln!(sql, "ALTER TABLE {old_name} RENAME TO {new_name};");
        self.statements += 1;
        Some(format!("rename_{old_name}"))
    }

    fn change_type(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let column = self.free_column(table)?;
        let (new_type, using) = match self.tables[table].columns[column].ty {
            ColumnType::Varchar(n) if n < 255 => (ColumnType::Varchar(n * 2), false),
            ColumnType::Varchar(_) => (ColumnType::Text, false),
            ColumnType::Integer => (ColumnType::BigInt, false),
            ColumnType::Text => (ColumnType::Jsonb, true),
            ColumnType::Timestamptz | ColumnType::BigInt => (ColumnType::Text, false),
            ColumnType::Numeric => (ColumnType::Text, false),
            _ => return None,
        };
        let type_sql = self.type_sql(new_type);
        let Table { name, columns, .. } = &mut self.tables[table];
        let entry = &mut columns[column];
        entry.ty = new_type;
        let using = if using {
            format!(" USING {}::{type_sql}", entry.name)
        } else {
            String::new()
        };
        let _ = writeln!(
            sql,
            "ALTER TABLE {name} ALTER COLUMN {} TYPE {type_sql}{using};",
            entry.name
        );
        self.statements += 1;
        Some(format!("change_{}_type", entry.name))
    }

    fn change_nullability_or_default(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let column = self.free_column(table)?;
        let ty = self.tables[table].columns[column].ty;
        let default = self.default_sql(ty);
        let Table {
            name: table_name,
            columns,
            ..
        } = &mut self.tables[table];
        let entry = &mut columns[column];
        let name = &entry.name;
        if entry.nullable {
            let _ = writeln!(
                sql,
                "UPDATE {table_name} SET {name} = {default} WHERE {name} IS NULL;"
            );
            let _ = writeln!(
                sql,
                "ALTER TABLE {table_name} ALTER COLUMN {name} SET NOT NULL;"
            );
            self.statements += 2;
        } else {
            let _ = writeln!(
                sql,
                "ALTER TABLE {table_name} ALTER COLUMN {name} DROP NOT NULL, ALTER COLUMN {name} DROP DEFAULT;"
            );
            self.statements += 1;
        }
        entry.nullable = !entry.nullable;
        Some(format!("{name}_nullability"))
    }

    fn drop_table(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(true)?;
        self.tables[table].dropped = true;
        let name = &self.tables[table].name;
        let _ = writeln!(sql, "DROP TABLE IF EXISTS {name};");
        self.statements += 1;
        Some(format!("drop_{name}"))
    }

    fn create_index(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let first = self.free_column(table)?;
        let mut columns = vec![self.tables[table].columns[first].name.clone()];
        if self.rng.chance(25) {
            columns.push("created_at".into());
        }
        let unique = self.rng.chance(20);
        self.index_on(sql, table, &columns, unique);
        Some(format!("index_{}", self.tables[table].name))
    }

    fn drop_index(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let indexes = &mut self.tables[table].indexes;
        if indexes.is_empty() {
            return None;
        }
        // The columns stay pinned: cheaper than tracking which index pinned which.
        let index = indexes.remove(0);
        let _ = writeln!(sql, "DROP INDEX IF EXISTS {index};");
        self.statements += 1;
        Some(format!("drop_{index}"))
    }

    fn enum_step(&mut self, sql: &mut String) -> Option<String> {
        if !self.enums.is_empty() && self.rng.chance(40) {
            let index = self.rng.range(0, self.enums.len() - 1);
            self.names += 1;
            let value = format!("state_{}", self.names);
            let _ = writeln!(
                sql,
                "ALTER TYPE {} ADD VALUE IF NOT EXISTS '{value}';",
                self.enums[index].0
            );
            self.enums[index].1.push(value);
            self.statements += 1;
            return Some(format!("extend_{}", self.enums[index].0));
        }
        let name = format!("{}_kind", self.fresh_name(NOUNS));
        let values: Vec<String> = ["draft", "active", "suspended", "closed"]
            [..self.rng.range(2, 4)]
            .iter()
            .map(|v| v.to_string())
            .collect();
        let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
        let _ = writeln!(sql, "CREATE TYPE {name} AS ENUM ({});", quoted.join(", "));
        self.statements += 1;
        self.enums.push((name.clone(), values));
        // The new type is used at once, as histories do.
        let table = self.live_table(false)?;
        let column = self.column_name(table);
        let index = self.enums.len() - 1;
        let default = self.default_sql(ColumnType::Enum(index));
        let table_name = &self.tables[table].name;
        let _ = writeln!(
            sql,
            "ALTER TABLE {table_name} ADD COLUMN {column} {name} NOT NULL DEFAULT {default};"
        );
        self.statements += 1;
        self.tables[table].columns.push(Column {
            name: column,
            ty: ColumnType::Enum(index),
            nullable: false,
            pinned: true,
        });
        Some(format!("create_{name}"))
    }

    fn create_view(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        self.views += 1;
        let view = format!("{}_summary_{}", self.tables[table].name, self.views);
        let shown = self.free_column(table);
        let entry = &mut self.tables[table];
        entry.pinned = true;
        let mut select = vec!["t.id".to_string(), "t.created_at".to_string()];
        if let Some(column) = shown {
            entry.columns[column].pinned = true;
            select.push(format!("t.{}", entry.columns[column].name));
        }
        let _ = writeln!(
            sql,
            "CREATE OR REPLACE VIEW {view} AS\n    SELECT {}\n    FROM {} t\n    WHERE t.created_at > now() - interval '90 days';",
            select.join(", "),
            entry.name
        );
        self.statements += 1;
        Some(format!("create_{view}"))
    }

    fn function_and_trigger(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        self.functions += 1;
        let table_name = self.tables[table].name.clone();
        let function = format!("{table_name}_audit_{}", self.functions);
        let _ = writeln!(
            sql,
            "CREATE OR REPLACE FUNCTION {function}() RETURNS trigger\nLANGUAGE plpgsql AS $body$\n\
             DECLARE\n    changed_by text := current_setting('app.user', true);\n\
             BEGIN\n    -- keep a trail; the ';' inside the body must not end the statement\n    \
             IF TG_OP = 'INSERT' THEN\n        RAISE NOTICE '{table_name} row % created by %', NEW.id, changed_by;\n    \
             ELSIF NEW IS DISTINCT FROM OLD THEN\n        RAISE NOTICE '{table_name} row % changed by %', NEW.id, changed_by;\n    \
             END IF;\n    RETURN NEW;\nEND;\n$body$;"
        );
        let _ = writeln!(
            sql,
            "CREATE TRIGGER {function}_trigger AFTER INSERT OR UPDATE ON {table_name}\n    \
             FOR EACH ROW EXECUTE FUNCTION {function}();"
        );
        self.statements += 2;
        self.tables[table].pinned = true;
        Some(format!("create_{function}"))
    }

    fn add_foreign_key(&mut self, sql: &mut String) -> Option<String> {
        let child = self.live_table(false)?;
        let parent = self.live_table(false).filter(|&p| p != child)?;
        let parent_name = self.tables[parent].name.clone();
        let column = format!("{parent_name}_id");
        if self.tables[child].columns.iter().any(|c| c.name == column) {
            return None;
        }
        let child_name = self.tables[child].name.clone();
        let _ = writeln!(sql, "ALTER TABLE {child_name} ADD COLUMN {column} BIGINT;");
        let _ = writeln!(
            sql,
            "ALTER TABLE {child_name} ADD CONSTRAINT {child_name}_{column}_fkey\n    \
             FOREIGN KEY ({column}) REFERENCES {parent_name}(id) ON DELETE SET NULL;"
        );
        self.statements += 2;
        self.tables[parent].pinned = true;
        self.tables[child].columns.push(Column {
            name: column.clone(),
            ty: ColumnType::BigInt,
            nullable: true,
            pinned: true,
        });
        self.index_on(sql, child, &[column], false);
        Some(format!("link_{child_name}_to_{parent_name}"))
    }

    fn backfill(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let column = self.free_column(table)?;
        let ty = self.tables[table].columns[column].ty;
        let default = self.default_sql(ty);
        let table_name = &self.tables[table].name;
        let name = &self.tables[table].columns[column].name;
        if self.rng.chance(70) {
            let _ = writeln!(
                sql,
                "UPDATE {table_name}\n    SET {name} = {default}\n    WHERE {name} IS DISTINCT FROM {default} AND id % 2 = 0;"
            );
        } else {
            let _ = writeln!(
                sql,
                "INSERT INTO {table_name} ({name}) SELECT {default} WHERE NOT EXISTS (SELECT 1 FROM {table_name});"
            );
        }
        self.statements += 1;
        Some(format!("backfill_{name}"))
    }

    fn comment(&mut self, sql: &mut String) -> Option<String> {
        let table = self.live_table(false)?;
        let table_name = &self.tables[table].name;
        let _ = writeln!(
            sql,
            "COMMENT ON TABLE {table_name} IS 'Rows of {table_name}; see the product docs (it''s maintained).';"
        );
        self.statements += 1;
        Some(format!("document_{table_name}"))
    }
}
