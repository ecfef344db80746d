//! Rules on a string's text: required prefix, allowed characters; English and Chinese
//! phrases side by side ("must start with https", "必须以https开头", "可选范围【a-z】").

use super::extractor::Extractor;
use regex::Regex;
use std::sync::LazyLock;
use tencentcloud_rules::Rule;

static PREFIXES: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\bmust start with (?P<p>[A-Za-z0-9:/_.-]+?)[,.]?(?:\s|$)",
        r"必须以\s*`?(?P<p>[A-Za-z0-9:/_.-]+?)`?\s*开头",
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i-u){p}")).expect("static regex"))
    .collect()
});

/// "contain [a-z], [A-Z], [0-9] and [_-.]" / "the optional range is [a-zA-Z0-9-_]" /
/// "可选范围【a-zA-Z0-9-_】" / "由[a-z]、[0-9]组成".
static CHARSETS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:contain|optional range is|consist of|characters in)\s+(?P<groups>\[[^\]\s]+\](?:,?\s*(?:and\s+)?\[[^\]\s]+\])*)",
        r"(?:可选范围|只能包含|仅包含|包含|由)(?:为|是)?\s*[:：]?\s*(?P<groups>[\[【][^\]】\s]+[\]】](?:\s*[,，、和及]?\s*[\[【][^\]】\s]+[\]】])*)",
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i){p}")).expect("static regex"))
    .collect()
});

static GROUP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[【]([^\]】\s]+)[\]】]").expect("static regex"));

pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    if !matches!(ex.ctx.ty.element(), crate::ir::model::TypeRef::String) {
        return;
    }
    for caps in PREFIXES.iter().flat_map(|re| re.captures_iter(text)) {
        let whole = caps.get(0).expect("match");
        let prefix = caps["p"].to_string().into();
        ex.claim(whole.range(), vec![(Rule::Prefix { prefix }.into(), None)]);
    }
    for caps in CHARSETS.iter().flat_map(|re| re.captures_iter(text)) {
        let whole = caps.get(0).expect("match");
        let inner: String = GROUP
            .captures_iter(&caps["groups"])
            .map(|g| g[1].to_string())
            .collect();
        let class = character_class(&inner).into();
        let rule = if ex.json_encoded {
            Rule::JsonKeyCharset { class }
        } else {
            Rule::Charset { class }
        };
        ex.claim(whole.range(), vec![(rule.into(), None)]);
    }
}

/// Builds a regex-safe character class from the documented bracket contents:
/// `a-z` stays a range, a `-` anywhere else is a literal.
pub fn character_class(documented: &str) -> String {
    let chars: Vec<char> = documented.chars().collect();
    let mut out = String::from("[");
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let is_range = i + 2 < chars.len()
            && chars[i + 1] == '-'
            && c.is_ascii_alphanumeric()
            && chars[i + 2].is_ascii_alphanumeric()
            && c <= chars[i + 2];
        if is_range {
            out.push(c);
            out.push('-');
            out.push(chars[i + 2]);
            i += 3;
            continue;
        }
        if matches!(c, '-' | '\\' | ']' | '[' | '^') {
            out.push('\\');
        }
        out.push(c);
        i += 1;
    }
    out.push(']');
    out
}
