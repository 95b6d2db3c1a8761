//! The triggers while the fold runs. `Catalog::triggers` is a list in creation order, and
//! removing from the middle of a list, or finding a table's triggers in it, costs the whole
//! list: done per dropped or renamed table, that made the fold grow with the square of the
//! history. Here each trigger has a creation number, and the numbers of each table's triggers
//! are indexed; `Folder::finish` hands the list, in the same order, to the catalog.

use crate::catalog::{QualifiedName, Trigger};
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default)]
pub(crate) struct Triggers {
    /// By creation number: iterating gives the order a list with `push`, `remove` and `retain`
    /// would have.
    by_number: BTreeMap<u64, Trigger>,
    next_number: u64,
    /// The numbers of the triggers whose `schema` and `table` name this table (exact).
    by_table: HashMap<QualifiedName, Vec<u64>>,
}

fn table_of(trigger: &Trigger) -> QualifiedName {
    QualifiedName::new(trigger.schema.clone(), trigger.table.clone())
}

impl Triggers {
    pub(crate) fn push(&mut self, trigger: Trigger) {
        let number = self.next_number;
        self.next_number += 1;
        self.by_table
            .entry(table_of(&trigger))
            .or_default()
            .push(number);
        self.by_number.insert(number, trigger);
    }

    /// The number of the trigger called `name` on `table`, if there is one.
    pub(crate) fn find(&self, table: &QualifiedName, name: &str) -> Option<u64> {
        self.by_table.get(table)?.iter().copied().find(|number| {
            self.by_number
                .get(number)
                .is_some_and(|trigger| trigger.name == name)
        })
    }

    pub(crate) fn remove(&mut self, number: u64) {
        let Some(trigger) = self.by_number.remove(&number) else {
            return;
        };
        let table = table_of(&trigger);
        if let Some(numbers) = self.by_table.get_mut(&table) {
            numbers.retain(|n| *n != number);
            if numbers.is_empty() {
                self.by_table.remove(&table);
            }
        }
    }

    /// Removes every trigger on `table`, or only those called `name`; returns how many went.
    pub(crate) fn remove_on(&mut self, table: &QualifiedName, name: Option<&str>) -> usize {
        let numbers: Vec<u64> = self
            .by_table
            .get(table)
            .into_iter()
            .flatten()
            .copied()
            .filter(|number| {
                name.is_none_or(|name| {
                    self.by_number
                        .get(number)
                        .is_some_and(|trigger| trigger.name == name)
                })
            })
            .collect();
        for number in &numbers {
            self.remove(*number);
        }
        numbers.len()
    }

    /// Removes every trigger called `name`, whatever its table; returns how many went.
    pub(crate) fn remove_named(&mut self, name: &str) -> usize {
        let numbers: Vec<u64> = self
            .by_number
            .iter()
            .filter(|(_, trigger)| trigger.name == name)
            .map(|(number, _)| *number)
            .collect();
        for number in &numbers {
            self.remove(*number);
        }
        numbers.len()
    }

    /// The triggers on `table` now name the table `new_name` (their schema stays as it was).
    pub(crate) fn rename_table(&mut self, table: &QualifiedName, new_name: &str) {
        let Some(numbers) = self.by_table.remove(table) else {
            return;
        };
        for number in &numbers {
            if let Some(trigger) = self.by_number.get_mut(number) {
                trigger.table = new_name.to_string();
            }
        }
        let renamed = QualifiedName::new(table.schema.clone(), new_name);
        let list = self.by_table.entry(renamed).or_default();
        list.extend(numbers);
        list.sort_unstable();
    }

    /// The triggers in creation order, for `Catalog::triggers`.
    pub(crate) fn into_list(self) -> Vec<Trigger> {
        self.by_number.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trigger(table: &str, name: &str) -> Trigger {
        Trigger {
            schema: "public".into(),
            table: table.into(),
            name: name.into(),
            function: "f".into(),
            created: Default::default(),
        }
    }

    fn names(triggers: Triggers) -> Vec<String> {
        triggers
            .into_list()
            .into_iter()
            .map(|t| format!("{}.{}", t.table, t.name))
            .collect()
    }

    #[test]
    fn removals_and_renames_keep_the_creation_order_a_list_would_have() {
        let mut triggers = Triggers::default();
        for (table, name) in [("a", "x"), ("b", "x"), ("a", "y"), ("c", "z"), ("b", "y")] {
            triggers.push(trigger(table, name));
        }
        let a = QualifiedName::new("public", "a");
        let b = QualifiedName::new("public", "b");
        let at = triggers.find(&a, "y").expect("a.y exists");
        triggers.remove(at);
        triggers.push(trigger("a", "y"));
        assert_eq!(triggers.find(&a, "z"), None);
        triggers.rename_table(&b, "bb");
        assert_eq!(triggers.find(&b, "x"), None);
        assert_eq!(
            triggers.remove_on(&QualifiedName::new("public", "bb"), Some("y")),
            1
        );
        assert_eq!(triggers.remove_named("z"), 1);
        assert_eq!(names(triggers), ["a.x", "bb.x", "a.y"]);
    }
}
