//! The emulator's tests whose checks are times or memory, in a binary of their own: cargo
//! runs test binaries one after another, and these tests take turns ([`ALONE`]), so nothing
//! else busies the machine or grows the process while they measure, and they slow no other
//! test.

#[path = "../it/emulator_process.rs"]
mod emulator_process;
#[path = "../it/raw_client/mod.rs"]
#[allow(dead_code)] // shared with the `it` binary, which uses all of it
mod raw_client;

mod hostile_traffic;
mod readiness;

/// One test at a time, held for the whole test: memory and timings are per process.
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
