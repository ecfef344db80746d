//! CreateCommand, DescribeCommands, ModifyCommand, DeleteCommand.

use super::answers::{describe_table, documented, existing, fields, COMMAND_FILTERS};
use super::shell;
use super::state::State;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::table::iso;
use serde_json::{json, Map, Value};
use std::time::SystemTime;

/// Members of a command a request may set, with the value used when it does not.
type Fallback = fn() -> Value;

const SETTABLE: [(&str, Fallback); 11] = [
    ("Description", || json!("")),
    ("CommandType", || json!("SHELL")),
    ("WorkingDirectory", || json!("")),
    ("Timeout", || json!(60)),
    ("EnableParameter", || json!(false)),
    ("DefaultParameters", || json!("{}")),
    ("DefaultParameterConfs", || json!([])),
    ("Tags", || json!([])),
    ("Username", || json!("root")),
    ("OutputCOSBucketUrl", || json!("")),
    ("OutputCOSKeyPrefix", || json!("")),
];

/// Command content must be base64 of the script.
pub fn checked_content(call: &Call<'_>) -> Result<Option<String>, ApiError> {
    let Some(content) = call.str_param("Content") else {
        return Ok(None);
    };
    match shell::decode_base64(content) {
        Some(_) => Ok(Some(content.to_string())),
        None => {
            let code = documented(
                call.action,
                "InvalidParameterValue.CommandContentInvalid",
                "InvalidParameterValue",
            );
            Err(ApiError::new(
                code,
                "Content must be the command text encoded in base64.",
            ))
        }
    }
}

fn name_taken(s: &State, name: &str, except: Option<&str>) -> bool {
    s.commands.newest_first().any(|c| {
        c.get("CommandName").and_then(Value::as_str) == Some(name)
            && c.get("CommandId").and_then(Value::as_str) != except
    })
}

fn duplicate_name(call: &Call<'_>, name: &str) -> ApiError {
    let code = documented(
        call.action,
        "InvalidParameterValue.CommandNameDuplicated",
        "InvalidParameterValue",
    );
    ApiError::new(code, format!("A command named `{name}` already exists."))
}

/// A command record from the call's parameters (documented defaults where absent).
pub fn record(s: &mut State, call: &Call<'_>, name: &str) -> Result<Map<String, Value>, ApiError> {
    let content = checked_content(call)?.unwrap_or_default();
    let now = iso(SystemTime::now());
    let mut rec = Map::new();
    rec.insert("CommandId".into(), json!(s.ids.next("cmd")));
    rec.insert("CommandName".into(), json!(name));
    rec.insert("Content".into(), json!(content));
    for (member, default) in SETTABLE {
        let value = call.param_or_default(member).unwrap_or_else(default);
        rec.insert(member.into(), value);
    }
    for (k, v) in [
        ("CreatedTime", json!(now)),
        ("UpdatedTime", json!(now)),
        ("Scenes", json!([])),
        ("FormattedDescription", json!("")),
        ("CreatedBy", json!("USER")),
    ] {
        rec.insert(k.into(), v);
    }
    Ok(rec)
}

pub fn create(s: &mut State, call: &Call<'_>) -> Answer {
    let name = call
        .str_param("CommandName")
        .unwrap_or_default()
        .to_string();
    if name_taken(s, &name, None) {
        return Err(duplicate_name(call, &name));
    }
    let rec = record(s, call, &name)?;
    let id = rec["CommandId"].clone();
    s.commands.insert(Value::Object(rec));
    fields(json!({ "CommandId": id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.commands,
        call,
        "CommandIds",
        "CommandId",
        "CommandSet",
        COMMAND_FILTERS,
    )
}

pub fn modify(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("CommandId").unwrap_or_default().to_string();
    existing(&mut s.commands, call, &id, "cmd", "Command")?;
    if let Some(name) = call.str_param("CommandName") {
        if name_taken(s, name, Some(&id)) {
            return Err(duplicate_name(call, name));
        }
    }
    let content = checked_content(call)?;
    let command = existing(&mut s.commands, call, &id, "cmd", "Command")?;
    for (member, _) in SETTABLE
        .iter()
        .chain([("CommandName", (|| Value::Null) as Fallback)].iter())
    {
        if let Some(v) = call.param(member) {
            command[*member] = v.clone();
        }
    }
    if let Some(content) = content {
        command["Content"] = json!(content);
    }
    command["UpdatedTime"] = json!(iso(SystemTime::now()));
    fields(json!({}))
}

pub fn delete(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("CommandId").unwrap_or_default().to_string();
    existing(&mut s.commands, call, &id, "cmd", "Command")?;
    s.commands.remove(&id);
    fields(json!({}))
}

/// PreviewReplacedCommandContent: the content given, or the command's, with its
/// `{{name}}` parameters replaced by the given values over the command's defaults.
pub fn preview(s: &mut State, call: &Call<'_>) -> Answer {
    let given: Map<String, Value> = match call.str_param("Parameters") {
        None => Map::new(),
        Some(text) => match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => map,
            _ => {
                let code = documented(
                    call.action,
                    "InvalidParameterValue.ParameterInvalidJsonFormat",
                    "InvalidParameterValue",
                );
                return Err(ApiError::new(
                    code,
                    "Parameters must be a JSON object encoded as a string.",
                ));
            }
        },
    };
    if let Some((key, _)) = given.iter().find(|(_, v)| !v.is_string()) {
        let code = documented(
            call.action,
            "InvalidParameterValue.ParameterValueNotString",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("The value of parameter `{key}` is not a string."),
        ));
    }
    let (content, mut values) = match (call.str_param("CommandId"), checked_content(call)?) {
        (Some(id), None) => {
            let command = existing(&mut s.commands, call, id, "cmd", "Command")?;
            let defaults = command
                .get("DefaultParameters")
                .and_then(Value::as_str)
                .and_then(|d| serde_json::from_str(d).ok())
                .unwrap_or_default();
            (
                command
                    .get("Content")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                defaults,
            )
        }
        (None, Some(content)) => (content, Map::new()),
        _ => {
            let code = documented(
                call.action,
                "InvalidParameter.ConflictParameter",
                "InvalidParameter",
            );
            return Err(ApiError::new(
                code,
                "Give exactly one of CommandId and Content.",
            ));
        }
    };
    values.extend(given);
    let script = shell::decode_base64(&content).unwrap_or_default();
    fields(json!({ "ReplacedContent": shell::encode_base64(&shell::substitute(&script, &values)) }))
}
