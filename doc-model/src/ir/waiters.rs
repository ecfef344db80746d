//! Waiters, declared beside the pages in `specs/<svc>/waiters.toml`: the pages document
//! which values a status member can take, never which of them are final, so a maintainer
//! says it once per waiter. Each names an action, a path into its answer
//! (`InvocationSet[].InvocationStatus`), and its success, failure and retry values, every
//! one checked against the enumeration the page documents for that member:
//!
//! ```toml
//! [invocation_done]
//! action = "DescribeInvocations"
//! path = "InvocationSet[].InvocationStatus"
//! success = ["SUCCESS"]
//! failure = ["FAILED", "TIMEOUT", "CANCELLED"]
//! retry = ["PENDING", "RUNNING"]
//! ```

use super::model::{Field, Service, TypeRef};
pub use super::model::{PathStep, Waiter};
use crate::diagnostic::{Diagnostic, Location};
use serde::Deserialize;
use std::collections::BTreeMap;
use tencentcloud_rules::Rule;
use toml::Spanned;

/// The file a service's waiters are declared in, beside its pages.
pub const WAITERS_FILE: &str = "waiters.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    action: Spanned<String>,
    path: Spanned<String>,
    success: Vec<Spanned<String>>,
    failure: Vec<Spanned<String>>,
    #[serde(default)]
    retry: Vec<Spanned<String>>,
}

/// Reads `text` (the file `file`) and checks every waiter against `service`; every problem
/// is an error at its line.
pub fn read_waiters(
    file: &str,
    text: &str,
    service: &Service,
) -> Result<Vec<Waiter>, Vec<Diagnostic>> {
    let at = |offset: usize| {
        Location::new(
            file,
            text[..offset.min(text.len())].matches('\n').count() + 1,
        )
    };
    let entries: BTreeMap<String, Spanned<Entry>> = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |s| at(s.start).line);
        vec![Diagnostic::at(
            file,
            line,
            format!("{}: {}", WAITERS_FILE, e.message()),
        )]
    })?;
    let mut waiters = Vec::new();
    let mut errors = Vec::new();
    for (name, entry) in entries {
        let location = at(entry.span().start);
        match waiter(&name, entry.into_inner(), location, service, &at) {
            Ok(w) => waiters.push(w),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(waiters)
    } else {
        Err(errors)
    }
}

fn waiter(
    name: &str,
    entry: Entry,
    location: Location,
    service: &Service,
    at: &dyn Fn(usize) -> Location,
) -> Result<Waiter, Vec<Diagnostic>> {
    let is_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !is_name {
        let message = format!("waiter `{name}`: expected a snake_case name (`invocation_done`)");
        return Err(vec![Diagnostic::new(location, message)]);
    }
    let action_at = at(entry.action.span().start);
    let Some(action) = service
        .actions
        .iter()
        .find(|a| a.name == *entry.action.get_ref())
    else {
        let message = format!(
            "waiter `{name}`: no action `{}` in this service",
            entry.action.get_ref()
        );
        return Err(vec![Diagnostic::new(action_at, message)]);
    };
    let path_at = at(entry.path.span().start);
    let (path, documented) = resolve(entry.path.get_ref(), &action.response, service)
        .map_err(|e| vec![Diagnostic::new(path_at, format!("waiter `{name}`: {e}"))])?;
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut values = |list: Vec<Spanned<String>>, errors: &mut Vec<Diagnostic>| -> Vec<String> {
        let mut out = Vec::new();
        for value in list {
            let (line, value) = (at(value.span().start), value.into_inner());
            if !documented.contains(&value) {
                let message = format!(
                    "waiter `{name}`: `{value}` is not a documented value of `{}` (documented: {})",
                    entry.path.get_ref(),
                    documented.join(", ")
                );
                errors.push(Diagnostic::new(line, message));
            } else if seen.contains(&value) {
                errors.push(Diagnostic::new(
                    line,
                    format!("waiter `{name}`: `{value}` is listed twice"),
                ));
            } else {
                seen.push(value.clone());
                out.push(value);
            }
        }
        out
    };
    let success = values(entry.success, &mut errors);
    let failure = values(entry.failure, &mut errors);
    let retry = values(entry.retry, &mut errors);
    if success.is_empty() && errors.is_empty() {
        errors.push(Diagnostic::new(
            location.clone(),
            format!("waiter `{name}`: no success value"),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Waiter {
        name: name.to_string(),
        action: action.name.clone(),
        path,
        success,
        failure,
        retry,
        location,
    })
}

/// The path's steps and the values documented for the member it ends at.
fn resolve(
    path: &str,
    response: &[Field],
    service: &Service,
) -> Result<(Vec<PathStep>, Vec<String>), String> {
    let mut fields = response;
    let mut steps = Vec::new();
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let (member, each) = match part.strip_suffix("[]") {
            Some(m) => (m, true),
            None => (*part, false),
        };
        let field = fields.iter().find(|f| f.name == member).ok_or_else(|| {
            format!(
                "`{path}`: no member `{member}` where the answer has {}",
                names(fields)
            )
        })?;
        let ty = match (&field.ty, each) {
            (TypeRef::Array { items }, true) => items.as_ref(),
            (ty, false) if !ty.is_array() => ty,
            _ => {
                return Err(format!(
                    "`{path}`: `{member}` is {}an array; write `{member}{}`",
                    if each { "not " } else { "" },
                    if each { "" } else { "[]" }
                ))
            }
        };
        steps.push(PathStep {
            member: member.to_string(),
            each,
        });
        if i + 1 == parts.len() {
            return documented_values(field, ty)
                .map(|v| (steps, v))
                .ok_or_else(|| {
                    format!(
                        "`{path}`: `{member}` has no documented enumeration of values to wait on"
                    )
                });
        }
        let TypeRef::Struct { name } = ty else {
            return Err(format!("`{path}`: `{member}` is not a structure"));
        };
        fields = &service
            .types
            .iter()
            .find(|t| t.name == *name)
            .ok_or_else(|| format!("`{path}`: structure `{name}` is not defined"))?
            .fields;
    }
    Err(format!("`{path}`: an empty path"))
}

fn documented_values(field: &Field, ty: &TypeRef) -> Option<Vec<String>> {
    if *ty != TypeRef::String {
        return None;
    }
    field.constraints.iter().find_map(|c| match c.kind.rule() {
        Some(Rule::OneOf { values }) => Some(values.iter().map(str::to_string).collect()),
        _ => None,
    })
}

fn names(fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    names.join(", ")
}
