//! Records of one resource kind, stored in the shape the Data Types page documents
//! (so `Describe*` answers them as they are), in creation order, indexed by id. A table
//! remembers which records changed since it was last saved ([`Table::take_changes`]), so a
//! durable state writes only those.

use super::unique::UniqueIndex;
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
    /// A member no two records share, indexed ([`Table::unique_by`]).
    unique: Option<UniqueIndex>,
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
            unique: None,
        }
    }

    /// The same table, with `field` (a member no two records share) indexed, for
    /// [`Table::find_unique`].
    pub fn unique_by(mut self, field: &'static str) -> Self {
        self.unique = Some(UniqueIndex::new(field));
        self
    }

    fn id_of<'a>(&self, row: &'a Value) -> &'a str {
        id_in(self.id_field, row)
    }

    pub fn insert(&mut self, row: Value) {
        let seq = self.next_seq;
        self.put(seq, row);
    }

    fn put(&mut self, seq: u64, row: Value) {
        self.refresh_unique();
        let id = self.id_of(&row).to_string();
        self.next_seq = self.next_seq.max(seq + 1);
        self.changed.insert(id.clone());
        let i = match self.index.get(&id) {
            Some(&i) => {
                if let Some(unique) = &mut self.unique {
                    unique.removed(&id, &self.rows[i].1);
                }
                self.rows[i] = (seq, row);
                i
            }
            None => {
                self.index.insert(id.clone(), self.rows.len());
                self.rows.push((seq, row));
                self.rows.len() - 1
            }
        };
        if let Some(unique) = &mut self.unique {
            unique.added(&id, &self.rows[i].1);
        }
    }

    /// Builds the unique index again if a record changed in place since it was built.
    fn refresh_unique(&mut self) {
        let id_field = self.id_field;
        if let Some(unique) = self.unique.as_mut().filter(|u| u.is_stale()) {
            unique.rebuild(self.rows.iter().map(|(_, row)| (id_in(id_field, row), row)));
        }
    }

    /// The record whose unique member ([`Table::unique_by`]) is `value`; `None` on a table
    /// without one.
    pub fn find_unique(&self, value: &str) -> Option<&Value> {
        let unique = self.unique.as_ref()?;
        if unique.is_stale() {
            return self
                .newest_first()
                .find(|row| unique.value_of(row) == Some(value));
        }
        self.get(unique.id_of(value)?)
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.index.get(id).map(|i| &self.rows[*i].1)
    }

    /// The record, to change (it will be saved again).
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        let i = *self.index.get(id)?;
        self.changed.insert(id.to_string());
        if let Some(unique) = &mut self.unique {
            unique.mark_stale();
        }
        Some(&mut self.rows[i].1)
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        self.refresh_unique();
        let i = self.index.remove(id)?;
        let (_, row) = self.rows.remove(i);
        if let Some(unique) = &mut self.unique {
            unique.removed(id, &row);
        }
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

    /// Fills this (empty) table with saved records, in their creation order; nothing
    /// changed.
    pub fn restore(&mut self, mut saved: Vec<Saved>) {
        saved.sort_by_key(|s| s.seq);
        for Saved { seq, row } in saved {
            self.put(seq, row);
        }
        self.changed.clear();
    }
}

fn id_in<'a>(id_field: &str, row: &'a Value) -> &'a str {
    row.get(id_field)
        .and_then(Value::as_str)
        .unwrap_or_default()
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
        let mut restored = Table::new("Id");
        restored.restore(saved);
        let ids: Vec<&str> = restored
            .newest_first()
            .map(|r| r["Id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(restored.get("a").unwrap()["X"], 1);
    }

    #[test]
    fn a_unique_member_is_found_through_inserts_changes_in_place_and_removals() {
        let mut table = Table::new("Id").unique_by("Name");
        for (id, name) in [("a", "one"), ("b", "two")] {
            table.insert(json!({ "Id": id, "Name": name }));
        }
        assert_eq!(table.find_unique("two").unwrap()["Id"], "b");
        table.get_mut("b").unwrap()["Name"] = json!("three");
        assert_eq!(
            table.find_unique("three").unwrap()["Id"],
            "b",
            "read while stale"
        );
        assert!(table.find_unique("two").is_none());
        table.insert(json!({ "Id": "c", "Name": "two" }));
        assert_eq!(table.find_unique("two").unwrap()["Id"], "c", "built again");
        assert_eq!(table.find_unique("three").unwrap()["Id"], "b");
        table.insert(json!({ "Id": "c", "Name": "four" }));
        assert!(
            table.find_unique("two").is_none(),
            "a replaced record's old value goes"
        );
        table.remove("b");
        assert!(table.find_unique("three").is_none());
        let saved = table.take_changes().into_iter().filter_map(|(_, s)| s);
        let mut restored = Table::new("Id").unique_by("Name");
        restored.restore(saved.collect());
        assert_eq!(restored.find_unique("one").unwrap()["Id"], "a");
        assert_eq!(restored.find_unique("four").unwrap()["Id"], "c");
        assert!(
            Table::new("Id").find_unique("one").is_none(),
            "no unique member"
        );
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
