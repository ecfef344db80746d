//! Rules between parameters: mutual exclusion, exactly/at least one of, required-if.
//! Names must be parameters of the same request or structure; otherwise the phrase is
//! left for the limit report rather than guessed at.

use super::Extractor;
use crate::ir::constraint::ConstraintKind;
use regex::{Captures, Regex};
use std::sync::LazyLock;

const F: &str = r"([A-Z][A-Za-z0-9]*)";

enum Relation {
    MutuallyExclusive,
    ExactlyOne,
    AtLeastOne,
    RequiredIf,
}

static PATTERNS: LazyLock<Vec<(Regex, Relation)>> = LazyLock::new(|| {
    let p = |s: &str| Regex::new(&format!("(?i-u){}", s.replace("{F}", F))).expect("static regex");
    vec![
        (
            p(r"\b(?:the )?{F} and {F}(?: parameters)? cannot be specified at the same time"),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"\bmust not be specified simultaneously (?:for )?{F} and {F}"),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"\bmust not specify both {F} and {F} simultaneously"),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"\b(?:do not|does not) support specifying both {F} and {F}"),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"\b{F} and {F}, you must provide one and can only provide one"),
            Relation::ExactlyOne,
        ),
        (p(r"\b{F} or {F} must be specified"), Relation::AtLeastOne),
        (
            p(r"\b(?:this field is )?required (?:if|when) {F} is ([A-Za-z0-9_-]+)"),
            Relation::RequiredIf,
        ),
        (
            p(r"\b(?:this field )?requires specifying when {F} is ([A-Za-z0-9_-]+)"),
            Relation::RequiredIf,
        ),
    ]
});

pub(super) fn extract(ex: &mut Extractor<'_>) {
    let text = ex.text;
    for (re, relation) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            if let Some(kind) = relation_kind(ex, relation, &caps) {
                ex.claim(caps.get(0).expect("match").range(), vec![(kind, None)]);
            }
        }
    }
}

fn relation_kind(
    ex: &Extractor<'_>,
    relation: &Relation,
    caps: &Captures<'_>,
) -> Option<ConstraintKind> {
    let a = caps[1].to_string();
    let b = caps[2].to_string();
    if let Relation::RequiredIf = relation {
        return ex.ctx.is_sibling(&a).then_some(ConstraintKind::RequiredIf {
            field: a,
            equals: b,
        });
    }
    if !(ex.ctx.is_sibling(&a) && ex.ctx.is_sibling(&b)) {
        return None;
    }
    let fields = vec![a, b];
    Some(match relation {
        Relation::MutuallyExclusive => ConstraintKind::MutuallyExclusive { fields },
        Relation::ExactlyOne => ConstraintKind::ExactlyOneOf { fields },
        _ => ConstraintKind::AtLeastOneOf { fields },
    })
}
