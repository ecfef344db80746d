//! Reads constraints out of a field's description.
//!
//! Each extractor scans the description with phrase patterns and *claims* the span it
//! understood; a claimed span cannot be claimed twice (filter items, say, keep their own
//! "valid values"). The claimed spans are what the limit report checks coverage against.

mod bounds;
mod defaults;
mod enums;
mod filters;
mod json_string;
mod relations;
pub(crate) mod text_rules;

use super::constraint::{Constraint, ConstraintKind};
use super::model::TypeRef;
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
    fn is_sibling(&self, name: &str) -> bool {
        name == self.name || self.siblings.iter().any(|s| s == name)
    }
}

#[derive(Debug, Default)]
pub struct Extraction {
    pub constraints: Vec<Constraint>,
    /// The first documented default (also a `default` constraint).
    pub default: Option<Value>,
    /// Byte ranges of the description that produced constraints, and its nullable note:
    /// what the limit report counts as read.
    pub covered: Vec<Range<usize>>,
    /// What the description says that the field's type contradicts (a structure called a
    /// JSON-encoded string), worded for a warning at the field's row.
    pub contradictions: Vec<String>,
}

/// The description says the field "may return null".
pub fn says_nullable(description: &str) -> bool {
    null_notes(description).next().is_some()
}

/// "Note: This field may return null", "注意：此字段可能返回 null，表示取不到有效值".
const NULL_NOTES: &[&str] = &["may return null", "可能返回 null", "可能返回null"];

fn null_notes(description: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    sentence_ranges(description).into_iter().filter(|r| {
        let sentence = description[r.clone()].to_ascii_lowercase();
        NULL_NOTES.iter().any(|note| sentence.contains(note))
    })
}

pub(crate) struct Extractor<'a> {
    ctx: &'a FieldContext<'a>,
    text: &'a str,
    json_encoded: bool,
    found: Vec<(Range<usize>, Vec<Constraint>)>,
    contradictions: Vec<String>,
}

impl<'a> Extractor<'a> {
    fn overlaps(&self, span: &Range<usize>) -> bool {
        self.found
            .iter()
            .any(|(s, _)| s.start < span.end && span.start < s.end)
    }

    /// Records constraints read from `span`; refuses (returns false) if already claimed.
    fn claim(&mut self, span: Range<usize>, kinds: Vec<(ConstraintKind, Option<String>)>) -> bool {
        let span = trim_span(self.text, span);
        if span.is_empty() || self.overlaps(&span) {
            return false;
        }
        let source = self.text[span.clone()].to_string();
        let constraints = kinds
            .into_iter()
            .map(|(kind, path)| Constraint {
                kind,
                path,
                source: source.clone(),
            })
            .collect();
        self.found.push((span, constraints));
        true
    }

    /// The sentence around a byte offset (used to read a phrase in its context).
    fn sentence_at(&self, offset: usize) -> &'a str {
        let r = sentence_range(self.text, offset);
        &self.text[r]
    }
}

/// Extracts every recognised constraint from a description.
pub fn extract(ctx: &FieldContext<'_>, description: &str) -> Extraction {
    let mut ex = Extractor {
        ctx,
        text: description,
        json_encoded: false,
        found: Vec::new(),
        contradictions: Vec::new(),
    };
    filters::extract(&mut ex);
    relations::extract(&mut ex);
    json_string::extract(&mut ex);
    enums::extract(&mut ex);
    defaults::extract(&mut ex);
    bounds::extract(&mut ex);
    text_rules::extract(&mut ex);

    ex.found.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = Extraction {
        contradictions: std::mem::take(&mut ex.contradictions),
        ..Extraction::default()
    };
    for (span, constraints) in ex.found {
        for c in &constraints {
            if let ConstraintKind::Default { value } = &c.kind {
                out.default.get_or_insert_with(|| value.clone());
            }
        }
        out.constraints.extend(constraints);
        out.covered.push(span);
    }
    // The nullable note is a fact too (it lands in `nullable`), so its sentences are read.
    out.covered.extend(null_notes(description));
    out
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

fn sentence_range(text: &str, offset: usize) -> Range<usize> {
    sentence_ranges(text)
        .into_iter()
        .find(|r| r.start <= offset && offset < r.end.max(r.start + 1))
        .unwrap_or(0..text.len())
}

/// Parses a documented number as the JSON number it denotes.
fn number_value(text: &str) -> Option<Value> {
    if let Ok(i) = text.parse::<i64>() {
        return Some(Value::from(i));
    }
    text.parse::<f64>()
        .ok()
        .and_then(|f| serde_json::Number::from_f64(f).map(Value::Number))
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod zh_agrees_with_en;
