//! Which published layout a page is written in, detected once from the page's own words
//! (its tables' headers, its headings, its domain and rate lines), never from its file name.
//! The page is then read with the [`Words`] of that layout's language: every layout of that
//! language together, since pages borrow phrases of other years (read with its detected
//! layout's words alone, 43 of the 213 practice services read differently).

use super::vocabulary::{language_of, Column, Language, Layout, Words};
use crate::diagnostic::Diagnostic;
use crate::page::{Block, Page};

/// A page's layout, and the words it is read with.
#[derive(Clone, Copy)]
pub struct PageLayout {
    pub layout: &'static Layout,
    pub words: &'static Words,
}

impl PageLayout {
    pub fn language(&self) -> Language {
        self.layout.language
    }
}

/// The language whose words the page uses most (a page with none of any language's words,
/// prose only, is read in the language of its characters), then the layout of that
/// language whose own headings and columns the page uses most (the newest on a tie).
pub fn detect(page: &Page) -> PageLayout {
    let by_words = Language::ALL.map(|l| (l, evidence(page, Words::of(l))));
    let best = by_words.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let language = match by_words.iter().find(|(_, n)| *n == best && best > 0) {
        Some((l, _)) => *l,
        None => language_of(&page_text(page)),
    };
    let words = Words::of(language);
    let mut layout = words.layouts()[0];
    let mut most = own_words(page, layout);
    for l in &words.layouts()[1..] {
        let n = own_words(page, l);
        if n > most {
            (layout, most) = (l, n);
        }
    }
    PageLayout { layout, words }
}

/// How many of a language's words the page uses: table headers, section headings, "used
/// by" lines, and the domain and rate lines (a whole phrase, so worth more than a word).
fn evidence(page: &Page, words: &Words) -> usize {
    let named = |h: &str| Column::ALL.iter().any(|c| words.is_header(h, *c));
    let mut score = 0;
    for block in &page.blocks {
        score += match block {
            Block::Table(t) => t.header.iter().filter(|h| named(h)).count() * 2,
            Block::Heading { text, .. } => usize::from(words.is_section_heading(text)),
            // Long paragraphs are descriptions: no layout phrase is that long.
            Block::Paragraph { text, .. } if text.len() < 300 => {
                if words.domain(text).is_some() || words.rate_limit(text).is_some() {
                    3
                } else {
                    usize::from(
                        words.is_section_heading(text) || words.used_by_list(text).is_some(),
                    )
                }
            }
            Block::Paragraph { .. } | Block::Code { .. } => 0,
        };
    }
    score
}

/// How many of one layout's own headings and column names the page uses.
fn own_words(page: &Page, layout: &Layout) -> usize {
    page.blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
                usize::from(layout.has_section_heading(text))
            }
            Block::Table(t) => t.header.iter().filter(|h| layout.names_column(h)).count(),
            Block::Code { .. } => 0,
        })
        .sum()
}

/// A page's prose and table cells (code blocks left out).
fn page_text(page: &Page) -> String {
    let mut text = String::new();
    for block in &page.blocks {
        match block {
            Block::Heading { text: t, .. } | Block::Paragraph { text: t, .. } => text.push_str(t),
            Block::Table(table) => table
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .for_each(|c| text.push_str(c)),
            Block::Code { .. } => {}
        }
        text.push(' ');
    }
    text
}

/// One warning when a service's pages are written in more than one language, naming the
/// first page of each.
pub fn mixed_languages(pages: &[(&Page, PageLayout)]) -> Option<Diagnostic> {
    let mut first: Vec<(Language, &Page)> = Vec::new();
    for (page, layout) in pages.iter().filter(|(p, _)| !p.blocks.is_empty()) {
        if !first.iter().any(|(l, _)| *l == layout.language()) {
            first.push((layout.language(), page));
        }
    }
    let [(_, page_a), _, ..] = first.as_slice() else {
        return None;
    };
    let named: Vec<String> = first
        .iter()
        .map(|(l, p)| format!("{l:?} ({})", p.file))
        .collect();
    Some(Diagnostic::at(
        &page_a.file,
        1,
        format!(
            "the drop mixes languages: {}; the API is read from each page alike, but its documentation will be in each of them",
            named.join(", ")
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::markdown::read_markdown_page;

    fn read(file: &str, text: &str) -> Page {
        read_markdown_page(file, text.as_bytes()).expect("page")
    }

    #[test]
    fn a_page_is_read_in_the_layout_of_its_words() {
        let en = read(
            "A.md",
            "This API creates a command.\n\n| Parameter Name | Type |\n|---|---|\n| A | String |\n",
        );
        let zh = read(
            "B.md",
            "## 2. 输入参数\n\n| 参数名称 | 类型 |\n|---|---|\n| A | String |\n",
        );
        let older = read(
            "C.md",
            "### 请求参数\n\n| 参数名称 | 是否必选 |\n|---|---|\n",
        );
        let ja = read(
            "D.md",
            "## 2. 入力パラメータ\n\n| パラメータ名 | 必須項目 | タイプ | 説明 |\n|---|---|---|---|\n| A | はい | String | 説明 |\n",
        );
        // English words in a table of a Chinese page's prose still make it English.
        let prose = read("E.md", "此接口用于创建命令。");
        assert_eq!(detect(&en).layout.name, "international (current)");
        assert_eq!(detect(&zh).layout.name, "Chinese (current)");
        assert_eq!(detect(&older).layout.name, "Chinese (older)");
        assert_eq!(detect(&ja).language(), Language::Japanese);
        assert_eq!(detect(&prose).language(), Language::Chinese);
    }

    #[test]
    fn a_page_borrows_the_words_of_its_languages_other_layouts() {
        let page = read(
            "A.md",
            "## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---|---|---|---|\n| A | Yes | String | The A. |\n",
        );
        let layout = detect(&page);
        assert_eq!(layout.layout.name, "international (current)");
        // The 2019 layout's words for "no error codes of its own", on a current page.
        let line = "There is no error code related to the API business logic. For other error codes, see Common Error Codes.";
        assert!(!layout
            .layout
            .boilerplate
            .iter()
            .any(|p| line.starts_with(p)));
        assert!(layout.words.is_boilerplate(line));
    }

    #[test]
    fn a_drop_in_several_languages_is_one_warning() {
        let en = read(
            "A.md",
            "This API creates a command.\n\n| Parameter Name | Type |\n|---|---|\n| A | String |\n",
        );
        let zh = read(
            "B.md",
            "此接口用于创建命令。\n\n| 参数名称 | 类型 |\n|---|---|\n| A | String |\n",
        );
        let ja = read(
            "C.md",
            "このAPIはコマンドを作成します。\n\n| パラメータ名 | タイプ |\n|---|---|\n| A | String |\n",
        );
        let with = |pages: &[&Page]| -> Option<String> {
            let read: Vec<(&Page, PageLayout)> = pages.iter().map(|p| (*p, detect(p))).collect();
            mixed_languages(&read).map(|d| d.to_string())
        };
        assert!(with(&[&en, &en]).is_none());
        let w = with(&[&en, &zh, &zh, &ja]).expect("mixed");
        assert!(
            w.starts_with(
                "A.md:1: the drop mixes languages: English (A.md), Chinese (B.md), Japanese (C.md)"
            ),
            "{w}"
        );
    }
}
