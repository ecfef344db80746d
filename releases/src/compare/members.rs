//! The members of a request, response or structure on both sides: names, types, whether
//! each is an `Option`, encoding methods, documented limits and docs.

use super::changes::{pairs, Changes};
use crate::class::Class;
use codegen::surface::{Anchor, Member, Scope};
use std::collections::{BTreeMap, BTreeSet};

/// Whose members they are.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    Request(&'a str),
    Response(&'a str),
    Struct(&'a str),
}

impl Kind<'_> {
    fn subject(self) -> String {
        match self {
            Kind::Request(a) | Kind::Response(a) => a.to_string(),
            Kind::Struct(s) => format!("structure {s}"),
        }
    }

    fn member(self) -> &'static str {
        match self {
            Kind::Request(_) => "request parameter",
            Kind::Response(_) => "response member",
            Kind::Struct(_) => "member",
        }
    }

    fn anchor(self, wire: &str) -> Anchor {
        let scope = match self {
            Kind::Request(a) => Scope::Request(a.to_string()),
            Kind::Response(a) => Scope::Response(a.to_string()),
            Kind::Struct(s) => Scope::Struct(s.to_string()),
        };
        Anchor::Member(scope, wire.to_string())
    }
}

/// `required`: Rust names a caller must now give (the builder's required setters, a
/// structure's `new(…)` parameters): a member added among them breaks callers.
pub(crate) fn members(
    d: &mut Changes,
    kind: Kind<'_>,
    old: &BTreeMap<String, Member>,
    new: &BTreeMap<String, Member>,
    required: &BTreeSet<&str>,
) {
    let (subject, member) = (kind.subject(), kind.member());
    for (wire, before, after) in pairs(old, new) {
        let anchor = kind.anchor(wire);
        match (before, after) {
            (Some(_), None) => {
                let what = format!("{member} `{wire}` removed");
                d.push(Class::Breaking, &subject, what, anchor);
            }
            (None, Some(m)) if required.contains(m.rust.as_str()) => {
                let what = format!("required {member} `{wire}` added");
                d.push(Class::Breaking, &subject, what, anchor);
            }
            (None, Some(_)) => {
                let what = format!("{member} `{wire}` added");
                d.push(Class::Additive, &subject, what, anchor);
            }
            (Some(a), Some(b)) => {
                let found = changes(a, b);
                for (class, what) in found {
                    let what = format!("{member} `{wire}`: {what}");
                    d.push(class, &subject, what, kind.anchor(wire));
                }
            }
            (None, None) => {}
        }
    }
}

/// What changed in one member, and what it does to callers.
fn changes(a: &Member, b: &Member) -> Vec<(Class, String)> {
    let mut out = Vec::new();
    if a.rust != b.rust {
        let what = format!("named `{}` in Rust, was `{}`", b.rust, a.rust);
        out.push((Class::Breaking, what));
    }
    if a.ty != b.ty {
        out.push((
            Class::Breaking,
            format!("type `{}` becomes `{}`", a.ty, b.ty),
        ));
    }
    match (a.optional, b.optional) {
        (false, true) => out.push((
            Class::Breaking,
            format!(
                "becomes `Option<{}>`: code using it as a plain value breaks",
                b.ty
            ),
        )),
        (true, false) => out.push((
            Class::Breaking,
            format!(
                "is no longer an `Option`, but a plain `{}`: code reading `Some`/`None` breaks",
                b.ty
            ),
        )),
        _ => {}
    }
    for gone in a.methods.iter().filter(|m| !b.methods.contains(m)) {
        out.push((Class::Breaking, format!("method `{gone}` is gone")));
    }
    for added in b.methods.iter().filter(|m| !a.methods.contains(m)) {
        out.push((Class::Additive, format!("method `{added}` added")));
    }
    if a.limits != b.limits {
        let what = "documented limits change, checked at run time".to_string();
        out.push((Class::Additive, what));
    }
    if a.docs != b.docs {
        out.push((Class::Documentation, "description changed".to_string()));
    }
    out
}
