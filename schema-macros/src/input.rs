//! The macro's arguments: a string literal path, then optional `key = value` options.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token, bracketed};

/// `"path" [, dialect = "sqlite"] [, external_tables = ["a", "s.b"]] [, allow = ["code"]]
/// [, same_tables_as = "other/path"]`.
pub struct MigrationsInput {
    pub path: LitStr,
    pub dialect: Option<LitStr>,
    /// Another folder (the other backend's history) that must build the same tables and
    /// columns: `schema_core::shape::compare`.
    pub same_tables_as: Option<LitStr>,
    pub external_tables: Option<Vec<LitStr>>,
    pub allow: Option<Vec<LitStr>>,
}

impl MigrationsInput {
    /// Where errors about the history point: the path literal.
    pub fn span(&self) -> Span {
        self.path.span()
    }
}

impl Parse for MigrationsInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut parsed = MigrationsInput {
            path,
            dialect: None,
            same_tables_as: None,
            external_tables: None,
            allow: None,
        };
        while !input.is_empty() {
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let duplicate = || syn::Error::new(key.span(), format!("`{key}` is given twice"));
            match key.to_string().as_str() {
                "dialect" => {
                    if parsed.dialect.is_some() {
                        return Err(duplicate());
                    }
                    parsed.dialect = Some(input.parse()?);
                }
                "same_tables_as" => {
                    if parsed.same_tables_as.is_some() {
                        return Err(duplicate());
                    }
                    parsed.same_tables_as = Some(input.parse()?);
                }
                "external_tables" => {
                    if parsed.external_tables.is_some() {
                        return Err(duplicate());
                    }
                    parsed.external_tables = Some(string_list(input)?);
                }
                "allow" => {
                    if parsed.allow.is_some() {
                        return Err(duplicate());
                    }
                    parsed.allow = Some(string_list(input)?);
                }
                _ => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown option `{key}`; expected `dialect`, `external_tables`, `allow` or \
                             `same_tables_as`"
                        ),
                    ));
                }
            }
        }
        Ok(parsed)
    }
}

/// `["a", "b"]`.
fn string_list(input: ParseStream) -> syn::Result<Vec<LitStr>> {
    let content;
    bracketed!(content in input);
    let items = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    Ok(items.into_iter().collect())
}
