//! The Data Types page → [`StructType`]s.
//!
//! Each structure is: a name line, description line(s), a "Used by actions: …" line, then
//! its field table (`Name | Type | [Required |] Description`).

use super::boilerplate::{is_boilerplate, is_section_heading};
use super::field_row::{fields_of, Columns};
use super::model::StructType;
use crate::diagnostic::{Diagnostic, Location};
use crate::page::{Block, Page};

const USED_BY: &str = "Used by actions:";

/// True when the page lists structures ("Used by actions:" lines before `Name` tables).
pub fn is_data_types_page(page: &Page) -> bool {
    page.blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => text.starts_with(USED_BY),
        Block::Table(t) => t.header.first().is_some_and(|h| h == "Name"),
        _ => false,
    })
}

pub fn parse_data_types_page(page: &Page) -> Result<Vec<StructType>, Vec<Diagnostic>> {
    let mut types = Vec::new();
    let mut errors = Vec::new();
    // Text seen since the previous table: name, description lines, used-by line.
    let mut pending: Vec<(String, Location)> = Vec::new();
    for block in &page.blocks {
        match block {
            Block::Heading { text, location, .. } if !is_section_heading(text) => pending.push((text.clone(), location.clone())),
            Block::Heading { .. } => {}
            Block::Paragraph { text, location } if !is_boilerplate(text) => pending.push((text.clone(), location.clone())),
            Block::Paragraph { .. } => {}
            Block::Code { location, .. } => {
                errors.push(Diagnostic::new(location.clone(), "unexpected code block on the Data Types page; expected name, description, `Used by actions:` and a field table"));
            }
            Block::Table(table) => {
                let taken = std::mem::take(&mut pending);
                match structure(table, taken) {
                    Ok(t) => types.push(t),
                    Err(e) => errors.extend(e),
                }
            }
        }
    }
    if let Some((text, location)) = pending.first() {
        if !types.is_empty() || errors.is_empty() {
            if types.is_empty() {
                errors.push(Diagnostic::new(location.clone(), format!("`{text}` is not followed by a field table; expected a `Name | Type | Description` table")));
            } else if pending.len() > 1 || is_type_name(text) {
                errors.push(Diagnostic::new(location.clone(), format!("structure `{text}` has no field table; expected a `Name | Type | Description` table after its `Used by actions:` line")));
            }
        }
    }
    if errors.is_empty() {
        Ok(types)
    } else {
        Err(errors)
    }
}

fn structure(table: &crate::page::Table, pending: Vec<(String, Location)>) -> Result<StructType, Vec<Diagnostic>> {
    let Some(columns) = Columns::of(table) else {
        return Err(vec![Diagnostic::new(
            table.location.clone(),
            format!("table with columns `{}` is not a field table; expected `Name | Type | [Required |] Description`", table.header.join(" | ")),
        )]);
    };
    let mut lines = pending.into_iter();
    let Some((name, name_location)) = lines.next() else {
        return Err(vec![Diagnostic::new(table.location.clone(), "field table without a structure name line before it; expected `<Name>`, a description and `Used by actions: …`")]);
    };
    if !is_type_name(&name) {
        return Err(vec![Diagnostic::new(name_location, format!("`{name}` is not a structure name; expected a CamelCase name line before the description"))]);
    }
    let mut description = Vec::new();
    let mut used_by = Vec::new();
    for (text, _) in lines {
        match text.strip_prefix(USED_BY) {
            Some(list) => used_by = list.trim().trim_end_matches('.').split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            None => description.push(text),
        }
    }
    let fields = fields_of(&columns, &table.rows.iter().collect::<Vec<_>>())?;
    Ok(StructType { name, description: description.join(" "), used_by, fields, location: name_location })
}

fn is_type_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
