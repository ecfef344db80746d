//! The marks of an action page, for a page no reader recognised: a table of parameters (names
//! and types, whatever language its header is in; the `Action` and `Version` rows first among
//! them), or a domain or rate line (in any known language). A table of names and values without
//! types (a signature guide's example request) is no such mark. A page with any of them
//! documents an action, so it is an error naming what was not understood, never ignored: its
//! action would silently leave the crate. Only a page with none of them may be ignored.

use super::model::TypeRef;
use super::page_view::PageView;
use super::type_ref::parse_type;
use super::vocabulary::{Column, Language, Words};
use crate::diagnostic::Diagnostic;
use crate::page::{Block, Row, Table};

/// The error for an unrecognised page that has an action's marks; `None` when it has none.
pub fn unread_action(view: &PageView<'_>) -> Option<Diagnostic> {
    let tables = || {
        view.page.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    };
    let table = tables()
        .find(|t| has_action_row(t))
        .or_else(|| tables().find(|t| t.rows.iter().any(|r| parameter_row(r).is_some())));
    if let Some(table) = table {
        return Some(Diagnostic::new(
            table.location.clone(),
            format!(
                "the page documents an action ({}) but its table is not understood: {}; its action would silently leave the crate (expected a `Parameter Name | Required | Type | Description` table, in the {} layout's words or another's)",
                if has_action_row(table) { "an `Action`/`Version` row" } else { "rows of parameter names and types" },
                not_understood(table),
                view.layout.layout.name,
            ),
        ));
    }
    let line = view
        .page
        .blocks
        .iter()
        .find(|b| matches!(b, Block::Paragraph { text, .. } if is_domain_or_rate_line(text)))?;
    Some(Diagnostic::new(
        line.location().clone(),
        "the page starts as an action page (this line) but has no request or response table: it is cut off or damaged, and its action would silently leave the crate; save the whole page again",
    ))
}

/// A row that reads as a parameter in any language: a name, and a cell naming a scalar
/// type or a list (`String`, `Integer`, `Array of …`), which no prose table has. Its name.
fn parameter_row(row: &Row) -> Option<&str> {
    let name = row.cells.first()?.trim().trim_matches('`');
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c));
    let typed = row
        .cells
        .iter()
        .skip(1)
        .any(|c| parse_type(c).is_ok_and(|t| !matches!(t.element(), TypeRef::Struct { .. })));
    (is_name && typed).then_some(name)
}

/// The table lists the `Action` or `Version` row every action page starts with: typed, or
/// saying the value for this API in some language's words.
fn has_action_row(table: &Table) -> bool {
    table.rows.iter().any(|r| {
        let named = r
            .cells
            .first()
            .is_some_and(|c| matches!(c.trim().trim_matches('`'), "Action" | "Version"));
        let valued = || {
            r.cells.iter().skip(1).any(|c| {
                Language::ALL
                    .into_iter()
                    .any(|l| Words::of(l).value_for_api(c).is_some())
            })
        };
        named && (parameter_row(r).is_some() || valued())
    })
}

fn is_domain_or_rate_line(text: &str) -> bool {
    Language::ALL
        .into_iter()
        .map(Words::of)
        .any(|w| w.domain(text).is_some() || w.rate_limit(text).is_some())
}

/// What the table's header lacks: the columns no known layout names there.
fn not_understood(table: &Table) -> String {
    let header = table.header.join(" | ");
    let knows = |concept: Column| {
        Language::ALL
            .into_iter()
            .any(|l| Words::of(l).column(table, concept).is_some())
    };
    let mut missing: Vec<&str> = Vec::new();
    if !knows(Column::ParameterName) && !knows(Column::MemberName) {
        missing.push("parameter name");
    }
    for (concept, word) in [
        (Column::Required, "Required"),
        (Column::Type, "Type"),
        (Column::Description, "Description"),
    ] {
        if !knows(concept) {
            missing.push(word);
        }
    }
    if missing.is_empty() {
        format!("its header `{header}` mixes the words of different layouts")
    } else {
        format!(
            "its header `{header}` names no {} column of a known layout",
            missing.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::markdown::read_markdown_page;

    fn error(text: &str) -> Option<String> {
        let page = read_markdown_page("P.md", text.as_bytes()).expect("page");
        unread_action(&PageView::new(&page)).map(|d| d.to_string())
    }

    #[test]
    fn a_table_in_an_unknown_language_is_named() {
        let korean = "## 2. 입력 매개변수\n\n| 매개변수 | 필수 | 유형 | 설명 |\n|---|---|---|---|\n| Action | 예 | String | 공통 매개변수 |\n| Name | 예 | String | 이름 |\n";
        let e = error(korean).expect("an error");
        assert!(
            e.starts_with("P.md:3: the page documents an action (an `Action`/`Version` row) but its table is not understood: its header `매개변수 | 필수 | 유형 | 설명` names no parameter name, Required, Type, Description column of a known layout"),
            "{e}"
        );
        let no_action_row = korean.replace("| Action |", "| Region |");
        assert!(error(&no_action_row)
            .expect("parameters")
            .contains("(rows of parameter names and types)"));
    }

    #[test]
    fn a_domain_line_without_tables_is_a_cut_page_and_prose_is_no_action() {
        let cut = error(
            "## 1. 接口描述\n\n接口请求域名： cvm.tencentcloudapi.com 。\n\n本接口用于查询实例。\n",
        )
        .expect("cut off");
        assert!(
            cut.starts_with("P.md:3: the page starts as an action page"),
            "{cut}"
        );
        let guide = "# Signature\n\nHow to sign a request.\n\n| 参数名称 | 中文 | 参数值 |\n|---|---|---|\n| Action | 方法名 | DescribeInstances |\n| Version | 接口版本号 | 2017-03-12 |\n";
        assert_eq!(
            error(guide),
            None,
            "a table of values is no parameter table"
        );
    }
}
