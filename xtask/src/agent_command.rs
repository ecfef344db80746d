//! `cargo xtask agent`: Tencent's TAT agent (`tat_agent`, public source in
//! `../shared/third_party/tat-agent`, or `TAT_AGENT_SRC`), a peer of the emulator and not
//! part of the product. The one recipe for building it (`.ci/run` and the tests use it).
//!
//! - `agent build`: debug, `--locked`, against the system's OpenSSL (`OPENSSL_NO_VENDOR`),
//!   under `target/tat-agent/`; prints the binary's path and the time it took.
//! - `agent run AGENTS_ADDR CODE_ID CODE_VALUE [--name NAME]`: builds it if needed, puts it
//!   in `target/tat-agents/NAME/` with a `config.dat` pointing at the emulator's agents'
//!   port, registers it with the code, and runs it in the foreground.

use crate::paths::workspace_root;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask agent build
       cargo xtask agent run AGENTS_ADDR CODE_ID CODE_VALUE [--name NAME]";

pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("build") if args.len() == 1 => {
            let started = Instant::now();
            let binary = build()?;
            println!(
                "{} built in {:.0} s",
                binary.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some("run") => run_agent(&args[1..]),
        _ => Err(USAGE.to_string()),
    }
}

/// The agent's source directory.
fn source() -> PathBuf {
    match std::env::var_os("TAT_AGENT_SRC") {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("../shared/third_party/tat-agent"),
    }
}

/// Builds the agent; its binary.
fn build() -> Result<PathBuf, String> {
    let source = source();
    if !source.join("Cargo.toml").is_file() {
        return Err(format!(
            "no TAT agent source in {}: set TAT_AGENT_SRC to a checkout of Tencent/tat-agent",
            source.display()
        ));
    }
    let target = workspace_root().join("target/tat-agent");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--locked", "--bin", "tat_agent", "--manifest-path"])
        .arg(source.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .env("OPENSSL_NO_VENDOR", "1")
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(
            "the TAT agent did not build (it needs Debian's libssl-dev and pkg-config)".into(),
        );
    }
    Ok(target.join("debug/tat_agent"))
}

fn run_agent(args: &[String]) -> Result<(), String> {
    let [addr, code_id, value, rest @ ..] = args else {
        return Err(USAGE.to_string());
    };
    let name = match rest {
        [] => "local",
        [flag, name] if flag == "--name" => name.as_str(),
        _ => return Err(USAGE.to_string()),
    };
    let binary = build()?;
    let dir = workspace_root().join("target/tat-agents").join(name);
    prepare(&dir, &binary, addr)?;
    let registered = Command::new(dir.join("tat_agent"))
        .args(["register", "ap-guangzhou", code_id, value])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run the agent: {e}"))?;
    if !registered.success() {
        return Err("the agent did not register (is the emulator's agents' port right?)".into());
    }
    println!("running the agent from {} (Ctrl-C stops it)", dir.display());
    let status = Command::new(dir.join("tat_agent"))
        .args(["--no-daemon", "--console-log"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run the agent: {e}"))?;
    status
        .success()
        .then_some(())
        .ok_or_else(|| format!("the agent exited: {status}"))
}

/// The agent's directory: the binary and a `config.dat` for the agents' port at `addr`.
fn prepare(dir: &Path, binary: &Path, addr: &str) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(binary, dir.join("tat_agent")).map_err(|e| format!("copying the agent: {e}"))?;
    let config = serde_json::json!({ "url": {
        "invoke_url": format!("http://{addr}/agent/invoke"),
        "ws_url": format!("ws://{addr}/agent/ws"),
    }});
    std::fs::write(dir.join("config.dat"), config.to_string()).map_err(|e| e.to_string())
}
