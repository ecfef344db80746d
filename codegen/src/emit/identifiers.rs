//! The plain spelling of a wire name in Rust: snake_case fields and methods, UpperCamel
//! types and variants, raw identifiers for keywords, prefixes for names that cannot start
//! an identifier. Uniqueness within a scope is `name_plan.rs`'s job.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be raw identifiers: they get a `_` suffix instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `OutputCOSBucketUrl` → `output_cos_bucket_url`; `self` → `self_`; `1st` → `f_1st`.
pub fn snake(wire: &str) -> String {
    let s = sanitize(&wire.to_snake_case(), "f_");
    if !s.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "field".to_string();
    }
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else {
        s
    }
}

/// `PARTIAL_FAILED` → `PartialFailed`; `1st` → `V1st`; `self` → `Self_`.
pub fn camel(name: &str) -> String {
    let c = sanitize(&name.to_upper_camel_case(), "V");
    if !c.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "Value".to_string();
    }
    if NOT_RAW.contains(&c.as_str()) {
        format!("{c}_")
    } else {
        c
    }
}

/// `InvalidParameterValue.InvalidCommandId` → `InvalidParameterValueInvalidCommandId`.
pub fn error_variant(code: &str) -> String {
    let joined: String = code
        .split(['.', '-', '_'])
        .map(|part| part.to_upper_camel_case())
        .collect();
    let c = sanitize(&joined, "E");
    if !c.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "Empty".to_string();
    }
    if NOT_RAW.contains(&c.as_str()) {
        format!("{c}_")
    } else {
        c
    }
}

fn sanitize(s: &str, prefix: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        format!("{prefix}{cleaned}")
    } else {
        cleaned
    }
}

/// An identifier for a spelling from [`snake`] or [`camel`], raw when it is a keyword (`r#type`).
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) && !NOT_RAW.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings() {
        assert_eq!(snake("OutputCOSBucketUrl"), "output_cos_bucket_url");
        assert_eq!(ident(&snake("Type")).to_string(), "r#type");
        assert_eq!(snake("InstanceIds"), "instance_ids");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("1st"), "f_1st");
        assert_eq!(snake("中文"), "field");
        assert_eq!(snake("Na me"), "na_me");
        assert_eq!(camel("PARTIAL_FAILED"), "PartialFailed");
        assert_eq!(camel("Online"), "Online");
        assert_eq!(camel("1st"), "V1st");
        assert_eq!(camel("3-way"), "V3Way");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(camel("_x"), "X");
        assert_eq!(
            error_variant("InvalidParameterValue.InvalidCommandId"),
            "InvalidParameterValueInvalidCommandId"
        );
        assert_eq!(
            error_variant("FailedOperation.CVMError"),
            "FailedOperationCvmError"
        );
    }

    #[test]
    fn every_spelling_is_an_identifier() {
        for wire in [
            "type",
            "Self",
            "self",
            "_",
            "__",
            "a-b",
            "9",
            "",
            "Ünïcode",
            "mod",
            "crate",
            "r#x",
            "gen",
        ] {
            for text in [snake(wire), camel(wire), error_variant(wire)] {
                let id = ident(&text);
                syn::parse_str::<syn::Ident>(&id.to_string())
                    .unwrap_or_else(|e| panic!("{wire:?} → {id}: {e}"));
            }
        }
    }
}
