//! Reader for Markdown doc pages (pulldown-cmark) into the shared page model.
//!
//! Normalisation (the same facts as the text format): links become their text, code
//! spans keep their backticks, inline HTML goes through `inline_markup`, soft and hard breaks
//! become spaces, each item of a list outside tables becomes a paragraph `- item`, fenced
//! and indented code blocks become code blocks. Table rows are checked against the header
//! width on their source line, since Markdown itself pads or cuts rows silently.

use super::cut_off::cut_off_table;
use super::decode::decode;
use super::inline_markup::normalize_inline;
use super::table_cells::{fit_cells, split_row};
use super::{Block, Link, Page, Row, Table};
use crate::diagnostic::{Diagnostic, Location};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

pub fn read_markdown_page(file: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let decoded = decode(file, bytes)?;
    let text = decoded.text.as_ref();
    if text.trim().is_empty() {
        return Err(Diagnostic::at(
            file,
            1,
            "the page is empty; expected a Tencent Cloud API doc page",
        ));
    }
    let lines = LineIndex::new(text);
    let mut reader = Reader {
        file,
        text,
        lines: &lines,
        blocks: Vec::new(),
        buf: String::new(),
        start: 0,
        item_depth: 0,
        table: None,
        row: None,
        repaired_row: None,
        warnings: decoded.warnings,
        links: Vec::new(),
    };
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        reader.event(event, range.start);
    }
    Ok(Page {
        file: file.to_string(),
        blocks: reader.blocks,
        warnings: reader.warnings,
        errors: cut_off_table(file, text).into_iter().collect(),
        links: reader.links,
    })
}

/// Byte offset → 1-based line.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    blocks: Vec<Block>,
    /// Text of the block being read.
    buf: String,
    start: usize,
    item_depth: usize,
    table: Option<Table>,
    row: Option<(Location, Vec<String>)>,
    /// The current row re-read from its source line, when Markdown padded or cut it.
    repaired_row: Option<Vec<String>>,
    warnings: Vec<Diagnostic>,
    links: Vec<Link>,
}

impl Reader<'_> {
    fn location(&self, offset: usize) -> Location {
        Location::new(self.file, self.lines.line(offset))
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.buf.push_str(&t),
            // Code spans keep their backticks: the text drops show them that way.
            Event::Code(t) => {
                self.buf.push('`');
                self.buf.push_str(&t);
                self.buf.push('`');
            }
            Event::InlineHtml(t) | Event::Html(t) => {
                if t.trim_start().starts_with("<br") {
                    self.buf.push(' ');
                } else {
                    self.buf.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.buf.push(' '),
            Event::Rule
            | Event::TaskListMarker(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Heading { .. } | Tag::Paragraph | Tag::CodeBlock(_)
                if self.item_depth == 0 && self.row.is_none() =>
            {
                self.buf.clear();
                self.start = offset;
            }
            Tag::Item => {
                if self.item_depth == 0 {
                    self.buf.clear();
                    self.start = offset;
                } else {
                    self.buf.push_str(" - ");
                }
                self.item_depth += 1;
            }
            Tag::Table(_) => {
                self.table = Some(Table {
                    location: self.location(offset),
                    header: Vec::new(),
                    rows: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                self.repaired_row = self.repair_row_width(offset);
                self.row = Some((self.location(offset), Vec::new()));
            }
            Tag::TableCell => self.buf.clear(),
            Tag::Link { dest_url, .. } => self.links.push(Link {
                url: dest_url.to_string(),
                location: self.location(offset),
            }),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        let location = self.location(self.start);
        match tag {
            TagEnd::Heading(level) if self.item_depth == 0 && self.row.is_none() => {
                let text = normalize_inline(&self.buf);
                self.blocks.push(Block::Heading {
                    level: level as u8,
                    text,
                    location,
                });
            }
            TagEnd::Paragraph if self.item_depth == 0 && self.row.is_none() => {
                let text = normalize_inline(&self.buf);
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph { text, location });
                }
            }
            TagEnd::Paragraph => self.buf.push(' '),
            TagEnd::CodeBlock if self.item_depth == 0 => {
                // The code starts on the line after the fence.
                let fenced = self.text[self.start..].starts_with("```")
                    || self.text[self.start..].starts_with("~~~");
                let location = Location {
                    line: location.line + usize::from(fenced),
                    ..location
                };
                let code = self.buf.trim_end_matches('\n').to_string();
                self.blocks.push(Block::Code {
                    text: code,
                    location,
                });
            }
            TagEnd::Item => {
                self.item_depth = self.item_depth.saturating_sub(1);
                if self.item_depth == 0 {
                    let text = normalize_inline(&self.buf);
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph {
                            text: format!("- {text}"),
                            location,
                        });
                    }
                }
            }
            TagEnd::TableCell => {
                let cell = normalize_inline(&self.buf);
                if let Some((_, cells)) = self.row.as_mut() {
                    cells.push(cell);
                }
            }
            TagEnd::TableHead => {
                if let (Some(table), Some((_, cells))) = (self.table.as_mut(), self.row.take()) {
                    table.header = cells;
                }
            }
            TagEnd::TableRow => {
                if let (Some(table), Some((location, cells))) =
                    (self.table.as_mut(), self.row.take())
                {
                    let cells = self.repaired_row.take().unwrap_or(cells);
                    table.rows.push(Row { location, cells });
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.blocks.push(Block::Table(table));
                }
            }
            _ => {}
        }
    }

    /// Markdown pads short rows and cuts long ones silently. When the page's own row has
    /// another width than the header, it is re-read from its source line (extra cells
    /// joined into the last column, missing ones empty) and reported.
    fn repair_row_width(&mut self, offset: usize) -> Option<Vec<String>> {
        let table = self.table.as_ref()?;
        if table.header.is_empty() {
            return None;
        }
        let line = self.text[offset..].lines().next().unwrap_or_default();
        let (cells, _) = split_row(line);
        if cells.len() == table.header.len() {
            return None;
        }
        let message = format!(
            "table row has {} cells; expected {} ({}); repaired",
            cells.len(),
            table.header.len(),
            table.header.join(" | ")
        );
        let width = table.header.len();
        self.warnings
            .push(Diagnostic::at(self.file, self.lines.line(offset), message));
        let mut cells: Vec<String> = cells.iter().map(|c| inline_text(c)).collect();
        fit_cells(&mut cells, width);
        Some(cells)
    }
}

/// A cell re-read from its source line, rendered as the reader renders cells: links become
/// their text (`[Filter](/document/…)` → `Filter`), code spans keep their backticks.
fn inline_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) => out.push_str(&t),
            Event::Code(t) => {
                out.push('`');
                out.push_str(&t);
                out.push('`');
            }
            Event::InlineHtml(t) | Event::Html(t) if t.trim_start().starts_with("<br") => {
                out.push(' ')
            }
            Event::InlineHtml(t) | Event::Html(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    normalize_inline(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Page, Diagnostic> {
        read_markdown_page("page.md", s.as_bytes())
    }

    #[test]
    fn a_repaired_row_renders_its_links() {
        let page = read("| Name | Required | Type | Description |\n|---|---|---|---|\n| Filter | No | [Filter](/document/api/583/17244#Filter) | | Log `filters`. |\n").unwrap();
        let Block::Table(table) = &page.blocks[0] else {
            panic!("{:?}", page.blocks)
        };
        assert_eq!(table.rows[0].cells[2], "Filter");
        assert!(
            table.rows[0].cells[3].contains("Log `filters`."),
            "{:?}",
            table.rows[0].cells
        );
    }

    #[test]
    fn reads_headings_tables_code_and_lists() {
        let page = read("# T\n\nIntro [link](http://x) and `code`.\n\n* one\n* two\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\nA | B\n--|--\n3 | 4\n\n```json\n{\"a\": 1}\n```\n\n    indented\n").unwrap();
        let kinds: Vec<String> = page
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } => format!("H {text}"),
                Block::Paragraph { text, .. } => format!("P {text}"),
                Block::Table(t) => format!(
                    "T {} {}",
                    t.header.join(","),
                    t.rows
                        .iter()
                        .map(|r| r.cells.join(","))
                        .collect::<Vec<_>>()
                        .join(";")
                ),
                Block::Code { text, location } => format!("C{} {text}", location.line),
            })
            .collect();
        assert_eq!(
            kinds,
            vec![
                "H T",
                "P Intro link and `code`.",
                "P - one",
                "P - two",
                "T A,B 1,2",
                "T A,B 3,4",
                "C17 {\"a\": 1}",
                "C20 indented"
            ]
        );
        let Block::Table(t) = &page.blocks[4] else {
            panic!()
        };
        assert_eq!(t.rows[0].location.line, 10);
    }

    #[test]
    fn malformed_markdown_is_repaired_and_located() {
        assert!(read_markdown_page("bad.md", b"")
            .expect_err("empty")
            .message
            .contains("empty"));
        let cases: &[(&str, &[u8], &str, &[&str])] = &[
            (
                "binary",
                b"# x\n\x00\x01",
                "bad.md:2:1: control character",
                &[],
            ),
            (
                "wide row",
                b"| A | B |\n|---|---|\n| 1 | 2 | 3 |\n",
                "bad.md:3: table row has 3 cells; expected 2",
                &["1", "2 | 3"],
            ),
            (
                "narrow row",
                b"text\n\n| A | B |\n|---|---|\n| 1 |\n",
                "bad.md:5: table row has 1 cells; expected 2",
                &["1", ""],
            ),
        ];
        for (name, input, expected, cells) in cases {
            let page = read_markdown_page("bad.md", input).expect(name);
            assert!(
                page.warnings
                    .iter()
                    .any(|w| w.to_string().starts_with(expected)),
                "{name}: {:?}",
                page.warnings
            );
            if let Some(Block::Table(t)) = page.blocks.iter().find(|b| matches!(b, Block::Table(_)))
            {
                assert_eq!(t.rows[0].cells, *cells, "{name}");
            }
        }
    }
}
