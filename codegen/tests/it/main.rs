//! The generator's integration tests, one binary: generated/ is fresh, every page format
//! reads alike, the Chinese and English drops give one API, any names emit compiling Rust, nothing knows the word "tat", and regen
//! reports every failure of a drop at once.

mod any_names_emit;
mod formats_agree;
mod generated_is_fresh;
mod languages_agree;
mod regen_reports_every_failure;
mod service_agnostic;
