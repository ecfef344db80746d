//! Checks that every documented example agrees with the page's own tables.
//!
//! Pages are real documentation and contain real mistakes; each disagreement becomes a
//! warning with file:line, never a silent fix.

use super::model::{Action, Example, Field, StructType};
use super::shape::{json_kind, Nulls, Problem, Visitor, Walk};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::ops::ControlFlow;

/// Each disagreement of every example of an action, with the index of the example it is in.
pub fn check_examples(
    action: &Action,
    types: &BTreeMap<&str, &StructType>,
) -> Vec<(usize, Diagnostic)> {
    let mut all = Vec::new();
    for (i, example) in action.examples.iter().enumerate() {
        let found = check_example(
            &action.name,
            i + 1,
            example,
            &action.request,
            &action.response,
            types,
        );
        all.extend(found.into_iter().map(|d| (i, d)));
    }
    all
}

/// Each disagreement of example `n` of `action` with the action's request and response tables.
pub fn check_example(
    action: &str,
    n: usize,
    example: &Example,
    request: &[Field],
    response: &[Field],
    types: &BTreeMap<&str, &StructType>,
) -> Vec<Diagnostic> {
    let lookup = |name: &str| types.get(name).copied();
    let mut reporter = Reporter {
        out: Vec::new(),
        example,
        action,
        n,
        side: Side::Request,
    };
    if !example.request.is_null() {
        let walk = Walk {
            types: &lookup,
            nulls: Nulls::Documented,
            required: true,
            also_known: None,
        };
        let _ = walk.object("request", request, &example.request, &mut reporter);
    }
    reporter.side = Side::Response;
    match example.response.get("Response") {
        Some(body) => {
            if body.get("Error").is_none() {
                let walk = Walk {
                    types: &lookup,
                    nulls: Nulls::Allowed,
                    required: false,
                    also_known: Some("RequestId"),
                };
                let _ = walk.object("Response", response, body, &mut reporter);
            }
        }
        None if example.response.is_null() => {}
        None => reporter.report("response has no top-level `Response` object".to_string()),
    }
    reporter.out
}

#[derive(Clone, Copy)]
enum Side {
    Request,
    Response,
}

/// Each problem of the walk as a warning at the example block it is in.
struct Reporter<'a> {
    out: Vec<Diagnostic>,
    example: &'a Example,
    action: &'a str,
    n: usize,
    side: Side,
}

impl Reporter<'_> {
    /// Reports at the first line of the example block the problem is in.
    fn report(&mut self, problem: String) {
        let (location, which) = match self.side {
            Side::Request => (&self.example.request_location, "request"),
            Side::Response => (
                self.example
                    .response_location
                    .as_ref()
                    .unwrap_or(&self.example.request_location),
                "response",
            ),
        };
        self.out.push(Diagnostic::new(
            location.clone(),
            format!("{} example {} {which}: {problem}", self.action, self.n),
        ));
    }
}

impl<'v> Visitor<'v> for Reporter<'_> {
    fn problem(&mut self, problem: Problem<'v>) -> ControlFlow<()> {
        self.report(match problem {
            Problem::NotAnObject { path, got } => {
                format!("`{path}` is {}, expected an object", json_kind(got))
            }
            Problem::Unknown { path } => {
                format!("`{path}` is not documented in the parameter table")
            }
            Problem::Missing { path } => format!("required `{path}` is missing"),
            Problem::UnexpectedNull { path } => {
                format!("`{path}` is null but the field is not documented as nullable")
            }
            Problem::WrongType {
                path,
                expected,
                got,
            } => format!("`{path}` is {}, expected {expected}", json_kind(got)),
        });
        ControlFlow::Continue(())
    }
}
