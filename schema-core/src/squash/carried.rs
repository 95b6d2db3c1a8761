//! The statements a baseline carries over verbatim: what the catalog does not model.

use super::CarriedStatement;
use crate::analyze::Analysis;
use crate::config::Config;
use crate::fold;
use crate::parse::Parsed;
use sqlparser::ast::Statement;

/// The statements the catalog does not model, in run order: those the fold reported as
/// unparsed, unverified or unmodeled as a whole, those it skipped because they name a table or
/// column only an opaque statement may create (an index on a column a `DO` block adds), and
/// data and privilege statements.
pub(super) fn carried_statements(analysis: &Analysis, config: &Config) -> Vec<CarriedStatement> {
    let (records, _) = fold::statements(&analysis.set, config);
    let reported: Vec<(usize, std::ops::Range<usize>)> = analysis
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.code,
                "unparsed-statement" | "unverified-statement" | "unmodeled-statement"
            )
        })
        .flat_map(|d| d.primary.iter().chain(&d.related))
        .map(|label| (label.file, label.range.clone()))
        .collect();
    // Primary labels only: the related label points at the opaque statement itself.
    let unverifiable: Vec<(usize, std::ops::Range<usize>)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == "unverifiable-reference")
        .flat_map(|d| &d.primary)
        .map(|label| (label.file, label.range.clone()))
        .collect();
    let within = |labels: &[(usize, std::ops::Range<usize>)],
                  file: usize,
                  range: &std::ops::Range<usize>| {
        labels
            .iter()
            .any(|(f, r)| *f == file && r.start >= range.start && r.end <= range.end)
    };
    let mut carried = Vec::new();
    for record in &records {
        let file = &analysis.set.files[record.file];
        let text = &file.text[record.range.clone()];
        let carry = match &record.parsed {
            Parsed::Opaque { .. } => reported.iter().any(|(f, range)| {
                *f == record.file
                    && range.start >= record.range.start
                    && range.end <= record.range.end
            }),
            Parsed::Ast(statement) => match statement.as_ref() {
                Statement::Query(_) => !text
                    .to_ascii_lowercase()
                    .contains("diesel_manage_updated_at("),
                // Folded into the catalog (or sub-commands reported one by one).
                Statement::CreateTable(_) | Statement::AlterTable(_) => false,
                _ => {
                    reported
                        .iter()
                        .any(|(f, range)| *f == record.file && *range == record.range)
                        || within(&unverifiable, record.file, &record.range)
                        || is_data_or_privilege(statement)
                }
            },
        };
        if carry {
            let (line, _) = file.line_col(record.range.start);
            carried.push(CarriedStatement {
                file: file.path.clone(),
                line,
                kind: fold::statement_kind(text),
                text: text.to_string(),
                runs: !matches!(
                    &record.parsed,
                    Parsed::Ast(statement)
                        if matches!(statement.as_ref(), Statement::Update(_) | Statement::Delete(_))
                ),
            });
        }
    }
    carried
}

fn is_data_or_privilege(statement: &Statement) -> bool {
    matches!(
        statement,
        Statement::Insert(_)
            | Statement::Update(_)
            | Statement::Delete(_)
            | Statement::Truncate(_)
            | Statement::Grant(_)
            | Statement::Revoke(_)
            | Statement::CreateRole(_)
            | Statement::AlterRole { .. }
            | Statement::CreatePolicy(_)
            | Statement::DropPolicy(_)
            | Statement::AlterPolicy(_)
            | Statement::AlterDefaultPrivileges(_)
    )
}

/// Sequence options the catalog does not hold (`START 1000`, `INCREMENT 10`, `CACHE`...): the
/// baseline creates its sequences without them, so each statement that set one is named.
pub(super) fn sequence_option_notes(analysis: &Analysis, config: &Config) -> Vec<String> {
    const OPTIONS: &[&str] = &[
        "start",
        "restart",
        "increment",
        "minvalue",
        "maxvalue",
        "cache",
        "cycle",
    ];
    let (records, _) = fold::statements(&analysis.set, config);
    let mut notes = Vec::new();
    for record in &records {
        let file = &analysis.set.files[record.file];
        let text = &file.text[record.range.clone()];
        let words: Vec<String> = text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let is_sequence_statement = words.len() > 2
            && matches!(words[0].as_str(), "create" | "alter")
            && words[1] == "sequence";
        // `GENERATED ... AS IDENTITY (START WITH 1000)`: the same options, on an identity column.
        let identity_options = words
            .windows(2)
            .any(|pair| pair[0] == "as" && pair[1] == "identity")
            && text.to_ascii_lowercase().contains("identity (")
            && words.iter().any(|w| OPTIONS.contains(&w.as_str()));
        if (is_sequence_statement && words[2..].iter().any(|w| OPTIONS.contains(&w.as_str())))
            || identity_options
        {
            let (line, _) = file.line_col(record.range.start);
            let what = if identity_options {
                "identity column options"
            } else {
                "sequence options"
            };
            notes.push(format!(
                "{}:{line}: {what} (start, increment, cache...) are not modeled and not repeated by the baseline: `{}`",
                file.path,
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::source::MigrationSet;
    use crate::squash::{SquashOptions, squash};
    use std::path::PathBuf;

    fn squash_of(files: &[(&str, &str)]) -> crate::squash::Squash {
        let raw = files
            .iter()
            .map(|(path, text)| ((*path).to_owned(), text.as_bytes().to_vec()))
            .collect();
        let set = MigrationSet::from_files(PathBuf::from("migrations"), raw, None);
        let config = Config::default();
        let analysis = crate::analyze(set, &config);
        squash(&analysis, &config, SquashOptions::default())
    }

    #[test]
    fn an_index_on_a_column_only_a_do_block_adds_is_carried_not_dropped() {
        let baseline = squash_of(&[
            ("001_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n"),
            (
                "002_seen.sql",
                "DO $$ BEGIN ALTER TABLE t ADD COLUMN seen_at timestamptz; END $$;\n\
                 CREATE INDEX t_seen_at ON t (seen_at);\n",
            ),
        ]);
        let kinds: Vec<(&str, &str)> = baseline
            .carried
            .iter()
            .map(|c| (c.file.as_str(), c.kind.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [("002_seen.sql", "DO"), ("002_seen.sql", "CREATE INDEX")]
        );
        let do_block = baseline.sql.find("DO $$").expect("DO block carried");
        let index = baseline
            .sql
            .find("CREATE INDEX t_seen_at ON t (seen_at);")
            .expect("index carried verbatim");
        assert!(do_block < index, "{}", baseline.sql);
    }
}
