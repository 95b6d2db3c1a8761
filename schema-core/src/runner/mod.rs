//! The runner: apply the compile-checked migrations to PostgreSQL or SQLite with sqlx.
//!
//! `Migrator` holds the migrations (from the macro's `MIGRATOR` or a folder) and the catalog
//! they fold into. Each call opens its own connections from a URL, takes the migration lock
//! (a PostgreSQL advisory lock on a dedicated connection, SQLite's `BEGIN IMMEDIATE`), re-reads
//! the history under it, asks `plan` what to do, and applies one transaction per migration,
//! history row included.
//!
//! Architecture invariant: the decision (what to run, is the history consistent) is the pure
//! `plan` module; `postgres` and `sqlite` only read the history and apply steps.

mod database;
mod error;
mod history;
mod migration;
mod plan;
#[cfg(feature = "postgres")]
mod postgres;
mod progress;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use error::RunnerError;
pub use history::{AppliedMigration, DEFAULT_TABLE, redact_url};
pub use migration::{Migration, checksum, replaced_versions};
pub use plan::{PlanOptions, PlanProblem, Step, Target, plan_forward, plan_revert};
pub use progress::{Progress, StepKind};

use crate::catalog::{Catalog, QualifiedName};
use crate::catalog_diff::CatalogDifference;
use crate::catalog_json::CatalogDocument;
use crate::config::Config;
use crate::embedded::EmbeddedMigrations;
use crate::source::MigrationSet;
use database::Database;
use progress::Observer;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a runner waits for another one's lock before giving up, by default.
pub const DEFAULT_LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// The migrations of one history and how to run them.
#[derive(Debug, Clone)]
pub struct Migrator {
    migrations: Vec<Migration>,
    /// What the whole history folds into: the reference for `verify`.
    catalog: Catalog,
    config: Config,
    table: String,
    options: PlanOptions,
    lock_timeout: Duration,
    observer: Observer,
}

/// What the database holds against what the binary carries; changes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub applied: Vec<AppliedMigration>,
    /// Versions that `run()` would apply (or adopt), in order.
    pub pending: Vec<i64>,
    /// Inconsistencies that stop `run()`.
    pub problems: Vec<PlanProblem>,
}

/// One step of a dry run: what would run, and its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedMigration {
    pub version: i64,
    pub path: String,
    /// `apply`, `resume at statement N`, or `adopt baseline (replaces ...)`.
    pub action: String,
    pub sql: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    pub applied: Vec<i64>,
    pub adopted: Vec<i64>,
    pub reverted: Vec<i64>,
}

impl EmbeddedMigrations {
    /// A runner for the embedded migrations, checked against the embedded catalog.
    pub fn migrator(&self) -> Result<Migrator, RunnerError> {
        Migrator::from_embedded(self)
    }
}

impl Migrator {
    pub fn from_embedded(embedded: &EmbeddedMigrations) -> Result<Migrator, RunnerError> {
        let changes = crate::build::unbuilt_changes(embedded);
        if !changes.is_empty() {
            return Err(RunnerError::StaleBuild {
                folder: embedded.folder.to_string(),
                changes,
            });
        }
        let catalog = if embedded.catalog_json.is_empty() {
            Catalog::default()
        } else {
            catalog_from_json(embedded.catalog_json)
                .map_err(|message| RunnerError::Catalog { message })?
        };
        let migrations = embedded.iter().map(Migration::from_embedded).collect();
        Ok(Migrator::new(migrations, catalog, Config::default()))
    }

    /// Loads and folds a folder at run time (the CLI's way). The history's diagnostics are not
    /// checked here: run `analyze` first where they matter.
    pub fn from_dir(dir: &Path) -> Result<Migrator, RunnerError> {
        let config = Config::load_for(dir).map_err(|error| RunnerError::Catalog {
            message: error.to_string(),
        })?;
        let analysis = crate::analyze_dir(dir, &config).map_err(|error| RunnerError::Catalog {
            message: error.to_string(),
        })?;
        let set = &analysis.set;
        let mut migrations: Vec<Migration> = set
            .migrations
            .iter()
            .zip(&analysis.without_transaction)
            .filter_map(|(m, &no_transaction)| {
                let version = m.version?;
                let up = set.file(m.up);
                Some(Migration::new(
                    version,
                    &m.description,
                    &up.path,
                    &up.text,
                    m.down.map(|down| set.file(down).text.as_str()),
                    no_transaction,
                ))
            })
            .collect();
        // `[baseline]` in schema.toml says the same as a `-- replaces:` header.
        if let Some(baseline) = &config.baseline
            && let Some(m) = migrations
                .iter_mut()
                .find(|m| m.version == baseline.version)
        {
            m.replaces = crate::baseline::parse_range(&baseline.replaces);
        }
        Ok(Migrator::new(migrations, analysis.catalog, config))
    }

    fn new(mut migrations: Vec<Migration>, catalog: Catalog, config: Config) -> Migrator {
        migrations.sort_by_key(|m| m.version);
        Migrator {
            migrations,
            catalog,
            config,
            table: DEFAULT_TABLE.to_owned(),
            options: PlanOptions::default(),
            lock_timeout: DEFAULT_LOCK_TIMEOUT,
            observer: Observer::default(),
        }
    }

    /// Keep the history in `table` instead of `_sqlx_migrations`.
    pub fn with_table(mut self, table: &str) -> Result<Migrator, RunnerError> {
        if !history::is_valid_table_name(table) {
            return Err(RunnerError::InvalidTableName {
                name: table.to_owned(),
            });
        }
        self.table = table.to_owned();
        Ok(self)
    }

    pub fn allow_missing(mut self, allow: bool) -> Migrator {
        self.options.allow_missing = allow;
        self
    }

    pub fn allow_out_of_order(mut self, allow: bool) -> Migrator {
        self.options.allow_out_of_order = allow;
        self
    }

    pub fn lock_timeout(mut self, timeout: Duration) -> Migrator {
        self.lock_timeout = timeout;
        self
    }

    /// Calls `callback` as `run`, `run_to` and `revert_to` work: once with the plan, then
    /// before and after each migration (see `Progress`).
    pub fn on_progress(
        mut self,
        callback: impl Fn(&Progress<'_>) + Send + Sync + 'static,
    ) -> Migrator {
        self.observer = Observer::new(callback);
        self
    }

    pub fn migrations(&self) -> &[Migration] {
        &self.migrations
    }

    /// The catalog the whole history folds into.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The history against the migrations; takes no lock and writes nothing.
    pub async fn status(&self, url: &str) -> Result<Status, RunnerError> {
        let mut db = Database::open(url, &self.table, None).await?;
        let applied = db.read_applied().await;
        db.release().await;
        let applied = applied?;
        let (pending, problems) =
            match plan_forward(&applied, &self.migrations, Target::Latest, self.options) {
                Ok(steps) => (self.step_versions(&steps), Vec::new()),
                Err(problems) => (Vec::new(), problems),
            };
        Ok(Status {
            applied,
            pending,
            problems,
        })
    }

    /// The versions `run()` would apply; an error when the history is inconsistent. Meant as
    /// a startup gate: it changes nothing.
    pub async fn pending(&self, url: &str) -> Result<Vec<i64>, RunnerError> {
        let status = self.status(url).await?;
        if status.problems.is_empty() {
            Ok(status.pending)
        } else {
            Err(RunnerError::Inconsistent {
                problems: status.problems,
            })
        }
    }

    /// What `run()` would do, with the SQL; changes nothing.
    pub async fn dry_run(&self, url: &str) -> Result<Vec<PlannedMigration>, RunnerError> {
        let mut db = Database::open(url, &self.table, None).await?;
        let applied = db.read_applied().await;
        db.release().await;
        let steps = plan_forward(&applied?, &self.migrations, Target::Latest, self.options)
            .map_err(|problems| RunnerError::Inconsistent { problems })?;
        Ok(steps
            .iter()
            .map(|step| match step {
                Step::Apply { index, resume_at } => {
                    let m = &self.migrations[*index];
                    let action = match resume_at {
                        0 => "apply".to_owned(),
                        n => format!("resume at statement {}", n + 1),
                    };
                    PlannedMigration {
                        version: m.version,
                        path: m.path.clone(),
                        action,
                        sql: m.up_sql.clone(),
                    }
                }
                Step::Adopt { index, replaced } => {
                    let m = &self.migrations[*index];
                    PlannedMigration {
                        version: m.version,
                        path: m.path.clone(),
                        action: format!(
                            "adopt baseline in place of applied versions {replaced:?} \
                             (after checking the live schema)"
                        ),
                        sql: String::new(),
                    }
                }
            })
            .collect())
    }

    /// Applies every pending migration.
    pub async fn run(&self, url: &str) -> Result<RunReport, RunnerError> {
        self.run_target(url, Target::Latest).await
    }

    /// Applies the pending migrations up to and including `version`.
    pub async fn run_to(&self, url: &str, version: i64) -> Result<RunReport, RunnerError> {
        self.run_target(url, Target::Version(version)).await
    }

    /// Reverts, newest first, every applied migration above `version` with its down file;
    /// refuses before reverting anything when one has none.
    pub async fn revert_to(&self, url: &str, version: i64) -> Result<RunReport, RunnerError> {
        let mut db = Database::open(url, &self.table, Some(self.lock_timeout)).await?;
        let result = self.revert_locked(&mut db, version).await;
        db.release().await;
        result
    }

    /// Every difference between the live schema and the compile-time catalog.
    pub async fn verify(&self, url: &str) -> Result<Vec<CatalogDifference>, RunnerError> {
        let mut db = Database::open(url, &self.table, None).await?;
        let differences = db.differences_from(&self.catalog).await;
        db.release().await;
        differences
    }

    async fn run_target(&self, url: &str, target: Target) -> Result<RunReport, RunnerError> {
        let started = Instant::now();
        let mut db = Database::open(url, &self.table, Some(self.lock_timeout)).await?;
        let result = self.run_locked(&mut db, target).await;
        db.release().await;
        if let Ok(report) = &result {
            tracing::info!(
                applied = report.applied.len(),
                adopted = report.adopted.len(),
                elapsed_ms = started.elapsed().as_millis() as u64,
                "migrations up to date"
            );
        }
        result
    }

    async fn run_locked(
        &self,
        db: &mut Database,
        target: Target,
    ) -> Result<RunReport, RunnerError> {
        // Read under the lock: another runner may have finished while this one waited.
        let applied = db.read_applied().await?;
        let steps = plan_forward(&applied, &self.migrations, target, self.options)
            .map_err(|problems| RunnerError::Inconsistent { problems })?;
        let mut report = RunReport::default();
        let total = steps.len();
        self.observer.report(Progress::Planned {
            kind: StepKind::Apply,
            steps: total,
        });
        for (position, step) in steps.into_iter().enumerate() {
            let (index, kind) = match &step {
                Step::Apply { index, .. } => (*index, StepKind::Apply),
                Step::Adopt { index, .. } => (*index, StepKind::Adopt),
            };
            let started = Instant::now();
            self.report_started(kind, index, position, total);
            match step {
                Step::Apply { index, resume_at } => {
                    let migration = &self.migrations[index];
                    if db.apply(migration, resume_at).await? {
                        tracing::info!(
                            version = migration.version,
                            path = %migration.path,
                            elapsed_ms = started.elapsed().as_millis() as u64,
                            "applied migration"
                        );
                        report.applied.push(migration.version);
                    } else {
                        self.observer.report(Progress::Skipped {
                            version: migration.version,
                            path: &migration.path,
                            step: position + 1,
                            steps: total,
                        });
                        continue;
                    }
                }
                Step::Adopt { index, replaced } => {
                    let migration = &self.migrations[index];
                    let expected = self.catalog_through(migration.version);
                    let differences = db.differences_from(&expected).await?;
                    if !differences.is_empty() {
                        return Err(RunnerError::BaselineDrift {
                            version: migration.version,
                            path: migration.path.clone(),
                            differences,
                        });
                    }
                    db.adopt(migration, &replaced).await?;
                    tracing::info!(
                        version = migration.version,
                        replaced = replaced.len(),
                        "adopted baseline: the live schema matches it"
                    );
                    report.adopted.push(migration.version);
                }
            }
            self.report_finished(kind, index, position, total, started);
        }
        Ok(report)
    }

    async fn revert_locked(
        &self,
        db: &mut Database,
        target: i64,
    ) -> Result<RunReport, RunnerError> {
        let applied = db.read_applied().await?;
        let indexes = plan_revert(&applied, &self.migrations, target)
            .map_err(|versions| RunnerError::MissingDown { target, versions })?;
        let mut report = RunReport::default();
        let total = indexes.len();
        self.observer.report(Progress::Planned {
            kind: StepKind::Revert,
            steps: total,
        });
        for (position, index) in indexes.into_iter().enumerate() {
            let migration = &self.migrations[index];
            let started = Instant::now();
            self.report_started(StepKind::Revert, index, position, total);
            db.revert(migration).await?;
            tracing::info!(version = migration.version, "reverted migration");
            report.reverted.push(migration.version);
            self.report_finished(StepKind::Revert, index, position, total, started);
        }
        Ok(report)
    }

    /// The catalog of the history up to and including `version`, folded now with the same
    /// analysis the macro ran (a baseline is checked against what it creates, not against
    /// migrations that come after it).
    fn catalog_through(&self, version: i64) -> Catalog {
        let files = self
            .migrations
            .iter()
            .filter(|m| m.version <= version)
            .map(|m| (m.path.clone(), m.up_sql.clone().into_bytes()))
            .collect();
        let set = MigrationSet::from_files(PathBuf::new(), files, self.config.layout_override());
        crate::analyze(set, &self.config).catalog
    }

    fn report_started(&self, kind: StepKind, index: usize, position: usize, total: usize) {
        let migration = &self.migrations[index];
        self.observer.report(Progress::Started {
            kind,
            version: migration.version,
            path: &migration.path,
            step: position + 1,
            steps: total,
        });
    }

    fn report_finished(
        &self,
        kind: StepKind,
        index: usize,
        position: usize,
        total: usize,
        started: Instant,
    ) {
        let migration = &self.migrations[index];
        self.observer.report(Progress::Finished {
            kind,
            version: migration.version,
            path: &migration.path,
            step: position + 1,
            steps: total,
            elapsed: started.elapsed(),
        });
    }

    fn step_versions(&self, steps: &[Step]) -> Vec<i64> {
        steps
            .iter()
            .map(|step| match step {
                Step::Apply { index, .. } | Step::Adopt { index, .. } => {
                    self.migrations[*index].version
                }
            })
            .collect()
    }
}

/// The catalog back from its JSON document (`Catalog::to_json`).
pub fn catalog_from_json(json: &str) -> Result<Catalog, String> {
    let document: CatalogDocument =
        serde_json::from_str(json).map_err(|error| error.to_string())?;
    let key = |schema: &str, name: &str| QualifiedName::new(schema, name);
    let mut catalog = Catalog {
        schemas: document.schemas,
        extensions: document.extensions,
        tables: document
            .tables
            .into_iter()
            .map(|t| (key(&t.schema, &t.name), t))
            .collect(),
        enums: document
            .enums
            .into_iter()
            .map(|e| (key(&e.schema, &e.name), e))
            .collect(),
        views: document
            .views
            .into_iter()
            .map(|v| (key(&v.schema, &v.name), v))
            .collect(),
        sequences: document
            .sequences
            .into_iter()
            .map(|s| (key(&s.schema, &s.name), s))
            .collect(),
        functions: document.functions,
        triggers: document.triggers,
        ..Catalog::default()
    };
    catalog.rebuild_index_owners();
    Ok(catalog)
}
