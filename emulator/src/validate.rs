//! Every request checked against the doc model, the way the generated client checks it
//! before sending: shape (unknown, missing, wrongly typed parameters, through the doc
//! model's one walk), then every documented limit through the same rules
//! (`tencentcloud_rules`). The first problem becomes the API error, with the code the page
//! documents.

use crate::api_error::ApiError;
use crate::error_codes::{code_for, Broken};
use crate::service_model::ServiceModel;
use doc_model::ir::shape::{Nulls, Problem, Visitor, Walk};
use doc_model::ir::{Action, Constraint, Field};
use serde_json::{Map, Value};
use std::ops::ControlFlow;
use tencentcloud_rules::{
    check_field, check_relations, Checked, FieldRules, Kind, List, Rule, RuleValue, Violation,
    Violations,
};

/// Checks a request body of `action`.
pub fn check_request(model: &ServiceModel, action: &Action, body: &Value) -> Result<(), ApiError> {
    if !body.is_object() {
        return Err(ApiError::invalid_parameter(
            "The request body must be a JSON object.",
        ));
    }
    let types = |name: &str| model.struct_type(name);
    let walk = Walk {
        types: &types,
        nulls: Nulls::Absent,
        required: true,
        also_known: None,
    };
    let mut checker = Checker {
        action,
        error: None,
    };
    let _ = walk.object("", &action.request, body, &mut checker);
    checker.error.map_or(Ok(()), Err)
}

/// Stops at the first problem, keeping it as the API error.
struct Checker<'a> {
    action: &'a Action,
    error: Option<ApiError>,
}

fn first(out: Violations) -> Option<Violation> {
    out.finish().err().and_then(|e| e.0.into_iter().next())
}

impl Checker<'_> {
    fn fail(&mut self, error: ApiError) -> ControlFlow<()> {
        self.error = Some(error);
        ControlFlow::Break(())
    }

    fn broken(&mut self, field: &str, broken: Broken, violation: &Violation) -> ControlFlow<()> {
        let error = ApiError::new(
            code_for(self.action, field, broken),
            format!("{violation}."),
        );
        self.fail(error)
    }
}

impl<'v> Visitor<'v> for Checker<'_> {
    fn problem(&mut self, problem: Problem<'v>) -> ControlFlow<()> {
        let error = match problem {
            Problem::Unknown { path } => ApiError::unknown_parameter(&path),
            Problem::Missing { path } => ApiError::missing_parameter(&path),
            Problem::WrongType {
                path,
                expected,
                got,
            } => ApiError::invalid_parameter(format!(
                "The parameter `{path}` must be {expected} (got {got})."
            )),
            Problem::NotAnObject { path, got } => ApiError::invalid_parameter(format!(
                "The parameter `{path}` must be an object (got {got})."
            )),
            Problem::UnexpectedNull { path } => {
                ApiError::invalid_parameter(format!("The parameter `{path}` must not be null."))
            }
        };
        self.fail(error)
    }

    /// The member's own rules in one check (relations are the object's); the first
    /// violation is the error, its code chosen by the violation's kind, or by the filter
    /// rules of a `Filters` list ([`broken_filter`]).
    fn member(&mut self, parent: &str, f: &Field, value: &'v Value) -> ControlFlow<()> {
        let rules: Vec<Checked<'_>> = f
            .constraints
            .iter()
            .filter_map(Constraint::checked)
            .collect();
        let mut out = Violations::default();
        check_field(parent, &f.name, &rules, value.view(), &mut out);
        match first(out) {
            Some(v) => {
                let broken = broken_filter(&rules, &v).unwrap_or(Broken::Kind(v.kind));
                self.broken(&f.name, broken, &v)
            }
            None => ControlFlow::Continue(()),
        }
    }

    /// Mutually exclusive, exactly one, at least one, required if: through the shared check,
    /// for relations between members this object documents.
    fn object(
        &mut self,
        path: &str,
        fields: &[Field],
        object: &'v Map<String, Value>,
    ) -> ControlFlow<()> {
        let known = |names: &List<'_>| names.iter().all(|n| fields.iter().any(|f| f.name == n));
        for f in fields {
            for c in f
                .constraints
                .iter()
                .filter_map(Constraint::checked)
                .filter(|c| is_relation(&c.rule))
            {
                if let Rule::MutuallyExclusive { fields: names }
                | Rule::ExactlyOneOf { fields: names }
                | Rule::AtLeastOneOf { fields: names } = &c.rule
                {
                    if !known(names) {
                        continue;
                    }
                }
                let mut out = Violations::default();
                let rules: [FieldRules<'_>; 1] = [(&f.name, std::slice::from_ref(&c))];
                check_relations(path, &rules, object, &mut out);
                if let Some(v) = first(out) {
                    return self.broken(&f.name, Broken::Kind(v.kind), &v);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// What a violation on a `Filters` list broke, by the rule its doc phrase names: a filter's
/// name or values the page does not document (the filter rules), or a bound on each
/// filter's `Values`; `None` off such a list.
fn broken_filter(rules: &[Checked<'_>], v: &Violation) -> Option<Broken> {
    let is_filter = |c: &Checked<'_>| matches!(c.rule, Rule::Filter { .. });
    if !rules.iter().any(is_filter) {
        return None;
    }
    let from = rules.iter().find(|c| c.source == v.source);
    match from {
        _ if v.kind == Kind::UnknownFilter => Some(Broken::FilterName),
        Some(c) if is_filter(c) => Some(Broken::FilterName),
        Some(c) if c.path == Some("Values") => Some(Broken::FilterValues),
        _ => None,
    }
}

fn is_relation(rule: &Rule<'_>) -> bool {
    matches!(
        rule,
        Rule::MutuallyExclusive { .. }
            | Rule::ExactlyOneOf { .. }
            | Rule::AtLeastOneOf { .. }
            | Rule::RequiredIf { .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use tencentcloud_rules::Text;

    /// The first violation of `rules` on a `Filters` list, and what it broke.
    fn broken(rules: &[Checked<'_>], filters: Value) -> Option<Broken> {
        let mut out = Violations::default();
        check_field("", "Filters", rules, filters.view(), &mut out);
        let v = first(out)?;
        Some(broken_filter(rules, &v).unwrap_or(Broken::Kind(v.kind)))
    }

    #[test]
    fn one_check_tells_filter_names_values_and_bounds_apart() {
        let rules = [
            Rule::MaxItems { max: 2 }.doc("at most 2 filters"),
            Rule::MaxItems { max: 1 }
                .doc("that of Filter.Values is 1")
                .at("Values"),
            Rule::Filter {
                name: Text::Borrowed("zone"),
                values: List::Static(&["ap-1"]),
            }
            .doc("zone filter"),
        ];
        let filters = |name: &str, values: Value| json!([{"Name": name, "Values": values}]);
        assert_eq!(broken(&rules, filters("zone", json!(["ap-1"]))), None);
        assert_eq!(
            broken(&rules, filters("colour", json!(["x"]))),
            Some(Broken::FilterName)
        );
        assert_eq!(
            broken(&rules, filters("zone", json!(["ap-9"]))),
            Some(Broken::FilterName),
            "a value the filter does not document"
        );
        assert_eq!(
            broken(&rules, filters("zone", json!(["ap-1", "ap-1"]))),
            Some(Broken::FilterValues)
        );
        let three = json!([{"Name": "zone"}, {"Name": "zone"}, {"Name": "zone"}]);
        assert_eq!(broken(&rules, three), Some(Broken::Kind(Kind::TooMany)));
        let plain = [Rule::MaxChars { max: 1 }.doc("short")];
        assert_eq!(
            broken(&plain, json!("ab")),
            Some(Broken::Kind(Kind::TooLong))
        );
    }
}
