//! The format-neutral page model: what every reader (text, Markdown, HTML) produces.
//!
//! A page is a flat sequence of blocks in reading order. Readers keep no semantics:
//! deciding that a table holds request parameters is the IR stage's job.

pub mod cut_off;
pub mod decode;
pub mod example_request;
pub mod html;
pub(crate) mod http_example;
pub mod inline_markup;
pub(crate) mod json_brackets;
pub(crate) mod links;
pub mod markdown;
pub mod split_lines;
pub(crate) mod table_cells;
pub mod text;

use crate::diagnostic::{Diagnostic, Location};

#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub file: String,
    pub blocks: Vec<Block>,
    /// What the reader had to repair (stray bytes, malformed rows…), each at its place.
    pub warnings: Vec<Diagnostic>,
    /// Damage that generating from this page would publish as a broken API (a page cut off
    /// inside a table, bytes that are not text): errors of the service.
    pub errors: Vec<Diagnostic>,
    /// Where the page links to, in reading order (the text of a link is in its block).
    pub links: Vec<Link>,
}

/// A link's target and where the page gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub url: String,
    pub location: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading (Markdown/HTML only; the seed text has none).
    Heading {
        level: u8,
        text: String,
        location: Location,
    },
    /// One paragraph of prose, whitespace-normalised.
    Paragraph {
        text: String,
        location: Location,
    },
    Table(Table),
    /// Verbatim text: an HTTP request with its body, or a JSON document.
    Code {
        text: String,
        location: Location,
    },
}

impl Block {
    pub fn location(&self) -> &Location {
        match self {
            Block::Heading { location, .. }
            | Block::Paragraph { location, .. }
            | Block::Code { location, .. } => location,
            Block::Table(t) => &t.location,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub location: Location,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub location: Location,
    pub cells: Vec<String>,
}

impl Table {
    /// Index of the column whose header equals `name` (case-insensitive).
    pub fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }
}

/// Collapses runs of whitespace to one space and trims, the normal form of all prose.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
