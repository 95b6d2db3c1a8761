//! `impl sqlx::FromRow for Row`, as one call into generic code emitted once per macro call.
//!
//! rustc type-checks and borrow-checks every function body the macro emits, and a body that
//! decodes each column itself (as `#[derive(sqlx::FromRow)]` does: a `try_get`, a `?` and two
//! `where` bounds per field) costs milliseconds per table, which is most of a clean build with
//! hundreds of tables (BENCHMARKS.md). So each table gets a `__decode::Table` impl (its fields as
//! a tuple type and a function that builds the row from that tuple) and a `FromRow` impl with one
//! `where` bound, on that tuple, and a one-call body: the per-column work lives in `__decode`,
//! generic impls for tuples of up to `LEAF_WIDTH` values, which rustc checks once and
//! instantiates only for the rows a crate actually queries. Decoding is the derive's: each
//! field is `Row::try_get` by its SQL column name, the first error returned as is.
//!
//! Wider tables nest: their fields are split into tuples of `LEAF_WIDTH`, wrapped in
//! `__decode::Chunks`, and so on up (4 levels hold 256 columns, 6 hold PostgreSQL's 1,600).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The widest tuple `__decode` implements (and so the widest pattern the impls destructure).
/// Small on purpose: rustc's work on the impl for `n` values grows faster than `n` (it has
/// `2n` bounds to check each of its `n` decodes against), and with 16 `__decode` alone was a
/// third of what `FromRow` adds to a 249-table crate. For that crate's whole build, 8 takes
/// 11% fewer rustc instructions than 16 and 4 takes 14% fewer (BENCHMARKS.md); tables nest a
/// level deeper, which costs less than it saves.
const LEAF_WIDTH: usize = 4;

/// One field of the row struct: its Rust name and its type. Fields come in column order, the
/// order of the table module's `COLUMNS`, which the impl passes as the names to decode.
pub struct Field {
    pub ident: syn::Ident,
    pub ty: TokenStream,
}

/// `impl FromRow for Row` and the `__decode::Table` impl it goes through, inside a table module
/// `depth` modules below the macro's call site (`tables::users` is 2), where `__decode` sits in
/// `tables`.
///
/// The tuple type is written once, as `Table::Tuple`; `from_tuple` destructures it in a
/// non-generic function, and the generic `from_row` is one call with every type known: no
/// inference for rustc to redo per table (20% fewer instructions for these impls than matching
/// on `Columns::decode` in the generic body, BENCHMARKS.md).
pub fn from_row_impl(fields: &[Field], depth: usize) -> TokenStream {
    let supers = std::iter::repeat_n(quote! { super:: }, depth - 1);
    let decode = quote! { #(#supers)* __decode };
    // Bindings of their own: a field named like a constant in scope (`NAME`) or like `Row`
    // would otherwise be read as a pattern naming that item.
    let bindings: Vec<syn::Ident> = (0..fields.len()).map(|i| format_ident!("__v{i}")).collect();
    let patterns = bindings.iter().map(|binding| quote! { #binding }).collect();
    let types = fields.iter().map(|field| field.ty.clone()).collect();
    let (tuple_type, tuple_pattern) = nest(&decode, types, patterns, true);
    let field_idents = fields.iter().map(|field| &field.ident);
    quote! {
        impl #decode::Table for Row {
            type Tuple = #tuple_type;
            #[inline]
            fn from_tuple(#tuple_pattern: Self::Tuple) -> Self {
                Row { #(#field_idents: #bindings,)* }
            }
        }

        #[automatically_derived]
        impl<'r, R: ::sqlx::Row> ::sqlx::FromRow<'r, R> for Row
        where
            <Row as #decode::Table>::Tuple: #decode::Columns<'r, R>,
        {
            fn from_row(row: &'r R) -> ::core::result::Result<Self, ::sqlx::Error> {
                #decode::from_row::<Self, R>(row, COLUMNS)
            }
        }
    }
}

/// The tuple type and the matching pattern for `types` and `patterns`, one pair per item:
/// columns when `leaves`, else `Columns` tuples. More than `LEAF_WIDTH` items are grouped into
/// tuples of `LEAF_WIDTH` and those grouped again; a tuple of tuples is wrapped in `Chunks`.
fn nest(
    decode: &TokenStream,
    types: Vec<TokenStream>,
    patterns: Vec<TokenStream>,
    leaves: bool,
) -> (TokenStream, TokenStream) {
    if types.len() <= LEAF_WIDTH {
        let (tuple_type, tuple_pattern) = (quote! { (#(#types,)*) }, quote! { (#(#patterns,)*) });
        if leaves {
            return (tuple_type, tuple_pattern);
        }
        return (
            quote! { #decode::Chunks<#tuple_type> },
            quote! { #decode::Chunks(#tuple_pattern) },
        );
    }
    let (group_types, group_patterns) = types
        .chunks(LEAF_WIDTH)
        .zip(patterns.chunks(LEAF_WIDTH))
        .map(|(types, patterns)| nest(decode, types.to_vec(), patterns.to_vec(), leaves))
        .unzip();
    nest(decode, group_types, group_patterns, false)
}

/// `pub mod __decode`, emitted once in `tables`: the `Columns` trait, its impls for tuples of
/// 1 to `LEAF_WIDTH` decodable values and for `Chunks` of 1 to `LEAF_WIDTH` such tuples.
pub fn decode_module() -> TokenStream {
    let mut impls = Vec::new();
    for width in 1..=LEAF_WIDTH {
        let params: Vec<_> = (0..width).map(|i| format_ident!("T{i}")).collect();
        let nexts = params.iter().map(|_| quote! { next(row, names)? });
        impls.push(quote! {
            impl<'r, R: ::sqlx::Row, #(#params,)*> Columns<'r, R> for (#(#params,)*)
            where
                &'r ::core::primitive::str: ::sqlx::ColumnIndex<R>,
                #(#params: ::sqlx::decode::Decode<'r, R::Database> + ::sqlx::types::Type<R::Database>,)*
            {
                fn decode(row: &'r R, names: &mut Names<'_>) -> Result<Self> {
                    ::core::result::Result::Ok((#(#nexts,)*))
                }
            }
        });
        let chunks = params
            .iter()
            .map(|_| quote! { Columns::decode(row, names)? });
        impls.push(quote! {
            impl<'r, R: ::sqlx::Row, #(#params: Columns<'r, R>,)*> Columns<'r, R>
                for Chunks<(#(#params,)*)>
            {
                fn decode(row: &'r R, names: &mut Names<'_>) -> Result<Self> {
                    ::core::result::Result::Ok(Chunks((#(#chunks,)*)))
                }
            }
        });
    }
    quote! {
        /// Decoding of the `Row` structs (generated by `migrations!`; see `FromRow` on any `Row`).
        #[doc(hidden)]
        pub mod __decode {
            type Result<T> = ::core::result::Result<T, ::sqlx::Error>;
            type Names<'n> = ::core::slice::Iter<'n, &'static ::core::primitive::str>;

            /// Values decoded from a row, each from the column the next name names.
            pub trait Columns<'r, R: ::sqlx::Row>: ::core::marker::Sized {
                fn decode(row: &'r R, names: &mut Names<'_>) -> Result<Self>;
            }

            /// A table's `Row` as a tuple of its field types (nested in `Chunks` past
            /// `LEAF_WIDTH` fields), in column order.
            pub trait Table: ::core::marker::Sized {
                type Tuple;
                fn from_tuple(tuple: Self::Tuple) -> Self;
            }

            /// Every `FromRow` impl's body: decode the tuple by the column names, build the row.
            #[inline]
            pub fn from_row<'r, T: Table, R: ::sqlx::Row>(
                row: &'r R,
                names: &'static [&'static ::core::primitive::str],
            ) -> Result<T>
            where
                T::Tuple: Columns<'r, R>,
            {
                match <T::Tuple as Columns<'r, R>>::decode(row, &mut names.iter()) {
                    ::core::result::Result::Ok(tuple) => {
                        ::core::result::Result::Ok(T::from_tuple(tuple))
                    }
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            }

            /// A tuple of `Columns` tuples, for tables wider than one tuple.
            pub struct Chunks<T>(pub T);

            fn next<'r, R, T>(row: &'r R, names: &mut Names<'_>) -> Result<T>
            where
                R: ::sqlx::Row,
                &'r ::core::primitive::str: ::sqlx::ColumnIndex<R>,
                T: ::sqlx::decode::Decode<'r, R::Database> + ::sqlx::types::Type<R::Database>,
            {
                match names.next() {
                    ::core::option::Option::Some(&name) => ::sqlx::Row::try_get(row, name),
                    // Unreachable: each impl is given exactly as many names as it has fields.
                    ::core::option::Option::None => ::core::result::Result::Err(
                        ::sqlx::Error::ColumnNotFound(::std::string::String::new()),
                    ),
                }
            }

            #(#impls)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(count: usize) -> Vec<Field> {
        (0..count)
            .map(|i| Field {
                ident: format_ident!("c{i}"),
                ty: quote! { i32 },
            })
            .collect()
    }

    #[test]
    fn narrow_tables_decode_one_flat_tuple() {
        let tokens = from_row_impl(&fields(2), 2).to_string();
        assert!(tokens.contains("type Tuple = (i32 , i32 ,) ;"), "{tokens}");
        assert!(
            tokens.contains("fn from_tuple ((__v0 , __v1 ,) : Self :: Tuple)"),
            "{tokens}"
        );
        assert!(
            tokens.contains("Row { c0 : __v0 , c1 : __v1 , }"),
            "{tokens}"
        );
        assert!(
            tokens.contains(
                "< Row as super :: __decode :: Table > :: Tuple : super :: __decode :: Columns"
            ),
            "{tokens}"
        );
    }

    #[test]
    fn wide_tables_nest_in_chunks_of_leaf_width() {
        let tokens = from_row_impl(&fields(LEAF_WIDTH + 1), 3).to_string();
        assert!(
            tokens.contains("super :: super :: __decode :: Chunks < ((i32 ,"),
            "{tokens}"
        );
        assert!(
            tokens.contains(&format!("(__v{LEAF_WIDTH} ,) ,)")),
            "{tokens}"
        );
        let widest = from_row_impl(&fields(LEAF_WIDTH * LEAF_WIDTH + 1), 2).to_string();
        // LEAF_WIDTH + 1 tuples of columns: two `Chunks` of them, in a third; the type is
        // written once (`Table::Tuple`), the pattern matches the same nesting.
        assert_eq!(widest.matches("Chunks <").count(), 3, "{widest}");
        assert_eq!(widest.matches("Chunks (").count(), 3, "{widest}");
    }
}
