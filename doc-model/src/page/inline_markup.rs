//! Normalisation of inline markup left in cell and paragraph text.
//!
//! Rule (shared by every reader): links become their text, inline HTML tags are
//! dropped, `<br>` becomes a space, common entities are decoded, whitespace is folded.
//! Angle-bracket text that is not a known tag (`<Common request parameters>`) is kept.

use regex::Regex;
use std::sync::LazyLock;

/// Tags that only style text: dropped without a trace.
static STYLE_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:a|b|i|em|strong|code|span|font|sup|sub)\b[^<>]*>").expect("static regex")
});

/// Tags that separate text: replaced by a space.
static BREAK_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)</?(?:p|br|ul|ol|li|div|pre)\b[^<>]*/?>").expect("static regex")
});

/// Strips inline markup and folds whitespace.
pub fn normalize_inline(s: &str) -> String {
    let without_tags = if s.contains('<') {
        let styled = STYLE_TAG.replace_all(s, "");
        BREAK_TAG.replace_all(&styled, " ").into_owned()
    } else {
        s.to_string()
    };
    super::normalize_space(&decode_entities(&without_tags))
}

fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_their_text() {
        assert_eq!(
            normalize_inline(r#"call the <a href="https://x/y?a=1">DescribeCommands</a> api"#),
            "call the DescribeCommands api"
        );
    }

    #[test]
    fn unknown_angle_text_is_kept() {
        assert_eq!(
            normalize_inline("<Common request parameters>"),
            "<Common request parameters>"
        );
    }

    #[test]
    fn entities_and_breaks() {
        assert_eq!(normalize_inline("a&lt;b<br/>c &amp; d"), "a<b c & d");
    }
}
