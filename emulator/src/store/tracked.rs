//! A map of a behaviour's own state beside its tables (a task's run, an invoker's place
//! in its schedule), which remembers what changed since it was last saved, as
//! [`crate::store::table::Table`] does.

use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone)]
pub struct Tracked<V> {
    entries: BTreeMap<String, V>,
    changed: BTreeSet<String>,
}

impl<V> Default for Tracked<V> {
    fn default() -> Self {
        Tracked {
            entries: BTreeMap::new(),
            changed: BTreeSet::new(),
        }
    }
}

impl<V: Clone> Tracked<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.get(key)
    }

    /// The entry, to change (it will be saved again).
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        let entry = self.entries.get_mut(key)?;
        self.changed.insert(key.to_string());
        Some(entry)
    }

    pub fn insert(&mut self, key: impl Into<String>, value: V) {
        let key = key.into();
        self.changed.insert(key.clone());
        self.entries.insert(key, value);
    }

    pub fn extend(&mut self, entries: impl IntoIterator<Item = (String, V)>) {
        for (key, value) in entries {
            self.insert(key, value);
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let removed = self.entries.remove(key)?;
        self.changed.insert(key.to_string());
        Some(removed)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter()
    }

    /// Every entry, to change (all are saved again).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.changed.extend(self.entries.keys().cloned());
        self.entries.iter_mut()
    }

    /// What changed since the last call: each key with its value, or `None` when removed.
    pub fn take_changes(&mut self) -> Vec<(String, Option<V>)> {
        let changed = std::mem::take(&mut self.changed);
        changed
            .into_iter()
            .map(|key| {
                let value = self.entries.get(&key).cloned();
                (key, value)
            })
            .collect()
    }

    /// Nothing changed, as far as saving goes.
    pub fn forget_changes(&mut self) {
        self.changed.clear();
    }

    /// A map read back from saved entries; nothing changed.
    pub fn restore(entries: impl IntoIterator<Item = (String, V)>) -> Self {
        Tracked {
            entries: entries.into_iter().collect(),
            changed: BTreeSet::new(),
        }
    }
}
