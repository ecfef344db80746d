//! One action on both sides: its method and types, retry safety, rate, the builder's
//! required parameters, its members, paging, error codes and docs.

use super::changes::Changes;
use super::members::{members, Kind};
use super::variants::codes;
use crate::class::Class;
use codegen::surface::{ActionSurface, Anchor, Scope};
use std::collections::BTreeSet;

pub(crate) fn action(d: &mut Changes, name: &str, old: &ActionSurface, new: &ActionSurface) {
    let anchor = || Anchor::Action(name.to_string());
    if old.method != new.method {
        let what = format!("method `{}` is renamed `{}`", old.method, new.method);
        d.push(Class::Breaking, name, what, anchor());
    }
    if old.idempotent != new.idempotent {
        let what = if new.idempotent {
            "now retried after a failure, as a read"
        } else {
            "no longer retried after a failure"
        };
        d.push(Class::Additive, name, what, anchor());
    }
    if old.rate != new.rate {
        let rate = |r: Option<u32>| r.map_or("none".to_string(), |n| format!("{n}/s"));
        let what = format!(
            "documented rate {} becomes {}",
            rate(old.rate),
            rate(new.rate)
        );
        d.push(Class::Additive, name, what, anchor());
    }
    required(d, name, old, new);
    let required: BTreeSet<&str> = new
        .required
        .iter()
        .chain(&new.validated)
        .map(String::as_str)
        .collect();
    let request = Kind::Request(name);
    members(d, request, &old.request, &new.request, &required);
    let response = Kind::Response(name);
    members(d, response, &old.response, &new.response, &BTreeSet::new());
    if old.pages != new.pages {
        let (class, what) = if new.pages {
            (Class::Additive, "the builder gains `into_pages()`")
        } else {
            (Class::Breaking, "the builder's `into_pages()` is gone")
        };
        d.push(class, name, what, anchor());
    }
    codes(d, Some(name), &old.errors, &new.errors);
    if old.docs != new.docs {
        let what = "description, examples or error descriptions changed";
        d.push(Class::Documentation, name, what, anchor());
    }
}

/// A parameter `send()` now needs (by the builder's types, or by `validate()` past the
/// typed limit) breaks callers that never set it; one it no longer needs only removes a
/// type parameter of the builder, which callers do not name. Parameters added or removed
/// are their members' changes.
fn required(d: &mut Changes, name: &str, old: &ActionSurface, new: &ActionSurface) {
    let all = |s: &ActionSurface| -> Vec<String> {
        s.required.iter().chain(&s.validated).cloned().collect()
    };
    let (was, is) = (all(old), all(new));
    let wire = |s: &ActionSurface, rust: &str| {
        s.request
            .iter()
            .find(|(_, m)| m.rust == rust)
            .map(|(w, _)| w.clone())
    };
    for setter in &is {
        if was.contains(setter) {
            continue;
        }
        let Some(w) = wire(old, setter) else { continue };
        let what =
            format!("request parameter `{w}` becomes required: `send()` needs `.{setter}(…)`");
        let anchor = Anchor::Member(Scope::Request(name.to_string()), w);
        d.push(Class::Breaking, name, what, anchor);
    }
    for setter in &was {
        if is.contains(setter) {
            continue;
        }
        let Some(w) = wire(new, setter) else { continue };
        let what = format!(
            "request parameter `{w}` becomes optional (the builder loses a type parameter)"
        );
        let anchor = Anchor::Member(Scope::Request(name.to_string()), w);
        d.push(Class::Additive, name, what, anchor);
    }
}
