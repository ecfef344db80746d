//! An answer built from the response table, for an action whose page has no usable
//! example: every documented member, with a value of its type that keeps to its
//! documented limits (the first allowed value, a number within range, a string of the
//! shortest allowed length, one element per array).

use doc_model::ir::{ConstraintKind, Field, StructType, TypeRef};
use serde_json::{json, Map, Value};

/// Structures nest at most this deep in a built answer: a type that contains itself
/// gets `null` (or an empty list) below it.
const MAX_DEPTH: usize = 4;

/// The members of a successful answer (without `RequestId`, which the envelope adds).
pub fn answer_from_schema<'t>(fields: &[Field], types: &dyn Fn(&str) -> Option<&'t StructType>) -> Map<String, Value> {
    object(fields, types, 0)
}

fn object<'t>(fields: &[Field], types: &dyn Fn(&str) -> Option<&'t StructType>, depth: usize) -> Map<String, Value> {
    fields.iter().filter(|f| !f.request_id).map(|f| (f.name.clone(), value(f, &f.ty, types, depth))).collect()
}

/// The first of the field's own limits (not its members') that `pick` reads.
fn own_limit<T>(field: &Field, pick: fn(&ConstraintKind) -> Option<T>) -> Option<T> {
    field.constraints.iter().filter(|c| c.path.is_none()).find_map(|c| pick(&c.kind))
}

fn value<'t>(field: &Field, ty: &TypeRef, types: &dyn Fn(&str) -> Option<&'t StructType>, depth: usize) -> Value {
    let limit = |pick: fn(&ConstraintKind) -> Option<Value>| own_limit(field, pick);
    let count = |pick: fn(&ConstraintKind) -> Option<u64>| own_limit(field, pick);
    match ty {
        TypeRef::Array { items } => {
            if depth >= MAX_DEPTH && matches!(**items, TypeRef::Struct { .. }) {
                return json!([]);
            }
            let min = count(|k| if let ConstraintKind::MinItems { min } = k { Some(*min) } else { None });
            let len = min.unwrap_or(1).clamp(1, 3) as usize;
            Value::Array((0..len).map(|_| value(field, items, types, depth)).collect())
        }
        TypeRef::Struct { name } => match types(name) {
            Some(def) if depth < MAX_DEPTH => Value::Object(object(&def.fields, types, depth + 1)),
            _ if field.nullable => Value::Null,
            _ => json!({}),
        },
        TypeRef::String | TypeRef::Binary => {
            if let Some(first) = limit(|k| if let ConstraintKind::Enum { values } = k { values.first().map(|v| json!(v.value)) } else { None }) {
                return first;
            }
            let min = count(|k| if let ConstraintKind::MinLength { min, .. } = k { Some(*min) } else { None }).unwrap_or(0) as usize;
            let max = count(|k| if let ConstraintKind::MaxLength { max, .. } = k { Some(*max) } else { None }).unwrap_or(u64::MAX) as usize;
            let sample = if ty == &TypeRef::Binary { "ZW11bGF0ZWQ=" } else { "emulated" };
            let mut text: String = sample.chars().take(max).collect();
            while text.len() < min.min(4096) {
                text.push('x');
            }
            json!(text)
        }
        TypeRef::Integer | TypeRef::Float => {
            let min = limit(|k| if let ConstraintKind::Minimum { min } = k { Some(min.clone()) } else { None });
            let max = limit(|k| if let ConstraintKind::Maximum { max } = k { Some(max.clone()) } else { None });
            match (min, max) {
                (Some(min), _) => min,
                (None, Some(max)) if max.as_f64().is_some_and(|m| m < 0.0) => max,
                _ if ty == &TypeRef::Integer => json!(0),
                _ => json!(0.0),
            }
        }
        TypeRef::Boolean => json!(false),
        TypeRef::Timestamp { format } => {
            json!(if format.as_deref() == Some("iso8601") { "2026-01-01T00:00:00Z" } else { "2026-01-01 00:00:00" })
        }
        TypeRef::Date => json!("2026-01-01"),
        TypeRef::Json => json!({}),
    }
}
