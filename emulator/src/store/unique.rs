//! Ids by the value of a member no two records of a table share (a command's name), so a
//! create checks that value in constant time however many records there are: a sandbox
//! with 10,000 commands read every one of them on each create.
//!
//! A record changed in place ([`super::table::Table::get_mut`]) may have changed the
//! member, so the index is then stale: lookups read the records until the table's next
//! insert or removal builds it again.

use serde_json::Value;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct UniqueIndex {
    field: &'static str,
    ids: HashMap<String, String>,
    stale: bool,
}

impl UniqueIndex {
    pub fn new(field: &'static str) -> Self {
        UniqueIndex {
            field,
            ids: HashMap::new(),
            stale: false,
        }
    }

    pub fn value_of<'a>(&self, row: &'a Value) -> Option<&'a str> {
        row.get(self.field).and_then(Value::as_str)
    }

    /// Whether lookups must read the records instead.
    pub fn is_stale(&self) -> bool {
        self.stale
    }

    pub fn mark_stale(&mut self) {
        self.stale = true;
    }

    /// The index built again from every record: `(id, record)`.
    pub fn rebuild<'a>(&mut self, rows: impl Iterator<Item = (&'a str, &'a Value)>) {
        self.ids.clear();
        self.stale = false;
        for (id, row) in rows {
            self.added(id, row);
        }
    }

    pub fn added(&mut self, id: &str, row: &Value) {
        if let Some(value) = self.value_of(row) {
            self.ids.insert(value.to_string(), id.to_string());
        }
    }

    pub fn removed(&mut self, id: &str, row: &Value) {
        if let Some(value) = self.value_of(row) {
            if self.ids.get(value).is_some_and(|owner| owner == id) {
                self.ids.remove(value);
            }
        }
    }

    /// The id of the record holding `value` (only while the index is not stale).
    pub fn id_of(&self, value: &str) -> Option<&str> {
        self.ids.get(value).map(String::as_str)
    }
}
