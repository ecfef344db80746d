//! Reader for the seed text format: one fact per line, pipe tables, HTTP examples.
//!
//! Layout rules:
//! - a line starting with `|` begins a table: header row, `|---|` separator, body rows;
//! - a line like `POST / HTTP/1.1` begins an HTTP example: header lines, `&Name=value`
//!   lines and `<placeholders>`, then an optional JSON body; an example flattened onto
//!   one line (`POST / HTTP/1.1Host: …X-TC-Action: …`) is split back into its lines;
//! - a line like `https://svc.tencentcloudapi.com/?Action=X` begins a GET-form example:
//!   `&Name=value` lines and `<placeholders>`;
//! - a line that opens a JSON value (`{"`, `{`, `[{`, `["`, `[1`…) begins a JSON document,
//!   read until its brackets balance or the page clearly moves on (a table, an example, prose,
//!   the next `{ "Response"` document); a one-line `[…]` that is not JSON is prose
//!   (`[Filter criteria] …`);
//! - any other non-blank line is a paragraph of its own.
//!
//! Nothing in a page stops the reader: a malformed table row or a JSON document that never
//! closes is kept as well as it can be and reported as a warning at its line.

mod example;
mod json_document;
mod lines;
mod table;

use super::cut_off::cut_off_table;
use super::decode::decode;
use super::http_example::{is_get_url_line, is_http_request_line};
use super::inline_markup::normalize_inline;
use super::links::links_in;
use super::split_lines::logical_lines;
use super::{Block, Page};
use crate::diagnostic::Diagnostic;
use json_document::{opens_json, starts_json_document};
use lines::LineReader;

/// Reads a text page from raw bytes. Only an empty page is an error.
pub fn read_text_page(file: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let decoded = decode(file, bytes)?;
    let lines = logical_lines(&decoded.text);
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err(Diagnostic::at(
            file,
            1,
            "the page is empty; expected a Tencent Cloud API doc page",
        ));
    }
    let mut reader = LineReader {
        file,
        lines: &lines,
        next: 0,
        warnings: decoded.warnings,
    };
    let mut blocks: Vec<Block> = Vec::new();
    let mut links = Vec::new();
    // The JSON right after an HTTP example is its response, whatever it looks like.
    let mut after_example = false;
    while let Some(line) = reader.peek() {
        let trimmed = line.text.trim();
        let was_after_example = std::mem::take(&mut after_example);
        if trimmed.is_empty() {
            reader.advance();
            after_example = was_after_example;
        } else if trimmed.starts_with('|') {
            if let Some(block) = reader.table() {
                blocks.push(block);
            }
        } else if is_http_request_line(trimmed) || is_get_url_line(trimmed) {
            blocks.push(reader.example());
            after_example = true;
        } else if was_after_example && opens_json(trimmed) || starts_json_document(trimmed) {
            blocks.push(reader.json_block(was_after_example));
        } else {
            reader.advance();
            let location = reader.location(line);
            links.extend(links_in(trimmed, &location));
            blocks.push(Block::Paragraph {
                text: normalize_inline(trimmed),
                location,
            });
        }
    }
    let warnings = reader.warnings;
    Ok(Page {
        file: file.to_string(),
        blocks,
        warnings,
        errors: cut_off_table(file, &decoded.text).into_iter().collect(),
        links,
    })
}

#[cfg(test)]
mod tests;
