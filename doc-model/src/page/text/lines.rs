//! The text reader's cursor over a page's logical lines: where it is, each line's place
//! on the page, and the warnings it collects.

use super::super::split_lines::Line;
use crate::diagnostic::{Diagnostic, Location};

pub(super) struct LineReader<'a> {
    pub(super) file: &'a str,
    pub(super) lines: &'a [Line<'a>],
    pub(super) next: usize,
    pub(super) warnings: Vec<Diagnostic>,
}

impl<'a> LineReader<'a> {
    pub(super) fn peek(&self) -> Option<&'a Line<'a>> {
        self.lines.get(self.next)
    }

    pub(super) fn advance(&mut self) {
        self.next += 1;
    }

    pub(super) fn location(&self, line: &Line<'_>) -> Location {
        let at = Location::new(self.file, line.number);
        if line.column > 1 {
            at.with_column(line.column)
        } else {
            at
        }
    }

    pub(super) fn warn(&mut self, line: &Line<'_>, message: impl Into<String>) {
        let location = self.location(line);
        self.warnings.push(Diagnostic::new(location, message));
    }

    pub(super) fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].text.trim().is_empty())
    }
}
