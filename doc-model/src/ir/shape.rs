//! The one walk of a JSON value against the doc model's parameter tables: which members
//! the tables do not know, which required ones are missing, which values have the wrong
//! JSON type. The conformance check of doc examples and the emulator's check of requests
//! both walk through here; each decides what a problem means to it (a page warning, an
//! API error) and what else to check at each member (the emulator's rules).

use super::model::{Field, StructType, TypeRef};
use serde_json::{Map, Value};
use std::ops::ControlFlow;
use tencentcloud_rules::{index, join};

/// How a `null` member reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    /// As if the member were left out (what the service does with a request).
    Absent,
    /// Only where the table documents the member as nullable (what a doc example must keep).
    Documented,
    /// Anywhere (answers: a server may send `null` for any member).
    Allowed,
}

/// What the walk checks besides types.
#[derive(Clone, Copy)]
pub struct Walk<'a> {
    /// The structures of the service, by name. A structure it lacks is not checked.
    pub types: &'a dyn Fn(&str) -> Option<&'a StructType>,
    pub nulls: Nulls,
    /// Whether a missing required member is a problem (requests, not answers).
    pub required: bool,
    /// A member name every object may carry besides its table (`RequestId` in answers).
    pub also_known: Option<&'a str>,
}

/// A way a value departs from its table, with the path of the member (`Filters[0].Name`).
#[derive(Debug, Clone, PartialEq)]
pub enum Problem<'v> {
    /// An object was expected.
    NotAnObject { path: String, got: &'v Value },
    /// A member the table does not document.
    Unknown { path: String },
    /// A required member left out (or `null`, where null reads as absent).
    Missing { path: String },
    /// `null` where the table does not document the member as nullable.
    UnexpectedNull { path: String },
    /// A value of another JSON type than documented.
    WrongType {
        path: String,
        expected: String,
        got: &'v Value,
    },
}

/// What the walker reports to; any `Break` stops the walk.
pub trait Visitor<'v> {
    fn problem(&mut self, problem: Problem<'v>) -> ControlFlow<()>;

    /// A member whose value has its documented shape (its own members walked already).
    fn member(&mut self, _parent: &str, _field: &Field, _value: &'v Value) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }

    /// An object whose members have all been walked.
    fn object(
        &mut self,
        _path: &str,
        _fields: &[Field],
        _object: &'v Map<String, Value>,
    ) -> ControlFlow<()> {
        ControlFlow::Continue(())
    }
}

impl Walk<'_> {
    /// Walks `value` as an object of `fields` at `path` ("" for the top level).
    pub fn object<'v>(
        &self,
        path: &str,
        fields: &[Field],
        value: &'v Value,
        visitor: &mut dyn Visitor<'v>,
    ) -> ControlFlow<()> {
        let Some(object) = value.as_object() else {
            return visitor.problem(Problem::NotAnObject {
                path: path.to_string(),
                got: value,
            });
        };
        for key in object.keys() {
            if !fields.iter().any(|f| f.name == *key) && self.also_known != Some(key.as_str()) {
                visitor.problem(Problem::Unknown {
                    path: join(path, key),
                })?;
            }
        }
        for field in fields {
            let member = join(path, &field.name);
            match object.get(&field.name) {
                None | Some(Value::Null)
                    if self.required
                        && field.required == Some(true)
                        && self.nulls == Nulls::Absent =>
                {
                    visitor.problem(Problem::Missing { path: member })?
                }
                None if self.required && field.required == Some(true) => {
                    visitor.problem(Problem::Missing { path: member })?
                }
                Some(Value::Null) if self.nulls == Nulls::Documented && !field.nullable => {
                    visitor.problem(Problem::UnexpectedNull { path: member })?
                }
                None | Some(Value::Null) => {}
                Some(v) => {
                    if self.value(&member, &field.ty, field.nullable, v, visitor)? {
                        visitor.member(path, field, v)?;
                    }
                }
            }
        }
        visitor.object(path, fields, object)
    }

    /// Walks one value of type `ty`; `Continue(true)` when its shape is as documented.
    fn value<'v>(
        &self,
        path: &str,
        ty: &TypeRef,
        nullable: bool,
        v: &'v Value,
        visitor: &mut dyn Visitor<'v>,
    ) -> ControlFlow<(), bool> {
        if v.is_null() {
            if self.nulls == Nulls::Documented && !nullable {
                visitor.problem(Problem::UnexpectedNull {
                    path: path.to_string(),
                })?;
            }
            return ControlFlow::Continue(self.nulls != Nulls::Documented || nullable);
        }
        let fits = match ty {
            TypeRef::Array { items } => match v.as_array() {
                Some(elements) => {
                    let mut all = true;
                    for (i, element) in elements.iter().enumerate() {
                        all &= self.value(&index(path, i), items, nullable, element, visitor)?;
                    }
                    return ControlFlow::Continue(all);
                }
                None => false,
            },
            TypeRef::Struct { name } => match (v.is_object(), (self.types)(name)) {
                (true, Some(def)) => {
                    self.object(path, &def.fields, v, visitor)?;
                    return ControlFlow::Continue(true);
                }
                (true, None) => true,
                (false, _) => false,
            },
            scalar => scalar.fits_scalar(v),
        };
        if !fits {
            visitor.problem(Problem::WrongType {
                path: path.to_string(),
                expected: type_name(ty),
                got: v,
            })?;
        }
        ControlFlow::Continue(fits)
    }
}

/// The JSON type of a value, in words ("an integer").
pub fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A documented type, in words ("an array of a string").
pub fn type_name(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "a string".into(),
        TypeRef::Integer => "an integer".into(),
        TypeRef::Boolean => "a boolean".into(),
        TypeRef::Float => "a number".into(),
        TypeRef::Timestamp { .. } => "a timestamp string".into(),
        TypeRef::Date => "a date string".into(),
        TypeRef::Binary => "a base64 string".into(),
        TypeRef::Json => "any JSON value".into(),
        TypeRef::Array { items } => format!("an array of {}", type_name(items)),
        TypeRef::Struct { name } => format!("a {name} object"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use serde_json::json;

    fn field(name: &str, ty: TypeRef, required: bool) -> Field {
        Field {
            name: name.into(),
            ty,
            required: Some(required),
            nullable: false,
            description: String::new(),
            constraints: Vec::new(),
            covered: Vec::new(),
            request_id: false,
            location: Location {
                file: "t".into(),
                line: 1,
                column: None,
                element: None,
            },
        }
    }

    struct Collect(Vec<String>);

    impl<'v> Visitor<'v> for Collect {
        fn problem(&mut self, problem: Problem<'v>) -> ControlFlow<()> {
            self.0.push(format!("{problem:?}"));
            ControlFlow::Continue(())
        }
    }

    #[test]
    fn unknown_missing_and_mistyped_members_are_found_at_their_paths() {
        let location = Location {
            file: "t".into(),
            line: 1,
            column: None,
            element: None,
        };
        let item = StructType {
            name: "Item".into(),
            description: String::new(),
            used_by: Vec::new(),
            fields: vec![field("Name", TypeRef::String, true)],
            location,
        };
        let types = |name: &str| (name == "Item").then_some(&item);
        let fields = vec![
            field("Id", TypeRef::Integer, true),
            field(
                "Items",
                TypeRef::Array {
                    items: Box::new(TypeRef::Struct {
                        name: "Item".into(),
                    }),
                },
                false,
            ),
        ];
        let walk = Walk {
            types: &types,
            nulls: Nulls::Absent,
            required: true,
            also_known: None,
        };
        let body = json!({"Items": [{"Name": 5}, {}], "Extra": 1});
        let mut seen = Collect(Vec::new());
        let _ = walk.object("", &fields, &body, &mut seen);
        assert_eq!(
            seen.0,
            [
                "Unknown { path: \"Extra\" }",
                "Missing { path: \"Id\" }",
                "WrongType { path: \"Items[0].Name\", expected: \"a string\", got: Number(5) }",
                "Missing { path: \"Items[1].Name\" }",
            ]
        );
    }

    #[test]
    fn nulls_read_as_the_caller_says() {
        let none = |_: &str| None;
        let fields = vec![field("Id", TypeRef::Integer, true)];
        let body = json!({"Id": null});
        for (nulls, expected) in [
            (Nulls::Absent, 1),
            (Nulls::Documented, 1),
            (Nulls::Allowed, 0),
        ] {
            let mut seen = Collect(Vec::new());
            let _ = Walk {
                types: &none,
                nulls,
                required: true,
                also_known: None,
            }
            .object("", &fields, &body, &mut seen);
            assert_eq!(seen.0.len(), expected, "{nulls:?}: {:?}", seen.0);
        }
    }
}
