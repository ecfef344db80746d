//! Rust identifiers from wire names, in one place: snake_case fields, UpperCamel types,
//! raw identifiers for keywords, prefixes for names that cannot start an identifier.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static",
    "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do",
    "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// `OutputCOSBucketUrl` → `output_cos_bucket_url`; `Type` → `r#type`.
pub fn field_ident(wire: &str) -> Ident {
    let snake = sanitize(&wire.to_snake_case(), "f_");
    ident(&snake)
}

/// The snake_case name as text (module and method names).
pub fn snake(wire: &str) -> String {
    sanitize(&wire.to_snake_case(), "f_")
}

/// `InvokeCommand` → `InvokeCommand`; `tag:key` → `TagKey`.
pub fn type_ident(name: &str) -> Ident {
    ident(&camel(name))
}

pub fn camel(name: &str) -> String {
    let c = sanitize(&name.to_upper_camel_case(), "V");
    if c.is_empty() { "Value".to_string() } else { c }
}

/// `InvalidParameterValue.InvalidCommandId` → `InvalidParameterValueInvalidCommandId`.
pub fn error_variant(code: &str) -> String {
    let joined: String = code.split(['.', '-', '_']).map(|part| part.to_upper_camel_case()).collect();
    let c = sanitize(&joined, "E");
    if c.is_empty() { "Empty".to_string() } else { c }
}

fn sanitize(s: &str, prefix: &str) -> String {
    let cleaned: String = s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if cleaned.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("{prefix}{cleaned}")
    } else {
        cleaned
    }
}

/// An identifier, raw when it is a keyword (`r#type`); `self`-like keywords get a suffix.
pub fn ident(name: &str) -> Ident {
    if matches!(name, "self" | "Self" | "super" | "crate" | "_") {
        return Ident::new(&format!("{name}_"), Span::call_site());
    }
    if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Gives each name a unique spelling by numbering repeats (`Foo`, `Foo2`).
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    names
        .into_iter()
        .map(|n| {
            let count = seen.entry(n.clone()).or_insert(0);
            *count += 1;
            if *count == 1 { n } else { format!("{n}{count}") }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(field_ident("OutputCOSBucketUrl").to_string(), "output_cos_bucket_url");
        assert_eq!(field_ident("Type").to_string(), "r#type");
        assert_eq!(field_ident("InstanceIds").to_string(), "instance_ids");
        assert_eq!(camel("PARTIAL_FAILED"), "PartialFailed");
        assert_eq!(camel("Online"), "Online");
        assert_eq!(camel("1st"), "V1st");
        assert_eq!(error_variant("InvalidParameterValue.InvalidCommandId"), "InvalidParameterValueInvalidCommandId");
        assert_eq!(error_variant("FailedOperation.CVMError"), "FailedOperationCvmError");
        assert_eq!(dedupe(vec!["A".into(), "A".into(), "B".into()]), vec!["A", "A2", "B"]);
    }
}
