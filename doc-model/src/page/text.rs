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

use super::cut_off::cut_off_table;
use super::decode::decode;
use super::http_example::{is_get_url_line, is_header_name, is_http_request_line};
use super::inline_markup::normalize_inline;
use super::json_brackets::BracketScanner;
use super::links::links_in;
use super::split_lines::{logical_lines, Line};
use super::table_cells::{fit_cells, is_separator_line, split_row};
use super::{Block, Page, Row, Table};
use crate::diagnostic::{Diagnostic, Location};

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

/// The line opens a JSON object or array (a `{`, or a `[` followed by what JSON allows).
fn opens_json(line: &str) -> bool {
    line.starts_with('{') || line.starts_with('[')
}

/// The line starts a JSON document on its own: `{` then a key, `}` or nothing; `[` then a
/// value or nothing. `{template Name}` and `[Filter criteria]` are prose.
fn starts_json_document(line: &str) -> bool {
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

struct LineReader<'a> {
    file: &'a str,
    lines: &'a [Line<'a>],
    next: usize,
    warnings: Vec<Diagnostic>,
}

impl<'a> LineReader<'a> {
    fn peek(&self) -> Option<&'a Line<'a>> {
        self.lines.get(self.next)
    }

    fn advance(&mut self) {
        self.next += 1;
    }

    fn location(&self, line: &Line<'_>) -> Location {
        let at = Location::new(self.file, line.number);
        if line.column > 1 {
            at.with_column(line.column)
        } else {
            at
        }
    }

    fn warn(&mut self, line: &Line<'_>, message: impl Into<String>) {
        let location = self.location(line);
        self.warnings.push(Diagnostic::new(location, message));
    }

    fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].text.trim().is_empty())
    }

    /// A table, or `None` when the pipe line turned out not to start one (kept as prose).
    fn table(&mut self) -> Option<Block> {
        let start = self.next;
        let first = &self.lines[start];
        let header = self.table_row(first);
        self.advance();
        let separator_at = self
            .next_non_blank(self.next)
            .filter(|&i| is_separator_line(self.lines[i].text));
        match separator_at {
            Some(i) => {
                let separator = split_row(self.lines[i].text).0;
                if separator.len() != header.len() {
                    let message =
                        format!("the separator row has {} columns; expected {} like the header (read as {})", separator.len(), header.len(), header.len());
                    self.warn(&self.lines[i], message);
                }
                self.next = i + 1;
            }
            None if self
                .next_non_blank(self.next)
                .is_some_and(|i| self.lines[i].text.trim().starts_with('|')) =>
            {
                self.warn(first, "table header is not followed by a `|---|` separator row; read the rows after it as the table");
            }
            None => {
                self.warn(
                    first,
                    "a lone table row without a `|---|` separator; kept as a paragraph",
                );
                return Some(Block::Paragraph {
                    text: normalize_inline(first.text.trim()),
                    location: self.location(first),
                });
            }
        }
        let mut rows = Vec::new();
        // Blank lines inside a table are tolerated; a row followed by a separator
        // is the header of the next table (pages put tables back to back).
        while let Some(i) = self.next_non_blank(self.next) {
            if !self.lines[i].text.trim().starts_with('|') || self.starts_table(i) {
                break;
            }
            self.next = i;
            let line = &self.lines[i];
            let mut cells = self.table_row(line);
            if cells.len() != header.len() {
                let message = format!(
                    "table row has {} cells; expected {} ({}); {}",
                    cells.len(),
                    header.len(),
                    header.join(" | "),
                    if cells.len() > header.len() {
                        "the extra cells were joined into the last column"
                    } else {
                        "the missing cells were left empty"
                    }
                );
                self.warn(line, message);
                fit_cells(&mut cells, header.len());
            }
            rows.push(Row {
                location: self.location(line),
                cells,
            });
            self.advance();
        }
        Some(Block::Table(Table {
            location: self.location(first),
            header,
            rows,
        }))
    }

    /// True when line `index` is a table header: a pipe row whose next line is a separator.
    fn starts_table(&self, index: usize) -> bool {
        self.next_non_blank(index + 1)
            .is_some_and(|next| is_separator_line(self.lines[next].text))
    }

    fn table_row(&mut self, line: &Line<'_>) -> Vec<String> {
        let (cells, closed) = split_row(line.text);
        if !closed {
            self.warn(
                line,
                "table row does not end with `|` (truncated row?); read up to the end of the line",
            );
        }
        cells.into_iter().map(|c| normalize_inline(&c)).collect()
    }

    /// An HTTP or GET-form example: its head lines, then (POST) the JSON body.
    fn example(&mut self) -> Block {
        let first = &self.lines[self.next];
        let location = self.location(first);
        let is_get_form = is_get_url_line(first.text.trim());
        let mut text = String::new();
        text.push_str(first.text.trim());
        text.push('\n');
        self.advance();
        while let Some(line) = self.peek() {
            let trimmed = line.text.trim();
            let is_head = trimmed.starts_with('<')
                || trimmed.starts_with('&')
                || (!is_get_form
                    && trimmed
                        .split_once(':')
                        .is_some_and(|(name, _)| is_header_name(name)));
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

    /// A JSON document outside an example head; a one-line `[…]` that is not JSON is prose.
    fn json_block(&mut self, is_response: bool) -> Block {
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
    fn is_response_start(&self, index: usize) -> bool {
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
    fn json_document(&mut self) -> (String, Location) {
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

fn is_head_line(trimmed: &str, is_get_form: bool) -> bool {
    trimmed.starts_with('<')
        || trimmed.starts_with('&')
        || (!is_get_form
            && trimmed
                .split_once(':')
                .is_some_and(|(name, _)| is_header_name(name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Page {
        read_text_page("page.txt", s.as_bytes()).expect("readable")
    }

    fn kinds(page: &Page) -> Vec<String> {
        page.blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => format!("H {text}"),
                Block::Paragraph { text, location } => format!("P{} {text}", location.line),
                Block::Table(t) => format!(
                    "T{} {}",
                    t.location.line,
                    t.rows
                        .iter()
                        .map(|r| r.cells.join(","))
                        .collect::<Vec<_>>()
                        .join(";")
                ),
                Block::Code { text, location } => {
                    format!("C{} {}", location.line, text.replace('\n', "⏎"))
                }
            })
            .collect()
    }

    fn warnings(page: &Page) -> Vec<String> {
        page.warnings.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn reads_tables_paragraphs_and_examples() {
        let page = read("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\nPOST / HTTP/1.1\nHost: x\n<Common request parameters>\n{\n\"A\": 1\n}\n{\"Response\": {}}\n");
        assert_eq!(
            kinds(&page),
            [
                "P1 Intro.",
                "T2 1,2",
                "C5 POST / HTTP/1.1⏎Host: x⏎<Common request parameters>⏎{⏎\"A\": 1⏎}",
                "C11 {\"Response\": {}}"
            ]
        );
        let Block::Table(t) = &page.blocks[1] else {
            panic!("table")
        };
        assert_eq!(t.rows[0].location.line, 4);
        assert!(page.warnings.is_empty());
    }

    #[test]
    fn escaped_pipes_stay_in_cells() {
        let page = read("| A | B |\n|---|---|\n| a \\| b | c |\n");
        let Block::Table(t) = &page.blocks[0] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells, vec!["a | b", "c"]);
    }

    #[test]
    fn crlf_bom_and_blank_lines_are_tolerated() {
        let crlf = read("\u{feff}Intro.\r\n\r\n\r\n| A | B |\r\n|---|---|\r\n\r\n| 1 | 2 |\r\n\r\n| 3 | 4 |\r\n");
        let plain = read("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n");
        assert_eq!(crlf.blocks.len(), 2);
        let (Block::Table(a), Block::Table(b)) = (&crlf.blocks[1], &plain.blocks[1]) else {
            panic!()
        };
        assert_eq!(a.header, b.header);
        assert_eq!(
            a.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(),
            b.rows.iter().map(|r| &r.cells).collect::<Vec<_>>()
        );
    }

    #[test]
    fn back_to_back_tables_split_at_the_next_header() {
        let page =
            read("| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n| X | Y |\n|---|---|\n| 4 | 5 |\n");
        assert_eq!(page.blocks.len(), 2);
        let Block::Table(second) = &page.blocks[1] else {
            panic!()
        };
        assert_eq!(second.header, vec!["X", "Y"]);
        assert_eq!(second.location.line, 4);
    }

    #[test]
    fn only_an_empty_page_is_an_error() {
        for input in [&b""[..], b"\n  \n", b"\xef\xbb\xbf"] {
            let err = read_text_page("bad.txt", input).expect_err("empty");
            assert_eq!(
                err.to_string(),
                "bad.txt:1: the page is empty; expected a Tencent Cloud API doc page"
            );
        }
    }

    #[test]
    fn malformed_tables_are_repaired_and_located() {
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "wide row",
                "| A | B |\n|---|---|\n| 1 | 2 | 3 |\n",
                "T1 1,2 | 3",
                "page.txt:3: table row has 3 cells; expected 2",
            ),
            (
                "narrow row",
                "| A | B |\n|---|---|\n| 1 |\n",
                "T1 1,",
                "page.txt:3: table row has 1 cells",
            ),
            (
                "truncated row",
                "| A | B |\n|---|---|\n| 1 | 2\n",
                "T1 1,2",
                "page.txt:3: table row does not end",
            ),
            (
                "separator width",
                "| A | B |\n|---|\n| 1 | 2 |\n",
                "T1 1,2",
                "page.txt:2: the separator row has 1 columns",
            ),
            (
                "no separator",
                "| A | B |\n| 1 | 2 |\n",
                "T1 1,2",
                "page.txt:1: table header is not followed",
            ),
            (
                "lone row",
                "text\n| A | B |",
                "P2 | A | B |",
                "page.txt:2: a lone table row",
            ),
        ];
        for (name, input, block, warning) in cases {
            let page = read(input);
            assert!(
                kinds(&page).iter().any(|k| k == block),
                "{name}: {:?}",
                kinds(&page)
            );
            assert!(
                warnings(&page).iter().any(|w| w.starts_with(warning)),
                "{name}: {:?}",
                warnings(&page)
            );
        }
    }

    #[test]
    fn bracket_lines_that_are_not_json_are_prose() {
        let page = read("[Filter criteria] {template Name, ...}\n{template Name} is a name.\n[Cloud security alarm] Visualized data.\n[1] A note.\n[\"a\", \"b\"]\n| A | B |\n|---|---|\n");
        assert_eq!(
            kinds(&page),
            [
                "P1 [Filter criteria] {template Name, ...}",
                "P2 {template Name} is a name.",
                "P3 [Cloud security alarm] Visualized data.",
                "P4 [1] A note.",
                "C5 [\"a\", \"b\"]",
                "T6 ",
            ]
        );
    }

    #[test]
    fn unclosed_json_stops_where_the_page_moves_on() {
        // The request body is cut off; the response document still stands on its own.
        let page = read("POST / HTTP/1.1\nHost: x\n{\n\"InstanceId\": \"\n{\n\"Response\": {\n\"RequestId\": \"r\"\n}\n}\nThe next sentence.\n");
        assert_eq!(
            kinds(&page),
            [
                "C1 POST / HTTP/1.1⏎Host: x⏎{⏎\"InstanceId\": \"",
                "C5 {⏎\"Response\": {⏎\"RequestId\": \"r\"⏎}⏎}",
                "P10 The next sentence."
            ]
        );
        // An object never closed inside an array: the table after it is still a table.
        let page = read("{\n\"Response\": {\n\"List\": [\n{\n\"A\": 1\n]\n| Error Code | Description |\n|---|---|\n| E | e |\n");
        assert_eq!(kinds(&page)[1], "T7 E,e");
        // A caption inside a document, with JSON after it, stays in the document.
        let page = read("{\n\"A\": [\n1\n],\nAverage request volume\n\"B\": 2\n}\nAfter.\n");
        assert_eq!(
            kinds(&page),
            [
                "C1 {⏎\"A\": [⏎1⏎],⏎Average request volume⏎\"B\": 2⏎}",
                "P8 After."
            ]
        );
    }

    #[test]
    fn flattened_examples_are_split_back_into_lines() {
        let page = read("POST / HTTP/1.1Host: dts.tencentcloudapi.comContent-Type: application/jsonX-TC-Action: CreateX\n<Common request parameters>\n{\"A\": 1}\n{\"Response\": {\"RequestId\": \"r\"}}\n");
        assert_eq!(
            kinds(&page),
            [
                "C1 POST / HTTP/1.1⏎Host: dts.tencentcloudapi.com⏎Content-Type: application/json⏎X-TC-Action: CreateX⏎<Common request parameters>⏎{\"A\": 1}",
                "C4 {\"Response\": {\"RequestId\": \"r\"}}"
            ]
        );
        let one_line = read("POST / HTTP/1.1Host: xX-TC-Action: CreateX<Common request parameters>{\"A\": [1]}{\"Response\": {\"RequestId\": \"r\"}}\n");
        assert_eq!(
            kinds(&one_line),
            ["C1 POST / HTTP/1.1⏎Host: x⏎X-TC-Action: CreateX⏎<Common request parameters>⏎{\"A\": [1]}", "C1 {\"Response\": {\"RequestId\": \"r\"}}"]
        );
        assert!(one_line.warnings.is_empty(), "{:?}", one_line.warnings);
    }

    #[test]
    fn get_form_examples_keep_their_parameter_lines() {
        let page = read("Example title.\nhttps://cvm.tencentcloudapi.com/?Action=DescribeX\n&InstanceIds.0=ins-1\n&Filters.0.Name=zone\n&\n<Common request parameters>\n{\n\"Response\": {\"RequestId\": \"r\"}\n}\n");
        assert_eq!(
            kinds(&page),
            [
                "P1 Example title.",
                "C2 https://cvm.tencentcloudapi.com/?Action=DescribeX⏎&InstanceIds.0=ins-1⏎&Filters.0.Name=zone⏎&⏎<Common request parameters>",
                "C7 {⏎\"Response\": {\"RequestId\": \"r\"}⏎}",
            ]
        );
    }

    #[test]
    fn a_post_example_without_body_leaves_the_response_alone() {
        let page = read("POST / HTTP/1.1\nHost: x\n<Common request parameters>\n{\n\"Response\": {\"RequestId\": \"r\"}\n}\n");
        assert_eq!(kinds(&page).len(), 2, "{:?}", kinds(&page));
    }
}
