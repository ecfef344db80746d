//! String parameters that carry a JSON document, and the rules for its keys and values.

use super::Extractor;
use crate::ir::constraint::ConstraintKind;
use regex::Regex;
use std::sync::LazyLock;

static JSON_ENCODED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:the )?field type is (?:a )?json[- ]?encoded? string|\bjson[- ]encoded string\b").expect("static regex")
});

static STRING_VALUES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\bboth (?:kv|key and value) are string-type\b").expect("static regex")
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    if !matches!(ex.ctx.ty, crate::ir::model::TypeRef::String) {
        return;
    }
    let text = ex.text;
    if let Some(m) = JSON_ENCODED.find(text) {
        ex.json_encoded = ex.claim(m.range(), vec![(ConstraintKind::JsonEncoded, None)]);
    }
    if let Some(m) = STRING_VALUES.find(text) {
        ex.claim(m.range(), vec![(ConstraintKind::JsonStringValues, None)]);
    }
}
