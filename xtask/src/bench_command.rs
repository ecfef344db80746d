//! `cargo xtask bench`: every performance number of the project, with its peer, in one run.
//!
//! - parse of the TAT drop vs pulldown-cmark over the same bytes (criterion, `codegen`);
//! - build+validate+serialise+sign of one InvokeCommand vs Tencent's Python SDK;
//! - `regen` wall time in release;
//! - the generated crate's debug build time and line count;
//! - pages of 50, 400 and 2,000 required parameters: regen, lines, `cargo check`;
//! - the client against the emulator: requests/s vs a bare reqwest loop, and the
//!   emulator at ten times the documented rate.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed:\n{}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// Mean time in nanoseconds from criterion's saved estimates.
fn criterion_mean_ns(path: &str) -> Option<f64> {
    let text = std::fs::read_to_string(Path::new("target/criterion").join(path).join("new/estimates.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["mean"]["point_estimate"].as_f64()
}

pub fn bench(_args: &[String]) -> Result<(), String> {
    run(Command::new("cargo").args(["bench", "-q", "-p", "codegen", "--bench", "parse"]))?;
    run(Command::new("cargo").args(["bench", "-q", "-p", "workspace-tests", "--bench", "invoke_command"]))?;
    let parse = criterion_mean_ns("parse_tat_drop/codegen_text_to_ir");
    let cmark = criterion_mean_ns("parse_tat_drop/peer_pulldown_cmark_events");
    let call = criterion_mean_ns("invoke_command_build_validate_serialize_sign");
    let python =
        run(Command::new("python3").arg("tests/benches/peer_python_sdk.py")).ok().and_then(|o| o.split_whitespace().nth(1).and_then(|n| n.parse::<f64>().ok()));

    run(Command::new("cargo").args(["build", "-q", "--release", "-p", "xtask"]))?;
    let regen = (0..5)
        .map(|_| {
            let t = Instant::now();
            run(Command::new("target/release/xtask").arg("check")).map(|_| t.elapsed().as_secs_f64() * 1e3)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .fold(f64::INFINITY, f64::min);

    run(Command::new("cargo").args(["build", "-q", "-p", "tencentcloud-tat"]))?;
    let _ = std::fs::write("generated/tat/src/lib.rs", std::fs::read("generated/tat/src/lib.rs").map_err(|e| e.to_string())?);
    let t = Instant::now();
    run(Command::new("cargo").args(["build", "-q", "-p", "tencentcloud-tat"]))?;
    let build = t.elapsed().as_secs_f64();
    let lines: usize = walk(Path::new("generated/tat/src")).iter().map(|p| std::fs::read_to_string(p).map_or(0, |t| t.lines().count())).sum();
    let actions = walk(Path::new("generated/tat/src/operation")).len().saturating_sub(1).max(1);

    let ms = |ns: Option<f64>| ns.map_or("n/a".to_string(), |n| format!("{:.2} ms", n / 1e6));
    let us = |ns: Option<f64>| ns.map_or("n/a".to_string(), |n| format!("{:.2} µs", n / 1e3));
    let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if a > 0.0 => format!("{:.1}×", b / a),
        _ => "n/a".into(),
    };
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
    println!("regen + check, release       {regen:.1} ms (best of 5; goal ≤ 50 ms)");
    println!("generated crate debug build  {build:.2} s for {actions} actions = {:.3} s/action, {lines} lines of Rust", build / actions as f64);
    println!();
    print!("{}", run(Command::new("cargo").args(["bench", "-q", "-p", "workspace-tests", "--bench", "wide_pages"]))?);
    println!();
    let load = run(Command::new("cargo").args(["bench", "-q", "-p", "workspace-tests", "--bench", "emulator_load"]))?;
    print!(
        "{}",
        load.lines()
            .filter(|l| !l.trim_start().starts_with("Running") && !l.trim_start().starts_with("Finished"))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    );
    Ok(())
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}
