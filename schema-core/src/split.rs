//! Split a migration file into statements with exact byte spans.
//!
//! Understands what PostgreSQL's and SQLite's own scanners understand about where a `;` ends a
//! statement: single-quoted and `E''` strings, quoted identifiers, `$$`/`$tag$` bodies, `--`
//! and nested `/* */` comments, and `BEGIN ... END` blocks of SQLite triggers and SQL-standard
//! (`BEGIN ATOMIC`) function bodies. Splitting never fails: an unterminated literal ends the
//! file's last statement and is reported as a problem.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawStatement {
    /// From the statement's first token to its last, without the `;`.
    pub range: Range<usize>,
    /// Whitespace and comments between the previous statement and this one.
    pub leading: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitProblem {
    /// Where the unterminated construct starts.
    pub offset: usize,
    pub what: &'static str,
}

pub fn split(text: &str) -> (Vec<RawStatement>, Vec<SplitProblem>) {
    Splitter {
        bytes: text.as_bytes(),
        at: 0,
        statements: Vec::new(),
        problems: Vec::new(),
    }
    .run()
}

struct Splitter<'a> {
    bytes: &'a [u8],
    at: usize,
    statements: Vec<RawStatement>,
    problems: Vec<SplitProblem>,
}

impl Splitter<'_> {
    fn run(mut self) -> (Vec<RawStatement>, Vec<SplitProblem>) {
        let mut leading_start = 0;
        let mut first: Option<usize> = None;
        let mut last_end = 0;
        let mut words = BlockTracker::default();
        while self.at < self.bytes.len() {
            let start = self.at;
            let byte = self.bytes[start];
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => {
                    self.at += 1;
                    continue;
                }
                b'-' if self.peek(1) == Some(b'-') => {
                    self.skip_line_comment();
                    continue;
                }
                b'/' if self.peek(1) == Some(b'*') => {
                    self.skip_block_comment();
                    continue;
                }
                b';' if words.depth == 0 => {
                    if let Some(first) = first.take() {
                        self.statements.push(RawStatement {
                            range: first..last_end,
                            leading: leading_start..first,
                        });
                    }
                    self.at += 1;
                    leading_start = self.at;
                    words = BlockTracker::default();
                    continue;
                }
                b'\'' => self.skip_quoted(b'\'', self.is_escape_string(start)),
                b'"' => self.skip_quoted(b'"', false),
                b'`' => self.skip_quoted(b'`', false),
                b'$' if self.dollar_tag(start).is_some() => self.skip_dollar_body(),
                _ if is_word_start(byte) => {
                    let end = self.word_end(start);
                    words.see(&self.bytes[start..end]);
                    self.at = end;
                }
                _ => self.at += 1,
            }
            first.get_or_insert(start);
            last_end = self.at;
        }
        if let Some(first) = first {
            self.statements.push(RawStatement {
                range: first..last_end,
                leading: leading_start..first,
            });
        }
        (self.statements, self.problems)
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    fn skip_line_comment(&mut self) {
        while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
            self.at += 1;
        }
    }

    fn skip_block_comment(&mut self) {
        let start = self.at;
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            if self.bytes[self.at] == b'/' && self.peek(1) == Some(b'*') {
                depth += 1;
                self.at += 2;
            } else if self.bytes[self.at] == b'*' && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.at += 2;
                if depth == 0 {
                    return;
                }
            } else {
                self.at += 1;
            }
        }
        self.problems.push(SplitProblem {
            offset: start,
            what: "unterminated block comment",
        });
    }

    /// `E'...'` (or `e'...'`) takes backslash escapes; a plain `'...'` does not.
    fn is_escape_string(&self, quote: usize) -> bool {
        quote > 0
            && matches!(self.bytes[quote - 1], b'E' | b'e')
            && (quote < 2 || !is_word_byte(self.bytes[quote - 2]))
    }

    fn skip_quoted(&mut self, quote: u8, backslash_escapes: bool) {
        let start = self.at;
        self.at += 1;
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            if backslash_escapes && byte == b'\\' {
                self.at += 2;
            } else if byte == quote {
                if self.peek(1) == Some(quote) {
                    self.at += 2;
                } else {
                    self.at += 1;
                    return;
                }
            } else {
                self.at += 1;
            }
        }
        self.at = self.bytes.len();
        self.problems.push(SplitProblem {
            offset: start,
            what: if quote == b'\'' {
                "unterminated string literal"
            } else {
                "unterminated quoted identifier"
            },
        });
    }

    /// The tag of a dollar quote opening at `start` (`$$` or `$name$`), if one opens there.
    fn dollar_tag(&self, start: usize) -> Option<usize> {
        if start > 0 && is_word_byte(self.bytes[start - 1]) {
            return None; // `a$b` is an identifier, not a dollar quote
        }
        let mut end = start + 1;
        if self.bytes.get(end).is_some_and(|b| b.is_ascii_digit()) {
            return None; // `$1` is a parameter
        }
        while end < self.bytes.len() && is_word_byte(self.bytes[end]) && self.bytes[end] != b'$' {
            end += 1;
        }
        (self.bytes.get(end) == Some(&b'$')).then_some(end + 1)
    }

    fn skip_dollar_body(&mut self) {
        let start = self.at;
        let Some(tag_end) = self.dollar_tag(start) else {
            return;
        };
        let tag = &self.bytes[start..tag_end];
        self.at = tag_end;
        while self.at < self.bytes.len() {
            if self.bytes[self.at..].starts_with(tag) {
                self.at += tag.len();
                return;
            }
            self.at += 1;
        }
        self.problems.push(SplitProblem {
            offset: start,
            what: "unterminated dollar-quoted string",
        });
    }

    fn word_end(&self, start: usize) -> usize {
        let mut end = start;
        while end < self.bytes.len() && is_word_byte(self.bytes[end]) {
            end += 1;
        }
        end.max(start + 1)
    }
}

fn is_word_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// Tracks `BEGIN ... END` blocks inside `CREATE TRIGGER` (SQLite) and `BEGIN ATOMIC` bodies,
/// where `;` does not end the statement. Outside quotes, PostgreSQL routines only show `BEGIN`
/// as `BEGIN ATOMIC`, so one rule serves both dialects.
#[derive(Default)]
struct BlockTracker {
    seen: usize,
    creates_routine: bool,
    depth: usize,
}

impl BlockTracker {
    fn see(&mut self, word: &[u8]) {
        let is = |keyword: &str| word.eq_ignore_ascii_case(keyword.as_bytes());
        self.seen += 1;
        if self.seen == 1 && !is("create") {
            self.seen = usize::MAX / 2; // only CREATE statements hold blocks
        }
        if self.seen <= 6 && (is("trigger") || is("function") || is("procedure")) {
            self.creates_routine = true;
        }
        if !self.creates_routine {
            return;
        }
        if is("begin") || (self.depth > 0 && is("case")) {
            self.depth += 1;
        } else if self.depth > 0 && is("end") {
            self.depth -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sql: &str) -> Vec<&str> {
        split(sql).0.into_iter().map(|s| &sql[s.range]).collect()
    }

    #[test]
    fn semicolons_inside_literals_comments_and_bodies_do_not_split() {
        let sql = "CREATE TABLE a (x text DEFAULT ';');\n-- a ; comment\nSELECT 'it''s;' /* ; /* nested ; */ */;\n\
                   CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN x := 1; END; $body$ LANGUAGE plpgsql;\n\
                   SELECT E'\\';' AS \"semi;colon\";";
        assert_eq!(
            texts(sql),
            vec![
                "CREATE TABLE a (x text DEFAULT ';')",
                "SELECT 'it''s;'",
                "CREATE FUNCTION f() RETURNS trigger AS $body$ BEGIN x := 1; END; $body$ LANGUAGE plpgsql",
                "SELECT E'\\';' AS \"semi;colon\"",
            ]
        );
    }

    #[test]
    fn spans_start_at_the_first_token_after_comments() {
        let sql = "-- header\n\n  CREATE TABLE t (id int);  ";
        let (statements, problems) = split(sql);
        assert!(problems.is_empty());
        assert_eq!(statements.len(), 1);
        assert_eq!(statements[0].range.start, sql.find("CREATE").unwrap());
        assert_eq!(&sql[statements[0].leading.clone()], "-- header\n\n  ");
    }

    #[test]
    fn dollar_signs_in_identifiers_and_parameters_are_not_quotes() {
        assert_eq!(
            texts("SELECT a$b, $1; SELECT 2"),
            vec!["SELECT a$b, $1", "SELECT 2"]
        );
    }

    #[test]
    fn sqlite_trigger_bodies_keep_their_semicolons() {
        let sql = "CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE a SET x = 1; UPDATE a SET y = CASE WHEN 1 THEN 2 END; END; SELECT 1";
        assert_eq!(
            texts(sql),
            vec![
                "CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE a SET x = 1; UPDATE a SET y = CASE WHEN 1 THEN 2 END; END",
                "SELECT 1"
            ]
        );
    }

    #[test]
    fn begin_atomic_bodies_keep_their_semicolons() {
        let sql = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3";
        assert_eq!(texts(sql).len(), 2);
    }

    #[test]
    fn transaction_begin_is_its_own_statement() {
        assert_eq!(
            texts("BEGIN; CREATE TABLE t (id int); COMMIT;"),
            vec!["BEGIN", "CREATE TABLE t (id int)", "COMMIT"]
        );
    }

    #[test]
    fn unterminated_literals_are_reported_not_lost() {
        let (statements, problems) = split("SELECT 'abc; SELECT 2");
        assert_eq!(statements.len(), 1);
        assert_eq!(
            problems,
            vec![SplitProblem {
                offset: 7,
                what: "unterminated string literal"
            }]
        );
    }
}
