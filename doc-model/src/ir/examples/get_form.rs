//! GET-form examples: `https://svc.tencentcloudapi.com/?Action=X` then `&Name=value` lines,
//! mapped into the JSON request the POST form would send.
//!
//! Flattened names follow the API's own rule: `.N` indices make arrays (in index order,
//! whether the page counts from 0 or 1), `.Member` makes objects (`Filters.0.Values.1`,
//! `Instances.0.LoginSettings.Password`). Values are typed by the action's parameter
//! table (integers, floats, booleans, JSON values; everything else stays a string); a
//! name the table does not know keeps its text, for the conformance check to report.
//! The pairs come decoded from the page's reading of the example
//! (`page/example_request.rs`); a `+` stays a `+` (pages write `+08:00` in timestamps).

use crate::ir::model::{Field, StructType, TypeRef};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Request parameters of the GET form that are not part of the action's own request.
const COMMON_PARAMETERS: &[&str] = &[
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
    "RequestClient",
];

/// Flattened names nest at most this deep (documented requests nest a few levels); deeper
/// ones, from hostile input, are refused before they become deep trees.
const MAX_DEPTH: usize = 32;

/// The JSON request of flattened `Name=value` pairs (already decoded), typed by the
/// action's parameters, and what could not be mapped. The common parameters (`Action`,
/// `Nonce`, `Signature`, …) are left out.
pub fn request_from_pairs(
    pairs: impl IntoIterator<Item = (String, String)>,
    fields: &[Field],
    types: &BTreeMap<&str, &StructType>,
) -> (Value, Vec<String>) {
    let mut root = Node::Map(Vec::new());
    let mut problems = Vec::new();
    for (name, value) in pairs {
        if name.split('.').count() > MAX_DEPTH {
            problems.push(format!(
                "the GET parameter `{}…` nests deeper than {MAX_DEPTH} levels; it is left out",
                name.chars().take(64).collect::<String>()
            ));
            continue;
        }
        let top = name.split('.').next().unwrap_or_default();
        if COMMON_PARAMETERS.contains(&top) && !fields.iter().any(|f| f.name == top) {
            continue;
        }
        if !root.insert(&name.split('.').collect::<Vec<_>>(), value) {
            problems.push(format!("the GET parameter `{name}` is given twice or clashes with another; the first is kept"));
        }
    }
    (root.into_json(Some(fields), types), problems)
}

/// The flattened names, as a tree.
enum Node {
    Leaf(String),
    Map(Vec<(String, Node)>),
    List(BTreeMap<u64, Node>),
}

impl Node {
    /// Inserts a value at a dotted path; false when the path clashes with what is there.
    fn insert(&mut self, path: &[&str], value: String) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return false;
        };
        let child_for = |rest: &[&str]| match rest.first() {
            None => Node::Leaf(String::new()),
            Some(next) if next.parse::<u64>().is_ok() => Node::List(BTreeMap::new()),
            Some(_) => Node::Map(Vec::new()),
        };
        let child = match (self, first.parse::<u64>()) {
            (Node::List(items), Ok(index)) => items.entry(index).or_insert_with(|| child_for(rest)),
            (Node::Map(members), _) => {
                let at = match members.iter().position(|(k, _)| k == first) {
                    Some(at) => at,
                    None => {
                        members.push((first.to_string(), child_for(rest)));
                        members.len() - 1
                    }
                };
                &mut members[at].1
            }
            _ => return false,
        };
        match (child, rest.is_empty()) {
            (Node::Leaf(existing), true) if existing.is_empty() => {
                *existing = value;
                true
            }
            (Node::Leaf(_), _) => false,
            (node, false) => node.insert(rest, value),
            (_, true) => false,
        }
    }

    fn into_json(self, scope: Option<&[Field]>, types: &BTreeMap<&str, &StructType>) -> Value {
        match self {
            Node::Map(members) => {
                let mut map = Map::new();
                for (key, node) in members {
                    let ty = scope
                        .and_then(|fields| fields.iter().find(|f| f.name == key))
                        .map(|f| &f.ty);
                    map.insert(key, node.typed(ty, types));
                }
                Value::Object(map)
            }
            other => other.typed(None, types),
        }
    }

    fn typed(self, ty: Option<&TypeRef>, types: &BTreeMap<&str, &StructType>) -> Value {
        match (self, ty) {
            (Node::Leaf(s), Some(TypeRef::Array { items })) => {
                Value::Array(vec![Node::Leaf(s).typed(Some(items), types)])
            }
            (Node::Leaf(s), Some(scalar)) => scalar_value(s, scalar),
            (Node::Leaf(s), None) => Value::String(s),
            (Node::List(items), Some(TypeRef::Array { items: item_ty })) => Value::Array(
                items
                    .into_values()
                    .map(|n| n.typed(Some(item_ty), types))
                    .collect(),
            ),
            (Node::List(items), _) => {
                Value::Array(items.into_values().map(|n| n.typed(None, types)).collect())
            }
            (node @ Node::Map(_), Some(TypeRef::Array { items })) => {
                Value::Array(vec![node.typed(Some(items), types)])
            }
            (node @ Node::Map(_), Some(TypeRef::Struct { name })) => {
                let scope = types.get(name.as_str()).map(|t| t.fields.as_slice());
                node.into_json(scope, types)
            }
            (node @ Node::Map(_), _) => node.into_json(None, types),
        }
    }
}

/// A query value typed like the field; text that does not fit the type stays text.
fn scalar_value(s: String, ty: &TypeRef) -> Value {
    match ty {
        TypeRef::Integer => s
            .parse::<i64>()
            .map(Value::from)
            .or_else(|_| s.parse::<u64>().map(Value::from))
            .unwrap_or(Value::String(s)),
        TypeRef::Float => match s.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
            Some(n) => Value::Number(n),
            None => Value::String(s),
        },
        TypeRef::Boolean => match s.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(s),
        },
        TypeRef::Json => serde_json::from_str(&s).unwrap_or(Value::String(s)),
        _ => Value::String(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::page::example_request::{ExampleRequest, RequestForm};
    use serde_json::json;

    /// A GET-form example's text, read as the page reader reads it, then mapped.
    fn request_json(
        text: &str,
        fields: &[Field],
        types: &BTreeMap<&str, &StructType>,
    ) -> (Value, Vec<String>) {
        let request = ExampleRequest::read(text).expect("an example");
        let RequestForm::Get { pairs, .. } = request.form else {
            panic!("a GET-form example: {request:?}")
        };
        request_from_pairs(pairs, fields, types)
    }

    fn field(name: &str, ty: TypeRef) -> Field {
        Field {
            name: name.into(),
            ty,
            required: Some(false),
            nullable: false,
            description: String::new(),
            constraints: vec![],
            covered: Vec::new(),
            request_id: false,
            location: Location::new("p.txt", 1),
        }
    }

    fn arr(t: TypeRef) -> TypeRef {
        TypeRef::Array { items: Box::new(t) }
    }

    fn st(n: &str) -> TypeRef {
        TypeRef::Struct { name: n.into() }
    }

    #[test]
    fn flattened_parameters_become_the_json_request() {
        let filter = StructType {
            name: "Filter".into(),
            description: String::new(),
            used_by: vec![],
            fields: vec![
                field("Name", TypeRef::String),
                field("Values", arr(TypeRef::String)),
            ],
            location: Location::new("t.txt", 1),
        };
        let login = StructType {
            name: "Login".into(),
            fields: vec![
                field("Password", TypeRef::String),
                field("KeepImage", TypeRef::Boolean),
            ],
            ..filter.clone()
        };
        let instance = StructType {
            name: "Instance".into(),
            fields: vec![
                field("InstanceId", TypeRef::String),
                field("LoginSettings", st("Login")),
            ],
            ..filter.clone()
        };
        let types: BTreeMap<&str, &StructType> = [
            ("Filter", &filter),
            ("Login", &login),
            ("Instance", &instance),
        ]
        .into_iter()
        .collect();
        let fields = vec![
            field("InstanceIds", arr(TypeRef::String)),
            field("Filters", arr(st("Filter"))),
            field("Limit", TypeRef::Integer),
            field("Ratio", TypeRef::Float),
            field("DryRun", TypeRef::Boolean),
            field("Instances", arr(st("Instance"))),
        ];
        let text = "https://cvm.tencentcloudapi.com/?Action=DescribeX&Version=2017-03-12\n&InstanceIds.1=ins-1\n&InstanceIds.2=ins-2\n&Filters.0.Name=zone\n&Filters.0.Values.0=ap-guangzhou-1\n&Filters.0.Values.1=ap%2Dguangzhou-2\n&Limit=20\n&Ratio=0.5\n&DryRun=TRUE\n&Instances.0.InstanceId=ins-3\n&Instances.0.LoginSettings.Password=p+w\n&Instances.0.LoginSettings.KeepImage=false\n&Region=ap-guangzhou\n&Unknown=7\n&\n&<Common request parameters>";
        let (json, problems) = request_json(text, &fields, &types);
        assert_eq!(
            json,
            json!({
                "InstanceIds": ["ins-1", "ins-2"],
                "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-1", "ap-guangzhou-2"]}],
                "Limit": 20,
                "Ratio": 0.5,
                "DryRun": true,
                "Instances": [{"InstanceId": "ins-3", "LoginSettings": {"Password": "p+w", "KeepImage": false}}],
                "Unknown": "7"
            })
        );
        assert!(problems.is_empty(), "{problems:?}");
    }

    #[test]
    fn clashes_and_mistyped_values_are_kept_for_the_conformance_check() {
        let fields = vec![
            field("Limit", TypeRef::Integer),
            field("Ids", arr(TypeRef::String)),
        ];
        let (json, problems) = request_json(
            "https://a/?Action=X\n&Limit=ten\n&Limit=2\n&Ids=one\n&Ids.0.x=2",
            &fields,
            &BTreeMap::new(),
        );
        assert_eq!(json, json!({"Limit": "ten", "Ids": ["one"]}));
        assert_eq!(problems.len(), 2, "{problems:?}");
    }
}
