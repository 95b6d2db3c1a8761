//! Reduce SQL text that two catalogs may spell differently to what they agree on.
//!
//! A default written `'x'` in a migration is reported as `'x'::text` by PostgreSQL, `-1` as
//! `'-1'::integer`, `a = 'b'` as `((a)::text = 'b'::text)`: comparing such text byte for byte
//! would report differences nobody can act on.

/// Text of a default, check or index expression reduced to what both sides agree on: casts
/// (`::type`), grouping parentheses, case and whitespace outside string literals are dropped,
/// and a quoted number (`'-1'`) loses its quotes.
pub fn normalize_expression(text: &str) -> String {
    let without_casts = strip_casts(text);
    let mut normalized = String::with_capacity(without_casts.len());
    // For each open parenthesis: whether it was kept (a call's) or dropped (a grouping one).
    let mut kept_parentheses: Vec<bool> = Vec::new();
    let mut chars = without_casts.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let literal = read_string_literal(&mut chars);
                let inner = &literal[..literal.len().saturating_sub(1)];
                if !inner.is_empty() && inner.parse::<f64>().is_ok() {
                    normalized.push_str(inner);
                } else {
                    normalized.push('\'');
                    normalized.push_str(&literal);
                }
            }
            '(' => {
                let is_call = normalized
                    .chars()
                    .last()
                    .is_some_and(|last| last.is_alphanumeric() || last == '_' || last == '"');
                kept_parentheses.push(is_call);
                if is_call {
                    normalized.push('(');
                }
            }
            ')' => {
                if kept_parentheses.pop().unwrap_or(true) {
                    normalized.push(')');
                }
            }
            c if c.is_whitespace() => {}
            c => normalized.extend(c.to_lowercase()),
        }
    }
    normalized
}

/// Lower-case with runs of whitespace as one space: for type names and argument lists.
pub(super) fn normalize_words(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An argument list reduced to what identifies the function: the argument types. PostgreSQL
/// keys a function by its input types alone, and reports them with their parameter names
/// (`_tbl regclass`), while a migration's signature may or may not name them. Each argument
/// loses an `IN`/`VARIADIC` mode and a leading name (a first word that a type name cannot be
/// continued by: `x double precision` names `x`, `double precision` does not).
pub(super) fn normalize_function_args(text: &str) -> String {
    /// Second words of multi-word type names.
    const TYPE_CONTINUATIONS: &[&str] = &["precision", "varying", "with", "without", "zone"];
    let normalized = normalize_words(text);
    let mut arguments = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (at, c) in normalized.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                arguments.push(&normalized[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    arguments.push(&normalized[start..]);
    arguments
        .into_iter()
        .map(|argument| {
            let mut argument = argument.trim();
            for mode in ["in ", "variadic "] {
                argument = argument.strip_prefix(mode).unwrap_or(argument);
            }
            // A quoted name (`"odd name" text`) may hold spaces: all up to its closing quote.
            if let Some(quoted) = argument.strip_prefix('"') {
                return quoted
                    .split_once('"')
                    .map_or(argument, |(_, rest)| rest.trim())
                    .to_owned();
            }
            let words: Vec<&str> = argument.split_whitespace().collect();
            let named = words.len() > 1
                && !TYPE_CONTINUATIONS.contains(&words[1])
                && !words[1].starts_with(['(', '[']);
            words[usize::from(named)..].join(" ")
        })
        .filter(|argument| !argument.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the rest of a string literal whose opening quote was consumed; returns it with its
/// closing quote (`''` inside stays as written).
fn read_string_literal(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    let mut literal = String::new();
    while let Some(c) = chars.next() {
        literal.push(c);
        if c == '\'' {
            if chars.peek() == Some(&'\'') {
                literal.push('\'');
                chars.next();
            } else {
                break;
            }
        }
    }
    literal
}

/// Words that continue a multi-word type name after a cast: `character varying`,
/// `double precision`, `timestamp with(out) time zone`.
const TYPE_NAME_CONTINUATIONS: &[&str] =
    &["varying", "precision", "with", "without", "time", "zone"];

/// Drops every `::type` cast (with type modifiers and array brackets) outside string literals.
fn strip_casts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\'' => {
                out.push('\'');
                i += 1;
                while i < chars.len() {
                    out.push(chars[i]);
                    if chars[i] == '\'' {
                        if chars.get(i + 1) == Some(&'\'') {
                            out.push('\'');
                            i += 1;
                        } else {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
            }
            ':' if chars.get(i + 1) == Some(&':') => i = skip_type_name(&chars, i + 2),
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The index just past the type name that starts at `start`.
fn skip_type_name(chars: &[char], start: usize) -> usize {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '.' || c == '"';
    let skip_spaces = |mut i: usize| {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        i
    };
    let read_word = |mut i: usize| {
        let begin = i;
        while chars.get(i).is_some_and(|&c| is_word(c)) {
            i += 1;
        }
        (chars[begin..i].iter().collect::<String>(), i)
    };
    let (_, mut i) = read_word(skip_spaces(start));
    loop {
        let (word, after) = read_word(skip_spaces(i));
        if TYPE_NAME_CONTINUATIONS.contains(&word.to_lowercase().as_str()) {
            i = after;
        } else {
            break;
        }
    }
    // Type modifiers: `(20)`, `(10, 2)`.
    let modifier_start = skip_spaces(i);
    if chars.get(modifier_start) == Some(&'(') {
        let mut j = modifier_start + 1;
        while chars
            .get(j)
            .is_some_and(|&c| c.is_ascii_digit() || c == ',' || c.is_whitespace())
        {
            j += 1;
        }
        if chars.get(j) == Some(&')') {
            i = j + 1;
        }
    }
    // Array brackets: `[]`, `[3]`.
    while chars.get(i) == Some(&'[') {
        let mut j = i + 1;
        while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        if chars.get(j) == Some(&']') {
            i = j + 1;
        } else {
            break;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_expression_drops_casts_grouping_case_and_spaces() {
        let cases = [
            ("nextval('a_id_seq'::regclass)", "nextval('a_id_seq')"),
            ("'{}'::character varying(255)[]", "'{}'"),
            (
                "(CURRENT_TIMESTAMP AT TIME ZONE 'UTC'::text)",
                "current_timestampattimezone'UTC'",
            ),
            ("'-1.5'::numeric(10, 2)", "-1.5"),
            (
                "((split_state)::text = 'Published'::text)",
                "split_state='Published'",
            ),
            ("now()::timestamp without time zone", "now()"),
            ("'it''s'::text", "'it''s'"),
            ("lower((name)::text)", "lower(name)"),
        ];
        for (text, normalized) in cases {
            assert_eq!(normalize_expression(text), normalized, "normalising {text}");
        }
    }
    #[test]
    fn normalize_function_args_keeps_only_the_types() {
        let cases = [
            ("_tbl regclass", "regclass"),
            ("regclass", "regclass"),
            ("", ""),
            ("a integer, b text", "integer, text"),
            ("integer,text", "integer, text"),
            ("x double precision", "double precision"),
            ("double precision", "double precision"),
            ("character varying", "character varying"),
            ("at timestamp with time zone", "timestamp with time zone"),
            ("timestamp without time zone", "timestamp without time zone"),
            ("VARIADIC parts text[]", "text[]"),
            ("amount numeric(10, 2), n int", "numeric(10, 2), int"),
            ("\"Odd Name\" text", "text"),
        ];
        for (text, normalized) in cases {
            assert_eq!(
                normalize_function_args(text),
                normalized,
                "normalising {text}"
            );
        }
    }
}
