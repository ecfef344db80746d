//! Documented filter names of a `Filters` parameter, in the two layouts the pages use:
//! "- agent-status - String - required: no - (filter condition) … valid values: Online, Offline."
//! "- sys-name Filter by [operating system type]. valid values: Linux / Windows. Type: String. Required: No"
//! and their Chinese words ("是否必填：否", "按照【操作系统类型】进行过滤", "取值：Linux | Windows").

use super::extractor::Extractor;
use crate::ir::model::TypeRef;
use regex::Regex;
use std::sync::LazyLock;
use tencentcloud_rules::Rule;

const NAME: &str = r"(?P<name>[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?::[a-z0-9]+(?:-[a-z0-9]+)*)?)";

static DASHED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i-u)(?:^|[\s.:])-?\s*{NAME}\s+-\s+(?:String|Integer)\s+-\s+(?:required:\s*(?:yes|no)|是否必填(?::|：)\s*(?:是|否))\s+-"
    ))
    .expect("static regex")
});

static BRACKETED_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|\s)-\s*{NAME}\s+(?:Filter by \[[^\]]*\]|按照?【[^】]*】)"
    ))
    .expect("static regex")
});

static BRACKETED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"Required:\s*(?:Yes|No)\b|必选[:：]\s*[是否]").expect("static regex")
});

static DASHED_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\bThe maximum number of\b|每次请求的").expect("static regex")
});

/// A filter's values; a Chinese list may give each value its meaning ("Online 在线，Offline 离线").
static VALUES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"(?i-u)\b(?:valid values(?: are)?|value is|currently only supports?)\s*:?\s+(?P<list>[A-Za-z][A-Za-z0-9_-]*(?:\s*(?:,|/|\bor\b|\band\b)\s*[A-Za-z][A-Za-z0-9_-]*)*)",
        r"(?:取值(?:为|范围)?|(?:目前|当前)?仅支持)\s*[:：]?\s*(?P<list>[A-Za-z][A-Za-z0-9_-]*(?:\s*[\p{Han}&&[^或和]]\p{Han}*)?(?:\s*(?:,|，|、|/|\||或|和)\s*[A-Za-z][A-Za-z0-9_-]*(?:\s*[\p{Han}&&[^或和]]\p{Han}*)?)*)",
    ]
    .iter()
    .map(|p| Regex::new(p).expect("static regex"))
    .collect()
});

static VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z][A-Za-z0-9_-]*").expect("static regex"));

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
            .iter()
            .find_map(|re| re.captures(item))
            .map(|c| {
                let list = c.name("list").expect("group");
                let mut values = list_values(list.as_str());
                // "only support TAT, representing public scenarios": a last word the prose
                // goes on from is prose, not a value.
                if continues_as_prose(&item[list.end()..]) && values.len() > 1 {
                    values.pop();
                }
                values
            })
            .unwrap_or_default();
        ex.claim(
            span_starts[i]..end,
            vec![(
                Rule::Filter {
                    name: name.clone().into(),
                    values: values.into(),
                }
                .into(),
                None,
            )],
        );
    }
}

/// The text after a list goes on with another word ("… representing public scenarios").
fn continues_as_prose(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next().is_some_and(char::is_whitespace)
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
}

/// The values of a list, each once, without the words between them ("or", "and").
fn list_values(list: &str) -> Vec<String> {
    let mut values: Vec<String> = Vec::new();
    for v in VALUE.find_iter(list).map(|m| m.as_str()) {
        if !matches!(v, "or" | "and") && !values.iter().any(|seen| seen == v) {
            values.push(v.to_string());
        }
    }
    values
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
