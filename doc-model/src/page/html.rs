//! Reader for HTML doc pages (scraper) into the shared page model.
//!
//! Page chrome (`script`, `style`, `nav`, `header`, `footer`, `aside`, forms) is skipped.
//! Headings, paragraphs, tables (`thead`/`tbody` or bare rows), `pre` blocks and lists map
//! to the same blocks as the Markdown reader; inside cells, `<br>` is a space, `<li>`
//! items are written ` - item` (the flattening the text drops use), links become their
//! text, inline `<code>` keeps backticks (as the text drops show it), entities are decoded.
//! HTML has no reliable source lines, so locations carry the element path
//! (`body > div[1] > table[2] > tbody > tr[3]`).

use super::cut_off::cut_off_table;
use super::decode::decode;
use super::inline_markup::normalize_inline;
use super::{normalize_space, Block, Link, Page, Row, Table};
use crate::diagnostic::{Diagnostic, Location};
use scraper::{ElementRef, Html, Node};

const CHROME: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
    "button", "svg", "head", "iframe",
];

pub fn read_html_page(file: &str, bytes: &[u8]) -> Result<Page, Diagnostic> {
    let decoded = decode(file, bytes)?;
    let text = decoded.text.as_ref();
    if text.trim().is_empty() {
        return Err(Diagnostic::at(
            file,
            1,
            "the page is empty; expected a Tencent Cloud API doc page",
        ));
    }
    // The HTML parser's scope checks grow with nesting depth (quadratic overall); no doc
    // page nests deeply, so a page that does is refused before parsing.
    let depth = nesting_depth(text);
    if depth > MAX_PARSED_DEPTH {
        return Err(Diagnostic::at(file, 1, format!("elements are nested {depth} deep; expected a doc page (at most {MAX_PARSED_DEPTH})")));
    }
    let document = Html::parse_document(text);
    let root = document.root_element();
    let mut reader = Reader {
        file,
        blocks: Vec::new(),
        warnings: decoded.warnings,
    };
    reader.container(root, "html", 0);
    if reader.blocks.is_empty() {
        return Err(Diagnostic::at(file, 1, "the page has no headings, paragraphs, tables or code; expected a Tencent Cloud API doc page"));
    }
    Ok(Page {
        file: file.to_string(),
        blocks: reader.blocks,
        warnings: reader.warnings,
        errors: cut_off_table(file, text).into_iter().collect(),
        links: hrefs(file, text),
    })
}

/// The `href` of every link, at its line of the source.
fn hrefs(file: &str, text: &str) -> Vec<Link> {
    let mut links = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("href=") {
            let value = &rest[at + 5..];
            let (quote, value) = match value.chars().next() {
                Some(q @ ('"' | '\'')) => (q, &value[1..]),
                _ => (' ', value),
            };
            let url = value.split([quote, '>']).next().unwrap_or_default();
            if !url.is_empty() {
                links.push(Link {
                    url: url.replace("&amp;", "&"),
                    location: Location::new(file, number + 1),
                });
            }
            rest = &value[url.len()..];
        }
    }
    links
}

/// Pages whose tags nest deeper than this are not parsed at all.
const MAX_PARSED_DEPTH: usize = 1024;

/// The deepest nesting of start tags, as a cheap scan (void and self-closed tags excluded).
fn nesting_depth(text: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name_len = bytes[i..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                let name = text[i..i + name_len].to_ascii_lowercase();
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |e| i + e);
                let self_closed = end > 0 && bytes.get(end - 1) == Some(&b'/');
                if !VOID.contains(&name.as_str()) && !self_closed {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
            _ => {}
        }
    }
    deepest
}

/// Containers nested deeper than this are read as plain text (no page nests this deep;
/// a hostile one must not exhaust the stack).
const MAX_DEPTH: usize = 128;

struct Reader<'a> {
    file: &'a str,
    blocks: Vec<Block>,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn location(&self, path: &str) -> Location {
        Location {
            file: self.file.to_string(),
            line: 1,
            column: None,
            element: Some(path.to_string()),
        }
    }

    fn warn(&mut self, path: &str, message: impl Into<String>) {
        let location = self.location(path);
        self.warnings.push(Diagnostic::new(location, message));
    }

    /// Reads the children of a container element in document order.
    fn container(&mut self, element: ElementRef<'_>, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.warn(
                path,
                format!(
                    "elements nested more than {MAX_DEPTH} deep; the rest is read as one paragraph"
                ),
            );
            let mut text: String = element.text().collect();
            self.flush_loose(&mut text, path);
            return;
        }
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        let mut loose_text = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(t) => loose_text.push_str(t),
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = el.value().name().to_ascii_lowercase();
                    let n = counts.entry(name.clone()).or_insert(0);
                    *n += 1;
                    let child_path = format!("{path} > {name}[{n}]");
                    if is_inline(&name) {
                        loose_text.push_str(&cell_text(el));
                        continue;
                    }
                    self.flush_loose(&mut loose_text, path);
                    self.element(el, &name, &child_path, depth + 1);
                }
                _ => {}
            }
        }
        self.flush_loose(&mut loose_text, path);
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

    fn element(&mut self, el: ElementRef<'_>, name: &str, path: &str, depth: usize) {
        let location = self.location(path);
        match name {
            n if CHROME.contains(&n) => {}
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse().unwrap_or(1);
                self.blocks.push(Block::Heading {
                    level,
                    text: normalize_inline(&cell_text(el)),
                    location,
                });
            }
            "p" => {
                let text = normalize_inline(&cell_text(el));
                if !text.is_empty() {
                    self.blocks.push(Block::Paragraph { text, location });
                }
            }
            "ul" | "ol" => {
                for li in el
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|e| e.value().name() == "li")
                {
                    let text = normalize_inline(&cell_text(li));
                    if !text.is_empty() {
                        self.blocks.push(Block::Paragraph {
                            text: format!("- {text}"),
                            location: location.clone(),
                        });
                    }
                }
            }
            "pre" => {
                let code: String = el.text().collect();
                self.blocks.push(Block::Code {
                    text: code.trim_end_matches('\n').to_string(),
                    location,
                });
            }
            "table" => {
                if let Some(table) = self.table(el, path) {
                    self.blocks.push(Block::Table(table));
                }
            }
            _ => self.container(el, path, depth),
        }
    }

    /// A table; rows before a `<th>` header and rows of the wrong width are repaired and reported.
    fn table(&mut self, el: ElementRef<'_>, path: &str) -> Option<Table> {
        let mut header: Vec<String> = Vec::new();
        let mut rows = Vec::new();
        for (section, section_path) in sections(el, path) {
            let mut n = 0;
            for tr in section
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "tr")
            {
                n += 1;
                let row_path = format!("{section_path} > tr[{n}]");
                let cells: Vec<ElementRef<'_>> = tr
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .collect();
                let mut texts: Vec<String> = cells
                    .iter()
                    .map(|c| normalize_inline(&cell_text(*c)))
                    .collect();
                let is_header = header.is_empty() && cells.iter().all(|c| c.value().name() == "th");
                if is_header || header.is_empty() {
                    if !is_header {
                        self.warn(&row_path, "table row before any header row; read as the header row (expected `<th>` cells)");
                    }
                    header = texts;
                    continue;
                }
                if texts.len() != header.len() {
                    let message = format!(
                        "table row has {} cells; expected {} ({}); repaired",
                        texts.len(),
                        header.len(),
                        header.join(" | ")
                    );
                    self.warn(&row_path, message);
                    super::table_cells::fit_cells(&mut texts, header.len());
                }
                rows.push(Row {
                    location: self.location(&row_path),
                    cells: texts,
                });
            }
        }
        if header.is_empty() {
            self.warn(path, "table without any row; ignored");
            return None;
        }
        Some(Table {
            location: self.location(path),
            header,
            rows,
        })
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
    node.ancestors()
        .any(|a| matches!(a.value(), Node::Element(e) if e.name() == "pre"))
}

fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "span"
            | "code"
            | "em"
            | "strong"
            | "b"
            | "i"
            | "br"
            | "sup"
            | "sub"
            | "font"
            | "kbd"
            | "small"
    )
}

/// The text of an element: `<br>` → space, each `<li>` → ` - item`.
fn cell_text(el: ElementRef<'_>) -> String {
    let mut out = String::new();
    collect_text(el, &mut out);
    normalize_space(&out)
}

fn collect_text(el: ElementRef<'_>, out: &mut String) {
    collect_text_at(el, out, 0);
}

fn collect_text_at(el: ElementRef<'_>, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        out.extend(el.text());
        return;
    }
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
                    collect_text_at(inner, out, depth + 1);
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
            <tr><td>1</td><td>x<br>y <code>z</code><ul><li>one</li><li>two</li></ul></td></tr>
            </tbody></table>
            <pre><code>{"a": "&lt;b&gt;"}</code></pre></div><footer>f</footer></body></html>"#;
        let page = read_html_page("p.html", html.as_bytes()).unwrap();
        assert_eq!(page.blocks.len(), 4, "{:?}", page.blocks);
        assert!(
            matches!(&page.blocks[1], Block::Paragraph { text, .. } if text == "Domain: demo & more.")
        );
        let Block::Table(t) = &page.blocks[2] else {
            panic!()
        };
        assert_eq!(t.rows[0].cells, vec!["1", "x y `z` - one - two"]);
        assert_eq!(
            t.rows[0].location.element.as_deref(),
            Some("html > body[1] > div[1] > table[1] > tbody[1] > tr[1]")
        );
        assert!(matches!(&page.blocks[3], Block::Code { text, .. } if text == r#"{"a": "<b>"}"#));
    }

    #[test]
    fn malformed_html_is_repaired_and_located() {
        for (name, input, expected) in [
            ("empty", &b""[..], "empty"),
            (
                "no content",
                b"<html><body><script>x</script></body></html>",
                "no headings",
            ),
        ] {
            let err = read_html_page("bad.html", input).expect_err(name);
            assert!(err.to_string().contains(expected), "{name}: {err}");
        }
        let cases: &[(&str, &[u8], &str)] = &[
            (
                "wide row",
                b"<table><tr><th>A</th></tr><tr><td>1</td><td>2</td></tr></table>",
                "tr[2]): table row has 2 cells",
            ),
            (
                "no header",
                b"<table><tr><td>1</td></tr><tr><td>2</td></tr></table>",
                "before any header row",
            ),
            ("binary", b"<p>a\x00b</p>", "control character U+0000"),
        ];
        for (name, input, expected) in cases {
            let page = read_html_page("bad.html", input).expect(name);
            assert!(
                page.warnings
                    .iter()
                    .any(|w| w.to_string().contains(expected)),
                "{name}: {:?}",
                page.warnings
            );
        }
    }

    #[test]
    fn deep_nesting_is_read_without_exhausting_the_stack() {
        let depth = 1_000;
        let html = format!(
            "{}<p>deep text</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let page = read_html_page("deep.html", html.as_bytes()).expect("readable");
        assert!(page
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph { text, .. } if text.contains("deep text"))));
        assert!(page
            .warnings
            .iter()
            .any(|w| w.message.contains("nested more than")));
        let started = std::time::Instant::now();
        let hostile = "<div>".repeat(500_000);
        let err = read_html_page("hostile.html", hostile.as_bytes()).expect_err("too deep");
        assert!(err.message.contains("nested 500000 deep"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
