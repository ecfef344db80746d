//! What changed between two models of a service, each change classified by what it does
//! to a Rust caller of the generated crate:
//!
//! - **breaking**: code written against the old crate may stop compiling (an action,
//!   parameter, member, structure, enum value or error code removed; a type changed; a
//!   new or newly required request parameter, which the typed builder then demands; a
//!   requiredness change in a structure requests use, whose `new(…)` takes its required
//!   members; a Rust name that changes);
//! - **additive**: old code compiles and new things appear, or what is checked at run
//!   time moves (an optional parameter, a response member, a value, a code, a documented
//!   limit or rate);
//! - **documentation**: only the generated docs change (descriptions, examples, nullability).
//!
//! The semantic-versioning bump follows from the strongest class (for `0.x` crates, a
//! breaking change bumps the minor version, as Cargo reads them).

use crate::emit::enums::{enum_values, plan, EnumPlan};
use crate::emit::name_plan::{NamePlan, Owner};
use doc_model::diagnostic::Location;
use doc_model::ir::waiters::Waiter;
use doc_model::ir::{Action, Constraint, ConstraintKind, ErrorCode, Field, Service, TypeRef};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Documentation,
    Additive,
    Breaking,
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Class::Documentation => "documentation",
            Class::Additive => "additive",
            Class::Breaking => "breaking",
        })
    }
}

/// One change: its class, what it is about, and where the new page says it (or where the
/// old page said what is gone).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub class: Class,
    pub subject: String,
    pub what: String,
    pub location: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<13} {}: {} ({})",
            self.class.to_string(),
            self.subject,
            self.what,
            self.location
        )
    }
}

/// Every change, breaking ones first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub changes: Vec<Change>,
}

/// A crate version, `major.minor.patch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u64, pub u64, pub u64);

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.0, self.1, self.2)
    }
}

impl std::str::FromStr for Version {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let parts: Vec<u64> = s
            .trim()
            .split('.')
            .map(|p| {
                p.parse::<u64>()
                    .map_err(|_| format!("`{s}` is not a version like 0.1.0"))
            })
            .collect::<Result<_, _>>()?;
        match parts[..] {
            [major, minor, patch] => Ok(Version(major, minor, patch)),
            _ => Err(format!("`{s}` is not a version like 0.1.0")),
        }
    }
}

impl Version {
    /// The version after a change of `class`.
    pub fn bumped(self, class: Class) -> Version {
        let Version(major, minor, patch) = self;
        match (class, major) {
            (Class::Breaking, 0) => Version(0, minor + 1, 0),
            (Class::Breaking, _) => Version(major + 1, 0, 0),
            (Class::Additive, 0) => Version(0, minor, patch + 1),
            (Class::Additive, _) => Version(major, minor + 1, 0),
            (Class::Documentation, _) => Version(major, minor, patch + 1),
        }
    }
}

impl Report {
    /// The strongest class, `None` when nothing changed.
    pub fn class(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).max()
    }

    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// "2 breaking, 1 additive, 0 documentation: breaking (0.1.0 → 0.2.0)".
    pub fn summary(&self, from: Version) -> String {
        let counts = format!(
            "{} breaking, {} additive, {} documentation",
            self.count(Class::Breaking),
            self.count(Class::Additive),
            self.count(Class::Documentation)
        );
        match self.class() {
            None => "no changes".to_string(),
            Some(class) => format!("{counts}: {class} ({from} → {})", from.bumped(class)),
        }
    }
}

/// Compares two models of one service.
pub fn diff(old: &Service, new: &Service) -> Report {
    let mut d = Differ {
        old: Side::new(old),
        new: Side::new(new),
        changes: Vec::new(),
    };
    d.service();
    let mut changes = d.changes;
    // Breaking first, then by subject, keeping page order within one subject.
    changes.sort_by(|a, b| {
        b.class
            .cmp(&a.class)
            .then_with(|| a.subject.cmp(&b.subject))
    });
    Report { changes }
}

/// One side's model with the names the generator gives it.
struct Side<'a> {
    service: &'a Service,
    names: NamePlan,
    enums: EnumPlan,
    /// Structures a request can hold (they have a `new(required…)` constructor).
    request_side: BTreeSet<&'a str>,
}

impl<'a> Side<'a> {
    fn new(service: &'a Service) -> Self {
        let names = NamePlan::new(service);
        let enums = plan(service, &names);
        let mut request_side = BTreeSet::new();
        let mut todo: Vec<&TypeRef> = service
            .actions
            .iter()
            .flat_map(|a| a.request.iter().map(|f| &f.ty))
            .collect();
        while let Some(ty) = todo.pop() {
            if let TypeRef::Struct { name } = ty.element() {
                if request_side.insert(name.as_str()) {
                    if let Some(def) = service.types.iter().find(|t| &t.name == name) {
                        todo.extend(def.fields.iter().map(|f| &f.ty));
                    }
                }
            }
        }
        Side {
            service,
            names,
            enums,
            request_side,
        }
    }
}

/// Where a list of fields sits.
#[derive(Clone, Copy)]
enum Place<'a> {
    Request(&'a str),
    Response(&'a str),
    Struct(&'a str),
}

impl<'a> Place<'a> {
    fn owner(self) -> Owner<'a> {
        match self {
            Place::Request(a) => Owner::Request(a),
            Place::Response(a) => Owner::Response(a),
            Place::Struct(s) => Owner::Struct(s),
        }
    }

    fn subject(self) -> String {
        match self {
            Place::Request(a) | Place::Response(a) => a.to_string(),
            Place::Struct(s) => format!("structure {s}"),
        }
    }

    fn member(self) -> &'static str {
        match self {
            Place::Request(_) => "request parameter",
            Place::Response(_) => "response member",
            Place::Struct(_) => "member",
        }
    }
}

struct Differ<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<Change>,
}

fn at(location: &Location) -> String {
    location.to_string()
}

fn was_at(location: &Location) -> String {
    format!("was {location}")
}

/// Where a code is documented, shown by `show`: its table row, or `page` for a code
/// recorded before rows carried their line.
fn code_at(code: &ErrorCode, page: &str, show: fn(&Location) -> String) -> String {
    code.location
        .as_ref()
        .map_or_else(|| page.to_string(), show)
}

fn by_name<T>(items: &[T], name: impl Fn(&T) -> &str) -> BTreeMap<&str, &T> {
    items.iter().map(|i| (name(i), i)).collect()
}

impl<'a> Differ<'a> {
    fn push(
        &mut self,
        class: Class,
        subject: impl Into<String>,
        what: impl Into<String>,
        location: String,
    ) {
        self.changes.push(Change {
            class,
            subject: subject.into(),
            what: what.into(),
            location,
        });
    }

    fn service(&mut self) {
        let (old, new) = (self.old.service, self.new.service);
        if old.service.version != new.service.version {
            let location = new
                .actions
                .first()
                .map_or_else(String::new, |a| at(&a.location));
            self.push(
                Class::Breaking,
                "service",
                format!(
                    "API version {} becomes {}",
                    old.service.version, new.service.version
                ),
                location,
            );
        }
        let old_actions = by_name(&old.actions, |a| a.name.as_str());
        let new_actions = by_name(&new.actions, |a| a.name.as_str());
        for (name, action) in &old_actions {
            if !new_actions.contains_key(name) {
                self.push(
                    Class::Breaking,
                    *name,
                    "action removed",
                    was_at(&action.location),
                );
            }
        }
        for (name, action) in &new_actions {
            match old_actions.get(name) {
                None => self.push(Class::Additive, *name, "action added", at(&action.location)),
                Some(before) => self.action(before, action),
            }
        }
        let old_types = by_name(&old.types, |t| t.name.as_str());
        let new_types = by_name(&new.types, |t| t.name.as_str());
        for (name, def) in &old_types {
            if !new_types.contains_key(name) {
                self.push(
                    Class::Breaking,
                    format!("structure {name}"),
                    "structure removed",
                    was_at(&def.location),
                );
            }
        }
        for (name, def) in &new_types {
            match old_types.get(name) {
                None => self.push(
                    Class::Additive,
                    format!("structure {name}"),
                    "structure added",
                    at(&def.location),
                ),
                Some(before) => {
                    if before.description != def.description {
                        self.push(
                            Class::Documentation,
                            format!("structure {name}"),
                            "description changed",
                            at(&def.location),
                        );
                    }
                    self.fields(Place::Struct(name), &before.fields, &def.fields);
                }
            }
        }
        let location = new
            .actions
            .first()
            .map_or_else(String::new, |a| at(&a.location));
        self.common_codes(&old.common_errors, &new.common_errors, &location);
        self.waiters(&old.waiters, &new.waiters);
    }

    /// A waiter added is additive; one removed, or whose rule changed, breaks its callers
    /// (their method is gone, or ends on other values).
    fn waiters(&mut self, old: &[Waiter], new: &[Waiter]) {
        let (old, new) = (
            by_name(old, |w| w.name.as_str()),
            by_name(new, |w| w.name.as_str()),
        );
        for (name, waiter) in &old {
            if !new.contains_key(name) {
                self.push(
                    Class::Breaking,
                    format!("waiter {name}"),
                    "waiter removed",
                    was_at(&waiter.location),
                );
            }
        }
        for (name, waiter) in &new {
            let rule = |w: &Waiter| {
                (
                    w.action.clone(),
                    w.path.clone(),
                    w.success.clone(),
                    w.failure.clone(),
                    w.retry.clone(),
                )
            };
            match old.get(name) {
                None => self.push(
                    Class::Additive,
                    format!("waiter {name}"),
                    "waiter added",
                    at(&waiter.location),
                ),
                Some(before) if rule(before) != rule(waiter) => self.push(
                    Class::Breaking,
                    format!("waiter {name}"),
                    "waiter's action, path or values changed",
                    at(&waiter.location),
                ),
                Some(_) => {}
            }
        }
    }

    fn action(&mut self, old: &Action, new: &Action) {
        let name = new.name.as_str();
        if self.old.names.action_text(name) != self.new.names.action_text(name) {
            let what = format!(
                "method `{}` is renamed `{}`",
                self.old.names.action_text(name),
                self.new.names.action_text(name)
            );
            self.push(Class::Breaking, name, what, at(&new.location));
        }
        if old.description != new.description {
            self.push(
                Class::Documentation,
                name,
                "description changed",
                at(&new.location),
            );
        }
        if old.rate_limit_per_second != new.rate_limit_per_second {
            let rate = |r: Option<u32>| r.map_or("none".to_string(), |n| format!("{n}/s"));
            let what = format!(
                "documented rate {} becomes {}",
                rate(old.rate_limit_per_second),
                rate(new.rate_limit_per_second)
            );
            self.push(Class::Additive, name, what, at(&new.location));
        }
        self.fields(Place::Request(name), &old.request, &new.request);
        self.fields(Place::Response(name), &old.response, &new.response);
        self.codes(name, &old.errors, &new.errors, &at(&new.location));
        let examples = |a: &Action| {
            a.examples
                .iter()
                .map(|e| (e.request.clone(), e.response.clone()))
                .collect::<Vec<_>>()
        };
        if examples(old) != examples(new) {
            let location = new
                .examples
                .first()
                .map_or_else(|| at(&new.location), |e| at(&e.request_location));
            self.push(Class::Documentation, name, "examples changed", location);
        }
    }

    /// A common error page that is on one side only (a drop copied without its sibling
    /// `common/`, say) is one change, not one per code.
    fn common_codes(&mut self, old: &[ErrorCode], new: &[ErrorCode], page: &str) {
        const SUBJECT: &str = "common error codes";
        match (old.first(), new.first()) {
            (Some(first), None) => {
                let what = format!(
                    "all {} common error codes removed: the new drop has no common error page",
                    old.len()
                );
                self.push(Class::Breaking, SUBJECT, what, code_at(first, page, was_at));
            }
            (None, Some(first)) => {
                let what = format!(
                    "{} common error codes added: the old drop had no common error page",
                    new.len()
                );
                self.push(Class::Additive, SUBJECT, what, code_at(first, page, at));
            }
            _ => self.codes(SUBJECT, old, new, page),
        }
    }

    /// `page` is where the codes' page is, for codes whose row has no recorded line.
    fn codes(&mut self, subject: &str, old: &[ErrorCode], new: &[ErrorCode], page: &str) {
        let old_codes = by_name(old, |c| c.code.as_str());
        let new_codes = by_name(new, |c| c.code.as_str());
        for (code, e) in &old_codes {
            if !new_codes.contains_key(code) {
                self.push(
                    Class::Breaking,
                    subject,
                    format!("error code `{code}` removed"),
                    code_at(e, page, was_at),
                );
            }
        }
        for (code, e) in &new_codes {
            match old_codes.get(code) {
                None => self.push(
                    Class::Additive,
                    subject,
                    format!("error code `{code}` added"),
                    code_at(e, page, at),
                ),
                Some(before) if before.description != e.description => self.push(
                    Class::Documentation,
                    subject,
                    format!("error code `{code}`: description changed"),
                    code_at(e, page, at),
                ),
                Some(_) => {}
            }
        }
    }

    fn fields(&mut self, place: Place<'_>, old: &[Field], new: &[Field]) {
        let subject = place.subject();
        let member = place.member();
        let old_fields = by_name(old, |f| f.name.as_str());
        let new_fields = by_name(new, |f| f.name.as_str());
        let request_side = match place {
            Place::Request(_) => true,
            Place::Response(_) => false,
            Place::Struct(s) => {
                self.old.request_side.contains(s) || self.new.request_side.contains(s)
            }
        };
        for (name, f) in &old_fields {
            if !new_fields.contains_key(name) && !f.request_id {
                self.push(
                    Class::Breaking,
                    &subject,
                    format!("{member} `{name}` removed"),
                    was_at(&f.location),
                );
            }
        }
        for (name, f) in &new_fields {
            let Some(before) = old_fields.get(name) else {
                let required = f.required == Some(true);
                let class = match place {
                    Place::Request(_) if required => Class::Breaking,
                    Place::Struct(_) if required && request_side => Class::Breaking,
                    _ => Class::Additive,
                };
                let what = if required {
                    format!("required {member} `{name}` added")
                } else {
                    format!("{member} `{name}` added")
                };
                self.push(class, &subject, what, at(&f.location));
                continue;
            };
            self.field(place, before, f, request_side);
        }
    }

    fn field(&mut self, place: Place<'_>, old: &Field, new: &Field, request_side: bool) {
        let (subject, member, name) = (place.subject(), place.member(), new.name.as_str());
        let location = at(&new.location);
        let owner = place.owner();
        let old_rust = self.old.names.field_text(owner, name).to_string();
        let new_rust = self.new.names.field_text(owner, name).to_string();
        let mut push =
            |class: Class, what: String| self.push(class, &subject, what, location.clone());
        if old_rust != new_rust {
            push(
                Class::Breaking,
                format!("{member} `{name}` is named `{new_rust}` in Rust, was `{old_rust}`"),
            );
        }
        if old.ty != new.ty {
            let what = format!(
                "{member} `{name}` changes type: {} → {}",
                ty(&old.ty),
                ty(&new.ty)
            );
            push(Class::Breaking, what);
        }
        let (was, is) = (old.required == Some(true), new.required == Some(true));
        if was != is {
            let class = match place {
                Place::Request(_) if is => Class::Breaking,
                Place::Request(_) => Class::Additive,
                Place::Struct(_) if request_side => Class::Breaking,
                _ => Class::Documentation,
            };
            let becomes = if is { "required" } else { "optional" };
            push(class, format!("{member} `{name}` becomes {becomes}"));
        }
        if old.nullable != new.nullable {
            push(
                Class::Documentation,
                format!("{member} `{name}`: may-be-null note changed"),
            );
        }
        if old.description != new.description {
            push(
                Class::Documentation,
                format!("{member} `{name}`: description changed"),
            );
        }
        self.values(place, old, new, &location);
        self.encodings(place, old, new, &location);
        self.limits(place, old, new, location);
    }

    /// A documented encoding gives the member methods (`…_raw`/`…_decoded` for Base64,
    /// `…_map` for a JSON object of strings): one added is additive, one gone breaks the
    /// code that called them.
    fn encodings(&mut self, place: Place<'_>, old: &Field, new: &Field, location: &str) {
        let (member, name) = (place.member(), new.name.as_str());
        for (kind, what, methods) in [
            (ConstraintKind::Base64, "Base64", "`…_raw`/`…_decoded`"),
            (
                ConstraintKind::JsonStringValues,
                "a JSON object of strings",
                "`…_map`",
            ),
        ] {
            let has = |f: &Field| f.constraints.iter().any(|c| c.kind == kind);
            let (class, change) = match (has(old), has(new)) {
                (false, true) => (
                    Class::Additive,
                    format!("now documented as {what}: {methods} methods added"),
                ),
                (true, false) => (
                    Class::Breaking,
                    format!("no longer documented as {what}: its {methods} methods are gone"),
                ),
                _ => continue,
            };
            let what = format!("{member} `{name}`: {change}");
            self.push(class, place.subject(), what, location.to_string());
        }
    }

    /// Documented limits other than enumerated values: checked at run time, so a change is
    /// additive whichever way it goes.
    fn limits(&mut self, place: Place<'_>, old: &Field, new: &Field, location: String) {
        let is_limit = |c: &&Constraint| {
            !matches!(
                c.kind,
                ConstraintKind::OneOf { .. } | ConstraintKind::Base64
            )
        };
        let limits = |f: &Field| {
            f.constraints
                .iter()
                .filter(is_limit)
                .map(|c| (c.kind.clone(), c.path.clone()))
                .collect::<Vec<_>>()
        };
        if limits(old) == limits(new) {
            return;
        }
        let sources = |f: &Field| {
            let s: Vec<&str> = f
                .constraints
                .iter()
                .filter(is_limit)
                .map(|c| c.source.as_str())
                .collect();
            if s.is_empty() {
                "none".to_string()
            } else {
                format!("\"{}\"", s.join("\", \""))
            }
        };
        let what = format!(
            "{} `{}`: documented limits change ({} → {}), checked at run time",
            place.member(),
            new.name,
            sources(old),
            sources(new)
        );
        self.push(Class::Additive, place.subject(), what, location);
    }

    /// Enumerated values: a removed value loses its Rust variant; an enum that gets another
    /// name breaks code naming it.
    fn values(&mut self, place: Place<'_>, old: &Field, new: &Field, location: &str) {
        let subject = place.subject();
        let (member, name) = (place.member(), new.name.as_str());
        let values = |f: &Field| -> Vec<String> {
            f.constraints
                .iter()
                .find_map(|c| match &c.kind {
                    ConstraintKind::OneOf { values } => {
                        Some(values.iter().map(|v| v.value.clone()).collect())
                    }
                    _ => None,
                })
                .unwrap_or_default()
        };
        let (before, after) = (values(old), values(new));
        let has_enum = enum_values(old).is_some();
        for gone in before.iter().filter(|v| !after.contains(v)) {
            let class = if has_enum {
                Class::Breaking
            } else {
                Class::Additive
            };
            self.push(
                class,
                &subject,
                format!("{member} `{name}`: value `{gone}` removed"),
                location.to_string(),
            );
        }
        for added in after.iter().filter(|v| !before.contains(v)) {
            self.push(
                Class::Additive,
                &subject,
                format!("{member} `{name}`: value `{added}` added"),
                location.to_string(),
            );
        }
        let owner = place.owner();
        let (old_enum, new_enum) = (
            self.old.enums.enum_of(owner, name).map(str::to_string),
            self.new.enums.enum_of(owner, name).map(str::to_string),
        );
        match (old_enum, new_enum) {
            (Some(a), Some(b)) if a != b => {
                self.push(
                    Class::Breaking,
                    &subject,
                    format!("{member} `{name}`: its enum `{a}` is named `{b}`"),
                    location.to_string(),
                );
            }
            (Some(a), None) => self.push(
                Class::Breaking,
                &subject,
                format!("{member} `{name}`: no longer an enum (`{a}` goes)"),
                location.to_string(),
            ),
            (None, Some(b)) => self.push(
                Class::Breaking,
                &subject,
                format!("{member} `{name}`: becomes enum `{b}`"),
                location.to_string(),
            ),
            _ => {}
        }
    }
}

fn ty(t: &TypeRef) -> String {
    doc_model::ir::shape::type_name(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_class_and_zero_major_is_respected() {
        assert_eq!(Version(0, 1, 0).bumped(Class::Breaking), Version(0, 2, 0));
        assert_eq!(Version(0, 1, 3).bumped(Class::Additive), Version(0, 1, 4));
        assert_eq!(Version(1, 2, 3).bumped(Class::Breaking), Version(2, 0, 0));
        assert_eq!(Version(1, 2, 3).bumped(Class::Additive), Version(1, 3, 0));
        assert_eq!(
            Version(1, 2, 3).bumped(Class::Documentation),
            Version(1, 2, 4)
        );
        assert_eq!("0.1.0".parse::<Version>(), Ok(Version(0, 1, 0)));
        assert!("1.x".parse::<Version>().is_err());
    }

    #[test]
    fn an_encoding_gone_breaks_and_one_added_is_additive() {
        let tat = doc_model::drops::load_service(std::path::Path::new("../specs/tat")).unwrap();
        let mut plain = tat.clone();
        let run = plain
            .actions
            .iter_mut()
            .find(|a| a.name == "RunCommand")
            .unwrap();
        let content = run
            .request
            .iter_mut()
            .find(|f| f.name == "Content")
            .unwrap();
        content
            .constraints
            .retain(|c| c.kind != ConstraintKind::Base64);
        let gone = diff(&tat, &plain);
        assert_eq!(gone.class(), Some(Class::Breaking), "{:?}", gone.changes);
        assert!(gone.changes[0]
            .what
            .contains("no longer documented as Base64"));
        let added = diff(&plain, &tat);
        assert_eq!(added.class(), Some(Class::Additive), "{:?}", added.changes);
        assert_eq!(added.count(Class::Additive), 1);
    }
}
