//! Constraints read from descriptions: data, not code. Each keeps the phrase it came from.
//!
//! A constraint is a checked limit, stored as the rules crate's own
//! [`tencentcloud_rules::Rule`] (one definition of a limit, from the extractor that reads it
//! to the check of generated clients and of the emulator), or a fact that only documents
//! ([`Fact`]: a default, an encoding).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::BTreeMap;
use tencentcloud_rules::{Checked, Rule};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "super::schema_two::ConstraintRecord")]
pub struct Constraint {
    pub kind: ConstraintKind,
    /// Where inside the value the rule applies, relative to each array element
    /// (`Values` for "that of Filter.Values is 5" on `Filters`). Absent: the field itself.
    pub path: Option<String>,
    /// The exact phrase of the description this constraint was read from.
    pub source: String,
    /// What documented values mean, by value, where the page says (`Online：在线`): the
    /// documentation of a `one_of` limit's values, written inside them
    /// (`{"value": "Online", "description": "在线"}`).
    pub meanings: BTreeMap<String, String>,
}

/// A documented value and, when the page gives it, what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnumValue {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// What a constraint is: a limit values are checked against, or a fact that documents.
/// Written as the rule or fact it holds, tagged by `kind` (`{"kind": "max_chars", "max": 60}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ConstraintKind {
    Limit(Rule<'static>),
    Fact(Fact),
}

/// A documented fact that is not checked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fact {
    /// The documented default ("Default value: 60 seconds"); also in the field's `default`.
    Default { value: Value },
    /// A default described in words, decided by the server ("The Timeout of the command is
    /// used by default").
    ServerDefault,
    /// The string carries bytes in Base64 ("Base64-encoded command", "Base64编码后的命令内容"):
    /// the client encodes and decodes for its caller (`…_raw`, `…_decoded`); the server
    /// checks it.
    Base64,
}

impl From<Rule<'static>> for ConstraintKind {
    fn from(rule: Rule<'static>) -> Self {
        ConstraintKind::Limit(rule)
    }
}

impl From<Fact> for ConstraintKind {
    fn from(fact: Fact) -> Self {
        ConstraintKind::Fact(fact)
    }
}

impl ConstraintKind {
    /// The rule to check, or `None` for facts that only document.
    pub fn rule(&self) -> Option<&Rule<'static>> {
        match self {
            ConstraintKind::Limit(rule) => Some(rule),
            ConstraintKind::Fact(_) => None,
        }
    }

    /// The constraint in words, for documentation ("at most 200 items", "default 60").
    pub fn describe(&self) -> Cow<'static, str> {
        match self {
            ConstraintKind::Limit(rule) => Cow::Owned(rule.to_string()),
            ConstraintKind::Fact(Fact::Default { value }) => Cow::Owned(format!("default {value}")),
            ConstraintKind::Fact(Fact::ServerDefault) => {
                Cow::Borrowed("the server chooses a default when left out")
            }
            ConstraintKind::Fact(Fact::Base64) => Cow::Borrowed("Base64-encoded"),
        }
    }
}

impl Constraint {
    pub fn new(kind: impl Into<ConstraintKind>, source: impl Into<String>) -> Self {
        Constraint {
            kind: kind.into(),
            path: None,
            source: source.into(),
            meanings: BTreeMap::new(),
        }
    }

    /// The limit that the value is one of `values`, with what each means where the page says.
    pub fn one_of(values: Vec<EnumValue>, source: impl Into<String>) -> Self {
        let mut meanings = BTreeMap::new();
        let mut names = Vec::with_capacity(values.len());
        for v in values {
            if let Some(description) = v.description {
                meanings.entry(v.value.clone()).or_insert(description);
            }
            names.push(v.value);
        }
        Constraint {
            meanings,
            ..Constraint::new(
                Rule::OneOf {
                    values: names.into(),
                },
                source,
            )
        }
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The rule, borrowed, with its doc phrase and element path, or `None` for facts.
    pub fn checked(&self) -> Option<Checked<'_>> {
        Some(Checked {
            rule: self.kind.rule()?.borrowed(),
            source: &self.source,
            path: self.path.as_deref(),
        })
    }

    /// The documented values of a `one_of` limit with what each means, or `None`.
    pub fn values(&self) -> Option<Vec<EnumValue>> {
        let Some(Rule::OneOf { values }) = self.kind.rule() else {
            return None;
        };
        let described = |v: &str| EnumValue {
            value: v.to_string(),
            description: self.meanings.get(v).cloned(),
        };
        Some(values.iter().map(described).collect())
    }
}

/// A constraint as written: a `one_of` limit's values carry their meanings.
#[derive(Serialize)]
struct Written<'c> {
    #[serde(flatten)]
    kind: WrittenKind<'c>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: &'c Option<String>,
    source: &'c str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum WrittenKind<'c> {
    Values {
        kind: &'static str,
        values: Vec<EnumValue>,
    },
    Other(&'c ConstraintKind),
}

impl Serialize for Constraint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let kind = match self.values() {
            Some(values) => WrittenKind::Values {
                kind: "one_of",
                values,
            },
            None => WrittenKind::Other(&self.kind),
        };
        Written {
            kind,
            path: &self.path,
            source: &self.source,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tencentcloud_rules::Number;

    #[test]
    fn limits_are_rules_and_facts_only_document() {
        let max = ConstraintKind::from(Rule::MaxBytes { max: 60 });
        assert_eq!(max.rule(), Some(&Rule::MaxBytes { max: 60 }));
        assert_eq!(max.describe(), "at most 60 bytes");
        let default = ConstraintKind::from(Fact::Default { value: json!(60) });
        assert_eq!(default.rule(), None);
        assert_eq!(default.describe(), "default 60");
        let c = Constraint::new(Rule::MaxItems { max: 5 }, "that of Filter.Values is 5")
            .at_path("Values");
        assert_eq!(
            c.checked(),
            Some(Checked {
                rule: Rule::MaxItems { max: 5 },
                source: "that of Filter.Values is 5",
                path: Some("Values")
            })
        );
    }

    #[test]
    fn constraints_are_written_as_their_rule_or_fact() {
        let cases = [
            (
                Constraint::new(
                    Rule::Maximum {
                        max: Number::Int(i128::from(u64::MAX)),
                    },
                    "s",
                ),
                json!({"kind": "maximum", "max": u64::MAX, "source": "s"}),
            ),
            (
                Constraint::new(Fact::Default { value: json!(60) }, "s"),
                json!({"kind": "default", "value": 60, "source": "s"}),
            ),
            (
                Constraint::new(Fact::ServerDefault, "s"),
                json!({"kind": "server_default", "source": "s"}),
            ),
            (
                Constraint::one_of(
                    vec![
                        EnumValue {
                            value: "A".into(),
                            description: Some("a".into()),
                        },
                        EnumValue {
                            value: "B".into(),
                            description: None,
                        },
                    ],
                    "s",
                )
                .at_path("Values"),
                json!({"kind": "one_of", "values": [{"value": "A", "description": "a"}, {"value": "B"}], "path": "Values", "source": "s"}),
            ),
        ];
        for (c, expected) in cases {
            let written = serde_json::to_value(&c).unwrap();
            assert_eq!(written, expected);
            assert_eq!(serde_json::from_value::<Constraint>(written).unwrap(), c);
        }
    }
}
