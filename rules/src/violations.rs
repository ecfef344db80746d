//! Violations of documented limits: each one, a request's all, and how paths are written.

use crate::kind::Kind;
use std::fmt;

/// One broken limit: where, which rule, what was there, and the doc phrase it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// What was broken, as data (the words are in `rule`).
    pub kind: Kind,
    /// `InstanceIds[200]`, `ScheduleSettings.Policy`.
    pub path: String,
    /// The rule, in words: "at most 200 items".
    pub rule: String,
    /// The offending value, shortened.
    pub value: String,
    /// The documentation phrase the rule comes from.
    pub source: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: must be {} (got {}; docs: \"{}\")",
            self.path, self.rule, self.value, self.source
        )
    }
}

/// All violations of one request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  - {v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Collects violations.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.0))
        }
    }

    pub fn push(&mut self, kind: Kind, path: String, rule: String, value: String, source: &str) {
        self.0.push(Violation {
            kind,
            path,
            rule,
            value,
            source: source.to_string(),
        });
    }
}

/// `parent.child`, or `child` at the top.
pub fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

/// `parent[i]`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// A value as a violation shows it: quoted, and cut after 64 characters.
pub fn shorten(s: &str) -> String {
    const MAX: usize = 64;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head:?}… ({} characters)", s.chars().count())
    }
}
