//! The workspace these tests belong to, and cargo run from them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_path_buf()
}

/// The cargo that runs this test, without the variables cargo set for it
/// (`releases::child_cargo` owns which).
pub use releases::child_cargo::command as cargo_command;

/// Runs a command that must succeed (a failure shows its standard error) and gives its
/// standard output.
pub fn stdout_of(command: &mut Command) -> Vec<u8> {
    let output = command.output().expect("the command runs");
    assert!(
        output.status.success(),
        "{:?} failed:\n{}",
        command,
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}
