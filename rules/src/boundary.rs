//! Values at a rule's limit and one step past it, for boundary tests of generated crates
//! and of the emulator.

use crate::char_class::{in_class, ranges};
use crate::rule::{Number, Rule};

/// A value to try, in terms any field of the rule's type can be given.
#[derive(Debug, Clone, PartialEq)]
pub enum Sample {
    /// A string of this many `a`s (one byte each).
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

impl Rule<'_> {
    /// Values at this rule's limit and one past it; `None` for rules about several
    /// members, or whose boundary is not a single value.
    pub fn boundary(&self) -> Option<Boundary> {
        let pair = |accepted: Sample, refused: Sample| Some(Boundary { accepted: vec![accepted], refused });
        let len = |n: u64| usize::try_from(n).ok().filter(|_| n <= LONGEST);
        match self {
            Rule::MaxChars(n) | Rule::MaxBytes(n) => pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? + 1)),
            Rule::MinChars(n) | Rule::MinBytes(n) if *n > 0 => pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? - 1)),
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
                let outside = ['!', ' ', '~', '\u{e9}', '\u{4e2d}'].into_iter().find(|c| !in_class(class, *c))?;
                pair(Sample::Text(inside.to_string()), Sample::Text(format!("{inside}{outside}")))
            }
            Rule::JsonMaxKeys(n) => pair(Sample::JsonObject { keys: len(*n)?, key_len: 1 }, Sample::JsonObject { keys: len(*n)? + 1, key_len: 1 }),
            Rule::JsonKeyMaxChars(n) => pair(Sample::JsonObject { keys: 1, key_len: len(*n)? }, Sample::JsonObject { keys: 1, key_len: len(*n)? + 1 }),
            Rule::JsonEncoded | Rule::JsonStringValues | Rule::JsonKeyCharset(_) => None,
            Rule::MutuallyExclusive(_) | Rule::ExactlyOneOf(_) | Rule::AtLeastOneOf(_) | Rule::RequiredIf { .. } | Rule::Filter { .. } | Rule::Required => None,
        }
    }
}

impl Sample {
    /// The JSON object text of a [`Sample::JsonObject`] (other samples: `None`).
    pub fn json_object_text(&self) -> Option<String> {
        let Sample::JsonObject { keys, key_len } = self else { return None };
        let map: serde_json::Map<String, serde_json::Value> = (0..*keys)
            .map(|i| {
                let suffix = i.to_string();
                let pad = key_len.saturating_sub(suffix.len());
                (format!("{}{suffix}", "k".repeat(pad)), serde_json::Value::from("v"))
            })
            .collect();
        Some(serde_json::Value::Object(map).to_string())
    }
}
