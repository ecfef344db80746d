//! Builds a [`Field`] from one row of a parameter or structure table.

use super::constraints::{self, FieldContext};
use super::model::{Field, TypeRef};
use super::type_ref::parse_type;
use crate::diagnostic::Diagnostic;
use crate::page::{Row, Table};

/// Column positions of a parameter table, found by header name.
pub struct Columns {
    name: usize,
    required: Option<usize>,
    ty: usize,
    description: usize,
}

impl Columns {
    /// Reads the header; `None` when this is not a parameter/field table.
    pub fn of(table: &Table) -> Option<Columns> {
        let name = table.column("Parameter Name").or_else(|| table.column("Name"))?;
        Some(Columns {
            name,
            required: table.column("Required"),
            ty: table.column("Type")?,
            description: table.column("Description")?,
        })
    }

    pub fn has_required(&self) -> bool {
        self.required.is_some()
    }

    pub fn name<'r>(&self, row: &'r Row) -> &'r str {
        strip_array_suffix(&row.cells[self.name])
    }

    pub fn description<'r>(&self, row: &'r Row) -> &'r str {
        &row.cells[self.description]
    }

    pub fn required(&self, row: &Row) -> Result<Option<bool>, Diagnostic> {
        let Some(col) = self.required else { return Ok(None) };
        match row.cells[col].to_ascii_lowercase().as_str() {
            "yes" | "true" => Ok(Some(true)),
            "no" | "false" => Ok(Some(false)),
            // The common parameters page marks "depends on the API" with a dash.
            "-" | "" => Ok(None),
            other => Err(Diagnostic::new(
                row.location.clone(),
                format!("Required column says `{other}`; expected Yes or No"),
            )),
        }
    }

    pub fn ty(&self, row: &Row) -> Result<TypeRef, Diagnostic> {
        parse_type(&row.cells[self.ty]).map_err(|e| Diagnostic::new(row.location.clone(), e))
    }
}

/// `InstanceIds.N` → `InstanceIds`.
pub fn strip_array_suffix(name: &str) -> &str {
    name.strip_suffix(".N").or_else(|| name.strip_suffix(".n")).unwrap_or(name)
}

/// Builds the fields of a table, reading constraints with knowledge of the siblings.
pub fn fields_of(columns: &Columns, rows: &[&Row]) -> Result<Vec<Field>, Vec<Diagnostic>> {
    let siblings: Vec<String> = rows.iter().map(|r| columns.name(r).to_string()).collect();
    let mut fields = Vec::new();
    let mut errors = Vec::new();
    for row in rows {
        match field_of(columns, row, &siblings) {
            Ok(f) => fields.push(f),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

fn field_of(columns: &Columns, row: &Row, siblings: &[String]) -> Result<Field, Diagnostic> {
    let name = columns.name(row).to_string();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(Diagnostic::new(
            row.location.clone(),
            format!("parameter name `{name}` is not an identifier; expected a name like `InstanceIds` or `InstanceIds.N`"),
        ));
    }
    let ty = columns.ty(row)?;
    let required = columns.required(row)?;
    let description = columns.description(row).to_string();
    let ctx = FieldContext { name: &name, ty: &ty, siblings };
    let mut extraction = constraints::extract(&ctx, &description);
    // The nullable note is a fact too: it lands in `nullable`, so its sentences are covered.
    let null_notes: Vec<_> = constraints::sentence_ranges(&description)
        .into_iter()
        .filter(|r| description[r.clone()].to_ascii_lowercase().contains("may return null"))
        .collect();
    let nullable = !null_notes.is_empty();
    extraction.covered.extend(null_notes);
    Ok(Field {
        nullable,
        request_id: name == "RequestId",
        name,
        ty,
        required,
        description,
        constraints: extraction.constraints,
        default: extraction.default,
        location: row.location.clone(),
        covered: extraction.covered,
    })
}
