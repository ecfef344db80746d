//! The doc model's integration tests, one binary: the IR of the whole TAT drop (with
//! snapshots), and malformed pages read into warnings with their places.

mod malformed_pages;
mod tat_ir;
