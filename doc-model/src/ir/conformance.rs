//! Checks that every documented example agrees with the page's own tables.
//!
//! Pages are real documentation and contain real mistakes; each disagreement becomes a
//! warning with file:line, never a silent fix.

use super::model::{Action, Example, Field, StructType, TypeRef};
use crate::diagnostic::Diagnostic;
use serde_json::Value;
use std::collections::BTreeMap;

/// Each disagreement of every example of an action, with the index of the example it is in.
pub fn check_examples(action: &Action, types: &BTreeMap<&str, &StructType>) -> Vec<(usize, Diagnostic)> {
    let mut all = Vec::new();
    for (i, example) in action.examples.iter().enumerate() {
        let found = check_example(&action.name, i + 1, example, &action.request, &action.response, types);
        all.extend(found.into_iter().map(|d| (i, d)));
    }
    all
}

/// Each disagreement of example `n` of `action` with the action's request and response tables.
pub fn check_example(action: &str, n: usize, example: &Example, request: &[Field], response: &[Field], types: &BTreeMap<&str, &StructType>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut ctx = Checker { types, out: &mut out, example, action, n };
    if !example.request.is_null() {
        ctx.object(&example.request, request, "request", true, Side::Request);
    }
    match example.response.get("Response") {
        Some(body) => {
            if body.get("Error").is_none() {
                ctx.object(body, response, "Response", false, Side::Response);
            }
        }
        None if example.response.is_null() => {}
        None => ctx.report("response has no top-level `Response` object".to_string(), Side::Response),
    }
    out
}

#[derive(Clone, Copy)]
enum Side {
    Request,
    Response,
}

struct Checker<'a, 'o> {
    types: &'a BTreeMap<&'a str, &'a StructType>,
    out: &'o mut Vec<Diagnostic>,
    example: &'a Example,
    action: &'a str,
    n: usize,
}

impl Checker<'_, '_> {
    /// Reports at the first line of the example block the problem is in.
    fn report(&mut self, problem: String, side: Side) {
        let location = match side {
            Side::Request => &self.example.request_location,
            Side::Response => self.example.response_location.as_ref().unwrap_or(&self.example.request_location),
        }
        .clone();
        let which = match side {
            Side::Request => "request",
            Side::Response => "response",
        };
        self.out.push(Diagnostic::new(location, format!("{} example {} {which}: {problem}", self.action, self.n)));
    }

    fn object(&mut self, value: &Value, fields: &[Field], path: &str, check_required: bool, side: Side) {
        let Some(map) = value.as_object() else {
            self.report(format!("`{path}` is {}, expected an object", json_kind(value)), side);
            return;
        };
        for (key, v) in map {
            let member = format!("{path}.{key}");
            match fields.iter().find(|f| f.name == *key) {
                Some(field) => self.value(v, &field.ty, &member, field.nullable || matches!(side, Side::Response), side),
                None if key == "RequestId" && matches!(side, Side::Response) => {}
                None => self.report(format!("`{member}` is not documented in the parameter table"), side),
            }
        }
        if check_required {
            for f in fields.iter().filter(|f| f.required == Some(true)) {
                if !map.contains_key(&f.name) {
                    self.report(format!("required `{path}.{}` is missing", f.name), side);
                }
            }
        }
    }

    fn value(&mut self, v: &Value, ty: &TypeRef, path: &str, nullable: bool, side: Side) {
        if v.is_null() {
            if !nullable {
                self.report(format!("`{path}` is null but the field is not documented as nullable"), side);
            }
            return;
        }
        let ok = match ty {
            TypeRef::Array { items } => {
                if let Some(items_v) = v.as_array() {
                    for (i, item) in items_v.iter().enumerate() {
                        self.value(item, items, &format!("{path}[{i}]"), nullable, side);
                    }
                    true
                } else {
                    false
                }
            }
            TypeRef::Struct { name } => {
                if let Some(def) = self.types.get(name.as_str()).copied() {
                    let check_required = matches!(side, Side::Request);
                    self.object(v, &def.fields, path, check_required, side);
                }
                return;
            }
            scalar => scalar.fits_scalar(v),
        };
        if !ok {
            self.report(format!("`{path}` is {}, expected {}", json_kind(v), type_name(ty)), side);
        }
    }
}

fn json_kind(v: &Value) -> &'static str {
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

fn type_name(ty: &TypeRef) -> String {
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
