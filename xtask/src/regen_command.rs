//! `cargo xtask regen` and `cargo xtask check`.
//!
//! Regen is atomic: everything is generated in memory first; each crate is written to a
//! temporary sibling directory and swapped in with renames, so a failure leaves
//! `generated/` exactly as it was.

use crate::paths::relative;
use releases::tree::{generate_all_after, stale_files, GeneratedCrate};
use std::path::{Path, PathBuf};

struct Dirs {
    specs: PathBuf,
    out: PathBuf,
}

fn parse(args: &[String], command: &str) -> Result<Dirs, String> {
    let mut dirs = Dirs {
        specs: PathBuf::from("specs"),
        out: PathBuf::from("generated"),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--specs" => dirs.specs = it.next().map(PathBuf::from).ok_or("--specs needs a directory")?,
            "--out" => dirs.out = it.next().map(PathBuf::from).ok_or("--out needs a directory")?,
            other => return Err(format!("unknown argument {other:?}\nusage: cargo xtask {command} [--specs DIR] [--out DIR]")),
        }
    }
    Ok(dirs)
}

/// The runtime crate as seen from `<out>/<svc>/`.
fn runtime_path(out: &Path) -> String {
    let runtime = std::env::current_dir()
        .map(|d| d.join("runtime"))
        .unwrap_or_else(|_| PathBuf::from("runtime"));
    let crate_dir = std::env::current_dir()
        .map(|d| d.join(out).join("x"))
        .unwrap_or_else(|_| out.join("x"));
    relative(&crate_dir, &runtime)
}

fn generate(dirs: &Dirs) -> Result<Vec<GeneratedCrate>, String> {
    let crates = generate_all_after(
        &dirs.specs,
        &dirs.specs.display().to_string(),
        &runtime_path(&dirs.out),
        Some(&dirs.out),
    )
    .map_err(|e| {
        format!(
            "{e}\nerror: regeneration failed; {} was left untouched",
            dirs.out.display()
        )
    })?;
    for c in &crates {
        for w in &c.warnings {
            eprintln!("warning: {w}");
        }
    }
    Ok(crates)
}

pub fn regen(args: &[String]) -> Result<(), String> {
    let dirs = parse(args, "regen")?;
    let started = std::time::Instant::now();
    let crates = generate(&dirs)?;
    let generated_in = started.elapsed();
    std::fs::create_dir_all(&dirs.out)
        .map_err(|e| format!("cannot create {}: {e}", dirs.out.display()))?;
    // Write every crate beside its final place first; swap only when all are written.
    let mut staged = Vec::new();
    for c in &crates {
        let tmp = dirs
            .out
            .join(format!(".{}.new-{}", c.dir, std::process::id()));
        if let Err(e) = write_crate(&tmp, c) {
            let _ = std::fs::remove_dir_all(&tmp);
            for (t, _) in &staged {
                let _ = std::fs::remove_dir_all(t);
            }
            return Err(format!(
                "{e}\nerror: regeneration failed; {} was left untouched",
                dirs.out.display()
            ));
        }
        staged.push((tmp, dirs.out.join(&c.dir)));
    }
    for (tmp, dest) in staged {
        let old = dest.with_file_name(format!(
            ".{}.old-{}",
            dest.file_name().and_then(|n| n.to_str()).unwrap_or("crate"),
            std::process::id()
        ));
        if dest.exists() {
            std::fs::rename(&dest, &old)
                .map_err(|e| format!("cannot move {} aside: {e}", dest.display()))?;
        }
        if let Err(e) = std::fs::rename(&tmp, &dest) {
            let _ = std::fs::rename(&old, &dest);
            return Err(format!("cannot move {} into place: {e}", dest.display()));
        }
        let _ = std::fs::remove_dir_all(&old);
    }
    let files: usize = crates.iter().map(|c| c.files.len()).sum();
    for c in &crates {
        eprintln!(
            "  {}: pages → IR {:.1} ms, IR → crate {:.1} ms",
            c.dir,
            c.parse_time.as_secs_f64() * 1e3,
            c.emit_time.as_secs_f64() * 1e3
        );
        report_changes(c);
    }
    eprintln!(
        "regenerated {} crate(s), {files} files, in {:.1} ms (generation {:.1} ms)",
        crates.len(),
        started.elapsed().as_secs_f64() * 1e3,
        generated_in.as_secs_f64() * 1e3
    );
    Ok(())
}

/// What changed in a crate's drop since the release it replaces, and its version now.
fn report_changes(c: &GeneratedCrate) {
    match &c.changes {
        None => eprintln!("  {}: first release, {}", c.dir, c.version),
        Some(report) if report.changes.is_empty() => {
            eprintln!("  {}: no API changes, still {}", c.dir, c.version)
        }
        Some(report) => {
            for change in &report.changes {
                eprintln!("    {change}");
            }
            let class = report.class().map_or(String::new(), |k| k.to_string());
            eprintln!(
                "  {}: {} change(s), {class}: now {} (CHANGELOG.md)",
                c.dir,
                report.changes.len(),
                c.version
            );
        }
    }
}

pub fn write_crate(dir: &Path, c: &GeneratedCrate) -> Result<(), String> {
    for f in &c.files {
        let path = dir.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &f.contents)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

pub fn check(args: &[String]) -> Result<(), String> {
    let dirs = parse(args, "check")?;
    let crates = generate(&dirs)?;
    let stale = stale_files(&crates, &dirs.out);
    if stale.is_empty() {
        eprintln!(
            "{} is up to date with {}",
            dirs.out.display(),
            dirs.specs.display()
        );
        return Ok(());
    }
    Err(format!(
        "{} is stale against {}:\n  {}\nrun `cargo xtask regen` and commit the result",
        dirs.out.display(),
        dirs.specs.display(),
        stale.join("\n  ")
    ))
}
