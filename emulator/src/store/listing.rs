//! `Describe*` over stored records: ids, `Filters` (each service declares which record
//! member each documented filter reads), and `Offset`/`Limit` with the page's defaults.

use crate::behaviour::Call;
use serde_json::Value;

/// What a documented filter compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// A record member: a value, or a list of values (`Scenes` for `scene-id`).
    Member(&'static str),
    /// `tag-key`: the key of any of the record's `Tags`.
    TagKey,
    /// `tag-value`: the value of any of the record's `Tags`.
    TagValue,
    /// `tag:<key>`: the value of the record's tag `<key>`.
    Tag,
}

/// A service's filters for one listing: filter name → what it reads (`tag` stands for every
/// `tag:<key>`). A filter not in the map matches no record.
pub type FilterMap = &'static [(&'static str, FilterField)];

/// One page of matching records and the total that matched.
pub struct Listing {
    pub total: usize,
    pub page: Vec<Value>,
}

/// Lists `records` (already in answer order) for a call with `ids_param` (`CommandIds`)
/// naming ids of `id_field` (`CommandId`), filtered by `filters`.
pub fn list<'a>(
    records: impl Iterator<Item = &'a Value>,
    call: &Call<'_>,
    ids_param: &str,
    id_field: &str,
    filters: FilterMap,
) -> Listing {
    let ids = call.strings(ids_param);
    let wanted: Vec<(String, Vec<String>)> = call
        .param("Filters")
        .and_then(Value::as_array)
        .map(|fs| {
            fs.iter()
                .map(|f| {
                    let name = f
                        .get("Name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string();
                    let values = f
                        .get("Values")
                        .and_then(Value::as_array)
                        .map(|v| {
                            v.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    (name, values)
                })
                .collect()
        })
        .unwrap_or_default();
    let matching: Vec<&Value> = records
        .filter(|r| {
            ids.is_empty()
                || r.get(id_field)
                    .and_then(Value::as_str)
                    .is_some_and(|id| ids.iter().any(|i| i == id))
        })
        .filter(|r| {
            wanted
                .iter()
                .all(|(name, values)| filter_matches(r, filters, name, values))
        })
        .collect();
    let offset = call
        .param_or_default("Offset")
        .and_then(|v| v.as_u64())
        .unwrap_or(0) as usize;
    let limit = call
        .param_or_default("Limit")
        .and_then(|v| v.as_u64())
        .unwrap_or(20) as usize;
    Listing {
        total: matching.len(),
        page: matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect(),
    }
}

fn value_in(value: &Value, wanted: &[String]) -> bool {
    match value {
        Value::String(s) => wanted.iter().any(|w| w == s),
        Value::Array(items) => items.iter().any(|i| value_in(i, wanted)),
        Value::Null => false,
        other => wanted.contains(&other.to_string()),
    }
}

/// Whether `record` passes the filter `name` with any of `values`.
pub fn filter_matches(record: &Value, filters: FilterMap, name: &str, values: &[String]) -> bool {
    let (key, tag) = match name.split_once(':') {
        Some(("tag", tag)) => ("tag", Some(tag)),
        _ => (name, None),
    };
    let Some((_, field)) = filters.iter().find(|(n, _)| *n == key) else {
        return false;
    };
    let mut tags = record
        .get("Tags")
        .and_then(Value::as_array)
        .into_iter()
        .flatten();
    match (field, tag) {
        (FilterField::Member(member), _) => {
            record.get(*member).is_some_and(|v| value_in(v, values))
        }
        (FilterField::TagKey, _) => tags.any(|t| t.get("Key").is_some_and(|k| value_in(k, values))),
        (FilterField::TagValue, _) => {
            tags.any(|t| t.get("Value").is_some_and(|v| value_in(v, values)))
        }
        (FilterField::Tag, Some(tag)) => tags.any(|t| {
            t.get("Key").and_then(Value::as_str) == Some(tag)
                && t.get("Value").is_some_and(|v| value_in(v, values))
        }),
        (FilterField::Tag, None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FILTERS: FilterMap = &[
        ("command-name", FilterField::Member("CommandName")),
        ("invoker-type", FilterField::Member("Type")),
        ("scene-id", FilterField::Member("Scenes")),
        ("enable", FilterField::Member("Enable")),
        ("tag-key", FilterField::TagKey),
        ("tag-value", FilterField::TagValue),
        ("tag", FilterField::Tag),
    ];

    #[test]
    fn declared_filters_read_their_members() {
        let cmd = json!({"CommandId": "cmd-1", "CommandName": "a", "Type": "SCHEDULE", "Tags": [{"Key": "env", "Value": "prod"}], "Enable": true, "Scenes": ["sc-1"]});
        let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(filter_matches(
            &cmd,
            FILTERS,
            "command-name",
            &v(&["b", "a"])
        ));
        assert!(!filter_matches(&cmd, FILTERS, "command-name", &v(&["b"])));
        assert!(filter_matches(
            &cmd,
            FILTERS,
            "invoker-type",
            &v(&["SCHEDULE"])
        ));
        assert!(filter_matches(&cmd, FILTERS, "tag-key", &v(&["env"])));
        assert!(filter_matches(&cmd, FILTERS, "tag-value", &v(&["prod"])));
        assert!(filter_matches(&cmd, FILTERS, "tag:env", &v(&["prod"])));
        assert!(!filter_matches(&cmd, FILTERS, "tag:env", &v(&["dev"])));
        assert!(filter_matches(&cmd, FILTERS, "enable", &v(&["true"])));
        assert!(filter_matches(&cmd, FILTERS, "scene-id", &v(&["sc-1"])));
        assert!(!filter_matches(&cmd, FILTERS, "scene-id", &v(&["sc-2"])));
        assert!(
            !filter_matches(&cmd, FILTERS, "owner-name", &v(&["a"])),
            "an undeclared filter matches nothing"
        );
    }
}
