//! Custom parameters (`{{name}}` in a command's content): their defaults
//! (`DefaultParameters` or `DefaultParameterConfs`), the values a call gives
//! (`Parameters`), and the documented code for each way they go wrong — given while the
//! command does not enable them, a name twice, a placeholder with no value.

use super::codes::{documented, first_documented};
use crate::api_error::ApiError;
use crate::behaviour::Call;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// The `{{name}}` placeholders of a script (names of letters, digits, `-` and `_`), in
/// order, each once.
pub fn placeholders(script: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    let mut rest = script;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            break;
        };
        let name = &after[..close];
        let valid = !name.is_empty()
            && name.len() <= 64
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if valid && !names.contains(&name) {
            names.push(name);
        }
        rest = if valid { &after[close + 2..] } else { after };
    }
    names
}

/// The keys of a JSON object text, in order, duplicates kept; `None` when it is not an
/// object (the documented limits answer that).
fn object_keys(text: &str) -> Option<Vec<String>> {
    struct Keys;
    impl<'de> Visitor<'de> for Keys {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
            let mut keys = Vec::new();
            while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                keys.push(key);
            }
            Ok(keys)
        }
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    reader.deserialize_map(Keys).ok()
}

/// The first name that appears twice.
fn twice<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    names.into_iter().find(|n| !seen.insert(*n))
}

/// `Parameters` (a call's values): a JSON object of strings, each key once.
fn checked_values(call: &Call<'_>) -> Result<(), ApiError> {
    let Some(text) = call.str_param("Parameters") else {
        return Ok(());
    };
    let Ok(Value::Object(values)) = serde_json::from_str::<Value>(text) else {
        let code = documented(
            call.action,
            "InvalidParameterValue.ParameterInvalidJsonFormat",
            "InvalidParameterValue",
        );
        let message = "Parameters must be a JSON object encoded as a string.";
        return Err(ApiError::new(code, message));
    };
    if let Some((key, _)) = values.iter().find(|(_, v)| !v.is_string()) {
        let code = documented(
            call.action,
            "InvalidParameterValue.ParameterValueNotString",
            "InvalidParameterValue",
        );
        let message = format!("The value of parameter `{key}` is not a string.");
        return Err(ApiError::new(code, message));
    }
    let keys = object_keys(text).unwrap_or_default();
    match twice(keys.iter().map(String::as_str)) {
        Some(key) => {
            let code = documented(
                call.action,
                "InvalidParameterValue.ParameterKeyDuplicated",
                "InvalidParameterValue",
            );
            Err(ApiError::new(
                code,
                format!("Parameters names `{key}` twice."),
            ))
        }
        None => Ok(()),
    }
}

/// A command's own defaults, as a call sets them (Create/Modify/RunCommand): only for a
/// command that enables custom parameters, each name once.
pub fn checked_defaults(call: &Call<'_>, enabled: bool) -> Result<(), ApiError> {
    let confs = call
        .param("DefaultParameterConfs")
        .and_then(Value::as_array);
    let given = call.param("DefaultParameters").is_some() || confs.is_some_and(|c| !c.is_empty());
    if given && !enabled {
        let code = first_documented(
            call.action,
            &[
                "InvalidParameterValue.ParameterDisabled",
                "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
            ],
            "InvalidParameterValue",
        );
        let message = "Default parameters are given but the command does not enable custom parameters (EnableParameter).";
        return Err(ApiError::new(code, message));
    }
    let names = confs
        .into_iter()
        .flatten()
        .filter_map(|c| c["ParameterName"].as_str());
    if let Some(name) = twice(names) {
        let code = first_documented(
            call.action,
            &[
                "InvalidParameter.ParameterNameDuplicated",
                "InvalidParameterValue.ParameterKeyDuplicated",
            ],
            "InvalidParameter",
        );
        return Err(ApiError::new(
            code,
            format!("DefaultParameterConfs names `{name}` twice."),
        ));
    }
    if let Some(text) = call.str_param("DefaultParameters") {
        let keys = object_keys(text).unwrap_or_default();
        if let Some(key) = twice(keys.iter().map(String::as_str)) {
            let code = documented(
                call.action,
                "InvalidParameterValue.ParameterKeyDuplicated",
                "InvalidParameterValue",
            );
            return Err(ApiError::new(
                code,
                format!("DefaultParameters names `{key}` twice."),
            ));
        }
    }
    Ok(())
}

/// A command's default values: `DefaultParameters`, then `DefaultParameterConfs`.
pub fn defaults_of(command: &Map<String, Value>) -> Map<String, Value> {
    let text = command.get("DefaultParameters").and_then(Value::as_str);
    let mut values: Map<String, Value> = text
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let confs = command
        .get("DefaultParameterConfs")
        .and_then(Value::as_array);
    for conf in confs.into_iter().flatten() {
        if let (Some(name), Some(value)) =
            (conf["ParameterName"].as_str(), conf.get("ParameterValue"))
        {
            values.insert(name.to_string(), value.clone());
        }
    }
    values
}

/// The values an invoker's run of `command` uses: its `Parameters` over the command's
/// defaults, when the command enables them (nothing is refused: no one is answered).
pub fn stored_values(command: &Map<String, Value>, given: Option<&str>) -> Map<String, Value> {
    if command.get("EnableParameter") != Some(&Value::Bool(true)) {
        return Map::new();
    }
    let mut values = defaults_of(command);
    let given: Option<Map<String, Value>> = given.and_then(|t| serde_json::from_str(t).ok());
    values.extend(given.unwrap_or_default());
    values
}

/// The values a run of `command` uses: the call's over the defaults. Refused when the call
/// gives values the command does not enable, or a placeholder of the script has no value.
pub fn values_for(
    call: &Call<'_>,
    command: &Map<String, Value>,
    script: &str,
) -> Result<Map<String, Value>, ApiError> {
    checked_values(call)?;
    let enabled = command.get("EnableParameter") == Some(&Value::Bool(true));
    let given_text = call.str_param("Parameters");
    if given_text.is_some() && !enabled {
        let code = first_documented(
            call.action,
            &[
                "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
                "InvalidParameterValue.ParameterDisabled",
            ],
            "InvalidParameterValue",
        );
        let message = "Parameters are given but the command does not enable custom parameters.";
        return Err(ApiError::new(code, message));
    }
    if !enabled {
        return Ok(Map::new());
    }
    let mut values = defaults_of(command);
    let given: Option<Map<String, Value>> = given_text.and_then(|t| serde_json::from_str(t).ok());
    let none_given = given.is_none();
    values.extend(given.unwrap_or_default());
    let missing: Vec<&str> = placeholders(script)
        .into_iter()
        .filter(|name| !values.contains_key(*name))
        .collect();
    if missing.is_empty() {
        return Ok(values);
    }
    let codes: &[&str] = if none_given && values.is_empty() {
        &[
            "InvalidParameterValue.LackOfParameters",
            "InvalidParameterValue.LackOfParameterInfo",
        ]
    } else {
        &["InvalidParameterValue.LackOfParameterInfo"]
    };
    let code = first_documented(call.action, codes, "InvalidParameterValue");
    let message = format!(
        "The command uses custom parameters with no value given or default: {}.",
        missing.join(", ")
    );
    Err(ApiError::new(code, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_named_once_in_order() {
        assert_eq!(
            placeholders("echo {{a}} {{b-c}} {{a}} {{ x }} {{"),
            ["a", "b-c"]
        );
    }

    #[test]
    fn duplicate_keys_are_seen() {
        let keys = object_keys(r#"{"a": "1", "b": "2", "a": "3"}"#).unwrap();
        assert_eq!(twice(keys.iter().map(String::as_str)), Some("a"));
        assert_eq!(object_keys("[1]"), None);
    }
}
