//! The emulator's integration tests, one binary: its side of the protocol (signatures,
//! shape errors, every documented limit), its answers against the response tables, its
//! command line, restarts, and bodies that must never make it panic (hostile traffic, measured,
//! is in the `timed` binary).

mod cli;
mod emulator_process;
mod never_panics;
mod protocol;
mod raw_client;
mod responses_conform;
mod restarts;
