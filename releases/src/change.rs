//! One change between two surfaces, classified ([`Class`]), located on the pages, and the
//! report of them all.

pub use crate::class::Class;
use crate::version::Version;
use codegen::surface::{Anchor, Locations};
use std::fmt;

/// One change: its class, what it is about, and where the new page says it (or where the
/// old page said what is gone; empty when unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    pub subject: String,
    pub what: String,
    pub anchor: Anchor,
    pub location: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let class = self.class.to_string();
        write!(f, "{class:<13} {}: {}", self.subject, self.what)?;
        if !self.location.is_empty() {
            write!(f, " ({})", self.location)?;
        }
        Ok(())
    }
}

/// Every change, breaking ones first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The strongest class, `None` when nothing changed.
    pub fn class(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// "2 breaking, 1 additive, 0 documentation: breaking (0.1.0 → 0.2.0)".
    pub fn summary(&self, from: Version) -> String {
        let counts = format!(
            "{} breaking, {} additive, {} documentation",
            self.count(Class::Breaking),
            self.count(Class::Additive),
            self.count(Class::Documentation)
        );
        match self.class() {
            None => "no changes".to_string(),
            Some(class) => format!("{counts}: {class} ({from} → {})", from.bumped(class)),
        }
    }

    /// Each change's location: on the new pages, else (`was …`) on the old ones.
    pub fn locate(&mut self, old: Option<&Locations>, new: &Locations) {
        for c in &mut self.changes {
            c.location = match (new.get(&c.anchor), old.and_then(|o| o.get(&c.anchor))) {
                (Some(at), _) => at.to_string(),
                (None, Some(was)) => format!("was {was}"),
                (None, None) => String::new(),
            };
        }
    }
}
