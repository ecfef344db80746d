//! The words of every page layout Tencent has published, as data: one [`Layout`] entry per
//! layout and language. The readers of action, data-types and common pages ask this module
//! ("is this the Required column?", "is this a section heading?") and never spell a word
//! themselves, so a new layout is a new entry here, not a new code path.

use crate::diagnostic::Diagnostic;
use crate::page::{Block, Page, Table};
use regex::Regex;
use std::sync::LazyLock;

/// The language a page is written in, as far as its layout words tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    English,
    Chinese,
}

/// One published layout's vocabulary. Regex sources are matched case-insensitively against
/// whitespace-normalised text from which invisible characters were already removed.
pub struct Layout {
    pub name: &'static str,
    pub language: Language,
    /// Headers of the name column of a request or response parameter table.
    pub parameter_name_columns: &'static [&'static str],
    /// Headers of the name column of a data-types (structure) table.
    pub member_name_columns: &'static [&'static str],
    pub required_columns: &'static [&'static str],
    pub type_columns: &'static [&'static str],
    pub description_columns: &'static [&'static str],
    pub error_code_columns: &'static [&'static str],
    pub error_description_columns: &'static [&'static str],
    /// Words of the Required column.
    pub yes: &'static [&'static str],
    pub no: &'static [&'static str],
    /// Structural headings, without their numbers ("2. Input Parameters").
    pub section_headings: &'static [&'static str],
    /// The word an example's heading starts with (`Example 1 Title`, `示例1 标题`).
    pub example_words: &'static [&'static str],
    /// Prefixes of sentences that hold no fact about the API.
    pub boilerplate: &'static [&'static str],
    /// How a common parameter's description starts.
    pub common_parameter: &'static [&'static str],
    /// A regex with group `v`: the value of the `Action`/`Version` row.
    pub value_for_api: &'static str,
    /// A regex with group `d`: the API's domain.
    pub domain: &'static str,
    /// A regex with group `n`: requests per second.
    pub rate_limit: &'static str,
    /// How a structure's "used by" line starts.
    pub used_by: &'static [&'static str],
}

/// Every layout the readers know, newest first within each language.
pub static LAYOUTS: &[Layout] = &[INTERNATIONAL, INTERNATIONAL_2019, CHINESE, CHINESE_OLDER];

const INTERNATIONAL: Layout = Layout {
    name: "international (current)",
    language: Language::English,
    parameter_name_columns: &["Parameter Name", "Parameter"],
    member_name_columns: &["Name"],
    required_columns: &["Required", "Mandatory"],
    type_columns: &["Type"],
    description_columns: &["Description"],
    error_code_columns: &["Error Code"],
    error_description_columns: &["Description"],
    yes: &["yes", "y", "true", "required", "mandatory"],
    no: &["no", "n", "false", "optional"],
    section_headings: &[
        "API Description",
        "Input Parameters",
        "Output Parameters",
        "Example",
        "Examples",
        "Input Example",
        "Output Example",
        "Developer Resources",
        "Error Code",
        "Error Codes",
    ],
    example_words: &["Example"],
    boilerplate: &[
        "The following request parameter list only provides API request parameters",
        "TencentCloud API 3.0 integrates SDKs",
        "The following only lists the error codes related to the API business logic",
        "Feedback",
        "Was this page helpful",
    ],
    common_parameter: &["Common Param"],
    value_for_api: r"(?:The\s*)?value\s*used\s*for\s*this\s*API\s*:",
    domain: r"^Domain name for API request:\s*(?P<d>[A-Za-z0-9.-]+?)\s*\.?$",
    rate_limit: r"A maximum of (?P<n>\d+) requests can be initiated per second",
    used_by: &["Used by actions:"],
};

/// Tencent's international Markdown pages of 2019–2021 (`API/API 3.0/` in its docs repo).
const INTERNATIONAL_2019: Layout = Layout {
    name: "international Markdown (2019–2021)",
    language: Language::English,
    parameter_name_columns: &["Parameter name"],
    member_name_columns: &["Name"],
    required_columns: &["Required"],
    type_columns: &["Type"],
    description_columns: &["Description"],
    error_code_columns: &["Error Code", "Error code"],
    error_description_columns: &["Description", "Error description"],
    yes: &["yes"],
    no: &["no"],
    section_headings: &[
        "Sample",
        "Samples",
        "Input Sample Code",
        "Output Sample Code",
        "Input",
        "Output",
        "Scenario description",
        "Request parameters",
        "Response parameters",
        "Resources for Developers",
        "Other Resources",
        "API Explorer",
        "SDK",
        "TCCLI",
        "Command line tools",
    ],
    example_words: &["Example", "Sample"],
    boilerplate: &[
        "The list below contains only the API request parameters",
        "The following request parameter list only provides",
        "Only error codes related to",
        "The following only lists the error codes",
        "There is no error code related to the API business logic",
        "TencentCloud API 3.0 comes with SDKs",
    ],
    common_parameter: &["Common parameter", "Common Param"],
    value_for_api: r"(?:(?:the|its)\s*)?(?:value|version)\s*(?:used\s*)?(?:for|in|of)\s*this\s*API\s*:",
    domain: r"^Domain name for API request:\s*(?P<d>[A-Za-z0-9.-]+?)\s*\.?$",
    rate_limit: r"Default request rate limit:\s*(?P<n>\d+)\s*(?:requests?)?\s*/\s*(?:sec|second|s)\b",
    used_by: &["Referenced by:", "Used by actions:"],
};

/// Tencent's Chinese site (`cloud.tencent.com/document/api`), current layout.
const CHINESE: Layout = Layout {
    name: "Chinese (current)",
    language: Language::Chinese,
    parameter_name_columns: &["参数名称", "参数名"],
    member_name_columns: &["名称"],
    required_columns: &["必选", "是否必选", "是否必填", "必填"],
    type_columns: &["类型"],
    description_columns: &["描述", "说明"],
    error_code_columns: &["错误码", "错误代码"],
    error_description_columns: &["描述", "错误描述", "说明"],
    yes: &["是", "必选", "必填"],
    no: &["否", "可选", "非必选", "选填"],
    section_headings: &[
        "接口描述",
        "输入参数",
        "输出参数",
        "示例",
        "输入示例",
        "输出示例",
        "开发者资源",
        "错误码",
        "命令行工具",
    ],
    example_words: &["示例"],
    boilerplate: &[
        "以下请求参数列表仅列出了接口请求参数",
        "以下仅列出了接口业务逻辑相关的错误码",
        "云 API 3.0 提供了配套的开发工具集",
        "该接口暂无业务逻辑相关的错误码",
    ],
    common_parameter: &["公共参数"],
    value_for_api: r"本接口取值\s*:",
    domain: r"^接口请求域名\s*:\s*(?P<d>[A-Za-z0-9.-]+?)\s*[.。]?$",
    rate_limit: r"默认接口请求频率限制\s*:\s*(?P<n>\d+)\s*次\s*/\s*秒",
    used_by: &["被如下接口引用:"],
};

/// Tencent's older Chinese pages: error codes before the examples, examples under
/// `### 请求参数` / `### 返回参数`.
const CHINESE_OLDER: Layout = Layout {
    name: "Chinese (older)",
    language: Language::Chinese,
    parameter_name_columns: &["参数名称"],
    member_name_columns: &["名称"],
    required_columns: &["是否必选"],
    type_columns: &["类型"],
    description_columns: &["描述"],
    error_code_columns: &["错误码"],
    error_description_columns: &["描述"],
    yes: &["是"],
    no: &["否"],
    section_headings: &["请求参数", "返回参数", "请求示例", "返回示例", "场景描述"],
    example_words: &["示例"],
    boilerplate: &[],
    common_parameter: &["公共参数"],
    value_for_api: r"本接口取值\s*:",
    domain: r"^接口请求域名\s*:\s*(?P<d>[A-Za-z0-9.-]+?)\s*[.。]?$",
    rate_limit: r"默认接口请求频率限制\s*:\s*(?P<n>\d+)\s*次\s*/\s*秒",
    used_by: &["被如下接口引用:"],
};

/// A concept of a parameter or error code table, answered by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    ParameterName,
    MemberName,
    Required,
    Type,
    Description,
    ErrorCode,
    ErrorDescription,
}

impl Column {
    fn headers(self, layout: &Layout) -> &'static [&'static str] {
        match self {
            Column::ParameterName => layout.parameter_name_columns,
            Column::MemberName => layout.member_name_columns,
            Column::Required => layout.required_columns,
            Column::Type => layout.type_columns,
            Column::Description => layout.description_columns,
            Column::ErrorCode => layout.error_code_columns,
            Column::ErrorDescription => layout.error_description_columns,
        }
    }
}

/// The index of the table's column for `concept`, in any layout.
pub fn column(table: &Table, concept: Column) -> Option<usize> {
    table.header.iter().position(|h| is_header(h, concept))
}

/// True when `header` names `concept` in some layout.
pub fn is_header(header: &str, concept: Column) -> bool {
    let header = fold(header);
    LAYOUTS.iter().any(|l| {
        concept
            .headers(l)
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&header))
    })
}

/// What a Required cell says: `Some(true)`/`Some(false)`, `None` for a word of no layout.
pub fn required_word(cell: &str) -> Option<bool> {
    let word = fold(cell)
        .trim_end_matches(['.', ',', ';', '。'])
        .to_lowercase();
    let is = |words: fn(&Layout) -> &'static [&'static str]| {
        LAYOUTS.iter().any(|l| words(l).contains(&word.as_str()))
    };
    if is(|l| l.yes) {
        Some(true)
    } else if is(|l| l.no) {
        Some(false)
    } else {
        None
    }
}

/// True for a page's structural heading, with or without its number ("2. 输入参数").
pub fn is_section_heading(text: &str) -> bool {
    let text = fold(text);
    let t = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    LAYOUTS
        .iter()
        .any(|l| l.section_headings.iter().any(|h| t.eq_ignore_ascii_case(h)))
}

pub fn is_boilerplate(text: &str) -> bool {
    let text = fold(text);
    LAYOUTS
        .iter()
        .any(|l| l.boilerplate.iter().any(|p| text.starts_with(p)))
}

/// True when a parameter's description says it is a common parameter.
pub fn is_common_parameter(description: &str) -> bool {
    let text = fold(description);
    LAYOUTS.iter().any(|l| {
        l.common_parameter.iter().any(|p| {
            text.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        })
    })
}

/// The list after a structure's "used by" words, if `text` is that line.
pub fn used_by_list(text: &str) -> Option<String> {
    let text = fold(text);
    LAYOUTS.iter().find_map(|l| {
        l.used_by
            .iter()
            .find_map(|p| text.strip_prefix(p).map(|rest| rest.trim().to_string()))
    })
}

/// "Example1 Create Command", "Sample 2. Error", "示例1 查询" → the title after the number;
/// `None` when the heading does not start with an example word.
pub fn example_title(heading: &str) -> Option<String> {
    let heading = fold(heading);
    let rest = LAYOUTS
        .iter()
        .flat_map(|l| l.example_words)
        .find_map(|w| heading.strip_prefix(w))?;
    let rest = rest
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches([':', '.', ' ']);
    Some(rest.to_string())
}

/// The `Action`/`Version` row's value (`…The value used for this API: 2020-10-28.`).
pub fn value_for_api(description: &str) -> Option<String> {
    static VALUE: LazyLock<Regex> = LazyLock::new(|| {
        let any: Vec<&str> = LAYOUTS.iter().map(|l| l.value_for_api).collect();
        Regex::new(&format!(
            r"(?i)(?:{})\s*(?P<v>[A-Za-z0-9_.-]+?)[.。]?(?:[\s,;)]|$)",
            any.join("|")
        ))
        .expect("static regex")
    });
    VALUE
        .captures(&fold(description))
        .map(|c| c["v"].to_string())
}

/// The domain line's domain (`Domain name for API request: tat.tencentcloudapi.com.`).
pub fn domain(paragraph: &str) -> Option<String> {
    static DOMAIN: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(|l| l.domain));
    let text = fold(paragraph);
    DOMAIN
        .iter()
        .find_map(|r| r.captures(&text).map(|c| c["d"].to_string()))
}

/// The rate line's number, as written (`Ok(None)` when the line is not a rate line).
pub fn rate_limit(paragraph: &str) -> Option<String> {
    static RATE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(|l| l.rate_limit));
    let text = fold(paragraph);
    RATE.iter()
        .find_map(|r| r.captures(&text).map(|c| c["n"].to_string()))
}

/// The language of a page's own words: Chinese when CJK characters are at least a quarter
/// of its letters (a Chinese page still spells its parameter names and types in ASCII).
pub fn language_of(text: &str) -> Language {
    let cjk = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if cjk > 0 && cjk * 3 >= latin {
        Language::Chinese
    } else {
        Language::English
    }
}

/// The language of a page's prose and table cells (code blocks left out).
pub fn page_language(page: &Page) -> Language {
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
    language_of(&text)
}

/// One warning when a service's pages are written in more than one language, naming the
/// first page of each.
pub fn mixed_languages(pages: &[Page]) -> Option<Diagnostic> {
    let mut first: Vec<(Language, &Page)> = Vec::new();
    for page in pages.iter().filter(|p| !p.blocks.is_empty()) {
        let language = page_language(page);
        if !first.iter().any(|(l, _)| *l == language) {
            first.push((language, page));
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
            "the drop mixes languages: {}; the API is read from each page alike, but its documentation will be in both",
            named.join(", ")
        ),
    ))
}

fn compile(pattern: fn(&Layout) -> &'static str) -> Vec<Regex> {
    let mut sources: Vec<&str> = LAYOUTS.iter().map(pattern).collect();
    sources.dedup();
    sources
        .into_iter()
        .map(|s| Regex::new(&format!("(?i){s}")).expect("static regex"))
        .collect()
}

/// Full-width punctuation and spaces as their ASCII forms, so one word list serves both
/// (`公共参数，本接口取值：X` reads as `公共参数,本接口取值:X`).
pub fn fold(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '\u{3000}' | '\u{00A0}' => ' ',
            c => c,
        })
        .collect();
    folded.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_names_the_version_row() {
        for (text, want) in [
            (
                "Common parameter. The value used for this API: 2020-10-28.",
                "2020-10-28",
            ),
            (
                "Common parameter. Valueused in this API: 2017-03-12",
                "2017-03-12",
            ),
            (
                "Common parameter; the version of this API: 2017-03-12",
                "2017-03-12",
            ),
            (
                "Common parameter; its value for this API: 2019-01-16",
                "2019-01-16",
            ),
            ("公共参数，本接口取值：2020-10-28。", "2020-10-28"),
            (
                "公共参数，本接口取值：DescribeInvocations。",
                "DescribeInvocations",
            ),
        ] {
            assert_eq!(value_for_api(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(value_for_api("公共参数，详见产品支持的 地域列表。"), None);
    }

    #[test]
    fn headers_and_required_words_of_both_languages() {
        let table = Table {
            location: crate::diagnostic::Location::new("p", 1),
            header: vec![
                "参数名称".into(),
                "必选".into(),
                "类型".into(),
                "描述".into(),
            ],
            rows: Vec::new(),
        };
        assert_eq!(column(&table, Column::ParameterName), Some(0));
        assert_eq!(column(&table, Column::Required), Some(1));
        assert_eq!(column(&table, Column::Description), Some(3));
        assert_eq!(column(&table, Column::MemberName), None);
        assert_eq!(required_word("是"), Some(true));
        assert_eq!(required_word(" No. "), Some(false));
        assert_eq!(required_word("String"), None);
    }

    #[test]
    fn domain_rate_and_headings() {
        assert_eq!(
            domain("接口请求域名： tat.tencentcloudapi.com 。").as_deref(),
            Some("tat.tencentcloudapi.com")
        );
        assert_eq!(
            rate_limit("默认接口请求频率限制：20次/秒。").as_deref(),
            Some("20")
        );
        assert_eq!(
            rate_limit("Default request rate limit: 20/sec.").as_deref(),
            Some("20")
        );
        assert!(is_section_heading("6. 错误码"));
        assert!(is_section_heading("4. Samples"));
        assert_eq!(
            example_title("示例1 查询执行活动").as_deref(),
            Some("查询执行活动")
        );
        assert_eq!(example_title("Sample 2. Error").as_deref(), Some("Error"));
        assert_eq!(example_title("Scenario description"), None);
        assert_eq!(
            used_by_list("被如下接口引用：DescribeInvocations、RunCommand").as_deref(),
            Some("DescribeInvocations、RunCommand")
        );
    }

    #[test]
    fn a_drop_in_two_languages_is_one_warning() {
        let read = |file: &str, text: &str| {
            crate::page::markdown::read_markdown_page(file, text.as_bytes()).expect("page")
        };
        let en = read(
            "A.md",
            "This API creates a command.\n\n| Parameter Name | Type |\n|---|---|\n| A | String |\n",
        );
        let zh = read(
            "B.md",
            "此接口用于创建命令。\n\n| 参数名称 | 类型 |\n|---|---|\n| A | String |\n",
        );
        assert!(mixed_languages(&[en.clone(), en.clone()]).is_none());
        let w = mixed_languages(&[en, zh.clone(), zh])
            .expect("mixed")
            .to_string();
        assert!(
            w.starts_with("A.md:1: the drop mixes languages: English (A.md), Chinese (B.md)"),
            "{w}"
        );
    }

    #[test]
    fn language_by_share_of_cjk() {
        assert_eq!(
            language_of("此接口用于查询执行活动详情。 InvocationIds"),
            Language::Chinese
        );
        assert_eq!(
            language_of("This API queries the invocations (执行) of a command."),
            Language::English
        );
    }
}
