//! PostgreSQL's typing of expressions and queries over the folded catalog, and its deparsing:
//! what the server would store and print for a default, a check, an index expression or a view.
//!
//! Architecture invariant: pure and total. An expression or query this module cannot type is
//! not an error; the result says it is not exact (`Deparsed::exact`), and callers flag the
//! value instead of guessing silently.

pub mod deparse;

pub use deparse::{Deparsed, ExprScope};
