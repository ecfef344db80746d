//! The doc model's integration tests, one binary: the IR of the whole TAT drop (with
//! snapshots), malformed pages read into warnings with their places, and the waiters declared
//! beside the pages.

mod layouts;
mod malformed_pages;
mod tat_ir;
mod waiters_toml;
