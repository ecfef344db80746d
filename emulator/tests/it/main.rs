//! The emulator's integration tests, one binary: its side of the protocol (signatures,
//! shape errors, every documented limit), its answers against the response tables, its
//! command line, hostile traffic, and bodies that must never make it panic.

mod cli;
mod hostile_traffic;
mod never_panics;
mod protocol;
mod raw_client;
mod responses_conform;
mod restarts;
