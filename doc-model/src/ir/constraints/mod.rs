//! Reads constraints out of a field's description.
//!
//! Each extractor scans the description with phrase patterns and *claims* the span it
//! understood; a claimed span cannot be claimed twice (filter items, say, keep their own
//! "valid values"). The claimed spans are what the limit report checks coverage against.

mod bounds;
mod defaults;
mod enums;
mod extractor;
mod filters;
mod json_string;
mod relations;
pub(crate) mod text_rules;

use super::constraint::{Constraint, ConstraintKind, Fact};
pub(crate) use extractor::Extractor;
pub use extractor::{sentence_ranges, FieldContext};
use serde_json::Value;
use std::ops::Range;

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
            if let ConstraintKind::Fact(Fact::Default { value }) = &c.kind {
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

#[cfg(test)]
mod tests;
#[cfg(test)]
mod zh_agrees_with_en;
