//! String parameters that carry an encoded content: Base64 bytes, or a JSON document and
//! the rules for its keys and values.

use super::Extractor;
use crate::ir::constraint::ConstraintKind;
use regex::Regex;
use std::sync::LazyLock;

static JSON_ENCODED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:the )?field type is (?:a )?json[- ]?encoded? string|\bjson[- ]encoded string\b|字段类型为\s*json[- ]?encoded?\s*string").expect("static regex")
});

/// "Base64-encoded command", "encoded in Base64", "Base64编码后的命令内容", "经过 Base64 编码".
static BASE64: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bbase64[- ]?encoded\b|\bencoded (?:in|with|using) base64\b|\bin base64\b|base64\s*编码|base64\s*格式").expect("static regex")
});

static STRING_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\bboth (?:kv|key and value) are string-type\b|\b(?:kv|key\s*和\s*value)\s*均为字符串(?:类型|型)?").expect("static regex")
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    if !matches!(ex.ctx.ty, crate::ir::model::TypeRef::String) {
        return;
    }
    let text = ex.text;
    if let Some(m) = BASE64.find(text) {
        ex.claim(m.range(), vec![(ConstraintKind::Base64, None)]);
    }
    if let Some(m) = JSON_ENCODED.find(text) {
        ex.json_encoded = ex.claim(m.range(), vec![(ConstraintKind::JsonEncoded, None)]);
    }
    if let Some(m) = STRING_VALUES.find(text) {
        ex.claim(m.range(), vec![(ConstraintKind::JsonStringValues, None)]);
    }
}
