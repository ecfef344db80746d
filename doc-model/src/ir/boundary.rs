//! Boundary samples as the JSON of a field: the samples themselves (a value at a rule's
//! limit and one step past it) come from the rules crate, beside the check they try
//! ([`tencentcloud_rules::check::boundary`]); here a sample becomes the value of a documented
//! field, for the boundary tests of generated crates (`codegen/src/emit/limit_tests.rs`) and
//! of the emulator (its protocol test sends them as JSON).

use crate::ir::{Field, TypeRef};
use serde_json::Value;
use tencentcloud_rules::char_class::ranges;
use tencentcloud_rules::Rule;

pub use tencentcloud_rules::check::{boundary, Boundary, Sample};

/// A sample as the JSON of a documented field.
pub trait SampleJson {
    /// The sample as the JSON of `field`, keeping the field's other documented limits where
    /// a sample has room (a string starts with the field's prefix and is made of its
    /// characters; a list repeats `item`), so the value breaks only the rule it is for.
    /// `None` when the field cannot hold the sample, or no such value exists.
    fn json_for(&self, field: &Field, item: Option<&Value>) -> Option<Value>;
}

impl SampleJson for Sample {
    fn json_for(&self, field: &Field, item: Option<&Value>) -> Option<Value> {
        let rules: Vec<&Rule<'_>> = field
            .constraints
            .iter()
            .filter_map(|c| c.kind.rule())
            .collect();
        let structured = rules.iter().any(|r| {
            matches!(
                r,
                Rule::JsonEncoded | Rule::JsonStringValues | Rule::OneOf { .. }
            )
        });
        match (self, &field.ty) {
            (Sample::Chars(n), TypeRef::String) if !structured => {
                Some(Value::from(text(&rules, *n)))
            }
            (Sample::Text(t), TypeRef::String) => Some(Value::from(t.clone())),
            (Sample::JsonObject { .. }, TypeRef::String) => {
                self.json_object_text().map(Value::from)
            }
            (Sample::Int(n), TypeRef::Integer) => i64::try_from(*n).ok().map(Value::from),
            (Sample::Items(n), TypeRef::Array { .. }) => Some(Value::from(vec![item?.clone(); *n])),
            (
                Sample::Chars(_)
                | Sample::Text(_)
                | Sample::JsonObject { .. }
                | Sample::Int(_)
                | Sample::Items(_),
                _,
            ) => None,
        }
    }
}

/// `n` characters: the field's documented prefix, then its first allowed character.
fn text(rules: &[&Rule<'_>], n: usize) -> String {
    let prefix = rules.iter().find_map(|r| match r {
        Rule::Prefix { prefix } => Some(&**prefix),
        _ => None,
    });
    let fill = rules
        .iter()
        .find_map(|r| match r {
            Rule::Charset { class } => ranges(class).next().map(|r| r.0),
            _ => None,
        })
        .unwrap_or('a');
    let prefix = prefix.unwrap_or_default();
    let pad = n.saturating_sub(prefix.chars().count());
    format!("{prefix}{}", fill.to_string().repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Constraint;

    fn field(ty: TypeRef, kinds: Vec<Rule<'static>>) -> Field {
        Field {
            name: "F".into(),
            ty,
            required: None,
            nullable: false,
            description: String::new(),
            constraints: kinds
                .into_iter()
                .map(|k| Constraint::new(k, "phrase"))
                .collect(),
            covered: Vec::new(),
            request_id: false,
            location: crate::diagnostic::Location::new("f.txt", 1),
        }
    }

    #[test]
    fn json_samples_keep_the_fields_other_limits() {
        let url = field(
            TypeRef::String,
            vec![
                Rule::Prefix {
                    prefix: "https".into(),
                },
                Rule::Charset {
                    class: "[x-z]".into(),
                },
            ],
        );
        assert_eq!(
            Sample::Chars(7).json_for(&url, None),
            Some(Value::from("httpsxx"))
        );
        let json = field(TypeRef::String, vec![Rule::JsonEncoded]);
        assert_eq!(
            Sample::Chars(7).json_for(&json, None),
            None,
            "a length sample would break JSON"
        );
        let list = field(
            TypeRef::Array {
                items: Box::new(TypeRef::String),
            },
            vec![],
        );
        assert_eq!(
            Sample::Items(2).json_for(&list, Some(&Value::from("i"))),
            Some(serde_json::json!(["i", "i"]))
        );
        assert_eq!(Sample::Int(5).json_for(&list, None), None);
    }
}
