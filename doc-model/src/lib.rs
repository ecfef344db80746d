//! Tencent Cloud API doc pages → one documented model of the API.
//!
//! Pipeline: [`page`] (the format-neutral page model, from text, Markdown or HTML) →
//! [`ir`] (actions, parameters, types, limits, defaults, error codes, examples). Every stage
//! is a pure function; [`drops`] is the one module that reads the disk. Page mistakes are
//! warnings with file:line; only an undefined API is an error (`docs/page-mistakes.md`).
//! Nothing here emits code: the Rust emitter (`codegen`) and the emulator read the model.

pub mod diagnostic;
pub mod drops;
pub mod ir;
pub mod page;
pub mod parallel;
