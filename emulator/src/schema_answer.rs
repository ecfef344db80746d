//! An answer built from the response table, for an action whose page has no usable
//! example: every documented member, with a value of its type that keeps to its
//! documented limits (the first allowed value, a number within range, a string of the
//! shortest allowed length, one element per array).

use doc_model::ir::{Field, StructType, TypeRef};
use serde_json::{json, Map, Value};
use tencentcloud_rules::{Number, Rule};

/// Structures nest at most this deep in a built answer: a type that contains itself
/// gets `null` (or an empty list) below it.
const MAX_DEPTH: usize = 4;

/// The members of a successful answer (without `RequestId`, which the envelope adds).
pub fn answer_from_schema<'t>(
    fields: &[Field],
    types: &dyn Fn(&str) -> Option<&'t StructType>,
) -> Map<String, Value> {
    object(fields, types, 0)
}

fn object<'t>(
    fields: &[Field],
    types: &dyn Fn(&str) -> Option<&'t StructType>,
    depth: usize,
) -> Map<String, Value> {
    fields
        .iter()
        .filter(|f| !f.request_id)
        .map(|f| (f.name.clone(), value(f, &f.ty, types, depth)))
        .collect()
}

/// The rules of the field itself (not of its members).
fn own_rules(field: &Field) -> Vec<&Rule<'static>> {
    field
        .constraints
        .iter()
        .filter(|c| c.path.is_none())
        .filter_map(|c| c.kind.rule())
        .collect()
}

/// The first of `rules` that `pick` reads.
fn first<'r, T>(rules: &[&'r Rule<'r>], pick: impl Fn(&'r Rule<'r>) -> Option<T>) -> Option<T> {
    rules.iter().copied().find_map(pick)
}

fn value<'t>(
    field: &Field,
    ty: &TypeRef,
    types: &dyn Fn(&str) -> Option<&'t StructType>,
    depth: usize,
) -> Value {
    let rules = own_rules(field);
    match ty {
        TypeRef::Array { items } => {
            if depth >= MAX_DEPTH && matches!(**items, TypeRef::Struct { .. }) {
                return json!([]);
            }
            let min = first(&rules, |r| match r {
                Rule::MinItems { min } => Some(*min),
                _ => None,
            });
            let len = min.unwrap_or(1).clamp(1, 3) as usize;
            Value::Array(
                (0..len)
                    .map(|_| value(field, items, types, depth))
                    .collect(),
            )
        }
        TypeRef::Struct { name } => match types(name) {
            Some(def) if depth < MAX_DEPTH => Value::Object(object(&def.fields, types, depth + 1)),
            _ if field.nullable => Value::Null,
            _ => json!({}),
        },
        TypeRef::String | TypeRef::Binary => text(&rules, ty == &TypeRef::Binary),
        TypeRef::Integer | TypeRef::Float => number(&rules, ty == &TypeRef::Integer),
        TypeRef::Boolean => json!(false),
        TypeRef::Timestamp { format } => {
            json!(if format.as_deref() == Some("iso8601") {
                "2026-01-01T00:00:00Z"
            } else {
                "2026-01-01 00:00:00"
            })
        }
        TypeRef::Date => json!("2026-01-01"),
        TypeRef::Json => json!({}),
    }
}

/// The first allowed value, else a sample cut or padded to the documented lengths.
fn text(rules: &[&Rule<'_>], binary: bool) -> Value {
    if let Some(value) = first(rules, |r| match r {
        Rule::OneOf { values } => values.first(),
        _ => None,
    }) {
        return json!(value);
    }
    let min = first(rules, |r| match r {
        Rule::MinChars { min } | Rule::MinBytes { min } => Some(*min),
        _ => None,
    });
    let max = first(rules, |r| match r {
        Rule::MaxChars { max } | Rule::MaxBytes { max } => Some(*max),
        _ => None,
    });
    let sample = if binary { "ZW11bGF0ZWQ=" } else { "emulated" };
    let mut text: String = sample
        .chars()
        .take(max.unwrap_or(u64::MAX) as usize)
        .collect();
    while text.len() < (min.unwrap_or(0) as usize).min(4096) {
        text.push('x');
    }
    json!(text)
}

/// The documented minimum, else a negative maximum, else zero.
fn number(rules: &[&Rule<'_>], integer: bool) -> Value {
    let bound = |n: &Number| match n {
        Number::Int(i) => i64::try_from(*i)
            .map(Value::from)
            .unwrap_or_else(|_| json!(*i as f64)),
        Number::Float(x) => json!(x),
    };
    let min = first(rules, |r| match r {
        Rule::Minimum { min: n } => Some(bound(n)),
        _ => None,
    });
    let max = first(rules, |r| match r {
        Rule::Maximum { max: n } => Some(bound(n)),
        _ => None,
    });
    match (min, max) {
        (Some(min), _) => min,
        (None, Some(max)) if max.as_f64().is_some_and(|m| m < 0.0) => max,
        _ if integer => json!(0),
        _ => json!(0.0),
    }
}
