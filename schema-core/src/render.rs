//! Diagnostics as text and JSON: the one boundary where byte spans become `file:line:col`.
//!
//! Pure and shared: the CLI prints `render_text` (coloured on a terminal) and `to_json`; the
//! proc macro puts the plain `render_text` inside `compile_error!`, because a macro cannot point
//! into a `.sql` file. Paths are relative to the migrations folder (`SourceFile::path`).

use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{MigrationSet, SourceFile};
use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;
use serde_json::Value;
use std::fmt;
use std::ops::Range;

/// Whether `render_text` emits ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderStyle {
    Plain,
    Color,
}

/// Where a label points, as a person reads it: the file relative to the migrations folder and
/// a 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'set> {
    pub path: &'set str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// The location of `label`'s start; `None` when the label names a file the set does not hold.
pub fn location<'set>(set: &'set MigrationSet, label: &Label) -> Option<Location<'set>> {
    let file = set.files.get(label.file)?;
    let (line, column) = file.line_col(floor_char_boundary(&file.text, label.range.start));
    Some(Location {
        path: &file.path,
        line,
        column,
    })
}

/// rustc's layout: `error[code]: message`, ` --> file:line:col`, the source line with the span
/// underlined, each related label as a `note:` with its own location and snippet, then
/// `= help: ...`. A multi-line span is underlined on its first line only; a `0..0` span (a
/// finding about the whole file) shows the location without a snippet.
pub fn render_text(set: &MigrationSet, diagnostic: &Diagnostic, style: RenderStyle) -> String {
    let renderer = match style {
        RenderStyle::Plain => Renderer::plain(),
        RenderStyle::Color => Renderer::styled(),
    };
    let title = level_of(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code);
    let mut main = Group::with_title(title);
    let mut shows_source = false;
    if let Some((element, is_snippet)) = diagnostic
        .primary
        .as_ref()
        .and_then(|label| label_element(set, label, true))
    {
        main = main.element(element);
        shows_source |= is_snippet;
    }
    let mut groups = vec![main];
    for related in &diagnostic.related {
        if let Some((element, is_snippet)) = label_element(set, related, false) {
            let title = Level::NOTE.secondary_title(related.message.as_str());
            groups.push(Group::with_title(title).element(element));
            shows_source |= is_snippet;
        }
    }
    if let Some(help) = &diagnostic.help {
        // The help comes last, after the notes, so it is the last thing a reader sees.
        if let Some(last) = groups.pop() {
            groups.push(last.element(Level::HELP.message(help.as_str())));
        }
    }
    let text = renderer.render(&groups);
    if shows_source {
        text
    } else {
        widen_empty_gutter(&text)
    }
}

/// The compact form: `file:line:col: error[code]: message`, then one indented line per
/// related label (`  file:line:col: note: label`) and `  help: ...`.
pub fn one_line(set: &MigrationSet, diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    if let Some(at) = diagnostic
        .primary
        .as_ref()
        .and_then(|label| location(set, label))
    {
        out.push_str(&format!("{at}: "));
    }
    out.push_str(&format!(
        "{}[{}]: {}",
        diagnostic.severity.as_str(),
        diagnostic.code,
        diagnostic.message
    ));
    for related in &diagnostic.related {
        if let Some(at) = location(set, related) {
            out.push_str(&format!("\n  {at}: note: {}", related.message));
        }
    }
    if let Some(help) = &diagnostic.help {
        out.push_str(&format!("\n  help: {help}"));
    }
    out
}

/// The JSON report of `schema check --format json`, fields in the order they are printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticsDocument<'set> {
    pub diagnostics: Vec<DiagnosticEntry<'set>>,
}

/// One diagnostic; `file`, `line` and `column` are `None` when it has no primary label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticEntry<'set> {
    pub code: &'static str,
    pub severity: Severity,
    pub message: &'set str,
    pub file: Option<&'set str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub related: Vec<RelatedEntry<'set>>,
    pub help: Option<&'set str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelatedEntry<'set> {
    pub file: &'set str,
    pub line: usize,
    pub column: usize,
    pub message: &'set str,
}

/// The diagnostics with paths relative to the migrations folder. Serialising this (rather
/// than `to_json`'s `Value`, whose map sorts keys) keeps the field order above.
pub fn to_document<'set>(
    set: &'set MigrationSet,
    diagnostics: &'set [Diagnostic],
) -> DiagnosticsDocument<'set> {
    let diagnostics = diagnostics
        .iter()
        .map(|diagnostic| {
            let at = diagnostic
                .primary
                .as_ref()
                .and_then(|label| location(set, label));
            let related = diagnostic
                .related
                .iter()
                .filter_map(|label| {
                    let at = location(set, label)?;
                    Some(RelatedEntry {
                        file: at.path,
                        line: at.line,
                        column: at.column,
                        message: &label.message,
                    })
                })
                .collect();
            DiagnosticEntry {
                code: diagnostic.code,
                severity: diagnostic.severity,
                message: &diagnostic.message,
                file: at.map(|at| at.path),
                line: at.map(|at| at.line),
                column: at.map(|at| at.column),
                related,
                help: diagnostic.help.as_deref(),
            }
        })
        .collect();
    DiagnosticsDocument { diagnostics }
}

/// `{"diagnostics":[{"code","severity","message","file","line","column","related":[...],"help"}]}`
/// with `file` relative to the migrations folder; `file`, `line` and `column` are null when
/// the diagnostic has no primary label, `help` when it has none.
pub fn to_json(set: &MigrationSet, diagnostics: &[Diagnostic]) -> Value {
    // Strings, numbers and options only: serialising them cannot fail.
    serde_json::to_value(to_document(set, diagnostics)).unwrap_or(Value::Null)
}

fn level_of(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

/// The snippet of one label (`true`) or, for a whole-file label, its bare location (`false`).
/// The primary label carries its text under the caret; a related label's text is already its
/// `note:` title.
fn label_element<'set>(
    set: &'set MigrationSet,
    label: &'set Label,
    primary: bool,
) -> Option<(Element<'set>, bool)> {
    let file = set.files.get(label.file)?;
    if label.range == (0..0) {
        let origin = Origin::path(file.path.as_str()).line(1).char_column(1);
        return Some((origin.into(), false));
    }
    let (line, line_span) = first_line_span(file, &label.range);
    let mut annotation = AnnotationKind::Primary.span(line_span);
    if primary && !label.message.is_empty() {
        annotation = annotation.label(label.message.as_str());
    }
    let snippet = Snippet::source(file.line_text(line))
        .line_start(line)
        .path(file.path.as_str())
        .annotation(annotation);
    Some((snippet.into(), true))
}

/// annotate-snippets sizes the line-number gutter from the source lines it shows; with none
/// (every label is a whole file) the gutter is empty and `-->`, `|` and `= help` start at
/// column 0. rustc keeps a gutter of at least one column, and so do we, so that these findings
/// line up with the others in a list. Escape sequences take no width, so the space may go
/// before them.
fn widen_empty_gutter(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let visible = visible_start(line);
        if index > 0
            && ["-->", "|", "="]
                .iter()
                .any(|mark| visible.starts_with(mark))
        {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// `line` from its first visible character on, past spaces and ANSI escape sequences.
fn visible_start(mut line: &str) -> &str {
    loop {
        let rest = strip_leading_ansi(line.trim_start_matches(' '));
        if rest.len() == line.len() {
            return rest;
        }
        line = rest;
    }
}

/// `line` without its leading ANSI escape sequences (`ESC [ ... letter`).
fn strip_leading_ansi(mut line: &str) -> &str {
    while let Some(rest) = line.strip_prefix("\x1b[") {
        match rest.find(|c: char| c.is_ascii_alphabetic()) {
            Some(end) => line = &rest[end + 1..],
            None => return rest,
        }
    }
    line
}

/// The 1-based line a range starts on and the part of the range on that line, as a byte
/// range into `line_text(line)`. Out-of-bounds or mid-character offsets are clamped, so a
/// wrong span never panics the renderer.
fn first_line_span(file: &SourceFile, range: &Range<usize>) -> (usize, Range<usize>) {
    let start = floor_char_boundary(&file.text, range.start);
    let end = ceil_char_boundary(&file.text, range.end.max(start));
    let line_start = file.text[..start]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    let (line, _) = file.line_col(start);
    let line_len = file.line_text(line).len();
    let span_start = (start - line_start).min(line_len);
    let span_end = (end - line_start).clamp(span_start, line_len);
    (line, span_start..span_end)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::path::PathBuf;

    fn set_of(files: &[(&str, &str)]) -> MigrationSet {
        let files = files
            .iter()
            .map(|(path, text)| (path.to_string(), text.as_bytes().to_vec()))
            .collect();
        MigrationSet::from_files(PathBuf::from("migrations"), files, None)
    }

    fn index_of(set: &MigrationSet, path: &str) -> usize {
        set.files
            .iter()
            .position(|file| file.path == path)
            .expect("test file is in the set")
    }

    /// The byte range of the first `needle` in file `path`.
    fn span_of(set: &MigrationSet, path: &str, needle: &str) -> Range<usize> {
        let text = &set.files[index_of(set, path)].text;
        let start = text.find(needle).expect("needle is in the file");
        start..start + needle.len()
    }

    fn two_tables() -> MigrationSet {
        set_of(&[
            (
                "001_users.sql",
                "-- the users\nCREATE TABLE users (\n    id bigint PRIMARY KEY\n);\n",
            ),
            (
                "002_again.sql",
                "ALTER TABLE users ADD COLUMN name text;\nCREATE TABLE users (id int);\n",
            ),
        ])
    }

    fn duplicate_table(set: &MigrationSet) -> Diagnostic {
        let first = span_of(set, "001_users.sql", "users (");
        let again = span_of(set, "002_again.sql", "users (id int)");
        Diagnostic::error("duplicate-table", "table `users` already exists")
            .at(
                index_of(set, "002_again.sql"),
                again.start..again.start + "users".len(),
                "created again here",
            )
            .related(
                index_of(set, "001_users.sql"),
                first.start..first.start + "users".len(),
                "first created here",
            )
            .help("drop the second `CREATE TABLE`, or use `CREATE TABLE IF NOT EXISTS`")
    }

    #[test]
    fn location_counts_lines_and_characters_from_one() {
        let set = set_of(&[("001_a.sql", "-- café\nSELECT 'é', x;\n")]);
        let range = span_of(&set, "001_a.sql", "x;");
        let label = Label {
            file: 0,
            range,
            message: String::new(),
        };
        let at = location(&set, &label).expect("file exists");
        assert_eq!((at.path, at.line, at.column), ("001_a.sql", 2, 13));
        assert_eq!(at.to_string(), "001_a.sql:2:13");
    }

    #[test]
    fn location_of_a_missing_file_is_none() {
        let set = set_of(&[("001_a.sql", "SELECT 1;\n")]);
        let label = Label {
            file: 7,
            range: 0..1,
            message: String::new(),
        };
        assert_eq!(location(&set, &label), None);
    }

    #[test]
    fn text_names_file_line_and_column_and_underlines_the_span() {
        let set = two_tables();
        let text = render_text(&set, &duplicate_table(&set), RenderStyle::Plain);
        assert!(text.starts_with("error[duplicate-table]: table `users` already exists\n"));
        assert!(text.contains(" --> 002_again.sql:2:14\n"), "{text}");
        assert!(text.contains(" --> 001_users.sql:2:14\n"), "{text}");
        assert!(text.contains("note: first created here"), "{text}");
        assert!(text.trim_end().ends_with(
            "= help: drop the second `CREATE TABLE`, or use `CREATE TABLE IF NOT EXISTS`"
        ));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn caret_sits_under_the_span_on_a_line_with_multi_byte_characters() {
        let set = set_of(&[(
            "001_seed.sql",
            "INSERT INTO t VALUES ('héllo', 'wörld', 'ünïcödé');\n",
        )]);
        let span = span_of(&set, "001_seed.sql", "'ünïcödé'");
        let diagnostic =
            Diagnostic::error("bad-value", "value does not fit").at(0, span, "too long");
        let text = render_text(&set, &diagnostic, RenderStyle::Plain);
        let lines: Vec<&str> = text.lines().collect();
        let source = lines
            .iter()
            .find(|line| line.contains("INSERT INTO"))
            .expect("source line is shown");
        let carets = lines
            .iter()
            .find(|line| line.contains('^'))
            .expect("caret line is shown");
        let column_of =
            |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
        assert_eq!(column_of(carets, "^"), column_of(source, "'ünïcödé'"));
        assert!(
            carets.contains(&format!("{} too long", "^".repeat(9))),
            "{text}"
        );
        assert!(text.contains(" --> 001_seed.sql:1:41\n"), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn multi_line_span_is_underlined_on_its_first_line() {
        let set = two_tables();
        let span = span_of(
            &set,
            "001_users.sql",
            "CREATE TABLE users (\n    id bigint PRIMARY KEY\n);",
        );
        let diagnostic = Diagnostic::warning("no-comment", "table `users` has no comment").at(
            0,
            span,
            "this table",
        );
        let text = render_text(&set, &diagnostic, RenderStyle::Plain);
        assert!(!text.contains("PRIMARY KEY"), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn whole_file_finding_shows_location_without_snippet() {
        let set = set_of(&[("001_a.sql", "SELECT 1;\n"), ("001_b.sql", "SELECT 2;\n")]);
        let diagnostic = set
            .diagnostics
            .iter()
            .find(|d| d.code == "duplicate-version")
            .expect("the set reports the duplicate version");
        let text = render_text(&set, diagnostic, RenderStyle::Plain);
        // Aligned like the `-->` of a finding with a snippet, though no line number is shown.
        let locations: Vec<&str> = text.lines().filter(|l| l.contains("-->")).collect();
        assert_eq!(
            locations,
            [" --> 001_b.sql:1:1", " --> 001_a.sql:1:1"],
            "{text}"
        );
        assert!(!text.contains('^') && !text.contains("SELECT"), "{text}");
        insta::assert_snapshot!(text);
    }

    #[test]
    fn diagnostic_without_label_renders_message_and_help_only() {
        let set = set_of(&[]);
        let diagnostic = Diagnostic::warning("empty-folder", "the migrations folder is empty")
            .help("add a migration such as `001_init.sql`");
        let text = render_text(&set, &diagnostic, RenderStyle::Plain);
        assert!(!text.contains("-->"), "{text}");
        insta::assert_snapshot!(text);
    }

    /// `text` without any ANSI escape sequence.
    fn without_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find('\x1b') {
            out.push_str(&rest[..at]);
            rest = strip_leading_ansi(&rest[at..]);
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn color_output_is_plain_output_plus_escape_sequences() {
        let set = set_of(&[("001_a.sql", "SELECT 1;\n"), ("001_b.sql", "SELECT 2;\n")]);
        let whole_file = set.diagnostics[0].clone();
        let with_snippet = Diagnostic::warning("x", "y").at(0, 0..6, "here");
        for diagnostic in [whole_file, with_snippet] {
            let color = render_text(&set, &diagnostic, RenderStyle::Color);
            let plain = render_text(&set, &diagnostic, RenderStyle::Plain);
            assert!(color.contains("\x1b[") && !plain.contains("\x1b["));
            assert_eq!(without_ansi(&color), plain);
        }
    }

    #[test]
    fn out_of_range_and_mid_character_spans_do_not_panic() {
        let set = set_of(&[("001_a.sql", "SELECT 'é';")]);
        let inside_e = set.files[0].text.find('é').unwrap() + 1;
        let reversed = Range { start: 5, end: 2 };
        for range in [inside_e..inside_e, inside_e..500, 400..500, reversed] {
            let diagnostic = Diagnostic::error("x", "y").at(0, range, "here");
            render_text(&set, &diagnostic, RenderStyle::Plain);
            one_line(&set, &diagnostic);
        }
    }

    #[test]
    fn one_line_puts_location_first_and_indents_notes_and_help() {
        let set = two_tables();
        assert_eq!(
            one_line(&set, &duplicate_table(&set)),
            "002_again.sql:2:14: error[duplicate-table]: table `users` already exists\n  \
             001_users.sql:2:14: note: first created here\n  \
             help: drop the second `CREATE TABLE`, or use `CREATE TABLE IF NOT EXISTS`"
        );
        let bare = Diagnostic::info("note-only", "nothing to point at");
        assert_eq!(
            one_line(&set, &bare),
            "info[note-only]: nothing to point at"
        );
    }

    #[test]
    fn serialised_document_keeps_the_documented_field_order() {
        let set = two_tables();
        let diagnostics = [duplicate_table(&set)];
        let text = serde_json::to_string(&to_document(&set, &diagnostics)).unwrap();
        let order = [
            "\"diagnostics\"",
            "\"code\"",
            "\"severity\"",
            "\"message\"",
            "\"file\"",
            "\"line\"",
            "\"column\"",
            "\"related\"",
            "\"help\"",
        ];
        let positions: Vec<usize> = order.iter().map(|key| text.find(key).unwrap()).collect();
        assert!(positions.is_sorted(), "{text}");
    }

    #[test]
    fn json_has_one_object_per_diagnostic_with_relative_paths() {
        let set = two_tables();
        let bare = Diagnostic::warning("empty-folder", "the migrations folder is empty");
        let value = to_json(&set, &[duplicate_table(&set), bare]);
        assert_eq!(
            value,
            json!({"diagnostics": [
                {
                    "code": "duplicate-table",
                    "severity": "error",
                    "message": "table `users` already exists",
                    "file": "002_again.sql",
                    "line": 2,
                    "column": 14,
                    "related": [{
                        "file": "001_users.sql",
                        "line": 2,
                        "column": 14,
                        "message": "first created here",
                    }],
                    "help": "drop the second `CREATE TABLE`, or use `CREATE TABLE IF NOT EXISTS`",
                },
                {
                    "code": "empty-folder",
                    "severity": "warning",
                    "message": "the migrations folder is empty",
                    "file": null,
                    "line": null,
                    "column": null,
                    "related": [],
                    "help": null,
                },
            ]})
        );
    }
}
