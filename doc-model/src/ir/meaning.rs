//! What each kind of constraint means: a rule a value is checked against, or a fact that
//! only documents (a default). The one place a constraint kind becomes a
//! [`tencentcloud_rules::Rule`]; every kind is named, so a new kind is a compile error here.

use super::constraint::{Constraint, ConstraintKind};
use serde_json::Value;
use std::borrow::Cow;
use tencentcloud_rules::{Checked, List, Number, Rule};

/// A constraint's meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Meaning<'a> {
    /// A rule a value must keep.
    Rule(Rule<'a>),
    /// The documented default; nothing to check.
    Default(&'a Value),
    /// A default the server chooses ("the Timeout of the command is used by default").
    ServerDefault,
    /// How the string encodes its content (Base64): the client encodes and decodes for its
    /// caller (`…_raw`, `…_decoded`); the server checks it.
    Encoding,
}

impl ConstraintKind {
    pub fn meaning(&self) -> Meaning<'_> {
        fn names(n: &[String]) -> List<'_, &str> {
            List::Owned(n.iter().map(String::as_str).collect())
        }
        Meaning::Rule(match self {
            ConstraintKind::MaxChars { max } => Rule::MaxChars(*max),
            ConstraintKind::MaxBytes { max } => Rule::MaxBytes(*max),
            ConstraintKind::MinChars { min } => Rule::MinChars(*min),
            ConstraintKind::MinBytes { min } => Rule::MinBytes(*min),
            ConstraintKind::MaxItems { max } => Rule::MaxItems(*max),
            ConstraintKind::MinItems { min } => Rule::MinItems(*min),
            ConstraintKind::Minimum { min } => Rule::Minimum(number(min)),
            ConstraintKind::Maximum { max } => Rule::Maximum(number(max)),
            ConstraintKind::Default { value } => return Meaning::Default(value),
            ConstraintKind::ServerDefault => return Meaning::ServerDefault,
            ConstraintKind::Base64 => return Meaning::Encoding,
            ConstraintKind::OneOf { values } => Rule::OneOf(List::Owned(
                values.iter().map(|v| v.value.as_str()).collect(),
            )),
            ConstraintKind::Prefix { prefix } => Rule::Prefix(prefix),
            ConstraintKind::Charset { class } => Rule::Charset(class),
            ConstraintKind::JsonEncoded => Rule::JsonEncoded,
            ConstraintKind::JsonStringValues => Rule::JsonStringValues,
            ConstraintKind::JsonMaxKeys { max } => Rule::JsonMaxKeys(*max),
            ConstraintKind::JsonKeyMaxChars { max } => Rule::JsonKeyMaxChars(*max),
            ConstraintKind::JsonKeyCharset { class } => Rule::JsonKeyCharset(class),
            ConstraintKind::MutuallyExclusive { fields } => Rule::MutuallyExclusive(names(fields)),
            ConstraintKind::ExactlyOneOf { fields } => Rule::ExactlyOneOf(names(fields)),
            ConstraintKind::AtLeastOneOf { fields } => Rule::AtLeastOneOf(names(fields)),
            ConstraintKind::RequiredIf { field, equals } => Rule::RequiredIf { field, equals },
            ConstraintKind::Filter { name, values } => Rule::Filter {
                name,
                values: names(values),
            },
        })
    }

    /// The rule to check, or `None` for constraints that only document.
    pub fn rule(&self) -> Option<Rule<'_>> {
        match self.meaning() {
            Meaning::Rule(rule) => Some(rule),
            Meaning::Default(_) | Meaning::ServerDefault | Meaning::Encoding => None,
        }
    }

    /// The constraint in words, for documentation ("at most 200 items", "default 60").
    pub fn describe(&self) -> Cow<'static, str> {
        match self.meaning() {
            Meaning::Rule(rule) => Cow::Owned(rule.to_string()),
            Meaning::Default(value) => Cow::Owned(format!("default {value}")),
            Meaning::ServerDefault => Cow::Borrowed("the server chooses a default when left out"),
            Meaning::Encoding => Cow::Borrowed("Base64-encoded"),
        }
    }
}

impl<'a> From<&'a ConstraintKind> for Option<Rule<'a>> {
    fn from(kind: &'a ConstraintKind) -> Self {
        kind.rule()
    }
}

impl Constraint {
    /// The rule with its doc phrase and element path, or `None` for constraints that only document.
    pub fn checked(&self) -> Option<Checked<'_>> {
        Some(Checked {
            rule: self.kind.rule()?,
            source: &self.source,
            path: self.path.as_deref(),
        })
    }
}

/// A documented bound as the number it is (integers exactly, past `i64` too).
fn number(value: &Value) -> Number {
    match (value.as_i64(), value.as_u64()) {
        (Some(i), _) => Number::Int(i128::from(i)),
        (None, Some(u)) => Number::Int(i128::from(u)),
        (None, None) => Number::Float(value.as_f64().unwrap_or(f64::NAN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kinds_become_rules_or_documentation() {
        let max = ConstraintKind::MaxBytes { max: 60 };
        assert_eq!(max.rule(), Some(Rule::MaxBytes(60)));
        assert_eq!(max.describe(), "at most 60 bytes");
        let default = ConstraintKind::Default { value: json!(60) };
        assert_eq!(default.rule(), None);
        assert_eq!(default.describe(), "default 60");
        let charset = ConstraintKind::Charset {
            class: "[a-z_]".into(),
        };
        assert_eq!(charset.rule(), Some(Rule::Charset("[a-z_]")));
        let huge = ConstraintKind::Maximum {
            max: json!(u64::MAX),
        };
        assert_eq!(
            huge.rule(),
            Some(Rule::Maximum(Number::Int(i128::from(u64::MAX))))
        );
        let c = Constraint::new(
            ConstraintKind::MaxItems { max: 5 },
            "that of Filter.Values is 5",
        )
        .at_path("Values");
        assert_eq!(
            c.checked(),
            Some(Checked {
                rule: Rule::MaxItems(5),
                source: "that of Filter.Values is 5",
                path: Some("Values")
            })
        );
    }
}
