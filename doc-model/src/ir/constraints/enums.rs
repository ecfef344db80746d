//! Enumerations: dash lists ("- ONCE: one-time execution. - RECURRENCE: …"), inline lists
//! after an introducing phrase ("currently supports SHELL, POWERSHELL, BAT",
//! "valid values: Online: Online, Offline: Offline"), and true/false value meanings.

use super::Extractor;
use crate::ir::constraint::{ConstraintKind, EnumValue};
use crate::ir::model::TypeRef;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static DASH_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s.:(])(?P<dash>-)\s?(?P<v>[A-Z][A-Z0-9_]*)\s*:").expect("static regex")
});

static DASH_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:valid values|selectable values[^:.]*|values? is|value range|enumeration values?)\s*:\s*\.?\s*$").expect("static regex")
});

static INLINE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:valid values(?: are)?|values (?:are as follows|include|including)|value is one of|currently (?:only )?supports?|enumeration values?|(?P<weak>values? is)|selectable values[^:.]*?)(?:\s*:\s*\.?)?\s+",
    )
    .expect("static regex")
});

/// One value of an inline list: letters, digits and `_`, joined by `-`, or by `.` before a
/// digit (`1st`, `3-way`, `_x`, `TLSv1.2`); `offline.Note` is a value and a new sentence.
static TOKEN: &str = r"[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+|\.[0-9]+)*";

static TOKEN_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!("^{TOKEN}")).expect("static regex"));

/// Between two values of an inline list: `, `, `, and `, ` or `, ` / `.
static LIST_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+|\s*/\s*)").expect("static regex")
});

/// `value: meaning`, after punctuation (`min: 1 minute; 5min: …`) or, for a capitalised value,
/// after a space (`TAT: public command USER: personal command`).
static LABELLED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|(?P<sep>[,.;])?\s+)(?P<v>[A-Za-z0-9_][A-Za-z0-9_-]*):\s")
        .expect("static regex")
});

/// Labels that start prose after a list, not another value ("Default value: ASC").
const PROSE_LABELS: &[&str] = &[
    "note",
    "notes",
    "default",
    "value",
    "values",
    "example",
    "examples",
    "description",
    "remark",
    "remarks",
    "unit",
    "units",
    "tip",
    "tips",
    "type",
    "level",
    "category",
    "operation",
    "format",
];

/// `5-120` is a range, not a value.
static NUMERIC_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]+-[0-9]+$").expect("static regex"));

static BOOLEAN_MEANINGS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:valid values|value range)\s*:\s*\.?\s*-?\s*true\s*:\s*(?P<t>[^.]*?)\s*\.\s*-?\s*false\s*:\s*(?P<f>[^.]*?)\s*\.")
        .expect("static regex")
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    match ex.ctx.ty.element() {
        TypeRef::Boolean => boolean_meanings(ex),
        TypeRef::String if !ex.json_encoded => {
            dash_list(ex);
            inline_lists(ex);
        }
        _ => {}
    }
}

fn boolean_meanings(ex: &mut Extractor<'_>) {
    let Some(caps) = BOOLEAN_MEANINGS.captures(ex.text) else {
        return;
    };
    let values = vec![
        EnumValue {
            value: "true".into(),
            description: non_empty(&caps["t"]),
        },
        EnumValue {
            value: "false".into(),
            description: non_empty(&caps["f"]),
        },
    ];
    ex.claim(
        caps.get(0).expect("match").range(),
        vec![(ConstraintKind::OneOf { values }, None)],
    );
}

fn dash_list(ex: &mut Extractor<'_>) {
    let text = ex.text;
    let items: Vec<(usize, usize, String)> = DASH_ITEM
        .captures_iter(text)
        .map(|c| {
            (
                c.name("dash").expect("group").start(),
                c.get(0).expect("match").end(),
                c["v"].to_string(),
            )
        })
        .collect();
    if items.is_empty() {
        return;
    }
    let (values, end) = described_items(text, &items);
    let mut start = items[0].0;
    if let Some(intro) = DASH_INTRO.find(&text[..start]) {
        start = intro.start();
    }
    ex.claim(start..end, vec![(ConstraintKind::OneOf { values }, None)]);
}

fn inline_lists(ex: &mut Extractor<'_>) {
    let text = ex.text;
    // "The value is X" states one value; only a list after it ("value is X or Y") is an enum.
    let intros: Vec<(Range<usize>, bool)> = INLINE_INTRO
        .captures_iter(text)
        .map(|c| (c.get(0).expect("match").range(), c.name("weak").is_some()))
        .collect();
    for (intro, weak) in intros {
        let rest = &text[intro.end..];
        // "when the Clone value is 5 or 6" is about another parameter.
        let conditional = weak
            && text[..intro.start]
                .to_ascii_lowercase()
                .rsplit(['.', ';'])
                .next()
                .is_some_and(|clause| clause.contains("when ") || clause.contains("if "));
        let found = labelled_items(rest)
            .or_else(|| simple_list(rest))
            .filter(|(values, _)| !weak || (values.len() >= 2 && !conditional));
        if let Some((values, len)) = found {
            ex.claim(
                intro.start..intro.end + len,
                vec![(ConstraintKind::OneOf { values }, None)],
            );
        }
    }
}

/// "Online: Online, Offline: Offline" / "TAT: public command USER: personal creation command".
fn labelled_items(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let items: Vec<(usize, usize, String)> = LABELLED_ITEM
        .captures_iter(rest)
        .filter(|c| {
            c.get(0).expect("match").start() == 0
                || c.name("sep").is_some()
                || c["v"].starts_with(|ch: char| ch.is_ascii_uppercase())
        })
        .map(|c| {
            (
                c.get(0).expect("match").start(),
                c.get(0).expect("match").end(),
                c["v"].to_string(),
            )
        })
        .collect();
    if items.first().is_none_or(|(start, _, _)| *start != 0)
        || items.len() < 2
        || items.iter().any(|(_, _, v)| NUMERIC_RANGE.is_match(v))
    {
        return None;
    }
    let (values, end) = described_items(rest, &items);
    (values.len() >= 2).then_some((values, end))
}

/// Items `(start, description start, value)`: each description runs to the next item,
/// the last one to the end of its sentence. A `Note:` label ends the list.
fn described_items(text: &str, items: &[(usize, usize, String)]) -> (Vec<EnumValue>, usize) {
    let mut values = Vec::new();
    let mut end = 0;
    for (i, (_, desc_start, value)) in items.iter().enumerate() {
        // `Default value: X` ends the list; `DEFAULT: …` in capitals is a value.
        let is_capitals = value.chars().all(|c| !c.is_ascii_lowercase());
        if i > 0 && !is_capitals && PROSE_LABELS.iter().any(|p| value.eq_ignore_ascii_case(p)) {
            break;
        }
        let desc_end = match items.get(i + 1) {
            Some((next, _, _)) => *next,
            None => sentence_end(text, *desc_start),
        };
        let description = text[*desc_start..desc_end]
            .trim()
            .trim_end_matches(['.', ','])
            .trim();
        // A value listed twice is one value.
        if !values.iter().any(|v: &EnumValue| &v.value == value) {
            values.push(EnumValue {
                value: value.clone(),
                description: non_empty(description),
            });
        }
        end = desc_end;
    }
    (values, end)
}

/// "SHELL, POWERSHELL, BAT" / "TAT or USER" / "Linux / Windows" / "RO (read-only), RW (read &
/// write)", ending the sentence. Not a list: a numeric range (`5-120`), or a lone number
/// opening a numbered list (`1. HK…`).
fn simple_list(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let mut values: Vec<EnumValue> = Vec::new();
    let mut pos = 0;
    loop {
        let token = TOKEN_RE.find(&rest[pos..])?;
        let value = token.as_str();
        pos += token.end();
        // `value (what it means)`
        let mut description = None;
        let spaced = rest[pos..].len() - rest[pos..].trim_start().len();
        if rest[pos + spaced..].starts_with('(') {
            let close = rest[pos + spaced..].find(')')?;
            description = non_empty(&rest[pos + spaced + 1..pos + spaced + close]);
            pos += spaced + close + 1;
        }
        if NUMERIC_RANGE.is_match(value) {
            return None;
        }
        // A value listed twice is one value.
        if !values.iter().any(|v| v.value == value) {
            values.push(EnumValue {
                value: value.to_string(),
                description,
            });
        }
        match LIST_SEPARATOR.find(&rest[pos..]) {
            Some(sep)
                if TOKEN_RE.is_match(&rest[pos + sep.end()..])
                    && !is_clause_word(&rest[pos + sep.end()..]) =>
            {
                pos += sep.end()
            }
            _ => break,
        }
    }
    let after = rest[pos..].trim_start();
    if !(after.is_empty() || after.starts_with(['.', ';', ','])) {
        return None;
    }
    let lone_number = values.len() == 1 && values[0].value.chars().all(|c| c.is_ascii_digit());
    if lone_number && after.starts_with(". ") {
        return None;
    }
    Some((values, pos))
}

/// Words that start the rest of a sentence after a list (`…, and the default is X`).
fn is_clause_word(text: &str) -> bool {
    const CLAUSE_WORDS: &[&str] = &[
        "the",
        "which",
        "where",
        "default",
        "defaults",
        "if",
        "when",
        "otherwise",
        "respectively",
    ];
    let word: String = text
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    CLAUSE_WORDS.contains(&word.to_ascii_lowercase().as_str())
        && text[word.len()..].starts_with(' ')
}

/// End of the sentence that contains `from`: the next `.` followed by space or the end.
fn sentence_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    (from..bytes.len())
        .find(|&i| bytes[i] == b'.' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()))
        .map_or(text.len(), |i| i + 1)
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}
