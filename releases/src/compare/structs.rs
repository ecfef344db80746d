//! One structure on both sides: its name, traits, `new(…)`, members and docs.

use super::changes::Changes;
use super::members::{members, Kind};
use crate::class::Class;
use codegen::surface::{Anchor, StructSurface};
use std::collections::BTreeSet;

pub(crate) fn structure(d: &mut Changes, name: &str, old: &StructSurface, new: &StructSurface) {
    let subject = format!("structure {name}");
    let anchor = || Anchor::Struct(name.to_string());
    if old.rust != new.rust {
        let what = format!("type `{}` is renamed `{}`", old.rust, new.rust);
        d.push(Class::Breaking, &subject, what, anchor());
    }
    for gone in old.traits.iter().filter(|t| !new.traits.contains(t)) {
        let what = format!("no longer implements `{gone}`");
        d.push(Class::Breaking, &subject, what, anchor());
    }
    for added in new.traits.iter().filter(|t| !old.traits.contains(t)) {
        let what = format!("now implements `{added}`");
        d.push(Class::Additive, &subject, what, anchor());
    }
    let show = |params: &[String]| format!("new({})", params.join(", "));
    match (&old.new, &new.new) {
        (Some(a), Some(b)) if a != b => {
            let what = format!("`{}` becomes `{}`", show(a), show(b));
            d.push(Class::Breaking, &subject, what, anchor());
        }
        (Some(a), None) => {
            let what = format!("`{}` is gone", show(a));
            d.push(Class::Breaking, &subject, what, anchor());
        }
        (None, Some(b)) => {
            let what = format!("gains `{}`", show(b));
            d.push(Class::Additive, &subject, what, anchor());
        }
        _ => {}
    }
    let required: BTreeSet<&str> = new.new.iter().flatten().map(String::as_str).collect();
    members(d, Kind::Struct(name), &old.members, &new.members, &required);
    if old.docs != new.docs {
        d.push(
            Class::Documentation,
            &subject,
            "description changed",
            anchor(),
        );
    }
}
