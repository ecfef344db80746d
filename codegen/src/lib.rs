//! Tencent Cloud API doc pages → intermediate model → Rust client crate.
//!
//! Pipeline: [`page`] (format-neutral page model) → [`ir`] (actions, types, constraints)
//! → `emit` (Rust code). Every stage is a pure function; only `xtask` touches the disk
//! (apart from [`service_dir`], which reads one directory of drops).

pub mod diagnostic;
pub mod page;
pub mod drops;
pub mod ir;
pub mod emit;
pub mod tree;
pub mod parallel;
