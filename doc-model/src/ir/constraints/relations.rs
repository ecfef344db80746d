//! Rules between parameters: mutual exclusion, exactly/at least one of, required-if.
//! Names must be parameters of the same request or structure; otherwise the phrase is
//! left for the limit report rather than guessed at. Chinese phrases stand beside the
//! English ones ("参数不支持同时指定 X 和 Y", "Policy 为 ONCE 时，需要指定此字段").

use super::extractor::Extractor;
use crate::ir::constraint::ConstraintKind;
use regex::{Captures, Regex};
use std::sync::LazyLock;
use tencentcloud_rules::Rule;

const F: &str = r"([A-Z][A-Za-z0-9]*)";
/// A name as Chinese pages quote it: `` `InstanceIds ` ``.
const QF: &str = r"`?\s*([A-Z][A-Za-z0-9]*)\s*`?";
/// A value a sibling takes: `` `ONCE` ``, `on`.
const QV: &str = r"`?([A-Za-z0-9_-]+)`?";
/// "and" between two names.
const AND: &str = r"\s*(?:和|与|、)\s*";

enum Relation {
    MutuallyExclusive,
    ExactlyOne,
    AtLeastOne,
    RequiredIf,
}

static PATTERNS: LazyLock<Vec<(Regex, Relation)>> = LazyLock::new(|| {
    let p = |s: &str| {
        let s = s
            .replace("{QF}", QF)
            .replace("{QV}", QV)
            .replace("{AND}", AND)
            .replace("{F}", F);
        Regex::new(&format!("(?i-u){s}")).expect("static regex")
    };
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
        (
            p(
                r"{QF}{AND}{QF}\s*(?:参数)?(?:不能|不可|不支持|不允许)同时(?:指定|传入|设置|填写|使用|配置)",
            ),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"(?:不能|不可|不支持|不允许)同时(?:指定|传入|设置|填写)\s*{QF}{AND}{QF}"),
            Relation::MutuallyExclusive,
        ),
        (
            p(r"{QF}{AND}{QF}\s*(?:,|，)?\s*必须且只能(?:提供|指定|传入|填写)一个"),
            Relation::ExactlyOne,
        ),
        (
            p(
                r"{QF}\s*(?:或|和|与)\s*{QF}\s*(?:必须指定一个|(?:需要|须|必须)?至少(?:指定|填写|传入?|提供)一个|不能同时为空)",
            ),
            Relation::AtLeastOne,
        ),
        (
            p(
                r"(?:当\s*)?{QF}\s*(?:为|是|=|取值为|的值为)\s*{QV}\s*时\s*(?:,|，)?\s*(?:此字段|该字段|此参数|该参数|本参数)?(?:为)?(?:必填|需要指定|必须指定|必须填写)",
            ),
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
        if !ex.ctx.is_sibling(&a) {
            return None;
        }
        let rule = Rule::RequiredIf {
            field: a.into(),
            equals: b.into(),
        };
        return Some(rule.into());
    }
    if !(ex.ctx.is_sibling(&a) && ex.ctx.is_sibling(&b)) {
        return None;
    }
    let fields = vec![a, b].into();
    Some(
        match relation {
            Relation::MutuallyExclusive => Rule::MutuallyExclusive { fields },
            Relation::ExactlyOne => Rule::ExactlyOneOf { fields },
            _ => Rule::AtLeastOneOf { fields },
        }
        .into(),
    )
}
