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

/// A field's rustdoc, one line: its description, then its wire name, its documented limits
/// (the description holds their phrases) and its documented filters.
pub fn field_doc(field: &Field) -> TokenStream {
    let mut text = page_text(if field.description.is_empty() { &field.name } else { &field.description });
    let mut facts = vec![format!("Wire name `{}`", field.name)];
    if field.required == Some(true) {
        facts.push("required".to_string());
    }
    let limits: Vec<String> =
        field.constraints.iter().filter(|c| !matches!(c.kind, ConstraintKind::Filter { .. })).map(|c| page_text(&c.kind.describe())).collect();
    if !limits.is_empty() {
        facts.push(format!("documented limits: {}", limits.join("; ")));
    }
    let filters: Vec<String> = field
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::Filter { name, values } if values.is_empty() => Some(format!("`{name}`")),
            ConstraintKind::Filter { name, values } => Some(format!("`{name}` ({})", page_text(&values.join(", ")))),
            _ => None,
        })
        .collect();
    if !filters.is_empty() {
        facts.push(format!("documented filters: {}", filters.join(", ")));
    }
    let sep = if text.ends_with('.') { " " } else { ". " };
    text.push_str(&format!("{sep}{}.", facts.join("; ")));
    doc_attrs(&text)
}

/// A setter's rustdoc: one line pointing at the field it sets, where the description is.
pub fn setter_doc(request: &proc_macro2::Ident, field: &proc_macro2::Ident, wire: &str) -> TokenStream {
    let field = field.to_string();
    let field = field.trim_start_matches("r#");
    doc_attrs(&format!("Sets `{wire}`: see [`{request}::{field}`]."))
}
