//! Builds a [`Field`] from one row of a parameter or structure table.
//!
//! A mistake confined to one cell never drops the table: an unreadable Required cell reads
//! as "No", an unknown type as a JSON value, an odd name is kept verbatim; each is a
//! warning at the row. Only a row with no name at all is left out (and reported).

use super::constraints::{self, FieldContext};
use super::model::{Field, TypeRef};
use super::type_ref::parse_type;
use super::vocabulary::{Column, Words};
use crate::diagnostic::Diagnostic;
use crate::page::{Row, Table};

/// Column positions of a parameter table, found by header name in the page's words.
pub struct Columns {
    words: &'static Words,
    name: usize,
    /// The name column is a parameter's (`Parameter Name`), not a structure member's (`Name`).
    pub named_as_parameters: bool,
    required: Option<usize>,
    ty: usize,
    description: usize,
}

impl Columns {
    /// Reads the header; `None` when this is not a parameter/field table.
    pub fn of(table: &Table, words: &'static Words) -> Option<Columns> {
        let parameter = words.column(table, Column::ParameterName);
        let name = parameter.or_else(|| words.column(table, Column::MemberName))?;
        Some(Columns {
            words,
            name,
            named_as_parameters: parameter.is_some(),
            required: words.column(table, Column::Required),
            ty: words.column(table, Column::Type)?,
            description: words.column(table, Column::Description)?,
        })
    }

    pub fn has_required(&self) -> bool {
        self.required.is_some()
    }

    /// One row's cells, placed and read once: which cell holds the type (parsed) and the
    /// Required word (read), and which the description, whatever mistake the row makes.
    pub fn read<'r>(&self, row: &'r Row) -> RowCells<'r> {
        let cell = |i: usize| row.cells.get(i).map_or("", String::as_str);
        let raw_name = cell(self.name).trim_matches('`');
        let name = strip_array_suffix(raw_name);
        let placed = self.place(row);
        RowCells {
            row,
            name,
            array_suffix: name != raw_name,
            ty: placed.ty,
            required: placed.required,
            description: placed.description,
            repair: placed.shape.repair(),
        }
    }

    /// How the row's cells sit under the header: as it says, or with one of two page
    /// mistakes of Tencent's older pages — the Type and Required cells swapped
    /// (`| Password | String | Yes |` under `Required | Type`), or no Required cell at all
    /// (`| Ids.N | String | The IDs. |` under `Required | Type | Description`). The Required
    /// cell is a type when it holds no Required word and reads as one.
    fn place<'r>(&self, row: &'r Row) -> Placed<'r> {
        let cell = |i: usize| row.cells.get(i).map_or("", String::as_str);
        let as_header = |required| Placed {
            shape: Shape::AsHeader,
            ty: parse_type(cell(self.ty)),
            required,
            description: cell(self.description),
        };
        let Some(r) = self.required else {
            return as_header(Required::NoColumn);
        };
        let word = self.words.required_word(cell(r));
        let Some(ty) = word.is_none().then(|| parse_type(cell(r)).ok()).flatten() else {
            return as_header(Required::Cell(cell(r), word));
        };
        let word_in_type = self.words.required_word(cell(self.ty));
        if word_in_type.is_some() {
            Placed {
                shape: Shape::TypeAndRequiredSwapped,
                ty: Ok(ty),
                required: Required::Cell(cell(self.ty), word_in_type),
                description: cell(self.description),
            }
        } else if r + 1 == self.ty
            && self.ty + 1 == self.description
            && cell(self.description).trim().is_empty()
        {
            Placed {
                shape: Shape::RequiredCellMissing,
                ty: Ok(ty),
                required: Required::LostInRow,
                description: cell(self.ty),
            }
        } else {
            as_header(Required::Cell(cell(r), None))
        }
    }
}

/// A row's cells as [`Columns::place`] found them.
struct Placed<'r> {
    shape: Shape,
    ty: Result<TypeRef, String>,
    required: Required<'r>,
    description: &'r str,
}

/// Where a row's Required word is.
#[derive(Clone, Copy)]
enum Required<'r> {
    /// The table has no Required column (answers, output structures).
    NoColumn,
    /// The cell, and its word read (`None` for no Required word).
    Cell(&'r str, Option<bool>),
    /// The row lost its Required cell: the parameter reads as optional.
    LostInRow,
}

/// One table row, its cells placed by [`Columns::read`].
pub struct RowCells<'r> {
    pub row: &'r Row,
    /// The wire name, without the `.N` of an array parameter.
    pub name: &'r str,
    /// The name cell ends in `.N`, the mark of an array parameter.
    pub array_suffix: bool,
    /// The type cell parsed (the error says why it is no type).
    ty: Result<TypeRef, String>,
    required: Required<'r>,
    pub description: &'r str,
    /// What was repaired to place the cells (empty when the row is as its header says).
    repair: &'static str,
}

impl RowCells<'_> {
    /// The Required cell; an unreadable one is "No" with a warning.
    pub fn required(&self, warnings: &mut Vec<Diagnostic>) -> Option<bool> {
        let (cell, word) = match self.required {
            Required::NoColumn => return None,
            Required::LostInRow => return Some(false),
            Required::Cell(cell, word) => (cell, word),
        };
        // The common parameters page marks "depends on the API" with a dash.
        if matches!(cell.trim(), "-" | "") {
            return None;
        }
        word.or_else(|| {
            warnings.push(Diagnostic::new(
                self.row.location.clone(),
                format!("Required column says `{cell}`; expected Yes or No (是 or 否, はい or いいえ); read as No"),
            ));
            Some(false)
        })
    }

    /// The type cell read (a `Name.N` row is an array whatever its cell says: older pages
    /// give the item type); an unreadable one is any JSON value with a warning.
    fn ty(&self, warnings: &mut Vec<Diagnostic>) -> TypeRef {
        if !self.repair.is_empty() {
            warnings.push(Diagnostic::new(self.row.location.clone(), self.repair));
        }
        let ty = self.ty.clone().unwrap_or_else(|e| {
            warnings.push(Diagnostic::new(
                self.row.location.clone(),
                format!("{e}; the field is kept as any JSON value"),
            ));
            TypeRef::Json
        });
        match ty {
            TypeRef::Array { .. } => ty,
            item if self.array_suffix => TypeRef::Array {
                items: Box::new(item),
            },
            other => other,
        }
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
pub fn fields_of(rows: &[RowCells<'_>], warnings: &mut Vec<Diagnostic>) -> Vec<Field> {
    let siblings: Vec<String> = rows.iter().map(|r| r.name.to_string()).collect();
    let mut fields: Vec<Field> = Vec::new();
    for row in rows {
        let name = row.name;
        if name.is_empty() {
            warnings.push(Diagnostic::new(
                row.row.location.clone(),
                "table row without a parameter name; left out",
            ));
            continue;
        }
        if let Some(first) = fields.iter().find(|f| f.name == name) {
            warnings.push(Diagnostic::new(
                row.row.location.clone(),
                format!(
                    "`{name}` is listed twice (first at {}); the first row is kept",
                    first.location
                ),
            ));
            continue;
        }
        fields.push(field_of(row, &siblings, warnings));
    }
    fields
}

fn field_of(row: &RowCells<'_>, siblings: &[String], warnings: &mut Vec<Diagnostic>) -> Field {
    let name = row.name.to_string();
    let location = &row.row.location;
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        warnings.push(Diagnostic::new(
            location.clone(),
            format!("parameter name `{name}` is not an identifier; kept verbatim as the wire name (expected a name like `InstanceIds` or `InstanceIds.N`)"),
        ));
    }
    let ty = row.ty(warnings);
    let required = row.required(warnings);
    let description = row.description.to_string();
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
            .map(|c| Diagnostic::new(location.clone(), c)),
    );
    Field {
        nullable: constraints::says_nullable(&description),
        request_id: name == "RequestId",
        name,
        ty,
        required,
        description,
        constraints: extraction.constraints,
        covered: extraction.covered,
        location: location.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::ir::vocabulary::Language;

    fn row(cells: [&str; 4]) -> Row {
        Row {
            location: Location::new("p.txt", 2),
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn each_row_is_placed_and_read_once_whatever_its_mistake() {
        let table = Table {
            location: Location::new("p.txt", 1),
            header: ["Parameter Name", "Required", "Type", "Description"]
                .map(String::from)
                .to_vec(),
            rows: Vec::new(),
        };
        let columns = Columns::of(&table, Words::of(Language::English)).expect("columns");
        let read = |cells: [&str; 4]| {
            let row = row(cells);
            let cells = columns.read(&row);
            let mut warnings = Vec::new();
            let ty = cells.ty(&mut warnings);
            let required = cells.required(&mut warnings);
            let description = cells.description.to_string();
            (ty, required, description, warnings.len())
        };
        let text = |d: &str| d.to_string();
        assert_eq!(
            read(["A", "Yes", "Integer", "The A."]),
            (TypeRef::Integer, Some(true), text("The A."), 0)
        );
        assert_eq!(
            read(["A", "Integer", "No", "The A."]),
            (TypeRef::Integer, Some(false), text("The A."), 1)
        );
        assert_eq!(
            read(["Ids.N", "String", "The IDs.", ""]),
            (
                TypeRef::Array {
                    items: Box::new(TypeRef::String)
                },
                Some(false),
                text("The IDs."),
                1
            )
        );
        assert_eq!(
            read(["A", "-", "String", ""]),
            (TypeRef::String, None, text(""), 0)
        );
        assert_eq!(
            read(["A", "Maybe", "Strange words", "x"]),
            (TypeRef::Json, Some(false), text("x"), 2)
        );
    }
}
