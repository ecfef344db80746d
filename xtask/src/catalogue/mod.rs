//! `cargo xtask catalogue DIR [--out DIR] [--check]`: regenerate every service of a
//! catalogue of doc drops into a scratch directory, optionally `cargo check` each crate,
//! and print one row per service with totals. Exits non-zero when a service fails.

use crate::paths::relative;
use codegen::tree::{generate_service, service_dirs, GeneratedCrate, TreeError};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: cargo xtask catalogue DIR [--out DIR] [--check]";

struct Row {
    service: String,
    actions: usize,
    warnings: usize,
    errors: usize,
    regen: Duration,
    /// `Some(Ok(time))` when checked and it compiled, `Some(Err(first error))` when not.
    check: Option<Result<Duration, String>>,
}

/// What the command was asked.
struct Options {
    specs: PathBuf,
    out: PathBuf,
    check: bool,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut specs = None;
    let mut out = PathBuf::from("target/catalogue");
    let mut check = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out = it.next().map(PathBuf::from).ok_or(USAGE)?,
            "--check" => check = true,
            other if !other.starts_with("--") && specs.is_none() => {
                specs = Some(PathBuf::from(other))
            }
            _ => return Err(USAGE.to_string()),
        }
    }
    Ok(Options {
        specs: specs.ok_or(USAGE)?,
        out,
        check,
    })
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    let started = Instant::now();
    let (mut rows, crates) = regenerate(&options)?;
    let regen_total = started.elapsed();
    write_workspace(&options.out, &crates)?;
    if options.check {
        check_all(&options.out, &mut rows)?;
    }
    print_table(&rows, regen_total);
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| r.errors > 0 || matches!(r.check, Some(Err(_))))
        .map(|r| r.service.as_str())
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} service(s) failed: {}",
            failed.len(),
            failed.join(", ")
        ))
    }
}

/// Every service of the catalogue regenerated: a row each, and the crates that worked.
fn regenerate(options: &Options) -> Result<(Vec<Row>, Vec<GeneratedCrate>), String> {
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let runtime = relative(&cwd.join(&options.out).join("x"), &cwd.join("runtime"));
    let label = options.specs.display().to_string();
    let mut rows = Vec::new();
    let mut crates = Vec::new();
    for dir in service_dirs(&options.specs).map_err(|e| e.to_string())? {
        let t = Instant::now();
        let result = generate_service(&options.specs, &dir, &label, &runtime);
        let mut row = Row {
            service: dir,
            actions: 0,
            warnings: 0,
            errors: 0,
            regen: t.elapsed(),
            check: None,
        };
        match result {
            Ok(c) => {
                (row.actions, row.warnings) = (c.actions, c.warnings.len());
                crates.push(c);
            }
            Err(e) => {
                eprintln!("{e}\nerror: service `{}` failed\n", row.service);
                row.errors = error_count(&e);
            }
        }
        rows.push(row);
    }
    Ok((rows, crates))
}

/// `cargo check` of the runtime, then of each crate that regenerated (so each crate's time
/// is its own).
fn check_all(out: &Path, rows: &mut [Row]) -> Result<(), String> {
    let target = out.join("target");
    cargo_check(out, &target, "tencentcloud-runtime")
        .map_err(|e| format!("the runtime does not build: {e}"))?;
    for row in rows.iter_mut().filter(|r| r.errors == 0) {
        let t = Instant::now();
        let package = format!("tencentcloud-{}", row.service.to_lowercase());
        let result = cargo_check(out, &target, &package);
        row.check = Some(result.map(|()| t.elapsed()));
    }
    Ok(())
}

fn error_count(e: &TreeError) -> usize {
    match e {
        TreeError::Docs(d) => d.0.len(),
        TreeError::Services(s) => s.iter().map(|(_, e)| error_count(e)).sum(),
        TreeError::Emit(_) | TreeError::Io { .. } => 1,
    }
}

/// The crates under `out/`, plus a workspace manifest naming them (the old output is replaced).
fn write_workspace(out: &Path, crates: &[GeneratedCrate]) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for entry in std::fs::read_dir(out).map_err(|e| e.to_string())?.flatten() {
        if entry.path().is_dir() && entry.file_name() != "target" {
            std::fs::remove_dir_all(entry.path())
                .map_err(|e| format!("cannot clear {}: {e}", entry.path().display()))?;
        }
    }
    for c in crates {
        crate::regen_command::write_crate(&out.join(&c.dir), c)?;
    }
    let members: Vec<String> = crates.iter().map(|c| format!("{:?}", c.dir)).collect();
    let manifest = format!(
        "# Written by `cargo xtask catalogue`; scratch output, not part of the project.\n[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
        members.join(", ")
    );
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())
}

fn cargo_check(workspace: &Path, target: &Path, package: &str) -> Result<(), String> {
    let target = std::env::current_dir()
        .map_err(|e| e.to_string())?
        .join(target);
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--quiet",
            "--message-format",
            "short",
            "-p",
            package,
        ])
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    Err(stderr
        .lines()
        .find(|l| l.contains("error"))
        .unwrap_or("cargo check failed")
        .to_string())
}

fn print_table(rows: &[Row], regen_total: Duration) {
    println!(
        "{:<16} {:>7} {:>8} {:>6} {:>9} {:>8}",
        "service", "actions", "warnings", "errors", "regen ms", "check s"
    );
    for r in rows {
        let check = match &r.check {
            None => "-".to_string(),
            Some(Ok(t)) => format!("{:.1}", t.as_secs_f64()),
            Some(Err(_)) => "FAILED".to_string(),
        };
        println!(
            "{:<16} {:>7} {:>8} {:>6} {:>9.1} {:>8}",
            r.service,
            r.actions,
            r.warnings,
            r.errors,
            r.regen.as_secs_f64() * 1e3,
            check
        );
        if let Some(Err(e)) = &r.check {
            println!("    {e}");
        }
    }
    let actions: usize = rows.iter().map(|r| r.actions).sum();
    let checked: Vec<Duration> = rows
        .iter()
        .filter_map(|r| r.check.as_ref()?.as_ref().ok().copied())
        .collect();
    let check_total: Duration = checked.iter().sum();
    let checked_actions: usize = rows
        .iter()
        .filter(|r| matches!(r.check, Some(Ok(_))))
        .map(|r| r.actions)
        .sum();
    println!(
        "{:<16} {:>7} {:>8} {:>6} {:>9.1} {:>8}",
        format!("total ({})", rows.len()),
        actions,
        rows.iter().map(|r| r.warnings).sum::<usize>(),
        rows.iter().map(|r| r.errors).sum::<usize>(),
        regen_total.as_secs_f64() * 1e3,
        if checked.is_empty() {
            "-".to_string()
        } else {
            format!("{:.1}", check_total.as_secs_f64())
        }
    );
    if checked_actions > 0 {
        println!(
            "cargo check: {:.1} ms per action over {} checked crate(s)",
            check_total.as_secs_f64() * 1e3 / checked_actions as f64,
            checked.len()
        );
    }
    if actions > 0 {
        println!(
            "regen: {:.2} ms per action, {:.2} s in all",
            regen_total.as_secs_f64() * 1e3 / actions as f64,
            regen_total.as_secs_f64()
        );
    }
}
