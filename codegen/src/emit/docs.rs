//! Rustdoc text from page descriptions.

use doc_model::ir::Field;
use proc_macro2::TokenStream;
use quote::quote;
use tencentcloud_rules::Rule;

/// `#[doc = "…"]` lines. Text from the pages must go through [`page_text`] first.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines: Vec<String> = text
        .lines()
        .map(|l| format!(" {l}").trim_end().to_string())
        .collect();
    quote! { #( #[doc = #lines] )* }
}

/// Page text made inert for rustdoc: Markdown-significant characters are escaped so it
/// never turns into broken links, emphasis or HTML.
pub fn page_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some((before, url, after)) = next_url(rest) {
        escape_into(before, &mut out);
        // An autolink: rustdoc warns on bare URLs, and escapes do not apply inside one.
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = after;
    }
    escape_into(rest, &mut out);
    out
}

/// The first bare `http(s)://` URL of `s` at a word start, without trailing punctuation:
/// (text before, URL, text after).
fn next_url(s: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    loop {
        let found = ["https://", "http://"]
            .iter()
            .filter_map(|p| s[from..].find(p).map(|i| from + i))
            .min()?;
        let at_word_start = s[..found]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(' || c == ':');
        let len = s[found..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
            .unwrap_or(s.len() - found);
        let url =
            s[found..found + len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', ']']);
        if at_word_start && url.len() > "https://".len() {
            return Some((&s[..found], url, &s[found + url.len()..]));
        }
        from = found + 1;
    }
}

fn escape_into(s: &str, out: &mut String) {
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
}

/// A field's rustdoc, one line: its description, then its wire name, its documented limits
/// (the description holds their phrases) and its documented filters.
pub fn field_doc(field: &Field) -> TokenStream {
    doc_attrs(&field_text(field))
}

/// [`field_doc`]'s text.
fn field_text(field: &Field) -> String {
    let mut text = page_text(if field.description.is_empty() {
        &field.name
    } else {
        &field.description
    });
    let mut facts = vec![format!("Wire name `{}`", field.name)];
    if field.required == Some(true) {
        facts.push("required".to_string());
    }
    let limits: Vec<String> = field
        .constraints
        .iter()
        .filter(|c| !matches!(c.kind.rule(), Some(Rule::Filter { .. })))
        .map(|c| page_text(&c.kind.describe()))
        .collect();
    if !limits.is_empty() {
        facts.push(format!("documented limits: {}", limits.join("; ")));
    }
    let filters: Vec<String> = field
        .constraints
        .iter()
        .filter_map(|c| match c.kind.rule()? {
            Rule::Filter { name, values } if values.is_empty() => Some(format!("`{name}`")),
            Rule::Filter { name, values } => {
                Some(format!("`{name}` ({})", page_text(&values.join(", "))))
            }
            _ => None,
        })
        .collect();
    if !filters.is_empty() {
        facts.push(format!("documented filters: {}", filters.join(", ")));
    }
    let sep = if text.ends_with('.') { " " } else { ". " };
    text.push_str(&format!("{sep}{}.", facts.join("; ")));
    text
}

/// A setter's rustdoc, one line: the member it sets, with its meaning and limits.
pub fn setter_doc(field: &Field) -> TokenStream {
    doc_attrs(&setter_text(field))
}

/// [`setter_doc`]'s text.
pub fn setter_text(field: &Field) -> String {
    format!("Sets `{}`: {}", field.name, field_text(field))
}

#[cfg(test)]
mod tests {
    use super::page_text;

    #[test]
    fn bare_urls_become_autolinks_and_the_rest_is_escaped() {
        assert_eq!(
            page_text("such as https://a.example.com/x_y. Then [b]"),
            "such as <https://a.example.com/x_y>. Then \\[b\\]"
        );
        assert_eq!(
            page_text("(see http://h.example/p)"),
            "(see <http://h.example/p>)"
        );
        assert_eq!(
            page_text("not-a-link:https://x and https:// alone"),
            "not-a-link:<https://x> and https:// alone"
        );
        assert_eq!(page_text("a<b>_c"), "a&lt;b&gt;\\_c");
    }
}
