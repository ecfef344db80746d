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

/// The cargo that runs this test, without the variables cargo sets for the calling test
/// (CARGO_PKG_NAME…): build scripts that watch them would otherwise rebuild half the tree.
/// Keys in the environment (`TENCENTCLOUD_*`) are dropped too.
pub fn cargo_command() -> Command {
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    for (key, _) in std::env::vars() {
        let dropped = [
            "CARGO_PKG_",
            "CARGO_MANIFEST_",
            "CARGO_CRATE_",
            "CARGO_BIN_",
            "CARGO_PRIMARY_PACKAGE",
            "CARGO_TARGET_TMPDIR",
            "TENCENTCLOUD_",
        ];
        if dropped.iter().any(|p| key.starts_with(p)) {
            cargo.env_remove(key);
        }
    }
    cargo
}

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
