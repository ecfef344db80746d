//! State that outlives the process (`--state DIR`): one redb database, `DIR/state.redb`,
//! of keys and bytes that a behaviour writes after each change and reads at start. A
//! commit returns once the change is on disk (redb's immediate durability: written and
//! synced), so a change an answer reports survives a `kill -9` at any moment; a commit cut
//! short by one is not there after the restart, and the answer it was for was never given.
//! Why redb: an embedded store that is pure Rust (nothing to install), crash-safe by
//! design (copy-on-write pages, checksummed commits, recovery at open) and locked to one
//! process at a time, so two emulators cannot share a state by mistake.

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, TableDefinition};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ENTRIES: TableDefinition<&str, &[u8]> = TableDefinition::new("entries");
/// The file in the state directory.
pub const FILE_NAME: &str = "state.redb";

/// Why the state cannot be read or written: the file, and what went wrong.
#[derive(Debug, thiserror::Error)]
#[error("the state file {}: {message}", file.display())]
pub struct StateError {
    pub file: PathBuf,
    pub message: String,
}

/// One change: a key and its new bytes, or `None` to forget it.
pub type Change = (String, Option<Vec<u8>>);

/// The state directory's database.
pub struct Durable {
    db: Database,
    file: PathBuf,
}

impl std::fmt::Debug for Durable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Durable").field("file", &self.file).finish()
    }
}

impl Durable {
    /// Opens (or creates) `dir/state.redb`; `fresh` starts it empty on purpose. A file that
    /// is not a sound database is an error, never an empty start.
    pub fn open(dir: &Path, fresh: bool) -> Result<Durable, StateError> {
        let file = dir.join(FILE_NAME);
        let failed = |message: String| StateError {
            file: file.clone(),
            message,
        };
        std::fs::create_dir_all(dir)
            .map_err(|e| failed(format!("cannot create its directory: {e}")))?;
        if fresh {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(failed(format!("cannot start it afresh: {e}"))),
            }
        }
        let db = create(&file).map_err(failed)?;
        Ok(Durable { db, file })
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Every entry, in key order.
    pub fn entries(&self) -> Result<Vec<(String, Vec<u8>)>, StateError> {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.read_all()));
        read.unwrap_or_else(|_| Err("it is damaged (its pages do not check out)".into()))
            .map_err(|message| self.failed(message))
    }

    fn read_all(&self) -> Result<Vec<(String, Vec<u8>)>, String> {
        let txn = self.db.begin_read().map_err(|e| e.to_string())?;
        let table = match txn.open_table(ENTRIES) {
            Ok(table) => table,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.to_string()),
        };
        let mut entries = Vec::new();
        for item in table.iter().map_err(|e| e.to_string())? {
            let (key, value) = item.map_err(|e| e.to_string())?;
            entries.push((key.value().to_string(), value.value().to_vec()));
        }
        Ok(entries)
    }

    /// Applies `changes` in one transaction and returns once they are on disk.
    pub fn commit(&self, changes: &[Change]) -> Result<(), StateError> {
        if changes.is_empty() {
            return Ok(());
        }
        self.write(|table| {
            for (key, value) in changes {
                match value {
                    Some(bytes) => table.insert(key.as_str(), bytes.as_slice()).map(|_| ()),
                    None => table.remove(key.as_str()).map(|_| ()),
                }?;
            }
            Ok(())
        })
    }

    /// Forgets every entry whose key starts with `prefix` (all of them for `""`), then
    /// applies `changes`, in one transaction.
    pub fn replace(&self, prefix: &str, changes: &[Change]) -> Result<(), StateError> {
        self.write(|table| {
            let doomed: Vec<String> = table
                .iter()?
                .filter_map(|item| item.ok().map(|(k, _)| k.value().to_string()))
                .filter(|k| k.starts_with(prefix))
                .collect();
            for key in doomed {
                table.remove(key.as_str())?;
            }
            for (key, value) in changes {
                if let Some(bytes) = value {
                    table.insert(key.as_str(), bytes.as_slice())?;
                }
            }
            Ok(())
        })
    }

    fn write(
        &self,
        apply: impl FnOnce(&mut redb::Table<&str, &[u8]>) -> Result<(), redb::StorageError>,
    ) -> Result<(), StateError> {
        let txn = self
            .db
            .begin_write()
            .map_err(|e| self.failed(e.to_string()))?;
        {
            let mut table = txn
                .open_table(ENTRIES)
                .map_err(|e| self.failed(e.to_string()))?;
            apply(&mut table).map_err(|e| self.failed(e.to_string()))?;
        }
        txn.commit().map_err(|e| self.failed(e.to_string()))
    }

    fn failed(&self, message: String) -> StateError {
        StateError {
            file: self.file.clone(),
            message: describe(&message),
        }
    }
}

/// How long a start waits for a state file still held by an emulator of this process that
/// was stopped: its connections close, and its database with them, just after.
const RELEASE_WAIT: Duration = Duration::from_secs(2);

/// Opens or creates the database; a file held by another emulator is waited for briefly.
fn create(file: &Path) -> Result<Database, String> {
    let started = Instant::now();
    loop {
        // redb checks its own invariants with debug assertions; a damaged file must be an
        // error here, whatever the build.
        match std::panic::catch_unwind(|| Database::create(file)) {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(DatabaseError::DatabaseAlreadyOpen)) if started.elapsed() < RELEASE_WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(Err(e)) => return Err(describe(&e.to_string())),
            Err(_) => return Err("it is damaged (its pages do not check out)".into()),
        }
    }
}

/// redb's words, with what they mean for a user.
fn describe(message: &str) -> String {
    if message.contains("invalid data") {
        "it is not a redb database: not a state file this emulator wrote, or damaged from its \
         first page (start with --state-reset to begin afresh)"
            .to_string()
    } else if message.contains("already open") || message.contains("lock") {
        format!("{message} (another emulator uses this state directory)")
    } else if message.to_ascii_lowercase().contains("corrupt") || message.contains("Invalid") {
        format!("it is damaged: {message} (start with --state-reset to begin afresh)")
    } else {
        message.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("durable-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn entries_survive_reopening_and_a_fresh_start_forgets_them() {
        let dir = dir("reopen");
        {
            let store = Durable::open(&dir, false).unwrap();
            assert!(store.entries().unwrap().is_empty());
            store
                .commit(&[
                    ("a/1".into(), Some(b"one".to_vec())),
                    ("b/2".into(), Some(b"two".to_vec())),
                ])
                .unwrap();
            store.commit(&[("b/2".into(), None)]).unwrap();
        }
        let store = Durable::open(&dir, false).unwrap();
        assert_eq!(
            store.entries().unwrap(),
            [("a/1".to_string(), b"one".to_vec())]
        );
        store
            .replace("a/", &[("a/3".into(), Some(b"three".to_vec()))])
            .unwrap();
        assert_eq!(
            store.entries().unwrap(),
            [("a/3".to_string(), b"three".to_vec())]
        );
        drop(store);
        assert!(Durable::open(&dir, true)
            .unwrap()
            .entries()
            .unwrap()
            .is_empty());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_damaged_file_is_an_error_naming_it() {
        let dir = dir("damaged");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(FILE_NAME), vec![0x5a; 8192]).unwrap();
        let error = Durable::open(&dir, false).unwrap_err().to_string();
        assert!(error.contains("state.redb"), "{error}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn one_emulator_at_a_time() {
        let dir = dir("locked");
        let _first = Durable::open(&dir, false).unwrap();
        let error = Durable::open(&dir, false).unwrap_err().to_string();
        assert!(error.contains("another emulator"), "{error}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_file_let_go_of_just_after_is_opened() {
        let dir = dir("released");
        let first = Durable::open(&dir, false).unwrap();
        let closing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            drop(first);
        });
        Durable::open(&dir, false).expect("opened once the first let go");
        closing.join().unwrap();
        std::fs::remove_dir_all(&dir).ok();
    }
}
