//! Pages shared by every service: common error codes and common request parameters.

use super::action_page::error_codes;
use super::model::{CommonParameter, ErrorCode};
use super::page_view::{PageView, TableKind};
use crate::diagnostic::Diagnostic;

/// True for the common request parameters page (a table whose rows are `X-TC-*` headers).
pub fn is_common_parameters_page(view: &PageView<'_>) -> bool {
    view.tables()
        .any(|(_, k)| matches!(k, TableKind::CommonHeaders(_)))
}

/// True for a page whose only tables are error code tables.
pub fn is_common_errors_page(view: &PageView<'_>) -> bool {
    view.tables().next().is_some()
        && view
            .tables()
            .all(|(_, k)| matches!(k, TableKind::ErrorCodes { .. }))
}

pub fn parse_common_errors(view: &PageView<'_>) -> Vec<ErrorCode> {
    view.tables()
        .flat_map(|(t, k)| match k {
            TableKind::ErrorCodes { code, description } => error_codes(t, *code, *description),
            _ => Vec::new(),
        })
        .collect()
}

/// Every row of the page's parameter tables (the `X-TC-*` headers, and the region table
/// beside them).
pub fn parse_common_parameters(
    view: &PageView<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<CommonParameter> {
    let mut out = Vec::new();
    for (table, kind) in view.tables() {
        let (TableKind::CommonHeaders(columns)
        | TableKind::Request(columns)
        | TableKind::Fields(columns)) = kind
        else {
            continue;
        };
        for row in &table.rows {
            let row = columns.read(row);
            let required = row.required(warnings);
            out.push(CommonParameter {
                name: row.name.to_string(),
                required,
                description: row.description.to_string(),
            });
        }
    }
    out
}
