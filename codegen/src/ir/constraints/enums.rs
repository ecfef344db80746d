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
    Regex::new(r"(?i)(?:valid values|selectable values[^:.]*|values? is|value range|enumeration values?)\s*:\s*\.?\s*$")
        .expect("static regex")
});

static INLINE_INTRO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:valid values(?: are)?|value is one of|currently (?:only )?supports?|enumeration values?|values? is|selectable values[^:.]*?)(?:\s*:\s*\.?)?\s+",
    )
    .expect("static regex")
});

static TOKEN: &str = r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*";

static SIMPLE_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:{TOKEN})(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+or\s+|\s+and\s+|\s*/\s*)(?:{TOKEN}))*"))
        .expect("static regex")
});

static TOKEN_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(TOKEN).expect("static regex"));

static LABELLED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,.]?\s+)(?P<v>[A-Z][A-Za-z0-9_-]*):\s").expect("static regex")
});

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
    let Some(caps) = BOOLEAN_MEANINGS.captures(ex.text) else { return };
    let values = vec![
        EnumValue { value: "true".into(), description: non_empty(&caps["t"]) },
        EnumValue { value: "false".into(), description: non_empty(&caps["f"]) },
    ];
    ex.claim(caps.get(0).expect("match").range(), vec![(ConstraintKind::Enum { values }, None)]);
}

fn dash_list(ex: &mut Extractor<'_>) {
    let text = ex.text;
    let items: Vec<(usize, usize, String)> = DASH_ITEM
        .captures_iter(text)
        .map(|c| (c.name("dash").expect("group").start(), c.get(0).expect("match").end(), c["v"].to_string()))
        .collect();
    if items.is_empty() {
        return;
    }
    let (values, end) = described_items(text, &items);
    let mut start = items[0].0;
    if let Some(intro) = DASH_INTRO.find(&text[..start]) {
        start = intro.start();
    }
    ex.claim(start..end, vec![(ConstraintKind::Enum { values }, None)]);
}

fn inline_lists(ex: &mut Extractor<'_>) {
    let text = ex.text;
    let intros: Vec<Range<usize>> = INLINE_INTRO.find_iter(text).map(|m| m.range()).collect();
    for intro in intros {
        let rest = &text[intro.end..];
        if let Some((values, len)) = labelled_items(rest).or_else(|| simple_list(rest)) {
            ex.claim(intro.start..intro.end + len, vec![(ConstraintKind::Enum { values }, None)]);
        }
    }
}

/// "Online: Online, Offline: Offline" / "TAT: public command USER: personal creation command".
fn labelled_items(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let items: Vec<(usize, usize, String)> = LABELLED_ITEM
        .captures_iter(rest)
        .map(|c| (c.get(0).expect("match").start(), c.get(0).expect("match").end(), c["v"].to_string()))
        .collect();
    if items.first().is_none_or(|(start, _, _)| *start != 0) || items.len() < 2 {
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
        if value.eq_ignore_ascii_case("note") {
            break;
        }
        let desc_end = match items.get(i + 1) {
            Some((next, _, _)) => *next,
            None => sentence_end(text, *desc_start),
        };
        let description = text[*desc_start..desc_end].trim().trim_end_matches(['.', ',']).trim();
        values.push(EnumValue { value: value.clone(), description: non_empty(description) });
        end = desc_end;
    }
    (values, end)
}

/// "SHELL, POWERSHELL, BAT" / "TAT or USER" / "Linux / Windows", ending the sentence.
fn simple_list(rest: &str) -> Option<(Vec<EnumValue>, usize)> {
    let m = SIMPLE_LIST.find(rest)?;
    let after = rest[m.end()..].trim_start();
    if !(after.is_empty() || after.starts_with(['.', ';', ','])) {
        return None;
    }
    let values = TOKEN_RE
        .find_iter(m.as_str())
        .map(|t| t.as_str())
        .filter(|t| !matches!(*t, "and" | "or"))
        .map(|t| EnumValue { value: t.to_string(), description: None })
        .collect::<Vec<_>>();
    (!values.is_empty()).then_some((values, m.end()))
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
