//! The Data Types page → [`StructType`]s.
//!
//! Each structure is: a name line, description line(s), a "Used by actions: …" line, then
//! its field table (`Name | Type | [Required |] Description`).

use super::field_row::{fields_of, Columns};
use super::model::StructType;
use super::vocabulary::{is_boilerplate, is_header, is_section_heading, used_by_list, Column};
use crate::diagnostic::{Diagnostic, Location};
use crate::page::{Block, Page};

/// True when the page lists structures ("Used by actions:" lines before `Name` tables).
pub fn is_data_types_page(page: &Page) -> bool {
    page.blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => is_used_by(text),
        Block::Table(t) => t
            .header
            .first()
            .is_some_and(|h| is_header(h, Column::MemberName)),
        _ => false,
    })
}

fn is_used_by(text: &str) -> bool {
    used_by_list(text).is_some()
}

/// Reads every structure the page defines. Nothing here stops the service: a table that
/// cannot be tied to a name, or a name without a table, is reported and left out (a use of
/// that structure is then the error, once per structure).
pub fn parse_data_types_page(page: &Page, warnings: &mut Vec<Diagnostic>) -> Vec<StructType> {
    let mut types = Vec::new();
    // Text seen since the previous table: name, description lines, used-by line.
    let mut pending: Vec<(String, Location)> = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Heading { text, location, .. } if !is_section_heading(text) => {
                pending.push((text.clone(), location.clone()))
            }
            Block::Heading { .. } => {}
            Block::Paragraph { text, location } if !is_boilerplate(text) => {
                pending.push((text.clone(), location.clone()))
            }
            Block::Paragraph { .. } => {}
            // An example inside a structure's description (`Filters.0.Name=…`) is prose.
            Block::Code { text, location } => pending.push((text.clone(), location.clone())),
            Block::Table(table) => {
                let taken = std::mem::take(&mut pending);
                if let Some(t) = structure(table, taken, warnings) {
                    types.push(t);
                }
            }
        }
    }
    if let Some((text, location)) = pending.iter().find(|(t, _)| is_type_name(t)) {
        warnings.push(Diagnostic::new(
            location.clone(),
            format!("structure `{text}` has no field table; expected a `Name | Type | Description` table after its `Used by actions:` line"),
        ));
    }
    types
}

fn structure(
    table: &crate::page::Table,
    pending: Vec<(String, Location)>,
    warnings: &mut Vec<Diagnostic>,
) -> Option<StructType> {
    let Some(columns) = Columns::of(table) else {
        warnings.push(Diagnostic::new(
            table.location.clone(),
            format!("table with columns `{}` is not a field table; ignored (expected `Name | Type | [Required |] Description`)", table.header.join(" | ")),
        ));
        return None;
    };
    // Lines up to an earlier `Used by actions:` line belong to a structure that lost its table.
    let mut pending = pending;
    if let Some(last_used_by) = pending.iter().rposition(|(t, _)| is_used_by(t)) {
        if let Some(earlier) = pending[..last_used_by]
            .iter()
            .rposition(|(t, _)| is_used_by(t))
        {
            for (text, location) in pending.drain(..=earlier).filter(|(t, _)| is_type_name(t)) {
                warnings.push(Diagnostic::new(
                    location,
                    format!("structure `{text}` has no field table; expected a `Name | Type | Description` table after its `Used by actions:` line"),
                ));
            }
        }
    }
    // The name is the first line that reads as one; a single odd word (`item`) is kept as
    // the name with a warning, since the actions refer to it by exactly that word.
    let name_at = pending.iter().position(|(t, _)| is_type_name(t)).or_else(|| {
        let at = pending.iter().position(|(t, _)| !is_used_by(t) && is_single_word(t))?;
        let (t, l) = &pending[at];
        warnings.push(Diagnostic::new(l.clone(), format!("`{t}` is not a CamelCase structure name; kept as the name of the table after it")));
        Some(at)
    });
    let Some(name_at) = name_at else {
        warnings.push(Diagnostic::new(
            table.location.clone(),
            "field table without a structure name line before it; ignored (expected `<Name>`, a description and `Used by actions: …`)",
        ));
        return None;
    };
    let (name, name_location) = pending[name_at].clone();
    let mut description = Vec::new();
    let mut used_by = Vec::new();
    for (text, _) in pending.into_iter().skip(name_at + 1) {
        match used_by_list(&text) {
            Some(list) => {
                used_by = list
                    .trim_end_matches(['.', '。'])
                    .split([',', '、'])
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            None => description.push(text),
        }
    }
    let fields = fields_of(&columns, &table.rows.iter().collect::<Vec<_>>(), warnings);
    Some(StructType {
        name,
        description: description.join(" "),
        used_by,
        fields,
        location: name_location,
    })
}

fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_single_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
