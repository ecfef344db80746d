//! Reader for the seed text format: one fact per line, pipe tables, HTTP examples.
//!
//! Layout rules:
//! - a line starting with `|` begins a table: header row, `|---|` separator, body rows;
//! - a line like `POST / HTTP/1.1` begins an HTTP example: header lines and
//!   `<placeholders>`, then an optional JSON body;
//! - a line starting with `{` or `[` begins a JSON document, read until its brackets balance;
//! - any other non-blank line is a paragraph of its own.

use super::inline_markup::normalize_inline;
use super::{Block, Page, Row, Table};
use crate::diagnostic::{Diagnostic, Location};

/// Reads a text page from raw bytes (so encoding problems are reported, not panicked on).
pub fn read_text_page(file: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let text = decode(file, bytes)?;
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return Err(Diagnostic::at(file, 1, "the page is empty; expected a Tencent Cloud API doc page"));
    }
    let mut reader = LineReader { file, lines: &lines, next: 0 };
    let mut blocks = Vec::new();
    while let Some((index, line)) = reader.peek() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            reader.advance();
        } else if trimmed.starts_with('|') {
            blocks.push(Block::Table(reader.table()?));
        } else if is_http_request_line(trimmed) {
            blocks.push(reader.http_example()?);
        } else if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let (text, location) = reader.json_document()?;
            blocks.push(Block::Code { text, location });
        } else {
            reader.advance();
            blocks.push(Block::Paragraph {
                text: normalize_inline(trimmed),
                location: Location::new(file, index + 1),
            });
        }
    }
    Ok(Page { file: file.to_string(), blocks })
}

/// Bytes to text, or an error naming the line of the first bad byte.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = line_of_offset(bytes, e.valid_up_to());
        Diagnostic::at(file, line, "the page is not valid UTF-8 text; expected a doc page saved as text")
    })?;
    if let Some(pos) = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        let line = line_of_offset(bytes, pos);
        return Err(Diagnostic::at(file, line, "the page contains binary control characters; expected plain text"));
    }
    Ok(text)
}

fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn is_http_request_line(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("POST" | "GET"), Some(path), Some(version), None)
            if path.starts_with('/') && version.starts_with("HTTP/")
    )
}

struct LineReader<'a> {
    file: &'a str,
    lines: &'a [&'a str],
    next: usize,
}

impl<'a> LineReader<'a> {
    fn peek(&self) -> Option<(usize, &'a str)> {
        self.lines.get(self.next).map(|l| (self.next, *l))
    }

    fn advance(&mut self) {
        self.next += 1;
    }

    fn location(&self, index: usize) -> Location {
        Location::new(self.file, index + 1)
    }

    fn error(&self, index: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.location(index), message)
    }

    fn table(&mut self) -> Result<Table, Diagnostic> {
        let start = self.next;
        let header = self.table_row(start)?;
        self.advance();
        if let Some(i) = self.next_non_blank(self.next) {
            self.next = i;
        }
        match self.peek() {
            Some((i, line)) if line.trim().starts_with('|') => {
                let separator = self.table_row(i)?;
                if !separator.iter().all(|c| is_separator_cell(c)) {
                    return Err(self.error(i, "expected the table separator row `|---|` under the header row"));
                }
                if separator.len() != header.len() {
                    return Err(self.error(
                        i,
                        format!("the separator row has {} columns; expected {} like the header", separator.len(), header.len()),
                    ));
                }
                self.advance();
            }
            _ => return Err(self.error(start, "table header is not followed by a `|---|` separator row (truncated table?)")),
        }
        let mut rows = Vec::new();
        // Blank lines inside a table are tolerated; a row followed by a separator
        // is the header of the next table (pages put tables back to back).
        while let Some(i) = self.next_non_blank(self.next) {
            if !self.lines[i].trim().starts_with('|') || self.starts_table(i) {
                break;
            }
            self.next = i;
            let cells = self.table_row(i)?;
            if cells.len() != header.len() {
                return Err(self.error(
                    i,
                    format!(
                        "table row has {} cells; expected {} ({})",
                        cells.len(),
                        header.len(),
                        header.join(" | ")
                    ),
                ));
            }
            rows.push(Row { location: self.location(i), cells });
            self.advance();
        }
        Ok(Table { location: self.location(start), header, rows })
    }

    fn next_non_blank(&self, from: usize) -> Option<usize> {
        (from..self.lines.len()).find(|&i| !self.lines[i].trim().is_empty())
    }

    /// True when line `index` is a table header: a pipe row whose next line is a separator.
    fn starts_table(&self, index: usize) -> bool {
        let Some(next) = self.next_non_blank(index + 1) else { return false };
        let next = self.lines[next].trim();
        next.starts_with('|')
            && next.contains('-')
            && next.trim_matches('|').split('|').all(is_separator_cell)
    }

    fn table_row(&self, index: usize) -> Result<Vec<String>, Diagnostic> {
        let line = self.lines[index].trim();
        let inner = line.strip_prefix('|').unwrap_or(line);
        let Some(inner) = strip_closing_pipe(inner) else {
            return Err(self.error(index, "table row does not end with `|` (truncated row?)"));
        };
        Ok(split_cells(inner).into_iter().map(|c| normalize_inline(&c)).collect())
    }

    fn http_example(&mut self) -> Result<Block, Diagnostic> {
        let start = self.next;
        let mut text = String::new();
        while let Some((_, line)) = self.peek() {
            let trimmed = line.trim();
            let is_head = self.next == start
                || trimmed.starts_with('<')
                || trimmed.split_once(':').is_some_and(|(name, _)| is_header_name(name));
            if !is_head {
                break;
            }
            text.push_str(trimmed);
            text.push('\n');
            self.advance();
        }
        // The body may follow after blank lines.
        while self.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
            self.advance();
        }
        if let Some((_, line)) = self.peek() {
            let trimmed = line.trim();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                let (body, _) = self.json_document()?;
                text.push_str(&body);
            }
        }
        Ok(Block::Code { text, location: self.location(start) })
    }

    /// Reads lines until the JSON brackets opened on the first line balance.
    fn json_document(&mut self) -> Result<(String, Location), Diagnostic> {
        let start = self.next;
        let mut scanner = BracketScanner::default();
        let mut text = String::new();
        while let Some((_, line)) = self.peek() {
            text.push_str(line.trim_end());
            text.push('\n');
            self.advance();
            scanner.feed(line);
            if scanner.balanced() {
                return Ok((text.trim_end().to_string(), self.location(start)));
            }
        }
        Err(self.error(start, "JSON document is not closed before the end of the page (missing `}` or `]`)"))
    }
}

fn strip_closing_pipe(s: &str) -> Option<&str> {
    let s = s.trim_end();
    let stripped = s.strip_suffix('|')?;
    // `\|` at the end is an escaped pipe inside the last cell, not a closing one.
    if stripped.ends_with('\\') {
        return None;
    }
    Some(stripped)
}

/// Splits the inside of a pipe row into cells (`\\|` is a literal pipe).
pub(crate) fn split_cells(inner: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut().expect("non-empty").push('|');
            }
            '|' => cells.push(String::new()),
            _ => cells.last_mut().expect("non-empty").push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

fn is_separator_cell(cell: &str) -> bool {
    let core = cell.trim().trim_start_matches(':').trim_end_matches(':');
    !core.is_empty() && core.chars().all(|c| c == '-')
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Tracks `{}`/`[]` depth outside JSON strings, across lines.
#[derive(Default)]
struct BracketScanner {
    depth: i64,
    in_string: bool,
    escaped: bool,
    started: bool,
}

impl BracketScanner {
    fn feed(&mut self, line: &str) {
        for c in line.chars() {
            if self.in_string {
                match (self.escaped, c) {
                    (true, _) => self.escaped = false,
                    (false, '\\') => self.escaped = true,
                    (false, '"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => {
                    self.depth += 1;
                    self.started = true;
                }
                '}' | ']' => self.depth -= 1,
                _ => {}
            }
        }
        // A string never spans lines in these pages; recover instead of swallowing the page.
        self.in_string = false;
        self.escaped = false;
    }

    fn balanced(&self) -> bool {
        self.started && self.depth <= 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Page, Diagnostic> {
        read_text_page("page.txt", s.as_bytes())
    }

    #[test]
    fn reads_tables_paragraphs_and_examples() {
        let page = read(
            "Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\nPOST / HTTP/1.1\nHost: x\n<Common request parameters>\n{\n\"A\": 1\n}\n{\"Response\": {}}\n",
        )
        .unwrap();
        assert_eq!(page.blocks.len(), 4);
        assert!(matches!(&page.blocks[0], Block::Paragraph { text, .. } if text == "Intro."));
        let Block::Table(t) = &page.blocks[1] else { panic!("table") };
        assert_eq!(t.rows[0].cells, vec!["1", "2"]);
        assert_eq!(t.rows[0].location.line, 4);
        let Block::Code { text, location } = &page.blocks[2] else { panic!("code") };
        assert!(text.starts_with("POST / HTTP/1.1\nHost: x\n<Common request parameters>\n{"));
        assert_eq!(location.line, 5);
        assert!(matches!(&page.blocks[3], Block::Code { text, .. } if text == "{\"Response\": {}}"));
    }

    #[test]
    fn escaped_pipes_stay_in_cells() {
        let page = read("| A | B |\n|---|---|\n| a \\| b | c |\n").unwrap();
        let Block::Table(t) = &page.blocks[0] else { panic!() };
        assert_eq!(t.rows[0].cells, vec!["a | b", "c"]);
    }

    #[test]
    fn crlf_bom_and_blank_lines_are_tolerated() {
        let crlf = read("\u{feff}Intro.\r\n\r\n\r\n| A | B |\r\n|---|---|\r\n\r\n| 1 | 2 |\r\n\r\n| 3 | 4 |\r\n").unwrap();
        let plain = read("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n").unwrap();
        assert_eq!(crlf.blocks.len(), 2);
        let (Block::Table(a), Block::Table(b)) = (&crlf.blocks[1], &plain.blocks[1]) else { panic!() };
        assert_eq!(a.header, b.header);
        assert_eq!(a.rows.iter().map(|r| &r.cells).collect::<Vec<_>>(), b.rows.iter().map(|r| &r.cells).collect::<Vec<_>>());
    }

    #[test]
    fn back_to_back_tables_split_at_the_next_header() {
        let page = read("| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n| X | Y |\n|---|---|\n| 4 | 5 |\n").unwrap();
        assert_eq!(page.blocks.len(), 2);
        let Block::Table(second) = &page.blocks[1] else { panic!() };
        assert_eq!(second.header, vec!["X", "Y"]);
        assert_eq!(second.location.line, 4);
    }

    #[test]
    fn malformed_pages_name_file_line_and_expectation() {
        let cases: &[(&str, &[u8], usize, &str)] = &[
            ("empty", b"", 1, "empty"),
            ("whitespace only", b"\n  \n", 1, "empty"),
            ("binary garbage", b"ok\n\x00\x01\x02", 2, "binary"),
            ("invalid utf-8", b"ok\nfine\n\xff\xfe", 3, "UTF-8"),
            ("missing separator", b"| A | B |\n| 1 | 2 |\n", 2, "separator"),
            ("header only, end of file", b"text\n| A | B |", 2, "separator"),
            ("wrong column count", b"| A | B |\n|---|---|\n| 1 | 2 | 3 |\n", 3, "expected 2"),
            ("too few cells", b"| A | B |\n|---|---|\n| 1 |\n", 3, "expected 2"),
            ("truncated row", b"| A | B |\n|---|---|\n| 1 | 2\n", 3, "does not end"),
            ("separator width", b"| A | B |\n|---|\n", 2, "separator row has 1"),
            ("unclosed json", b"{\n\"a\": [1,\n", 1, "not closed"),
            ("unclosed body", b"POST / HTTP/1.1\nHost: x\n{\n\"a\": 1\n", 3, "not closed"),
        ];
        for (name, input, line, expected) in cases {
            let err = read_text_page("bad.txt", input).expect_err(name);
            assert_eq!(err.location.line, *line, "{name}: {err}");
            assert_eq!(err.location.file, "bad.txt", "{name}");
            assert!(err.message.contains(expected), "{name}: {err}");
        }
    }
}
