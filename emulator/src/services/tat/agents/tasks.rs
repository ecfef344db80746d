//! An agent's work on its tasks: fetching them (`DescribeTasks`: the tasks to run, with
//! their script, and the running ones to stop), `ReportTaskStart` (RUNNING),
//! `UploadTaskLog` (output chunks, in any order) and `ReportTaskFinish` (the outcome).
//! An agent acts only on its own instance's tasks.

use crate::api_error::ApiError;
use crate::services::tat::progress::{agent_output, end, is_final, summarise, Ending};
use crate::services::tat::state::{AgentRun, Run, State};
use crate::store::table::iso;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde_json::{json, Map, Value};

/// Raw output bytes kept per task, whatever an agent uploads (an honest agent sends at
/// most 24 KB; the answer shows at most 18 KB of it).
const MOST_KEPT_BYTES: usize = 32 * 1024;
/// The Data Types page's defaults when the command leaves them out (SHELL commands).
const DEFAULT_TIMEOUT: u64 = 60;
const DEFAULT_USERNAME: &str = "root";
const DEFAULT_WORKING_DIRECTORY: &str = "/root";

type Fields = Result<Map<String, Value>, ApiError>;

fn fields(value: Value) -> Fields {
    Ok(value.as_object().cloned().unwrap_or_default())
}

/// `DescribeTasks`: the instance's tasks not yet started (now DELIVERING) and its tasks
/// being cancelled.
pub fn describe(s: &mut State, instance: &str) -> Fields {
    let (mut normal, mut cancel) = (Vec::new(), Vec::new());
    let now = json!(iso(s.now));
    for (task_id, run) in s.runs.iter() {
        let (Run::Agent(agent), false) = (&run.run, run.finished) else {
            continue;
        };
        let Some(task) = s.tasks.get_mut(task_id) else {
            continue;
        };
        if task["InstanceId"].as_str() != Some(instance) {
            continue;
        }
        match task["TaskStatus"].as_str() {
            Some("PENDING" | "DELIVERING") => {
                task["TaskStatus"] = json!("DELIVERING");
                task["UpdatedTime"] = now.clone();
                normal.push(handed_out(task_id, &task["CommandDocument"], agent));
            }
            Some("CANCELLING") => cancel.push(json!({ "InvocationTaskId": task_id })),
            _ => {}
        }
    }
    normal.sort_by(|a, b| {
        a["InvocationTaskId"]
            .as_str()
            .cmp(&b["InvocationTaskId"].as_str())
    });
    for handed in &normal {
        summarise_invocation_of(s, handed["InvocationTaskId"].as_str().unwrap_or_default());
    }
    fields(json!({ "InvocationNormalTaskSet": normal, "InvocationCancelTaskSet": cancel }))
}

/// Re-summarises the invocation the task belongs to.
fn summarise_invocation_of(s: &mut State, task_id: &str) {
    let task = s.tasks.get(task_id);
    let invocation = task.and_then(|t| t["InvocationId"].as_str().map(str::to_string));
    if let Some(invocation) = invocation {
        summarise(s, &invocation);
    }
}

/// A task as the agent receives it: its script in Base64 and how to run it.
fn handed_out(task_id: &str, document: &Value, run: &AgentRun) -> Value {
    let text = |name: &str, default: &str| {
        let given = document[name].as_str().filter(|v| !v.is_empty());
        given.unwrap_or(default).to_string()
    };
    let timeout = document["Timeout"].as_u64().unwrap_or(DEFAULT_TIMEOUT);
    json!({
        "InvocationTaskId": task_id, "TimeOut": timeout, "Command": BASE64.encode(&run.script),
        "CommandType": text("CommandType", "SHELL"), "Username": text("Username", DEFAULT_USERNAME),
        "WorkingDirectory": text("WorkingDirectory", DEFAULT_WORKING_DIRECTORY),
        "OutputCOSBucketUrl": text("OutputCOSBucketUrl", ""),
        "OutputCOSKeyPrefix": text("OutputCOSKeyPrefix", ""),
    })
}

/// The instance's unfinished task `task_id`, or why the agent cannot act on it.
fn own_task<'s>(
    s: &'s mut State,
    instance: &str,
    params: &Map<String, Value>,
) -> Result<(String, &'s mut Value), ApiError> {
    let task_id = params
        .get("InvocationTaskId")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let task = s
        .tasks
        .get_mut(task_id)
        .filter(|t| t["InstanceId"].as_str() == Some(instance));
    let Some(task) = task else {
        return Err(ApiError::not_found(
            "ResourceNotFound.TaskNotFound",
            "task of this instance",
            task_id,
        ));
    };
    if is_final(task["TaskStatus"].as_str().unwrap_or_default()) {
        let message = format!("Task `{task_id}` has ended ({}).", task["TaskStatus"]);
        return Err(ApiError::new("ResourceUnavailable.TaskFinished", message));
    }
    Ok((task_id.to_string(), task))
}

/// `ReportTaskStart`: the task is RUNNING. A task cancelled meanwhile is refused, so the
/// agent does not run it.
pub fn start(s: &mut State, instance: &str, params: &Map<String, Value>) -> Fields {
    let now = s.now;
    let (task_id, task) = own_task(s, instance, params)?;
    if task["TaskStatus"] == "CANCELLING" {
        let message = format!("Task `{task_id}` is being cancelled.");
        return Err(ApiError::new("ResourceUnavailable.TaskCancelling", message));
    }
    let at = json!(iso(now));
    task["TaskStatus"] = json!("RUNNING");
    task["StartTime"] = at.clone();
    task["TaskResult"]["ExecStartTime"] = at.clone();
    task["UpdatedTime"] = at;
    summarise_invocation_of(s, &task_id);
    fields(json!({}))
}

/// `UploadTaskLog`: one chunk of output (Base64), by its index; the output so far is in
/// the task's record.
pub fn upload(s: &mut State, instance: &str, params: &Map<String, Value>) -> Fields {
    let (task_id, _) = own_task(s, instance, params)?;
    let output = params
        .get("Output")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let Ok(bytes) = BASE64.decode(output) else {
        return Err(ApiError::invalid_parameter("Output is not Base64."));
    };
    let index = params
        .get("Index")
        .and_then(Value::as_u64)
        .and_then(|i| u32::try_from(i).ok());
    let Some(index) = index else {
        return Err(ApiError::invalid_parameter("Index is not a chunk number."));
    };
    let dropped = params.get("Dropped").and_then(Value::as_u64).unwrap_or(0);
    let Some(Run::Agent(run)) = s.runs.get_mut(&task_id).map(|r| &mut r.run) else {
        return Err(ApiError::new(
            "ResourceUnavailable.TaskNotOnAgent",
            "The task is not an agent's.",
        ));
    };
    keep_chunk(run, index, bytes, dropped);
    let (output, dropped) = agent_output(run);
    if let Some(task) = s.tasks.get_mut(&task_id) {
        task["TaskResult"]["Output"] = json!(output);
        task["TaskResult"]["Dropped"] = json!(dropped);
    }
    fields(json!({}))
}

/// Keeps a chunk (a chunk sent again replaces itself) within [`MOST_KEPT_BYTES`].
fn keep_chunk(run: &mut AgentRun, index: u32, mut bytes: Vec<u8>, dropped: u64) {
    if let Some(old) = run.chunks.remove(&index) {
        run.kept -= old.len();
    }
    let room = MOST_KEPT_BYTES - run.kept;
    if bytes.len() > room {
        run.cut += (bytes.len() - room) as u64;
        bytes.truncate(room);
    }
    run.kept += bytes.len();
    run.chunks.insert(index, bytes);
    run.agent_dropped = run.agent_dropped.max(dropped);
}

/// `ReportTaskFinish`: the outcome (SUCCESS, FAILED, TIMEOUT, TERMINATED, START_FAILED),
/// the exit code, the error and where the output went.
pub fn finish(s: &mut State, instance: &str, params: &Map<String, Value>) -> Fields {
    let (task_id, _) = own_task(s, instance, params)?;
    let text = |name: &str| {
        params
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let exit_code = params.get("ExitCode").and_then(Value::as_i64).unwrap_or(-1);
    let result = text("Result");
    let status = match result.as_str() {
        known @ ("SUCCESS" | "FAILED" | "TIMEOUT" | "TERMINATED" | "START_FAILED") => known,
        _ => "FAILED",
    };
    let mut error_info = text("ErrorInfo");
    if error_info.is_empty() && status != "SUCCESS" {
        error_info = match status {
            "FAILED" => format!("The command exited with code {exit_code}."),
            _ => format!("The agent reported {result}."),
        };
    }
    let mut ending = Ending::new(status, exit_code, error_info, s.now);
    (ending.output_url, ending.output_error) =
        (text("OutputUrl"), text("OutputUploadCOSErrorInfo"));
    let output = match s.runs.get_mut(&task_id) {
        Some(run) => {
            run.finished = true;
            match &run.run {
                Run::Agent(agent) => Some(agent_output(agent)),
                Run::Simulated(_) | Run::Undelivered => None,
            }
        }
        None => None,
    };
    let Some(task) = s.tasks.get_mut(&task_id) else {
        return fields(json!({}));
    };
    end(task, &ending, output);
    summarise_invocation_of(s, &task_id);
    fields(json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_kept_once_each_and_within_the_cap() {
        let mut run = AgentRun::new(String::new());
        keep_chunk(&mut run, 1, b"b".to_vec(), 0);
        keep_chunk(&mut run, 0, b"a".to_vec(), 0);
        keep_chunk(&mut run, 0, b"A".to_vec(), 0);
        assert_eq!(
            (
                run.kept,
                run.chunks.values().flatten().copied().collect::<Vec<u8>>()
            ),
            (2, b"Ab".to_vec())
        );
        keep_chunk(&mut run, 2, vec![0; MOST_KEPT_BYTES], 7);
        assert_eq!(
            (run.kept, run.cut, run.agent_dropped),
            (MOST_KEPT_BYTES, 2, 7)
        );
    }
}
