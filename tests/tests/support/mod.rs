//! Helpers shared by the integration tests: `mod support;` in a test file brings them in.

#![allow(dead_code)] // Each test binary uses its own part of the helpers.

pub mod fixtures;
pub mod pg;
