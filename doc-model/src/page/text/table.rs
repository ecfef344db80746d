//! Pipe tables of a text page: a header row, its `|---|` separator, then body rows; rows of
//! the wrong width and tables without a separator are read as well as they can be, with a
//! warning at their line.

use super::super::inline_markup::normalize_inline;
use super::super::split_lines::Line;
use super::super::table_cells::{fit_cells, is_separator_line, split_row};
use super::super::{Block, Row, Table};
use super::lines::LineReader;

impl LineReader<'_> {
    /// A table, or `None` when the pipe line turned out not to start one (kept as prose).
    pub(super) fn table(&mut self) -> Option<Block> {
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
}
