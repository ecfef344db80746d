//! Cargo started by a tool that cargo itself started (`cargo xtask …`, a test): the one
//! place that says which inherited variables such a child must not see.
//!
//! `cargo run` and `cargo test` set `CARGO_PKG_NAME` and its kin for the program they
//! start. Build scripts that watch them (`ring`'s does, through `rerun-if-env-changed`)
//! then look changed to the child cargo, which rebuilds them and everything above them:
//! `cargo xtask bench` followed by `cargo test` compiled rustls, reqwest and the
//! project's crates twice. Keys in the environment (`TENCENTCLOUD_*`) are dropped too, so
//! nothing a child builds or runs can reach a real account.

use std::process::Command;

/// Prefixes of the variables a child cargo does not inherit.
const DROPPED: [&str; 7] = [
    "CARGO_PKG_",
    "CARGO_MANIFEST_",
    "CARGO_CRATE_",
    "CARGO_BIN_",
    "CARGO_PRIMARY_PACKAGE",
    "CARGO_TARGET_TMPDIR",
    "TENCENTCLOUD_",
];

/// The cargo that started this program (`$CARGO`, else `cargo` on the path), without the
/// variables that cargo set for it.
pub fn command() -> Command {
    let mut cargo = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (key, _) in std::env::vars_os() {
        if is_dropped(&key.to_string_lossy()) {
            cargo.env_remove(key);
        }
    }
    cargo
}

fn is_dropped(key: &str) -> bool {
    DROPPED.iter().any(|prefix| key.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_cargo_sets_for_its_program_and_keys_are_dropped() {
        for key in [
            "CARGO_PKG_NAME",
            "CARGO_MANIFEST_DIR",
            "CARGO_CRATE_NAME",
            "CARGO_BIN_NAME",
            "CARGO_PRIMARY_PACKAGE",
            "TENCENTCLOUD_SECRET_KEY",
        ] {
            assert!(is_dropped(key), "{key}");
        }
        for key in [
            "CARGO_HOME",
            "CARGO_TARGET_DIR",
            "CARGO_INCREMENTAL",
            "PATH",
        ] {
            assert!(!is_dropped(key), "{key}");
        }
    }

    #[test]
    fn the_command_removes_what_this_test_inherited_from_cargo() {
        // `cargo test` sets CARGO_PKG_NAME for this process.
        assert!(std::env::var_os("CARGO_PKG_NAME").is_some());
        let command = command();
        let removed = command
            .get_envs()
            .any(|(key, value)| key == "CARGO_PKG_NAME" && value.is_none());
        assert!(removed);
    }
}
