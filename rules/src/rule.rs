//! One rule type for every documented limit: what it allows, in data.
//!
//! Generated clients hold their rules in static tables (`Rule<'static>`, built in const
//! context); the doc model stores them owned (`Rule<'static>` holding `String`s, written to
//! and read from JSON as `{"kind": "max_chars", "max": 60}`) and the emulator checks views
//! of those ([`Rule::borrowed`]). A new kind of rule is one variant here, with its words
//! ([`std::fmt::Display`]), its [`Kind`], its Rust expression ([`Rule::rust`]) and its
//! borrowed view, all in this file (the compiler points at each); then its check and
//! boundary samples in [`crate::check`], and the doc model's extractor that reads it.

use crate::kind::Kind;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// Text a rule holds: borrowed in generated tables (`Text::Borrowed("https")`), owned when
/// read from the doc model.
pub type Text<'a> = Cow<'a, str>;

/// A documented numeric bound, integer or not. Integers are `i128` so that every `i64` and
/// `u64` on the wire compares exactly. Written as the JSON number it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    Int(i128),
    Float(f64),
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Int(n) => write!(f, "{n}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::Int(n) => match (i64::try_from(n), u64::try_from(n)) {
                (Ok(i), _) => s.serialize_i64(i),
                (_, Ok(u)) => s.serialize_u64(u),
                _ => s.serialize_i128(n),
            },
            Number::Float(x) => s.serialize_f64(x),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E>(self, n: i64) -> Result<Number, E> {
                Ok(Number::Int(i128::from(n)))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Number, E> {
                Ok(Number::Int(i128::from(n)))
            }
            fn visit_i128<E>(self, n: i128) -> Result<Number, E> {
                Ok(Number::Int(n))
            }
            fn visit_f64<E>(self, x: f64) -> Result<Number, E> {
                Ok(Number::Float(x))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A list of names a rule holds (values, member names): static in generated tables, owned
/// when read from the doc model, a slice of owned names in a borrowed view. Unlike `Cow`,
/// it keeps `Rule<'a>` covariant in `'a`. Lists are equal when their names are.
#[derive(Clone)]
pub enum List<'a> {
    Static(&'a [&'a str]),
    Slice(&'a [String]),
    Owned(Vec<String>),
}

/// Documented values or member names.
pub type Names<'a> = List<'a>;

impl List<'_> {
    pub fn len(&self) -> usize {
        match self {
            List::Static(items) => items.len(),
            List::Slice(items) => items.len(),
            List::Owned(items) => items.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            List::Static(items) => items.get(i).copied(),
            List::Slice(items) => items.get(i).map(String::as_str),
            List::Owned(items) => items.get(i).map(String::as_str),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(move |i| self.get(i))
    }

    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// The same names, borrowed.
    pub fn borrowed(&self) -> List<'_> {
        match self {
            List::Static(items) => List::Static(items),
            List::Slice(items) => List::Slice(items),
            List::Owned(items) => List::Slice(items),
        }
    }
}

impl<'a> From<Vec<String>> for List<'a> {
    fn from(names: Vec<String>) -> Self {
        List::Owned(names)
    }
}

impl PartialEq for List<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for List<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for List<'_> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(d).map(List::Owned)
    }
}

/// What a documented limit allows. Written to JSON tagged by `kind`, in snake case, as the
/// doc model stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule<'a> {
    /// A string of at most this many characters ("length not exceeding 120 characters").
    MaxChars {
        max: u64,
    },
    MinChars {
        min: u64,
    },
    /// A string of at most this many UTF-8 bytes ("up to 60 bytes", "64 KB").
    MaxBytes {
        max: u64,
    },
    MinBytes {
        min: u64,
    },
    /// A list of at most this many items ("list cap 100", "A maximum of 10 tags").
    MaxItems {
        max: u64,
    },
    MinItems {
        min: u64,
    },
    /// A number at least / at most this, inclusive ("Value range: [1, 86400]").
    Minimum {
        min: Number,
    },
    Maximum {
        max: Number,
    },
    /// One of the documented values, verbatim ("Valid values: SHELL, POWERSHELL, BAT").
    OneOf {
        values: Names<'a>,
    },
    /// A string starting with this text ("must start with https").
    Prefix {
        prefix: Text<'a>,
    },
    /// A string made only of the characters of a class (`[a-zA-Z0-9_\-.]`, read by
    /// [`crate::char_class`]).
    Charset {
        class: Text<'a>,
    },
    /// A string that holds a JSON document ("field type is json encoded string").
    JsonEncoded,
    /// A JSON object whose values are all strings ("both kv are string-type").
    JsonStringValues,
    /// A JSON object of at most this many keys ("Custom parameters can be up to 20").
    JsonMaxKeys {
        max: u64,
    },
    /// A JSON object whose keys have at most this many characters.
    JsonKeyMaxChars {
        max: u64,
    },
    /// A JSON object whose keys are made only of the characters of a class.
    JsonKeyCharset {
        class: Text<'a>,
    },
    /// At most one of these members is given ("X and Y cannot be specified at the same time").
    MutuallyExclusive {
        fields: Names<'a>,
    },
    /// Exactly one of these members is given ("you must provide one and can only provide one").
    ExactlyOneOf {
        fields: Names<'a>,
    },
    /// At least one of these members is given ("X or Y must be specified").
    AtLeastOneOf {
        fields: Names<'a>,
    },
    /// The member this rule is on is given when `field` is `equals`.
    RequiredIf {
        field: Text<'a>,
        equals: Text<'a>,
    },
    /// The member must be given: a required parameter the builder's types do not enforce
    /// (past the compiler-checked limit, or a required member inside a cycle of structures).
    Required,
    /// A documented filter name for a `Filters` list of `{Name, Values}`, with its values
    /// when the page lists them. All filter rules of one list are checked together.
    Filter {
        name: Text<'a>,
        #[serde(default = "no_names", skip_serializing_if = "List::is_empty")]
        values: Names<'a>,
    },
}

fn no_names<'a>() -> Names<'a> {
    List::Owned(Vec::new())
}

impl<'a> Rule<'a> {
    /// This rule as read from the doc phrase `source`.
    pub const fn doc(self, source: &'a str) -> Checked<'a> {
        Checked::new(self, source)
    }

    /// The same rule borrowing from this one (no copy of its names or text).
    pub fn borrowed(&self) -> Rule<'_> {
        fn text<'t>(t: &'t Text<'_>) -> Text<'t> {
            Text::Borrowed(t)
        }
        match self {
            Rule::MaxChars { max } => Rule::MaxChars { max: *max },
            Rule::MinChars { min } => Rule::MinChars { min: *min },
            Rule::MaxBytes { max } => Rule::MaxBytes { max: *max },
            Rule::MinBytes { min } => Rule::MinBytes { min: *min },
            Rule::MaxItems { max } => Rule::MaxItems { max: *max },
            Rule::MinItems { min } => Rule::MinItems { min: *min },
            Rule::Minimum { min } => Rule::Minimum { min: *min },
            Rule::Maximum { max } => Rule::Maximum { max: *max },
            Rule::OneOf { values } => Rule::OneOf {
                values: values.borrowed(),
            },
            Rule::Prefix { prefix } => Rule::Prefix {
                prefix: text(prefix),
            },
            Rule::Charset { class } => Rule::Charset { class: text(class) },
            Rule::JsonEncoded => Rule::JsonEncoded,
            Rule::JsonStringValues => Rule::JsonStringValues,
            Rule::JsonMaxKeys { max } => Rule::JsonMaxKeys { max: *max },
            Rule::JsonKeyMaxChars { max } => Rule::JsonKeyMaxChars { max: *max },
            Rule::JsonKeyCharset { class } => Rule::JsonKeyCharset { class: text(class) },
            Rule::MutuallyExclusive { fields } => Rule::MutuallyExclusive {
                fields: fields.borrowed(),
            },
            Rule::ExactlyOneOf { fields } => Rule::ExactlyOneOf {
                fields: fields.borrowed(),
            },
            Rule::AtLeastOneOf { fields } => Rule::AtLeastOneOf {
                fields: fields.borrowed(),
            },
            Rule::RequiredIf { field, equals } => Rule::RequiredIf {
                field: text(field),
                equals: text(equals),
            },
            Rule::Required => Rule::Required,
            Rule::Filter { name, values } => Rule::Filter {
                name: text(name),
                values: values.borrowed(),
            },
        }
    }

    /// What breaking this rule is. Relations answer for their usual breach (a conflict, or
    /// a missing member); the check says which one happened.
    pub fn kind(&self) -> Kind {
        match self {
            Rule::MaxChars { .. } | Rule::MaxBytes { .. } => Kind::TooLong,
            Rule::MinChars { .. } | Rule::MinBytes { .. } => Kind::TooShort,
            Rule::MaxItems { .. } => Kind::TooMany,
            Rule::MinItems { .. } => Kind::TooFew,
            Rule::Minimum { .. } => Kind::TooSmall,
            Rule::Maximum { .. } => Kind::TooLarge,
            Rule::OneOf { .. } => Kind::NotOneOf,
            Rule::Prefix { .. } => Kind::WrongPrefix,
            Rule::Charset { .. } => Kind::WrongCharacters,
            Rule::JsonEncoded => Kind::NotJson,
            Rule::JsonStringValues => Kind::JsonValueNotString,
            Rule::JsonMaxKeys { .. } => Kind::TooManyJsonKeys,
            Rule::JsonKeyMaxChars { .. } => Kind::JsonKeyTooLong,
            Rule::JsonKeyCharset { .. } => Kind::JsonKeyCharacters,
            Rule::MutuallyExclusive { .. } | Rule::ExactlyOneOf { .. } => Kind::Conflict,
            Rule::AtLeastOneOf { .. } | Rule::RequiredIf { .. } | Rule::Required => Kind::Missing,
            Rule::Filter { .. } => Kind::UnknownFilter,
        }
    }

    /// The rule as a Rust constant expression, for the static tables of generated crates,
    /// naming this crate as `rules` (`::tencentcloud_runtime::rules`):
    /// `rules::Rule::MaxChars { max: 60 }`.
    pub fn rust(&self, rules: &str) -> String {
        let mut out = format!("{rules}::Rule::");
        let text = |t: &Text<'_>| format!("{rules}::Text::Borrowed({:?})", &**t);
        let list = |l: &List<'_>| format!("{rules}::List::Static(&{l:?})");
        let number = |n: &Number| match *n {
            Number::Int(i) => format!("{rules}::Number::Int({i})"),
            Number::Float(x) if x.is_finite() => format!("{rules}::Number::Float({x:?})"),
            Number::Float(x) if x.is_nan() => format!("{rules}::Number::Float(f64::NAN)"),
            Number::Float(x) if x > 0.0 => format!("{rules}::Number::Float(f64::INFINITY)"),
            Number::Float(_) => format!("{rules}::Number::Float(f64::NEG_INFINITY)"),
        };
        let _ = match self {
            Rule::MaxChars { max } => write!(out, "MaxChars {{ max: {max} }}"),
            Rule::MinChars { min } => write!(out, "MinChars {{ min: {min} }}"),
            Rule::MaxBytes { max } => write!(out, "MaxBytes {{ max: {max} }}"),
            Rule::MinBytes { min } => write!(out, "MinBytes {{ min: {min} }}"),
            Rule::MaxItems { max } => write!(out, "MaxItems {{ max: {max} }}"),
            Rule::MinItems { min } => write!(out, "MinItems {{ min: {min} }}"),
            Rule::Minimum { min } => write!(out, "Minimum {{ min: {} }}", number(min)),
            Rule::Maximum { max } => write!(out, "Maximum {{ max: {} }}", number(max)),
            Rule::OneOf { values } => write!(out, "OneOf {{ values: {} }}", list(values)),
            Rule::Prefix { prefix } => write!(out, "Prefix {{ prefix: {} }}", text(prefix)),
            Rule::Charset { class } => write!(out, "Charset {{ class: {} }}", text(class)),
            Rule::JsonEncoded => write!(out, "JsonEncoded"),
            Rule::JsonStringValues => write!(out, "JsonStringValues"),
            Rule::JsonMaxKeys { max } => write!(out, "JsonMaxKeys {{ max: {max} }}"),
            Rule::JsonKeyMaxChars { max } => write!(out, "JsonKeyMaxChars {{ max: {max} }}"),
            Rule::JsonKeyCharset { class } => {
                write!(out, "JsonKeyCharset {{ class: {} }}", text(class))
            }
            Rule::MutuallyExclusive { fields } => {
                write!(out, "MutuallyExclusive {{ fields: {} }}", list(fields))
            }
            Rule::ExactlyOneOf { fields } => {
                write!(out, "ExactlyOneOf {{ fields: {} }}", list(fields))
            }
            Rule::AtLeastOneOf { fields } => {
                write!(out, "AtLeastOneOf {{ fields: {} }}", list(fields))
            }
            Rule::RequiredIf { field, equals } => {
                let (field, equals) = (text(field), text(equals));
                write!(out, "RequiredIf {{ field: {field}, equals: {equals} }}")
            }
            Rule::Required => write!(out, "Required"),
            Rule::Filter { name, values } => {
                let (name, values) = (text(name), list(values));
                write!(out, "Filter {{ name: {name}, values: {values} }}")
            }
        };
        out
    }
}

impl Kind {
    /// What breaking `rule` is ([`Rule::kind`]).
    pub fn of(rule: &Rule<'_>) -> Kind {
        rule.kind()
    }
}

/// A rule with the doc phrase it comes from and, optionally, the member of each list
/// element it applies to (`Values` for "that of Filter.Values is 5" on `Filters`).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<'a> {
    pub rule: Rule<'a>,
    pub source: &'a str,
    pub path: Option<&'a str>,
}

impl<'a> Checked<'a> {
    /// A rule read from `source`, on the value itself.
    pub const fn new(rule: Rule<'a>, source: &'a str) -> Self {
        Checked {
            rule,
            source,
            path: None,
        }
    }

    /// The same rule on member `path` of each list element.
    pub const fn at(mut self, path: &'a str) -> Self {
        self.path = Some(path);
        self
    }
}

/// The rules of one member of a request or structure: `(wire name, rules)`. A pair, so a
/// generated table reads as a list of members and their rules.
pub type FieldRules<'a> = (&'a str, &'a [Checked<'a>]);

impl fmt::Display for Rule<'_> {
    /// The rule in words, as a violation and the docs say it ("at most 200 items").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::MaxChars { max } => write!(f, "at most {max} characters"),
            Rule::MinChars { min } => write!(f, "at least {min} characters"),
            Rule::MaxBytes { max } => write!(f, "at most {max} bytes"),
            Rule::MinBytes { min } => write!(f, "at least {min} bytes"),
            Rule::MaxItems { max } => write!(f, "at most {max} items"),
            Rule::MinItems { min } => write!(f, "at least {min} items"),
            Rule::Minimum { min } => write!(f, "at least {min}"),
            Rule::Maximum { max } => write!(f, "at most {max}"),
            Rule::OneOf { values } => write!(f, "one of {}", values.join(", ")),
            Rule::Prefix { prefix } => write!(f, "starting with {prefix:?}"),
            Rule::Charset { class } => write!(f, "made of {class}"),
            Rule::JsonEncoded => f.write_str("a JSON-encoded string"),
            Rule::JsonStringValues => f.write_str("a JSON object of string values"),
            Rule::JsonMaxKeys { max } => write!(f, "a JSON object of at most {max} keys"),
            Rule::JsonKeyMaxChars { max } => {
                write!(f, "a JSON object whose keys have at most {max} characters")
            }
            Rule::JsonKeyCharset { class } => {
                write!(f, "a JSON object whose keys are made of {class}")
            }
            Rule::MutuallyExclusive { fields } => {
                write!(f, "at most one of {}", fields.join(", "))
            }
            Rule::ExactlyOneOf { fields } => write!(f, "exactly one of {}", fields.join(", ")),
            Rule::AtLeastOneOf { fields } => write!(f, "at least one of {}", fields.join(", ")),
            Rule::RequiredIf { field, equals } => write!(f, "given when {field} is {equals}"),
            Rule::Required => f.write_str("given (it is required)"),
            Rule::Filter { name, values } if values.is_empty() => write!(f, "filter `{name}`"),
            Rule::Filter { name, values } => {
                write!(f, "filter `{name}` with values {}", values.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rules_read_and_write_as_the_doc_model_stores_them() {
        let cases = [
            (
                Rule::MaxChars { max: 60 },
                json!({"kind": "max_chars", "max": 60}),
            ),
            (
                Rule::Maximum {
                    max: Number::Int(i128::from(u64::MAX)),
                },
                json!({"kind": "maximum", "max": u64::MAX}),
            ),
            (
                Rule::Minimum {
                    min: Number::Float(0.5),
                },
                json!({"kind": "minimum", "min": 0.5}),
            ),
            (
                Rule::MutuallyExclusive {
                    fields: List::Static(&["A", "B"]),
                },
                json!({"kind": "mutually_exclusive", "fields": ["A", "B"]}),
            ),
            (
                Rule::Filter {
                    name: Text::Borrowed("zone"),
                    values: List::Static(&[]),
                },
                json!({"kind": "filter", "name": "zone"}),
            ),
            (Rule::JsonEncoded, json!({"kind": "json_encoded"})),
        ];
        for (rule, expected) in cases {
            assert_eq!(serde_json::to_value(&rule).unwrap(), expected);
            let read: Rule<'static> = serde_json::from_value(expected).unwrap();
            assert_eq!(read, rule);
            assert_eq!(read.borrowed(), rule);
        }
    }

    #[test]
    fn owned_and_static_lists_are_equal_by_their_names() {
        let owned = List::Owned(vec!["A".into()]);
        assert_eq!(owned, List::Static(&["A"]));
        assert_eq!(format!("{owned:?}"), "[\"A\"]");
        assert_eq!(owned.borrowed(), owned);
    }

    /// Rules stay covariant: a `Rule<'static>` is a `Rule<'a>`.
    #[test]
    fn rules_are_covariant() {
        fn shorten<'a>(rule: Rule<'static>) -> Rule<'a> {
            rule
        }
        assert_eq!(shorten(Rule::Required), Rule::Required);
    }
}
