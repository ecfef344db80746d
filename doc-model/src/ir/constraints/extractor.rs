//! What every constraint extractor shares: the field it reads ([`FieldContext`]), the
//! description with the spans already claimed ([`Extractor`]), and how the description is
//! cut into sentences and its numbers read.

use super::super::constraint::{Constraint, ConstraintKind, EnumValue};
use super::super::model::TypeRef;
use serde_json::Value;
use std::ops::Range;

/// What an extractor may know about the field it reads.
pub struct FieldContext<'a> {
    pub name: &'a str,
    pub ty: &'a TypeRef,
    /// Names of the other fields of the same request or structure.
    pub siblings: &'a [String],
}

impl FieldContext<'_> {
    pub(super) fn is_sibling(&self, name: &str) -> bool {
        name == self.name || self.siblings.iter().any(|s| s == name)
    }
}

pub(crate) struct Extractor<'a> {
    pub(super) ctx: &'a FieldContext<'a>,
    pub(super) text: &'a str,
    pub(super) json_encoded: bool,
    pub(super) found: Vec<(Range<usize>, Vec<Constraint>)>,
    pub(super) contradictions: Vec<String>,
}

impl<'a> Extractor<'a> {
    pub(super) fn overlaps(&self, span: &Range<usize>) -> bool {
        self.found
            .iter()
            .any(|(s, _)| s.start < span.end && span.start < s.end)
    }

    /// Records constraints read from `span` (rules, or facts), each on the value or on
    /// member `path` of each element; refuses (returns false) if already claimed.
    pub(super) fn claim(
        &mut self,
        span: Range<usize>,
        kinds: Vec<(ConstraintKind, Option<String>)>,
    ) -> bool {
        self.claim_with(span, |source| {
            kinds
                .into_iter()
                .map(|(kind, path)| Constraint {
                    path,
                    ..Constraint::new(kind, source)
                })
                .collect()
        })
    }

    /// Records the limit that the value is one of `values` (with their meanings), read
    /// from `span`; refuses (returns false) if already claimed.
    pub(super) fn claim_values(&mut self, span: Range<usize>, values: Vec<EnumValue>) -> bool {
        self.claim_with(span, |source| vec![Constraint::one_of(values, source)])
    }

    fn claim_with(
        &mut self,
        span: Range<usize>,
        constraints: impl FnOnce(&str) -> Vec<Constraint>,
    ) -> bool {
        let span = trim_span(self.text, span);
        if span.is_empty() || self.overlaps(&span) {
            return false;
        }
        let constraints = constraints(&self.text[span.clone()]);
        self.found.push((span, constraints));
        true
    }

    /// The sentence around a byte offset (used to read a phrase in its context).
    pub(super) fn sentence_at(&self, offset: usize) -> &'a str {
        let r = sentence_range(self.text, offset);
        &self.text[r]
    }
}

/// Shrinks a span to exclude surrounding whitespace and trailing separators.
fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let start = span.start + (s.len() - s.trim_start().len());
    let trimmed = s.trim().trim_end_matches([',', ';', ' ', '，', '；']);
    start..start + trimmed.len()
}

/// Full stops that end a sentence wherever they stand (Chinese text has no space after them).
const FULL_STOPS: &[char] = &['。', '；'];

/// Sentence boundaries: after `.` or `;` followed by whitespace, unless the `.` ends a list
/// number ("1."), and after `。` or `；`.
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let at_break = FULL_STOPS.contains(&c)
            || (matches!(c, '.' | ';')
                && bytes.get(end).is_none_or(|b| b.is_ascii_whitespace())
                && !is_list_number(&text[start..i]));
        if at_break {
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out.into_iter()
        .map(|r| trim_span(text, r))
        .filter(|r| !r.is_empty())
        .collect()
}

fn is_list_number(before: &str) -> bool {
    let t = before.trim();
    !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit())
}

pub(super) fn sentence_range(text: &str, offset: usize) -> Range<usize> {
    sentence_ranges(text)
        .into_iter()
        .find(|r| r.start <= offset && offset < r.end.max(r.start + 1))
        .unwrap_or(0..text.len())
}

/// Parses a documented number as the JSON number it denotes.
pub(super) fn number_value(text: &str) -> Option<Value> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::from(i));
    }
    text.parse::<f64>()
        .ok()
        .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
}
