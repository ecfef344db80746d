//! The generated crate as a build: regen + check in release, and the crate's clean,
//! non-incremental debug build (the crate alone, its dependencies built) and line count per
//! action, against aws-sdk-ssm built the same way in a scratch workspace under
//! `target/bench-peer`.

use super::figure::Figure;
use super::run::run;
use crate::rust_files::rust_files;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// Regen time, and the generated crate's build time and size per action against
/// aws-sdk-ssm's (when `aws_peer`).
pub fn figures(aws_peer: bool) -> Result<Vec<Figure>, String> {
    run(releases::child_cargo::command().args(["build", "-q", "--release", "-p", "xtask"]))?;
    let regen = (0..5)
        .map(|_| {
            let t = Instant::now();
            run(Command::new("target/release/xtask").arg("check"))
                .map(|_| t.elapsed().as_secs_f64() * 1e3)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .fold(f64::INFINITY, f64::min);
    let mut figures = vec![Figure::new(
        "regen + check of TAT, release (best of 5)",
        regen,
        "ms",
    )];
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
    let aws = if aws_peer {
        aws_peer_build()
            .map_err(|e| eprintln!("aws-sdk-ssm peer skipped: {e}"))
            .ok()
    } else {
        None
    };
    let (aws_ms, aws_lines) = aws.map_or((None, None), |(secs, ops, lines)| {
        (
            Some(secs / ops as f64 * 1e3),
            Some(lines as f64 / ops as f64),
        )
    });
    figures.push(
        Figure::new("clean debug build per action", per_action * 1e3, "ms")
            .against("aws-sdk-ssm per operation", aws_ms),
    );
    figures.push(
        Figure::new(
            "generated lines per action",
            (lines / actions) as f64,
            "lines",
        )
        .against("aws-sdk-ssm per operation", aws_lines),
    );
    Ok(figures)
}

/// Best of three clean, non-incremental debug builds of `package` alone (its dependencies
/// built first), in seconds.
fn clean_build(workspace: &Path, package: &str) -> Result<f64, String> {
    run(releases::child_cargo::command()
        .current_dir(workspace)
        .args(["build", "-q", "-p", package]))?;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        run(releases::child_cargo::command()
            .current_dir(workspace)
            .args(["clean", "-q", "-p", package]))?;
        let t = Instant::now();
        run(releases::child_cargo::command()
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
    let metadata = run(releases::child_cargo::command().current_dir(dir).args([
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
