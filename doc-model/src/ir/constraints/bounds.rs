//! Caps and ranges: string lengths, list sizes, numeric bounds.
//!
//! A phrase gives a bound ("up to 60", "cap of 200"); what it bounds follows from the
//! field: an array's item count, a string's length, a number's value, or, for JSON
//! string parameters, the object's key count or key length.

use super::{number_value, Extractor};
use crate::ir::constraint::ConstraintKind;
use crate::ir::model::TypeRef;
use regex::{Captures, Regex};
use std::sync::LazyLock;

const UNIT: &str = r"(?:\s*(?P<unit>characters?|bytes?|KB|MB)\b)?";

fn pattern(body: &str) -> Regex {
    Regex::new(&format!("(?i-u){}", body.replace("{UNIT}", UNIT))).expect("static regex")
}

/// Upper bounds: `n` is the inclusive maximum.
static MAX_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\bupper limit of character quantity is (?P<n>\d+)(?P<chars>)",
        r"\bthe number of characters has a cap of (?P<n>\d+)(?P<chars>)",
        r"\b(?:list )?length (?:not exceeding|limit|cannot exceed|of up to) (?P<n>\d+){UNIT}",
        r"\b(?:(?:with|has) an? |the list has an? )?(?:list )?cap (?:of |is )?(?P<n>\d+){UNIT}",
        r"\bup to (?P<n>\d+){UNIT}",
        r"\b(?:the |a )?maximum length (?:is |of |cannot exceed )?(?P<n>\d+){UNIT}",
        r"\bno more than (?P<n>\d+){UNIT}",
        r"\bat most (?P<n>\d+){UNIT}",
        r"\ba maximum of (?P<n>\d+){UNIT}",
        r"\b(?:there is an )?upper limit(?: of| is|:)? (?P<n>\d+){UNIT}",
        r"\b(?:the )?maximum (?:per request )?is (?P<n>\d+){UNIT}",
        r"\b(?:with a )?maximum value(?: is|:| of)? (?P<n>\d+(?:\.\d+)?)",
        r"\blimited to (?P<n>\d+){UNIT}",
    ]
    .iter()
    .map(|p| pattern(p))
    .collect()
});

static MIN_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    vec![pattern(
        r"\bminimum value(?: is|:| of)? (?P<n>-?\d+(?:\.\d+)?)",
    )]
});

/// Two-sided bounds: `min` and `max`, inclusive unless the phrase says otherwise.
static RANGE_PATTERNS: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    vec![
        (
            pattern(
                r"\b(?:value range|valid range|range)(?: is)?:?\s*\[(?P<min>-?\d+(?:\.\d+)?),\s*(?P<max>-?\d+(?:\.\d+)?)\]",
            ),
            false,
        ),
        (
            pattern(r"\bvalid length is (?P<min>\d+)\s*(?:–|-|to)\s*(?P<max>\d+){UNIT}"),
            false,
        ),
        (
            pattern(r"\bbetween (?P<min>\d+) and (?P<max>\d+){UNIT}"),
            false,
        ),
        (
            pattern(r"\bmore than (?P<min>\d+) and less than (?P<max>\d+)"),
            true,
        ),
    ]
});

/// "The maximum number of Filters per request is 10, and that of Filter.Values is 5."
static NAMED_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?:the maximum number of|that of) (?P<what>[A-Za-z]+(?:\.[A-Za-z]+)?)(?: per request)? is (?P<n>\d+)(?: per request)?",
    )
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    for caps in NAMED_COUNT.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let what = &caps["what"];
        let Ok(n) = caps["n"].parse::<u64>() else {
            continue;
        };
        // `Filter.Values` on a `Filters` field bounds each element's `Values`.
        let path = what.split_once('.').map(|(_, member)| member.to_string());
        if path.is_none() && !ex.ctx.is_sibling(what) {
            continue;
        }
        ex.claim(
            whole.range(),
            vec![(ConstraintKind::MaxItems { max: n }, path)],
        );
    }
    for (re, exclusive) in RANGE_PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let sentence = ex.sentence_at(whole.start());
            let unit = unit_of(&caps);
            let (Some(min), Some(max)) = (parse_num(&caps["min"]), parse_num(&caps["max"])) else {
                continue;
            };
            let (min, max) = if *exclusive {
                (min + 1.0, max - 1.0)
            } else {
                (min, max)
            };
            let kinds: Vec<_> = [
                bound(ex, Side::Min, min, unit, sentence),
                bound(ex, Side::Max, max, unit, sentence),
            ]
            .into_iter()
            .flatten()
            .map(|k| (k, None))
            .collect();
            if kinds.len() == 2 {
                ex.claim(whole.range(), kinds);
            }
        }
    }
    for (patterns, side) in [(&*MAX_PATTERNS, Side::Max), (&*MIN_PATTERNS, Side::Min)] {
        for re in patterns.iter() {
            for caps in re.captures_iter(text) {
                let whole = caps.get(0).expect("match");
                let Some(n) = parse_num(&caps["n"]) else {
                    continue;
                };
                let unit = if caps.name("chars").is_some() {
                    Some(Unit::Characters)
                } else {
                    unit_of(&caps)
                };
                let sentence = ex.sentence_at(whole.start());
                if let Some(kind) = bound(ex, side, n, unit, sentence) {
                    ex.claim(whole.range(), vec![(kind, None)]);
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Min,
    Max,
}

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Characters,
    Bytes,
    Kilobytes,
    Megabytes,
}

fn unit_of(caps: &Captures<'_>) -> Option<Unit> {
    let unit = caps.name("unit")?.as_str().to_ascii_lowercase();
    Some(match unit.as_str() {
        "kb" => Unit::Kilobytes,
        "mb" => Unit::Megabytes,
        u if u.starts_with("byte") => Unit::Bytes,
        _ => Unit::Characters,
    })
}

fn parse_num(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Turns "at most n (unit)" into the constraint it means for this field.
fn bound(
    ex: &Extractor<'_>,
    side: Side,
    n: f64,
    unit: Option<Unit>,
    sentence: &str,
) -> Option<ConstraintKind> {
    let whole = (n >= 0.0 && n.fract() == 0.0).then_some(n as u64);
    let lower = sentence.to_ascii_lowercase();
    if ex.json_encoded {
        let about_keys = lower.contains("name") || lower.contains("key");
        let about_chars = matches!(unit, Some(Unit::Characters)) || lower.contains("character");
        return match (side, about_keys && about_chars, unit) {
            (Side::Max, true, _) => Some(ConstraintKind::JsonKeyMaxChars { max: whole? }),
            (Side::Max, false, None) => Some(ConstraintKind::JsonMaxKeys { max: whole? }),
            (_, false, Some(unit)) => length(side, whole?, unit),
            _ => None,
        };
    }
    match ex.ctx.ty {
        TypeRef::Array { .. } if unit.is_none() => Some(match side {
            Side::Max => ConstraintKind::MaxItems { max: whole? },
            Side::Min => ConstraintKind::MinItems { min: whole? },
        }),
        TypeRef::String => length(side, whole?, unit.unwrap_or(Unit::Characters)),
        TypeRef::Integer if unit.is_none() => numeric(side, &format!("{}", whole?)),
        TypeRef::Float if unit.is_none() => numeric(side, &n.to_string()),
        _ => None,
    }
}

fn length(side: Side, n: u64, unit: Unit) -> Option<ConstraintKind> {
    let (n, bytes) = match unit {
        Unit::Characters => (n, false),
        Unit::Bytes => (n, true),
        Unit::Kilobytes => (n.checked_mul(1024)?, true),
        Unit::Megabytes => (n.checked_mul(1024 * 1024)?, true),
    };
    Some(match (side, bytes) {
        (Side::Max, false) => ConstraintKind::MaxChars { max: n },
        (Side::Max, true) => ConstraintKind::MaxBytes { max: n },
        (Side::Min, false) => ConstraintKind::MinChars { min: n },
        (Side::Min, true) => ConstraintKind::MinBytes { min: n },
    })
}

fn numeric(side: Side, n: &str) -> Option<ConstraintKind> {
    let value = number_value(n)?;
    Some(match side {
        Side::Max => ConstraintKind::Maximum { max: value },
        Side::Min => ConstraintKind::Minimum { min: value },
    })
}
