//! The generator's integration tests, one binary: every page format reads alike, the
//! Chinese and English drops give one API, any names emit compiling Rust, nothing knows
//! the word "tat", and the public surface is what the code declares.

mod any_names_emit;
mod formats_agree;
mod languages_agree;
mod service_agnostic;
mod surface_matches_the_code;
