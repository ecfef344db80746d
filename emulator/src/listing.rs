//! `Describe*` over stored records: ids, `Filters` (name → record field, by the API's
//! naming: `command-name` → `CommandName`, `invoker-type` → `Type`, `tag:<key>`), and
//! `Offset`/`Limit` with the page's defaults.

use crate::behaviour::Call;
use heck::ToUpperCamelCase;
use serde_json::Value;

/// One page of matching records and the total that matched.
pub struct Listing {
    pub total: usize,
    pub page: Vec<Value>,
}

/// Lists `records` (already in answer order) for a call with `ids_param` (`CommandIds`)
/// naming ids of `id_field` (`CommandId`).
pub fn list<'a>(records: impl Iterator<Item = &'a Value>, call: &Call<'_>, ids_param: &str, id_field: &str) -> Listing {
    let ids = call.strings(ids_param);
    let filters: Vec<(String, Vec<String>)> = call
        .param("Filters")
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    let name = f.get("Name").and_then(Value::as_str).unwrap_or_default().to_string();
                    let values = f
                        .get("Values")
                        .and_then(Value::as_array)
                        .map(|v| v.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
                        .unwrap_or_default();
                    (name, values)
                })
                .collect()
        })
        .unwrap_or_default();
    let matching: Vec<&Value> = records
        .filter(|r| ids.is_empty() || r.get(id_field).and_then(Value::as_str).is_some_and(|id| ids.iter().any(|i| i == id)))
        .filter(|r| filters.iter().all(|(name, values)| filter_matches(r, name, values)))
        .collect();
    let offset = call.param_or_default("Offset").and_then(|v| v.as_u64()).unwrap_or(0) as usize;
    let limit = call.param_or_default("Limit").and_then(|v| v.as_u64()).unwrap_or(20) as usize;
    Listing { total: matching.len(), page: matching.into_iter().skip(offset).take(limit).cloned().collect() }
}

fn value_in(value: &Value, wanted: &[String]) -> bool {
    match value {
        Value::String(s) => wanted.iter().any(|w| w == s),
        Value::Array(items) => items.iter().any(|i| value_in(i, wanted)),
        Value::Null => false,
        other => {
            let text = other.to_string();
            wanted.contains(&text)
        }
    }
}

/// Whether `record` passes the filter `name` with any of `values`.
pub fn filter_matches(record: &Value, name: &str, values: &[String]) -> bool {
    let tags = || record.get("Tags").and_then(Value::as_array).into_iter().flatten();
    if let Some(key) = name.strip_prefix("tag:") {
        return tags().any(|t| t.get("Key").and_then(Value::as_str) == Some(key) && t.get("Value").is_some_and(|v| value_in(v, values)));
    }
    match name {
        "tag-key" => return tags().any(|t| t.get("Key").is_some_and(|k| value_in(k, values))),
        "tag-value" => return tags().any(|t| t.get("Value").is_some_and(|v| value_in(v, values))),
        _ => {}
    }
    let field = name.to_upper_camel_case();
    if let Some(v) = record.get(&field) {
        return value_in(v, values);
    }
    // `invoker-type` on an invoker is its `Type`: drop the resource word; `scene-id`
    // on a command is an element of its `Scenes` (or `SceneIds`).
    let shorter = name.split_once('-').map(|(_, rest)| rest.to_upper_camel_case());
    let listed = name.strip_suffix("-id").map(|word| word.to_upper_camel_case()).into_iter().flat_map(|w| [format!("{w}Ids"), format!("{w}s")]);
    shorter.into_iter().chain(listed).find_map(|f| record.get(&f)).is_some_and(|v| value_in(v, values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn filter_names_find_their_fields() {
        let cmd = json!({"CommandId": "cmd-1", "CommandName": "a", "Type": "SCHEDULE", "Tags": [{"Key": "env", "Value": "prod"}], "Enable": true, "Scenes": ["sc-1"]});
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(filter_matches(&cmd, "command-name", &v(&["b", "a"])));
        assert!(!filter_matches(&cmd, "command-name", &v(&["b"])));
        assert!(filter_matches(&cmd, "invoker-type", &v(&["SCHEDULE"])));
        assert!(filter_matches(&cmd, "tag-key", &v(&["env"])));
        assert!(filter_matches(&cmd, "tag:env", &v(&["prod"])));
        assert!(!filter_matches(&cmd, "tag:env", &v(&["dev"])));
        assert!(filter_matches(&cmd, "enable", &v(&["true"])));
        assert!(filter_matches(&cmd, "scene-id", &v(&["sc-1"])));
        assert!(!filter_matches(&cmd, "scene-id", &v(&["sc-2"])));
        assert!(!filter_matches(&cmd, "owner-name", &v(&["a"])), "no such field: nothing matches");
    }
}
