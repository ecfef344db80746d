//! Builds a [`Field`] from one row of a parameter or structure table.
//!
//! A mistake confined to one cell never drops the table: an unreadable Required cell reads
//! as "No", an unknown type as a JSON value, an odd name is kept verbatim; each is a
//! warning at the row. Only a row with no name at all is left out (and reported).

use super::constraints::{self, FieldContext};
use super::model::{Field, TypeRef};
use super::type_ref::parse_type;
use super::vocabulary::{column, required_word, Column};
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
        let name =
            column(table, Column::ParameterName).or_else(|| column(table, Column::MemberName))?;
        Some(Columns {
            name,
            required: column(table, Column::Required),
            ty: column(table, Column::Type)?,
            description: column(table, Column::Description)?,
        })
    }

    pub fn has_required(&self) -> bool {
        self.required.is_some()
    }

    fn cell(row: &Row, i: usize) -> &str {
        row.cells.get(i).map_or("", String::as_str)
    }

    pub fn name<'r>(&self, row: &'r Row) -> &'r str {
        strip_array_suffix(Self::cell(row, self.name).trim_matches('`'))
    }

    /// The name cell ends in `.N`, the mark of an array parameter.
    pub fn has_array_suffix(&self, row: &Row) -> bool {
        let name = Self::cell(row, self.name).trim_matches('`');
        strip_array_suffix(name) != name
    }

    pub fn description<'r>(&self, row: &'r Row) -> &'r str {
        match self.shape(row) {
            Shape::RequiredCellMissing => Self::cell(row, self.ty),
            _ => Self::cell(row, self.description),
        }
    }

    /// The Required cell; an unreadable one is "No" with a warning.
    pub fn required(&self, row: &Row, warnings: &mut Vec<Diagnostic>) -> Option<bool> {
        let cell = match self.shape(row) {
            Shape::AsHeader => Self::cell(row, self.required?),
            Shape::TypeAndRequiredSwapped => Self::cell(row, self.ty),
            Shape::RequiredCellMissing => return Some(false),
        };
        // The common parameters page marks "depends on the API" with a dash.
        if matches!(cell.trim(), "-" | "") {
            return None;
        }
        required_word(cell).or_else(|| {
            warnings.push(Diagnostic::new(
                row.location.clone(),
                format!("Required column says `{cell}`; expected Yes or No (是 or 否); read as No"),
            ));
            Some(false)
        })
    }

    /// How the row's cells sit under the header: as it says, or with one of two page
    /// mistakes of Tencent's older pages — the Type and Required cells swapped
    /// (`| Password | String | Yes |` under `Required | Type`), or no Required cell at all
    /// (`| Ids.N | String | The IDs. |` under `Required | Type | Description`).
    fn shape(&self, row: &Row) -> Shape {
        let Some(required) = self.required else {
            return Shape::AsHeader;
        };
        let holds_a_type = |i: usize| {
            let cell = Self::cell(row, i);
            required_word(cell).is_none() && parse_type(cell).is_ok()
        };
        if !holds_a_type(required) {
            Shape::AsHeader
        } else if required_word(Self::cell(row, self.ty)).is_some() {
            Shape::TypeAndRequiredSwapped
        } else if required + 1 == self.ty
            && self.ty + 1 == self.description
            && Self::cell(row, self.description).trim().is_empty()
        {
            Shape::RequiredCellMissing
        } else {
            Shape::AsHeader
        }
    }

    fn ty(&self, row: &Row, warnings: &mut Vec<Diagnostic>) -> TypeRef {
        let shape = self.shape(row);
        let cell = match (shape, self.required) {
            (Shape::AsHeader, _) | (_, None) => Self::cell(row, self.ty),
            (_, Some(required)) => {
                warnings.push(Diagnostic::new(row.location.clone(), shape.repair()));
                Self::cell(row, required)
            }
        };
        parse_type(cell).unwrap_or_else(|e| {
            warnings.push(Diagnostic::new(
                row.location.clone(),
                format!("{e}; the field is kept as any JSON value"),
            ));
            TypeRef::Json
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    AsHeader,
    TypeAndRequiredSwapped,
    RequiredCellMissing,
}

impl Shape {
    fn repair(self) -> &'static str {
        match self {
            Shape::AsHeader => "",
            Shape::TypeAndRequiredSwapped => {
                "the Type and Required cells are swapped in this row; read as the header says"
            }
            Shape::RequiredCellMissing => {
                "this row has no Required cell; its cells are read as Type and Description, and the parameter as optional"
            }
        }
    }
}

/// `InstanceIds.N` → `InstanceIds`.
pub fn strip_array_suffix(name: &str) -> &str {
    name.strip_suffix(".N")
        .or_else(|| name.strip_suffix(".n"))
        .unwrap_or(name)
}

/// Builds the fields of a table, reading constraints with knowledge of the siblings.
/// Repeated names keep their first row.
pub fn fields_of(columns: &Columns, rows: &[&Row], warnings: &mut Vec<Diagnostic>) -> Vec<Field> {
    let siblings: Vec<String> = rows.iter().map(|r| columns.name(r).to_string()).collect();
    let mut fields: Vec<Field> = Vec::new();
    for row in rows {
        let name = columns.name(row);
        if name.is_empty() {
            warnings.push(Diagnostic::new(
                row.location.clone(),
                "table row without a parameter name; left out",
            ));
            continue;
        }
        if let Some(first) = fields.iter().find(|f| f.name == name) {
            warnings.push(Diagnostic::new(
                row.location.clone(),
                format!(
                    "`{name}` is listed twice (first at {}); the first row is kept",
                    first.location
                ),
            ));
            continue;
        }
        fields.push(field_of(columns, row, &siblings, warnings));
    }
    fields
}

fn field_of(
    columns: &Columns,
    row: &Row,
    siblings: &[String],
    warnings: &mut Vec<Diagnostic>,
) -> Field {
    let name = columns.name(row).to_string();
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        warnings.push(Diagnostic::new(
            row.location.clone(),
            format!("parameter name `{name}` is not an identifier; kept verbatim as the wire name (expected a name like `InstanceIds` or `InstanceIds.N`)"),
        ));
    }
    let ty = columns.ty(row, warnings);
    // `Name.N` is an array whatever its type cell says (older pages give the item type).
    let ty = match ty {
        TypeRef::Array { .. } => ty,
        item if columns.has_array_suffix(row) => TypeRef::Array {
            items: Box::new(item),
        },
        other => other,
    };
    let required = columns.required(row, warnings);
    let description = columns.description(row).to_string();
    let ctx = FieldContext {
        name: &name,
        ty: &ty,
        siblings,
    };
    let extraction = constraints::extract(&ctx, &description);
    warnings.extend(
        extraction
            .contradictions
            .into_iter()
            .map(|c| Diagnostic::new(row.location.clone(), c)),
    );
    Field {
        nullable: constraints::says_nullable(&description),
        request_id: name == "RequestId",
        name,
        ty,
        required,
        description,
        constraints: extraction.constraints,
        location: row.location.clone(),
    }
}
