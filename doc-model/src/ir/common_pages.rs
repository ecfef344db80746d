//! Pages shared by every service: common error codes and common request parameters.

use super::action_page::error_codes;
use super::field_row::Columns;
use super::model::{CommonParameter, ErrorCode};
use super::vocabulary::{column, Column};
use crate::diagnostic::Diagnostic;
use crate::page::{Block, Page};

/// True for the common request parameters page (a table whose rows are `X-TC-*` headers).
pub fn is_common_parameters_page(page: &Page) -> bool {
    page.blocks.iter().any(|b| matches!(b, Block::Table(t) if t.rows.iter().any(|r| r.cells.first().is_some_and(|c| c.starts_with("X-TC-")))))
}

/// True for a page whose only table is an error code table.
pub fn is_common_errors_page(page: &Page) -> bool {
    let tables: Vec<_> = page
        .blocks
        .iter()
        .filter_map(|b| {
            if let Block::Table(t) = b {
                Some(t)
            } else {
                None
            }
        })
        .collect();
    !tables.is_empty()
        && tables
            .iter()
            .all(|t| column(t, Column::ErrorCode).is_some())
}

pub fn parse_common_errors(page: &Page) -> Vec<ErrorCode> {
    page.blocks
        .iter()
        .filter_map(|b| {
            if let Block::Table(t) = b {
                Some(error_codes(t))
            } else {
                None
            }
        })
        .flatten()
        .collect()
}

pub fn parse_common_parameters(
    page: &Page,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<CommonParameter> {
    let mut out = Vec::new();
    for block in &page.blocks {
        let Block::Table(table) = block else { continue };
        let Some(columns) = Columns::of(table) else {
            continue;
        };
        for row in &table.rows {
            let required = columns.required(row, warnings);
            out.push(CommonParameter {
                name: columns.name(row).to_string(),
                required,
                description: columns.description(row).to_string(),
            });
        }
    }
    out
}
