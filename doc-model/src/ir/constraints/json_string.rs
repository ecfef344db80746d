//! String parameters that carry an encoded content: Base64 bytes, or a JSON document and
//! the rules for its keys and values.

use super::extractor::Extractor;
use crate::ir::constraint::Fact;
use crate::ir::model::TypeRef;
use regex::Regex;
use std::sync::LazyLock;
use tencentcloud_rules::Rule;

/// "field type is json encoded string", "a JSON-serialised string", "JSON序列化的字符串",
/// "JSON 格式的字符串".
static JSON_ENCODED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:the )?field type is (?:a )?json[- ]?encoded? string|\bjson[- ](?:encoded|seriali[sz]ed) string\b|字段类型为\s*json[- ]?encoded?\s*string|json\s*(?:序列化|格式)(?:后)?的?字符串").expect("static regex")
});

/// "Base64-encoded command", "encoded in Base64", "Base64编码后的命令内容", "经过 Base64 编码".
static BASE64: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bbase64[- ]?encoded\b|\bencoded (?:in|with|using) base64\b|\bin base64\b|base64\s*编码|base64\s*格式").expect("static regex")
});

static STRING_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\bboth (?:kv|key and value) are string-type\b|\b(?:kv|key\s*和\s*value)\s*均为字符串(?:类型|型)?").expect("static regex")
});

/// An encoding is read only on a string: a structure (or a list of them) documented as
/// "JSON-encoded" is read as the structure, which is what its type says, with a warning.
pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    if !matches!(ex.ctx.ty, TypeRef::String) {
        if let TypeRef::Struct { name } = ex.ctx.ty.element() {
            // ("Base64" there names a member's content: the structure holds the bytes.)
            if let Some(m) = JSON_ENCODED.find(text) {
                ex.contradictions.push(format!(
                    "`{}` has type `{name}`, but its description calls it `{}`; read as the structure (an encoding applies only to a String)",
                    ex.ctx.name,
                    m.as_str()
                ));
            }
        }
        return;
    }
    // A JSON document is text, not Base64 bytes: a Base64 phrase then describes its content.
    if let Some(m) = JSON_ENCODED.find(text) {
        ex.json_encoded = ex.claim(m.range(), vec![(Rule::JsonEncoded.into(), None)]);
    }
    if let Some(m) = BASE64.find(text).filter(|_| !ex.json_encoded) {
        ex.claim(m.range(), vec![(Fact::Base64.into(), None)]);
    }
    if let Some(m) = STRING_VALUES.find(text) {
        ex.claim(m.range(), vec![(Rule::JsonStringValues.into(), None)]);
    }
}
