//! Identifier rules: case folding and the names PostgreSQL chooses for unnamed constraints,
//! indexes and sequences (`makeObjectName` / `ChooseRelationName` in its source).

use sqlparser::ast::{Ident, ObjectName, ObjectNamePart};

/// An identifier as PostgreSQL prints it: quoted unless it is lower case letters, digits and `_`.
pub fn quote_if_needed(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '$');
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// PostgreSQL keeps at most 63 bytes of an identifier.
pub const MAX_IDENTIFIER: usize = 63;

/// Unquoted identifiers fold to lower case; quoted ones keep their spelling.
pub fn fold(ident: &Ident) -> String {
    let value = if ident.quote_style.is_some() {
        ident.value.clone()
    } else {
        ident.value.to_lowercase()
    };
    truncate(value)
}

pub fn truncate(mut name: String) -> String {
    if name.len() > MAX_IDENTIFIER {
        let mut end = MAX_IDENTIFIER;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    name
}

/// The parts of an object name, folded: `Public."Users"` → `["public", "Users"]`.
pub fn parts(name: &ObjectName) -> Vec<String> {
    name.0
        .iter()
        .map(|part| match part {
            ObjectNamePart::Identifier(ident) => fold(ident),
            other => other.to_string().to_lowercase(),
        })
        .collect()
}

/// `name1_name2_label`, shortening the longer of the two names until it fits 63 bytes.
pub fn make_object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let overhead = label.len() + 1 + usize::from(name2.is_some());
    let available = MAX_IDENTIFIER.saturating_sub(overhead);
    let (mut len1, mut len2) = (name1.len(), name2.map_or(0, str::len));
    while len1 + len2 > available {
        if len1 > len2 {
            len1 -= 1;
        } else {
            len2 -= 1;
        }
    }
    let cut = |s: &str, mut len: usize| {
        while !s.is_char_boundary(len) {
            len -= 1;
        }
        s[..len].to_string()
    };
    let mut name = cut(name1, len1);
    if let Some(name2) = name2 {
        name.push('_');
        name.push_str(&cut(name2, len2));
    }
    name.push('_');
    name.push_str(label);
    name
}

/// Like `make_object_name`, adding `1`, `2`, ... to the label until `taken` says it is free.
pub fn choose_name(
    name1: &str,
    name2: Option<&str>,
    label: &str,
    taken: impl Fn(&str) -> bool,
) -> String {
    let mut candidate = make_object_name(name1, name2, label);
    let mut pass = 0;
    while taken(&candidate) {
        pass += 1;
        candidate = make_object_name(name1, name2, &format!("{label}{pass}"));
    }
    candidate
}

/// Column names joined by `_`, as PostgreSQL builds the middle part of a default name.
pub fn join_columns(columns: &[String]) -> String {
    let mut joined = String::new();
    for column in columns {
        if !joined.is_empty() {
            joined.push('_');
        }
        joined.push_str(column);
        if joined.len() >= MAX_IDENTIFIER {
            break;
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_names_follow_postgres() {
        assert_eq!(make_object_name("users", None, "pkey"), "users_pkey");
        assert_eq!(
            make_object_name("users", Some("email"), "key"),
            "users_email_key"
        );
        assert_eq!(
            choose_name("t", Some("a"), "idx", |n| n == "t_a_idx"),
            "t_a_idx1"
        );
    }

    #[test]
    fn long_default_names_are_cut_to_63_bytes_from_the_longer_part() {
        let table = "a".repeat(40);
        let column = "b".repeat(40);
        let name = make_object_name(&table, Some(&column), "fkey");
        assert_eq!(name.len(), 63);
        assert!(name.starts_with(&"a".repeat(29)));
        assert!(name.ends_with(&format!("{}_fkey", "b".repeat(28))));
    }
}
