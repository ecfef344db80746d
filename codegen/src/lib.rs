//! The doc model of a service → its Rust client crate.
//!
//! [`emit`] turns a `doc_model::ir::Service` into files (quote → syn → prettyplease for
//! Rust, askama templates for the rest); [`surface`] is the public API those files
//! declare, as the emitters decide it, which the `releases` crate compares between drops.
//! Only `xtask` writes files.

pub mod emit;
pub mod surface;
