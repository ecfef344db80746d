//! Finds description sentences that read like a limit but produced no constraint,
//! so gaps in constraint extraction are visible (`cargo xtask ir --report`).

use super::constraints::{extract, sentence_ranges, FieldContext};
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

/// Words that make a sentence a rule on their own.
static RULE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i-u)\b(?:valid values?|value range|selectable values|enumeration|defaults? to|default(?: value)?(?: is|:)|by default|must start|cannot be specified|simultaneously|required if|only support)\b",
    )
    .expect("static regex")
});

/// Words that make a sentence a limit when a number goes with them.
static BOUND_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i-u)\b(?:maximum|minimum|max|min|up to|at most|cap|limit|limited|exceed|exceeding|no more than|less than|more than|length|range|between)\b")
        .expect("static regex")
});

/// Things with digits that are not limits: URLs, JSON snippets, quoted text, IPs, times.
static NOT_A_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"https?://\S+|\{[^}]*\}|"[^"]*"|\d+\.\d+\.\d+\.\d+(?:/\d+)?|UTC[+-]\d+|\d{4}-\d{2}-\d{2}|\d+:\d+|\bexample \d+|\[[^\]]*\]"#)
        .expect("static regex")
});

static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d+\b").expect("static regex"));

pub fn limit_report(service: &Service) -> Vec<UncoveredSentence> {
    let mut out = Vec::new();
    let tables = service
        .actions
        .iter()
        .flat_map(|a| [(&a.name, &a.request), (&a.name, &a.response)])
        .chain(service.types.iter().map(|t| (&t.name, &t.fields)));
    for (owner, fields) in tables {
        let siblings: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        for f in fields {
            report_field(owner, f, &siblings, &mut out);
        }
    }
    out
}

fn report_field(owner: &str, field: &Field, siblings: &[String], out: &mut Vec<UncoveredSentence>) {
    // What the extraction read: the same reading the model was built with.
    let read = extract(
        &FieldContext {
            name: &field.name,
            ty: &field.ty,
            siblings,
        },
        &field.description,
    )
    .covered;
    for range in sentence_ranges(&field.description) {
        let covered = read
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
