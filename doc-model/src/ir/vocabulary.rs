//! The words of every page layout Tencent has published, as data: one [`Layout`] entry per
//! layout and language. A page is read with the [`Words`] of its language (detected once per
//! page, `ir/page_layout.rs`): the readers of action, data-types and common pages ask them
//! ("is this the Required column?", "is this a section heading?") and never spell a word
//! themselves, so a new layout is a new entry here, not a new code path.

use crate::page::Table;
use regex::Regex;
use std::sync::LazyLock;

/// The language a page is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Language {
    English,
    Chinese,
    Japanese,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::English, Language::Chinese, Language::Japanese];
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
pub static LAYOUTS: &[Layout] = &[
    INTERNATIONAL,
    INTERNATIONAL_2019,
    CHINESE,
    CHINESE_OLDER,
    JAPANESE,
];

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
        // The developer resources' own headings keep their English names on the Chinese site.
        "API Explorer",
        "SDK",
        "TCCLI",
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

/// Tencent's Japanese pages (`API説明`, `パラメータ名 | 必須項目 | タイプ | 説明`, `はい`/`いいえ`,
/// `このAPIの値：`), some of them inside Chinese service folders.
const JAPANESE: Layout = Layout {
    name: "Japanese",
    language: Language::Japanese,
    parameter_name_columns: &["パラメータ名", "パラメーター名", "パラメータ名称"],
    member_name_columns: &["名称", "名前"],
    required_columns: &["必須項目", "必須", "必須かどうか"],
    type_columns: &["タイプ", "型", "データ型"],
    description_columns: &["説明", "記述"],
    error_code_columns: &["エラーコード"],
    error_description_columns: &["説明", "エラーの説明"],
    yes: &["はい", "必須"],
    no: &["いいえ", "任意", "オプション"],
    section_headings: &[
        "API説明",
        "入力パラメータ",
        "出力パラメータ",
        "例",
        "入力例",
        "出力例",
        "開発者リソース",
        "エラーコード",
        "API Explorer",
        "SDK",
        "TCCLI",
        "CLI",
    ],
    example_words: &["例"],
    boilerplate: &[
        "次のリクエストパラメータリストには",
        "以下のリクエストパラメーターリストには",
        "以下に、APIビジネスロジックに関連するエラーコードのみ",
        "クラウドAPI 3.0は",
        "このツールは",
    ],
    common_parameter: &["共通パラメータ"],
    value_for_api: r"(?:この|該当|本)\s*APIの値\s*:",
    domain: r"^(?:API)?リクエストドメイン名\s*:\s*(?P<d>[A-Za-z0-9.-]+?)\s*[.。]?$",
    rate_limit: r"APIリクエスト頻度制限\s*:\s*(?P<n>\d+)\s*回\s*/\s*秒",
    used_by: &[
        "次のAPIによって参照されます:",
        "以下のAPIによって参照されます:",
        "次のAPIで参照されます:",
    ],
};

impl Layout {
    /// True when `header` is one of this layout's column names.
    pub fn names_column(&self, header: &str) -> bool {
        let header = fold(header);
        Column::ALL.iter().any(|c| {
            c.headers(self)
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&header))
        })
    }

    /// True when `text` is one of this layout's section headings.
    pub fn has_section_heading(&self, text: &str) -> bool {
        let t = heading_words(text);
        self.section_headings
            .iter()
            .any(|h| t.eq_ignore_ascii_case(h))
    }
}

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
    pub const ALL: [Column; 7] = [
        Column::ParameterName,
        Column::MemberName,
        Column::Required,
        Column::Type,
        Column::Description,
        Column::ErrorCode,
        Column::ErrorDescription,
    ];

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

/// The words a page is read with: its language's layouts together (a page of one year
/// borrows phrases of another), with their patterns compiled once.
pub struct Words {
    pub language: Language,
    layouts: Vec<&'static Layout>,
    value_for_api: Regex,
    domain: Vec<Regex>,
    rate_limit: Vec<Regex>,
}

impl Words {
    /// The words of `language`, built once.
    pub fn of(language: Language) -> &'static Words {
        static WORDS: LazyLock<Vec<Words>> =
            LazyLock::new(|| Language::ALL.into_iter().map(Words::build).collect());
        &WORDS[Language::ALL
            .iter()
            .position(|l| *l == language)
            .unwrap_or(0)]
    }

    fn build(language: Language) -> Words {
        let layouts: Vec<&'static Layout> =
            LAYOUTS.iter().filter(|l| l.language == language).collect();
        let phrases: Vec<&str> = layouts.iter().map(|l| l.value_for_api).collect();
        Words {
            language,
            value_for_api: Regex::new(&format!(
                r"(?i)(?:{})\s*(?P<v>[A-Za-z0-9_./-]+?)[.。]?(?:[\s,;)]|$)",
                phrases.join("|")
            ))
            .expect("static regex"),
            domain: compile(&layouts, |l| l.domain),
            rate_limit: compile(&layouts, |l| l.rate_limit),
            layouts,
        }
    }

    pub fn layouts(&self) -> &[&'static Layout] {
        &self.layouts
    }

    /// The index of the table's column for `concept`.
    pub fn column(&self, table: &Table, concept: Column) -> Option<usize> {
        table.header.iter().position(|h| self.is_header(h, concept))
    }

    /// True when `header` names `concept`.
    pub fn is_header(&self, header: &str, concept: Column) -> bool {
        let header = fold(header);
        self.layouts.iter().any(|l| {
            concept
                .headers(l)
                .iter()
                .any(|w| w.eq_ignore_ascii_case(&header))
        })
    }

    /// What a Required cell says: `Some(true)`/`Some(false)`, `None` for another word.
    pub fn required_word(&self, cell: &str) -> Option<bool> {
        let word = fold(cell)
            .trim_end_matches(['.', ',', ';', '。'])
            .to_lowercase();
        let is = |words: fn(&Layout) -> &'static [&'static str]| {
            self.layouts
                .iter()
                .any(|l| words(l).contains(&word.as_str()))
        };
        if is(|l| l.yes) {
            Some(true)
        } else if is(|l| l.no) {
            Some(false)
        } else {
            None
        }
    }

    /// True for a page's structural heading, with or without its number ("2. 输入参数") or
    /// the `#` marks of a heading Markdown did not take for one (`#####　出力例`).
    pub fn is_section_heading(&self, text: &str) -> bool {
        self.layouts.iter().any(|l| l.has_section_heading(text))
    }

    pub fn is_boilerplate(&self, text: &str) -> bool {
        let text = fold(text);
        self.layouts
            .iter()
            .any(|l| l.boilerplate.iter().any(|p| text.starts_with(p)))
    }

    /// True when a parameter's description says it is a common parameter.
    pub fn is_common_parameter(&self, description: &str) -> bool {
        let text = fold(description);
        self.layouts.iter().any(|l| {
            l.common_parameter.iter().any(|p| {
                text.get(..p.len())
                    .is_some_and(|head| head.eq_ignore_ascii_case(p))
            })
        })
    }

    /// The list after a structure's "used by" words, if `text` is that line.
    pub fn used_by_list(&self, text: &str) -> Option<String> {
        let text = fold(text);
        self.layouts.iter().find_map(|l| {
            l.used_by
                .iter()
                .find_map(|p| text.strip_prefix(p).map(|rest| rest.trim().to_string()))
        })
    }

    /// "Example1 Create Command", "Sample 2. Error", "示例1 查询" → the title after the
    /// number; `None` when the heading does not start with an example word.
    pub fn example_title(&self, heading: &str) -> Option<String> {
        let heading = fold(heading);
        // The word stands alone: `例1 …`, not `例えば…` ("for example").
        let rest = self
            .layouts
            .iter()
            .flat_map(|l| l.example_words)
            .filter_map(|w| heading.strip_prefix(w))
            .find(|rest| {
                rest.is_empty()
                    || rest.starts_with(|c: char| c.is_ascii_digit() || " :.".contains(c))
                    || rest.starts_with(NUMERALS)
            })?;
        let rest = rest
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit() || NUMERALS.contains(&c))
            .trim_start_matches([':', '.', ' ']);
        Some(rest.to_string())
    }

    /// The `Action`/`Version` row's value (`…The value used for this API: 2020-10-28.`),
    /// as written (a version may be a date in another form: `api_version` reads it).
    pub fn value_for_api(&self, description: &str) -> Option<String> {
        self.value_for_api
            .captures(&fold(description))
            .map(|c| c["v"].to_string())
    }

    /// The domain line's domain (`Domain name for API request: tat.tencentcloudapi.com.`).
    pub fn domain(&self, paragraph: &str) -> Option<String> {
        let text = fold(paragraph);
        self.domain
            .iter()
            .find_map(|r| r.captures(&text).map(|c| c["d"].to_string()))
    }

    /// The rate line's number, as written.
    pub fn rate_limit(&self, paragraph: &str) -> Option<String> {
        let text = fold(paragraph);
        self.rate_limit
            .iter()
            .find_map(|r| r.captures(&text).map(|c| c["n"].to_string()))
    }
}

/// Numbers as Chinese and Japanese headings may write them (`示例一`).
const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// A heading's words: without `#` marks, its number, a closing colon (`入力例：`) and
/// surrounding space.
fn heading_words(text: &str) -> String {
    fold(text)
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ' ' | '#'))
        .trim_end_matches([':', ' '])
        .to_string()
}

/// The language of a text's own words: Japanese when it has kana, else Chinese when CJK
/// characters are at least a quarter of its letters (a Chinese page still spells its
/// parameter names and types in ASCII), else English.
pub fn language_of(text: &str) -> Language {
    let (mut cjk, mut kana, mut latin) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '\u{3040}'..='\u{30FF}' => kana += 1,
            '\u{4E00}'..='\u{9FFF}' => cjk += 1,
            c if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    if kana > 0 && (kana + cjk) * 3 >= latin && kana * 10 >= cjk {
        Language::Japanese
    } else if cjk > 0 && (cjk + kana) * 3 >= latin {
        Language::Chinese
    } else {
        Language::English
    }
}

fn compile(layouts: &[&'static Layout], pattern: fn(&Layout) -> &'static str) -> Vec<Regex> {
    let mut sources: Vec<&str> = layouts.iter().map(|l| pattern(l)).collect();
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

    fn en() -> &'static Words {
        Words::of(Language::English)
    }

    fn zh() -> &'static Words {
        Words::of(Language::Chinese)
    }

    fn ja() -> &'static Words {
        Words::of(Language::Japanese)
    }

    #[test]
    fn every_layout_names_the_version_row() {
        for (words, text, want) in [
            (
                en(),
                "Common parameter. The value used for this API: 2020-10-28.",
                "2020-10-28",
            ),
            (
                en(),
                "Common parameter. Valueused in this API: 2017-03-12",
                "2017-03-12",
            ),
            (
                en(),
                "Common parameter; the version of this API: 2017-03-12",
                "2017-03-12",
            ),
            (
                en(),
                "Common parameter; its value for this API: 2019-01-16",
                "2019-01-16",
            ),
            (
                en(),
                "Common parameter. The value used for this API: 2/28/2018.",
                "2/28/2018",
            ),
            (zh(), "公共参数，本接口取值：2020-10-28。", "2020-10-28"),
            (
                zh(),
                "公共参数，本接口取值：DescribeInvocations。",
                "DescribeInvocations",
            ),
            (
                ja(),
                "共通パラメータ、このAPIの値：DeleteRule",
                "DeleteRule",
            ),
            (
                ja(),
                "共通パラメータ、該当APIの値：2017/03/20",
                "2017/03/20",
            ),
        ] {
            assert_eq!(words.value_for_api(text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(
            zh().value_for_api("公共参数，详见产品支持的 地域列表。"),
            None
        );
        // A language's words are its own: the Chinese phrase is not an English page's.
        assert_eq!(
            en().value_for_api("公共参数，本接口取值：2020-10-28。"),
            None
        );
    }

    #[test]
    fn headers_and_required_words_of_each_language() {
        let table = |header: [&str; 4]| Table {
            location: crate::diagnostic::Location::new("p", 1),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        };
        let zh_table = table(["参数名称", "必选", "类型", "描述"]);
        assert_eq!(zh().column(&zh_table, Column::ParameterName), Some(0));
        assert_eq!(zh().column(&zh_table, Column::Required), Some(1));
        assert_eq!(zh().column(&zh_table, Column::Description), Some(3));
        assert_eq!(zh().column(&zh_table, Column::MemberName), None);
        assert_eq!(en().column(&zh_table, Column::ParameterName), None);
        let ja_table = table(["パラメータ名", "必須項目", "タイプ", "説明"]);
        for (i, c) in [
            Column::ParameterName,
            Column::Required,
            Column::Type,
            Column::Description,
        ]
        .into_iter()
        .enumerate()
        {
            assert_eq!(ja().column(&ja_table, c), Some(i), "{c:?}");
        }
        assert_eq!(zh().required_word("是"), Some(true));
        assert_eq!(en().required_word(" No. "), Some(false));
        assert_eq!(en().required_word("String"), None);
        assert_eq!(ja().required_word("はい"), Some(true));
        assert_eq!(ja().required_word("いいえ"), Some(false));
    }

    #[test]
    fn domain_rate_and_headings() {
        assert_eq!(
            zh().domain("接口请求域名： tat.tencentcloudapi.com 。")
                .as_deref(),
            Some("tat.tencentcloudapi.com")
        );
        assert_eq!(
            zh().rate_limit("默认接口请求频率限制：20次/秒。")
                .as_deref(),
            Some("20")
        );
        assert_eq!(
            en().rate_limit("Default request rate limit: 20/sec.")
                .as_deref(),
            Some("20")
        );
        assert_eq!(
            ja().domain("APIリクエストドメイン名：clb.tencentcloudapi.com。")
                .as_deref(),
            Some("clb.tencentcloudapi.com")
        );
        assert_eq!(
            ja().rate_limit("デフォルトのAPIリクエスト頻度制限：20回/秒。")
                .as_deref(),
            Some("20")
        );
        assert!(zh().is_section_heading("6. 错误码"));
        assert!(en().is_section_heading("4. Samples"));
        assert!(ja().is_section_heading("#####　出力例"));
        assert!(ja().is_section_heading("#####　入力例："));
        assert_eq!(
            zh().example_title("示例1 查询执行活动").as_deref(),
            Some("查询执行活动")
        );
        assert_eq!(
            en().example_title("Sample 2. Error").as_deref(),
            Some("Error")
        );
        assert_eq!(en().example_title("Scenario description"), None);
        assert_eq!(
            ja().example_title("例1 転送規則の削除").as_deref(),
            Some("転送規則の削除")
        );
        assert_eq!(ja().example_title("例えば、ap-shanghai-fsi。"), None);
        assert_eq!(zh().example_title("示例一").as_deref(), Some(""));
        assert_eq!(
            zh().used_by_list("被如下接口引用：DescribeInvocations、RunCommand")
                .as_deref(),
            Some("DescribeInvocations、RunCommand")
        );
        assert_eq!(
            ja().used_by_list("次のAPIによって参照されます：CreateRule、ModifyListener。")
                .as_deref(),
            Some("CreateRule、ModifyListener。")
        );
    }

    #[test]
    fn language_by_share_of_cjk_and_kana() {
        assert_eq!(
            language_of("此接口用于查询执行活动详情。 InvocationIds"),
            Language::Chinese
        );
        assert_eq!(
            language_of("This API queries the invocations (执行) of a command."),
            Language::English
        );
        assert_eq!(
            language_of("このAPIは転送規則を削除するために使用されます。"),
            Language::Japanese
        );
    }
}
