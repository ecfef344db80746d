//! A page's examples → [`Example`]s: the POST form (headers, JSON body), the GET form
//! (`?Action=X` and `&Name=value` lines), and the response document after each.
//!
//! An example is read before the page's tables are known (the GET form needs them to type
//! its values), so the action page keeps [`RawExample`]s (the request already read into an
//! [`ExampleRequest`]) and the service turns them into examples once the structures are read.

pub mod get_form;
pub mod json_text;

use super::conformance::check_example;
use super::model::{Example, Field, StructType};
use crate::diagnostic::{Diagnostic, Location};
use crate::page::example_request::{ExampleRequest, RequestForm};
use serde_json::Value;
use std::collections::BTreeMap;

/// An example as the page has it: the request, read once, and the response block after it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawExample {
    pub title: Option<String>,
    pub request: ExampleRequest,
    pub request_location: Location,
    pub response: Option<(String, Location)>,
}

/// The action an example belongs to: what reading it needs.
pub struct ExampleContext<'a> {
    pub action: &'a str,
    pub request: &'a [Field],
    pub response: &'a [Field],
    pub types: &'a BTreeMap<&'a str, &'a StructType>,
}

/// Reads example number `n` (from 1). Problems (JSON that does not parse, GET names that
/// clash, keys and types that contradict the tables) become warnings at their line and are
/// kept in the example, worded without locations.
pub fn build_example(
    raw: &RawExample,
    n: usize,
    ctx: &ExampleContext<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Example {
    let mut example = read_example(raw, ctx.request, ctx.types, warnings);
    for diagnostic in check_example(
        ctx.action,
        n,
        &example,
        ctx.request,
        ctx.response,
        ctx.types,
    ) {
        example.problems.push(diagnostic.message.clone());
        warnings.push(diagnostic);
    }
    example
}

fn read_example(
    raw: &RawExample,
    fields: &[Field],
    types: &BTreeMap<&str, &StructType>,
    warnings: &mut Vec<Diagnostic>,
) -> Example {
    let mut problems = Vec::new();
    let mut repairs = Vec::new();
    let request = match &raw.request.form {
        RequestForm::Get { pairs, .. } => {
            let (json, get_problems) =
                get_form::request_from_pairs(pairs.iter().cloned(), fields, types);
            for p in get_problems {
                warnings.push(Diagnostic::new(
                    raw.request_location.clone(),
                    format!("example request: {p}"),
                ));
                problems.push(p);
            }
            json
        }
        RequestForm::Post { body: Some(body) } => read_json(
            &body.text,
            &offset(&raw.request_location, body.line),
            "request body",
            warnings,
            &mut problems,
            &mut repairs,
        ),
        RequestForm::Post { body: None } => Value::Object(Default::default()),
    };
    let (response, response_location) = match &raw.response {
        Some((text, location)) => (
            read_json(
                text,
                location,
                "response",
                warnings,
                &mut problems,
                &mut repairs,
            ),
            Some(location.clone()),
        ),
        None => {
            let message = "example request has no response JSON after it";
            warnings.push(Diagnostic::new(raw.request_location.clone(), message));
            problems.push(message.to_string());
            (Value::Null, None)
        }
    };
    Example {
        title: raw.title.clone(),
        request,
        response,
        request_location: raw.request_location.clone(),
        response_location,
        problems,
        repairs,
    }
}

/// `location` moved down `lines` lines (text and Markdown pages; HTML has no lines).
fn offset(location: &Location, lines: usize) -> Location {
    if location.element.is_some() || lines == 0 {
        return location.clone();
    }
    Location {
        line: location.line + lines,
        column: None,
        ..location.clone()
    }
}

fn read_json(
    text: &str,
    location: &Location,
    what: &str,
    warnings: &mut Vec<Diagnostic>,
    problems: &mut Vec<String>,
    repairs: &mut Vec<String>,
) -> Value {
    let parsed = json_text::parse_lenient(text);
    let Some((line, column, reason)) = parsed.error else {
        return parsed.value.unwrap_or(Value::Null);
    };
    let mut at = offset(location, line.saturating_sub(1));
    if at.element.is_none() {
        at.column = Some(column.max(1));
    }
    match parsed.value {
        Some(value) => {
            // The warning names page lines; the example keeps lines of the document, which
            // are the same whichever format the page came in.
            let shown: Vec<String> = parsed
                .repairs
                .iter()
                .take(3)
                .map(|(line, r)| format!("{r} (line {})", offset(location, line - 1).line))
                .collect();
            let more = parsed.repairs.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            };
            let done = format!("{}{more}", shown.join("; "));
            warnings.push(Diagnostic::new(
                at,
                format!(
                    "example {what} is not valid JSON: {reason}; read after {} repair(s): {done}",
                    parsed.repairs.len()
                ),
            ));
            repairs.extend(
                parsed
                    .repairs
                    .into_iter()
                    .map(|(line, r)| format!("{what} line {line}: {r}")),
            );
            value
        }
        None => {
            warnings.push(Diagnostic::new(
                at,
                format!(
                    "example {what} is not valid JSON: {reason}; the example is kept as a note"
                ),
            ));
            problems.push(format!("example {what} is not valid JSON: {reason}"));
            Value::Null
        }
    }
}
