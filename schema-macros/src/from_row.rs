//! `impl sqlx::FromRow for Row`, written out rather than derived.
//!
//! `#[derive(sqlx::FromRow)]` costs about 5 ms of rustc time per table (1.3 s for the 249 tables
//! of the 300-file benchmark history, BENCHMARKS.md): it binds each column with `?` and repeats
//! two `where` bounds per field. This impl has one pair of bounds per distinct field type and a
//! plain `match` per column, which rustc checks in less than half the time and which decodes
//! exactly as the derive does (`Row::try_get` by SQL column name, the error returned as is).

use proc_macro2::TokenStream;
use quote::quote;

/// One field of the row struct: its Rust name, its SQL column name and its type.
pub struct Field {
    pub ident: syn::Ident,
    pub column: String,
    pub ty: TokenStream,
}

pub fn from_row_impl(fields: &[Field]) -> TokenStream {
    let mut distinct_types: Vec<String> = Vec::new();
    let mut bounds = Vec::new();
    for field in fields {
        let key = field.ty.to_string();
        if distinct_types.contains(&key) {
            continue;
        }
        distinct_types.push(key);
        let ty = &field.ty;
        bounds.push(quote! {
            #ty: ::sqlx::decode::Decode<'r, R::Database> + ::sqlx::types::Type<R::Database>
        });
    }
    let values = fields.iter().map(|Field { ident, column, .. }| {
        quote! {
            #ident: match ::sqlx::Row::try_get(row, #column) {
                ::core::result::Result::Ok(value) => value,
                ::core::result::Result::Err(error) => return ::core::result::Result::Err(error),
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl<'r, R: ::sqlx::Row> ::sqlx::FromRow<'r, R> for Row
        where
            &'r ::core::primitive::str: ::sqlx::ColumnIndex<R>,
            #(#bounds,)*
        {
            fn from_row(row: &'r R) -> ::core::result::Result<Self, ::sqlx::Error> {
                ::core::result::Result::Ok(Row { #(#values,)* })
            }
        }
    }
}
