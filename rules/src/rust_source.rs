//! A rule as Rust source, for the static tables of generated crates.

use crate::rule::{Checked, Number, Rule};

impl Rule<'_> {
    /// A constant expression of this rule; `rules` is the path of this crate as the
    /// generated code reaches it (`::tencentcloud_runtime::rules`).
    pub fn to_rust(&self, rules: &str) -> String {
        let list = |items: &[&str]| format!("&[{}]", items.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", "));
        let number = |n: &Number| match n {
            Number::Int(i) => format!("{rules}::Number::Int({i})"),
            Number::Float(x) if x.is_finite() => format!("{rules}::Number::Float({x:?})"),
            Number::Float(x) if x.is_nan() => format!("{rules}::Number::Float(f64::NAN)"),
            Number::Float(x) if *x > 0.0 => format!("{rules}::Number::Float(f64::INFINITY)"),
            Number::Float(_) => format!("{rules}::Number::Float(f64::NEG_INFINITY)"),
        };
        let rule = format!("{rules}::Rule");
        match self {
            Rule::MaxChars(n) => format!("{rule}::MaxChars({n})"),
            Rule::MinChars(n) => format!("{rule}::MinChars({n})"),
            Rule::MaxBytes(n) => format!("{rule}::MaxBytes({n})"),
            Rule::MinBytes(n) => format!("{rule}::MinBytes({n})"),
            Rule::MaxItems(n) => format!("{rule}::MaxItems({n})"),
            Rule::MinItems(n) => format!("{rule}::MinItems({n})"),
            Rule::Minimum(n) => format!("{rule}::Minimum({})", number(n)),
            Rule::Maximum(n) => format!("{rule}::Maximum({})", number(n)),
            Rule::OneOf(values) => format!("{rule}::one_of({})", list(values)),
            Rule::Prefix(p) => format!("{rule}::Prefix({p:?})"),
            Rule::Charset(class) => format!("{rule}::Charset({class:?})"),
            Rule::JsonEncoded => format!("{rule}::JsonEncoded"),
            Rule::JsonStringValues => format!("{rule}::JsonStringValues"),
            Rule::JsonMaxKeys(n) => format!("{rule}::JsonMaxKeys({n})"),
            Rule::JsonKeyMaxChars(n) => format!("{rule}::JsonKeyMaxChars({n})"),
            Rule::JsonKeyCharset(class) => format!("{rule}::JsonKeyCharset({class:?})"),
            Rule::MutuallyExclusive(names) => format!("{rule}::mutually_exclusive({})", list(names)),
            Rule::ExactlyOneOf(names) => format!("{rule}::exactly_one_of({})", list(names)),
            Rule::AtLeastOneOf(names) => format!("{rule}::at_least_one_of({})", list(names)),
            Rule::RequiredIf { field, equals } => format!("{rule}::RequiredIf {{ field: {field:?}, equals: {equals:?} }}"),
            Rule::Required => format!("{rule}::Required"),
            Rule::Filter { name, values } => format!("{rule}::filter({name:?}, {})", list(values)),
        }
    }
}

impl Checked<'_> {
    /// A constant expression of this rule with its phrase and path.
    pub fn to_rust(&self, rules: &str) -> String {
        let at = self.path.map(|p| format!(".at({p:?})")).unwrap_or_default();
        format!("{}.doc({:?}){at}", self.rule.to_rust(rules), self.source)
    }
}
