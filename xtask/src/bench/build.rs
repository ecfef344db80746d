//! `cargo xtask bench`: every performance number of the project, with its peer, in one run.
//!
//! - parse of the TAT drop vs pulldown-cmark over the same bytes (criterion,
//!   `tencentcloud-doc-model`), and pages → IR over the English and Chinese practice corpora;
//! - build+validate+serialise+sign of one InvokeCommand vs Tencent's Python SDK;
//! - `regen` wall time in release;
//! - the generated crate's clean, non-incremental debug build (the crate alone, its
//!   dependencies built) and line count, per action, against aws-sdk-ssm built the same way
//!   in a scratch workspace under `target/bench-peer` (skip with `--no-aws-peer`);
//! - pages of 50, 400 and 2,000 required parameters: regen, lines, `cargo check`;
//! - the client against the emulator: requests/s vs a bare reqwest loop, and the
//!   emulator at ten times the documented rate.

use crate::rust_files::rust_files;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// Mean time in nanoseconds from criterion's saved estimates.
fn criterion_mean_ns(path: &str) -> Option<f64> {
    let text = std::fs::read_to_string(
        Path::new("target/criterion")
            .join(path)
            .join("new/estimates.json"),
    )
    .ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

pub fn bench(args: &[String]) -> Result<(), String> {
    micro_benchmarks()?;
    print!("{}", corpora()?);
    crate_figures(!args.iter().any(|a| a == "--no-aws-peer"))?;
    println!();
    print!("{}", cargo_bench("wide_pages")?);
    println!();
    for bench in ["emulator_load", "agent_load"] {
        let load = cargo_bench(bench)?;
        let shown = load.lines().filter(|l| {
            let l = l.trim_start();
            !l.starts_with("Running") && !l.starts_with("Finished")
        });
        print!("{}", shown.map(|l| format!("{l}\n")).collect::<String>());
    }
    Ok(())
}

/// Pages → IR over the practice corpora, English and Chinese (`doc-model/benches/corpora.rs`).
fn corpora() -> Result<String, String> {
    let out = run(Command::new("cargo").args([
        "bench",
        "-q",
        "-p",
        "tencentcloud-doc-model",
        "--bench",
        "corpora",
    ]))?;
    Ok(out
        .lines()
        .filter(|l| l.contains("pages → IR") || l.contains("skipped"))
        .map(|l| format!("{l}\n"))
        .collect())
}

/// `cargo bench` of one bench of the workspace tests, its output.
fn cargo_bench(name: &str) -> Result<String, String> {
    run(Command::new("cargo").args(["bench", "-q", "-p", "workspace-tests", "--bench", name]))
}

fn ms(ns: Option<f64>) -> String {
    ns.map_or("n/a".to_string(), |n| format!("{:.2} ms", n / 1e6))
}

fn us(ns: Option<f64>) -> String {
    ns.map_or("n/a".to_string(), |n| format!("{:.2} µs", n / 1e3))
}

/// How many times `a` fits in `b`.
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a > 0.0 => format!("{:.1}×", b / a),
        _ => "n/a".into(),
    }
}

/// Parsing the drop against pulldown-cmark, and one call against the Python SDK.
fn micro_benchmarks() -> Result<(), String> {
    run(Command::new("cargo").args([
        "bench",
        "-q",
        "-p",
        "tencentcloud-doc-model",
        "--bench",
        "parse",
    ]))?;
    cargo_bench("invoke_command")?;
    let parse = criterion_mean_ns("parse_tat_drop/codegen_text_to_ir");
    let cmark = criterion_mean_ns("parse_tat_drop/peer_pulldown_cmark_events");
    let call = criterion_mean_ns("invoke_command_build_validate_serialize_sign");
    let python = run(Command::new("python3").arg("tests/benches/peer_python_sdk.py"))
        .ok()
        .and_then(|o| {
            o.split_whitespace()
                .nth(1)
                .and_then(|n| n.parse::<f64>().ok())
        });
    println!(
        "parse TAT drop to IR        {}   (pulldown-cmark over the same bytes: {}; ours takes {} its time; goal < 20 ms)",
        ms(parse),
        ms(cmark),
        ratio(cmark, parse)
    );
    println!(
        "InvokeCommand build+validate+serialise+sign  {}   (Python SDK serialise+sign: {}; {} faster; goal ≤ 2 µs)",
        us(call),
        python.map_or("n/a".into(), |p| format!("{p:.2} µs")),
        ratio(call, python.map(|p| p * 1e3))
    );
    Ok(())
}

/// Regen time, and the generated crate's build time and size per action against
/// aws-sdk-ssm's (when `aws_peer`).
fn crate_figures(aws_peer: bool) -> Result<(), String> {
    run(Command::new("cargo").args(["build", "-q", "--release", "-p", "xtask"]))?;
    let regen = (0..5)
        .map(|_| {
            let t = Instant::now();
            run(Command::new("target/release/xtask").arg("check"))
                .map(|_| t.elapsed().as_secs_f64() * 1e3)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .fold(f64::INFINITY, f64::min);
    println!("regen + check, release       {regen:.1} ms (best of 5; goal ≤ 50 ms)");
    let build = clean_build(Path::new("."), "tencentcloud-tat")?;
    let lines: usize = rust_files(Path::new("generated/tat/src"), &[])
        .iter()
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .sum();
    let actions = rust_files(Path::new("generated/tat/src/operation"), &[])
        .len()
        .saturating_sub(1)
        .max(1);
    let per_action = build / actions as f64;
    println!(
        "generated crate, clean non-incremental debug build  {build:.2} s for {actions} actions = {:.0} ms/action, {lines} lines = {} lines/action (goals ≤ 60 ms, ≤ 300 lines)",
        per_action * 1e3,
        lines / actions
    );
    let aws = if aws_peer {
        aws_peer_build()
            .map_err(|e| eprintln!("aws-sdk-ssm peer skipped: {e}"))
            .ok()
    } else {
        None
    };
    if let Some((secs, ops, aws_lines)) = aws {
        println!(
            "  aws-sdk-ssm built the same way  {secs:.1} s for {ops} operations = {:.0} ms/operation, {} lines/operation; ours takes {:.2}× its time per action",
            secs / ops as f64 * 1e3,
            aws_lines / ops.max(1),
            per_action / (secs / ops as f64)
        );
    }
    Ok(())
}

/// Best of three clean, non-incremental debug builds of `package` alone (its dependencies
/// built first), in seconds.
fn clean_build(workspace: &Path, package: &str) -> Result<f64, String> {
    run(Command::new("cargo")
        .current_dir(workspace)
        .args(["build", "-q", "-p", package]))?;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        run(Command::new("cargo")
            .current_dir(workspace)
            .args(["clean", "-q", "-p", package]))?;
        let t = Instant::now();
        run(Command::new("cargo")
            .current_dir(workspace)
            .env("CARGO_INCREMENTAL", "0")
            .args(["build", "-q", "-p", package]))?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    Ok(best)
}

/// aws-sdk-ssm, a large generated crate of aws-sdk-rust, built like ours: seconds,
/// operations, lines.
fn aws_peer_build() -> Result<(f64, usize, usize), String> {
    let dir = Path::new("target/bench-peer");
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = "[package]\nname = \"bench-peer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\naws-sdk-ssm = { version = \"1\", default-features = false }\n\n[workspace]\n";
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/lib.rs"), "").map_err(|e| e.to_string())?;
    let secs = clean_build(dir, "aws-sdk-ssm")?;
    let metadata = run(Command::new("cargo").current_dir(dir).args([
        "metadata",
        "--format-version",
        "1",
        "-q",
    ]))?;
    let v: serde_json::Value = serde_json::from_str(&metadata).map_err(|e| e.to_string())?;
    let manifest_path = v["packages"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "aws-sdk-ssm"))
        .and_then(|p| p["manifest_path"].as_str())
        .ok_or("aws-sdk-ssm not in the peer's metadata")?;
    let src = Path::new(manifest_path).with_file_name("src");
    let ops = std::fs::read_dir(src.join("operation"))
        .map_err(|e| e.to_string())?
        .flatten()
        .filter(|e| e.path().is_dir())
        .count();
    let lines = rust_files(&src, &[])
        .iter()
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count()))
        .sum();
    Ok((secs, ops.max(1), lines))
}
