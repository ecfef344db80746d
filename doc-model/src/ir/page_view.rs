//! A page as the IR readers see it: its layout, detected once, and each table classified
//! once (a request table, an answer's or a structure's fields, error codes, the common
//! parameters' headers, or none of these), so every reader asks the same answers.

use super::field_row::Columns;
use super::page_layout::{detect, PageLayout};
use super::vocabulary::{Column, Words};
use crate::page::{Block, Page, Table};

/// What a table is, by its header (in the page's words) and rows.
pub enum TableKind {
    /// `Parameter Name | Required | Type | Description`: an action's request.
    Request(Columns),
    /// `Name | Type | [Required |] Description`: an answer's members or a structure's.
    Fields(Columns),
    /// `Error Code | Description`.
    ErrorCodes {
        code: usize,
        description: Option<usize>,
    },
    /// The common parameters page's table of `X-TC-*` headers.
    CommonHeaders(Columns),
    Other,
}

pub struct PageView<'p> {
    pub page: &'p Page,
    pub layout: PageLayout,
    /// One kind per block, `None` for a block that is no table.
    kinds: Vec<Option<TableKind>>,
}

impl<'p> PageView<'p> {
    pub fn new(page: &'p Page) -> PageView<'p> {
        let layout = detect(page);
        let kinds = page
            .blocks
            .iter()
            .map(|b| match b {
                Block::Table(t) => Some(classify(t, layout.words)),
                _ => None,
            })
            .collect();
        PageView {
            page,
            layout,
            kinds,
        }
    }

    pub fn words(&self) -> &'static Words {
        self.layout.words
    }

    /// The blocks in reading order, each table with its kind.
    pub fn blocks(&self) -> impl Iterator<Item = (&'p Block, Option<&TableKind>)> + '_ {
        self.page
            .blocks
            .iter()
            .zip(self.kinds.iter().map(Option::as_ref))
    }

    /// The tables with their kinds.
    pub fn tables(&self) -> impl Iterator<Item = (&'p Table, &TableKind)> + '_ {
        self.blocks().filter_map(|(b, k)| match (b, k) {
            (Block::Table(t), Some(k)) => Some((t, k)),
            _ => None,
        })
    }
}

fn classify(table: &Table, words: &'static Words) -> TableKind {
    let headers_rows = table
        .rows
        .iter()
        .any(|r| r.cells.first().is_some_and(|c| c.starts_with("X-TC-")));
    let columns = Columns::of(table, words);
    if headers_rows {
        return columns.map_or(TableKind::Other, TableKind::CommonHeaders);
    }
    match (columns, words.column(table, Column::ErrorCode)) {
        (Some(c), _) if c.has_required() && c.named_as_parameters => TableKind::Request(c),
        (_, Some(code)) => TableKind::ErrorCodes {
            code,
            description: words.column(table, Column::ErrorDescription),
        },
        (Some(c), None) => TableKind::Fields(c),
        (None, None) => TableKind::Other,
    }
}
