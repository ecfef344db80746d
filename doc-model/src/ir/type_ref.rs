//! Parses a page's type column ("Array of String", "Timestamp ISO8601", "Tag").

use super::model::TypeRef;

/// Parses a type cell. Unknown lowercase or multi-word names are errors (the caller keeps
/// the field as a JSON value and warns); a single CamelCase word is a structure reference,
/// checked against the data types later.
pub fn parse_type(text: &str) -> Result<TypeRef, String> {
    let text = link_text(text.trim().trim_end_matches('.'));
    if let Some(rest) = strip_prefix_ignore_case(text, "Array of ")
        .or_else(|| strip_prefix_ignore_case(text, "List of "))
    {
        return Ok(TypeRef::Array {
            items: Box::new(parse_type(rest)?),
        });
    }
    let scalar = match text.to_ascii_lowercase().as_str() {
        "string" => Some(TypeRef::String),
        "integer" | "int" | "int32" | "int64" | "uint32" | "uint64" | "uinteger" | "long" => {
            Some(TypeRef::Integer)
        }
        "boolean" | "bool" => Some(TypeRef::Boolean),
        "float" | "double" | "number" => Some(TypeRef::Float),
        "object" | "json" | "map" | "any" => Some(TypeRef::Json),
        "timestamp" => Some(TypeRef::Timestamp { format: None }),
        "timestamp iso8601" => Some(TypeRef::Timestamp {
            format: Some("iso8601".into()),
        }),
        "date" => Some(TypeRef::Date),
        "binary" => Some(TypeRef::Binary),
        _ => None,
    };
    if let Some(t) = scalar {
        return Ok(t);
    }
    if is_struct_name(text) {
        return Ok(TypeRef::Struct {
            name: text.to_string(),
        });
    }
    Err(format!(
        "unknown type `{text}`; expected String, Integer, Boolean, Float, Timestamp, Timestamp ISO8601, Date, Binary, `Array of X` or a structure name"
    ))
}

/// `[Placement](# placement)`, a link Markdown could not read (a space in its target), as
/// its text; anything else unchanged.
fn link_text(text: &str) -> &str {
    text.strip_prefix('[')
        .and_then(|rest| rest.split_once("]("))
        .filter(|(_, target)| target.ends_with(')') && !target[..target.len() - 1].contains(')'))
        .map_or(text, |(inner, _)| inner.trim())
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn is_struct_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_documented_form() {
        let cases = [
            ("String", TypeRef::String),
            ("Integer", TypeRef::Integer),
            ("Boolean", TypeRef::Boolean),
            ("Float", TypeRef::Float),
            ("Timestamp", TypeRef::Timestamp { format: None }),
            (
                "Timestamp ISO8601",
                TypeRef::Timestamp {
                    format: Some("iso8601".into()),
                },
            ),
            ("Date", TypeRef::Date),
            ("Binary", TypeRef::Binary),
            (
                "Array of String",
                TypeRef::Array {
                    items: Box::new(TypeRef::String),
                },
            ),
            (
                "Array of Tag",
                TypeRef::Array {
                    items: Box::new(TypeRef::Struct { name: "Tag".into() }),
                },
            ),
            (
                "ScheduleSettings",
                TypeRef::Struct {
                    name: "ScheduleSettings".into(),
                },
            ),
            ("Object", TypeRef::Json),
            (
                "List of Integer",
                TypeRef::Array {
                    items: Box::new(TypeRef::Integer),
                },
            ),
            ("Integer.", TypeRef::Integer),
            (
                "[Placement](# placement)",
                TypeRef::Struct {
                    name: "Placement".into(),
                },
            ),
            (
                "Array of [Tag](# tag)",
                TypeRef::Array {
                    items: Box::new(TypeRef::Struct { name: "Tag".into() }),
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_type(text).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_type() {
        for text in ["", "string of bytes", "map<string>", "Array of ", "42"] {
            assert!(parse_type(text).is_err(), "{text}");
        }
    }
}
