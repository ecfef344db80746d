//! RunCommand, InvokeCommand, DescribeInvocations, DescribeInvocationTasks and
//! CancelInvocation: invocations and their tasks, from the API's side. A task on a CVM or
//! Lighthouse instance runs in the simulated shell; a task on a managed instance is handed
//! to the instance's agent, which runs it for real.

use super::agents::hub::Hub;
use super::answers::{
    describe_table, documented, existing, fields, instance_kind, InstanceKind, INVOCATION_FILTERS,
    TASK_FILTERS,
};
use super::commands;
use super::progress::summarise;
use super::shell;
use super::state::{AgentRun, Run, State, TaskRun};
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

/// Creates the invocation and one PENDING task per instance (a managed instance's agent
/// is told to fetch its task); returns the invocation id.
pub fn start(s: &mut State, launch: Launch<'_>, kind: InstanceKind, now: SystemTime) -> String {
    let invocation_id = s.ids.next("inv");
    let script = script_of(&launch);
    let mut task_ids = Vec::new();
    for instance in launch.instance_ids {
        let task_id = s.ids.next("invt");
        s.tasks.insert(task_record(
            &launch,
            &invocation_id,
            &task_id,
            instance,
            now,
        ));
        let run = match kind {
            InstanceKind::Managed => {
                s.kicks.push((instance.clone(), task_id.clone()));
                Run::Agent(AgentRun::new(script.clone()))
            }
            InstanceKind::Cvm | InstanceKind::Lighthouse => {
                Run::Simulated(shell::run(&script, instance))
            }
        };
        let run = TaskRun {
            created: Instant::now(),
            created_at: now,
            run,
            finished: false,
        };
        s.runs.insert(task_id.clone(), run);
        task_ids.push(task_id);
    }
    s.invocations
        .insert(invocation_record(&launch, &invocation_id, kind, now));
    s.invocation_tasks.insert(invocation_id.clone(), task_ids);
    s.active.push(invocation_id.clone());
    summarise(s, &invocation_id);
    invocation_id
}

/// The command's script, its custom parameters substituted when it enables them (the
/// call's values over the command's defaults).
fn script_of(launch: &Launch<'_>) -> String {
    let member = |k: &str| {
        launch
            .command
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
    };
    let script = shell::decode_base64(member("Content")).unwrap_or_default();
    if launch.command.get("EnableParameter") != Some(&json!(true)) {
        return script;
    }
    let defaults = member("DefaultParameters");
    let mut values: Map<String, Value> = serde_json::from_str(defaults).unwrap_or_default();
    let given = launch.parameters.as_deref();
    let given = given.and_then(|p| serde_json::from_str::<Map<String, Value>>(p).ok());
    values.extend(given.unwrap_or_default());
    shell::substitute(&script, &values)
}

fn task_record(
    launch: &Launch<'_>,
    invocation_id: &str,
    task_id: &str,
    instance: &str,
    now: SystemTime,
) -> Value {
    let cmd = |k: &str| launch.command.get(k).cloned().unwrap_or(Value::Null);
    let created = iso(now);
    let document = json!({
        "Content": cmd("Content"), "CommandType": cmd("CommandType"),
        "Timeout": cmd("Timeout"), "WorkingDirectory": cmd("WorkingDirectory"),
        "Username": cmd("Username"), "OutputCOSBucketUrl": cmd("OutputCOSBucketUrl"),
        "OutputCOSKeyPrefix": cmd("OutputCOSKeyPrefix"),
    });
    json!({
        "InvocationId": invocation_id, "InvocationTaskId": task_id,
        "CommandId": cmd("CommandId"), "TaskStatus": "PENDING", "InstanceId": instance,
        "TaskResult": {
            "ExitCode": 0, "Output": "", "ExecStartTime": null, "ExecEndTime": null,
            "Dropped": 0, "OutputUrl": "", "OutputUploadCOSErrorInfo": "",
        },
        "StartTime": null, "EndTime": null, "CreatedTime": created, "UpdatedTime": created,
        "CommandDocument": document, "ErrorInfo": "", "InvocationSource": launch.source,
        "CommandName": cmd("CommandName"),
    })
}

fn invocation_record(
    launch: &Launch<'_>,
    invocation_id: &str,
    kind: InstanceKind,
    now: SystemTime,
) -> Value {
    let cmd = |k: &str| launch.command.get(k).cloned().unwrap_or(Value::Null);
    let created = iso(now);
    json!({
        "InvocationId": invocation_id, "CommandId": cmd("CommandId"),
        "CommandName": cmd("CommandName"), "InvocationStatus": "PENDING",
        "InvocationTaskBasicInfoSet": [], "Description": cmd("Description"),
        "StartTime": null, "EndTime": null, "CreatedTime": created, "UpdatedTime": created,
        "Parameters": launch.parameters.clone().unwrap_or_else(|| "{}".into()),
        "DefaultParameters": cmd("DefaultParameters"), "InstanceKind": kind.documented(),
        "Username": cmd("Username"), "InvocationSource": launch.source,
        "CommandContent": cmd("Content"), "CommandType": cmd("CommandType"),
        "Timeout": cmd("Timeout"), "WorkingDirectory": cmd("WorkingDirectory"),
        "OutputCOSBucketUrl": cmd("OutputCOSBucketUrl"),
        "OutputCOSKeyPrefix": cmd("OutputCOSKeyPrefix"),
    })
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
        let message = "Parameters are given but the command does not enable custom parameters.";
        return Err(ApiError::new(code, message));
    }
    Ok(given)
}

/// The instances a call names, of one kind; managed ones must be registered and their
/// agents online (a command cannot reach an agent that is not connected).
pub fn reachable(
    s: &State,
    hub: &Hub,
    call: &Call<'_>,
    instance_ids: &[String],
) -> Result<InstanceKind, ApiError> {
    let kind = instance_kind(call, instance_ids)?;
    if kind != InstanceKind::Managed {
        return Ok(kind);
    }
    for id in instance_ids {
        if s.register_instances.get(id).is_none() {
            let code = documented(
                call.action,
                "ResourceNotFound.InstanceNotFound",
                "ResourceNotFound",
            );
            return Err(ApiError::not_found(&code, "managed instance", id));
        }
        if !hub.is_online(id) {
            let code = documented(
                call.action,
                "ResourceUnavailable.AgentStatusNotOnline",
                "ResourceUnavailable",
            );
            let message = format!("The agent of managed instance `{id}` is not online.");
            return Err(ApiError::new(code, message));
        }
    }
    Ok(kind)
}

pub fn run(s: &mut State, hub: &Hub, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let kind = reachable(s, hub, call, &instance_ids)?;
    let name = call
        .str_param("CommandName")
        .map_or_else(|| format!("run-{}", s.ids.next("cmd")), str::to_string);
    let command = commands::record(s, call, &name)?;
    let parameters = parameters_allowed(call, &command)?;
    let command_id = command["CommandId"].clone();
    if call.param_or_default("SaveCommand") == Some(json!(true)) {
        s.commands.insert(Value::Object(command.clone()));
    }
    let launch = Launch {
        command,
        instance_ids: &instance_ids,
        parameters,
        source: "USER",
    };
    let invocation_id = start(s, launch, kind, SystemTime::now());
    fields(json!({ "CommandId": command_id, "InvocationId": invocation_id }))
}

pub fn invoke(s: &mut State, hub: &Hub, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let command_id = call.str_param("CommandId").unwrap_or_default().to_string();
    let command = existing(&mut s.commands, call, &command_id, "cmd", "Command")?;
    let mut command = command.as_object().cloned().unwrap_or_default();
    let kind = reachable(s, hub, call, &instance_ids)?;
    let parameters = parameters_allowed(call, &command)?;
    for member in OVERRIDABLE {
        if let Some(v) = call.param(member) {
            command.insert(member.into(), v.clone());
        }
    }
    let launch = Launch {
        command,
        instance_ids: &instance_ids,
        parameters,
        source: "USER",
    };
    let invocation_id = start(s, launch, kind, SystemTime::now());
    fields(json!({ "InvocationId": invocation_id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    let ids = "InvocationIds";
    describe_table(
        &s.invocations,
        call,
        ids,
        "InvocationId",
        "InvocationSet",
        INVOCATION_FILTERS,
    )
}

pub fn describe_tasks(s: &mut State, call: &Call<'_>) -> Answer {
    let tasks = s.tasks.newest_first();
    let mut listing = list(
        tasks,
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

/// Cancels the invocation's unfinished tasks (on the named instances, or all): one not yet
/// started is CANCELLED; one running in the simulated shell is TERMINATED; one running on
/// an agent is CANCELLING until the agent, told to fetch its cancellations, stops it and
/// reports TERMINATED.
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
    let instance_of = |s: &State, t: &str| {
        let task = s.tasks.get(t);
        task.and_then(|v| v["InstanceId"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let wanted = call.strings("InstanceIds");
    if let Some(stray) = wanted
        .iter()
        .find(|i| !task_ids.iter().any(|t| &instance_of(s, t) == *i))
    {
        let code = documented(
            call.action,
            "InvalidParameterValue.InstanceIsNotRelatedToInvocation",
            "InvalidParameterValue",
        );
        let message = format!("Instance `{stray}` is not part of invocation `{invocation_id}`.");
        return Err(ApiError::new(code, message));
    }
    let now = SystemTime::now();
    for task_id in &task_ids {
        let instance = instance_of(s, task_id);
        if wanted.is_empty() || wanted.contains(&instance) {
            cancel_task(s, task_id, &instance, now);
        }
    }
    summarise(s, &invocation_id);
    fields(json!({}))
}

fn cancel_task(s: &mut State, task_id: &str, instance: &str, now: SystemTime) {
    let Some(run) = s.runs.get_mut(task_id) else {
        return;
    };
    let Some(task) = s.tasks.get_mut(task_id) else {
        return;
    };
    let status = task["TaskStatus"].as_str().unwrap_or_default().to_string();
    if run.finished || status == "CANCELLING" {
        return;
    }
    let on_agent = matches!(run.run, Run::Agent(_));
    // The Data Types page: CANCELLED before the command started, TERMINATED during.
    let next = match (status.as_str(), on_agent) {
        ("RUNNING", true) => "CANCELLING",
        ("RUNNING", false) => "TERMINATED",
        _ => "CANCELLED",
    };
    task["TaskStatus"] = json!(next);
    task["UpdatedTime"] = json!(iso(now));
    if next == "CANCELLING" {
        s.kicks.push((instance.to_string(), task_id.to_string()));
    } else {
        run.finished = true;
        task["EndTime"] = json!(iso(now));
    }
}
