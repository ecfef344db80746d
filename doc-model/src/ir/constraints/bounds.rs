//! Caps and ranges: string lengths, list sizes, numeric bounds.
//!
//! A phrase gives a bound ("up to 60", "cap of 200"); what it bounds follows from the
//! field: an array's item count, a string's length, a number's value, or, for JSON
//! string parameters, the object's key count or key length. Each table holds the English
//! phrases, then the Chinese ones ("上限200", "最多20个", "取值范围：[1, 86400]",
//! "长度不超过60个字符").

use super::extractor::Extractor;
use crate::ir::constraint::ConstraintKind;
use crate::ir::model::TypeRef;
use regex::{Captures, Regex};
use std::sync::LazyLock;
use tencentcloud_rules::{Number, Rule};

/// A unit after the number: a length unit, a count word (`个`: no unit), or another unit
/// (`秒`, `天`, `10M` of an image…) that can bound a number but not a length or a list.
const UNIT: &str = r"(?:\s*(?:(?P<unit>(?:characters?|bytes?|KB|MB)\b|个字符|个字节|字符|字节|个|条|项)|(?P<other>毫秒|秒|分钟|小时|天|年|月|周|次|帧|轮|张|倍|%|px\b|ms\b|[KMG]B?\b)))?";

/// Pieces of the patterns, ASCII and full-width alike (a byte-wise pattern takes no
/// non-ASCII character class, so they are alternations).
const PIECES: &[(&str, &str)] = &[
    ("{UNIT}", UNIT),
    ("{NUM}", r"-?\d+(?:\.\d+)?"),
    ("{TO}", r"\s*(?:~|～|-|–|—|至|到)\s*"),
    ("{COLON}", r"(?::|：)"),
    ("{COMMA}", r"(?:,|，)"),
    ("{OPEN}", r"(?:\[|［|【)"),
    ("{CLOSE}", r"(?:\]|］|】)"),
];

fn pattern(body: &str) -> Regex {
    let body = PIECES
        .iter()
        .fold(body.to_string(), |b, (name, piece)| b.replace(name, piece));
    Regex::new(&format!("(?i-u){body}")).expect("static regex")
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
        r"字符(?:数目|个数|数)?的?上限(?:为|是)?\s*(?P<n>\d+)(?P<chars>)",
        r"(?:列表)?(?:长度)?(?:上限|限制)(?:为|是|{COLON})\s*(?P<n>\d+){UNIT}",
        r"(?:列表)?(?:长度)?上限\s*(?P<n>\d+){UNIT}",
        r"最多(?:可|能|只能)?(?:支持|传入|输入|填写|指定|为)?\s*(?P<n>\d+){UNIT}",
        r"最大(?:长度|值)?(?:不能超过?|不超过|不可超过|支持|为|是|{COLON})?\s*(?P<n>\d+(?:\.\d+)?){UNIT}",
        r"最长(?:不超过|为|是|{COLON})?\s*(?P<n>\d+){UNIT}",
        r"(?:长度|数量|个数|字符数|大小|取值|数值)(?:限制)?(?:不能|不可|不得|不)超过?\s*(?P<n>\d+){UNIT}",
        r"不(?:能|可|得)?超过?\s*(?P<n>\d+)\s*(?P<unit>个字符|个字节|字符|字节)",
        r"(?P<n>\d+){UNIT}以内",
    ]
    .iter()
    .map(|p| pattern(p))
    .collect()
});

static MIN_PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\bminimum value(?: is|:| of)? (?P<n>-?\d+(?:\.\d+)?)",
        r"最小(?:值|长度)?(?:为|是|{COLON})?\s*(?P<n>-?\d+(?:\.\d+)?){UNIT}",
    ]
    .iter()
    .map(|p| pattern(p))
    .collect()
});

/// Two-sided bounds: `min` and `max`, inclusive unless the phrase says otherwise; a `value`
/// group marks a range of values ("取值范围"), which says nothing of a string's length.
static RANGE_PATTERNS: LazyLock<Vec<(Regex, bool)>> = LazyLock::new(|| {
    [
        (
            r"\b(?:value range|valid range|range)(?: is)?:?\s*\[(?P<min>{NUM}),\s*(?P<max>{NUM})\]",
            false,
        ),
        (r"\bvalid length is (?P<min>\d+)\s*(?:–|-|to)\s*(?P<max>\d+){UNIT}", false),
        (r"\b(?:with a )?length (?:is |of )?(?P<min>\d+)\s*(?:–|-|to)\s*(?P<max>\d+){UNIT}", false),
        (r"\bbetween (?P<min>\d+) and (?P<max>\d+){UNIT}", false),
        (r"\bmore than (?P<min>\d+) and less than (?P<max>\d+)", true),
        (
            r"(?P<value>)(?:取值范围|取值区间|数值范围|范围)(?:为|是|在)?\s*{COLON}?\s*{OPEN}\s*(?P<min>{NUM})\s*{COMMA}\s*(?P<max>{NUM})\s*{CLOSE}{UNIT}",
            false,
        ),
        (
            r"(?P<value>)(?:取值范围|取值区间|数值范围)(?:为|是|在)?\s*{COLON}?\s*(?P<min>{NUM}){TO}(?P<max>{NUM}){UNIT}",
            false,
        ),
        (
            r"(?:有效)?长度(?:范围)?(?:为|是|在|{COLON})?\s*(?P<min>\d+){TO}(?P<max>\d+){UNIT}",
            false,
        ),
        (r"(?:介于|在)\s*(?P<min>{NUM})\s*(?:~|～|-|到|至|和|与)\s*(?P<max>{NUM}){UNIT}\s*之间", false),
        (r"大于\s*(?P<min>\d+)\s*{COMMA}?\s*(?:且|并且)?\s*小于\s*(?P<max>\d+)", true),
    ]
    .iter()
    .map(|(p, exclusive)| (pattern(p), *exclusive))
    .collect()
});

/// "The maximum number of Filters per request is 10, and that of Filter.Values is 5",
/// "每次请求的 `Filters` 的上限为10， `Filter.Values` 的上限为5".
static NAMED_COUNT: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:the maximum number of|that of) (?P<what>[A-Za-z]+(?:\.[A-Za-z]+)?)(?: per request)? is (?P<n>\d+)(?: per request)?",
        r"(?:每次请求的)?\s*`?\s*\b(?P<what>[A-Za-z]+(?:\.[A-Za-z]+)?)\s*`?\s*的?(?:数量|个数)?上限(?:为|是)?\s*(?P<n>\d+)",
    ]
    .iter()
    .map(|p| pattern(p))
    .collect()
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    named_counts(ex);
    ranges(ex);
    for (patterns, side) in [(&*MAX_PATTERNS, Side::Max), (&*MIN_PATTERNS, Side::Min)] {
        for re in patterns.iter() {
            for caps in re.captures_iter(ex.text) {
                let whole = caps.get(0).expect("match");
                let number = caps.name("n").expect("group");
                let (digits, number_end) = with_thousands(ex.text, number);
                let Some(n) = parse_num(&digits) else {
                    continue;
                };
                let unit = if caps.name("chars").is_some() {
                    Some(Unit::Characters)
                } else {
                    unit_of(&caps)
                };
                let sentence = ex.sentence_at(whole.start());
                let context = Context {
                    sentence,
                    before: &ex.text[..whole.start()],
                    phrase: whole.as_str(),
                };
                if let Some(kind) = bound(ex, side, n, unit, &context) {
                    ex.claim(
                        whole.start()..whole.end().max(number_end),
                        vec![(kind, None)],
                    );
                }
            }
        }
    }
}

/// Caps on a named list: this field, a sibling, or a member of each element (`Filter.Values`).
fn named_counts(ex: &mut Extractor<'_>) {
    for re in NAMED_COUNT.iter() {
        for caps in re.captures_iter(ex.text) {
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
                vec![(Rule::MaxItems { max: n }.into(), path)],
            );
        }
    }
}

fn ranges(ex: &mut Extractor<'_>) {
    for (re, exclusive) in RANGE_PATTERNS.iter() {
        for caps in re.captures_iter(ex.text) {
            let whole = caps.get(0).expect("match");
            let of_values = caps.name("value").is_some();
            if of_values && matches!(ex.ctx.ty, TypeRef::String) {
                continue;
            }
            let sentence = ex.sentence_at(whole.start());
            // A range of values on a list is its items' values, never its size.
            let unit = match unit_of(&caps) {
                None if of_values && ex.ctx.ty.is_array() => Some(Unit::ItemValue),
                unit => unit,
            };
            let (Some(min), Some(max)) = (parse_num(&caps["min"]), parse_num(&caps["max"])) else {
                continue;
            };
            let (min, max) = if *exclusive {
                (min + 1.0, max - 1.0)
            } else {
                (min, max)
            };
            let context = Context {
                sentence,
                before: &ex.text[..whole.start()],
                phrase: whole.as_str(),
            };
            let kinds: Vec<_> = [
                bound(ex, Side::Min, min, unit, &context),
                bound(ex, Side::Max, max, unit, &context),
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
    /// Seconds, days, percent…: bounds a number, never a length or a list.
    Other,
    /// No unit, but the phrase is about each item's value ("每个元素取值范围 1-100").
    ItemValue,
}

/// The unit after a number; a count word (`个`) is no unit.
fn unit_of(caps: &Captures<'_>) -> Option<Unit> {
    if caps.name("other").is_some() {
        return Some(Unit::Other);
    }
    let unit = caps.name("unit")?.as_str().to_ascii_lowercase();
    Some(match unit.as_str() {
        "个" | "条" | "项" => return None,
        "kb" => Unit::Kilobytes,
        "mb" => Unit::Megabytes,
        u if u.starts_with("byte") || u.ends_with("字节") => Unit::Bytes,
        _ => Unit::Characters,
    })
}

/// The number a match starts, with the thousands groups that follow it ("3,000" is 3000,
/// never 3), and where it ends.
fn with_thousands(text: &str, number: regex::Match<'_>) -> (String, usize) {
    let mut digits = number.as_str().to_string();
    let mut end = number.end();
    while let Some(group) = text[end..].strip_prefix(',').and_then(|rest| rest.get(..3)) {
        let after = text[end + 4..].chars().next();
        let whole_group = group.bytes().all(|b| b.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit())
            && !digits.contains('.');
        if !whole_group {
            break;
        }
        digits.push_str(group);
        end += 4;
    }
    (digits, end)
}

fn parse_num(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Where a bound's phrase stands: its sentence, the text before it, and the phrase.
struct Context<'t> {
    sentence: &'t str,
    before: &'t str,
    phrase: &'t str,
}

/// Turns "at most n (unit)" into the constraint it means for this field.
fn bound(
    ex: &Extractor<'_>,
    side: Side,
    n: f64,
    unit: Option<Unit>,
    at: &Context<'_>,
) -> Option<ConstraintKind> {
    let whole = (n >= 0.0 && n.fract() == 0.0).then_some(n as u64);
    let lower = at.sentence.to_ascii_lowercase();
    if ex.json_encoded {
        let about_keys = ["name", "key", "名称", "键"]
            .iter()
            .any(|w| lower.contains(w));
        let about_chars = matches!(unit, Some(Unit::Characters))
            || lower.contains("character")
            || lower.contains("字符");
        return match (side, about_keys && about_chars, unit) {
            (Side::Max, true, _) => Some(Rule::JsonKeyMaxChars { max: whole? }.into()),
            (Side::Max, false, None) => Some(Rule::JsonMaxKeys { max: whole? }.into()),
            (_, false, Some(unit)) => length(side, whole?, unit),
            _ => None,
        };
    }
    match (ex.ctx.ty, unit) {
        // A length or value on a list bounds each item ("每个元素长度 1-256", "each key
        // … 1-512 characters"); a bare count bounds the list, unless it is each item's.
        (TypeRef::Array { items }, Some(_)) => scalar(items, side, n, unit),
        (TypeRef::Array { items }, None) => match per_item(at) {
            PerItem::No => Some(
                match side {
                    Side::Max => Rule::MaxItems { max: whole? },
                    Side::Min => Rule::MinItems { min: whole? },
                }
                .into(),
            ),
            PerItem::Length => scalar(items, side, n, Some(Unit::Characters)),
            PerItem::Count => None,
        },
        (ty, unit) => scalar(ty, side, n, unit),
    }
}

/// A bound on one string or number.
fn scalar(ty: &TypeRef, side: Side, n: f64, unit: Option<Unit>) -> Option<ConstraintKind> {
    let whole = (n >= 0.0 && n.fract() == 0.0).then_some(n as u64);
    match (ty, unit) {
        (TypeRef::String, Some(Unit::ItemValue)) => None,
        (TypeRef::String, unit) => length(side, whole?, unit.unwrap_or(Unit::Characters)),
        (TypeRef::Integer, None | Some(Unit::Other | Unit::ItemValue)) => {
            numeric(side, &format!("{}", whole?))
        }
        (TypeRef::Float, None | Some(Unit::Other | Unit::ItemValue)) => {
            numeric(side, &n.to_string())
        }
        _ => None,
    }
}

/// What a bare number in a list's sentence bounds, when the sentence speaks of each item.
enum PerItem {
    /// The list's size.
    No,
    /// Each item's length ("每个元素长度", "each element length").
    Length,
    /// Something counted inside each item ("每个过滤条件最多支持 10 个取值"): no limit of this list.
    Count,
}

static EACH_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:each|every|per)\s+(?:element|item|entry|value|key|name|id|tag|string)s?\b|(?:每一?个|单个)(?:元素|值|取值|键名?|标签|名称|成员|字符串|ID)|(?:数组|列表)(?:中|里)?的?每一?个|每一?项").expect("static regex")
});

static LENGTH_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\blength\b|长度|字符").expect("static regex"));

/// Whether the words just before the bound ("每个元素长度 1-256", "each element length
/// 1-256") speak of each item: a list's "each item specifies …, at most 100 items" is the list's.
fn per_item(at: &Context<'_>) -> PerItem {
    let mut start = at.before.len().saturating_sub(PER_ITEM_REACH);
    while !at.before.is_char_boundary(start) {
        start += 1;
    }
    let near = &at.before[start..];
    if !EACH_ITEM.is_match(near) {
        PerItem::No
    } else if LENGTH_WORD.is_match(near) || LENGTH_WORD.is_match(at.phrase) {
        PerItem::Length
    } else {
        PerItem::Count
    }
}

/// How far before a bound its "each item" words may stand, in bytes (four Chinese
/// characters and a little, or a few English words).
const PER_ITEM_REACH: usize = 24;

fn length(side: Side, n: u64, unit: Unit) -> Option<ConstraintKind> {
    let (n, bytes) = match unit {
        Unit::Characters => (n, false),
        Unit::Bytes => (n, true),
        Unit::Kilobytes => (n.checked_mul(1024)?, true),
        Unit::Megabytes => (n.checked_mul(1024 * 1024)?, true),
        Unit::Other | Unit::ItemValue => return None,
    };
    let rule = match (side, bytes) {
        (Side::Max, false) => Rule::MaxChars { max: n },
        (Side::Max, true) => Rule::MaxBytes { max: n },
        (Side::Min, false) => Rule::MinChars { min: n },
        (Side::Min, true) => Rule::MinBytes { min: n },
    };
    Some(rule.into())
}

fn numeric(side: Side, n: &str) -> Option<ConstraintKind> {
    let value = match n.parse::<i64>() {
        Ok(i) => Number::Int(i128::from(i)),
        Err(_) => Number::Float(n.parse::<f64>().ok().filter(|x| x.is_finite())?),
    };
    let rule = match side {
        Side::Max => Rule::Maximum { max: value },
        Side::Min => Rule::Minimum { min: value },
    };
    Some(rule.into())
}
