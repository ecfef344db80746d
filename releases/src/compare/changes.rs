//! The changes a comparison has found, and the pairing of two keyed maps.

use crate::change::Change;
use crate::class::Class;
use codegen::surface::Anchor;
use std::collections::BTreeMap;

/// The changes found so far.
#[derive(Default)]
pub(crate) struct Changes(pub Vec<Change>);

impl Changes {
    pub fn push(
        &mut self,
        class: Class,
        subject: impl Into<String>,
        what: impl Into<String>,
        anchor: Anchor,
    ) {
        self.0.push(Change {
            class,
            subject: subject.into(),
            what: what.into(),
            anchor,
            location: String::new(),
        });
    }
}

/// Every key of either map, in order, with its value on each side.
pub(crate) fn pairs<'a, T>(
    old: &'a BTreeMap<String, T>,
    new: &'a BTreeMap<String, T>,
) -> Vec<(&'a str, Option<&'a T>, Option<&'a T>)> {
    let mut keys: Vec<&str> = old.keys().chain(new.keys()).map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    keys.into_iter()
        .map(|k| (k, old.get(k), new.get(k)))
        .collect()
}
