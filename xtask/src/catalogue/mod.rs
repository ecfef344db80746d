//! `cargo xtask catalogue DIR [--out DIR] [--only SVC,…] [--compile] [--tests]`: regenerate
//! every service of a drop directory into a scratch workspace, optionally check that every
//! crate compiles (one `cargo check` over the workspace, one target directory), and print
//! one row per service with a summary. Exits non-zero when a service fails.

mod compile;
mod report;

use crate::paths::relative;
use releases::tree::{generate_service, service_dirs, GeneratedCrate, TreeError};
use report::Row;
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str = "usage: cargo xtask catalogue DIR [--out DIR] [--only SVC,…] [--compile] [--tests] [--target-dir DIR]";

/// The target directory every scratch workspace shares by default, whatever its `--out`:
/// the dependencies compile once for every corpus.
const TARGET_DIR: &str = "target/catalogue-target";

/// What the command was asked.
struct Options {
    specs: PathBuf,
    out: PathBuf,
    only: Option<Vec<String>>,
    compile: bool,
    /// Also the crates' test targets (their example and limit tests).
    tests: bool,
    /// Where cargo builds, relative to the project's root.
    target: PathBuf,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        specs: PathBuf::new(),
        out: PathBuf::from("target/catalogue"),
        only: None,
        compile: false,
        tests: false,
        target: PathBuf::from(TARGET_DIR),
    };
    let mut specs = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => o.out = it.next().map(PathBuf::from).ok_or(USAGE)?,
            "--only" => {
                let list = it.next().ok_or(USAGE)?;
                o.only = Some(list.split(',').map(|s| s.trim().to_string()).collect());
            }
            "--compile" => o.compile = true,
            "--target-dir" => o.target = it.next().map(PathBuf::from).ok_or(USAGE)?,
            "--tests" => (o.compile, o.tests) = (true, true),
            other if !other.starts_with("--") && specs.is_none() => {
                specs = Some(PathBuf::from(other))
            }
            _ => return Err(USAGE.to_string()),
        }
    }
    o.specs = specs.ok_or(USAGE)?;
    Ok(o)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    let started = Instant::now();
    let (mut rows, crates) = regenerate(&options)?;
    let regen_total = started.elapsed();
    write_workspace(&options.out, &crates)?;
    let compile_time = if options.compile {
        let t = Instant::now();
        let outcome = compile::check_workspace(&options.out, &options.target, options.tests)?;
        for row in rows.iter_mut().filter(|r| r.errors == 0) {
            row.compiled = Some(outcome.of(&row.service));
        }
        Some(t.elapsed())
    } else {
        None
    };
    report::print(&rows, regen_total, compile_time);
    let failed: Vec<&str> = rows
        .iter()
        .filter(|r| r.failed())
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

/// The services to regenerate: every service directory, or those `--only` names (each
/// must exist).
fn services(options: &Options) -> Result<Vec<String>, String> {
    let all = service_dirs(&options.specs).map_err(|e| e.to_string())?;
    let Some(only) = &options.only else {
        return Ok(all);
    };
    match only.iter().find(|s| !all.contains(s)) {
        Some(missing) => Err(format!(
            "--only names `{missing}`, which is not a service directory of {}",
            options.specs.display()
        )),
        None => Ok(only.clone()),
    }
}

/// Every service regenerated (services in parallel): a row each, and the crates that worked.
fn regenerate(options: &Options) -> Result<(Vec<Row>, Vec<GeneratedCrate>), String> {
    let cwd = std::env::current_dir().map_err(|e| e.to_string())?;
    let runtime = relative(&cwd.join(&options.out).join("x"), &cwd.join("runtime"));
    let label = options.specs.display().to_string();
    let dirs = services(options)?;
    let results = doc_model::parallel::map_in_order(&dirs, |dir| {
        let t = Instant::now();
        let result = generate_service(&options.specs, dir, &label, &runtime);
        (result, t.elapsed())
    });
    let mut rows = Vec::new();
    let mut crates = Vec::new();
    for (dir, (result, regen)) in dirs.into_iter().zip(results) {
        let pages = doc_model::drops::page_files(&options.specs.join(&dir)).map_or(0, |p| p.len());
        let mut row = Row::new(dir, pages, regen);
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

fn error_count(e: &TreeError) -> usize {
    match e {
        TreeError::Docs(d) => d.0.len(),
        TreeError::Services(s) => s.iter().map(|(_, e)| error_count(e)).sum(),
        TreeError::Emit(_) | TreeError::Io { .. } => 1,
    }
}

/// The crates under `out/`, a workspace manifest naming them and the project's lock file
/// (so the same dependency versions resolve, without asking the registry); the old crates
/// are removed.
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
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(|e| e.to_string())?;
    let lock = crate::paths::workspace_root().join("Cargo.lock");
    std::fs::copy(&lock, out.join("Cargo.lock"))
        .map(drop)
        .map_err(|e| format!("cannot copy {}: {e}", lock.display()))
}
