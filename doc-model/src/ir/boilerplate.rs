//! Sentences every Tencent Cloud doc page carries that hold no fact about the API.

const BOILERPLATE_PREFIXES: &[&str] = &[
    "The following request parameter list only provides API request parameters",
    "TencentCloud API 3.0 integrates SDKs",
    "The following only lists the error codes related to the API business logic",
    "Feedback",
    "Was this page helpful",
];

/// Section headings of the Markdown/HTML renderings ("1. API Description", "Input Example").
const SECTION_HEADINGS: &[&str] = &[
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
];

pub fn is_boilerplate(text: &str) -> bool {
    BOILERPLATE_PREFIXES.iter().any(|p| text.starts_with(p))
}

/// True for a page's structural heading, with or without its number ("2. Input Parameters").
pub fn is_section_heading(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    SECTION_HEADINGS.iter().any(|h| t.eq_ignore_ascii_case(h))
}
