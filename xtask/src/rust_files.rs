//! The `.rs` files under a directory: the one walk of xtask's commands (tidy, the import
//! graph, the benchmark's line counts).

use std::path::{Path, PathBuf};

/// The `.rs` files under `root`, sorted, not descending into directories named in
/// `skipped_dirs` nor following links (a link, as `emulator/specs` → `specs`, is read
/// where it points).
pub fn rust_files(root: &Path, skipped_dirs: &[&str]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                continue;
            }
            if kind.is_dir() && !skipped_dirs.contains(&name.as_str()) {
                pending.push(entry.path());
            } else if kind.is_file() && name.ends_with(".rs") {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    files
}
