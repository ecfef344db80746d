//! Finds description sentences that read like a limit but produced no constraint,
//! so gaps in constraint extraction are visible (`cargo xtask ir --report`).

use super::constraints::sentence_ranges;
use super::model::{Field, Service};
use crate::diagnostic::Location;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncoveredSentence {
    pub location: Location,
    /// `Action.Field` or `Structure.Field`.
    pub field: String,
    pub sentence: String,
}

/// Words that make a sentence a rule on their own, English then Chinese.
static RULE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:valid values?|value range|selectable values|enumeration|defaults? to|default(?: value)?(?: is|:)|by default|must start|cannot be specified|simultaneously|required if|only support)\b|取值范围|可选值|枚举值|默认值?(?:为|是|：)|默认情况下|必须以|不能同时|不支持同时|同时指定|必填|仅支持|目前支持",
    )
    .expect("static regex")
});

/// Words that make a sentence a limit when a number goes with them, English then Chinese.
static BOUND_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:maximum|minimum|max|min|up to|at most|cap|limit|limited|exceed|exceeding|no more than|less than|more than|length|range|between)\b|上限|下限|最多|最少|最大|最小|最长|不超过|超过|至少|以内|之间|长度|字符|字节|范围|取值|默认")
        .expect("static regex")
});

/// Things with digits that are not limits: URLs, JSON snippets, quoted text, IPs, times.
static NOT_A_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"https?://\S+|\{[^}]*\}|"[^"]*"|\d+\.\d+\.\d+\.\d+(?:/\d+)?|UTC[+-]\d+|\d{4}-\d{2}-\d{2}|\d+:\d+|\bexample \d+|\[[^\]]*\]"#)
        .expect("static regex")
});

/// A number standing alone; a Chinese character next to it is a boundary ("上限200").
static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\d+(?-u:\b)").expect("static regex"));

/// The sentences of a model read from pages; a model read back from JSON keeps no
/// [`Field::covered`], so every limit-like sentence of it would be listed.
pub fn limit_report(service: &Service) -> Vec<UncoveredSentence> {
    let mut out = Vec::new();
    let tables = service
        .actions
        .iter()
        .flat_map(|a| [(&a.name, &a.request), (&a.name, &a.response)])
        .chain(service.types.iter().map(|t| (&t.name, &t.fields)));
    for (owner, fields) in tables {
        for f in fields {
            report_field(owner, f, &mut out);
        }
    }
    out
}

/// The field's uncovered sentences, against what the extraction read when the model was
/// built (`Field::covered`).
fn report_field(owner: &str, field: &Field, out: &mut Vec<UncoveredSentence>) {
    for range in sentence_ranges(&field.description) {
        let covered = field
            .covered
            .iter()
            .any(|c| c.start < range.end && range.start < c.end);
        let sentence = &field.description[range];
        if !covered && reads_like_limit(sentence) {
            out.push(UncoveredSentence {
                location: field.location.clone(),
                field: format!("{owner}.{}", field.name),
                sentence: sentence.to_string(),
            });
        }
    }
}

/// A rule word, or a number (one that is not part of a URL, IP, date or example) with or
/// without a bound word.
pub fn reads_like_limit(sentence: &str) -> bool {
    if RULE_WORDS.is_match(sentence) {
        return true;
    }
    let stripped = NOT_A_NUMBER.replace_all(sentence, " ");
    let stripped =
        stripped.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    NUMBER.is_match(stripped) || (BOUND_WORDS.is_match(sentence) && NUMBER.is_match(sentence))
}

#[cfg(test)]
mod tests {
    use super::{reads_like_limit, report_field};
    use crate::diagnostic::Location;
    use crate::ir::model::{Field, TypeRef};

    #[test]
    fn the_report_reads_what_the_extraction_kept_on_the_field() {
        let description = "The limit. Valid values: A, B.";
        let mut field = Field {
            name: "F".into(),
            ty: TypeRef::String,
            required: None,
            nullable: false,
            description: description.into(),
            constraints: Vec::new(),
            covered: std::iter::once(11..description.len()).collect(),
            request_id: false,
            location: Location::new("p.txt", 1),
        };
        let mut out = Vec::new();
        report_field("A", &field, &mut out);
        assert!(out.is_empty(), "{out:?}");
        field.covered.clear();
        report_field("A", &field, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].sentence, "Valid values: A, B.");
        // What was read is no part of the IR's JSON form.
        let json = serde_json::to_value(&field).expect("a field serialises");
        assert!(json.get("covered").is_none(), "{json}");
    }

    #[test]
    fn chinese_limit_sentences_read_like_limits() {
        for sentence in [
            "待执行命令的实例ID列表，上限200。",
            "自定义参数最多20个。",
            "取值范围：1～100。",
            "长度不超过60个字符。",
            "默认值为20。",
            "必须以https开头。",
            "X和Y不能同时指定。",
            "当Policy为RECURRENCE时必填。",
        ] {
            assert!(reads_like_limit(sentence), "{sentence}");
        }
        assert!(!reads_like_limit("命令描述。"));
        assert!(!reads_like_limit("可通过 DescribeCommands 接口获取。"));
    }
}
