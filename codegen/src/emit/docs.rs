//! Rustdoc text from page descriptions.

use doc_model::ir::{ConstraintKind, Field};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "…"]` lines. Text from the pages must go through [`page_text`] first.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines: Vec<String> = text.lines().map(|l| format!(" {l}").trim_end().to_string()).collect();
    quote! { #( #[doc = #lines] )* }
}

/// Page text made inert for rustdoc: Markdown-significant characters are escaped so it
/// never turns into broken links, emphasis or HTML.
pub fn page_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '[' | ']' | '*' | '_' | '`' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A field's rustdoc: its description, then each documented limit with its phrase.
pub fn field_doc(field: &Field) -> TokenStream {
    let mut text = page_text(if field.description.is_empty() { &field.name } else { &field.description });
    let limits: Vec<String> = field
        .constraints
        .iter()
        .filter(|c| !matches!(c.kind, ConstraintKind::Filter { .. }))
        .map(|c| format!("- {} (\"{}\")", page_text(&c.kind.describe()), page_text(&c.source)))
        .collect();
    if !limits.is_empty() {
        text.push_str("\n\nLimits from the documentation:\n");
        text.push_str(&limits.join("\n"));
    }
    let filters: Vec<String> = field
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::Filter { name, values } if values.is_empty() => Some(format!("- `{name}`")),
            ConstraintKind::Filter { name, values } => Some(format!("- `{name}`: {}", page_text(&values.join(", ")))),
            _ => None,
        })
        .collect();
    if !filters.is_empty() {
        text.push_str("\n\nDocumented filters:\n");
        text.push_str(&filters.join("\n"));
    }
    text.push_str(&format!("\n\nWire name: `{}`.", field.name));
    doc_attrs(&text)
}
