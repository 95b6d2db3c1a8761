//! Discover, name and order the migration files of a folder: the only module that reads files.
//!
//! `load_dir` lists and reads the folder; `MigrationSet::from_files` is the pure part that
//! recognises the naming scheme, pairs ups with downs, orders by numeric version and reports
//! every file it cannot place.

use crate::diagnostic::Diagnostic;
use crate::layout::{self, FileName, Layout, Role, Scheme};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One file of the folder, with its path relative to the folder (always `/`-separated).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
}

/// One migration: a version, its up file and, where one exists, its down file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    /// `None` for a file whose name carries no version (an error; it is folded last).
    pub version: Option<i64>,
    pub description: String,
    pub up: usize,
    pub down: Option<usize>,
    pub scheme: Scheme,
    /// Flyway's `R__` files: versionless by design, run after the versioned ones.
    pub repeatable: bool,
}

/// A loaded folder: every file, the migrations in run order, and what was wrong with the names.
#[derive(Debug, Clone)]
pub struct MigrationSet {
    pub root: PathBuf,
    pub layout: Layout,
    pub files: Vec<SourceFile>,
    pub migrations: Vec<Migration>,
    pub diagnostics: Vec<Diagnostic>,
    /// Index in `files` of the folder's `migrations.lock`, when there is one.
    pub lockfile: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    #[error("migrations folder `{path}` not found")]
    NotFound { path: PathBuf },
    #[error("`{path}` is not a folder")]
    NotADirectory { path: PathBuf },
    #[error("cannot read `{path}`: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Reads every file of `dir` (and of its immediate subfolders, for diesel's layout).
pub fn load_dir(dir: &Path, layout_override: Option<Layout>) -> Result<MigrationSet, SourceError> {
    if !dir.exists() {
        return Err(SourceError::NotFound {
            path: dir.to_path_buf(),
        });
    }
    if !dir.is_dir() {
        return Err(SourceError::NotADirectory {
            path: dir.to_path_buf(),
        });
    }
    let mut raw = Vec::new();
    for entry in read_sorted(dir)? {
        let name = entry
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if entry.is_dir() {
            for inner in read_sorted(&entry)? {
                if inner.is_file() {
                    let inner_name = inner
                        .file_name()
                        .and_then(|n| n.to_str())
                        .unwrap_or_default();
                    raw.push((format!("{name}/{inner_name}"), read(&inner)?));
                }
            }
        } else if entry.is_file() {
            raw.push((name, read(&entry)?));
        }
    }
    let mut set = MigrationSet::from_files(dir.to_path_buf(), raw, layout_override);
    let lock_path = lockfile_path(dir);
    if lock_path.is_file() {
        let bytes = read(&lock_path)?;
        let name = lock_path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("migrations.lock");
        set.files.push(SourceFile::new(
            format!("../{name}"),
            String::from_utf8_lossy(&bytes).into_owned(),
        ));
        set.lockfile = Some(set.files.len() - 1);
    }
    Ok(set)
}

/// `migrations.lock` beside the folder `migrations` (`db/schema` → `db/schema.lock`).
pub fn lockfile_path(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("migrations");
    dir.with_file_name(format!("{name}.lock"))
}

fn read_sorted(dir: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let io = |source| SourceError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    paths.sort();
    Ok(paths)
}

fn read(path: &Path) -> Result<Vec<u8>, SourceError> {
    std::fs::read(path).map_err(|source| SourceError::Io {
        path: path.to_path_buf(),
        source,
    })
}

impl MigrationSet {
    /// The pure half of loading: `files` are `(relative path, bytes)` pairs.
    pub fn from_files(
        root: PathBuf,
        files: Vec<(String, Vec<u8>)>,
        layout_override: Option<Layout>,
    ) -> MigrationSet {
        let mut set = MigrationSet {
            root,
            layout: Layout::default(),
            files: Vec::new(),
            migrations: Vec::new(),
            diagnostics: Vec::new(),
            lockfile: None,
        };
        let mut named = Vec::new();
        for (path, bytes) in files {
            let parsed = layout::parse_file_name(&path);
            if matches!(parsed.role, Role::Ignored) {
                continue;
            }
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    let valid_up_to = error.utf8_error().valid_up_to();
                    let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
                    let index = set.push_file(&path, lossy);
                    set.diagnostics.push(
                        Diagnostic::error("invalid-utf8", format!("`{path}` is not valid UTF-8"))
                            .at(index, valid_up_to..valid_up_to, "invalid byte here")
                            .help("save the file as UTF-8; migrations are read as text"),
                    );
                    continue;
                }
            };
            let index = set.push_file(&path, text);
            named.push((index, parsed));
        }
        set.layout =
            layout_override.unwrap_or_else(|| Layout::detect(named.iter().map(|(_, n)| n)));
        set.place(named);
        set
    }

    fn push_file(&mut self, path: &str, text: String) -> usize {
        self.files.push(SourceFile::new(path, text));
        self.files.len() - 1
    }

    pub fn file(&self, index: usize) -> &SourceFile {
        &self.files[index]
    }

    /// Pairs ups with downs, orders by version and reports naming problems.
    fn place(&mut self, named: Vec<(usize, FileName)>) {
        let mut ups: BTreeMap<i64, Vec<(usize, FileName)>> = BTreeMap::new();
        let mut downs: Vec<(usize, FileName)> = Vec::new();
        let mut unversioned = Vec::new();
        let mut repeatable = Vec::new();
        for (index, name) in named {
            match (name.version, name.role) {
                (None, Role::Repeatable) => repeatable.push((index, name)),
                (None, _) => unversioned.push((index, name)),
                (Some(_), Role::Down) => downs.push((index, name)),
                (Some(version), _) => ups.entry(version).or_default().push((index, name)),
            }
        }
        let next_version = ups.keys().next_back().map_or(1, |v| v.saturating_add(1));
        for (index, name) in &unversioned {
            let path = &self.files[*index].path;
            self.diagnostics.push(
                Diagnostic::error(
                    "unversioned-file",
                    if name.scheme == Scheme::Flyway {
                        format!("`{path}` has a dotted version, which runners that key migrations by an integer (sqlx, refinery) cannot order")
                    } else {
                        format!("`{path}` has no version in its name, so no runner applies it in a known order")
                    },
                )
                .at(*index, 0..0, "this file has no version")
                .help(format!(
                    "rename it with the folder's scheme, e.g. `{}`",
                    self.layout.example_name(next_version, &name.description)
                )),
            );
        }
        for (version, entries) in &ups {
            let Some((first, _)) = entries.first() else {
                continue;
            };
            for (index, _) in &entries[1..] {
                self.diagnostics.push(
                    Diagnostic::error(
                        "duplicate-version",
                        format!(
                            "version {version} is used by more than one migration: `{}` and `{}`",
                            self.files[*first].path, self.files[*index].path
                        ),
                    )
                    .at(*index, 0..0, "second migration with this version")
                    .related(*first, 0..0, "first migration with this version")
                    .help("give each migration its own version: runners key their history by version and skip or reject one of the two"),
                );
            }
        }
        // A down belongs to the up of its version (and of its description when a version is reused).
        let mut down_of_up: BTreeMap<usize, usize> = BTreeMap::new();
        for (index, name) in downs {
            let entries = name
                .version
                .and_then(|v| ups.get(&v))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let up = entries
                .iter()
                .find(|(_, up)| up.description == name.description)
                .or(entries.first())
                .map(|(up, _)| *up);
            match up {
                Some(up) => {
                    down_of_up.insert(up, index);
                }
                None => {
                    let path = &self.files[index].path;
                    self.diagnostics.push(
                        Diagnostic::error(
                            "down-without-up",
                            format!("`{path}` reverts a migration that does not exist"),
                        )
                        .at(index, 0..0, "no up migration has this version")
                        .help("delete the down file, or restore the up migration it belongs to"),
                    );
                }
            }
        }
        for (version, entries) in ups {
            for (index, name) in entries {
                self.migrations.push(Migration {
                    version: Some(version),
                    description: name.description,
                    up: index,
                    down: down_of_up.get(&index).copied(),
                    scheme: name.scheme,
                    repeatable: false,
                });
            }
        }
        for ((index, name), repeatable) in unversioned
            .into_iter()
            .map(|entry| (entry, false))
            .chain(repeatable.into_iter().map(|entry| (entry, true)))
        {
            self.migrations.push(Migration {
                version: None,
                description: name.description,
                up: index,
                down: None,
                scheme: name.scheme,
                repeatable,
            });
        }
        let naming = layout::check_names(self);
        self.diagnostics.extend(naming);
    }
}

/// sqlx's marker: a first line `-- no-transaction` runs the migration outside a transaction.
pub fn runs_without_transaction(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .lines()
        .next()
        .is_some_and(|line| line.trim().eq_ignore_ascii_case("-- no-transaction"))
}
