//! Values at a rule's limit and one step past it: the one place boundary samples come from,
//! for the boundary tests of generated crates (`codegen/src/emit/limit_tests.rs`) and of
//! the emulator (its protocol test sends them as JSON).

use crate::ir::{Field, TypeRef};
use serde_json::Value;
use tencentcloud_rules::char_class::{in_class, ranges};
use tencentcloud_rules::{Number, Rule};

/// A value to try, in terms any field of the rule's type can be given.
#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    /// A string of this many characters (one byte each).
    Chars(usize),
    /// This string.
    Text(String),
    /// A list of this many distinct items.
    Items(usize),
    Int(i128),
    /// A JSON object text with `keys` string values and keys `key_len` characters long.
    JsonObject {
        keys: usize,
        key_len: usize,
    },
}

/// The accepted values (every one must pass) and one refused value.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    pub accepted: Vec<Sample>,
    pub refused: Sample,
}

/// Lengths past this are not tried (a 100k-character string per test is enough).
const LONGEST: u64 = 100_000;

/// Values at `rule`'s limit and one past it; `None` for rules about several members, or
/// whose boundary is not a single value.
pub fn boundary(rule: &Rule<'_>) -> Option<Boundary> {
    let pair = |accepted: Sample, refused: Sample| {
        Some(Boundary {
            accepted: vec![accepted],
            refused,
        })
    };
    let len = |n: u64| usize::try_from(n).ok().filter(|_| n <= LONGEST);
    let json = |keys: usize, key_len: usize| Sample::JsonObject { keys, key_len };
    match rule {
        Rule::MaxChars(n) | Rule::MaxBytes(n) => {
            pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? + 1))
        }
        Rule::MinChars(n) | Rule::MinBytes(n) if *n > 0 => {
            pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? - 1))
        }
        Rule::MinChars(_) | Rule::MinBytes(_) => None,
        Rule::MaxItems(n) => pair(Sample::Items(len(*n)?), Sample::Items(len(*n)? + 1)),
        Rule::MinItems(n) if *n > 0 => pair(Sample::Items(len(*n)?), Sample::Items(len(*n)? - 1)),
        Rule::MinItems(_) => None,
        Rule::Minimum(Number::Int(n)) => pair(Sample::Int(*n), Sample::Int(n - 1)),
        Rule::Maximum(Number::Int(n)) => pair(Sample::Int(*n), Sample::Int(n + 1)),
        Rule::Minimum(Number::Float(_)) | Rule::Maximum(Number::Float(_)) => None,
        Rule::OneOf(values) if !values.is_empty() => Some(Boundary {
            accepted: values.iter().map(|v| Sample::Text(v.to_string())).collect(),
            refused: Sample::Text("NOT-A-DOCUMENTED-VALUE".to_string()),
        }),
        Rule::OneOf(_) => None,
        Rule::Prefix(p) => pair(Sample::Text(format!("{p}x")), Sample::Text(format!("x{p}"))),
        Rule::Charset(class) => {
            let inside = ranges(class).next()?.0;
            let outside = ['!', ' ', '~', '\u{e9}', '\u{4e2d}']
                .into_iter()
                .find(|c| !in_class(class, *c))?;
            pair(
                Sample::Text(inside.to_string()),
                Sample::Text(format!("{inside}{outside}")),
            )
        }
        Rule::JsonMaxKeys(n) => pair(json(len(*n)?, 1), json(len(*n)? + 1, 1)),
        Rule::JsonKeyMaxChars(n) => pair(json(1, len(*n)?), json(1, len(*n)? + 1)),
        Rule::JsonEncoded | Rule::JsonStringValues | Rule::JsonKeyCharset(_) => None,
        Rule::MutuallyExclusive(_)
        | Rule::ExactlyOneOf(_)
        | Rule::AtLeastOneOf(_)
        | Rule::RequiredIf { .. }
        | Rule::Filter { .. }
        | Rule::Required => None,
    }
}

impl Sample {
    /// The JSON object text of a [`Sample::JsonObject`] (other samples: `None`).
    pub fn json_object_text(&self) -> Option<String> {
        let Sample::JsonObject { keys, key_len } = self else {
            return None;
        };
        let map: serde_json::Map<String, Value> = (0..*keys)
            .map(|i| {
                let suffix = i.to_string();
                let pad = key_len.saturating_sub(suffix.len());
                (format!("{}{suffix}", "k".repeat(pad)), Value::from("v"))
            })
            .collect();
        Some(Value::Object(map).to_string())
    }

    /// The sample as the JSON of `field`, keeping the field's other documented limits where
    /// a sample has room (a string starts with the field's prefix and is made of its
    /// characters; a list repeats `item`), so the value breaks only the rule it is for.
    /// `None` when the field cannot hold the sample, or no such value exists.
    pub fn json_for(&self, field: &Field, item: Option<&Value>) -> Option<Value> {
        let rules: Vec<Rule<'_>> = field
            .constraints
            .iter()
            .filter_map(|c| c.kind.rule())
            .collect();
        let structured = rules.iter().any(|r| {
            matches!(
                r,
                Rule::JsonEncoded | Rule::JsonStringValues | Rule::OneOf(_)
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
fn text(rules: &[Rule<'_>], n: usize) -> String {
    let prefix = rules.iter().find_map(|r| match r {
        Rule::Prefix(p) => Some(*p),
        _ => None,
    });
    let fill = rules
        .iter()
        .find_map(|r| match r {
            Rule::Charset(class) => ranges(class).next().map(|r| r.0),
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
    use crate::ir::{Constraint, ConstraintKind};

    fn field(ty: TypeRef, kinds: Vec<ConstraintKind>) -> Field {
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
    fn limits_give_a_value_at_them_and_one_past() {
        let b = boundary(&Rule::MaxChars(3)).unwrap();
        assert_eq!(
            (b.accepted, b.refused),
            (vec![Sample::Chars(3)], Sample::Chars(4))
        );
        assert_eq!(
            boundary(&Rule::Minimum(Number::Int(1))).unwrap().refused,
            Sample::Int(0)
        );
        assert_eq!(boundary(&Rule::MinItems(0)), None);
        assert_eq!(boundary(&Rule::MaxChars(u64::MAX)), None, "too long to try");
        let charset = boundary(&Rule::Charset("[a-z]")).unwrap();
        assert_eq!(charset.refused, Sample::Text("a!".into()));
    }

    #[test]
    fn json_samples_keep_the_fields_other_limits() {
        let url = field(
            TypeRef::String,
            vec![
                ConstraintKind::Prefix {
                    prefix: "https".into(),
                },
                ConstraintKind::Charset {
                    class: "[x-z]".into(),
                },
            ],
        );
        assert_eq!(
            Sample::Chars(7).json_for(&url, None),
            Some(Value::from("httpsxx"))
        );
        let json = field(TypeRef::String, vec![ConstraintKind::JsonEncoded]);
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
