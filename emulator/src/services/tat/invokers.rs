//! CreateInvoker, DescribeInvokers, ModifyInvoker, EnableInvoker, DisableInvoker,
//! DeleteInvoker, DescribeInvokerRecords, and firing invokers at the times their schedules
//! give, on the emulator's clock: every firing once, in time order, however far the
//! clock moved.

use super::answers::{describe_table, existing, fields, INVOKER_FILTERS};
use super::codes::documented;
use super::ids::checked_ids;
use super::invocations::{start, Launch};
use super::machines::{instance_kind, problems, reachable, InstanceKind, Target};
use super::parameters::stored_values;
use super::schedule::{Schedule, ScheduleProblem};
use super::state::State;
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::table::{iso, parse_iso};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::SystemTime;

/// The most invoker firings one call or one move of the clock acts on; a move of the
/// clock that would fire more is refused, and the emulator catches up on the rest over
/// the next calls.
pub const MOST_FIRINGS: usize = 10_000;

const MODIFIABLE: [&str; 6] = [
    "Name",
    "Type",
    "CommandId",
    "Username",
    "Parameters",
    "ScheduleSettings",
];

/// The call's schedule, checked: a time that parses and is still to come, a crontab
/// expression that parses.
fn checked_schedule(call: &Call<'_>, settings: &Value, now: SystemTime) -> Result<(), ApiError> {
    let refuse = |code: &str, fallback: &str, message: String| {
        Err(ApiError::new(
            documented(call.action, code, fallback),
            message,
        ))
    };
    match Schedule::of(settings) {
        Ok(Schedule::Once(at)) if at <= now => refuse(
            "InvalidParameterValue.InvokeTimeExpired",
            "InvalidParameterValue",
            format!(
                "InvokeTime {} is not in the future (now {}).",
                iso(at),
                iso(now)
            ),
        ),
        Ok(_) => Ok(()),
        Err(ScheduleProblem::TimeFormat(why)) => refuse(
            "InvalidParameterValue.InvalidTimeFormat",
            "InvalidParameterValue",
            format!("ScheduleSettings.InvokeTime: {why}."),
        ),
        Err(ScheduleProblem::Cron(why)) => refuse(
            "InvalidParameterValue.InvalidCronExpression",
            "InvalidParameterValue",
            format!("ScheduleSettings.Recurrence: {why}."),
        ),
        Err(ScheduleProblem::Incomplete(why)) => refuse(
            "MissingParameter",
            "MissingParameter",
            format!("ScheduleSettings: {why}."),
        ),
    }
}

/// The command an invoker names must exist; its instances must be reachable as far as
/// the page documents it.
fn checked_target(
    s: &mut State,
    env: &Env<'_>,
    call: &Call<'_>,
    instance_ids: &[String],
) -> Result<(), ApiError> {
    if let Some(command_id) = call.str_param("CommandId") {
        existing(&mut s.commands, call, command_id, "cmd", "Command")?;
    }
    reachable(s, env, call, instance_ids, None).map(|_| ())
}

pub fn create(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let command_id = call.str_param("CommandId").unwrap_or_default().to_string();
    existing(&mut s.commands, call, &command_id, "cmd", "Command")?;
    let instance_ids = call.strings("InstanceIds");
    checked_target(s, env, call, &instance_ids)?;
    let schedule = call
        .param("ScheduleSettings")
        .cloned()
        .unwrap_or(Value::Null);
    checked_schedule(call, &schedule, s.now)?;
    let id = s.ids.next("ivk");
    let now = iso(s.now);
    let param = |name: &str| call.param(name).cloned().unwrap_or(Value::Null);
    let username = call.param("Username").cloned().unwrap_or(json!("root"));
    let parameters = call.param("Parameters").cloned().unwrap_or(json!("{}"));
    s.invokers.insert(json!({
        "InvokerId": id, "Name": param("Name"), "Type": param("Type"), "CommandId": command_id,
        "Username": username, "Parameters": parameters, "InstanceIds": instance_ids,
        "Enable": true, "ScheduleSettings": schedule, "CreatedTime": now, "UpdatedTime": now,
    }));
    s.invoker_checked.insert(id.clone(), s.now);
    fields(json!({ "InvokerId": id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    checked_ids(call, "InvokerIds", "ivk", "Invoker")?;
    describe_table(
        &s.invokers,
        call,
        "InvokerIds",
        "InvokerId",
        "InvokerSet",
        INVOKER_FILTERS,
    )
}

pub fn modify(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    let instance_ids = call
        .param("InstanceIds")
        .map(|_| call.strings("InstanceIds"));
    if let Some(ids) = &instance_ids {
        instance_kind(call, ids)?;
    }
    checked_target(s, env, call, instance_ids.as_deref().unwrap_or_default())?;
    if let Some(schedule) = call.param("ScheduleSettings") {
        checked_schedule(call, schedule, s.now)?;
        // A new schedule applies from now on.
        s.invoker_checked.insert(id.clone(), s.now);
    }
    let now = s.now;
    let invoker = existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    for member in MODIFIABLE {
        if let Some(v) = call.param(member) {
            invoker[member] = v.clone();
        }
    }
    if let Some(ids) = instance_ids {
        invoker["InstanceIds"] = json!(ids);
    }
    invoker["UpdatedTime"] = json!(iso(now));
    fields(json!({}))
}

pub fn set_enabled(s: &mut State, call: &Call<'_>, enabled: bool) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    let now = s.now;
    let invoker = existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    let was = invoker["Enable"] == json!(true);
    invoker["Enable"] = json!(enabled);
    invoker["UpdatedTime"] = json!(iso(now));
    if enabled && !was {
        // Firings missed while disabled do not happen later.
        s.invoker_checked.insert(id, now);
    }
    fields(json!({}))
}

pub fn delete(s: &mut State, call: &Call<'_>) -> Answer {
    let id = call.str_param("InvokerId").unwrap_or_default().to_string();
    existing(&mut s.invokers, call, &id, "ivk", "Invoker")?;
    s.invokers.remove(&id);
    s.invoker_checked.remove(&id);
    fields(json!({}))
}

/// The records, each with its invocation's status as `Result` now.
pub fn describe_records(s: &mut State, call: &Call<'_>) -> Answer {
    checked_ids(call, "InvokerIds", "ivk", "Invoker")?;
    let mut answer = describe_table(
        &s.invoker_records,
        call,
        "InvokerIds",
        "InvokerId",
        "InvokerRecordSet",
        &[],
    )?;
    if let Some(Value::Array(records)) = answer.get_mut("InvokerRecordSet") {
        for record in records {
            let invocation = record["InvocationId"].as_str().unwrap_or_default();
            if let Some(status) = s
                .invocations
                .get(invocation)
                .map(|i| i["InvocationStatus"].clone())
            {
                record["Result"] = status;
            }
        }
    }
    Ok(answer)
}

/// The earliest firings due by `until`, at most `limit`, in time order (invokers made
/// earlier first at one instant), and whether more are due.
fn due(s: &State, until: SystemTime, limit: usize) -> (Vec<(SystemTime, String)>, bool) {
    let mut due = Vec::new();
    let oldest_first: Vec<&Value> = s.invokers.newest_first().collect();
    for invoker in oldest_first.into_iter().rev() {
        if invoker["Enable"] != json!(true) {
            continue;
        }
        let Ok(schedule) = Schedule::of(&invoker["ScheduleSettings"]) else {
            continue;
        };
        let id = invoker["InvokerId"].as_str().unwrap_or_default();
        let created = invoker["CreatedTime"].as_str().and_then(parse_iso);
        let Some(after) = s.invoker_checked.get(id).copied().or(created) else {
            continue;
        };
        for at in schedule.firings(after, until, limit + 1) {
            due.push((at, id.to_string()));
        }
        // Only the earliest can be fired: memory stays within twice the limit.
        if due.len() > 2 * limit + 1 {
            due.sort_by_key(|(at, _)| *at);
            due.truncate(limit + 1);
        }
    }
    due.sort_by_key(|(at, _)| *at);
    let more = due.len() > limit;
    due.truncate(limit);
    (due, more)
}

/// How many firings moving the clock to `until` would make, counted up to `limit + 1`.
pub fn firings_until(s: &State, until: SystemTime, limit: usize) -> usize {
    let (due, more) = due(s, until, limit);
    due.len() + usize::from(more)
}

/// Fires every invoker due by `until`, each firing once, in order: an invocation from its
/// command on its instances, and a record. At most [`MOST_FIRINGS`] at a time; the rest
/// at the next call.
pub fn fire_due(s: &mut State, env: &Env<'_>, until: SystemTime) {
    let (due, more) = due(s, until, MOST_FIRINGS);
    let mut reached: HashMap<String, SystemTime> = HashMap::new();
    for (at, id) in due {
        fire(s, env, &id, at);
        reached.insert(id, at);
    }
    if more {
        s.invoker_checked.extend(reached);
        return;
    }
    let ids: Vec<String> = s
        .invokers
        .newest_first()
        .filter_map(|i| i["InvokerId"].as_str().map(str::to_string))
        .collect();
    for id in ids {
        s.invoker_checked.insert(id, until);
    }
}

/// One firing of invoker `id` at `at`.
fn fire(s: &mut State, env: &Env<'_>, id: &str, at: SystemTime) {
    let Some(invoker) = s.invokers.get(id).cloned() else {
        return;
    };
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
            let target = Target {
                command_type: command.get("CommandType").and_then(Value::as_str),
            };
            let blocked = instance_ids
                .iter()
                .filter_map(|i| {
                    let first = problems(s, env, i, target).into_iter().next();
                    first.map(|p| (i.clone(), p))
                })
                .collect();
            // Create/ModifyInvoker checked the ids are all of one kind.
            let kind = instance_ids.first().and_then(|i| InstanceKind::of(i));
            let parameters = invoker["Parameters"].as_str().map(str::to_string);
            let values = stored_values(&command, parameters.as_deref());
            let launch = Launch {
                command,
                instance_ids: &instance_ids,
                parameters,
                values,
                source: "INVOKER",
                blocked,
            };
            let invocation = start(s, launch, kind.unwrap_or(InstanceKind::Cvm), at);
            (invocation, "PENDING", String::new())
        }
        None => (
            s.ids.next("inv"),
            "FAILED",
            "The invoker's command no longer exists.".to_string(),
        ),
    };
    s.invoker_records.insert(json!({
        "InvokerId": id, "InvokeTime": iso(at), "Reason": reason,
        "InvocationId": invocation_id, "Result": result,
    }));
}
