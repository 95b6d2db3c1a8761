//! The foreign-key graph of the folded catalog, in phases: tables that depend on nothing first,
//! then tables whose every dependency is in an earlier phase. Tables on a foreign-key cycle
//! share a phase, and the cycle is reported (never hidden): whoever creates them must add the
//! foreign keys of the cycle after the tables (`squash` does).
//!
//! Tables the history references but never creates (`missing`) are nodes too: others depend on
//! them, so they land in phase 1 and a reader sees what the baseline lacks.
//!
//! Architecture invariant: pure and deterministic; within a phase tables are sorted by name.

use crate::catalog::{Catalog, QualifiedName};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The phases, one topological order, and every cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DependencyPlan {
    pub phases: Vec<Phase>,
    /// Every node, phase by phase: an order in which the tables can be created.
    pub order: Vec<QualifiedName>,
    /// Each cycle's tables, sorted by name; cycles sorted by their first table.
    pub cycles: Vec<Vec<QualifiedName>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    /// 1-based.
    pub number: usize,
    pub tables: Vec<PlannedTable>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlannedTable {
    pub name: QualifiedName,
    pub kind: NodeKind,
    /// The other tables its foreign keys reference, sorted (itself left out).
    pub depends_on: Vec<QualifiedName>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// Created by the migrations.
    Table,
    /// Referenced, never created: a `missing-table` error.
    Missing,
    /// Referenced, never created, and declared as created elsewhere (`external_tables`, a
    /// migration tool's table).
    External,
}

impl DependencyPlan {
    /// True when `from` and `to` are distinct tables on one cycle: a foreign key between them
    /// cannot be declared inside `CREATE TABLE`.
    pub fn on_one_cycle(&self, from: &QualifiedName, to: &QualifiedName) -> bool {
        from != to
            && self
                .cycles
                .iter()
                .any(|cycle| cycle.contains(from) && cycle.contains(to))
    }

    /// The phase of `name`, if it is a node.
    pub fn phase_of(&self, name: &QualifiedName) -> Option<usize> {
        self.phases
            .iter()
            .find(|phase| phase.tables.iter().any(|table| &table.name == name))
            .map(|phase| phase.number)
    }

    /// Plain text for `schema plan`: the phases with each table's dependencies, the cycles,
    /// then the order.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for phase in &self.phases {
            let heading = if phase.number == 1 {
                "no dependencies"
            } else {
                "depends on earlier phases"
            };
            out.push_str(&format!("phase {} ({heading}):\n", phase.number));
            for table in &phase.tables {
                out.push_str(&format!("  {}", table.name));
                if !table.depends_on.is_empty() {
                    let names: Vec<String> = table
                        .depends_on
                        .iter()
                        .map(QualifiedName::display)
                        .collect();
                    out.push_str(&format!(" -> {}", names.join(", ")));
                }
                match table.kind {
                    NodeKind::Table => {}
                    NodeKind::Missing => out.push_str("  [missing: no migration creates it]"),
                    NodeKind::External => out.push_str("  [external]"),
                }
                out.push('\n');
            }
        }
        if self.cycles.is_empty() {
            out.push_str("cycles: none\n");
        } else {
            for cycle in &self.cycles {
                let names: Vec<String> = cycle.iter().map(QualifiedName::display).collect();
                out.push_str(&format!(
                    "cycle: {} (their foreign keys must be added after the tables)\n",
                    names.join(", ")
                ));
            }
        }
        let order: Vec<String> = self.order.iter().map(QualifiedName::display).collect();
        out.push_str(&format!("order: {}\n", order.join(", ")));
        out
    }
}

/// The plan of `catalog`'s foreign-key graph; `missing` are the tables the history references
/// but never creates.
pub fn plan(catalog: &Catalog, missing: &[QualifiedName]) -> DependencyPlan {
    let mut edges: BTreeMap<QualifiedName, BTreeSet<QualifiedName>> = BTreeMap::new();
    let mut kinds: BTreeMap<QualifiedName, NodeKind> = BTreeMap::new();
    for (name, table) in &catalog.tables {
        kinds.insert(name.clone(), NodeKind::Table);
        let targets = edges.entry(name.clone()).or_default();
        for foreign_key in &table.foreign_keys {
            let target = QualifiedName::new(&foreign_key.ref_schema, &foreign_key.ref_table);
            if &target != name {
                targets.insert(target);
            }
        }
    }
    for name in missing {
        if !kinds.contains_key(name) {
            kinds.insert(name.clone(), NodeKind::Missing);
            edges.entry(name.clone()).or_default();
        }
    }
    let targets: Vec<QualifiedName> = edges.values().flatten().cloned().collect();
    for target in targets {
        if !kinds.contains_key(&target) {
            kinds.insert(target.clone(), NodeKind::External);
            edges.entry(target).or_default();
        }
    }

    let components = strongly_connected(&edges);
    let component_of: BTreeMap<&QualifiedName, usize> = components
        .iter()
        .enumerate()
        .flat_map(|(index, members)| members.iter().map(move |name| (name, index)))
        .collect();
    // Tarjan emits a component after every component it reaches: dependencies come first.
    let mut level = vec![0usize; components.len()];
    for (index, members) in components.iter().enumerate() {
        let deepest = members
            .iter()
            .flat_map(|name| &edges[name])
            .map(|target| component_of[target])
            .filter(|target| *target != index)
            .map(|target| level[target] + 1)
            .max()
            .unwrap_or(0);
        level[index] = deepest;
    }

    let phase_count = level.iter().max().map_or(0, |deepest| deepest + 1);
    let mut phases: Vec<Phase> = (0..phase_count)
        .map(|index| Phase {
            number: index + 1,
            tables: Vec::new(),
        })
        .collect();
    for (name, targets) in &edges {
        phases[level[component_of[name]]].tables.push(PlannedTable {
            name: name.clone(),
            kind: kinds[name],
            depends_on: targets.iter().cloned().collect(),
        });
    }
    let order = phases
        .iter()
        .flat_map(|phase| phase.tables.iter().map(|table| table.name.clone()))
        .collect();
    let mut cycles: Vec<Vec<QualifiedName>> = components
        .into_iter()
        .filter(|members| members.len() > 1)
        .map(|mut members| {
            members.sort();
            members
        })
        .collect();
    cycles.sort();
    DependencyPlan {
        phases,
        order,
        cycles,
    }
}

/// Tarjan's strongly connected components, each emitted after the components it points to.
fn strongly_connected(
    edges: &BTreeMap<QualifiedName, BTreeSet<QualifiedName>>,
) -> Vec<Vec<QualifiedName>> {
    struct State<'a> {
        edges: &'a BTreeMap<QualifiedName, BTreeSet<QualifiedName>>,
        index: BTreeMap<&'a QualifiedName, usize>,
        low: BTreeMap<&'a QualifiedName, usize>,
        stack: Vec<&'a QualifiedName>,
        on_stack: BTreeSet<&'a QualifiedName>,
        components: Vec<Vec<QualifiedName>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a QualifiedName) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in &state.edges[node] {
            if !state.index.contains_key(target) {
                visit(state, target);
                let low = state.low[node].min(state.low[target]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.low[node].min(state.index[target]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut members = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                members.push(member.clone());
                if member == node {
                    break;
                }
            }
            state.components.push(members);
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        components: Vec::new(),
    };
    for node in edges.keys() {
        if !state.index.contains_key(node) {
            visit(&mut state, node);
        }
    }
    state.components
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{ForeignKey, Table};

    fn table(name: &str, references: &[&str]) -> (QualifiedName, Table) {
        let qualified = QualifiedName::new("public", name);
        let mut table = Table::new(&qualified, Default::default());
        for target in references {
            table.foreign_keys.push(ForeignKey {
                name: format!("{name}_{target}_fkey"),
                columns: vec![format!("{target}_id")],
                ref_schema: "public".into(),
                ref_table: (*target).into(),
                ref_columns: vec!["id".into()],
                on_delete: "no action".into(),
                on_update: "no action".into(),
                added: Default::default(),
            });
        }
        (qualified, table)
    }

    fn catalog(tables: &[(&str, &[&str])]) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, references) in tables {
            let (qualified, table) = table(name, references);
            catalog.tables.insert(qualified, table);
        }
        catalog
    }

    fn names(plan: &DependencyPlan) -> Vec<Vec<String>> {
        plan.phases
            .iter()
            .map(|phase| phase.tables.iter().map(|t| t.name.display()).collect())
            .collect()
    }

    #[test]
    fn tables_without_dependencies_come_first() {
        let catalog = catalog(&[
            ("comments", &["posts", "accounts"]),
            ("posts", &["accounts"]),
            ("accounts", &[]),
        ]);
        let plan = plan(&catalog, &[]);
        assert_eq!(
            names(&plan),
            vec![vec!["accounts"], vec!["posts"], vec!["comments"]]
        );
        assert!(plan.cycles.is_empty());
    }

    #[test]
    fn missing_tables_are_phase_one_nodes() {
        let catalog = catalog(&[("tickets", &["users"]), ("feedback", &[])]);
        let missing = [
            QualifiedName::new("public", "users"),
            QualifiedName::new("public", "system_config"),
        ];
        let plan = plan(&catalog, &missing);
        assert_eq!(
            names(&plan),
            vec![vec!["feedback", "system_config", "users"], vec!["tickets"]]
        );
        assert_eq!(plan.phases[0].tables[2].kind, NodeKind::Missing);
    }

    #[test]
    fn cycles_share_a_phase_and_are_reported() {
        let catalog = catalog(&[
            ("a", &["b"]),
            ("b", &["a", "root"]),
            ("root", &[]),
            ("tree", &["tree"]),
            ("leaf", &["a"]),
        ]);
        let plan = plan(&catalog, &[]);
        assert_eq!(
            names(&plan),
            vec![vec!["root", "tree"], vec!["a", "b"], vec!["leaf"]]
        );
        assert_eq!(plan.cycles.len(), 1, "a self-reference is no cycle");
        let a = QualifiedName::new("public", "a");
        let b = QualifiedName::new("public", "b");
        assert!(plan.on_one_cycle(&a, &b));
        assert!(!plan.on_one_cycle(&a, &a));
    }
}
