//! Findings as plain data: a code, a severity, a message, where, and how to fix it.
//!
//! Spans are byte ranges into one migration file; line and column are computed once, when a
//! diagnostic is rendered or serialised (see `location`).

use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in one migration file: the file's index in the `MigrationSet` and a byte range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    pub file: usize,
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// Where the problem is; `None` only for findings about the folder as a whole.
    pub primary: Option<Label>,
    pub related: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            primary: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, message)
    }

    pub fn at(mut self, file: usize, range: Range<usize>, label: impl Into<String>) -> Self {
        self.primary = Some(Label {
            file,
            range,
            message: label.into(),
        });
        self
    }

    pub fn related(mut self, file: usize, range: Range<usize>, label: impl Into<String>) -> Self {
        self.related.push(Label {
            file,
            range,
            message: label.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}
