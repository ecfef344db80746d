//! Tencent's official SDKs as peers, installed into ignored directories on first use and
//! run on the same InvokeCommand the client signs: the Python SDK (into `.ci/python`, where
//! `.ci/run` and the tests keep it) and the Node.js SDK (into `target/bench-peers/node`).
//! A peer that cannot be installed (no network, no interpreter) is `None`, said on stderr.

use std::path::Path;
use std::process::Command;

/// The same pin as `tests/src/lib.rs` (`PYTHON_SDK`), which `.ci/run` installs.
const PYTHON_SDK: &str = "tencentcloud-sdk-python-tat==3.1.106";
const NODE_SDK: &str = "tencentcloud-sdk-nodejs-common@4.1.220";

/// Microseconds per call of Tencent's Python SDK serialising and signing the call.
pub fn python_sdk_us() -> Option<f64> {
    let dir = Path::new(".ci/python");
    if !dir.join("tencentcloud").is_dir() {
        install(Command::new("python3").args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--target",
            ".ci/python",
            PYTHON_SDK,
        ]))?;
    }
    measured(
        Command::new("python3")
            .arg("tests/benches/peer_python_sdk.py")
            .env("PYTHONPATH", dir),
    )
}

/// Microseconds per call of Tencent's Node.js SDK building and signing the call.
pub fn node_sdk_us() -> Option<f64> {
    let dir = Path::new("target/bench-peers/node");
    if !dir
        .join("node_modules/tencentcloud-sdk-nodejs-common")
        .is_dir()
    {
        std::fs::create_dir_all(dir).ok()?;
        std::fs::write(dir.join("package.json"), "{\"private\": true}\n").ok()?;
        install(Command::new("npm").args([
            "install",
            "--silent",
            "--no-audit",
            "--no-fund",
            "--prefix",
            "target/bench-peers/node",
            NODE_SDK,
        ]))?;
    }
    measured(
        Command::new("node")
            .arg("tests/benches/peer_node_sdk.js")
            .env("NODE_PATH", dir.join("node_modules")),
    )
}

fn install(command: &mut Command) -> Option<()> {
    match command.status() {
        Ok(status) if status.success() => Some(()),
        other => {
            eprintln!("peer not installed ({command:?}: {other:?}); its figure is left out");
            None
        }
    }
}

/// The number after the peer script's one line (`peer_node_sdk_us 13.27`).
fn measured(command: &mut Command) -> Option<f64> {
    let output = command.output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let value = text.split_whitespace().nth(1)?.parse::<f64>().ok();
    if value.is_none() {
        eprintln!("peer not measured: {}", text.trim());
    }
    value
}
