//! The Data Types page → [`StructType`]s.
//!
//! Each structure is: a name line, description line(s), a "Used by actions: …" line, then
//! its field table (`Name | Type | [Required |] Description`).

use super::field_row::{fields_of, Columns, RowCells};
use super::model::StructType;
use super::page_view::{PageView, TableKind};
use super::vocabulary::Words;
use crate::diagnostic::{Diagnostic, Location};
use crate::page::{Block, Table};

/// True when the page lists structures ("Used by actions:" lines before `Name` tables).
pub fn is_data_types_page(view: &PageView<'_>) -> bool {
    let words = view.words();
    view.blocks().any(|(b, kind)| match (b, kind) {
        (Block::Paragraph { text, .. }, _) => words.used_by_list(text).is_some(),
        (Block::Table(_), Some(TableKind::Fields(c))) => !c.named_as_parameters,
        _ => false,
    })
}

/// Text seen since the previous structure's table: name, description lines, used-by line.
type Pending = Vec<(String, Location)>;

/// Reads every structure the page defines. Nothing here stops the service: a table that
/// cannot be tied to a name, or a name without a table, is reported and left out (a use of
/// that structure is then the error, once per structure). A table inside a structure's
/// description (before its "used by" line, or of no field layout) is part of the description.
pub fn parse_data_types_page(
    view: &PageView<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<StructType> {
    let words = view.words();
    let blocks: Vec<(&Block, Option<&TableKind>)> = view.blocks().collect();
    let mut types = Vec::new();
    let mut pending: Pending = Vec::new();
    for (at, (block, kind)) in blocks.iter().enumerate() {
        match (block, kind) {
            (Block::Heading { text, location, .. }, _) if !words.is_section_heading(text) => {
                pending.push((text.clone(), location.clone()))
            }
            (Block::Paragraph { text, location }, _) if !words.is_boilerplate(text) => {
                pending.push((text.clone(), location.clone()))
            }
            (Block::Heading { .. } | Block::Paragraph { .. }, _) => {}
            // An example inside a structure's description (`Filters.0.Name=…`) is prose.
            (Block::Code { text, location }, _) => pending.push((text.clone(), location.clone())),
            (Block::Table(table), kind) => {
                let columns = match kind {
                    Some(TableKind::Fields(c) | TableKind::Request(c)) => Some(c),
                    _ => None,
                };
                if in_description(words, &pending, columns.is_some(), &blocks[at + 1..]) {
                    pending.push(described_table(table, &pending, warnings));
                    continue;
                }
                let taken = std::mem::take(&mut pending);
                if let Some(t) = structure(words, table, columns, taken, warnings) {
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

/// A table belongs to the description of the structure named before it when that
/// structure's "used by" line is still to come (before the next table), or when it is no
/// field table at all.
fn in_description(
    words: &Words,
    pending: &Pending,
    is_field_table: bool,
    after: &[(&Block, Option<&TableKind>)],
) -> bool {
    if !pending.iter().any(|(t, _)| is_type_name(t))
        || pending.iter().any(|(t, _)| words.used_by_list(t).is_some())
    {
        return false;
    }
    let is_used_by = |b: &Block| match b {
        Block::Paragraph { text, .. } => words.used_by_list(text).is_some(),
        _ => false,
    };
    !is_field_table
        || after
            .iter()
            .take_while(|(b, _)| !matches!(b, Block::Table(_)))
            .any(|(b, _)| is_used_by(b))
}

/// A table inside a structure's description, as a line of it (`State | Meaning: A | on; …`),
/// with a warning.
fn described_table(
    table: &Table,
    pending: &Pending,
    warnings: &mut Vec<Diagnostic>,
) -> (String, Location) {
    let name = pending
        .iter()
        .find(|(t, _)| is_type_name(t))
        .map_or("", |(t, _)| t.as_str());
    let header = table.header.join(" | ");
    warnings.push(Diagnostic::new(
        table.location.clone(),
        format!("structure `{name}`'s description holds a table (`{header}`); read as part of its description, its members from the table after its `Used by actions:` line"),
    ));
    let rows: Vec<String> = table.rows.iter().map(|r| r.cells.join(" | ")).collect();
    (
        format!("{header}: {}", rows.join("; ")),
        table.location.clone(),
    )
}

fn structure(
    words: &Words,
    table: &Table,
    columns: Option<&Columns>,
    pending: Pending,
    warnings: &mut Vec<Diagnostic>,
) -> Option<StructType> {
    let Some(columns) = columns else {
        warnings.push(Diagnostic::new(
            table.location.clone(),
            format!("table with columns `{}` is not a field table; ignored (expected `Name | Type | [Required |] Description`)", table.header.join(" | ")),
        ));
        return None;
    };
    let is_used_by = |t: &str| words.used_by_list(t).is_some();
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
        match words.used_by_list(&text) {
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
    let rows: Vec<RowCells<'_>> = table.rows.iter().map(|r| columns.read(r)).collect();
    let fields = fields_of(&rows, warnings);
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
