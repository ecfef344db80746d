//! TAT's core flows with state: commands, invokers (and their records), invocations
//! and their tasks. Tasks move PENDING → RUNNING → SUCCESS/FAILED on the emulator's
//! clock, with the command's simulated output in base64.
//!
//! ```no_run
//! # async fn demo() -> Result<(), tencentcloud_emulator::StartError> {
//! let emulator = tencentcloud_emulator::services::tat::emulator().start().await?;
//! println!("TAT emulator on {}", emulator.url());
//! # Ok(()) }
//! ```

mod commands;
mod invocations;
mod invokers;
mod registration;
pub mod shell;

use super::ServiceOptions;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Behaviour, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::{IdSource, Table};
use crate::EmulatorBuilder;
use doc_model::ir::Action;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

/// The service this behaviour models (the first label of its domain).
pub const SERVICE: &str = "tat";

/// The TAT doc drops this crate ships: `specs/` in the crate is a link to the repository's
/// `specs/`, which `cargo package` follows, so a copy from a registry has them too.
pub fn specs_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/specs/tat"))
}

/// An emulator of TAT from this repository's doc drops, with TAT's state and default timing.
pub fn emulator() -> EmulatorBuilder {
    crate::Emulator::builder()
        .specs_dir(specs_dir())
        .behaviour(Tat::new(TaskTiming::default()))
}

/// TAT's behaviour from `--option` pairs: `task-ms=PENDING,RUNNING` sets the task timing.
pub fn from_options(options: &ServiceOptions) -> Result<Box<dyn Behaviour>, String> {
    let mut timing = TaskTiming::default();
    for (key, value) in options {
        match key.as_str() {
            "task-ms" => {
                let ms: Vec<u64> = value
                    .split(',')
                    .map(|v| v.trim().parse::<u64>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| format!("task-ms={value}: expected PENDING_MS,RUNNING_MS"))?;
                let [pending, running] = ms.as_slice() else { return Err(format!("task-ms={value}: expected PENDING_MS,RUNNING_MS")) };
                timing.pending = Duration::from_millis(*pending);
                timing.running = Duration::from_millis(*running);
            }
            other => return Err(format!("unknown option `{other}` for the TAT emulator; expected task-ms=PENDING_MS,RUNNING_MS")),
        }
    }
    Ok(Box::new(Tat::new(timing)))
}

/// How long emulated tasks take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskTiming {
    /// Time a task stays PENDING.
    pub pending: Duration,
    /// Time a task then stays RUNNING before it finishes.
    pub running: Duration,
    /// Period of RECURRENCE invokers (cron expressions are not evaluated).
    pub recurrence: Duration,
}

impl Default for TaskTiming {
    fn default() -> Self {
        TaskTiming {
            pending: Duration::from_millis(200),
            running: Duration::from_millis(500),
            recurrence: Duration::from_secs(60),
        }
    }
}

/// One task's run, beside its documented record.
struct TaskRun {
    created: Instant,
    created_at: SystemTime,
    outcome: shell::Outcome,
    finished: bool,
}

struct State {
    ids: IdSource,
    commands: Table,
    invocations: Table,
    tasks: Table,
    invokers: Table,
    invoker_records: Table,
    register_codes: Table,
    /// Managed instances (none register: the emulator runs no agent).
    register_instances: Table,
    runs: HashMap<String, TaskRun>,
    /// Task ids of each invocation, in instance order.
    invocation_tasks: HashMap<String, Vec<String>>,
    /// Invocations with unfinished tasks.
    active: Vec<String>,
    /// When each invoker last fired.
    invoker_fired: HashMap<String, SystemTime>,
}

impl State {
    fn new() -> Self {
        State {
            ids: IdSource::default(),
            commands: Table::new("CommandId"),
            invocations: Table::new("InvocationId"),
            tasks: Table::new("InvocationTaskId"),
            invokers: Table::new("InvokerId"),
            invoker_records: Table::new("InvocationId"),
            register_codes: Table::new("RegisterCodeId"),
            register_instances: Table::new("InstanceId"),
            runs: HashMap::new(),
            invocation_tasks: HashMap::new(),
            active: Vec::new(),
            invoker_fired: HashMap::new(),
        }
    }
}

pub struct Tat {
    state: Mutex<State>,
    timing: TaskTiming,
}

impl Tat {
    pub fn new(timing: TaskTiming) -> Self {
        Tat {
            state: Mutex::new(State::new()),
            timing,
        }
    }
}

impl Behaviour for Tat {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let now = (Instant::now(), SystemTime::now());
        invokers::fire_due(&mut s, &self.timing, now.1);
        invocations::advance(&mut s, &self.timing, now);
        let answer = match call.action.name.as_str() {
            "CreateCommand" => commands::create(&mut s, call),
            "DescribeCommands" => commands::describe(&mut s, call),
            "ModifyCommand" => commands::modify(&mut s, call),
            "DeleteCommand" => commands::delete(&mut s, call),
            "PreviewReplacedCommandContent" => commands::preview(&mut s, call),
            "RunCommand" => invocations::run(&mut s, call),
            "InvokeCommand" => invocations::invoke(&mut s, call),
            "DescribeInvocations" => invocations::describe(&mut s, call),
            "DescribeInvocationTasks" => invocations::describe_tasks(&mut s, call),
            "CancelInvocation" => invocations::cancel(&mut s, call),
            "CreateInvoker" => invokers::create(&mut s, call),
            "DescribeInvokers" => invokers::describe(&mut s, call),
            "ModifyInvoker" => invokers::modify(&mut s, call),
            "EnableInvoker" => invokers::set_enabled(&mut s, call, true),
            "DisableInvoker" => invokers::set_enabled(&mut s, call, false),
            "DeleteInvoker" => invokers::delete(&mut s, call),
            "DescribeInvokerRecords" => invokers::describe_records(&mut s, call),
            "CreateRegisterCode" => registration::create_code(&mut s, call),
            "DescribeRegisterCodes" => registration::describe_codes(&mut s, call),
            "DisableRegisterCodes" => registration::disable_codes(&mut s, call),
            "DeleteRegisterCodes" => registration::delete_codes(&mut s, call),
            "DescribeRegisterInstances" => registration::describe_instances(&mut s, call),
            "ModifyRegisterInstance" => registration::modify_instance(&mut s, call),
            "DeleteRegisterInstance" => registration::delete_instance(&mut s, call),
            "DescribeQuotas" => registration::describe_quotas(&mut s, call),
            "DescribeAutomationAgentStatus" => registration::describe_agents(&mut s, call),
            _ => return None,
        };
        Some(answer)
    }
}

/// What each documented filter of TAT's listings reads. `command-created-by` has no member
/// in the Invocation structure, so it matches nothing.
const COMMAND_FILTERS: FilterMap = &[
    ("command-id", FilterField::Member("CommandId")),
    ("command-name", FilterField::Member("CommandName")),
    ("command-type", FilterField::Member("CommandType")),
    ("scene-id", FilterField::Member("Scenes")),
    ("created-by", FilterField::Member("CreatedBy")),
    ("tag-key", FilterField::TagKey),
    ("tag-value", FilterField::TagValue),
    ("tag", FilterField::Tag),
];
const INVOCATION_FILTERS: FilterMap = &[
    ("invocation-id", FilterField::Member("InvocationId")),
    ("command-id", FilterField::Member("CommandId")),
    ("instance-kind", FilterField::Member("InstanceKind")),
];
const TASK_FILTERS: FilterMap = &[
    (
        "invocation-task-id",
        FilterField::Member("InvocationTaskId"),
    ),
    ("invocation-id", FilterField::Member("InvocationId")),
    ("instance-id", FilterField::Member("InstanceId")),
    ("command-id", FilterField::Member("CommandId")),
];
const INVOKER_FILTERS: FilterMap = &[
    ("invoker-id", FilterField::Member("InvokerId")),
    ("command-id", FilterField::Member("CommandId")),
    ("invoker-type", FilterField::Member("Type")),
];

/// `code` when the action's page documents it, else `fallback` (a common code), so
/// the typed client error always has a variant for what the emulator answers.
fn documented(action: &Action, code: &str, fallback: &str) -> String {
    if action.errors.iter().any(|e| e.code == code) {
        code.to_string()
    } else {
        fallback.to_string()
    }
}

fn fields(value: Value) -> Answer {
    Ok(value.as_object().cloned().unwrap_or_default())
}

/// A `Describe*` answer: `TotalCount` and one page of `set` from `table`.
fn describe_table(
    table: &Table,
    call: &Call<'_>,
    ids_param: &str,
    id_field: &str,
    set: &str,
    filters: FilterMap,
) -> Answer {
    let listing = list(table.newest_first(), call, ids_param, id_field, filters);
    let mut answer = serde_json::Map::new();
    answer.insert("TotalCount".into(), listing.total.into());
    answer.insert(set.into(), Value::Array(listing.page));
    Ok(answer)
}

/// An id of the expected shape (`cmd-…`) that exists, or the documented errors.
fn existing<'t>(
    table: &'t mut Table,
    call: &Call<'_>,
    id: &str,
    prefix: &str,
    resource: &str,
) -> Result<&'t mut Value, ApiError> {
    if !id.starts_with(&format!("{prefix}-")) {
        let code = documented(
            call.action,
            &format!("InvalidParameterValue.Invalid{resource}Id"),
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("`{id}` is not a valid {resource} id."),
        ));
    }
    let code = documented(
        call.action,
        &format!("ResourceNotFound.{resource}NotFound"),
        "ResourceNotFound",
    );
    table
        .get_mut(id)
        .ok_or_else(|| ApiError::not_found(&code, &resource.to_lowercase(), id))
}

/// The `InstanceKind` of an instance id: CVM (`ins-`) or Lighthouse (`lhins-`).
fn kind_of(id: &str) -> Option<&'static str> {
    if id.starts_with("ins-") {
        Some("CVM")
    } else if id.starts_with("lhins-") {
        Some("LIGHTHOUSE")
    } else {
        None
    }
}

/// Instance ids must be CVM or Lighthouse ones, and all of one kind.
fn instance_kind(call: &Call<'_>, instance_ids: &[String]) -> Result<&'static str, ApiError> {
    let mut kind = None;
    for id in instance_ids {
        let Some(k) = kind_of(id) else {
            let code = documented(
                call.action,
                "InvalidParameterValue.InvalidInstanceId",
                "InvalidParameterValue",
            );
            return Err(ApiError::new(
                code,
                format!("`{id}` is not a valid instance id."),
            ));
        };
        if kind.is_some_and(|known| known != k) {
            let code = documented(
                call.action,
                "InvalidParameterValue.InconsistentInstance",
                "InvalidParameterValue",
            );
            return Err(ApiError::new(
                code,
                "All instances of one call must be of one kind (CVM or Lighthouse).",
            ));
        }
        kind = Some(k);
    }
    Ok(kind.unwrap_or("CVM"))
}
