//! Tasks moving on: a simulated one on the emulator's clock (PENDING, RUNNING, then its
//! outcome), an agent's one by the agent's reports, or to `TASK_TIMEOUT` ("client no
//! response") when its agent stays away; and each invocation summarised from its tasks.

use super::agents::hub::Hub;
use super::shell;
use super::state::{AgentRun, Run, State, TaskTiming};
use crate::store::table::iso;
use base64::Engine;
use serde_json::{json, Value};
use std::time::SystemTime;

/// Task statuses after which nothing changes.
const FINAL: [&str; 8] = [
    "SUCCESS",
    "FAILED",
    "TIMEOUT",
    "TASK_TIMEOUT",
    "START_FAILED",
    "DELIVER_FAILED",
    "CANCELLED",
    "TERMINATED",
];

/// How a task ended.
pub struct Ending<'a> {
    /// A final task status ([`FINAL`]).
    pub status: &'a str,
    pub exit_code: i64,
    pub error_info: String,
    pub at: SystemTime,
    pub output_url: String,
    pub output_error: String,
}

/// Moves every unfinished task to where the clock (or its agent's absence) puts it, then
/// re-summarises its invocation.
pub fn advance(s: &mut State, timing: &TaskTiming, hub: &Hub, now: SystemTime) {
    let active = std::mem::take(&mut s.active);
    let mut still = Vec::new();
    for invocation_id in active {
        let task_ids = s
            .invocation_tasks
            .get(&invocation_id)
            .cloned()
            .unwrap_or_default();
        let mut unfinished = false;
        for task_id in &task_ids {
            unfinished |= !advance_task(s, timing, hub, task_id, now);
        }
        summarise(s, &invocation_id);
        if unfinished {
            still.push(invocation_id);
        }
    }
    s.active = still;
}

/// One task moved on; whether it has finished.
fn advance_task(
    s: &mut State,
    timing: &TaskTiming,
    hub: &Hub,
    task_id: &str,
    now: SystemTime,
) -> bool {
    let (Some(run), Some(task)) = (s.runs.get_mut(task_id), s.tasks.get_mut(task_id)) else {
        return true;
    };
    if run.finished {
        return true;
    }
    match &run.run {
        Run::Simulated(outcome) => {
            let age = now.duration_since(run.created_at).unwrap_or_default();
            let started = run.created_at + timing.pending;
            if age >= timing.pending {
                task["StartTime"] = json!(iso(started));
                task["TaskResult"]["ExecStartTime"] = json!(iso(started));
                task["TaskStatus"] = json!("RUNNING");
            }
            task["UpdatedTime"] = json!(iso(now.min(started + timing.running)));
            if age < timing.pending + timing.running {
                return false;
            }
            let ending = simulated_ending(outcome, started + timing.running);
            let output = (shell::encode_base64(&outcome.output), outcome.dropped);
            end(task, &ending, Some(output));
        }
        Run::Agent(_) => {
            let instance = task["InstanceId"].as_str().unwrap_or_default();
            let delivered = !matches!(task["TaskStatus"].as_str(), Some("PENDING"));
            let gone = hub
                .offline_for(instance, now)
                .is_some_and(|d| d >= timing.agent_grace);
            if !(delivered && gone) {
                return false;
            }
            let error_info = format!(
                "The agent of {instance} went offline and did not come back within {:?}.",
                timing.agent_grace
            );
            let ending = Ending::new("TASK_TIMEOUT", -1, error_info, now);
            end(task, &ending, None);
        }
        Run::Undelivered => {}
    }
    run.finished = true;
    true
}

fn simulated_ending(outcome: &shell::Outcome, at: SystemTime) -> Ending<'static> {
    let ok = outcome.exit_code == 0;
    let error_info = if ok {
        String::new()
    } else {
        format!("The command exited with code {}.", outcome.exit_code)
    };
    Ending::new(
        if ok { "SUCCESS" } else { "FAILED" },
        outcome.exit_code,
        error_info,
        at,
    )
}

impl<'a> Ending<'a> {
    pub fn new(status: &'a str, exit_code: i64, error_info: String, at: SystemTime) -> Self {
        Ending {
            status,
            exit_code,
            error_info,
            at,
            output_url: String::new(),
            output_error: String::new(),
        }
    }
}

/// Writes a task's ending into its record; `output` is its Base64 output and dropped
/// bytes, when known.
pub fn end(task: &mut Value, ending: &Ending<'_>, output: Option<(String, u64)>) {
    let at = json!(iso(ending.at));
    task["TaskStatus"] = json!(ending.status);
    task["EndTime"] = at.clone();
    task["UpdatedTime"] = at.clone();
    task["ErrorInfo"] = json!(ending.error_info);
    let result = &mut task["TaskResult"];
    result["ExecEndTime"] = at;
    result["ExitCode"] = json!(ending.exit_code);
    result["OutputUrl"] = json!(ending.output_url);
    result["OutputUploadCOSErrorInfo"] = json!(ending.output_error);
    if let Some((output, dropped)) = output {
        result["Output"] = json!(output);
        result["Dropped"] = json!(dropped);
    }
}

/// An agent's uploaded output in the order of its chunks, kept to the documented 24 KB of
/// Base64; `Dropped` counts what the agent dropped and what did not fit.
pub fn agent_output(run: &AgentRun) -> (String, u64) {
    let all: Vec<u8> = run.chunks.values().flatten().copied().collect();
    let kept = all.len().min(shell::MAX_OUTPUT_BYTES);
    let dropped = run.agent_dropped + run.cut + (all.len() - kept) as u64;
    (
        base64::engine::general_purpose::STANDARD.encode(&all[..kept]),
        dropped,
    )
}

/// Whether a task status is final.
pub fn is_final(status: &str) -> bool {
    FINAL.contains(&status)
}

/// The invocation's status and task list from its tasks.
pub fn summarise(s: &mut State, invocation_id: &str) {
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
    let status = invocation_status(&statuses);
    let finished = statuses.iter().all(|s| is_final(s));
    let basic: Vec<Value> = tasks
        .iter()
        .map(|t| json!({ "InvocationTaskId": t["InvocationTaskId"], "TaskStatus": t["TaskStatus"], "InstanceId": t["InstanceId"] }))
        .collect();
    let first_start = tasks
        .iter()
        .filter_map(|t| t["StartTime"].as_str())
        .min()
        .map(str::to_string);
    let last_end = tasks
        .iter()
        .filter_map(|t| t["EndTime"].as_str())
        .max()
        .map(str::to_string);
    if let Some(inv) = s.invocations.get_mut(invocation_id) {
        inv["InvocationStatus"] = json!(status);
        inv["InvocationTaskBasicInfoSet"] = json!(basic);
        inv["StartTime"] = json!(first_start);
        inv["EndTime"] = json!(last_end.filter(|_| finished));
    }
}

/// The Data Types page's invocation statuses, from its tasks' statuses.
fn invocation_status(statuses: &[&str]) -> &'static str {
    let count = |wanted: &[&str]| statuses.iter().filter(|s| wanted.contains(s)).count();
    let n = statuses.len();
    if count(&FINAL) < n {
        return match () {
            _ if count(&["CANCELLING"]) > 0 => "CANCELLING",
            _ if count(&["PENDING"]) == n => "PENDING",
            _ => "RUNNING",
        };
    }
    // An invocation has no TERMINATED: its tasks' stops count as cancellations.
    let cancelled = count(&["CANCELLED", "TERMINATED"]);
    let timed_out = count(&["TIMEOUT", "TASK_TIMEOUT"]);
    match () {
        _ if count(&["SUCCESS"]) == n => "SUCCESS",
        _ if cancelled == n => "CANCELLED",
        _ if cancelled > 0 => "PARTIAL_CANCELLED",
        _ if timed_out == n => "TIMEOUT",
        _ if count(&["SUCCESS"]) == 0 => "FAILED",
        _ => "PARTIAL_FAILED",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invocations_summarise_their_tasks() {
        assert_eq!(invocation_status(&["PENDING", "PENDING"]), "PENDING");
        assert_eq!(invocation_status(&["PENDING", "RUNNING"]), "RUNNING");
        assert_eq!(invocation_status(&["DELIVERING", "SUCCESS"]), "RUNNING");
        assert_eq!(invocation_status(&["CANCELLING", "SUCCESS"]), "CANCELLING");
        assert_eq!(invocation_status(&["SUCCESS", "SUCCESS"]), "SUCCESS");
        assert_eq!(invocation_status(&["TERMINATED", "CANCELLED"]), "CANCELLED");
        assert_eq!(
            invocation_status(&["TERMINATED", "SUCCESS"]),
            "PARTIAL_CANCELLED"
        );
        assert_eq!(invocation_status(&["TIMEOUT", "TASK_TIMEOUT"]), "TIMEOUT");
        assert_eq!(invocation_status(&["FAILED", "TIMEOUT"]), "FAILED");
        assert_eq!(invocation_status(&["FAILED", "SUCCESS"]), "PARTIAL_FAILED");
        assert_eq!(invocation_status(&["START_FAILED"]), "FAILED");
    }

    #[test]
    fn agent_output_is_assembled_in_order_and_capped() {
        let mut run = AgentRun::new(String::new());
        run.chunks.insert(1, b"world".to_vec());
        run.chunks.insert(0, b"hello ".to_vec());
        let (output, dropped) = agent_output(&run);
        assert_eq!(
            (shell::decode_base64(&output).unwrap(), dropped),
            ("hello world".to_string(), 0)
        );
        run.chunks.insert(2, vec![b'x'; shell::MAX_OUTPUT_BYTES]);
        (run.agent_dropped, run.cut) = (100, 1);
        let (output, dropped) = agent_output(&run);
        assert_eq!(output.len(), 24 * 1024);
        assert_eq!(dropped, 100 + 1 + 11);
    }
}
