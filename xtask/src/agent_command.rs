//! `cargo xtask agent`: Tencent's TAT agent (`tat_agent`, public source in
//! `../shared/third_party/tat-agent`, or `TAT_AGENT_SRC`), a peer of the emulator and not
//! part of the product. The one recipe for building it (`.ci/run` and the tests use it).
//!
//! - `agent build`: debug with optimised dependencies, `--locked`, against the system's
//!   OpenSSL (`OPENSSL_NO_VENDOR`), under `target/tat-agent/`; prints the binary's path and
//!   the time it took.
//! - `agent run AGENTS_ADDR CODE_ID CODE_VALUE [--name NAME]`: builds it if needed, puts it
//!   in `target/tat-agents/NAME/` with a `config.dat` pointing at the emulator's agents'
//!   port, registers it with the code, and runs it in the foreground.

use crate::paths::workspace_root;
use std::net::SocketAddr;
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
    // Its dependencies optimised, unlike the workspace's (`.cargo/config.toml`): it is a
    // peer the tests wait on, slow unoptimised (its keys, its TLS), and its build is timed
    // apart from the product's.
    let status = releases::child_cargo::command()
        .args(["build", "--locked", "--bin", "tat_agent"])
        .args([
            "--config",
            "profile.dev.package.\"*\".opt-level=1",
            "--manifest-path",
        ])
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

/// `agent run`'s arguments: the agents' port, the code's id and value, the agent's name.
fn run_arguments(args: &[String]) -> Result<(SocketAddr, &str, &str, &str), String> {
    let [addr, code_id, value, rest @ ..] = args else {
        return Err(USAGE.to_string());
    };
    let addr: SocketAddr = addr
        .parse()
        .map_err(|_| format!("`{addr}` is not an address like 127.0.0.1:9001\n{USAGE}"))?;
    let name = match rest {
        [] => "local",
        [flag, name] if flag == "--name" => name.as_str(),
        _ => return Err(USAGE.to_string()),
    };
    // The name becomes a directory that is emptied first: one plain path component only.
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if name.is_empty() || !name.chars().all(plain) {
        return Err(format!(
            "--name `{name}`: letters, digits, `-` and `_` only"
        ));
    }
    Ok((addr, code_id, value, name))
}

fn run_agent(args: &[String]) -> Result<(), String> {
    let (addr, code_id, value, name) = run_arguments(args)?;
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

/// The agent's directory: the binary and a `config.dat` for the agents' port at `addr`
/// (as `tencentcloud_emulator::services::tat::agents::config_dat` writes it; xtask does
/// not depend on the emulator, so that `cargo xtask regen` builds no HTTP stack).
fn prepare(dir: &Path, binary: &Path, addr: SocketAddr) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::copy(binary, dir.join("tat_agent")).map_err(|e| format!("copying the agent: {e}"))?;
    let config = serde_json::json!({ "url": {
        "invoke_url": format!("http://{addr}/agent/invoke"),
        "ws_url": format!("ws://{addr}/agent/ws"),
    }});
    std::fs::write(dir.join("config.dat"), config.to_string()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|a| a.to_string()).collect()
    }

    #[test]
    fn run_takes_an_address_and_a_plain_name_only() {
        let given = args(&["127.0.0.1:9001", "id", "value", "--name", "a-1"]);
        let (addr, _, _, name) = run_arguments(&given).expect("valid");
        assert_eq!((addr.port(), name), (9001, "a-1"));
        let defaulted = args(&["127.0.0.1:9001", "id", "value"]);
        assert_eq!(run_arguments(&defaulted).expect("valid").3, "local");
        for bad in [
            args(&["localhost", "id", "value"]),
            args(&["127.0.0.1:9001", "id"]),
            args(&["127.0.0.1:9001", "id", "value", "--name", "../.."]),
            args(&["127.0.0.1:9001", "id", "value", "--name", ""]),
            args(&["127.0.0.1:9001", "id", "value", "--name"]),
        ] {
            assert!(run_arguments(&bad).is_err(), "{bad:?}");
        }
    }
}
