//! Paths: the repository's root, and paths as generated manifests write them.

use std::path::{Path, PathBuf};

/// The repository's root (xtask lives directly under it).
pub fn workspace_root() -> PathBuf {
    let xtask = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask.parent().unwrap_or(xtask).to_path_buf()
}

/// The path from directory `from` to `to`, with `/` separators (`../../runtime`).
pub fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> =
        std::iter::repeat_n("..".to_string(), from.len() - common).collect();
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/w/generated/tat"), Path::new("/w/runtime")),
            "../../runtime"
        );
        assert_eq!(relative(Path::new("/w/a"), Path::new("/w/a/b")), "b");
    }
}
