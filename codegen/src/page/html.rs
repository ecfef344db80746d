//! Reader for HTML doc pages (scraper) into the shared page model.
//!
//! Page chrome (`script`, `style`, `nav`, `header`, `footer`, `aside`, forms) is skipped.
//! Headings, paragraphs, tables (`thead`/`tbody` or bare rows), `pre` blocks and lists map
//! to the same blocks as the Markdown reader; inside cells, `<br>` is a space, `<li>`
//! items are written ` - item` (the flattening the text drops use), links become their
//! text, inline `<code>` keeps backticks (as the text drops show it), entities are decoded. HTML has no reliable source lines, so
//! locations carry the element path (`body > div[1] > table[2] > tbody > tr[3]`).

use super::inline_markup::normalize_inline;
use super::text::decode;
use super::{normalize_space, Block, Page, Row, Table};
use crate::diagnostic::{Diagnostic, Location};
use scraper::{ElementRef, Html, Node};

const CHROME: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form", "button", "svg", "head", "iframe"];

pub fn read_html_page(file: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let text = decode(file, bytes)?;
    if text.trim().is_empty() {
        return Err(Diagnostic::at(file, 1, "the page is empty; expected a Tencent Cloud API doc page"));
    }
    let document = Html::parse_document(text);
    let root = document.root_element();
    let mut reader = Reader { file, blocks: Vec::new() };
    reader.container(root, "html")?;
    if reader.blocks.is_empty() {
        return Err(Diagnostic::at(file, 1, "the page has no headings, paragraphs, tables or code; expected a Tencent Cloud API doc page"));
    }
    Ok(Page { file: file.to_string(), blocks: reader.blocks })
}

struct Reader<'a> {
    file: &'a str,
    blocks: Vec<Block>,
}

impl Reader<'_> {
    fn location(&self, path: &str) -> Location {
        Location { file: self.file.to_string(), line: 1, element: Some(path.to_string()) }
    }

    /// Reads the children of a container element in document order.
    fn container(&mut self, element: ElementRef<'_>, path: &str) -> Result<(), Diagnostic> {
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        let mut loose_text = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(t) => loose_text.push_str(t),
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(child) else { continue };
                    let name = el.value().name().to_ascii_lowercase();
                    let n = counts.entry(name.clone()).or_insert(0);
                    *n += 1;
                    let child_path = format!("{path} > {name}[{n}]");
                    if is_inline(&name) {
                        loose_text.push_str(&cell_text(el));
                        continue;
                    }
                    self.flush_loose(&mut loose_text, path);
                    self.element(el, &name, &child_path)?;
                }
                _ => {}
            }
        }
        self.flush_loose(&mut loose_text, path);
        Ok(())
    }

    /// Text directly inside a container counts as a paragraph.
    fn flush_loose(&mut self, text: &mut String, path: &str) {
        let t = normalize_inline(text);
        if !t.is_empty() {
            let location = self.location(path);
            self.blocks.push(Block::Paragraph { text: t, location });
        }
        text.clear();
    }

    fn element(&mut self, el: ElementRef<'_>, name: &str, path: &str) -> Result<(), Diagnostic> {
        let location = self.location(path);
        match name {
            n if CHROME.contains(&n) => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.blocks.push(Block::Heading { level, text: normalize_inline(&cell_text(el)), location });
            }
            "p" => {
                let text = normalize_inline(&cell_text(el));
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph { text, location });
                }
            }
            "ul" | "ol" => {
                for li in el.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "li") {
                    let text = normalize_inline(&cell_text(li));
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph { text: format!("- {text}"), location: location.clone() });
                    }
                }
            }
            "pre" => {
                let code: String = el.text().collect();
                self.blocks.push(Block::Code { text: code.trim_end_matches('\n').to_string(), location });
            }
            "table" => {
                let table = self.table(el, path)?;
                self.blocks.push(Block::Table(table));
            }
            _ => self.container(el, path)?,
        }
        Ok(())
    }

    fn table(&self, el: ElementRef<'_>, path: &str) -> Result<Table, Diagnostic> {
        let mut header: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for (section, section_path) in sections(el, path) {
            let mut n = 0;
            for tr in section.children().filter_map(ElementRef::wrap).filter(|e| e.value().name() == "tr") {
                n += 1;
                let row_path = format!("{section_path} > tr[{n}]");
                let cells: Vec<ElementRef<'_>> = tr.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th")).collect();
                let texts: Vec<String> = cells.iter().map(|c| normalize_inline(&cell_text(*c))).collect();
                let is_header = header.is_empty() && cells.iter().all(|c| c.value().name() == "th");
                if is_header {
                    header = texts;
                    continue;
                }
                if header.is_empty() {
                    return Err(Diagnostic::new(self.location(&row_path), "table row before any header row; expected a `<th>` header row first"));
                }
                if texts.len() != header.len() {
                    return Err(Diagnostic::new(
                        self.location(&row_path),
                        format!("table row has {} cells; expected {} ({})", texts.len(), header.len(), header.join(" | ")),
                    ));
                }
                rows.push(Row { location: self.location(&row_path), cells: texts });
            }
        }
        if header.is_empty() {
            return Err(Diagnostic::new(self.location(path), "table without a header row; expected `<th>` cells"));
        }
        Ok(Table { location: self.location(path), header, rows })
    }
}

/// `thead`/`tbody`/`tfoot` sections of a table, or the table itself for bare rows.
fn sections<'a>(table: ElementRef<'a>, path: &str) -> Vec<(ElementRef<'a>, String)> {
    let mut out = vec![(table, path.to_string())];
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        let name = child.value().name();
        if matches!(name, "thead" | "tbody" | "tfoot") {
            let n = counts.entry(name).or_insert(0);
            *n += 1;
            out.push((child, format!("{path} > {name}[{n}]")));
        }
    }
    out
}

fn is_in_pre(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.ancestors().any(|a| matches!(a.value(), Node::Element(e) if e.name() == "pre"))
}

fn is_inline(name: &str) -> bool {
    matches!(name, "a" | "span" | "code" | "em" | "strong" | "b" | "i" | "br" | "sup" | "sub" | "font" | "kbd" | "small")
}

/// The text of an element: `<br>` → space, each `<li>` → ` - item`.
fn cell_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    collect_text(el, &mut out);
    normalize_space(&out)
}

fn collect_text(el: ElementRef<'_>, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if CHROME.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.push(' ');
                    continue;
                }
                if name == "li" {
                    out.push_str(" - ");
                }
                // Inline code keeps backticks, as in the text drops and Markdown.
                let tick = name == "code" && !is_in_pre(child);
                if tick {
                    out.push('`');
                }
                if let Some(inner) = ElementRef::wrap(child) {
                    collect_text(inner, out);
                }
                if tick {
                    out.push('`');
                }
                if matches!(name, "p" | "div" | "li") {
                    out.push(' ');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_blocks_and_skips_chrome() {
        let html = r#"<html><head><title>x</title><script>var a = "<p>no</p>";</script></head><body>
            <nav><p>menu</p></nav>
            <div><h2>1. API Description</h2><p>Domain: <a href="/x">demo</a> &amp; more.</p>
            <table><thead><tr><th>A</th><th>B</th></tr></thead><tbody>
            <tr><td>1</td><td>x<br>y <code>z</code><ul><li>one</li><li>two</li></ul></td></tr></tbody></table>
            <pre><code>{"a": "&lt;b&gt;"}</code></pre></div><footer>f</footer></body></html>"#;
        let page = read_html_page("p.html", html.as_bytes()).unwrap();
        assert_eq!(page.blocks.len(), 4, "{:?}", page.blocks);
        assert!(matches!(&page.blocks[1], Block::Paragraph { text, .. } if text == "Domain: demo & more."));
        let Block::Table(t) = &page.blocks[2] else { panic!() };
        assert_eq!(t.rows[0].cells, vec!["1", "x y `z` - one - two"]);
        assert_eq!(t.rows[0].location.element.as_deref(), Some("html > body[1] > div[1] > table[1] > tbody[1] > tr[1]"));
        assert!(matches!(&page.blocks[3], Block::Code { text, .. } if text == r#"{"a": "<b>"}"#));
    }

    #[test]
    fn malformed_html_is_located() {
        let cases: &[(&str, &[u8], &str)] = &[
            ("empty", b"", "empty"),
            ("no content", b"<html><body><script>x</script></body></html>", "no headings"),
            ("wide row", b"<table><tr><th>A</th></tr><tr><td>1</td><td>2</td></tr></table>", "tr[2]"),
            ("no header", b"<table><tr><td>1</td></tr></table>", "before any header"),
            ("binary", b"<p>\x00</p>", "binary"),
        ];
        for (name, input, expected) in cases {
            let err = read_html_page("bad.html", input).expect_err(name);
            assert!(err.to_string().contains(expected), "{name}: {err}");
        }
    }
}
