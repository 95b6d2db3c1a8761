//! What to run, decided purely from two lists: the history a database holds and the
//! migrations the binary carries (refinery's shape). The drivers only fetch and apply.
//!
//! Architecture invariant: no I/O, no clock; every inconsistency is reported at once, and
//! nothing runs when there is one.

use super::history::AppliedMigration;
use super::migration::Migration;
use std::collections::BTreeMap;
use std::fmt;

/// How far to migrate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Latest,
    /// Up to and including this version.
    Version(i64),
}

/// What the plan may tolerate (both off by default, as sqlx and refinery do).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// An applied version that the binary no longer carries is not an error.
    pub allow_missing: bool,
    /// A pending version older than the newest applied one runs instead of stopping the run.
    pub allow_out_of_order: bool,
}

/// One thing the runner will do, in order. `index` points into the migration list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Run the migration; a no-transaction migration resumes at statement `resume_at`.
    Apply { index: usize, resume_at: usize },
    /// Record the baseline as applied in place of the `replaced` versions the database ran,
    /// once its live schema matches the baseline's catalog.
    Adopt { index: usize, replaced: Vec<i64> },
}

/// Why the history and the binary disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanProblem {
    /// Applied, then its file changed.
    Edited { version: i64, path: String },
    /// Applied, but the binary has no such migration.
    Missing { version: i64, description: String },
    /// Pending, but older than a migration already applied.
    OutOfOrder {
        version: i64,
        path: String,
        latest_applied: i64,
    },
    /// A transactional migration recorded as failed (by another tool): nothing can resume it.
    Dirty { version: i64, path: String },
}

impl fmt::Display for PlanProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanProblem::Edited { version, path } => write!(
                f,
                "migration {version} (`{path}`) was edited after it was applied: its checksum \
                 differs from the database's history"
            ),
            PlanProblem::Missing {
                version,
                description,
            } => write!(
                f,
                "migration {version} ({description}) is applied but missing from the migrations"
            ),
            PlanProblem::OutOfOrder {
                version,
                path,
                latest_applied,
            } => write!(
                f,
                "migration {version} (`{path}`) is pending but older than applied migration \
                 {latest_applied}"
            ),
            PlanProblem::Dirty { version, path } => write!(
                f,
                "migration {version} (`{path}`) is recorded as failed (partially applied)"
            ),
        }
    }
}

impl PlanProblem {
    /// What to do about it, one line.
    pub fn help(&self) -> &'static str {
        match self {
            PlanProblem::Edited { .. } => {
                "restore the file as it was applied and put the change in a new migration"
            }
            PlanProblem::Missing { .. } => {
                "restore the migration file, or allow missing migrations explicitly"
            }
            PlanProblem::OutOfOrder { .. } => {
                "give the migration a version above the newest applied one, or allow out-of-order \
                 migrations explicitly"
            }
            PlanProblem::Dirty { .. } => {
                "repair the schema by hand, then delete the failed row from the history table"
            }
        }
    }
}

/// The forward plan to `target`: steps in version order, or every problem found.
pub fn plan_forward(
    applied: &[AppliedMigration],
    migrations: &[Migration],
    target: Target,
    options: PlanOptions,
) -> Result<Vec<Step>, Vec<PlanProblem>> {
    let rows: BTreeMap<i64, &AppliedMigration> =
        applied.iter().map(|row| (row.version, row)).collect();
    let by_version: BTreeMap<i64, &Migration> = migrations.iter().map(|m| (m.version, m)).collect();
    let is_applied = |m: &Migration| {
        rows.get(&m.version)
            .is_some_and(|row| row.success && row.checksum == m.checksum)
    };
    // Versions a baseline stands for that the database still records as their legacy selves.
    let legacy = |version: i64| {
        migrations.iter().any(|m| {
            m.replaces.as_ref().is_some_and(|r| r.contains(&version))
                && (m.version != version || !is_applied(m))
        })
    };

    let mut problems = Vec::new();
    for row in applied {
        match by_version.get(&row.version) {
            None if legacy(row.version) || options.allow_missing => {}
            None => problems.push(PlanProblem::Missing {
                version: row.version,
                description: row.description.clone(),
            }),
            Some(m) if row.checksum != m.checksum => {
                if !legacy(row.version) {
                    problems.push(PlanProblem::Edited {
                        version: row.version,
                        path: m.path.clone(),
                    });
                }
            }
            Some(m) if !row.success && !m.no_transaction => problems.push(PlanProblem::Dirty {
                version: row.version,
                path: m.path.clone(),
            }),
            Some(_) => {}
        }
    }

    let latest_applied = applied
        .iter()
        .filter(|row| row.success && !legacy(row.version))
        .map(|row| row.version)
        .max();
    // A migration a baseline of this set stands for never runs: a fresh database gets the
    // baseline, an old one adopts it (the build checked that both give the same catalog).
    let replaced_by_baseline = |m: &Migration| {
        migrations.iter().any(|baseline| {
            baseline.version != m.version
                && baseline
                    .replaces
                    .as_ref()
                    .is_some_and(|r| r.contains(&m.version))
        })
    };
    let mut steps = Vec::new();
    for (index, m) in migrations.iter().enumerate() {
        if matches!(target, Target::Version(v) if m.version > v)
            || is_applied(m)
            || replaced_by_baseline(m)
        {
            continue;
        }
        if let Some(range) = &m.replaces {
            let replaced: Vec<i64> = applied
                .iter()
                .filter(|row| row.success && range.contains(&row.version))
                .map(|row| row.version)
                .collect();
            if !replaced.is_empty() {
                steps.push(Step::Adopt { index, replaced });
                continue;
            }
        }
        let resumable = rows
            .get(&m.version)
            .map(|row| !row.success && m.no_transaction && row.checksum == m.checksum);
        if resumable == Some(false) {
            // Recorded but not as this migration: edited or dirty, reported above.
            continue;
        }
        if let Some(latest) = latest_applied
            && m.version < latest
            && !options.allow_out_of_order
        {
            problems.push(PlanProblem::OutOfOrder {
                version: m.version,
                path: m.path.clone(),
                latest_applied: latest,
            });
            continue;
        }
        let resume_at = match rows.get(&m.version) {
            Some(row) if !row.success && m.no_transaction && row.checksum == m.checksum => {
                usize::try_from(row.execution_time.max(0)).unwrap_or(0)
            }
            _ => 0,
        };
        steps.push(Step::Apply { index, resume_at });
    }
    if problems.is_empty() {
        Ok(steps)
    } else {
        Err(problems)
    }
}

/// The migrations to revert (indexes, newest first) to get back to `target`, or the applied
/// versions that have no down file (or no file at all): nothing is reverted then.
pub fn plan_revert(
    applied: &[AppliedMigration],
    migrations: &[Migration],
    target: i64,
) -> Result<Vec<usize>, Vec<i64>> {
    let mut versions: Vec<i64> = applied
        .iter()
        .filter(|row| row.version > target)
        .map(|row| row.version)
        .collect();
    versions.sort_unstable_by(|a, b| b.cmp(a));
    let mut indexes = Vec::new();
    let mut without_down = Vec::new();
    for version in versions {
        match migrations.iter().position(|m| m.version == version) {
            Some(index) if migrations[index].down_sql.is_some() => indexes.push(index),
            _ => without_down.push(version),
        }
    }
    if without_down.is_empty() {
        Ok(indexes)
    } else {
        without_down.sort_unstable();
        Err(without_down)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(version: i64, sql: &str) -> Migration {
        Migration::new(
            version,
            "m",
            &format!("{version:04}_m.up.sql"),
            sql,
            Some("SELECT 0;"),
            false,
        )
    }

    fn row(m: &Migration) -> AppliedMigration {
        AppliedMigration {
            version: m.version,
            description: m.description.clone(),
            checksum: m.checksum.clone(),
            success: true,
            execution_time: 1,
        }
    }

    fn versions(steps: &[Step], migrations: &[Migration]) -> Vec<i64> {
        steps
            .iter()
            .map(|step| match step {
                Step::Apply { index, .. } | Step::Adopt { index, .. } => migrations[*index].version,
            })
            .collect()
    }

    #[test]
    fn fresh_database_runs_everything_and_up_to_date_runs_nothing() {
        let ms = [migration(1, "a"), migration(2, "b"), migration(3, "c")];
        let steps = plan_forward(&[], &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert_eq!(versions(&steps, &ms), [1, 2, 3]);
        let applied: Vec<_> = ms.iter().map(row).collect();
        let steps = plan_forward(&applied, &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert!(steps.is_empty());
        let steps = plan_forward(&[], &ms, Target::Version(2), PlanOptions::default()).unwrap();
        assert_eq!(versions(&steps, &ms), [1, 2]);
    }

    #[test]
    fn edited_missing_and_out_of_order_are_all_reported() {
        let ms = [migration(1, "a"), migration(2, "b"), migration(4, "d")];
        let mut edited = row(&ms[0]);
        edited.checksum = super::super::migration::checksum("changed");
        let missing = AppliedMigration {
            version: 3,
            ..row(&ms[1])
        };
        let applied = [edited, missing];
        let problems =
            plan_forward(&applied, &ms, Target::Latest, PlanOptions::default()).unwrap_err();
        assert_eq!(
            problems,
            [
                PlanProblem::Edited {
                    version: 1,
                    path: "0001_m.up.sql".into()
                },
                PlanProblem::Missing {
                    version: 3,
                    description: "m".into()
                },
                PlanProblem::OutOfOrder {
                    version: 2,
                    path: "0002_m.up.sql".into(),
                    latest_applied: 3
                },
            ]
        );
    }

    #[test]
    fn missing_and_out_of_order_can_be_allowed() {
        let ms = [migration(1, "a"), migration(2, "b")];
        let applied = [
            row(&ms[0]),
            AppliedMigration {
                version: 5,
                ..row(&ms[0])
            },
        ];
        let options = PlanOptions {
            allow_missing: true,
            allow_out_of_order: true,
        };
        let steps = plan_forward(&applied, &ms, Target::Latest, options).unwrap();
        assert_eq!(versions(&steps, &ms), [2]);
    }

    #[test]
    fn a_failed_no_transaction_migration_resumes_where_it_stopped() {
        let mut ms = [migration(1, "a; b; c;")];
        ms[0].no_transaction = true;
        let partial = AppliedMigration {
            success: false,
            execution_time: 2,
            ..row(&ms[0])
        };
        let steps = plan_forward(
            std::slice::from_ref(&partial),
            &ms,
            Target::Latest,
            PlanOptions::default(),
        )
        .unwrap();
        assert_eq!(
            steps,
            [Step::Apply {
                index: 0,
                resume_at: 2
            }]
        );
        ms[0].no_transaction = false;
        let problems =
            plan_forward(&[partial], &ms, Target::Latest, PlanOptions::default()).unwrap_err();
        assert!(matches!(
            problems[..],
            [PlanProblem::Dirty { version: 1, .. }]
        ));
    }

    #[test]
    fn a_baseline_is_adopted_over_its_legacy_history_and_run_on_a_fresh_database() {
        let ms = [
            migration(1, "-- replaces: 1..=3\nCREATE TABLE t ();"),
            migration(4, "d"),
        ];
        let legacy: Vec<AppliedMigration> = (1..=3)
            .map(|version| AppliedMigration {
                version,
                checksum: vec![version as u8],
                ..row(&ms[1])
            })
            .collect();
        let steps = plan_forward(&legacy, &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert_eq!(
            steps,
            [
                Step::Adopt {
                    index: 0,
                    replaced: vec![1, 2, 3]
                },
                Step::Apply {
                    index: 1,
                    resume_at: 0
                }
            ]
        );
        let steps = plan_forward(&[], &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert_eq!(versions(&steps, &ms), [1, 4]);
        let done = [row(&ms[0]), row(&ms[1])];
        assert!(
            plan_forward(&done, &ms, Target::Latest, PlanOptions::default())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn replaced_migrations_still_in_the_folder_never_run() {
        let ms = [
            migration(1, "CREATE TABLE t ();"),
            migration(2, "ALTER TABLE t ADD a int;"),
            migration(3, "-- replaces: 1..=2\nCREATE TABLE t (a int);"),
            migration(4, "d"),
        ];
        let steps = plan_forward(&[], &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert_eq!(versions(&steps, &ms), [3, 4]);
        let legacy = [row(&ms[0]), row(&ms[1])];
        let steps = plan_forward(&legacy, &ms, Target::Latest, PlanOptions::default()).unwrap();
        assert_eq!(
            steps,
            [
                Step::Adopt {
                    index: 2,
                    replaced: vec![1, 2]
                },
                Step::Apply {
                    index: 3,
                    resume_at: 0
                }
            ]
        );
        let adopted = [row(&ms[2]), row(&ms[3])];
        assert!(
            plan_forward(&adopted, &ms, Target::Latest, PlanOptions::default())
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn revert_refuses_when_a_down_is_missing() {
        let mut ms = [migration(1, "a"), migration(2, "b"), migration(3, "c")];
        let applied: Vec<_> = ms.iter().map(row).collect();
        assert_eq!(plan_revert(&applied, &ms, 1), Ok(vec![2, 1]));
        ms[1].down_sql = None;
        assert_eq!(plan_revert(&applied, &ms, 0), Err(vec![2]));
    }
}
