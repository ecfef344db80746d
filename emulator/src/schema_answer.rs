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

fn value<'t>(field: &Field, ty: &TypeRef, types: &dyn Fn(&str) -> Option<&'t StructType>, depth: usize) -> Value {
    let constraint = |pick: &dyn Fn(&ConstraintKind) -> Option<Value>| field.constraints.iter().filter(|c| c.path.is_none()).find_map(|c| pick(&c.kind));
    match ty {
        TypeRef::Array { items } => {
            let min = constraint(&|k| match k {
                ConstraintKind::MinItems { min } => Some(json!(min)),
                _ => None,
            });
            let count = min.and_then(|m| m.as_u64()).unwrap_or(1).max(1) as usize;
            if depth >= MAX_DEPTH && matches!(**items, TypeRef::Struct { .. }) {
                return json!([]);
            }
            Value::Array((0..count.min(3)).map(|_| value(field, items, types, depth)).collect())
        }
        TypeRef::Struct { name } => match types(name) {
            Some(def) if depth < MAX_DEPTH => Value::Object(object(&def.fields, types, depth + 1)),
            _ if field.nullable => Value::Null,
            _ => json!({}),
        },
        TypeRef::String | TypeRef::Binary => {
            if let Some(first) = constraint(&|k| match k {
                ConstraintKind::Enum { values } => values.first().map(|v| json!(v.value)),
                _ => None,
            }) {
                return first;
            }
            let min = constraint(&|k| match k {
                ConstraintKind::MinLength { min, .. } => Some(json!(min)),
                _ => None,
            });
            let max = constraint(&|k| match k {
                ConstraintKind::MaxLength { max, .. } => Some(json!(max)),
                _ => None,
            });
            let min = min.and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            let max = max.and_then(|v| v.as_u64()).unwrap_or(u64::MAX) as usize;
            let text = if ty == &TypeRef::Binary { "ZW11bGF0ZWQ=".to_string() } else { "emulated".to_string() };
            let mut text: String = text.chars().take(max).collect();
            while text.len() < min.min(4096) {
                text.push('x');
            }
            json!(text)
        }
        TypeRef::Integer | TypeRef::Float => {
            let bound = |pick: fn(&ConstraintKind) -> Option<&Value>| constraint(&|k| pick(k).cloned());
            let min = bound(|k| match k {
                ConstraintKind::Minimum { min } => Some(min),
                _ => None,
            });
            let max = bound(|k| match k {
                ConstraintKind::Maximum { max } => Some(max),
                _ => None,
            });
            match (min, max, ty) {
                (Some(min), _, _) => min,
                (None, Some(max), _) if max.as_f64().is_some_and(|m| m < 0.0) => max,
                (_, _, TypeRef::Integer) => json!(0),
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
