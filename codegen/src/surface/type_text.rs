//! A Rust type as the emitters quote it → short text for the surface
//! (`::std::vec::Vec<crate::types::Tag>` → `Vec<types::Tag>`).

use proc_macro2::TokenStream;

const PREFIXES: &[&str] = &[
    "::std::string::",
    "::std::vec::",
    "::std::boxed::",
    "::std::option::",
    "::tencentcloud_runtime::",
    "crate::",
];

pub fn type_text(tokens: &TokenStream) -> String {
    short_text(&tokens.to_string())
}

/// Rust text without whitespace or the paths the surface leaves out (`crate::`,
/// `::std::vec::`…): how the surface writes types, and how a test reads emitted files to
/// compare them with it.
pub fn short_text(text: &str) -> String {
    let mut text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in PREFIXES {
        text = text.replace(prefix, "");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn paths_are_shortened_and_spaces_dropped() {
        let t = quote!(::std::vec::Vec<::std::boxed::Box<crate::types::Tag>>);
        assert_eq!(type_text(&t), "Vec<Box<types::Tag>>");
    }
}
