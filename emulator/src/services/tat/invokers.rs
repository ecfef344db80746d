//! CreateInvoker, DescribeInvokers, ModifyInvoker, EnableInvoker, DisableInvoker,
//! DeleteInvoker, DescribeInvokerRecords, and firing due invokers.

use super::answers::{
    describe_table, existing, fields, instance_kind, InstanceKind, INVOKER_FILTERS,
};
use super::invocations::{start, Launch};
use super::state::{State, TaskTiming};
use crate::behaviour::{Answer, Call};
use crate::store::table::{iso, parse_iso};
use serde_json::{json, Value};
use std::time::SystemTime;

const MODIFIABLE: [&str; 6] = [
    "Name",
    "Type",
    "CommandId",
    "Username",
    "Parameters",
    "ScheduleSettings",
];

pub fn create(s: &mut State, call: &Call<'_>) -> Answer {
    let command_id = call.str_param("CommandId").unwrap_or_default().to_string();
    existing(&mut s.commands, call, &command_id, "cmd", "Command")?;
    let instance_ids = call.strings("InstanceIds");
    instance_kind(call, &instance_ids)?;
    let id = s.ids.next("ivk");
    let now = iso(SystemTime::now());
    let param = |name: &str| call.param(name).cloned().unwrap_or(Value::Null);
    s.invokers.insert(json!({
        "InvokerId": id, "Name": param("Name"), "Type": param("Type"), "CommandId": command_id,
        "Username": call.param("Username").cloned().unwrap_or(json!("root")), "Parameters": call.param("Parameters").cloned().unwrap_or(json!("{}")),
        "InstanceIds": instance_ids, "Enable": true, "ScheduleSettings": param("ScheduleSettings"),
        "CreatedTime": now, "UpdatedTime": now,
    }));
    fields(json!({ "InvokerId": id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.invokers,
        call,
        "InvokerIds",
        "InvokerId",
        "InvokerSet",
        INVOKER_FILTERS,
    )
}

pub fn modify(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    if let Some(command_id) = call.str_param("CommandId") {
        existing(&mut s.commands, call, command_id, "cmd", "Command")?;
    }
    let instance_ids = call
        .param("InstanceIds")
        .map(|_| call.strings("InstanceIds"));
    if let Some(ids) = &instance_ids {
        instance_kind(call, ids)?;
    }
    let invoker = existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    for member in MODIFIABLE {
        if let Some(v) = call.param(member) {
            invoker[member] = v.clone();
        }
    }
    if let Some(ids) = instance_ids {
        invoker["InstanceIds"] = json!(ids);
    }
    invoker["UpdatedTime"] = json!(iso(SystemTime::now()));
    fields(json!({}))
}

pub fn set_enabled(s: &mut State, call: &Call<'_>, enabled: bool) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    let invoker = existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    invoker["Enable"] = json!(enabled);
    invoker["UpdatedTime"] = json!(iso(SystemTime::now()));
    fields(json!({}))
}

pub fn delete(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    s.invokers.remove(&id);
    s.invoker_fired.remove(&id);
    fields(json!({}))
}

pub fn describe_records(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.invoker_records,
        call,
        "InvokerIds",
        "InvokerId",
        "InvokerRecordSet",
        &[],
    )
}

/// When an enabled invoker should next fire: ONCE at its InvokeTime (if not yet fired),
/// RECURRENCE one period after it last fired (or was created).
fn due(
    invoker: &Value,
    last_fired: Option<SystemTime>,
    timing: &TaskTiming,
    now: SystemTime,
) -> bool {
    if invoker["Enable"] != json!(true) {
        return false;
    }
    let settings = &invoker["ScheduleSettings"];
    match settings["Policy"].as_str() {
        Some("ONCE") => {
            last_fired.is_none()
                && settings["InvokeTime"]
                    .as_str()
                    .and_then(parse_iso)
                    .is_some_and(|t| t <= now)
        }
        Some("RECURRENCE") => {
            let since = last_fired.or_else(|| invoker["CreatedTime"].as_str().and_then(parse_iso));
            since.is_some_and(|t| t + timing.recurrence <= now)
        }
        _ => false,
    }
}

/// Fires every due invoker: an invocation from its command, and a record.
pub fn fire_due(s: &mut State, timing: &TaskTiming, now: SystemTime) {
    let due_ids: Vec<String> = s
        .invokers
        .newest_first()
        .filter(|i| {
            due(
                i,
                i["InvokerId"]
                    .as_str()
                    .and_then(|id| s.invoker_fired.get(id).copied()),
                timing,
                now,
            )
        })
        .filter_map(|i| i["InvokerId"].as_str().map(str::to_string))
        .collect();
    for id in due_ids {
        let Some(invoker) = s.invokers.get(&id).cloned() else {
            continue;
        };
        s.invoker_fired.insert(id.clone(), now);
        let instance_ids: Vec<String> = invoker["InstanceIds"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let command = invoker["CommandId"]
            .as_str()
            .and_then(|c| s.commands.get(c))
            .and_then(Value::as_object)
            .cloned();
        let (invocation_id, result, reason) = match command {
            Some(mut command) => {
                if let Some(user) = invoker["Username"].as_str() {
                    command.insert("Username".into(), json!(user));
                }
                // Create/ModifyInvoker checked the ids are all of one kind.
                let kind = instance_ids.first().and_then(|i| InstanceKind::of(i));
                let kind = kind.unwrap_or(InstanceKind::Cvm);
                let launch = Launch {
                    command,
                    instance_ids: &instance_ids,
                    parameters: invoker["Parameters"].as_str().map(str::to_string),
                    source: "INVOKER",
                };
                (start(s, launch, kind, now), "SUCCESS", String::new())
            }
            None => (
                s.ids.next("inv"),
                "FAILED",
                "The invoker's command no longer exists.".to_string(),
            ),
        };
        s.invoker_records.insert(json!({ "InvokerId": id, "InvokeTime": iso(now), "Reason": reason, "InvocationId": invocation_id, "Result": result }));
    }
}
