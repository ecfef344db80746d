//! The IR, and so the generated crate, is the same whichever format the pages come in.
//!
//! - Every TAT page rendered to Markdown and to HTML (by the helpers below) gives exactly
//!   the IR of its text page, for all 29 actions and the Data Types page.
//! - The three real Markdown/HTML samples give the IR of their text pages, except what the
//!   text drops lost: example headings ("Example1 …") and description bullet lists.

use codegen::emit::{emit_crate, EmitOptions};
use doc_model::drops::{page_files, read_page};
use doc_model::ir::{build_service, Service};
use doc_model::page::{Block, Page};
use serde_json::Value;
use std::path::Path;

fn text_pages() -> Vec<Page> {
    page_files(Path::new("../specs/tat"))
        .unwrap()
        .iter()
        .map(|p| {
            read_page(
                &format!("specs/tat/{}", p.file_name().unwrap().to_string_lossy()),
                &std::fs::read(p).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

fn common_pages() -> Vec<Page> {
    page_files(Path::new("../specs/common"))
        .unwrap()
        .iter()
        .map(|p| {
            read_page(
                &format!("specs/common/{}", p.file_name().unwrap().to_string_lossy()),
                &std::fs::read(p).unwrap(),
            )
            .unwrap()
        })
        .collect()
}

fn escape_md(s: &str) -> String {
    let mut out = s.replace('|', "\\|");
    if out.starts_with(['-', '+', '*', '#', '>'])
        || out
            .split_once('.')
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    {
        out.insert(0, '\\');
    }
    out
}

/// The page as a maintainer would save it in Markdown.
fn to_markdown(page: &Page) -> String {
    let mut out = String::new();
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&format!("{} {text}\n\n", "#".repeat(*level as usize)))
            }
            Block::Paragraph { text, .. } => out.push_str(&format!("{}\n\n", escape_md(text))),
            Block::Table(t) => {
                out.push_str(&format!(
                    "| {} |\n|{}\n",
                    t.header.join(" | "),
                    "---|".repeat(t.header.len())
                ));
                for r in &t.rows {
                    let cells: Vec<String> =
                        r.cells.iter().map(|c| c.replace('|', "\\|")).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
                out.push('\n');
            }
            Block::Code { text, .. } => out.push_str(&format!("```\n{text}\n```\n\n")),
        }
    }
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page as a maintainer would save it from a browser, with some chrome around it.
fn to_html(page: &Page) -> String {
    let mut out = String::from("<!DOCTYPE html><html><head><title>x</title><script>var x = '<p>not content</p>';</script></head><body><nav><p>Docs menu</p></nav><div class=\"main\">\n");
    for block in &page.blocks {
        match block {
            Block::Heading { level, text, .. } => {
                out.push_str(&format!("<h{level}>{}</h{level}>\n", escape_html(text)))
            }
            Block::Paragraph { text, .. } => {
                out.push_str(&format!("<p>{}</p>\n", escape_html(text)))
            }
            Block::Table(t) => {
                out.push_str("<table><thead><tr>");
                for h in &t.header {
                    out.push_str(&format!("<th>{}</th>", escape_html(h)));
                }
                out.push_str("</tr></thead><tbody>\n");
                for r in &t.rows {
                    out.push_str("<tr>");
                    for c in &r.cells {
                        out.push_str(&format!("<td>{}</td>", escape_html(c)));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table>\n");
            }
            Block::Code { text, .. } => {
                out.push_str(&format!("<pre><code>{}</code></pre>\n", escape_html(text)))
            }
        }
    }
    out.push_str("</div><footer><p>Feedback</p></footer></body></html>\n");
    out
}

/// A generated file as tokens, the page places it names (`"specs/tat/X.txt:12"`, where a
/// member is documented) blanked: the same member sits on another line of another file in
/// each format, and the layout around those strings follows their length. Other files as
/// they are.
fn without_page_places(path: &str, text: &str) -> String {
    use syn::visit_mut::VisitMut;
    struct Blank(regex::Regex);
    impl VisitMut for Blank {
        fn visit_lit_str_mut(&mut self, lit: &mut syn::LitStr) {
            if self.0.is_match(&lit.value()) {
                *lit = syn::LitStr::new("…", lit.span());
            }
        }
        // A call wrapped over lines gains a trailing comma.
        fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
            call.args = std::mem::take(&mut call.args).into_iter().collect();
            syn::visit_mut::visit_expr_method_call_mut(self, call);
        }
    }
    if path.ends_with(".tsv") {
        // The side table of page places: its members, not where they are.
        let members = text.lines().map(|l| l.split('\t').next().unwrap_or(l));
        return members.collect::<Vec<_>>().join("\n");
    }
    if !path.ends_with(".rs") {
        return text.to_string();
    }
    let mut file = syn::parse_file(text).expect("generated Rust parses");
    let place = regex::Regex::new(r"^specs/tat/[A-Za-z]+\.(?:txt|md|html):\d+$").expect("regex");
    Blank(place).visit_file_mut(&mut file);
    quote::ToTokens::to_token_stream(&file).to_string()
}

fn rendered(ext: &str, render: fn(&Page) -> String) -> Service {
    let pages: Vec<Page> = text_pages()
        .iter()
        .map(|p| {
            let stem = Path::new(&p.file)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            read_page(&format!("specs/tat/{stem}.{ext}"), render(p).as_bytes())
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    build_service(&pages, &common_pages()).unwrap()
}

/// The IR as JSON without source locations (lines and file names differ by format).
fn facts(v: impl serde::Serialize) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.retain(|k, _| !k.ends_with("location") && k != "warnings");
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(v).unwrap();
    strip(&mut v);
    v
}

#[test]
fn every_tat_page_rendered_to_markdown_and_html_gives_the_same_ir() {
    let text = build_service(&text_pages(), &common_pages()).unwrap();
    for (ext, render) in [
        ("md", to_markdown as fn(&Page) -> String),
        ("html", to_html),
    ] {
        let other = rendered(ext, render);
        assert_eq!(other.actions.len(), 29, "{ext}");
        for (a, b) in text.actions.iter().zip(&other.actions) {
            assert_eq!(facts(a), facts(b), "{ext}: {}", a.name);
        }
        assert_eq!(facts(&text.types), facts(&other.types), "{ext}: data types");
        assert_eq!(facts(&text.service), facts(&other.service), "{ext}");
    }
}

#[test]
fn the_generated_crate_is_byte_identical_whichever_format() {
    let options = EmitOptions {
        spec_dir: "specs/tat".into(),
        runtime_path: "../../runtime".into(),
        ..Default::default()
    };
    let text = emit_crate(
        &build_service(&text_pages(), &common_pages()).unwrap(),
        &options,
    )
    .unwrap()
    .files;
    for (ext, render) in [
        ("md", to_markdown as fn(&Page) -> String),
        ("html", to_html),
    ] {
        let other = emit_crate(&rendered(ext, render), &options).unwrap().files;
        assert_eq!(text.len(), other.len());
        for (a, b) in text.iter().zip(&other) {
            let (left, right) = (
                without_page_places(&a.path, &a.contents),
                without_page_places(&b.path, &b.contents),
            );
            assert!(
                a.path == b.path && left == right,
                "{ext}: {} differs",
                a.path
            );
        }
    }
}

#[test]
fn real_markdown_and_html_samples_agree_with_their_text_pages() {
    let types: Vec<Page> = text_pages()
        .into_iter()
        .filter(|p| p.file.ends_with("DataTypes.txt"))
        .collect();
    let text = build_service(&text_pages(), &common_pages()).unwrap();
    for name in ["CreateCommand", "DescribeInvocations", "RunCommand"] {
        let want = text.actions.iter().find(|a| a.name == name).unwrap();
        for ext in ["md", "html"] {
            let path = format!("tests/data/samples/{name}.{ext}");
            let page =
                read_page(&path, &std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{e}"));
            let mut pages = types.clone();
            pages.push(page);
            let service = build_service(&pages, &common_pages()).unwrap_or_else(|e| panic!("{e}"));
            let mut got = service.actions[0].clone();
            // What the text drops lost: example headings and description bullet lists.
            for (g, w) in got.examples.iter_mut().zip(&want.examples) {
                if w.title.is_none() {
                    assert!(
                        g.title.is_some(),
                        "{path}: the sample has an example heading"
                    );
                    g.title = None;
                }
            }
            if got.description != want.description {
                assert!(
                    got.description.starts_with(&want.description),
                    "{path}: description"
                );
                assert!(
                    got.description[want.description.len()..]
                        .trim_start()
                        .starts_with("- "),
                    "{path}: only a bullet list is extra"
                );
                got.description = want.description.clone();
            }
            assert_eq!(facts(&got), facts(want), "{path}");
        }
    }
}

#[test]
fn a_directory_may_mix_formats_but_not_document_an_action_twice() {
    let mut pages = text_pages();
    // Swap two pages for their Markdown and HTML renderings: same IR.
    type Render = fn(&Page) -> String;
    let swaps: [(&str, &str, Render); 2] = [
        ("InvokeCommand", "md", to_markdown),
        ("RunCommand", "html", to_html),
    ];
    for (stem, ext, render) in swaps {
        let page = pages
            .iter_mut()
            .find(|p| p.file == format!("specs/tat/{stem}.txt"))
            .unwrap();
        *page = read_page(&format!("specs/tat/{stem}.{ext}"), render(page).as_bytes()).unwrap();
    }
    let mixed = build_service(&pages, &common_pages()).unwrap();
    let text = build_service(&text_pages(), &common_pages()).unwrap();
    assert_eq!(facts(&mixed.actions), facts(&text.actions));

    // The same action as .txt and .md is an error naming both files.
    let invoke = text_pages()
        .into_iter()
        .find(|p| p.file.ends_with("InvokeCommand.txt"))
        .unwrap();
    let mut twice = text_pages();
    twice.push(
        read_page(
            "specs/tat/InvokeCommand.md",
            to_markdown(&invoke).as_bytes(),
        )
        .unwrap(),
    );
    let err = build_service(&twice, &common_pages())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("InvokeCommand.md") && err.contains("InvokeCommand.txt"),
        "{err}"
    );
}
