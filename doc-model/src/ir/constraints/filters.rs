//! Documented filter names of a `Filters` parameter, in the two layouts the pages use:
//! "- agent-status - String - required: no - (filter condition) … valid values: Online, Offline."
//! "- sys-name Filter by [operating system type]. valid values: Linux / Windows. Type: String. Required: No"

use super::Extractor;
use crate::ir::constraint::ConstraintKind;
use crate::ir::model::TypeRef;
use regex::Regex;
use std::sync::LazyLock;

const NAME: &str = r"(?P<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?)";

static DASHED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i-u)(?:^|[\s.:])-?\s*{NAME}\s+-\s+(?:String|Integer)\s+-\s+required:\s*(?:yes|no)\s+-"
    ))
    .expect("static regex")
});

static BRACKETED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|\s)-\s*{NAME}\s+Filter by \[[^\]]*\]")).expect("static regex")
});

static BRACKETED_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"Required:\s*(?:Yes|No)\b").expect("static regex"));

static DASHED_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i-u)\bThe maximum number of\b").expect("static regex"));

static VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:valid values(?: are)?|value is|currently only supports?)\s*:?\s+(?P<list>[A-Za-z][A-Za-z0-9_-]*(?:\s*(?:,|/|\bor\b|\band\b)\s*[A-Za-z][A-Za-z0-9_-]*)*)",
    )
    .expect("static regex")
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    if !matches!(ex.ctx.ty, TypeRef::Array { items } if matches!(**items, TypeRef::Struct { .. })) {
        return;
    }
    let text = ex.text;
    let bracketed: Vec<_> = BRACKETED_ITEM.captures_iter(text).collect();
    let (starts, names): (Vec<usize>, Vec<String>) = if bracketed.is_empty() {
        DASHED_ITEM
            .captures_iter(text)
            .map(|c| {
                (
                    c.name("name").expect("group").start(),
                    c["name"].to_string(),
                )
            })
            .unzip()
    } else {
        bracketed
            .iter()
            .map(|c| {
                (
                    c.name("name").expect("group").start(),
                    c["name"].to_string(),
                )
            })
            .unzip()
    };
    // A dash before the name belongs to the item.
    let span_starts: Vec<usize> = starts
        .iter()
        .map(|&s| {
            let before = text[..s].trim_end();
            if before.ends_with('-') {
                before.len() - 1
            } else {
                s
            }
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let start = starts[i];
        let limit = span_starts.get(i + 1).copied().unwrap_or(text.len());
        let end = item_end(&text[start..limit], !bracketed.is_empty()).map_or(limit, |e| start + e);
        let item = &text[start..end];
        let values = VALUES
            .captures(item)
            .map(|c| {
                c["list"]
                    .split([',', '/'])
                    .flat_map(|part| part.split(" or "))
                    .map(|v| v.trim().trim_start_matches("and ").trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        ex.claim(
            span_starts[i]..end,
            vec![(
                ConstraintKind::Filter {
                    name: name.clone(),
                    values,
                },
                None,
            )],
        );
    }
}

/// Where an item's text ends inside its window: after "Required: No" (bracketed layout)
/// or before "The maximum number of …" (dashed layout).
fn item_end(window: &str, bracketed: bool) -> Option<usize> {
    if bracketed {
        BRACKETED_END.find(window).map(|m| m.end())
    } else {
        DASHED_END.find(window).map(|m| m.start())
    }
}
