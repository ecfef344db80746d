//! The whole generated tree for a specs directory, each crate the release after the one on
//! disk, and how it differs from disk. Reads only; writing (atomically) is `xtask regen`'s
//! job.

use crate::change::Report;
use crate::release::{self, Release, RELEASE_FILE};
use codegen::emit::{emit_crate, EmitOptions, ExampleProgram, GeneratedFile};
use doc_model::diagnostic::DocErrors;
use doc_model::drops::load_service_as;
use doc_model::ir::Service;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One service's generated crate.
pub struct GeneratedCrate {
    /// Directory name under `specs/` and `generated/` (`tat`).
    pub dir: String,
    pub files: Vec<GeneratedFile>,
    /// Page problems worth a maintainer's look (not fatal).
    pub warnings: Vec<String>,
    /// Time spent reading pages into the IR, and emitting the crate from it.
    pub parse_time: std::time::Duration,
    pub emit_time: std::time::Duration,
    /// How many actions the crate has.
    pub actions: usize,
    /// The crate's version after this regeneration.
    pub version: String,
    /// What changed since the release it replaces (`None` for a first release).
    pub changes: Option<Report>,
}

#[derive(Debug, thiserror::Error)]
pub enum TreeError {
    #[error("{0}")]
    Docs(#[from] DocErrors),
    #[error("{0}")]
    Emit(#[from] codegen::emit::EmitError),
    #[error("cannot read {path}: {message}")]
    Io { path: String, message: String },
    /// Every service that failed, each with its own errors (the others generated).
    #[error("{}", failed_services(.0))]
    Services(Vec<(String, TreeError)>),
}

fn failed_services(failures: &[(String, TreeError)]) -> String {
    let mut out = String::new();
    for (service, e) in failures {
        out.push_str(&e.to_string());
        out.push_str(&format!("\nerror: service `{service}` failed\n"));
    }
    out.push_str(&format!(
        "{} service(s) failed: {}",
        failures.len(),
        failures
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}

/// Service directories of `specs_root`: every subdirectory but `common`.
pub fn service_dirs(specs_root: &Path) -> Result<Vec<String>, TreeError> {
    let entries = std::fs::read_dir(specs_root).map_err(|e| TreeError::Io {
        path: specs_root.display().to_string(),
        message: e.to_string(),
    })?;
    let mut dirs: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|n| n != "common" && !n.starts_with('.'))
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Generates every service of `specs_root` in memory, each as a first release.
/// `runtime_from_crate` is the runtime crate's path as seen from `generated/<svc>/`.
/// When services fail, the error names every one of them, not just the first.
pub fn generate_all(
    specs_root: &Path,
    spec_label: &str,
    runtime_from_crate: &str,
) -> Result<Vec<GeneratedCrate>, TreeError> {
    generate_all_after(specs_root, spec_label, runtime_from_crate, None)
}

/// Like [`generate_all`], each crate the release after the one in `generated_root`
/// (`<generated_root>/<svc>/release.json`), when there is one.
pub fn generate_all_after(
    specs_root: &Path,
    spec_label: &str,
    runtime_from_crate: &str,
    generated_root: Option<&Path>,
) -> Result<Vec<GeneratedCrate>, TreeError> {
    let today = release::today();
    // Services are independent: generated on every core, reported in directory order.
    let dirs = service_dirs(specs_root)?;
    let results = doc_model::parallel::map_in_order(&dirs, |dir| {
        let previous = generated_root
            .map(|root| previous_release(&root.join(dir)))
            .transpose()?
            .flatten();
        generate_service_after(
            specs_root,
            dir,
            spec_label,
            runtime_from_crate,
            previous,
            &today,
        )
    });
    let mut out = Vec::new();
    let mut failures = Vec::new();
    for (dir, result) in dirs.into_iter().zip(results) {
        match result {
            Ok(c) => out.push(c),
            Err(e) => failures.push((dir, e)),
        }
    }
    if failures.is_empty() {
        Ok(out)
    } else {
        Err(TreeError::Services(failures))
    }
}

/// The release record of a generated crate directory, if it has one.
fn previous_release(crate_dir: &Path) -> Result<Option<Release>, TreeError> {
    let path = crate_dir.join(RELEASE_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Release::parse(&text)
            .map(Some)
            .map_err(|message| TreeError::Io {
                path: path.display().to_string(),
                message,
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(TreeError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

/// Generates one service directory (`specs_root/dir`) in memory, as a first release.
pub fn generate_service(
    specs_root: &Path,
    dir: &str,
    spec_label: &str,
    runtime_from_crate: &str,
) -> Result<GeneratedCrate, TreeError> {
    generate_service_after(
        specs_root,
        dir,
        spec_label,
        runtime_from_crate,
        None,
        &release::today(),
    )
}

/// Generates one service directory as the release after `previous`, dated `today` if the
/// drop changed.
pub fn generate_service_after(
    specs_root: &Path,
    dir: &str,
    spec_label: &str,
    runtime_from_crate: &str,
    previous: Option<Release>,
    today: &str,
) -> Result<GeneratedCrate, TreeError> {
    let label = format!("{spec_label}/{dir}");
    let started = std::time::Instant::now();
    let service = load_service_as(
        &specs_root.join(dir),
        &label,
        &format!("{spec_label}/common"),
    )?;
    let parse_time = started.elapsed();
    let api = Service {
        warnings: Vec::new(),
        ..service.clone()
    };
    let (release, changes) =
        release::next(previous, &api, &label, today).map_err(|message| TreeError::Io {
            path: format!("{label} ({RELEASE_FILE})"),
            message,
        })?;
    let options = EmitOptions {
        spec_dir: label,
        runtime_path: runtime_from_crate.to_string(),
        // The emulator crate sits beside the runtime crate.
        emulator_path: Path::new(runtime_from_crate)
            .with_file_name("emulator")
            .to_string_lossy()
            .into_owned(),
        examples: example_programs(&specs_root.join(dir).join("examples"))?,
        crate_version: release.version.clone(),
        drop_date: release.drop_date().to_string(),
    };
    let emitted = emit_crate(&service, &options)?;
    let emit_time = started.elapsed() - parse_time;
    let warnings = service
        .warnings
        .iter()
        .chain(&emitted.warnings)
        .map(|w| w.to_string())
        .collect();
    let mut files = emitted.files;
    files.push(GeneratedFile {
        path: "CHANGELOG.md".into(),
        contents: release.changelog(&codegen::emit::crate_name(&service)),
    });
    files.push(GeneratedFile {
        path: RELEASE_FILE.into(),
        contents: release.to_json(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let version = release.version;
    Ok(GeneratedCrate {
        dir: dir.to_string(),
        files,
        warnings,
        parse_time,
        emit_time,
        actions: service.actions.len(),
        version,
        changes,
    })
}

/// The `*.rs` files of a service's `examples/` directory, by name (none if absent).
fn example_programs(dir: &Path) -> Result<Vec<ExampleProgram>, TreeError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let source = std::fs::read_to_string(&path).map_err(|e| TreeError::Io {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            let file_name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            Ok(ExampleProgram { file_name, source })
        })
        .collect()
}

/// Files that differ between the generated crates and `generated_root` on disk:
/// changed, missing, or present on disk but no longer generated.
pub fn stale_files(crates: &[GeneratedCrate], generated_root: &Path) -> Vec<String> {
    let mut stale = Vec::new();
    for c in crates {
        let root = generated_root.join(&c.dir);
        let expected: BTreeMap<PathBuf, &str> = c
            .files
            .iter()
            .map(|f| (root.join(&f.path), f.contents.as_str()))
            .collect();
        for (path, contents) in &expected {
            match std::fs::read_to_string(path) {
                Ok(actual) if actual == *contents => {}
                Ok(_) => stale.push(format!("{} (differs)", path.display())),
                Err(_) => stale.push(format!("{} (missing)", path.display())),
            }
        }
        for path in files_under(&root) {
            if !expected.contains_key(&path) {
                stale.push(format!("{} (not generated any more)", path.display()));
            }
        }
    }
    stale
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
