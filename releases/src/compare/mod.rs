//! Two public surfaces → what changed, each change classified by what it does to callers
//! of the generated crate (see [`crate::change`]). The crate's promise, which decides the
//! edge cases (`codegen/templates/README.md.txt`): its structures, enums and error-code
//! enums are `#[non_exhaustive]`, so members, values and codes may be added; a builder's
//! type parameters are named only through inference, so a parameter that stops being
//! required is additive.

mod actions;
mod changes;
mod members;
mod structs;
mod variants;

use crate::change::Report;
use crate::class::Class;
use changes::{pairs, Changes};
use codegen::surface::{locations, surface, Anchor, ApiSurface};
use doc_model::ir::Service;

/// Compares two surfaces of one service; changes are not located (see [`Report::locate`]).
pub fn diff(old: &ApiSurface, new: &ApiSurface) -> Report {
    let mut d = Changes::default();
    if old.api_version != new.api_version {
        let what = format!(
            "API version {} becomes {}",
            old.api_version, new.api_version
        );
        d.push(Class::Breaking, "service", what, Anchor::Service);
    }
    for (name, before, after) in pairs(&old.actions, &new.actions) {
        let anchor = Anchor::Action(name.to_string());
        match (before, after) {
            (Some(_), None) => d.push(Class::Breaking, name, "action removed", anchor),
            (None, Some(_)) => d.push(Class::Additive, name, "action added", anchor),
            (Some(a), Some(b)) => actions::action(&mut d, name, a, b),
            (None, None) => {}
        }
    }
    for (name, before, after) in pairs(&old.structs, &new.structs) {
        let (subject, anchor) = (
            format!("structure {name}"),
            Anchor::Struct(name.to_string()),
        );
        match (before, after) {
            (Some(_), None) => d.push(Class::Breaking, subject, "structure removed", anchor),
            (None, Some(_)) => d.push(Class::Additive, subject, "structure added", anchor),
            (Some(a), Some(b)) => structs::structure(&mut d, name, a, b),
            (None, None) => {}
        }
    }
    variants::enums(&mut d, &old.enums, &new.enums);
    variants::common_codes(&mut d, old, new);
    waiters(&mut d, old, new);
    features(&mut d, old, new);
    let mut changes = d.0;
    // Breaking first, then by subject, keeping the order found within one subject.
    changes.sort_by(|a, b| {
        b.class
            .cmp(&a.class)
            .then_with(|| a.subject.cmp(&b.subject))
    });
    Report { changes }
}

/// Compares two models of one service through their surfaces, located on their pages.
pub fn diff_services(old: &Service, new: &Service) -> Report {
    let mut report = diff(&surface(old), &surface(new));
    report.locate(Some(&locations(old)), &locations(new));
    report
}

/// A feature added is additive, and so is one turned on by default; one removed, or no
/// longer on by default, breaks the builds that relied on it.
fn features(d: &mut Changes, old: &ApiSurface, new: &ApiSurface) {
    for (name, before, after) in pairs(&old.features, &new.features) {
        let anchor = Anchor::Feature(name.to_string());
        match (before, after) {
            (Some(_), None) => d.push(Class::Breaking, name, "feature removed", anchor),
            (None, Some(on)) => {
                let what = match on {
                    true => "feature added (on by default)",
                    false => "feature added",
                };
                d.push(Class::Additive, name, what, anchor)
            }
            (Some(true), Some(false)) => d.push(
                Class::Breaking,
                name,
                "feature no longer on by default",
                anchor,
            ),
            (Some(false), Some(true)) => {
                d.push(Class::Additive, name, "feature now on by default", anchor)
            }
            _ => {}
        }
    }
}

/// A waiter added is additive; one removed, renamed, or whose rule changed breaks its
/// callers (their method is gone, or ends on other values).
fn waiters(d: &mut Changes, old: &ApiSurface, new: &ApiSurface) {
    for (name, before, after) in pairs(&old.waiters, &new.waiters) {
        let (subject, anchor) = (format!("waiter {name}"), Anchor::Waiter(name.to_string()));
        match (before, after) {
            (Some(_), None) => d.push(Class::Breaking, subject, "waiter removed", anchor),
            (None, Some(_)) => d.push(Class::Additive, subject, "waiter added", anchor),
            (Some(a), Some(b)) if a.rule != b.rule => {
                let what = "waiter's action, path or values changed";
                d.push(Class::Breaking, subject, what, anchor)
            }
            (Some(a), Some(b)) if a != b => {
                let what = format!(
                    "waiter is `{}` of type `{}`, was `{}` of `{}`",
                    b.method, b.ty, a.method, a.ty
                );
                d.push(Class::Breaking, subject, what, anchor)
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
