//! Defaults: literal ones become typed values; ones described in words are kept as
//! `server_default` so the docs can say what happens when the field is left out.

use super::extractor::Extractor;
use crate::ir::constraint::Fact;
use crate::ir::model::TypeRef;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// A literal default: `v`, then what follows it up to the next separator (`after`).
static LITERAL_DEFAULTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r"\b(?:it )?(?:defaults to|(?:the )?default(?: value)?(?: is|:))\s*(?P<v>-?\d+(?:\.\d+)?|true|false|[A-Za-z][A-Za-z0-9_-]*)(?P<after>[^.,;。，；]*)",
        // "默认值为 10", "默认为false", "默认：SHELL", "默认取值：FALSE", "缺省值：false", "默认为"mysql""
        r#"(?:默认|缺省)(?:取)?值?\s*(?:为|是|：|:)\s*["“`]?(?P<v>-?\d+(?:\.\d+)?|true|false|[A-Za-z][A-Za-z0-9_-]*)["”`]?(?P<after>[^.,;。，；]*)"#,
        // "默认60秒", "默认 false": a bare number or boolean.
        r"(?:默认|缺省)(?:取)?值?\s*(?P<v>-?\d+(?:\.\d+)?|true|false)(?P<after>[^.,;。，；]*)",
        // "默认 desc。", "默认取 LAUNCH_CONFIGURATION。": a bare word, ending its clause.
        r"(?:默认|缺省)取?\s*(?P<v>[A-Za-z][A-Za-z0-9_-]*)(?P<after>)\s*(?:[.,;。，；]|$)",
    ]
    .iter()
    .map(|p| Regex::new(&format!("(?i){p}")).expect("static regex"))
    .collect()
});

/// A default in words ("by default", "默认以 Command 配置的 Timeout 执行", "不填默认自动生成");
/// `默认` as a noun's adjective ("的默认值进行替换", "默认项目") is not one.
static DESCRIBED_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bby default\b|\bdefault value is\b|\bdefault value:|\bdefaults to\b|默认(?:情况下|为|是|以|使用|采用|不|开启|关闭|启用|按|从|在|提供|自动|取[^值]|仅|值为|值是|值：|值:|：|:)|(?:^|[\s，。；,;（(]|不填|不传|不指定|为空时|时|则)默认")
        .expect("static regex")
});

const UNIT_WORDS: &[&str] = &[
    "seconds", "second", "hours", "hour", "minutes", "minute", "days", "day", "ms",
];

/// Units written right after a Chinese number ("默认60秒").
const CHINESE_UNIT_WORDS: &[&str] = &["毫秒", "秒", "分钟", "分", "小时", "天", "个", "条", "次"];

pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    for re in LITERAL_DEFAULTS.iter() {
        for caps in re.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let v = caps.name("v").expect("group");
            let after = caps.name("after").expect("group");
            let Some(end) = literal_end(after.as_str(), after.end(), v.end()) else {
                continue;
            };
            let Some(value) = typed_value(ex.ctx.ty, v.as_str()) else {
                continue;
            };
            ex.claim(
                whole.start()..end,
                vec![(Fact::Default { value }.into(), None)],
            );
        }
    }
    for m in DESCRIBED_DEFAULT.find_iter(text) {
        // The phrase may open with the character before `默认`: read the sentence of `默认`.
        let at = m.start() + m.as_str().find("默认").unwrap_or(0);
        let span = super::extractor::sentence_range(text, at);
        if !ex.overlaps(&span) {
            ex.claim(span, vec![(Fact::ServerDefault.into(), None)]);
        }
    }
}

/// Where a literal default's phrase ends, or `None` if what follows the value makes it
/// not a literal: "Default value: 60 seconds" is literal; "default value is /root for
/// SHELL…" is not. A space then Chinese text is the next sentence (a dropped `<p>`).
fn literal_end(after: &str, whole_end: usize, value_end: usize) -> Option<usize> {
    let rest = after.trim_start();
    let unit = rest
        .to_ascii_lowercase()
        .split_whitespace()
        .next()
        .is_some_and(|w| UNIT_WORDS.contains(&w))
        || CHINESE_UNIT_WORDS.iter().any(|u| rest.starts_with(u));
    if after.is_empty() || unit {
        Some(whole_end)
    } else if rest.starts_with("with a maximum")
        || (after.starts_with(char::is_whitespace) && rest.starts_with(|c: char| !c.is_ascii()))
    {
        Some(value_end)
    } else {
        None
    }
}

fn typed_value(ty: &TypeRef, raw: &str) -> Option<Value> {
    match ty {
        TypeRef::Integer => raw.parse::<i64>().ok().map(Value::from),
        TypeRef::Float => super::extractor::number_value(raw),
        TypeRef::Boolean => match raw.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        TypeRef::String => Some(Value::String(raw.to_string())),
        _ => None,
    }
}
