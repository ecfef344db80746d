//! Variants on both sides: enum values and error codes. The enums are `#[non_exhaustive]`
//! (with `Unknown`), so one added is additive; one removed or renamed breaks the code that
//! names it.

use super::changes::{pairs, Changes};
use crate::class::Class;
use codegen::surface::{Anchor, ApiSurface, EnumSurface, Variants};
use std::collections::BTreeMap;

pub(crate) fn enums(
    d: &mut Changes,
    old: &BTreeMap<String, EnumSurface>,
    new: &BTreeMap<String, EnumSurface>,
) {
    for (name, before, after) in pairs(old, new) {
        let (subject, anchor) = (format!("enum {name}"), || Anchor::Enum(name.to_string()));
        match (before, after) {
            (Some(_), None) => d.push(Class::Breaking, subject, "enum removed", anchor()),
            (None, Some(_)) => d.push(Class::Additive, subject, "enum added", anchor()),
            (Some(a), Some(b)) => {
                compare(d, &subject, "value", &a.values, &b.values, &|_| anchor());
                if a.docs != b.docs {
                    d.push(Class::Documentation, &subject, "docs changed", anchor());
                }
            }
            (None, None) => {}
        }
    }
}

/// An action's codes (`Some(action)`), or the common ones.
pub(crate) fn codes(d: &mut Changes, action: Option<&str>, old: &Variants, new: &Variants) {
    let subject = action.unwrap_or("common error codes");
    let owner = action.map(str::to_string);
    let anchor = |code: &str| Anchor::Code(owner.clone(), code.to_string());
    compare(d, subject, "error code", old, new, &anchor);
}

/// A common error page on one side only (a drop copied without its sibling `common/`,
/// say) is one change, not one per code.
pub(crate) fn common_codes(d: &mut Changes, old: &ApiSurface, new: &ApiSurface) {
    const SUBJECT: &str = "common error codes";
    let (before, after) = (&old.common_errors, &new.common_errors);
    let first = |v: &Variants| v.keys().next().map(|c| Anchor::Code(None, c.clone()));
    match (first(before), first(after)) {
        (Some(anchor), None) => {
            let what = format!(
                "all {} common error codes removed: the new drop has no common error page",
                before.len()
            );
            d.push(Class::Breaking, SUBJECT, what, anchor);
        }
        (None, Some(anchor)) => {
            let what = format!(
                "{} common error codes added: the old drop had no common error page",
                after.len()
            );
            d.push(Class::Additive, SUBJECT, what, anchor);
        }
        _ => {
            codes(d, None, before, after);
            if old.common_docs != new.common_docs && !before.is_empty() {
                let anchor = first(after).unwrap_or(Anchor::Service);
                d.push(
                    Class::Documentation,
                    SUBJECT,
                    "descriptions changed",
                    anchor,
                );
            }
        }
    }
}

fn compare(
    d: &mut Changes,
    subject: &str,
    what: &str,
    old: &Variants,
    new: &Variants,
    anchor: &dyn Fn(&str) -> Anchor,
) {
    for (wire, before, after) in pairs(old, new) {
        match (before, after) {
            (Some(_), None) => {
                let change = format!("{what} `{wire}` removed");
                d.push(Class::Breaking, subject, change, anchor(wire));
            }
            (None, Some(_)) => {
                let change = format!("{what} `{wire}` added");
                d.push(Class::Additive, subject, change, anchor(wire));
            }
            (Some(a), Some(b)) if a != b => {
                let change = format!("{what} `{wire}` is variant `{b}`, was `{a}`");
                d.push(Class::Breaking, subject, change, anchor(wire));
            }
            _ => {}
        }
    }
}
