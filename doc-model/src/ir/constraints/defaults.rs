//! Defaults: literal ones become typed values; ones described in words are kept as
//! `server_default` so the docs can say what happens when the field is left out.

use super::Extractor;
use crate::ir::constraint::ConstraintKind;
use crate::ir::model::TypeRef;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

static LITERAL_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:it )?(?:defaults to|(?:the )?default(?: value)?(?: is|:))\s*(?P<v>-?\d+(?:\.\d+)?|true|false|[A-Za-z][A-Za-z0-9_-]*)(?P<after>[^.,;]*)",
    )
    .expect("static regex")
});

static DESCRIBED_DEFAULT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bby default\b|\bdefault value is\b|\bdefault value:|\bdefaults to\b")
        .expect("static regex")
});

const UNIT_WORDS: &[&str] = &[
    "seconds", "second", "hours", "hour", "minutes", "minute", "days", "day", "ms",
];

pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    for caps in LITERAL_DEFAULT.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let after = caps["after"].trim();
        // "Default value: 60 seconds" is literal; "default value is /root for SHELL…" is not.
        let after_ok = after.is_empty()
            || after
                .to_ascii_lowercase()
                .split_whitespace()
                .next()
                .is_some_and(|w| UNIT_WORDS.contains(&w))
            || after.starts_with("with a maximum");
        if !after_ok {
            continue;
        }
        let Some(value) = typed_value(ex.ctx.ty, &caps["v"]) else {
            continue;
        };
        let end = if after.starts_with("with") {
            caps.name("v").expect("group").end()
        } else {
            whole.end()
        };
        ex.claim(
            whole.start()..end,
            vec![(ConstraintKind::Default { value }, None)],
        );
    }
    for m in DESCRIBED_DEFAULT.find_iter(text) {
        let span = super::sentence_range(text, m.start());
        if !ex.overlaps(&span) {
            ex.claim(span, vec![(ConstraintKind::ServerDefault, None)]);
        }
    }
}

fn typed_value(ty: &TypeRef, raw: &str) -> Option<Value> {
    match ty {
        TypeRef::Integer => raw.parse::<i64>().ok().map(Value::from),
        TypeRef::Float => super::number_value(raw),
        TypeRef::Boolean => match raw.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        TypeRef::String => Some(Value::String(raw.to_string())),
        _ => None,
    }
}
