//! CreateCommand, DescribeCommands, ModifyCommand, DeleteCommand, DeleteCommands and
//! PreviewReplacedCommandContent.

use super::answers::{describe_table, existing, fields, COMMAND_FILTERS};
use super::codes::documented;
use super::command_checks::{checked_content, checked_members};
use super::ids::checked_ids;
use super::parameters::{checked_defaults, values_for};
use super::quotas::checked_quota;
use super::shell;
use super::state::State;
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::table::iso;
use serde_json::{json, Map, Value};

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

fn name_taken(s: &State, name: &str, except: Option<&str>) -> bool {
    s.commands
        .find_unique(name)
        .is_some_and(|c| c.get("CommandId").and_then(Value::as_str) != except)
}

fn duplicate_name(call: &Call<'_>, name: &str) -> ApiError {
    let code = documented(
        call.action,
        "InvalidParameterValue.CommandNameDuplicated",
        "InvalidParameterValue",
    );
    ApiError::new(code, format!("A command named `{name}` already exists."))
}

/// A command record from the call's parameters (documented defaults where absent), its
/// members checked.
pub fn record(s: &mut State, call: &Call<'_>, name: &str) -> Result<Map<String, Value>, ApiError> {
    let content = checked_content(call)?.unwrap_or_default();
    checked_members(call)?;
    let enabled = call.param_or_default("EnableParameter") == Some(json!(true));
    checked_defaults(call, enabled)?;
    let now = iso(s.now);
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

/// A new command's name must not be taken.
pub fn checked_new_name(s: &State, call: &Call<'_>, name: &str) -> Result<(), ApiError> {
    if name_taken(s, name, None) {
        return Err(duplicate_name(call, name));
    }
    Ok(())
}

pub fn create(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let name = call
        .str_param("CommandName")
        .unwrap_or_default()
        .to_string();
    checked_new_name(s, call, &name)?;
    checked_quota(s, env, call, "COMMAND")?;
    let rec = record(s, call, &name)?;
    let id = rec["CommandId"].clone();
    s.commands.insert(Value::Object(rec));
    fields(json!({ "CommandId": id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    checked_ids(call, "CommandIds", "cmd", "Command")?;
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
    let command = existing(&mut s.commands, call, &id, "cmd", "Command")?;
    let enabled = command.get("EnableParameter") == Some(&json!(true));
    if let Some(name) = call.str_param("CommandName") {
        if name_taken(s, name, Some(&id)) {
            return Err(duplicate_name(call, name));
        }
    }
    let content = checked_content(call)?;
    checked_members(call)?;
    checked_defaults(call, enabled)?;
    let now = s.now;
    let command = existing(&mut s.commands, call, &id, "cmd", "Command")?;
    for (member, _) in SETTABLE
        .iter()
        .chain([("CommandName", (|| Value::Null) as Fallback)].iter())
    {
        // EnableParameter cannot be changed once the command exists (the pages).
        if *member != "EnableParameter" {
            if let Some(v) = call.param(member) {
                command[*member] = v.clone();
            }
        }
    }
    if let Some(content) = content {
        command["Content"] = json!(content);
    }
    command["UpdatedTime"] = json!(iso(now));
    fields(json!({}))
}

/// Why a command cannot be deleted now: an invoker uses it, or an invocation of it runs.
fn in_use(s: &State, call: &Call<'_>, id: &str) -> Result<(), ApiError> {
    let by_invoker = s
        .invokers
        .newest_first()
        .find(|i| i["CommandId"].as_str() == Some(id));
    if let Some(invoker) = by_invoker {
        let code = documented(
            call.action,
            "ResourceUnavailable.CommandInInvoker",
            "ResourceUnavailable",
        );
        let message = format!(
            "Command `{id}` is used by invoker {}.",
            invoker["InvokerId"]
        );
        return Err(ApiError::new(code, message));
    }
    let running = s.active.iter().find(|inv| {
        s.invocations
            .get(inv)
            .is_some_and(|i| i["CommandId"].as_str() == Some(id))
    });
    if let Some(invocation) = running {
        let code = documented(
            call.action,
            "ResourceUnavailable.CommandInExecuting",
            "ResourceUnavailable",
        );
        let message = format!("Command `{id}` is running in invocation `{invocation}`.");
        return Err(ApiError::new(code, message));
    }
    Ok(())
}

pub fn delete(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("CommandId").unwrap_or_default().to_string();
    existing(&mut s.commands, call, &id, "cmd", "Command")?;
    in_use(s, call, &id)?;
    s.commands.remove(&id);
    fields(json!({}))
}

/// DeleteCommands: every named command, or none of them.
pub fn delete_many(s: &mut State, call: &Call<'_>) -> Answer {
    let ids = call.strings("CommandIds");
    for id in &ids {
        existing(&mut s.commands, call, id, "cmd", "Command")?;
        in_use(s, call, id)?;
    }
    for id in &ids {
        s.commands.remove(id);
    }
    fields(json!({}))
}

/// PreviewReplacedCommandContent: the content given, or the command's, with its
/// `{{name}}` parameters replaced by the given values over the command's defaults.
pub fn preview(s: &mut State, call: &Call<'_>) -> Answer {
    let command = match (call.str_param("CommandId"), checked_content(call)?) {
        (Some(id), None) => existing(&mut s.commands, call, id, "cmd", "Command")?
            .as_object()
            .cloned()
            .unwrap_or_default(),
        (None, Some(content)) => {
            // Content alone previews as a command that enables parameters.
            let mut command = Map::new();
            command.insert("Content".into(), json!(content));
            command.insert("EnableParameter".into(), json!(true));
            command
        }
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
    let content = command
        .get("Content")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let script = shell::decode_base64(content).unwrap_or_default();
    let values = values_for(call, &command, &script)?;
    fields(json!({ "ReplacedContent": shell::encode_base64(&shell::substitute(&script, &values)) }))
}
