//! What the emulator saw, per action: tests observe retries, rate limiting and
//! duplicate creations from the server side.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

/// The one name requests for actions the service does not have are counted under.
pub const OTHER_ACTIONS: &str = "(other actions)";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionStats {
    /// Requests that named this action, whatever became of them (faults included).
    pub received: u64,
    /// Requests answered with a success envelope.
    pub succeeded: u64,
    /// Error envelopes, by code.
    pub errors: BTreeMap<String, u64>,
}

#[derive(Debug, Default)]
pub struct Stats {
    by_action: Mutex<HashMap<String, ActionStats>>,
}

impl Stats {
    fn with(&self, action: &str, f: impl FnOnce(&mut ActionStats)) {
        let mut map = self.by_action.lock().unwrap_or_else(|p| p.into_inner());
        f(map.entry(action.to_string()).or_default());
    }

    pub fn received(&self, action: &str) {
        self.with(action, |s| s.received += 1);
    }

    pub fn succeeded(&self, action: &str) {
        self.with(action, |s| s.succeeded += 1);
    }

    pub fn failed(&self, action: &str, code: &str) {
        self.with(action, |s| {
            *s.errors.entry(code.to_string()).or_default() += 1
        });
    }

    /// A copy of one action's counters (all zero if never seen).
    pub fn action(&self, action: &str) -> ActionStats {
        self.by_action
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(action)
            .cloned()
            .unwrap_or_default()
    }

    /// How many names are counted (the service's actions, and one for all others).
    pub fn names(&self) -> usize {
        self.by_action
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }

    pub fn reset(&self) {
        self.by_action
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
    }
}
