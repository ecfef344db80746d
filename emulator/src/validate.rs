//! Every request checked against the doc model, the way the generated client checks it
//! before sending: shape (unknown, missing, wrongly typed parameters), then every
//! documented limit through the same rules (`tencentcloud_rules`). The first problem
//! becomes the API error, with the code the page documents.

use crate::api_error::ApiError;
use crate::catalog::Catalog;
use crate::error_codes::{code_for, Broken};
use doc_model::ir::{Action, Constraint, Field, TypeRef};
use serde_json::{Map, Value};
use tencentcloud_runtime::rules::{check_field, check_relations, index, join, Checked, FieldRules, Rule, RuleValue, Violation, Violations};

/// Checks a request body of `action`.
pub fn check_request(catalog: &Catalog, action: &Action, body: &Value) -> Result<(), ApiError> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::invalid_parameter("The request body must be a JSON object."));
    };
    Checker { catalog, action }.object("", &action.request, object)
}

struct Checker<'a> {
    catalog: &'a Catalog,
    action: &'a Action,
}

fn first(out: Violations) -> Option<Violation> {
    out.finish().err().and_then(|e| e.0.into_iter().next())
}

fn describe(ty: &TypeRef) -> &'static str {
    match ty {
        TypeRef::String | TypeRef::Timestamp { .. } | TypeRef::Date | TypeRef::Binary => "a string",
        TypeRef::Integer => "an integer",
        TypeRef::Float => "a number",
        TypeRef::Boolean => "a boolean",
        TypeRef::Json => "any JSON value",
        TypeRef::Array { .. } => "an array",
        TypeRef::Struct { .. } => "an object",
    }
}

impl Checker<'_> {
    fn error(&self, field: &str, broken: Broken<'_>, violation: &Violation) -> ApiError {
        ApiError::new(code_for(self.action, field, broken), format!("{violation}."))
    }

    fn object(&self, path: &str, fields: &[Field], object: &Map<String, Value>) -> Result<(), ApiError> {
        if let Some(unknown) = object.keys().find(|k| !fields.iter().any(|f| &f.name == *k)) {
            return Err(ApiError::unknown_parameter(&join(path, unknown)));
        }
        for f in fields {
            match object.get(&f.name) {
                None | Some(Value::Null) if f.required == Some(true) => return Err(ApiError::missing_parameter(&join(path, &f.name))),
                None | Some(Value::Null) => {}
                Some(value) => self.field(path, f, value)?,
            }
        }
        self.relations(path, fields, object)
    }

    fn shape(&self, path: &str, ty: &TypeRef, value: &Value) -> Result<(), ApiError> {
        let ok = match ty {
            TypeRef::Array { items } => match value.as_array() {
                Some(items_v) => {
                    for (i, item) in items_v.iter().enumerate() {
                        self.shape(&index(path, i), items, item)?;
                    }
                    true
                }
                None => false,
            },
            TypeRef::Struct { name } => match (value.as_object(), self.catalog.struct_type(name)) {
                (Some(object), Some(def)) => {
                    self.object(path, &def.fields, object)?;
                    true
                }
                (Some(_), None) => true, // an undocumented structure: nothing to check against
                (None, _) => false,
            },
            scalar => scalar.fits_scalar(value),
        };
        if ok {
            Ok(())
        } else {
            Err(ApiError::invalid_parameter(format!("The parameter `{path}` must be {} (got {value}).", describe(ty))))
        }
    }

    fn field(&self, parent: &str, f: &Field, value: &Value) -> Result<(), ApiError> {
        self.shape(&join(parent, &f.name), &f.ty, value)?;
        let rules: Vec<Checked<'_>> = f.constraints.iter().filter_map(Constraint::checked).collect();
        let is_filter = |c: &Checked<'_>| matches!(c.rule, Rule::Filter { .. });
        let has_filters = rules.iter().any(is_filter);
        // One rule at a time, so the error code fits the rule that broke; filters together.
        for c in rules.iter().filter(|c| !is_filter(c) && !is_relation(&c.rule)) {
            let mut out = Violations::default();
            check_field(parent, &f.name, std::slice::from_ref(c), value.view(), &mut out);
            if let Some(v) = first(out) {
                let broken = if has_filters && c.path == Some("Values") { Broken::FilterValues } else { Broken::Rule(&c.rule) };
                return Err(self.error(&f.name, broken, &v));
            }
        }
        let filters: Vec<Checked<'_>> = rules.iter().filter(|c| is_filter(c)).cloned().collect();
        let mut out = Violations::default();
        check_field(parent, &f.name, &filters, value.view(), &mut out);
        match first(out) {
            Some(v) => Err(self.error(&f.name, Broken::FilterName, &v)),
            None => Ok(()),
        }
    }

    /// Mutually exclusive, exactly one, at least one, required if: through the shared check,
    /// for relations between members this object documents.
    fn relations(&self, path: &str, fields: &[Field], object: &Map<String, Value>) -> Result<(), ApiError> {
        let known = |names: &[&str]| names.iter().all(|n| fields.iter().any(|f| f.name == *n));
        for f in fields {
            for c in f.constraints.iter().filter_map(Constraint::checked).filter(|c| is_relation(&c.rule)) {
                if let Rule::MutuallyExclusive(names) | Rule::ExactlyOneOf(names) | Rule::AtLeastOneOf(names) = &c.rule {
                    if !known(names) {
                        continue;
                    }
                }
                let mut out = Violations::default();
                let rules: [FieldRules<'_>; 1] = [(&f.name, std::slice::from_ref(&c))];
                check_relations(path, &rules, object, &mut out);
                if let Some(v) = first(out) {
                    let broken = if v.value == "0 given" { Broken::NothingGiven } else { Broken::Rule(&c.rule) };
                    return Err(self.error(&f.name, broken, &v));
                }
            }
        }
        Ok(())
    }
}

fn is_relation(rule: &Rule<'_>) -> bool {
    matches!(rule, Rule::MutuallyExclusive(_) | Rule::ExactlyOneOf(_) | Rule::AtLeastOneOf(_) | Rule::RequiredIf { .. })
}
