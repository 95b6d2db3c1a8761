//! Data statements (INSERT, UPDATE, DELETE, TRUNCATE): they change no schema, but the tables
//! and columns they name must exist when they run.

use super::Folder;
use crate::names;
use sqlparser::ast::{FromTable, Statement, TableFactor, TableObject};

impl Folder<'_> {
    pub(crate) fn data_statement(&mut self, statement: &Statement) {
        match statement {
            Statement::Insert(insert) => {
                if let TableObject::TableName(name) = &insert.table {
                    let table = self.resolve_table(name);
                    if self.require_table_at(&table, "INSERT INTO targets", Some(name)) {
                        let columns: Vec<String> = insert
                            .columns
                            .iter()
                            .filter_map(|c| names::parts(c).last().cloned())
                            .collect();
                        self.columns_exist(&table, &columns, "INSERT");
                    }
                }
            }
            Statement::Update(update) => {
                if let TableFactor::Table { name, .. } = &update.table.relation {
                    let table = self.resolve_table(name);
                    self.require_table_at(&table, "UPDATE targets", Some(name));
                }
            }
            Statement::Delete(delete) => {
                let tables = match &delete.from {
                    FromTable::WithFromKeyword(tables) | FromTable::WithoutKeyword(tables) => {
                        tables
                    }
                };
                for table in tables {
                    if let TableFactor::Table { name, .. } = &table.relation {
                        let table = self.resolve_table(name);
                        self.require_table_at(&table, "DELETE FROM targets", Some(name));
                    }
                }
            }
            Statement::Truncate(truncate) => {
                for target in &truncate.table_names {
                    let table = self.resolve_table(&target.name);
                    if !truncate.if_exists {
                        self.require_table(&table, "TRUNCATE targets");
                    }
                }
            }
            _ => {}
        }
    }
}
