//! The one check: a value against its rules, every violation with path, rule, value and
//! doc phrase.

use crate::char_class::in_class;
use crate::kind::Kind;
use crate::rule::{Checked, FieldRules, List, Number, Rule};
use crate::view::{ObjectView, View};
use crate::violations::{index, join, shorten, Violations};

/// Every rule of every member of `object` (recursing into structures), then the rules
/// that relate members (`A and B cannot both be given`).
pub fn check_object(
    path: &str,
    rules: &[FieldRules<'_>],
    object: &dyn ObjectView,
    out: &mut Violations,
) {
    for &(name, field_rules) in rules {
        check_field(path, name, field_rules, object.member(name), out);
    }
    check_relations(path, rules, object, out);
}

/// A structure against its own rule table, each member taken by its position in the table
/// (linear in the members, however many there are).
pub fn check_own(path: &str, object: &dyn ObjectView, out: &mut Violations) {
    let rules = object.rules();
    for (at, &(name, field_rules)) in rules.iter().enumerate() {
        check_field(path, name, field_rules, object.member_at(at), out);
    }
    check_relations(path, rules, object, out);
}

/// The rules of one member, whose value is `value`. Lists: count rules on the list, member
/// rules (`path`) on each element's member, filter rules on `{Name, Values}` elements,
/// the others on each item. Structures are checked by their own rules.
pub fn check_field(
    path: &str,
    name: &str,
    rules: &[Checked<'_>],
    value: View<'_>,
    out: &mut Violations,
) {
    if matches!(value, View::Absent) {
        if let Some(c) = rules
            .iter()
            .find(|c| c.rule == Rule::Required && c.path.is_none())
        {
            out.push(
                Kind::Missing,
                join(path, name),
                c.rule.to_string(),
                "missing".to_string(),
                c.source,
            );
        }
        return;
    }
    let fp = join(path, name);
    match value {
        View::List(list) => {
            for c in rules {
                match (c.path, &c.rule) {
                    (Some(member), _) => {
                        for i in 0..list.len() {
                            if let View::Object(element) = list.item(i) {
                                let mp = join(&index(&fp, i), member);
                                check_value(&mp, c, element.member(member), out);
                            }
                        }
                    }
                    (None, Rule::MaxItems { .. } | Rule::MinItems { .. }) => {
                        check_value(&fp, c, value, out)
                    }
                    (None, Rule::Filter { .. }) => {}
                    (None, _) => {
                        for i in 0..list.len() {
                            check_value(&index(&fp, i), c, list.item(i), out);
                        }
                    }
                }
            }
            check_filters(&fp, rules, list, out);
            for i in 0..list.len() {
                if let View::Object(element) = list.item(i) {
                    check_own(&index(&fp, i), element, out);
                }
            }
        }
        View::Object(object) => {
            for c in rules {
                let at = match c.path {
                    Some(member) => object.member(member),
                    None => value,
                };
                check_value(&fp, c, at, out);
            }
            check_own(&fp, object, out);
        }
        View::Str(_) | View::Int(_) | View::Float(_) | View::Bool(_) => {
            for c in rules {
                check_value(&fp, c, value, out);
            }
        }
        View::Absent => {}
    }
}

/// One rule against one value (a scalar, or a list for the count rules). Rules that relate
/// members or filters are checked by [`check_relations`] and `check_filters`. A value of
/// another type than the rule is about breaks nothing here: the wire type check reports it.
pub fn check_value(path: &str, c: &Checked<'_>, value: View<'_>, out: &mut Violations) {
    if matches!(value, View::Absent) {
        return;
    }
    let broken = match &c.rule {
        Rule::MaxChars { .. }
        | Rule::MinChars { .. }
        | Rule::MaxBytes { .. }
        | Rule::MinBytes { .. } => length_breaks(&c.rule, value),
        Rule::MaxItems { .. } | Rule::MinItems { .. } => return check_count(path, c, value, out),
        Rule::Minimum { .. } | Rule::Maximum { .. } => bound_breaks(&c.rule, value),
        Rule::OneOf { .. } | Rule::Prefix { .. } | Rule::Charset { .. } => {
            text_breaks(&c.rule, value)
        }
        Rule::JsonEncoded
        | Rule::JsonStringValues
        | Rule::JsonMaxKeys { .. }
        | Rule::JsonKeyMaxChars { .. }
        | Rule::JsonKeyCharset { .. } => return check_json_text(path, c, value, out),
        // Rules that relate members, and filter rules, are checked over the whole object or list.
        Rule::MutuallyExclusive { .. }
        | Rule::ExactlyOneOf { .. }
        | Rule::AtLeastOneOf { .. }
        | Rule::RequiredIf { .. }
        | Rule::Filter { .. } => None,
        // A given value keeps the rule that it be given.
        Rule::Required => None,
    };
    if let Some(got) = broken {
        out.push(
            Kind::of(&c.rule),
            path.to_string(),
            c.rule.to_string(),
            got,
            c.source,
        );
    }
}

/// What a string breaking a length rule holds (`61 characters`), or `None`.
fn length_breaks(rule: &Rule<'_>, value: View<'_>) -> Option<String> {
    let View::Str(s) = value else { return None };
    let (chars, bytes) = (s.chars().count() as u64, s.len() as u64);
    let (broken, got) = match rule {
        Rule::MaxChars { max } => (chars > *max, format!("{chars} characters")),
        Rule::MinChars { min } => (chars < *min, format!("{chars} characters")),
        Rule::MaxBytes { max } => (bytes > *max, format!("{bytes} bytes")),
        Rule::MinBytes { min } => (bytes < *min, format!("{bytes} bytes")),
        _ => return None,
    };
    broken.then_some(got)
}

/// A list against a count rule; past a cap, the violation is at the first element past it
/// (`InstanceIds[200]`).
fn check_count(path: &str, c: &Checked<'_>, value: View<'_>, out: &mut Violations) {
    let View::List(list) = value else { return };
    let n = list.len() as u64;
    let at = match c.rule {
        Rule::MaxItems { max } if n > max => {
            index(path, usize::try_from(max).unwrap_or(usize::MAX))
        }
        Rule::MinItems { min } if n < min => path.to_string(),
        _ => return,
    };
    let got = format!("{n} items");
    out.push(Kind::of(&c.rule), at, c.rule.to_string(), got, c.source);
}

/// What a number outside a bound is (`0`), or `None`.
fn bound_breaks(rule: &Rule<'_>, value: View<'_>) -> Option<String> {
    let broken = match rule {
        Rule::Minimum { min: bound } => compare(value, *bound).is_some_and(|o| o.is_lt()),
        Rule::Maximum { max: bound } => compare(value, *bound).is_some_and(|o| o.is_gt()),
        _ => false,
    };
    broken.then(|| number_text(value))
}

/// What a value breaking a rule about its text is (shortened), or `None`. Booleans are
/// compared as `true`/`false` against documented values.
fn text_breaks(rule: &Rule<'_>, value: View<'_>) -> Option<String> {
    let text = match value {
        View::Str(s) => s,
        View::Bool(true) => "true",
        View::Bool(false) => "false",
        _ => return None,
    };
    let is_bool = matches!(value, View::Bool(_));
    match rule {
        Rule::OneOf { values } => (!values.contains(text)).then(|| shorten(text)),
        Rule::Prefix { prefix } if !is_bool => {
            (!text.starts_with(&**prefix)).then(|| shorten(text))
        }
        Rule::Charset { class } if !is_bool => {
            let bad = text.chars().find(|ch| !in_class(class, *ch))?;
            Some(format!("{} (contains {bad:?})", shorten(text)))
        }
        _ => None,
    }
}

/// A string against a rule about the JSON document it holds: violations at the string, or
/// at the key that breaks the rule.
fn check_json_text(path: &str, c: &Checked<'_>, value: View<'_>, out: &mut Violations) {
    let View::Str(s) = value else { return };
    if c.rule == Rule::JsonEncoded {
        if serde_json::from_str::<serde_json::Value>(s).is_err() {
            out.push(
                Kind::NotJson,
                path.to_string(),
                c.rule.to_string(),
                shorten(s),
                c.source,
            );
        }
        return;
    }
    let Some(map) = json_object(path, c, s, out) else {
        return;
    };
    let kind = Kind::of(&c.rule);
    let mut push = |at: String, rule: String, got: String| out.push(kind, at, rule, got, c.source);
    match &c.rule {
        Rule::JsonStringValues => {
            if let Some((k, _)) = map.iter().find(|(_, v)| !v.is_string()) {
                push(join(path, k), "a string value".to_string(), shorten(s));
            }
        }
        Rule::JsonMaxKeys { max } if map.len() as u64 > *max => {
            push(
                path.to_string(),
                format!("at most {max} keys"),
                format!("{} keys", map.len()),
            );
        }
        Rule::JsonKeyMaxChars { max } => {
            for key in map.keys().filter(|k| k.chars().count() as u64 > *max) {
                let got = format!("{} characters", key.chars().count());
                push(
                    join(path, key),
                    format!("a key of at most {max} characters"),
                    got,
                );
            }
        }
        Rule::JsonKeyCharset { class } => {
            for key in map.keys() {
                if let Some(bad) = key.chars().find(|ch| !in_class(class, *ch)) {
                    let got = format!("{key:?} (contains {bad:?})");
                    push(join(path, key), format!("a key made of {class}"), got);
                }
            }
        }
        _ => {}
    }
}

/// The JSON object a string holds, or a violation of `c` when it holds none.
fn json_object(
    path: &str,
    c: &Checked<'_>,
    text: &str,
    out: &mut Violations,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => Some(map),
        _ => {
            out.push(
                Kind::NotJson,
                path.to_string(),
                "a JSON object".to_string(),
                shorten(text),
                c.source,
            );
            None
        }
    }
}

/// Rules relating members of one object: at most / exactly / at least one of several,
/// given-when. A relation documented on several members is checked once.
pub fn check_relations(
    path: &str,
    rules: &[FieldRules<'_>],
    object: &dyn ObjectView,
    out: &mut Violations,
) {
    let given = |name: &str| !matches!(object.member(name), View::Absent);
    let mut seen: Vec<&Rule<'_>> = Vec::new();
    for &(name, field_rules) in rules {
        for c in field_rules.iter().filter(|c| c.path.is_none()) {
            let names = match &c.rule {
                Rule::MutuallyExclusive { fields: n }
                | Rule::ExactlyOneOf { fields: n }
                | Rule::AtLeastOneOf { fields: n } => n,
                Rule::RequiredIf {
                    field: other,
                    equals,
                } => {
                    let condition = matches!(object.member(other), View::Str(v) if v == *equals);
                    if condition && !given(name) {
                        out.push(
                            Kind::Missing,
                            join(path, name),
                            c.rule.to_string(),
                            "missing".to_string(),
                            c.source,
                        );
                    }
                    continue;
                }
                _ => continue,
            };
            if seen.iter().any(|s| same_relation(s, &c.rule)) {
                continue;
            }
            seen.push(&c.rule);
            let count = names.iter().filter(|n| given(n)).count();
            let broken = match &c.rule {
                Rule::MutuallyExclusive { .. } => count > 1,
                Rule::ExactlyOneOf { .. } => count != 1,
                _ => count == 0,
            };
            if broken {
                let kind = if count == 0 {
                    Kind::Missing
                } else {
                    Kind::Conflict
                };
                out.push(
                    kind,
                    join(path, &names.join(", ")),
                    c.rule.to_string(),
                    format!("{count} given"),
                    c.source,
                );
            }
        }
    }
}

/// The same kind of relation over the same members, in any order.
fn same_relation(a: &Rule<'_>, b: &Rule<'_>) -> bool {
    fn sorted<'x>(names: &'x List<'_>) -> Vec<&'x str> {
        let mut v: Vec<&str> = names.iter().collect();
        v.sort_unstable();
        v
    }
    match (a, b) {
        (Rule::MutuallyExclusive { fields: x }, Rule::MutuallyExclusive { fields: y })
        | (Rule::ExactlyOneOf { fields: x }, Rule::ExactlyOneOf { fields: y })
        | (Rule::AtLeastOneOf { fields: x }, Rule::AtLeastOneOf { fields: y }) => {
            sorted(x) == sorted(y)
        }
        _ => false,
    }
}

/// The filter rules of a `Filters` list, together: each element's `Name` is a documented
/// filter (a `tag:…` filter documents a family), and its `Values` are among the documented
/// values of that filter when the page lists them.
fn check_filters(
    path: &str,
    rules: &[Checked<'_>],
    list: &dyn crate::view::ListView,
    out: &mut Violations,
) {
    let filters: Vec<(&str, &List<'_>, &str)> = rules
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Filter { name, values } => Some((&**name, values, c.source)),
            _ => None,
        })
        .collect();
    if filters.is_empty() {
        return;
    }
    let exact: Vec<&str> = filters
        .iter()
        .filter(|f| !f.0.contains(':'))
        .map(|f| f.0)
        .collect();
    let families: Vec<&str> = filters
        .iter()
        .filter_map(|f| f.0.split_once(':').map(|(p, _)| p))
        .collect();
    let names_source = format!(
        "documented filters: {}",
        filters.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
    );
    for i in 0..list.len() {
        let View::Object(element) = list.item(i) else {
            continue;
        };
        let ip = index(path, i);
        let View::Str(name) = element.member("Name") else {
            continue;
        };
        let known = exact.contains(&name)
            || families.iter().any(|p| {
                name.strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(':'))
            });
        if !known {
            out.push(
                Kind::UnknownFilter,
                join(&ip, "Name"),
                format!("one of {}", exact.join(", ")),
                shorten(name),
                &names_source,
            );
        }
        let Some((_, allowed, source)) = filters.iter().find(|f| f.0 == name && !f.1.is_empty())
        else {
            continue;
        };
        if let View::List(values) = element.member("Values") {
            for j in 0..values.len() {
                if let View::Str(v) = values.item(j) {
                    if !allowed.contains(v) {
                        out.push(
                            Kind::NotOneOf,
                            index(&join(&ip, "Values"), j),
                            format!("one of {}", allowed.join(", ")),
                            shorten(v),
                            source,
                        );
                    }
                }
            }
        }
    }
}

/// A value to try against a rule, in terms any member of the rule's type can be given.
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

/// Values at `rule`'s limit and one past it, beside the check they try: the one place
/// boundary samples come from, for the boundary tests of generated crates and of the
/// emulator. `None` for rules about several members, or whose boundary is not one value.
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
        Rule::MaxChars { max: n } | Rule::MaxBytes { max: n } => {
            pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? + 1))
        }
        Rule::MinChars { min: n } | Rule::MinBytes { min: n } if *n > 0 => {
            pair(Sample::Chars(len(*n)?), Sample::Chars(len(*n)? - 1))
        }
        Rule::MinChars { .. } | Rule::MinBytes { .. } => None,
        Rule::MaxItems { max: n } => pair(Sample::Items(len(*n)?), Sample::Items(len(*n)? + 1)),
        Rule::MinItems { min: n } if *n > 0 => {
            pair(Sample::Items(len(*n)?), Sample::Items(len(*n)? - 1))
        }
        Rule::MinItems { .. } => None,
        Rule::Minimum {
            min: Number::Int(n),
        } => pair(Sample::Int(*n), Sample::Int(n - 1)),
        Rule::Maximum {
            max: Number::Int(n),
        } => pair(Sample::Int(*n), Sample::Int(n + 1)),
        Rule::Minimum { .. } | Rule::Maximum { .. } => None,
        Rule::OneOf { values } if !values.is_empty() => Some(Boundary {
            accepted: values.iter().map(|v| Sample::Text(v.to_string())).collect(),
            refused: Sample::Text("NOT-A-DOCUMENTED-VALUE".to_string()),
        }),
        Rule::OneOf { .. } => None,
        Rule::Prefix { prefix: p } => {
            pair(Sample::Text(format!("{p}x")), Sample::Text(format!("x{p}")))
        }
        Rule::Charset { class } => {
            let inside = crate::char_class::ranges(class).next()?.0;
            let outside = ['!', ' ', '~', '\u{e9}', '\u{4e2d}']
                .into_iter()
                .find(|c| !in_class(class, *c))?;
            pair(
                Sample::Text(inside.to_string()),
                Sample::Text(format!("{inside}{outside}")),
            )
        }
        Rule::JsonMaxKeys { max: n } => pair(json(len(*n)?, 1), json(len(*n)? + 1, 1)),
        Rule::JsonKeyMaxChars { max: n } => pair(json(1, len(*n)?), json(1, len(*n)? + 1)),
        Rule::JsonEncoded | Rule::JsonStringValues | Rule::JsonKeyCharset { .. } => None,
        Rule::MutuallyExclusive { .. }
        | Rule::ExactlyOneOf { .. }
        | Rule::AtLeastOneOf { .. }
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
        let map: serde_json::Map<String, serde_json::Value> = (0..*keys)
            .map(|i| {
                let suffix = i.to_string();
                let pad = key_len.saturating_sub(suffix.len());
                let key = format!("{}{suffix}", "k".repeat(pad));
                (key, serde_json::Value::from("v"))
            })
            .collect();
        Some(serde_json::Value::Object(map).to_string())
    }
}

fn compare(value: View<'_>, bound: Number) -> Option<std::cmp::Ordering> {
    match (value, bound) {
        (View::Int(v), Number::Int(b)) => Some(v.cmp(&b)),
        (View::Int(v), Number::Float(b)) => (v as f64).partial_cmp(&b),
        (View::Float(v), Number::Int(b)) => v.partial_cmp(&(b as f64)),
        (View::Float(v), Number::Float(b)) => v.partial_cmp(&b),
        _ => None,
    }
}

fn number_text(value: View<'_>) -> String {
    match value {
        View::Int(v) => v.to_string(),
        View::Float(v) => v.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::FieldRules;
    use crate::rule::List;
    use proptest::prelude::*;
    use serde_json::json;

    fn one(rule: Rule<'static>, source: &'static str) -> Checked<'static> {
        Checked {
            rule,
            source,
            path: None,
        }
    }

    /// A structure that answers only by position, as generated code does for its table.
    struct ByPosition(String);

    const BY_POSITION: &[FieldRules<'static>] = &[(
        "Name",
        &[Checked {
            rule: Rule::MaxChars { max: 3 },
            source: "Up to 3 characters",
            path: None,
        }],
    )];

    impl ObjectView for ByPosition {
        fn rules(&self) -> &'static [FieldRules<'static>] {
            BY_POSITION
        }

        fn member(&self, name: &str) -> View<'_> {
            panic!("`{name}` was looked up by name")
        }

        fn member_at(&self, index: usize) -> View<'_> {
            match index {
                0 => View::Str(&self.0),
                _ => View::Absent,
            }
        }
    }

    #[test]
    fn own_tables_are_checked_by_position() {
        let mut out = Violations::default();
        check_own("", &ByPosition("long".into()), &mut out);
        let errors = out.finish().expect_err("too long");
        assert_eq!((errors.0.len(), errors.0[0].path.as_str()), (1, "Name"));
        let mut out = Violations::default();
        check_own("", &ByPosition("ok".into()), &mut out);
        assert!(out.finish().is_ok());
    }

    /// Violations of `rules` on member `name` of a JSON object.
    fn violations(rules: &[FieldRules<'_>], object: serde_json::Value) -> Vec<String> {
        let mut out = Violations::default();
        let map = object.as_object().expect("object").clone();
        check_object("", rules, &map, &mut out);
        out.finish()
            .err()
            .map(|e| e.0.iter().map(|v| v.to_string()).collect())
            .unwrap_or_default()
    }

    /// A length or count drawn around `bound`: at it, just inside, just outside, or anywhere
    /// below `far`, so each case lands at the boundary often instead of by luck.
    fn around_count(bound: u64, far: u64) -> impl Strategy<Value = u64> {
        prop_oneof![
            3 => bound.saturating_sub(2)..=bound + 2,
            1 => 0..far,
        ]
    }

    /// Text whose length in characters is drawn around `max`.
    fn text_around(max: u64) -> impl Strategy<Value = String> {
        around_count(max, 120).prop_flat_map(|len| {
            proptest::collection::vec(any::<char>(), len as usize)
                .prop_map(|chars| chars.into_iter().collect())
        })
    }

    /// A value drawn around a range `[lo, hi]`: each bound and its neighbours, the inside,
    /// and any `u64` (far outside).
    fn around_range(lo: i128, hi: i128) -> impl Strategy<Value = i128> {
        prop_oneof![
            (lo - 2)..=(lo + 2),
            (hi - 2)..=(hi + 2),
            lo..=hi,
            any::<u64>().prop_map(i128::from),
        ]
    }

    /// A range and a value around it: `(lo, hi, x)`.
    fn range_and_value() -> impl Strategy<Value = (i128, i128, i128)> {
        (-1_000i128..100_000, 0i128..100_000)
            .prop_flat_map(|(lo, span)| (Just(lo), Just(lo + span), around_range(lo, lo + span)))
    }

    proptest! {
        #[test]
        fn max_chars_is_exact_at_the_boundary(
            (max, s) in (0u64..80).prop_flat_map(|max| (Just(max), text_around(max)))
        ) {
            let mut out = Violations::default();
            check_value("F", &one(Rule::MaxChars { max }, "src"), View::Str(&s), &mut out);
            prop_assert_eq!(out.finish().is_ok(), s.chars().count() as u64 <= max);
        }

        #[test]
        fn max_items_reports_the_first_index_past_the_cap(
            (max, len) in (0u64..250).prop_flat_map(|max| (Just(max), around_count(max, 300)))
        ) {
            let items: Vec<String> = vec!["x".to_string(); len as usize];
            let mut out = Violations::default();
            check_value("InstanceIds", &one(Rule::MaxItems { max }, "with a cap of 200"), View::List(&items), &mut out);
            match out.finish() {
                Ok(()) => prop_assert!(len <= max),
                Err(e) => {
                    prop_assert!(len > max);
                    prop_assert_eq!(&e.0[0].path, &format!("InstanceIds[{max}]"));
                }
            }
        }

        #[test]
        fn a_documented_range_holds_at_its_bounds(x in around_range(1, 86_400)) {
            let mut out = Violations::default();
            let rules = [one(Rule::Minimum { min: Number::Int(1) }, "Value range: [1, 86400]"), one(Rule::Maximum { max: Number::Int(86400) }, "Value range: [1, 86400]")];
            check_field("", "Timeout", &rules, View::Int(x), &mut out);
            prop_assert_eq!(out.finish().is_ok(), (1..=86_400).contains(&x));
        }

        #[test]
        fn any_range_holds_at_its_bounds((lo, hi, x) in range_and_value()) {
            let mut out = Violations::default();
            let (lo_n, hi_n) = (Number::Int(lo), Number::Int(hi));
            let rules = [one(Rule::Minimum { min: lo_n }, "range"), one(Rule::Maximum { max: hi_n }, "range")];
            check_field("", "N", &rules, View::Int(x), &mut out);
            prop_assert_eq!(out.finish().is_ok(), (lo..=hi).contains(&x));
        }

        #[test]
        fn json_key_count(n in 0usize..40) {
            let obj: serde_json::Map<String, serde_json::Value> = (0..n).map(|i| (format!("k{i}"), serde_json::Value::from("v"))).collect();
            let text = serde_json::Value::Object(obj).to_string();
            let mut out = Violations::default();
            check_value("Parameters", &one(Rule::JsonMaxKeys { max: 20 }, "up to 20"), View::Str(&text), &mut out);
            prop_assert_eq!(out.finish().is_ok(), n <= 20);
        }
    }

    #[test]
    fn violations_say_path_rule_value_and_phrase() {
        let items: Vec<String> = vec!["x".to_string(); 201];
        let mut out = Violations::default();
        check_value(
            "InstanceIds",
            &one(Rule::MaxItems { max: 200 }, "with a cap of 200"),
            View::List(&items),
            &mut out,
        );
        let text = out.finish().unwrap_err().to_string();
        assert_eq!(text, "  - InstanceIds[200]: must be at most 200 items (got 201 items; docs: \"with a cap of 200\")");
    }

    #[test]
    fn json_rules_report_each_key() {
        let rules = [
            one(Rule::JsonStringValues, "kv"),
            one(Rule::JsonMaxKeys { max: 1 }, "keys"),
            one(Rule::JsonKeyMaxChars { max: 3 }, "len"),
            one(
                Rule::JsonKeyCharset {
                    class: "[a-zA-Z0-9]".into(),
                },
                "cs",
            ),
        ];
        let mut out = Violations::default();
        check_field(
            "",
            "P",
            &rules,
            View::Str(r#"{"abcd": 1, "a-b": "x"}"#),
            &mut out,
        );
        let e = out.finish().unwrap_err();
        let paths: Vec<&str> = e.0.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(paths, ["P.abcd", "P", "P.abcd", "P.a-b"]);
        let mut out = Violations::default();
        check_field(
            "",
            "P",
            &[one(Rule::JsonEncoded, "json")],
            View::Str("not json"),
            &mut out,
        );
        assert_eq!(out.finish().unwrap_err().0[0].rule, "a JSON-encoded string");
    }

    #[test]
    fn violations_carry_their_kind_not_only_their_words() {
        let kinds = |rules: &[FieldRules<'_>], object: serde_json::Value| -> Vec<Kind> {
            let mut out = Violations::default();
            check_object("", rules, object.as_object().expect("object"), &mut out);
            out.finish()
                .err()
                .map(|e| e.0.iter().map(|v| v.kind).collect())
                .unwrap_or_default()
        };
        let exactly = [one(
            Rule::ExactlyOneOf {
                fields: List::Static(&["A", "B"]),
            },
            "one of A, B",
        )];
        let rules: [FieldRules<'_>; 2] = [("A", &exactly), ("B", &exactly)];
        assert_eq!(kinds(&rules, json!({})), [Kind::Missing]);
        assert_eq!(kinds(&rules, json!({"A": 1, "B": 2})), [Kind::Conflict]);
        let long = [
            one(Rule::MaxChars { max: 2 }, "up to 2"),
            one(Rule::Prefix { prefix: "a".into() }, "starts with a"),
        ];
        let rules: [FieldRules<'_>; 1] = [("N", &long)];
        assert_eq!(
            kinds(&rules, json!({"N": "bcd"})),
            [Kind::TooLong, Kind::WrongPrefix]
        );
        let json = [one(Rule::JsonMaxKeys { max: 1 }, "keys")];
        let rules: [FieldRules<'_>; 1] = [("P", &json)];
        assert_eq!(kinds(&rules, json!({"P": "[1]"})), [Kind::NotJson]);
        assert_eq!(
            kinds(&rules, json!({"P": r#"{"a": "1", "b": "2"}"#})),
            [Kind::TooManyJsonKeys]
        );
    }

    #[test]
    fn relations_are_checked_once_over_the_object() {
        let both = [one(
            Rule::MutuallyExclusive {
                fields: List::Static(&["A", "B"]),
            },
            "A and B cannot be given together",
        )];
        let rules: [FieldRules<'_>; 2] = [("A", &both), ("B", &both)];
        assert_eq!(
            violations(&rules, json!({"A": 1, "B": 2})),
            ["A, B: must be at most one of A, B (got 2 given; docs: \"A and B cannot be given together\")"]
        );
        assert!(violations(&rules, json!({"A": 1})).is_empty());
        let when = [one(
            Rule::RequiredIf {
                field: "Policy".into(),
                equals: "RECURRENCE".into(),
            },
            "required if Policy is RECURRENCE",
        )];
        let rules: [FieldRules<'_>; 1] = [("Cron", &when)];
        assert_eq!(violations(&rules, json!({"Policy": "RECURRENCE"})).len(), 1);
        assert!(violations(&rules, json!({"Policy": "ONCE"})).is_empty());
    }

    #[test]
    fn element_members_and_filters() {
        let filters = [
            one(
                Rule::Filter {
                    name: "zone".into(),
                    values: List::Static(&["ap-1", "ap-2"]),
                },
                "zone filter",
            ),
            one(
                Rule::Filter {
                    name: "tag:tag-key".into(),
                    values: List::Static(&[]),
                },
                "tag filter",
            ),
            Checked {
                rule: Rule::MaxItems { max: 1 },
                source: "that of Filter.Values is 1",
                path: Some("Values"),
            },
        ];
        let rules: [FieldRules<'_>; 1] = [("Filters", &filters)];
        let found = violations(
            &rules,
            json!({"Filters": [{"Name": "zone", "Values": ["ap-1", "ap-9"]}, {"Name": "tag:env", "Values": ["x"]}, {"Name": "colour", "Values": []}]}),
        );
        assert_eq!(
            found,
            [
                "Filters[0].Values[1]: must be at most 1 items (got 2 items; docs: \"that of Filter.Values is 1\")",
                "Filters[0].Values[1]: must be one of ap-1, ap-2 (got \"ap-9\"; docs: \"zone filter\")",
                "Filters[2].Name: must be one of zone (got \"colour\"; docs: \"documented filters: zone, tag:tag-key\")",
            ]
        );
    }

    #[test]
    fn limits_give_a_value_at_them_and_one_past() {
        let b = boundary(&Rule::MaxChars { max: 3 }).unwrap();
        assert_eq!(
            (b.accepted, b.refused),
            (vec![Sample::Chars(3)], Sample::Chars(4))
        );
        let min = Rule::Minimum {
            min: Number::Int(1),
        };
        assert_eq!(boundary(&min).unwrap().refused, Sample::Int(0));
        assert_eq!(boundary(&Rule::MinItems { min: 0 }), None);
        let huge = Rule::MaxChars { max: u64::MAX };
        assert_eq!(boundary(&huge), None, "too long to try");
        let charset = Rule::Charset {
            class: "[a-z]".into(),
        };
        assert_eq!(
            boundary(&charset).unwrap().refused,
            Sample::Text("a!".into())
        );
    }

    #[test]
    fn a_value_of_another_type_is_not_this_rules_business() {
        let rules = [one(Rule::MaxChars { max: 1 }, "short")];
        let mut out = Violations::default();
        check_field("", "F", &rules, View::Int(12345), &mut out);
        assert!(out.finish().is_ok());
    }
}
