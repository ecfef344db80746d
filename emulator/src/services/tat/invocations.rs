//! RunCommand, InvokeCommand, DescribeInvocations, DescribeInvocationTasks,
//! CancelInvocation, and the clock that moves tasks along.

use super::TASK_FILTERS;
use super::{
    commands, describe_table, documented, existing, fields, instance_kind, shell, State, TaskRun,
    TaskTiming, INVOCATION_FILTERS,
};
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::list;
use crate::store::table::iso;
use serde_json::{json, Map, Value};
use std::time::{Instant, SystemTime};

/// What an invocation runs: the command's members, with the call's overrides applied.
pub struct Launch<'a> {
    pub command: Map<String, Value>,
    pub instance_ids: &'a [String],
    pub parameters: Option<String>,
    pub source: &'static str,
}

const OVERRIDABLE: [&str; 5] = [
    "Username",
    "WorkingDirectory",
    "Timeout",
    "OutputCOSBucketUrl",
    "OutputCOSKeyPrefix",
];

/// Creates the invocation and one PENDING task per instance; returns the invocation id.
pub fn start(s: &mut State, launch: Launch<'_>, kind: &str, now: SystemTime) -> String {
    let invocation_id = s.ids.next("inv");
    let created = iso(now);
    let cmd = |k: &str| launch.command.get(k).cloned().unwrap_or(Value::Null);
    let mut values: Map<String, Value> =
        serde_json::from_str(cmd("DefaultParameters").as_str().unwrap_or("{}")).unwrap_or_default();
    if let Some(given) = launch
        .parameters
        .as_deref()
        .and_then(|p| serde_json::from_str::<Map<String, Value>>(p).ok())
    {
        values.extend(given);
    }
    let script =
        shell::decode_base64(cmd("Content").as_str().unwrap_or_default()).unwrap_or_default();
    let script = if cmd("EnableParameter") == json!(true) {
        shell::substitute(&script, &values)
    } else {
        script
    };
    let mut task_ids = Vec::new();
    let mut basic = Vec::new();
    for instance in launch.instance_ids {
        let task_id = s.ids.next("invt");
        let document = json!({
            "Content": cmd("Content"), "CommandType": cmd("CommandType"), "Timeout": cmd("Timeout"),
            "WorkingDirectory": cmd("WorkingDirectory"), "Username": cmd("Username"),
            "OutputCOSBucketUrl": cmd("OutputCOSBucketUrl"), "OutputCOSKeyPrefix": cmd("OutputCOSKeyPrefix"),
        });
        s.tasks.insert(json!({
            "InvocationId": invocation_id, "InvocationTaskId": task_id, "CommandId": cmd("CommandId"),
            "TaskStatus": "PENDING", "InstanceId": instance,
            "TaskResult": { "ExitCode": 0, "Output": "", "ExecStartTime": null, "ExecEndTime": null, "Dropped": 0, "OutputUrl": "", "OutputUploadCOSErrorInfo": "" },
            "StartTime": null, "EndTime": null, "CreatedTime": created, "UpdatedTime": created,
            "CommandDocument": document, "ErrorInfo": "", "InvocationSource": launch.source, "CommandName": cmd("CommandName"),
        }));
        s.runs.insert(
            task_id.clone(),
            TaskRun {
                created: Instant::now(),
                created_at: now,
                outcome: shell::run(&script, instance),
                finished: false,
            },
        );
        basic.push(
            json!({ "InvocationTaskId": task_id, "TaskStatus": "PENDING", "InstanceId": instance }),
        );
        task_ids.push(task_id);
    }
    s.invocations.insert(json!({
        "InvocationId": invocation_id, "CommandId": cmd("CommandId"), "CommandName": cmd("CommandName"),
        "InvocationStatus": "PENDING", "InvocationTaskBasicInfoSet": basic, "Description": cmd("Description"),
        "StartTime": null, "EndTime": null, "CreatedTime": created, "UpdatedTime": created,
        "Parameters": launch.parameters.unwrap_or_else(|| "{}".into()), "DefaultParameters": cmd("DefaultParameters"),
        "InstanceKind": kind, "Username": cmd("Username"), "InvocationSource": launch.source,
        "CommandContent": cmd("Content"), "CommandType": cmd("CommandType"), "Timeout": cmd("Timeout"),
        "WorkingDirectory": cmd("WorkingDirectory"), "OutputCOSBucketUrl": cmd("OutputCOSBucketUrl"), "OutputCOSKeyPrefix": cmd("OutputCOSKeyPrefix"),
    }));
    s.invocation_tasks.insert(invocation_id.clone(), task_ids);
    s.active.push(invocation_id.clone());
    invocation_id
}

fn parameters_allowed(
    call: &Call<'_>,
    command: &Map<String, Value>,
) -> Result<Option<String>, ApiError> {
    let given = call.str_param("Parameters").map(str::to_string);
    if given.is_some() && command.get("EnableParameter") != Some(&json!(true)) {
        let code = documented(
            call.action,
            "InvalidParameterValue.SupportParametersOnlyIfEnableParameter",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            "Parameters are given but the command does not enable custom parameters.",
        ));
    }
    Ok(given)
}

pub fn run(s: &mut State, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let kind = instance_kind(call, &instance_ids)?;
    let name = call
        .str_param("CommandName")
        .map_or_else(|| format!("run-{}", s.ids.next("cmd")), str::to_string);
    let command = commands::record(s, call, &name)?;
    let parameters = parameters_allowed(call, &command)?;
    let command_id = command["CommandId"].clone();
    if call.param_or_default("SaveCommand") == Some(json!(true)) {
        s.commands.insert(Value::Object(command.clone()));
    }
    let invocation_id = start(
        s,
        Launch {
            command,
            instance_ids: &instance_ids,
            parameters,
            source: "USER",
        },
        kind,
        SystemTime::now(),
    );
    fields(json!({ "CommandId": command_id, "InvocationId": invocation_id }))
}

pub fn invoke(s: &mut State, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let command_id = call.str_param("CommandId").unwrap_or_default().to_string();
    let mut command = existing(&mut s.commands, call, &command_id, "cmd", "Command")?
        .as_object()
        .cloned()
        .unwrap_or_default();
    let kind = instance_kind(call, &instance_ids)?;
    let parameters = parameters_allowed(call, &command)?;
    for member in OVERRIDABLE {
        if let Some(v) = call.param(member) {
            command.insert(member.into(), v.clone());
        }
    }
    let invocation_id = start(
        s,
        Launch {
            command,
            instance_ids: &instance_ids,
            parameters,
            source: "USER",
        },
        kind,
        SystemTime::now(),
    );
    fields(json!({ "InvocationId": invocation_id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.invocations,
        call,
        "InvocationIds",
        "InvocationId",
        "InvocationSet",
        INVOCATION_FILTERS,
    )
}

pub fn describe_tasks(s: &mut State, call: &Call<'_>) -> Answer {
    let mut listing = list(
        s.tasks.newest_first(),
        call,
        "InvocationTaskIds",
        "InvocationTaskId",
        TASK_FILTERS,
    );
    if call.param_or_default("HideOutput") != Some(json!(false)) {
        for task in &mut listing.page {
            task["TaskResult"]["Output"] = json!("");
        }
    }
    fields(json!({ "TotalCount": listing.total, "InvocationTaskSet": listing.page }))
}

pub fn cancel(s: &mut State, call: &Call<'_>) -> Answer {
    let invocation_id = call
        .str_param("InvocationId")
        .unwrap_or_default()
        .to_string();
    existing(
        &mut s.invocations,
        call,
        &invocation_id,
        "inv",
        "Invocation",
    )?;
    let task_ids = s
        .invocation_tasks
        .get(&invocation_id)
        .cloned()
        .unwrap_or_default();
    let wanted = call.strings("InstanceIds");
    let instance_of = |s: &State, t: &str| {
        s.tasks
            .get(t)
            .and_then(|v| v.get("InstanceId"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    if let Some(stray) = wanted
        .iter()
        .find(|i| !task_ids.iter().any(|t| &instance_of(s, t) == *i))
    {
        let code = documented(
            call.action,
            "InvalidParameterValue.InstanceIsNotRelatedToInvocation",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("Instance `{stray}` is not part of invocation `{invocation_id}`."),
        ));
    }
    let now = iso(SystemTime::now());
    for task_id in &task_ids {
        if !wanted.is_empty() && !wanted.contains(&instance_of(s, task_id)) {
            continue;
        }
        let Some(run) = s.runs.get_mut(task_id) else {
            continue;
        };
        if run.finished {
            continue;
        }
        run.finished = true;
        if let Some(task) = s.tasks.get_mut(task_id) {
            // The Data Types page: CANCELLED before the command started, TERMINATED during.
            let started = task["TaskStatus"] == "RUNNING";
            task["TaskStatus"] = json!(if started { "TERMINATED" } else { "CANCELLED" });
            task["EndTime"] = json!(now);
            task["UpdatedTime"] = json!(now);
        }
    }
    summarise(s, &invocation_id);
    fields(json!({}))
}

/// Moves every unfinished task to where its age puts it, then re-summarises.
pub fn advance(s: &mut State, timing: &TaskTiming, (now, wall): (Instant, SystemTime)) {
    let active = std::mem::take(&mut s.active);
    let mut still = Vec::new();
    for invocation_id in active {
        let mut unfinished = false;
        for task_id in s.invocation_tasks.get(&invocation_id).into_iter().flatten() {
            let Some(run) = s.runs.get_mut(task_id) else {
                continue;
            };
            if run.finished {
                continue;
            }
            let age = now.saturating_duration_since(run.created);
            let started = run.created_at + timing.pending;
            let ended = started + timing.running;
            let Some(task) = s.tasks.get_mut(task_id) else {
                continue;
            };
            if age >= timing.pending {
                task["StartTime"] = json!(iso(started));
                task["TaskResult"]["ExecStartTime"] = json!(iso(started));
                task["TaskStatus"] = json!("RUNNING");
            }
            if age >= timing.pending + timing.running {
                run.finished = true;
                let ok = run.outcome.exit_code == 0;
                task["TaskStatus"] = json!(if ok { "SUCCESS" } else { "FAILED" });
                task["EndTime"] = json!(iso(ended));
                task["TaskResult"]["ExecEndTime"] = json!(iso(ended));
                task["TaskResult"]["ExitCode"] = json!(run.outcome.exit_code);
                task["TaskResult"]["Output"] = json!(shell::encode_base64(&run.outcome.output));
                task["TaskResult"]["Dropped"] = json!(run.outcome.dropped);
                if !ok {
                    task["ErrorInfo"] = json!(format!(
                        "The command exited with code {}.",
                        run.outcome.exit_code
                    ));
                }
            } else {
                unfinished = true;
            }
            task["UpdatedTime"] = json!(iso(wall));
        }
        summarise(s, &invocation_id);
        if unfinished {
            still.push(invocation_id);
        }
    }
    s.active = still;
}

/// The invocation's status and task list from its tasks.
fn summarise(s: &mut State, invocation_id: &str) {
    let tasks: Vec<&Value> = s
        .invocation_tasks
        .get(invocation_id)
        .into_iter()
        .flatten()
        .filter_map(|t| s.tasks.get(t))
        .collect();
    let statuses: Vec<&str> = tasks
        .iter()
        .map(|t| t["TaskStatus"].as_str().unwrap_or_default())
        .collect();
    let count = |wanted: &str| statuses.iter().filter(|s| **s == wanted).count();
    let n = statuses.len();
    let terminal = statuses
        .iter()
        .filter(|s| ["SUCCESS", "FAILED", "CANCELLED", "TERMINATED"].contains(*s))
        .count();
    // An invocation has no TERMINATED: its tasks' stops count as cancellations.
    let cancelled = count("CANCELLED") + count("TERMINATED");
    let status = if terminal < n {
        if count("PENDING") == n {
            "PENDING"
        } else {
            "RUNNING"
        }
    } else if count("SUCCESS") == n {
        "SUCCESS"
    } else if cancelled == n {
        "CANCELLED"
    } else if cancelled > 0 {
        "PARTIAL_CANCELLED"
    } else if count("FAILED") == n {
        "FAILED"
    } else {
        "PARTIAL_FAILED"
    };
    let basic: Vec<Value> =
        tasks.iter().map(|t| json!({ "InvocationTaskId": t["InvocationTaskId"], "TaskStatus": t["TaskStatus"], "InstanceId": t["InstanceId"] })).collect();
    let first_start = tasks
        .iter()
        .filter_map(|t| t["StartTime"].as_str())
        .min()
        .map(str::to_string);
    let last_end = if terminal == n {
        tasks
            .iter()
            .filter_map(|t| t["EndTime"].as_str())
            .max()
            .map(str::to_string)
    } else {
        None
    };
    if let Some(inv) = s.invocations.get_mut(invocation_id) {
        inv["InvocationStatus"] = json!(status);
        inv["InvocationTaskBasicInfoSet"] = json!(basic);
        inv["StartTime"] = json!(first_start);
        inv["EndTime"] = json!(last_end);
    }
}
