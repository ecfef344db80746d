//! Tests whose checks are times or memory, in a binary of their own: cargo runs test
//! binaries one after another, and these tests take turns ([`alone`]), so nothing else
//! busies the machine or grows the process while they measure, and they slow no other test.

#[path = "../it/stub_server/mod.rs"]
#[allow(dead_code)] // shared with the `it` binary, which uses all of it
mod stub_server;

#[path = "../it/sandbox_bed.rs"]
#[allow(dead_code)] // shared with the `it` binary, which uses all of it
mod sandbox_bed;

mod big_answers;
mod call_timeout;
mod sandbox_reset;

/// This binary's machine to one test at a time, held for the whole test.
fn alone() -> workspace_tests::Exclusive {
    workspace_tests::exclusive()
}
