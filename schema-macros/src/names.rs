//! SQL names to Rust identifiers: sanitised, keyword-escaped and unique within their scope.
//!
//! PostgreSQL names may hold any character and collide with Rust keywords (`type`, `match`);
//! generated code must still compile. The rules, in order:
//! - characters outside `[A-Za-z0-9_]` become `_`; a leading digit gets a `_` prefix;
//! - a keyword becomes a raw identifier (`r#type`), except the ones that cannot be raw
//!   (`self`, `super`, `crate`, `Self`) and `_`, which get a trailing `_`;
//! - a name already taken in the same scope gets `_2`, `_3`, ... (deterministic: first come,
//!   first served in table/column order).

use proc_macro2::{Ident, Span};
use std::collections::BTreeSet;

/// Names already handed out in one scope (a module's items, a struct's fields).
#[derive(Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` are already taken (e.g. `NAME`, `COLUMNS` for column constants).
    pub fn with_reserved(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|name| name.to_string()).collect(),
        }
    }

    /// A unique identifier for `candidate` (already sanitised), suffixed when taken.
    pub fn claim(&mut self, candidate: String) -> String {
        let mut name = candidate.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{candidate}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `[A-Za-z0-9_]` only, not starting with a digit, never empty.
pub fn sanitize(sql_name: &str) -> String {
    let mut out: String = sql_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// `sanitize` in upper case, for constants: `created_at` → `CREATED_AT`.
pub fn constant_name(sql_name: &str) -> String {
    sanitize(sql_name).to_ascii_uppercase()
}

/// UpperCamelCase, for enum types and variants: `order_status` → `OrderStatus`, `in-progress`
/// → `InProgress`.
pub fn type_name(sql_name: &str) -> String {
    let mut out = String::new();
    for word in sql_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    out
}

/// The token for an identifier produced by this module: raw where it is a keyword.
pub fn ident(name: &str) -> Ident {
    if CANNOT_BE_RAW.contains(&name) || name == "_" {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

const CANNOT_BE_RAW: &[&str] = &["self", "super", "crate", "Self"];

/// Strict and reserved keywords of edition 2024 (raw identifiers are valid for all of them).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("users").to_string(), "users");
    }

    #[test]
    fn non_identifier_characters_are_replaced() {
        assert_eq!(sanitize("user data"), "user_data");
        assert_eq!(sanitize("2fa_codes"), "_2fa_codes");
        assert_eq!(sanitize("Ünïcode"), "_n_code");
        assert_eq!(sanitize(""), "_");
        assert_eq!(constant_name("created-at"), "CREATED_AT");
    }

    #[test]
    fn taken_names_get_a_numeric_suffix() {
        let mut scope = Scope::with_reserved(&["NAME", "COLUMNS"]);
        assert_eq!(scope.claim("NAME".into()), "NAME_2");
        assert_eq!(scope.claim("ID".into()), "ID");
        assert_eq!(scope.claim("ID".into()), "ID_2");
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(type_name("order_status"), "OrderStatus");
        assert_eq!(type_name("in-progress"), "InProgress");
        assert_eq!(type_name("3d"), "V3d");
    }
}
