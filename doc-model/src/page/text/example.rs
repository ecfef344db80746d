//! HTTP examples of a text page: the request line or GET-form URL, its head lines (headers,
//! `&Name=value` lines, `<placeholders>`), then a POST example's JSON body. What the
//! request says is read later, once (`page/example_request.rs`).

use super::super::http_example::{is_get_url_line, is_header_name};
use super::super::Block;
use super::json_document::opens_json;
use super::lines::LineReader;

impl LineReader<'_> {
    /// An HTTP or GET-form example: its head lines, then (POST) the JSON body.
    pub(super) fn example(&mut self) -> Block {
        let first = &self.lines[self.next];
        let location = self.location(first);
        let is_get_form = is_get_url_line(first.text.trim());
        let mut text = String::new();
        text.push_str(first.text.trim());
        text.push('\n');
        self.advance();
        while let Some(line) = self.peek() {
            let trimmed = line.text.trim();
            let is_head = is_head_line(trimmed, is_get_form);
            if trimmed.is_empty()
                && self
                    .next_non_blank(self.next)
                    .is_some_and(|i| is_head_line(self.lines[i].text.trim(), is_get_form))
            {
                self.advance();
                continue;
            }
            if !is_head {
                break;
            }
            text.push_str(trimmed);
            text.push('\n');
            self.advance();
        }
        if !is_get_form {
            // The body may follow after blank lines; a `{"Response"` document is the answer.
            if let Some(i) = self.next_non_blank(self.next) {
                let trimmed = self.lines[i].text.trim();
                if opens_json(trimmed) && !self.is_response_start(i) {
                    self.next = i;
                    let (body, _) = self.json_document();
                    text.push_str(&body);
                }
            }
        }
        Block::Code {
            text: text.trim_end().to_string(),
            location,
        }
    }
}

/// A line of an example's head: a placeholder, a `&Name=value` line or (POST) a header.
fn is_head_line(trimmed: &str, is_get_form: bool) -> bool {
    trimmed.starts_with('<')
        || trimmed.starts_with('&')
        || (!is_get_form
            && trimmed
                .split_once(':')
                .is_some_and(|(name, _)| is_header_name(name)))
}
