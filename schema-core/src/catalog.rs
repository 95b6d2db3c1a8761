//! The folded schema: what PostgreSQL would hold after every migration ran.
//!
//! Names and types are stored exactly as PostgreSQL reports them (`format_type` spelling, folded
//! identifiers, default constraint names), so that the JSON form compares one to one with an
//! introspected database. Where each object came from (`Site`) is kept for diagnostics but is
//! not part of the serialised catalog.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A place in the history: migration file index and the statement's byte range in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Site {
    pub file: usize,
    pub range: std::ops::Range<usize>,
}

/// `schema.name`, both already folded to PostgreSQL's stored spelling.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QualifiedName {
    pub schema: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// `name` in `public`, `schema.name` elsewhere: how users write it.
    pub fn display(&self) -> String {
        if self.schema == "public" {
            self.name.clone()
        } else {
            format!("{}.{}", self.schema, self.name)
        }
    }
}

impl std::fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.display())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub schemas: Vec<String>,
    pub extensions: Vec<String>,
    pub tables: IndexMap<QualifiedName, Table>,
    pub enums: IndexMap<QualifiedName, EnumType>,
    pub views: IndexMap<QualifiedName, View>,
    pub sequences: IndexMap<QualifiedName, Sequence>,
    pub functions: Vec<Function>,
    pub triggers: Vec<Trigger>,
    /// Other named types (domains, composites, ranges), by name, with their definition text.
    pub other_types: IndexMap<QualifiedName, String>,
    /// Which table holds the index of a (schema-qualified) name: indexes live inside their
    /// tables, and looking one up by name must not scan every table. Entries may be stale
    /// (a dropped index); `index_table` checks them. Kept by the fold (`register_index`) and
    /// rebuilt by `rebuild_index_owners` for catalogs made elsewhere.
    pub index_owners: std::collections::HashMap<QualifiedName, QualifiedName>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub schema: String,
    pub name: String,
    pub columns: Vec<Column>,
    pub primary_key: Option<KeyConstraint>,
    pub unique: Vec<KeyConstraint>,
    pub foreign_keys: Vec<ForeignKey>,
    pub checks: Vec<Check>,
    /// Every index on the table, including those behind primary key and unique constraints,
    /// as `pg_index` lists them.
    pub indexes: Vec<Index>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(skip)]
    pub created: Site,
    /// The partitioned table this one is a partition of: columns, keys and indexes added to
    /// the parent appear on it too.
    #[serde(skip)]
    pub partition_of: Option<QualifiedName>,
    /// `RANGE (logdate)`: the key of a partitioned table (`PARTITION BY`), as written.
    #[serde(skip)]
    pub partition_by: Option<String>,
    /// `FOR VALUES FROM (...) TO (...)`, `FOR VALUES IN (...)` or `DEFAULT`: a partition's
    /// bounds, as written.
    #[serde(skip)]
    pub partition_bound: Option<String>,
    /// The table this one `INHERITS` from: columns added to the parent appear on it too.
    #[serde(skip)]
    pub inherits: Option<QualifiedName>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub data_type: String,
    pub not_null: bool,
    pub default: Option<String>,
    /// `always` or `by default` for identity columns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub identity: Option<String>,
    /// The expression of a `GENERATED ALWAYS AS (...) STORED` column.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub generated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub comment: Option<String>,
    #[serde(skip)]
    pub added: Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyConstraint {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForeignKey {
    pub name: String,
    pub columns: Vec<String>,
    pub ref_schema: String,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    /// PostgreSQL's words: `no action`, `restrict`, `cascade`, `set null`, `set default`.
    pub on_delete: String,
    pub on_update: String,
    #[serde(skip)]
    pub added: Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    pub name: String,
    pub expression: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub name: String,
    /// Column names; an expression key is written as its SQL text.
    pub columns: Vec<String>,
    pub unique: bool,
    pub primary: bool,
    pub method: String,
    pub predicate: Option<String>,
    pub has_expressions: bool,
    /// The constraint this index implements, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub constraint: Option<String>,
    #[serde(skip)]
    pub created: Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumType {
    pub schema: String,
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View {
    pub schema: String,
    pub name: String,
    pub materialized: bool,
    /// Column names where the view lists them or its query makes them knowable.
    pub columns: Vec<String>,
    /// The tables and views the query reads.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub depends_on: Vec<QualifiedName>,
    #[serde(skip)]
    pub created: Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sequence {
    pub schema: String,
    pub name: String,
    /// `table.column` of the column that owns it (serial, identity, `OWNED BY`).
    pub owned_by: Option<String>,
    #[serde(rename = "type")]
    pub data_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Function {
    pub schema: String,
    pub name: String,
    /// Argument types as written, comma separated: the signature PostgreSQL keys it by.
    pub args: String,
    pub returns: Option<String>,
    pub language: Option<String>,
    #[serde(skip)]
    pub body: Option<String>,
    #[serde(skip)]
    pub created: Site,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub schema: String,
    pub table: String,
    pub name: String,
    pub function: String,
    #[serde(skip)]
    pub created: Site,
}

impl Catalog {
    pub fn table(&self, name: &QualifiedName) -> Option<&Table> {
        self.tables.get(name)
    }

    pub fn table_mut(&mut self, name: &QualifiedName) -> Option<&mut Table> {
        self.tables.get_mut(name)
    }

    /// Tables, views and sequences share one namespace in PostgreSQL, as do indexes.
    pub fn relation_exists(&self, name: &QualifiedName) -> bool {
        self.tables.contains_key(name)
            || self.views.contains_key(name)
            || self.sequences.contains_key(name)
            || self.index_table(name).is_some()
    }

    /// The table that holds the index called `name` (indexes live in their table's schema).
    pub fn index_table(&self, name: &QualifiedName) -> Option<QualifiedName> {
        let owner = self.index_owners.get(name)?;
        let table = self.tables.get(owner)?;
        table
            .indexes
            .iter()
            .any(|index| index.name == name.name)
            .then(|| owner.clone())
    }

    /// Records that `table` holds an index called `index` (after adding or renaming it).
    pub fn register_index(&mut self, table: &QualifiedName, index: &str) {
        self.index_owners.insert(
            QualifiedName::new(table.schema.clone(), index),
            table.clone(),
        );
    }

    /// Rebuilds the index owners from the tables (for catalogs not made by the fold).
    pub fn rebuild_index_owners(&mut self) {
        self.index_owners = self
            .tables
            .iter()
            .flat_map(|(key, table)| {
                table.indexes.iter().map(move |index| {
                    (
                        QualifiedName::new(key.schema.clone(), index.name.clone()),
                        key.clone(),
                    )
                })
            })
            .collect();
    }
}

impl Table {
    pub fn new(name: &QualifiedName, created: Site) -> Self {
        Table {
            schema: name.schema.clone(),
            name: name.name.clone(),
            columns: Vec::new(),
            primary_key: None,
            unique: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            indexes: Vec::new(),
            comment: None,
            created,
            partition_of: None,
            partition_by: None,
            partition_bound: None,
            inherits: None,
        }
    }

    pub fn qualified(&self) -> QualifiedName {
        QualifiedName::new(self.schema.clone(), self.name.clone())
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|column| column.name == name)
    }

    pub fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|column| column.name == name)
    }

    /// Every constraint name on the table (they share one namespace per table).
    pub fn constraint_names(&self) -> impl Iterator<Item = &str> {
        self.primary_key
            .iter()
            .chain(self.unique.iter())
            .map(|key| key.name.as_str())
            .chain(self.foreign_keys.iter().map(|fk| fk.name.as_str()))
            .chain(self.checks.iter().map(|check| check.name.as_str()))
    }
}
