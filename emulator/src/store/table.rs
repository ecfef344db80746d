//! Records of one resource kind, stored in the shape the Data Types page documents
//! (so `Describe*` answers them as they are), in creation order, indexed by id.

use serde_json::Value;
use std::collections::HashMap;

pub struct Table {
    id_field: &'static str,
    rows: Vec<Value>,
    index: HashMap<String, usize>,
}

impl Table {
    pub fn new(id_field: &'static str) -> Self {
        Table {
            id_field,
            rows: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn id_of<'a>(&self, row: &'a Value) -> &'a str {
        row.get(self.id_field)
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    pub fn insert(&mut self, row: Value) {
        let id = self.id_of(&row).to_string();
        self.index.insert(id, self.rows.len());
        self.rows.push(row);
    }

    pub fn get(&self, id: &str) -> Option<&Value> {
        self.index.get(id).map(|i| &self.rows[*i])
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.index.get(id).map(|i| &mut self.rows[*i])
    }

    pub fn remove(&mut self, id: &str) -> Option<Value> {
        let i = self.index.remove(id)?;
        let row = self.rows.remove(i);
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (self.id_of(r).to_string(), i))
            .collect();
        Some(row)
    }

    /// Newest first, as the API lists.
    pub fn newest_first(&self) -> impl Iterator<Item = &Value> {
        self.rows.iter().rev()
    }
}

/// Ids shaped like the service's (`cmd-0000002a`), deterministic per emulator.
#[derive(Default)]
pub struct IdSource {
    next: u64,
}

impl IdSource {
    pub fn next(&mut self, prefix: &str) -> String {
        self.next += 1;
        format!("{prefix}-{:08x}", self.next)
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
