//! The doc model of a service → its Rust client crate.
//!
//! [`emit`] turns a `doc_model::ir::Service` into files (quote → syn → prettyplease for
//! Rust, askama templates for the rest); [`tree`] does it for every service of a specs
//! directory and compares the result with what is on disk. Only `xtask` writes files.

pub mod boundary;
pub mod diff;
pub mod emit;
pub mod release;
pub mod surface;
pub mod tree;
