//! Records of one resource kind, stored in the shape the Data Types page documents
//! (so `Describe*` answers them as they are), in creation order, indexed by id. A table
//! remembers which records changed since it was last saved ([`Table::take_changes`]), so a
//! durable state writes only those.

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Table {
    id_field: &'static str,
    /// `(creation number, record)`, oldest first.
    rows: Vec<(u64, Value)>,
    index: HashMap<String, usize>,
    next_seq: u64,
    /// Ids inserted, changed or removed since the last `take_changes`.
    changed: BTreeSet<String>,
}

/// A record as it is saved: its place in creation order, and the record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    pub seq: u64,
    pub row: Value,
}

impl Table {
    pub fn new(id_field: &'static str) -> Self {
        Table {
            id_field,
            rows: Vec::new(),
            index: HashMap::new(),
            next_seq: 0,
            changed: BTreeSet::new(),
        }
    }

    fn id_of<'a>(&self, row: &'a Value) -> &'a str {
        row.get(self.id_field)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    pub fn insert(&mut self, row: Value) {
        let seq = self.next_seq;
        self.put(seq, row);
    }

    fn put(&mut self, seq: u64, row: Value) {
        let id = self.id_of(&row).to_string();
        self.next_seq = self.next_seq.max(seq + 1);
        self.changed.insert(id.clone());
        if let Some(i) = self.index.get(&id) {
            self.rows[*i] = (seq, row);
            return;
        }
        self.index.insert(id, self.rows.len());
        self.rows.push((seq, row));
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.index.get(id).map(|i| &self.rows[*i].1)
    }

    /// The record, to change (it will be saved again).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        let i = *self.index.get(id)?;
        self.changed.insert(id.to_string());
        Some(&mut self.rows[i].1)
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let i = self.index.remove(id)?;
        let (_, row) = self.rows.remove(i);
        for (_, place) in self.index.iter_mut().filter(|(_, p)| **p > i) {
            *place -= 1;
        }
        self.changed.insert(id.to_string());
        Some(row)
    }

    /// Newest first, as the API lists.
    pub fn newest_first(&self) -> impl Iterator<Item = &Value> {
        self.rows.iter().rev().map(|(_, row)| row)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// What changed since the last call: each id with its record as saved, or `None` when
    /// it was removed.
    pub fn take_changes(&mut self) -> Vec<(String, Option<Saved>)> {
        let changed = std::mem::take(&mut self.changed);
        changed
            .into_iter()
            .map(|id| {
                let saved = self.index.get(&id).map(|i| {
                    let (seq, row) = &self.rows[*i];
                    Saved {
                        seq: *seq,
                        row: row.clone(),
                    }
                });
                (id, saved)
            })
            .collect()
    }

    /// Nothing changed, as far as saving goes.
    pub fn forget_changes(&mut self) {
        self.changed.clear();
    }

    /// A table read back from its saved records, in their creation order; nothing changed.
    pub fn restore(id_field: &'static str, mut saved: Vec<Saved>) -> Self {
        saved.sort_by_key(|s| s.seq);
        let mut table = Table::new(id_field);
        for Saved { seq, row } in saved {
            table.put(seq, row);
        }
        table.changed.clear();
        table
    }
}

/// Ids shaped like the service's (`cmd-0000002a`), deterministic per emulator. Clones
/// share one counter, so ids are unique across every account and region.
#[derive(Debug, Clone, Default)]
pub struct IdSource {
    next: Arc<AtomicU64>,
}

impl IdSource {
    pub fn next(&self, prefix: &str) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        format!("{prefix}-{n:08x}")
    }

    /// How many ids were handed out (what a restart continues from).
    pub fn issued(&self) -> u64 {
        self.next.load(Ordering::Relaxed)
    }

    /// Continues after `issued` ids (never goes back).
    pub fn continue_after(&self, issued: u64) {
        self.next.fetch_max(issued, Ordering::Relaxed);
    }
}

/// ISO 8601 UTC with seconds, as the API writes timestamps (`2026-11-23T07:00:00Z`).
pub fn iso(at: std::time::SystemTime) -> String {
    let t = time::OffsetDateTime::from(at);
    let t = t.replace_nanosecond(0).unwrap_or(t);
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub fn parse_iso(text: &str) -> Option<std::time::SystemTime> {
    time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_are_remembered_until_taken_and_a_restored_table_keeps_its_order() {
        let mut table = Table::new("Id");
        for id in ["b", "a", "c"] {
            table.insert(json!({ "Id": id }));
        }
        table.get_mut("a").unwrap()["X"] = json!(1);
        table.remove("c");
        let changes = table.take_changes();
        assert_eq!(changes.len(), 3);
        assert!(changes
            .iter()
            .any(|(id, saved)| id == "c" && saved.is_none()));
        assert!(table.take_changes().is_empty(), "taken once");
        let saved: Vec<Saved> = changes.into_iter().filter_map(|(_, s)| s).collect();
        let restored = Table::restore("Id", saved);
        let ids: Vec<&str> = restored
            .newest_first()
            .map(|r| r["Id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(restored.get("a").unwrap()["X"], 1);
    }

    #[test]
    fn removal_keeps_the_index_true() {
        let mut table = Table::new("Id");
        for i in 0..5 {
            table.insert(json!({ "Id": i.to_string() }));
        }
        table.remove("1");
        assert_eq!(table.get("4").unwrap()["Id"], "4");
        assert_eq!(table.len(), 4);
    }

    #[test]
    fn ids_are_shared_by_clones() {
        let ids = IdSource::default();
        let other = ids.clone();
        assert_eq!(ids.next("cmd"), "cmd-00000001");
        assert_eq!(other.next("inv"), "inv-00000002");
        other.continue_after(41);
        assert_eq!(ids.next("cmd"), "cmd-0000002a");
    }
}
