//! schema-core: fold a folder of SQL migrations into a schema catalog and find what is wrong
//! with the history.
//!
//! Data flows one way: folder (`source`) → statements with spans (`split`) → parsed statements
//! (`parse`) → catalog fold (`fold`) → checks → diagnostics. Only `source::load_dir` touches
//! the file system; everything else is pure.

pub mod analyze;
pub mod catalog;
pub mod catalog_json;
pub mod config;
pub mod diagnostic;
pub mod layout;
pub mod source;
pub mod split;

pub use analyze::{Analysis, analyze, analyze_dir};
pub use config::Config;
