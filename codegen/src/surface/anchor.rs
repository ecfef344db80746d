//! What a surface item is in the doc model, and where its page says it: changes found on
//! surfaces are located through their anchors (lines move, so surfaces keep none).

use doc_model::diagnostic::Location;
use std::collections::BTreeMap;

/// Whose member a field is, by wire names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Request(String),
    Response(String),
    Struct(String),
}

/// One item of the doc model, by wire names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    Service,
    Action(String),
    Member(Scope, String),
    Struct(String),
    /// An action's error code, or a common one (`None`).
    Code(Option<String>, String),
    /// By Rust name: where its values are first listed.
    Enum(String),
    Waiter(String),
    /// A Cargo feature of the crate: of the generator, not of a page.
    Feature(String),
}

/// Where each item is documented.
#[derive(Debug, Clone, Default)]
pub struct Locations(pub BTreeMap<Anchor, Location>);

impl Locations {
    pub fn get(&self, anchor: &Anchor) -> Option<&Location> {
        self.0.get(anchor)
    }
}
