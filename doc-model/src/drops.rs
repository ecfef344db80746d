//! Reading doc drops from disk: the one place in this crate that touches the file system.

use crate::diagnostic::{Diagnostic, DocErrors};
use crate::ir::waiters::{read_waiters, WAITERS_FILE};
use crate::ir::{build_service, Service};
use crate::page::{html::read_html_page, markdown::read_markdown_page, text::read_text_page, Page};
use std::path::{Path, PathBuf};

/// Reads one page, choosing the reader by file extension. Errors are pages that cannot be
/// read at all (empty, not text, or not a doc page format).
pub fn read_page(label: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let read = reader_for(label).ok_or_else(|| {
        Diagnostic::at(
            label,
            1,
            format!(
                "unsupported doc drop format `{}`; expected a .txt, .md or .html page",
                extension(label)
            ),
        )
    })?;
    read(label, bytes)
}

type Reader = fn(&str, &[u8]) -> Result<Page, Diagnostic>;

/// The reader of a file's format, by its extension; `None` for a file that is no page.
fn reader_for(label: &str) -> Option<Reader> {
    match extension(label).as_str() {
        "txt" => Some(read_text_page),
        "md" | "markdown" => Some(read_markdown_page),
        "html" | "htm" => Some(read_html_page),
        _ => None,
    }
}

fn extension(label: &str) -> String {
    Path::new(label)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The page files of a directory, sorted by name (hidden files and READMEs skipped).
pub fn page_files(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::at(
            &dir.display().to_string(),
            0,
            format!("cannot read the directory: {e}"),
        )
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('.')
                && !name.eq_ignore_ascii_case("README.md")
                && name != WAITERS_FILE
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads every page of `dir`; locations name files as `<label>/<file name>`.
///
/// A file that cannot be read as a page (empty, another format, unreadable) defines
/// nothing: it becomes an empty page carrying the reason as a warning, so the rest of
/// the service still generates. Only an unreadable directory is an error.
pub fn read_pages(dir: &Path, label: &str) -> Result<Vec<Page>, DocErrors> {
    let read = |path: &PathBuf| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let label = format!("{label}/{name}");
        let page = match std::fs::read(path) {
            Ok(bytes) => read_page(&label, &bytes),
            Err(e) => Err(Diagnostic::at(
                &label,
                1,
                format!("cannot read the file: {e}"),
            )),
        };
        page.unwrap_or_else(|d| unread_page(label, d))
    };
    Ok(crate::parallel::map_in_order(&page_files(dir)?, read))
}

/// A file no reader could read. A file of another format beside the pages (`waiters.toml`)
/// is ignored with a warning; a page that is empty or not text is an error, since the
/// action it should document would silently leave the crate.
fn unread_page(label: String, d: Diagnostic) -> Page {
    let (warnings, errors) = if reader_for(&label).is_none() {
        let message = format!("{}; the file is ignored", d.message);
        (vec![Diagnostic::new(d.location, message)], Vec::new())
    } else {
        (Vec::new(), vec![d])
    };
    Page {
        file: label,
        blocks: Vec::new(),
        warnings,
        errors,
        links: Vec::new(),
    }
}

/// The shared pages for a service directory: `<dir>/../common/` when it exists.
pub fn common_dir(service_dir: &Path) -> Option<PathBuf> {
    let parent = service_dir.canonicalize().ok()?.parent()?.to_path_buf();
    let common = parent.join("common");
    let is_other = common.canonicalize().ok()? != service_dir.canonicalize().ok()?;
    let label = match service_dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("common"),
        _ => service_dir.join("..").join("common"),
    };
    (common.is_dir() && is_other).then_some(label)
}

/// Loads a service directory (and its sibling `common/`) into the IR.
pub fn load_service(dir: &Path) -> Result<Service, DocErrors> {
    let label = dir.display().to_string();
    let label = label.trim_end_matches('/');
    let common_label = match common_dir(dir) {
        Some(c) => c.display().to_string(),
        None => String::new(),
    };
    load_service_as(dir, label, &common_label)
}

/// Like [`load_service`], naming files `<label>/<file>` and `<common_label>/<file>` in
/// diagnostics, so output does not depend on where the command runs.
pub fn load_service_as(dir: &Path, label: &str, common_label: &str) -> Result<Service, DocErrors> {
    let pages = read_pages(dir, label)?;
    let common = match common_dir(dir) {
        Some(c) => read_pages(&c, common_label)?,
        None => Vec::new(),
    };
    let mut service = build_service(&pages, &common)?;
    let waiters = dir.join(WAITERS_FILE);
    if waiters.is_file() {
        let file = format!("{label}/{WAITERS_FILE}");
        let text = std::fs::read_to_string(&waiters).map_err(|e| {
            DocErrors(vec![Diagnostic::at(
                &file,
                1,
                format!("cannot read the file: {e}"),
            )])
        })?;
        service.waiters = read_waiters(&file, &text, &service).map_err(DocErrors)?;
    }
    Ok(service)
}
