//! The catalog's one JSON document (`schema catalog --format json`): objects sorted by schema
//! and name so that the output is deterministic and diffable.

use crate::catalog::{Catalog, EnumType, Function, Sequence, Table, Trigger, View};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogDocument {
    pub schemas: Vec<String>,
    pub extensions: Vec<String>,
    pub tables: Vec<Table>,
    pub enums: Vec<EnumType>,
    pub views: Vec<View>,
    pub sequences: Vec<Sequence>,
    pub functions: Vec<Function>,
    pub triggers: Vec<Trigger>,
}

impl Catalog {
    pub fn to_document(&self) -> CatalogDocument {
        let mut tables: Vec<Table> = self.tables.values().cloned().collect();
        tables.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        let mut enums: Vec<EnumType> = self.enums.values().cloned().collect();
        enums.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        let mut views: Vec<View> = self.views.values().cloned().collect();
        views.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        let mut sequences: Vec<Sequence> = self.sequences.values().cloned().collect();
        sequences.sort_by(|a, b| (&a.schema, &a.name).cmp(&(&b.schema, &b.name)));
        let mut functions = self.functions.clone();
        functions.sort_by(|a, b| (&a.schema, &a.name, &a.args).cmp(&(&b.schema, &b.name, &b.args)));
        let mut triggers = self.triggers.clone();
        triggers
            .sort_by(|a, b| (&a.schema, &a.table, &a.name).cmp(&(&b.schema, &b.table, &b.name)));
        let mut schemas = self.schemas.clone();
        schemas.sort();
        let mut extensions = self.extensions.clone();
        extensions.sort();
        CatalogDocument {
            schemas,
            extensions,
            tables,
            enums,
            views,
            sequences,
            functions,
            triggers,
        }
    }

    /// The same document on one line (what the macro embeds: smaller to compile).
    pub fn to_json_compact(&self) -> String {
        serde_json::to_string(&self.to_document()).unwrap_or_else(|error| {
            format!("{{\"error\":\"catalog serialisation failed: {error}\"}}")
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.to_document()).unwrap_or_else(|error| {
            // Serialising plain strings and vectors cannot fail; say so loudly if it ever does.
            format!("{{\"error\":\"catalog serialisation failed: {error}\"}}")
        })
    }
}
