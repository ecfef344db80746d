//! Where a fact came from, and what went wrong there.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A position in a doc drop: a file and a 1-based line, or (for HTML) a path to an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    /// 1-based column (in characters), where pointing inside the line helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// For HTML pages: the element path (`body > table[2] > tbody > tr[3]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
}

impl Location {
    pub fn new(file: impl Into<String>, line: usize) -> Self {
        Location {
            file: file.into(),
            line,
            column: None,
            element: None,
        }
    }

    pub fn with_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)?;
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        if let Some(path) = &self.element {
            write!(f, " ({path})")?;
        }
        Ok(())
    }
}

/// A problem in a doc drop. Fatal ones stop the pipeline; warnings are reported and kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Diagnostic {
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            message: message.into(),
        }
    }

    pub fn at(file: &str, line: usize, message: impl Into<String>) -> Self {
        Diagnostic::new(Location::new(file, line), message)
    }
}

/// Every fatal problem found in a service directory, so a maintainer fixes them in one pass.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct DocErrors(pub Vec<Diagnostic>);

impl fmt::Display for DocErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl From<Diagnostic> for DocErrors {
    fn from(d: Diagnostic) -> Self {
        DocErrors(vec![d])
    }
}
