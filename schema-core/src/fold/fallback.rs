//! Statements sqlparser cannot parse. Each becomes a warning that says what was not verified;
//! where the statement clearly names what it changes, a token-level reading keeps the catalog
//! right (`ALTER SEQUENCE ... OWNED BY`, `ALTER TABLE` sub-commands one at a time, indexes).

use super::Folder;
use crate::catalog::{Index, QualifiedName};
use crate::diagnostic::Diagnostic;
use crate::names;
use crate::parse::{self, Parsed};
use sqlparser::ast::{Ident, ObjectName};

impl Folder<'_> {
    pub(crate) fn opaque(&mut self, text: &str, offset: Option<usize>, reason: &str) {
        if reason == super::UNTERMINATED {
            self.remember_opaque_words(text);
            return;
        }
        let words = words(text);
        let upper: Vec<String> = words
            .iter()
            .take(4)
            .map(|w| w.to_ascii_uppercase())
            .collect();
        let head: Vec<&str> = upper.iter().map(String::as_str).collect();
        let handled = match head.as_slice() {
            ["DO", ..] => {
                self.remember_opaque_words(text);
                let diagnostic = self.here(
                    Diagnostic::warning(
                        "unverified-statement",
                        "a `DO` block runs procedural code whose effect on the schema cannot be known statically",
                    ),
                    "not checked: the catalog assumes this changes nothing",
                );
                self.report(diagnostic.help("tables this block creates are not in the catalog; later references to them are reported as unverifiable"));
                return;
            }
            ["ALTER", "SEQUENCE", ..] => self.fallback_alter_sequence(&words),
            ["ALTER", "TABLE", ..] => self.fallback_alter_table(text),
            ["CREATE", "INDEX", ..] | ["CREATE", "UNIQUE", "INDEX", ..] => {
                self.fallback_create_index(text, &words)
            }
            ["BEGIN", ..] | ["START", "TRANSACTION", ..] => {
                self.open_transaction = Some(self.site.clone());
                true
            }
            ["COMMIT", ..] | ["END", ..] | ["ROLLBACK", ..] => {
                self.open_transaction = None;
                true
            }
            // SQLite settings (`PRAGMA foreign_keys = ON`) change no schema object.
            ["PRAGMA", ..] => true,
            ["DROP", "INDEX", "CONCURRENTLY", ..] => {
                self.non_transactional("DROP INDEX CONCURRENTLY");
                let mut rest: Vec<&String> = words[3..].iter().collect();
                let if_exists = rest.len() >= 2
                    && rest[0].eq_ignore_ascii_case("if")
                    && rest[1].eq_ignore_ascii_case("exists");
                if if_exists {
                    rest.drain(..2);
                }
                for name in rest.iter().filter(|w| w.as_str() != ",") {
                    if name.eq_ignore_ascii_case("cascade") || name.eq_ignore_ascii_case("restrict")
                    {
                        continue;
                    }
                    self.drop_object(
                        sqlparser::ast::ObjectType::Index,
                        &object_name(name),
                        if_exists,
                        false,
                    );
                }
                true
            }
            ["REINDEX", ..] | ["CLUSTER", ..] | ["VACUUM", ..] => {
                if head[0] == "VACUUM"
                    || words.iter().any(|w| w.eq_ignore_ascii_case("concurrently"))
                {
                    self.non_transactional(
                        &format!("{} CONCURRENTLY", head[0])
                            .replace("VACUUM CONCURRENTLY", "VACUUM"),
                    );
                }
                true
            }
            _ => false,
        };
        if handled {
            return;
        }
        self.remember_opaque_words(text);
        let kind = super::statement::statement_kind(text);
        let start = self.site.range.start + offset.unwrap_or(0);
        let file_text = &self.set.files[self.site.file].text;
        let end = if offset.is_some() {
            // One character, not one byte: labels end on a character boundary.
            let width = file_text
                .get(start..)
                .and_then(|t| t.chars().next())
                .map_or(1, char::len_utf8);
            (start + width).min(self.site.range.end)
        } else {
            self.site.range.end
        };
        let diagnostic = Diagnostic::warning(
            "unparsed-statement",
            format!("`{kind}` could not be parsed ({reason}); its effect on the schema is not checked"),
        )
        .at(self.site.file, start..end.max(start), "the parser stopped here")
        .related(self.site.file, self.site.range.clone(), "this statement is carried over as-is")
        .help("if this statement creates or changes tables, later checks may be incomplete; please report the statement so the analyzer can learn it");
        self.report(diagnostic);
    }

    fn remember_opaque_words(&mut self, text: &str) {
        // Names inside string literals count too: `EXECUTE 'CREATE TABLE audit_log (...)'`.
        let unquoted = text.replace('\'', " ");
        for word in super::create_table::identifier_words(&unquoted) {
            self.opaque_words
                .entry(word)
                .or_insert_with(|| self.site.clone());
        }
    }

    /// `ALTER SEQUENCE [IF EXISTS] name OWNED BY t.c | OWNED BY NONE | AS type | RENAME TO n`.
    fn fallback_alter_sequence(&mut self, words: &[String]) -> bool {
        let mut rest = &words[2..];
        let if_exists = rest.len() > 2
            && rest[0].eq_ignore_ascii_case("if")
            && rest[1].eq_ignore_ascii_case("exists");
        if if_exists {
            rest = &rest[2..];
        }
        let Some((name, options)) = rest.split_first() else {
            return false;
        };
        let sequence = self.resolve_with(&object_name(name), |q| {
            self.catalog.sequences.contains_key(q)
        });
        if !self.catalog.sequences.contains_key(&sequence) {
            if !if_exists {
                self.report_missing_object("sequence", &sequence);
            }
            return true;
        }
        let lower: Vec<String> = options.iter().map(|w| w.to_ascii_lowercase()).collect();
        let mut understood = true;
        let mut at = 0;
        while at < lower.len() {
            match (lower[at].as_str(), lower.get(at + 1).map(String::as_str)) {
                ("owned", Some("by")) => {
                    let target = options.get(at + 2).cloned().unwrap_or_default();
                    let owner = if target.eq_ignore_ascii_case("none") {
                        None
                    } else {
                        let parts = names::parts(&object_name(&target));
                        match parts.as_slice() {
                            [table_parts @ .., column] if !table_parts.is_empty() => {
                                let table_name = ObjectName::from(
                                    table_parts
                                        .iter()
                                        .map(|p| Ident::with_quote('"', p.clone()))
                                        .collect::<Vec<_>>(),
                                );
                                let table = self.resolve_table(&table_name);
                                self.column_sequences
                                    .insert((table.clone(), column.clone()), sequence.clone());
                                Some(format!("{}.{column}", table.name))
                            }
                            _ => None,
                        }
                    };
                    if let Some(s) = self.catalog.sequences.get_mut(&sequence) {
                        s.owned_by = owner;
                    }
                    at += 3;
                }
                ("as", Some(type_name)) => {
                    let type_name = crate::pgtype::normalize(type_name).name;
                    if let Some(s) = self.catalog.sequences.get_mut(&sequence) {
                        s.data_type = type_name;
                    }
                    at += 2;
                }
                ("rename", Some("to")) => {
                    let new =
                        names::parts(&object_name(options.get(at + 2).map_or("", String::as_str)));
                    if let (Some(new), Some(mut s)) =
                        (new.last(), self.catalog.sequences.swap_remove(&sequence))
                    {
                        let renamed = QualifiedName::new(sequence.schema.clone(), new.clone());
                        for owned in self.column_sequences.values_mut() {
                            if *owned == sequence {
                                *owned = renamed.clone();
                            }
                        }
                        s.name = new.clone();
                        self.catalog
                            .sequences
                            .insert(QualifiedName::new(sequence.schema.clone(), new.clone()), s);
                        // Defaults refer to the sequence by OID: they show the new name.
                        let (old_text, new_text) = (
                            format!("'{}'::regclass", names::quote_if_needed(&sequence.name)),
                            format!("'{}'::regclass", names::quote_if_needed(new)),
                        );
                        for table in self.catalog.tables.values_mut() {
                            for column in &mut table.columns {
                                if let Some(default) = &mut column.default {
                                    *default = default.replace(&old_text, &new_text);
                                }
                            }
                        }
                    }
                    return true;
                }
                // Numeric options (START, INCREMENT, RESTART, CACHE ...) do not change the catalog.
                _ => {
                    if !lower[at]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                    {
                        understood = false;
                    }
                    at += 1;
                }
            }
        }
        understood
    }

    /// Re-parses each top-level sub-command of an `ALTER TABLE` on its own, so that one form
    /// sqlparser does not know does not hide the others.
    fn fallback_alter_table(&mut self, text: &str) -> bool {
        let Some((prefix, body)) = split_alter_table(text) else {
            return false;
        };
        let pieces = split_top_level_commas(body);
        if pieces.len() < 2 {
            return self.fallback_alter_table_single(prefix, body);
        }
        for piece in pieces {
            let single = format!("{prefix} {piece}");
            match parse::parse_statement(&single, crate::config::Dialect::Postgres) {
                Parsed::Ast(statement) => self.statement(&statement, &single),
                Parsed::Opaque { .. } => {
                    if !self.fallback_alter_table_single(prefix, piece) {
                        self.report_unmodeled_piece(prefix, piece);
                    }
                }
            }
        }
        true
    }

    fn fallback_alter_table_single(&mut self, prefix: &str, piece: &str) -> bool {
        let prefix_words = words(prefix);
        let Some(name) = prefix_words.last() else {
            return false;
        };
        let table = self.resolve_table(&object_name(name));
        let piece_words = words(piece);
        let lower: Vec<String> = piece_words.iter().map(|w| w.to_ascii_lowercase()).collect();
        match lower
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["set", "schema", schema] => {
                let new = QualifiedName::new(names::fold(&Ident::new(*schema)), table.name.clone());
                if self.require_table(&table, "ALTER TABLE targets") {
                    self.rename_table(&table, new);
                }
                true
            }
            ["owner", "to", ..]
            | ["set", "(", ..]
            | ["set", "tablespace", ..]
            | ["cluster", "on", ..] => true,
            _ => false,
        }
    }

    fn report_unmodeled_piece(&mut self, prefix: &str, piece: &str) {
        let diagnostic = self.here(
            Diagnostic::warning(
                "unparsed-statement",
                format!(
                    "`{prefix} {}` could not be parsed; its effect on the schema is not checked",
                    piece.trim()
                ),
            ),
            "sub-command not reflected in the catalog",
        );
        self.report(diagnostic);
    }

    /// `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table [USING m] (keys) ...`
    fn fallback_create_index(&mut self, text: &str, words: &[String]) -> bool {
        let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        let Some(on) = lower.iter().position(|w| w == "on") else {
            return false;
        };
        let unique = lower.get(1).is_some_and(|w| w == "unique");
        if lower.iter().take(on).any(|w| w == "concurrently") {
            self.non_transactional("CREATE INDEX CONCURRENTLY");
        }
        let explicit_name = lower[..on]
            .iter()
            .zip(&words[..on])
            .rev()
            .find(|(w, _)| {
                ![
                    "create",
                    "unique",
                    "index",
                    "concurrently",
                    "if",
                    "not",
                    "exists",
                ]
                .contains(&w.as_str())
            })
            .map(|(_, original)| {
                names::parts(&object_name(original))
                    .last()
                    .cloned()
                    .unwrap_or_default()
            });
        let mut table_word = on + 1;
        if lower.get(table_word).is_some_and(|w| w == "only") {
            table_word += 1;
        }
        let Some(table_text) = words.get(table_word) else {
            return false;
        };
        let table = self.resolve_table(&object_name(table_text));
        if !self.require_table(&table, "CREATE INDEX targets") {
            return true;
        }
        let method = lower
            .iter()
            .position(|w| w == "using")
            .and_then(|at| lower.get(at + 1).cloned())
            .unwrap_or_else(|| "btree".into());
        let Some(open) = text.find('(') else {
            return false;
        };
        let keys_text = balanced(&text[open..]);
        let keys = split_top_level_commas(keys_text);
        let mut has_expressions = false;
        let columns: Vec<String> = keys
            .iter()
            .map(|key| {
                let key_words = words_of(key);
                let simple = key_words.first().is_some_and(|w| {
                    w.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '"')
                }) && !key.trim_start().starts_with('(')
                    && !key.contains('(');
                if simple {
                    names::fold(&ident(&key_words[0]))
                } else {
                    has_expressions = true;
                    key.trim().to_string()
                }
            })
            .collect();
        let predicate = lower.iter().position(|w| w == "where").and_then(|_| {
            // ASCII lower-casing keeps byte offsets; `get` keeps a bad offset from panicking.
            let at = text.to_ascii_lowercase().rfind("where")?;
            text.get(at + "where".len()..).map(|p| p.trim().to_string())
        });
        let name = explicit_name
            .filter(|n| !n.is_empty() && n != "index")
            .unwrap_or_else(|| {
                let parts: Vec<String> = columns
                    .iter()
                    .map(|c| {
                        if c.contains(' ') || c.contains('(') {
                            "expr".into()
                        } else {
                            c.clone()
                        }
                    })
                    .collect();
                self.choose_relation_name(
                    &table,
                    &table.name,
                    Some(&names::join_columns(&parts)),
                    "idx",
                )
            });
        let qualified = QualifiedName::new(table.schema.clone(), name.clone());
        if self.catalog.relation_exists(&qualified) {
            return true;
        }
        self.history
            .touch(&table, self.migration, self.site.clone());
        self.catalog.register_index(&table, &name);
        if let Some(t) = self.catalog.tables.get_mut(&table) {
            t.indexes.push(Index {
                name,
                columns,
                unique,
                primary: false,
                method,
                predicate,
                has_expressions,
                constraint: None,
                created: self.site.clone(),
            });
        }
        true
    }
}

/// The table a `CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] name` statement creates, read
/// from its words (the pre-scan runs before anything is parsed). Temporary tables do not
/// count: they vanish with the session.
pub(crate) fn created_table_name(text: &str) -> Option<ObjectName> {
    let head: String = text.chars().take(400).collect();
    let words = words_of(&head);
    let mut rest = words.iter().map(String::as_str);
    if !rest.next()?.eq_ignore_ascii_case("create") {
        return None;
    }
    let mut word = rest.next()?;
    if word.eq_ignore_ascii_case("or") {
        return None; // CREATE OR REPLACE ... is never a table
    }
    for skip in ["global", "local", "unlogged"] {
        if word.eq_ignore_ascii_case(skip) {
            word = rest.next()?;
        }
    }
    if word.eq_ignore_ascii_case("temp")
        || word.eq_ignore_ascii_case("temporary")
        || !word.eq_ignore_ascii_case("table")
    {
        return None;
    }
    let mut name = rest.next()?;
    if name.eq_ignore_ascii_case("if") {
        rest.next()?; // NOT
        rest.next()?; // EXISTS
        name = rest.next()?;
    }
    Some(object_name(name))
}

fn ident(word: &str) -> Ident {
    match word.strip_prefix('"').and_then(|w| w.strip_suffix('"')) {
        Some(inner) => Ident::with_quote('"', inner.replace("\"\"", "\"")),
        None => Ident::new(word),
    }
}

/// `schema.name`, `"Quoted".name` as an `ObjectName`.
fn object_name(text: &str) -> ObjectName {
    let text = text.trim_end_matches([';', ',']);
    ObjectName::from(text.split('.').map(ident).collect::<Vec<_>>())
}

/// Whitespace-separated words with parentheses and commas split off, quotes kept together.
fn words(text: &str) -> Vec<String> {
    words_of(text)
}

fn words_of(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_quotes = None;
    for c in text.chars() {
        match in_quotes {
            Some(q) => {
                current.push(c);
                if c == q {
                    in_quotes = None;
                }
            }
            None if c == '"' || c == '\'' => {
                current.push(c);
                in_quotes = Some(c);
            }
            None if c.is_whitespace() => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
            }
            None if c == '(' || c == ')' || c == ',' || c == ';' => {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                words.push(c.to_string());
            }
            None => current.push(c),
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `ALTER TABLE [IF EXISTS] [ONLY] name` and the rest.
fn split_alter_table(text: &str) -> Option<(&str, &str)> {
    let mut end = 0;
    let mut seen = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = at;
        let mut stop = at + c.len_utf8();
        if c == '"' {
            for (i, inner) in chars.by_ref() {
                stop = i + inner.len_utf8();
                if inner == '"' {
                    break;
                }
            }
        }
        while let Some(&(i, next)) = chars.peek() {
            if next.is_whitespace() {
                break;
            }
            if next == '"' {
                chars.next();
                stop = i + 1;
                for (j, inner) in chars.by_ref() {
                    stop = j + inner.len_utf8();
                    if inner == '"' {
                        break;
                    }
                }
                continue;
            }
            stop = i + next.len_utf8();
            chars.next();
        }
        let word = text[start..stop].to_ascii_lowercase();
        seen += 1;
        end = stop;
        if seen > 2 && !["if", "exists", "only"].contains(&word.as_str()) {
            break;
        }
    }
    (seen >= 3).then(|| (&text[..end], text[end..].trim()))
}

/// Splits at commas outside parentheses and quotes.
fn split_top_level_commas(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut depth, mut start, mut quote) = (0i32, 0, None);
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, ',') if depth == 0 => {
                pieces.push(text[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim();
    if !last.is_empty() {
        pieces.push(last);
    }
    pieces
}

/// The inside of the parenthesised group `text` starts with.
fn balanced(text: &str) -> &str {
    let (mut depth, mut quote) = (0i32, None);
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return &text[1..at];
                }
            }
            _ => {}
        }
    }
    text.get(1..).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alter_table_prefix_and_body_split() {
        assert_eq!(
            split_alter_table("ALTER TABLE IF EXISTS ONLY \"My T\" ADD x int"),
            Some(("ALTER TABLE IF EXISTS ONLY \"My T\"", "ADD x int"))
        );
        assert_eq!(
            split_top_level_commas("ADD a int, ADD b numeric(10,2) DEFAULT ','"),
            vec!["ADD a int", "ADD b numeric(10,2) DEFAULT ','"]
        );
        assert_eq!(balanced("(a, (b + 1)) WHERE x"), "a, (b + 1)");
    }
}
