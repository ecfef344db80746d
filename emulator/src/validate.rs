//! Every request checked against the IR, the way the generated client checks it before
//! sending: shape (unknown, missing, wrongly typed parameters) and every documented
//! limit. The first problem becomes the API error, with the code the page documents.

use crate::api_error::ApiError;
use crate::catalog::Catalog;
use crate::error_codes::{code_for, Broken};
use doc_model::ir::char_class::{char_ranges, in_ranges};
use doc_model::ir::{Action, ConstraintKind, Field, LengthUnit, TypeRef};
use serde_json::{Map, Value};
use tencentcloud_runtime::validation::{index, join, JsonObjectRules, JsonRuleSources, Violation, Violations};

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

fn is_given(object: &Map<String, Value>, name: &str) -> bool {
    object.get(name).is_some_and(|v| !v.is_null())
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
                Some(value) => self.field(&join(path, &f.name), f, value)?,
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

    fn field(&self, path: &str, f: &Field, value: &Value) -> Result<(), ApiError> {
        self.shape(path, &f.ty, value)?;
        let items: Vec<(String, &Value)> = match value.as_array() {
            Some(items) if f.ty.is_array() => items.iter().enumerate().map(|(i, v)| (index(path, i), v)).collect(),
            _ => vec![(path.to_string(), value)],
        };
        for c in &f.constraints {
            let src = c.source.as_str();
            let mut out = Violations::default();
            let mut broken = Broken::Rule(&c.kind);
            if let Some(member) = &c.path {
                let is_filter_values = member == "Values" && f.constraints.iter().any(|c| matches!(c.kind, ConstraintKind::Filter { .. }));
                if is_filter_values {
                    broken = Broken::FilterValues;
                }
                for (p, item) in &items {
                    if let Some(list) = item.get(member).and_then(Value::as_array) {
                        let mp = join(p, member);
                        match &c.kind {
                            ConstraintKind::MaxItems { max } => out.max_items(&mp, list.len(), *max, src),
                            ConstraintKind::MinItems { min } => out.min_items(&mp, list.len(), *min, src),
                            _ => {}
                        }
                    }
                }
            } else {
                match &c.kind {
                    ConstraintKind::MaxItems { max } if f.ty.is_array() => out.max_items(path, items.len(), *max, src),
                    ConstraintKind::MinItems { min } if f.ty.is_array() => out.min_items(path, items.len(), *min, src),
                    kind => {
                        for (p, item) in &items {
                            item_rule(&mut out, p, item, kind, src, f);
                        }
                    }
                }
            }
            if let Some(v) = first(out) {
                return Err(self.error(&f.name, broken, &v));
            }
        }
        self.filters(path, f, value)
    }

    /// Documented filter names (and listed values) for a `Filters` array of `{Name, Values}`.
    fn filters(&self, path: &str, f: &Field, value: &Value) -> Result<(), ApiError> {
        let documented: Vec<(&str, &[String], &str)> = f
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::Filter { name, values } => Some((name.as_str(), values.as_slice(), c.source.as_str())),
                _ => None,
            })
            .collect();
        let Some(items) = value.as_array().filter(|_| !documented.is_empty()) else { return Ok(()) };
        // `tag:tag-key` documents a family: any name starting with `tag:`.
        let exact: Vec<&str> = documented.iter().filter(|d| !d.0.contains(':')).map(|d| d.0).collect();
        let families: Vec<String> = documented.iter().filter_map(|d| d.0.split_once(':').map(|(p, _)| format!("{p}:"))).collect();
        let names_src = format!("documented filters: {}", documented.iter().map(|d| d.0).collect::<Vec<_>>().join(", "));
        for (i, item) in items.iter().enumerate() {
            let ip = index(path, i);
            let name = item.get("Name").and_then(Value::as_str).unwrap_or_default();
            let mut out = Violations::default();
            if !exact.contains(&name) && !families.iter().any(|p| name.starts_with(p.as_str())) {
                out.one_of(&join(&ip, "Name"), name, &exact, &names_src);
                if let Some(v) = first(out) {
                    return Err(self.error(&f.name, Broken::FilterName, &v));
                }
                continue;
            }
            let Some((_, allowed, src)) = documented.iter().find(|d| d.0 == name && !d.1.is_empty()) else { continue };
            let allowed: Vec<&str> = allowed.iter().map(String::as_str).collect();
            let values = item.get("Values").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for (j, v) in values.iter().enumerate() {
                out.one_of(&index(&join(&ip, "Values"), j), v.as_str().unwrap_or_default(), &allowed, src);
            }
            if let Some(v) = first(out) {
                return Err(self.error(&f.name, Broken::FilterName, &v));
            }
        }
        Ok(())
    }

    /// Mutually exclusive, exactly one, at least one, required if.
    fn relations(&self, path: &str, fields: &[Field], object: &Map<String, Value>) -> Result<(), ApiError> {
        let known = |names: &[String]| names.iter().all(|n| fields.iter().any(|f| &f.name == n));
        for f in fields {
            for c in &f.constraints {
                let src = c.source.as_str();
                let mut out = Violations::default();
                let mut broken = Broken::Rule(&c.kind);
                match &c.kind {
                    ConstraintKind::MutuallyExclusive { fields: names } | ConstraintKind::ExactlyOneOf { fields: names } | ConstraintKind::AtLeastOneOf { fields: names }
                        if known(names) =>
                    {
                        let given = names.iter().filter(|n| is_given(object, n)).count();
                        let list = names.join(", ");
                        let rule = match c.kind {
                            ConstraintKind::MutuallyExclusive { .. } if given > 1 => Some(format!("at most one of {list}")),
                            ConstraintKind::ExactlyOneOf { .. } if given > 1 => Some(format!("exactly one of {list}")),
                            ConstraintKind::ExactlyOneOf { .. } if given == 0 => {
                                broken = Broken::NothingGiven;
                                Some(format!("exactly one of {list}"))
                            }
                            ConstraintKind::AtLeastOneOf { .. } if given == 0 => Some(format!("at least one of {list}")),
                            _ => None,
                        };
                        if let Some(rule) = rule {
                            out.push(join(path, &list), rule, format!("{given} given"), src);
                        }
                    }
                    ConstraintKind::RequiredIf { field: other, equals } => {
                        let condition = object.get(other).and_then(Value::as_str) == Some(equals.as_str());
                        if condition && !is_given(object, &f.name) {
                            out.push(join(path, &f.name), format!("given when {other} is {equals}"), "missing".into(), src);
                        }
                    }
                    _ => {}
                }
                if let Some(v) = first(out) {
                    return Err(self.error(&f.name, broken, &v));
                }
            }
        }
        Ok(())
    }
}

/// One rule on one scalar value (an element, for arrays).
fn item_rule(out: &mut Violations, p: &str, item: &Value, kind: &ConstraintKind, src: &str, f: &Field) {
    let text = item.as_str();
    match (kind, text) {
        (ConstraintKind::MaxLength { max, unit: LengthUnit::Characters }, Some(s)) => out.max_chars(p, s, *max, src),
        (ConstraintKind::MaxLength { max, unit: LengthUnit::Bytes }, Some(s)) => out.max_bytes(p, s, *max, src),
        (ConstraintKind::MinLength { min, unit: LengthUnit::Characters }, Some(s)) => out.min_chars(p, s, *min, src),
        (ConstraintKind::MinLength { min, unit: LengthUnit::Bytes }, Some(s)) => out.min_bytes(p, s, *min, src),
        (ConstraintKind::Minimum { min }, _) => bound(out, p, item, min, f, src, true),
        (ConstraintKind::Maximum { max }, _) => bound(out, p, item, max, f, src, false),
        (ConstraintKind::Enum { values }, Some(s)) if matches!(f.ty.element(), TypeRef::String) => {
            let allowed: Vec<&str> = values.iter().map(|v| v.value.as_str()).collect();
            out.one_of(p, s, &allowed, src);
        }
        (ConstraintKind::Prefix { prefix }, Some(s)) => out.prefix(p, s, prefix, src),
        (ConstraintKind::Charset { class }, Some(s)) => {
            let ranges = char_ranges(class);
            out.charset(p, s, |c| in_ranges(&ranges, c), class, src);
        }
        (ConstraintKind::JsonEncoded | ConstraintKind::JsonStringValues, Some(s)) => json_rules(out, p, s, kind, src),
        // Only meaningful on a JSON document; the encoding rule reports bad JSON.
        (ConstraintKind::JsonMaxKeys { .. } | ConstraintKind::JsonKeyMaxLength { .. } | ConstraintKind::JsonKeyCharset { .. }, Some(s))
            if serde_json::from_str::<Value>(s).is_ok() =>
        {
            json_rules(out, p, s, kind, src)
        }
        _ => {}
    }
}

fn bound(out: &mut Violations, p: &str, item: &Value, limit: &Value, f: &Field, src: &str, lower: bool) {
    match f.ty.element() {
        TypeRef::Integer => {
            if let (Some(v), Some(l)) = (item.as_i64(), limit.as_i64()) {
                if lower { out.minimum(p, v, l, src) } else { out.maximum(p, v, l, src) }
            }
        }
        TypeRef::Float => {
            if let (Some(v), Some(l)) = (item.as_f64(), limit.as_f64()) {
                if lower { out.minimum(p, v, l, src) } else { out.maximum(p, v, l, src) }
            }
        }
        _ => {}
    }
}

/// One JSON-encoded-string rule, through the same checker the client uses.
fn json_rules(out: &mut Violations, p: &str, s: &str, kind: &ConstraintKind, source: &str) {
    let ranges = match kind {
        ConstraintKind::JsonKeyCharset { class } => char_ranges(class),
        _ => Vec::new(),
    };
    let key_allowed = |c: char| in_ranges(&ranges, c);
    let class = match kind {
        ConstraintKind::JsonKeyCharset { class } => class.as_str(),
        _ => "",
    };
    let rules = JsonObjectRules {
        string_values: matches!(kind, ConstraintKind::JsonStringValues),
        max_keys: match kind {
            ConstraintKind::JsonMaxKeys { max } => Some(*max),
            _ => None,
        },
        key_max_chars: match kind {
            ConstraintKind::JsonKeyMaxLength { max } => Some(*max),
            _ => None,
        },
        key_charset: match kind {
            ConstraintKind::JsonKeyCharset { .. } => Some((&key_allowed, class)),
            _ => None,
        },
        sources: JsonRuleSources { string_values: source, max_keys: source, key_max_chars: source, key_charset: source },
    };
    out.json_object(p, s, &rules, source);
}
