//! One rule type for every documented limit: what it allows, in data.
//!
//! Generated clients hold their rules in static tables (`Rule<'static>`); the emulator builds
//! them from the doc model (`Rule<'a>` borrowing from it). Every place that gives a rule a
//! meaning matches on it without a catch-all arm, so a new kind of rule is one variant here
//! and then the places the compiler points at: [`Rule::check_value`](crate::check), its
//! description ([`std::fmt::Display`]), and the emulator's choice of error code; in
//! `codegen`, its Rust tokens (`emit/rule_tokens.rs`) and its boundary samples
//! (`boundary.rs`).

use std::fmt;
use std::ops::Deref;

/// A documented numeric bound, integer or not. Integers are `i128` so that every `i64` and
/// `u64` on the wire compares exactly.
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

/// A list a rule names (values, member names): static in generated tables, built from the
/// doc model in the emulator. Unlike `Cow`, it keeps `Rule<'a>` covariant in `'a`.
#[derive(Debug, Clone, PartialEq)]
pub enum List<'a, T> {
    Static(&'a [T]),
    Owned(Vec<T>),
}

impl<T> Deref for List<'_, T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            List::Static(items) => items,
            List::Owned(items) => items,
        }
    }
}

/// Documented values or member names.
pub type Names<'a> = List<'a, &'a str>;

/// What a documented limit allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule<'a> {
    /// A string of at most this many characters.
    MaxChars(u64),
    MinChars(u64),
    /// A string of at most this many UTF-8 bytes.
    MaxBytes(u64),
    MinBytes(u64),
    /// A list of at most this many items.
    MaxItems(u64),
    MinItems(u64),
    /// A number at least / at most this (inclusive).
    Minimum(Number),
    Maximum(Number),
    /// One of the documented values, verbatim.
    OneOf(Names<'a>),
    /// A string starting with this text.
    Prefix(&'a str),
    /// A string made only of the characters of a class (`[a-zA-Z0-9_\-.]`, read by
    /// [`crate::char_class`]).
    Charset(&'a str),
    /// A string that holds a JSON document.
    JsonEncoded,
    /// A JSON object whose values are all strings.
    JsonStringValues,
    /// A JSON object of at most this many keys.
    JsonMaxKeys(u64),
    /// A JSON object whose keys have at most this many characters.
    JsonKeyMaxChars(u64),
    /// A JSON object whose keys are made only of the characters of a class.
    JsonKeyCharset(&'a str),
    /// At most one of these members is given.
    MutuallyExclusive(Names<'a>),
    /// Exactly one of these members is given.
    ExactlyOneOf(Names<'a>),
    /// At least one of these members is given.
    AtLeastOneOf(Names<'a>),
    /// The member this rule is on is given when `field` is `equals`.
    RequiredIf {
        field: &'a str,
        equals: &'a str,
    },
    /// The member must be given: a required parameter the builder's types do not enforce
    /// (past the compiler-checked limit, or a required member inside a cycle of structures).
    Required,
    /// A documented filter name for a `Filters` list of `{Name, Values}`, with its values
    /// when the page lists them. All filter rules of one list are checked together.
    Filter {
        name: &'a str,
        values: Names<'a>,
    },
}

impl<'a> Rule<'a> {
    pub const fn one_of(values: &'a [&'a str]) -> Self {
        Rule::OneOf(List::Static(values))
    }

    pub const fn mutually_exclusive(members: &'a [&'a str]) -> Self {
        Rule::MutuallyExclusive(List::Static(members))
    }

    pub const fn exactly_one_of(members: &'a [&'a str]) -> Self {
        Rule::ExactlyOneOf(List::Static(members))
    }

    pub const fn at_least_one_of(members: &'a [&'a str]) -> Self {
        Rule::AtLeastOneOf(List::Static(members))
    }

    pub const fn filter(name: &'a str, values: &'a [&'a str]) -> Self {
        Rule::Filter {
            name,
            values: List::Static(values),
        }
    }

    /// This rule as read from the doc phrase `source`.
    pub const fn doc(self, source: &'a str) -> Checked<'a> {
        Checked::new(self, source)
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
            Rule::MaxChars(n) => write!(f, "at most {n} characters"),
            Rule::MinChars(n) => write!(f, "at least {n} characters"),
            Rule::MaxBytes(n) => write!(f, "at most {n} bytes"),
            Rule::MinBytes(n) => write!(f, "at least {n} bytes"),
            Rule::MaxItems(n) => write!(f, "at most {n} items"),
            Rule::MinItems(n) => write!(f, "at least {n} items"),
            Rule::Minimum(n) => write!(f, "at least {n}"),
            Rule::Maximum(n) => write!(f, "at most {n}"),
            Rule::OneOf(values) => write!(f, "one of {}", values.join(", ")),
            Rule::Prefix(p) => write!(f, "starting with {p:?}"),
            Rule::Charset(class) => write!(f, "made of {class}"),
            Rule::JsonEncoded => f.write_str("a JSON-encoded string"),
            Rule::JsonStringValues => f.write_str("a JSON object of string values"),
            Rule::JsonMaxKeys(n) => write!(f, "a JSON object of at most {n} keys"),
            Rule::JsonKeyMaxChars(n) => {
                write!(f, "a JSON object whose keys have at most {n} characters")
            }
            Rule::JsonKeyCharset(class) => {
                write!(f, "a JSON object whose keys are made of {class}")
            }
            Rule::MutuallyExclusive(names) => write!(f, "at most one of {}", names.join(", ")),
            Rule::ExactlyOneOf(names) => write!(f, "exactly one of {}", names.join(", ")),
            Rule::AtLeastOneOf(names) => write!(f, "at least one of {}", names.join(", ")),
            Rule::RequiredIf { field, equals } => write!(f, "given when {field} is {equals}"),
            Rule::Required => f.write_str("given (it is required)"),
            Rule::Filter { name, values } if values.is_empty() => write!(f, "filter `{name}`"),
            Rule::Filter { name, values } => {
                write!(f, "filter `{name}` with values {}", values.join(", "))
            }
        }
    }
}
