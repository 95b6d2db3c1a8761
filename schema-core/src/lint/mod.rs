//! Safety lints that know the whole schema: squawk's and Atlas's rule classes, made exact by
//! the catalog. They run inside the fold, before each statement, so every rule sees the schema
//! as it stands at that point: which tables already existed before this migration (the ones a
//! running application is using) and which this very migration created (always safe).
//!
//! `rules.rs` holds the checks; this module holds the rule list, the per-folder settings
//! (`[lints]` in schema.toml) and the `-- schema:allow(code)` comments.

mod allow;
mod rules;

pub(crate) use allow::Allowed;
pub(crate) use rules::{LintScope, Linter};

use crate::diagnostic::Severity;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One lint rule: a stable code, what it catches, and the safe way to do it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub group: &'static str,
    pub summary: &'static str,
}

pub const RULES: &[Rule] = &[
    Rule {
        code: "drop-table",
        group: "destructive",
        summary: "DROP TABLE of a table that existed before this migration",
    },
    Rule {
        code: "drop-column",
        group: "destructive",
        summary: "DROP COLUMN of an existing table",
    },
    Rule {
        code: "drop-schema",
        group: "destructive",
        summary: "DROP SCHEMA",
    },
    Rule {
        code: "drop-column-in-use",
        group: "destructive",
        summary: "a dropped column is still used by an index, a foreign key or a view",
    },
    Rule {
        code: "rename-table",
        group: "backward-incompatible",
        summary: "renaming a table a running app queries",
    },
    Rule {
        code: "rename-column",
        group: "backward-incompatible",
        summary: "renaming a column a running app queries",
    },
    Rule {
        code: "type-change-rewrite",
        group: "backward-incompatible",
        summary: "a column type change that rewrites the table",
    },
    Rule {
        code: "narrow-varchar",
        group: "backward-incompatible",
        summary: "shortening a varchar, which scans and may fail",
    },
    Rule {
        code: "add-not-null-without-default",
        group: "data-dependent",
        summary: "NOT NULL column added to an existing table without a default",
    },
    Rule {
        code: "set-not-null",
        group: "data-dependent",
        summary: "SET NOT NULL on an existing column scans the table under an exclusive lock",
    },
    Rule {
        code: "unique-on-existing-table",
        group: "data-dependent",
        summary: "a unique index or constraint on an existing table may fail on duplicates",
    },
    Rule {
        code: "constraint-not-valid",
        group: "data-dependent",
        summary: "CHECK or FOREIGN KEY added to an existing table without NOT VALID",
    },
    Rule {
        code: "index-not-concurrent",
        group: "locking",
        summary: "CREATE or DROP INDEX without CONCURRENTLY on an existing table blocks writes",
    },
    Rule {
        code: "volatile-default",
        group: "locking",
        summary: "a column added with a volatile default rewrites the table",
    },
    Rule {
        code: "add-column-default-rewrite",
        group: "locking",
        summary: "before PostgreSQL 11 any default on an added column rewrites the table",
    },
    Rule {
        code: "missing-lock-timeout",
        group: "locking",
        summary: "ACCESS EXCLUSIVE on an existing table without lock_timeout",
    },
    Rule {
        code: "enum-value-in-transaction",
        group: "locking",
        summary: "before PostgreSQL 12 ALTER TYPE ... ADD VALUE cannot run in a transaction",
    },
    Rule {
        code: "timestamp-without-time-zone",
        group: "types",
        summary: "timestamp without time zone",
    },
    Rule {
        code: "char-n",
        group: "types",
        summary: "char(n) pads with spaces",
    },
    Rule {
        code: "int-primary-key",
        group: "types",
        summary: "integer primary keys run out at 2^31",
    },
    Rule {
        code: "serial",
        group: "types",
        summary: "serial instead of an identity column",
    },
    Rule {
        code: "identifier-too-long",
        group: "types",
        summary: "identifiers over 63 bytes are truncated silently",
    },
    Rule {
        code: "enum-value-position",
        group: "types",
        summary: "an enum value added at the end of an enum whose order matters",
    },
];

/// Rules about PostgreSQL's locks, rewrites and types, which mean nothing on SQLite (whose
/// integers are 64-bit, which has no CONCURRENTLY, no lock_timeout and no table rewrites of
/// this kind).
pub fn postgres_only(code: &str) -> bool {
    let group = RULES
        .iter()
        .find(|rule| rule.code == code)
        .map(|rule| rule.group);
    matches!(group, Some("locking") | Some("types"))
        || matches!(
            code,
            "set-not-null"
                | "unique-on-existing-table"
                | "constraint-not-valid"
                | "type-change-rewrite"
        )
}

/// True for the codes of lint rules (as opposed to problems of the history itself).
pub fn is_lint(code: &str) -> bool {
    RULES.iter().any(|rule| rule.code == code)
}

/// `[lints]` in schema.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Off switch for the whole folder.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The PostgreSQL major version the migrations target: some rules depend on it.
    #[serde(default = "default_version")]
    pub postgres_version: u32,
    /// Per rule: `"off"`, `"info"`, `"warning"` (the default) or `"error"`.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Lint every migration, even those already in `migrations.lock` (by default only the
    /// migrations the lockfile does not cover yet are linted: the locked ones have shipped).
    #[serde(default)]
    pub include_locked: bool,
}

fn yes() -> bool {
    true
}

fn default_version() -> u32 {
    15
}

impl Default for LintConfig {
    fn default() -> Self {
        LintConfig {
            enabled: true,
            postgres_version: default_version(),
            rules: BTreeMap::new(),
            include_locked: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl LintConfig {
    /// The severity of `code` in this folder, or `None` when the rule is off.
    pub fn severity(&self, code: &str) -> Option<Severity> {
        if !self.enabled {
            return None;
        }
        match self.rules.get(code).copied().unwrap_or(Level::Warning) {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}
