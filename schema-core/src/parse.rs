//! Parse one split statement with sqlparser; what it cannot parse stays as opaque text with the
//! position sqlparser complained about.

use crate::config::Dialect;
use sqlparser::ast::Statement;
use sqlparser::dialect::{PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

#[derive(Debug, Clone)]
pub enum Parsed {
    Ast(Box<Statement>),
    /// sqlparser rejected it: the byte offset (within the statement) it pointed at and why.
    Opaque {
        offset: Option<usize>,
        reason: String,
    },
}

/// Deeply nested input must not overflow the stack: sqlparser counts its recursion.
const RECURSION_LIMIT: usize = 200;

pub fn parse_statement(text: &str, dialect: Dialect) -> Parsed {
    // sqlparser is not ours: a panic inside it must not take the macro or the CLI down.
    let result = std::panic::catch_unwind(|| parse_unguarded(text, dialect));
    result.unwrap_or_else(|_| Parsed::Opaque {
        offset: None,
        reason: "the SQL parser crashed on this statement".into(),
    })
}

fn parse_unguarded(text: &str, dialect: Dialect) -> Parsed {
    let postgres = PostgreSqlDialect {};
    let sqlite = SQLiteDialect {};
    let dialect: &dyn sqlparser::dialect::Dialect = match dialect {
        Dialect::Postgres => &postgres,
        Dialect::Sqlite => &sqlite,
    };
    let parsed = Parser::new(dialect)
        .with_recursion_limit(RECURSION_LIMIT)
        .try_with_sql(text)
        .and_then(|mut parser| parser.parse_statements());
    match parsed {
        Ok(mut statements) if statements.len() == 1 => Parsed::Ast(Box::new(statements.remove(0))),
        Ok(statements) if statements.is_empty() => Parsed::Opaque {
            offset: None,
            reason: "no statement found".into(),
        },
        Ok(_) => Parsed::Opaque {
            offset: None,
            reason: "the parser read several statements here".into(),
        },
        Err(error) => {
            let message = error.to_string();
            Parsed::Opaque {
                offset: error_offset(text, &message),
                reason: clean_message(&message),
            }
        }
    }
}

/// sqlparser reports positions only inside its message, as `at Line: N, Column: M` with the
/// column counted in characters. This is the one place that reads it; a test pins the format.
pub fn error_offset(text: &str, message: &str) -> Option<usize> {
    let at = message.rfind("Line: ")?;
    let rest = &message[at + "Line: ".len()..];
    let (line, rest) = rest.split_once(", Column: ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    offset_of(text, line.trim().parse().ok()?, column.parse().ok()?)
}

/// Byte offset of a 1-based line and character column of `text` (sqlparser's positions).
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = text
        .split_inclusive('\n')
        .take(line.checked_sub(1)?)
        .map(str::len)
        .sum::<usize>();
    let line_text = text.get(line_start..)?.split('\n').next()?;
    let in_line = line_text
        .char_indices()
        .nth(column.checked_sub(1)?)
        .map_or(line_text.len(), |(i, _)| i);
    Some(line_start + in_line)
}

fn clean_message(message: &str) -> String {
    let message = message
        .strip_prefix("sql parser error: ")
        .unwrap_or(message);
    match message.rfind(" at Line: ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlparser_error_positions_map_to_byte_offsets() {
        let text = "CREATE TABLE t (\n  é int,\n  x int WHATEVER\n)";
        let Parsed::Opaque { offset, reason } = parse_statement(text, Dialect::Postgres) else {
            panic!("expected a parse error");
        };
        let offset = offset.expect("sqlparser still reports a position");
        assert_eq!(&text[offset..offset + 8], "WHATEVER");
        assert!(!reason.contains("Line:"), "{reason}");
    }

    #[test]
    fn one_statement_parses_to_an_ast() {
        assert!(matches!(
            parse_statement("CREATE TABLE t (id int)", Dialect::Postgres),
            Parsed::Ast(_)
        ));
        assert!(matches!(
            parse_statement("CREATE TABLE t (id integer)", Dialect::Sqlite),
            Parsed::Ast(_)
        ));
    }
}
