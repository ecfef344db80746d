//! JSON documents of a text page: which lines open one, and reading one until its brackets
//! balance or the page clearly moves on (a table, an example, prose, the next `{ "Response"`
//! document); a one-line `[…]` that is not JSON is prose.

use super::super::http_example::{is_get_url_line, is_http_request_line};
use super::super::inline_markup::normalize_inline;
use super::super::json_brackets::BracketScanner;
use super::super::Block;
use super::lines::LineReader;
use crate::diagnostic::Location;
/// The line opens a JSON object or array (a `{`, or a `[` followed by what JSON allows).
pub(super) fn opens_json(line: &str) -> bool {
    line.starts_with('{') || line.starts_with('[')
}

/// The line starts a JSON document on its own: `{` then a key, `}` or nothing; `[` then a
/// value or nothing. `{template Name}` and `[Filter criteria]` are prose.
pub(super) fn starts_json_document(line: &str) -> bool {
    let (open, rest) = match line.chars().next() {
        Some(c @ ('{' | '[')) => (c, line[1..].trim_start()),
        _ => return false,
    };
    let Some(first) = rest.chars().next() else {
        return true;
    };
    match open {
        '{' => matches!(first, '"' | '}'),
        _ => {
            matches!(first, '"' | '{' | '[' | ']' | '-' | '0'..='9')
                || ["true", "false", "null"]
                    .iter()
                    .any(|w| rest.starts_with(w))
        }
    }
}

/// A line that cannot be part of a JSON document: a table, an example, a placeholder.
fn ends_json_document(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') || t.starts_with('<') || is_http_request_line(t) || is_get_url_line(t)
}

/// Prose: a line that starts with a letter and is no JSON literal.
fn is_prose(line: &str) -> bool {
    let t = line.trim();
    t.chars().next().is_some_and(|c| c.is_alphabetic())
        && !["true", "false", "null"].iter().any(|w| t.starts_with(w))
}

impl LineReader<'_> {
    /// A JSON document outside an example head; a one-line `[…]` that is not JSON is prose.
    pub(super) fn json_block(&mut self, is_response: bool) -> Block {
        let start = self.next;
        let first = &self.lines[start];
        let (text, location) = self.json_document();
        let one_line = self.next == start + 1;
        if one_line
            && !is_response
            && first.text.trim().starts_with('[')
            && serde_json::from_str::<serde_json::Value>(&text).is_err()
        {
            return Block::Paragraph {
                text: normalize_inline(first.text.trim()),
                location,
            };
        }
        Block::Code { text, location }
    }

    /// A prose line inside a document (a caption left in by translation) is part of it
    /// when JSON goes on after it; otherwise the page has moved on.
    fn prose_ends_document(&self, index: usize) -> bool {
        if !is_prose(self.lines[index].text) {
            return false;
        }
        let after = (index + 1..self.lines.len()).find(|&i| {
            let t = self.lines[i].text.trim();
            !t.is_empty() && !is_prose(t)
        });
        after.is_none_or(|i| ends_json_document(self.lines[i].text))
    }

    /// True when line `index` is `{` and the next non-blank line starts `"Response"`.
    pub(super) fn is_response_start(&self, index: usize) -> bool {
        let t = self.lines[index].text.trim();
        if t.starts_with("{\"Response\"") || t.starts_with("{ \"Response\"") {
            return true;
        }
        t == "{"
            && self
                .next_non_blank(index + 1)
                .is_some_and(|i| self.lines[i].text.trim().starts_with("\"Response\""))
    }

    /// Reads lines until the JSON brackets opened on the first line balance, or until the
    /// page clearly moves on (then the document is kept unclosed: its parse error will
    /// point at the line where it breaks).
    pub(super) fn json_document(&mut self) -> (String, Location) {
        let start = self.next;
        let location = self.location(&self.lines[start]);
        let mut scanner = BracketScanner::default();
        let mut text = String::new();
        while let Some(line) = self.peek() {
            if self.next > start
                && (ends_json_document(line.text)
                    || self.is_response_start(self.next)
                    || self.prose_ends_document(self.next))
            {
                break;
            }
            text.push_str(line.text.trim_end());
            text.push('\n');
            self.advance();
            scanner.feed(line.text);
            if scanner.balanced() {
                break;
            }
        }
        (text.trim_end().to_string(), location)
    }
}
