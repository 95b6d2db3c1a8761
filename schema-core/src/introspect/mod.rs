//! Read a live database's catalog into our `Catalog` model.
//!
//! This is the ground truth the fold is measured against: apply the migrations to a real
//! database, introspect it, and `catalog_diff::diff` the folded catalog against the result.
//! Each backend sits behind the cargo feature of the same name, so that the analyzer and the
//! proc macro build without sqlx.
//!
//! Architecture invariant: introspection only reads (catalog queries, no DDL, no temporary
//! objects) and fills `Site`s with their defaults, because a database has no source positions.

#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;

#[cfg(feature = "postgres")]
pub use postgres::introspect_postgres;
#[cfg(feature = "sqlite")]
pub use sqlite::introspect_sqlite;
