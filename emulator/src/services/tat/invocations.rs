//! RunCommand, InvokeCommand, DescribeInvocations, DescribeInvocationTasks and
//! CancelInvocation: invocations and their tasks, from the API's side. A task on a CVM or
//! Lighthouse instance runs in the simulated shell; a task on a managed instance is handed
//! to the instance's agent, which runs it for real.

use super::answers::{describe_table, existing, fields, INVOCATION_FILTERS, TASK_FILTERS};
use super::codes::documented;
use super::command_checks::checked_members;
use super::commands;
use super::ids::checked_ids;
use super::machines::{reachable, Blocked, InstanceKind};
use super::parameters::values_for;
use super::progress::{end, summarise, Ending};
use super::quotas::checked_quota;
use super::shell;
use super::state::{AgentRun, Run, State, TaskRun};
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::list;
use crate::store::table::iso;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::time::SystemTime;

/// What an invocation runs: the command's members, with the call's overrides applied.
pub struct Launch<'a> {
    pub command: Map<String, Value>,
    pub instance_ids: &'a [String],
    pub parameters: Option<String>,
    /// The custom parameters' values the script is run with.
    pub values: Map<String, Value>,
    pub source: &'static str,
    /// Instances the task cannot reach (an invoker fires whatever their state): their
    /// tasks end at once.
    pub blocked: HashMap<String, Blocked>,
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
        if let Some(problem) = launch.blocked.get(instance) {
            never_ran(s, &task_id, instance, problem, now);
            task_ids.push(task_id);
            continue;
        }
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

/// A task that could not reach its instance: it ends as it is created.
fn never_ran(s: &mut State, task_id: &str, instance: &str, problem: &Blocked, now: SystemTime) {
    let run = TaskRun {
        created_at: now,
        run: Run::Undelivered,
        finished: true,
    };
    s.runs.insert(task_id.to_string(), run);
    if let Some(task) = s.tasks.get_mut(task_id) {
        let ending = Ending::new(problem.task_status(), -1, problem.message(instance), now);
        end(task, &ending, None);
    }
}

/// The command's script with its custom parameters' values substituted.
fn script_of(launch: &Launch<'_>) -> String {
    let content = launch.command.get("Content").and_then(Value::as_str);
    let script = shell::decode_base64(content.unwrap_or_default()).unwrap_or_default();
    if launch.values.is_empty() {
        return script;
    }
    shell::substitute(&script, &launch.values)
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

/// The script a command runs, decoded.
fn script(command: &Map<String, Value>) -> String {
    let content = command.get("Content").and_then(Value::as_str);
    shell::decode_base64(content.unwrap_or_default()).unwrap_or_default()
}

pub fn run(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let command_type = call.param_or_default("CommandType");
    let command_type = command_type
        .as_ref()
        .and_then(Value::as_str)
        .unwrap_or("SHELL");
    let kind = reachable(s, env, call, &instance_ids, Some(command_type))?;
    let save = call.param_or_default("SaveCommand") == Some(json!(true));
    let name = match call.str_param("CommandName") {
        Some(name) => name.to_string(),
        None => format!("run-{}", s.ids.next("cmd")),
    };
    if save {
        commands::checked_new_name(s, call, &name)?;
        checked_quota(s, env, call, "COMMAND")?;
    }
    let command = commands::record(s, call, &name)?;
    let values = values_for(call, &command, &script(&command))?;
    let command_id = command["CommandId"].clone();
    if save {
        s.commands.insert(Value::Object(command.clone()));
    }
    let launch = Launch {
        command,
        instance_ids: &instance_ids,
        parameters: call.str_param("Parameters").map(str::to_string),
        values,
        source: "USER",
        blocked: HashMap::new(),
    };
    let invocation_id = start(s, launch, kind, s.now);
    fields(json!({ "CommandId": command_id, "InvocationId": invocation_id }))
}

pub fn invoke(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let instance_ids = call.strings("InstanceIds");
    let command_id = call.str_param("CommandId").unwrap_or_default().to_string();
    let command = existing(&mut s.commands, call, &command_id, "cmd", "Command")?;
    let mut command = command.as_object().cloned().unwrap_or_default();
    let command_type = command.get("CommandType").and_then(Value::as_str);
    let kind = reachable(s, env, call, &instance_ids, command_type)?;
    checked_members(call)?;
    let values = values_for(call, &command, &script(&command))?;
    for member in OVERRIDABLE {
        if let Some(v) = call.param(member) {
            command.insert(member.into(), v.clone());
        }
    }
    let launch = Launch {
        command,
        instance_ids: &instance_ids,
        parameters: call.str_param("Parameters").map(str::to_string),
        values,
        source: "USER",
        blocked: HashMap::new(),
    };
    let invocation_id = start(s, launch, kind, s.now);
    fields(json!({ "InvocationId": invocation_id }))
}

pub fn describe(s: &mut State, call: &Call<'_>) -> Answer {
    let ids = "InvocationIds";
    checked_ids(call, ids, "inv", "Invocation")?;
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
    checked_ids(call, "InvocationTaskIds", "invt", "InvocationTask")?;
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
    let now = s.now;
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
