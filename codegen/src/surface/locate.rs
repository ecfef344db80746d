//! Where each item of a service's surface is documented: its [`Locations`].

use super::anchor::{Anchor, Locations, Scope};
use crate::emit::context::Ctx;
use doc_model::ir::{ErrorCode, Field, Service};

/// Every anchor of `service` and its page location.
pub fn locations(service: &Service) -> Locations {
    let mut out = Locations::default();
    let mut put = |anchor: Anchor, location: &doc_model::diagnostic::Location| {
        out.0.entry(anchor).or_insert_with(|| location.clone());
    };
    if let Some(first) = service.actions.first() {
        put(Anchor::Service, &first.location);
        for code in &service.common_errors {
            let at = code.location.as_ref().unwrap_or(&first.location);
            put(Anchor::Code(None, code.code.clone()), at);
        }
    }
    for a in &service.actions {
        put(Anchor::Action(a.name.clone()), &a.location);
        let scopes = [
            (Scope::Request(a.name.clone()), &a.request),
            (Scope::Response(a.name.clone()), &a.response),
        ];
        for (scope, fields) in scopes {
            members(&mut put, scope, fields);
        }
        codes(&mut put, &a.name, &a.errors, &a.location);
    }
    for t in &service.types {
        put(Anchor::Struct(t.name.clone()), &t.location);
        members(&mut put, Scope::Struct(t.name.clone()), &t.fields);
    }
    for w in &service.waiters {
        put(Anchor::Waiter(w.name.clone()), &w.location);
    }
    for def in &Ctx::new(service).enums.defs {
        put(Anchor::Enum(def.name.clone()), &def.location);
    }
    out
}

type Put<'p> = dyn FnMut(Anchor, &doc_model::diagnostic::Location) + 'p;

fn members(put: &mut Put<'_>, scope: Scope, fields: &[Field]) {
    for f in fields {
        put(Anchor::Member(scope.clone(), f.name.clone()), &f.location);
    }
}

/// An action's codes, at their rows (or the page, for a code recorded without its line).
fn codes(
    put: &mut Put<'_>,
    action: &str,
    codes: &[ErrorCode],
    page: &doc_model::diagnostic::Location,
) {
    for code in codes {
        let anchor = Anchor::Code(Some(action.to_string()), code.code.clone());
        put(anchor, code.location.as_ref().unwrap_or(page));
    }
}
