//! The service models this process has read, by doc-drop directory: a test suite or an
//! embedder starts many emulators of one drop, and reading its pages is most of a start
//! (about a quarter of a second in a debug build). A model is read again when a file of
//! its directory or of the sibling `common/` changed (name, length or modification time).

use crate::service_model::{LoadError, ServiceModel};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// What a directory's files looked like: `(path, length, modified)`, sorted.
type Stamp = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// Directories read at most: a bound for a process that reads drops it makes itself.
const KEPT: usize = 8;

static READ: Mutex<Vec<(PathBuf, Stamp, ServiceModel)>> = Mutex::new(Vec::new());

/// The model of `dir`, read now or kept from an earlier read of the same files.
pub fn model_of(dir: &Path) -> Result<ServiceModel, LoadError> {
    let stamp = stamp_of(dir);
    let mut read = READ.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, _, model)) = read.iter().find(|(d, s, _)| d == dir && *s == stamp) {
        return Ok(model.clone());
    }
    let model = ServiceModel::load(dir)?;
    read.retain(|(d, _, _)| d != dir);
    if read.len() == KEPT {
        read.remove(0);
    }
    read.push((dir.to_path_buf(), stamp, model.clone()));
    Ok(model)
}

fn stamp_of(dir: &Path) -> Stamp {
    let mut stamp = Vec::new();
    let common = doc_model::drops::common_dir(dir);
    for d in std::iter::once(dir).chain(common.as_deref()) {
        let Ok(entries) = std::fs::read_dir(d) else {
            continue;
        };
        for entry in entries.flatten() {
            let meta = entry.metadata().ok();
            stamp.push((
                entry.path(),
                meta.as_ref().map_or(0, |m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            ));
        }
    }
    stamp.sort();
    stamp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drop_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("models-read-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let page = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/tat/DescribeRegions.txt"),
        )
        .unwrap();
        std::fs::write(dir.join("DescribeRegions.txt"), page).unwrap();
        dir
    }

    #[test]
    fn a_drop_is_read_again_only_when_its_files_change() {
        let dir = drop_dir("changes");
        let first = model_of(&dir).unwrap();
        assert_eq!(first.service.actions.len(), 1);
        let page = std::fs::read_to_string(dir.join("DescribeRegions.txt")).unwrap();
        std::fs::write(
            dir.join("DescribeZones.txt"),
            page.replace("DescribeRegions", "DescribeZones"),
        )
        .unwrap();
        assert_eq!(
            model_of(&dir).unwrap().service.actions.len(),
            2,
            "a new page"
        );
        std::fs::remove_file(dir.join("DescribeZones.txt")).unwrap();
        assert_eq!(
            model_of(&dir).unwrap().service.actions.len(),
            1,
            "a page gone"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_drop_that_does_not_read_is_an_error_each_time() {
        let dir = drop_dir("broken");
        std::fs::write(dir.join("DescribeRegions.txt"), "not a page").unwrap();
        assert!(model_of(&dir).is_err());
        assert!(model_of(&dir).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
