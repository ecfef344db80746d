//! What the emulator's page shows of TAT, per account and region: the fleet, managed
//! instances and their agents, commands, invokers with their next firing, invocations with
//! each task's status, exit code and decoded output, and registration codes (never their
//! values).

use super::progress::agent_output;
use super::schedule::Schedule;
use super::shared::Shared;
use super::shell;
use super::state::{Run, Scope, State};
use crate::overview::{Cell, Section};
use crate::store::table::iso;
use serde_json::Value;

/// The newest invocations shown per scope.
const SHOWN_INVOCATIONS: usize = 50;

fn text(value: &Value) -> Cell {
    Cell::Text(match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    })
}

fn status(value: &Value) -> Cell {
    Cell::Status(
        value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string),
    )
}

fn section(
    scope: &Scope,
    title: &str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Cell>>,
) -> Section {
    Section {
        account: scope.account.clone(),
        region: if scope.region.is_empty() {
            "(none)".into()
        } else {
            scope.region.clone()
        },
        title: title.into(),
        columns,
        rows,
    }
}

/// Every section of every scope, and the fleet's.
pub fn overview(shared: &Shared) -> Vec<Section> {
    let mut world = shared.lock();
    let now = world.now;
    let mut sections = fleet(&world.fleet);
    for (scope, s) in world.scopes.iter_mut() {
        s.now = now;
        sections.push(managed(shared, scope, s));
        sections.push(commands(scope, s));
        sections.push(invokers(scope, s));
        sections.push(invocations(scope, s));
        sections.push(codes(scope, s));
    }
    sections
}

/// The declared machines, one table per account and region they belong to.
fn fleet(fleet: &super::fleet::Fleet) -> Vec<Section> {
    let mut by_scope: std::collections::BTreeMap<Scope, Vec<Vec<Cell>>> = Default::default();
    for i in fleet.iter() {
        let scope = Scope {
            account: i
                .account
                .clone()
                .unwrap_or_else(|| "(every account)".into()),
            region: i.region.clone().unwrap_or_else(|| "(every region)".into()),
        };
        by_scope.entry(scope).or_default().push(vec![
            Cell::Text(i.id.clone()),
            Cell::Text(i.os.environment().into()),
            status(&serde_json::to_value(i.state).unwrap_or_default()),
            status(&serde_json::to_value(i.agent).unwrap_or_default()),
            Cell::Text(i.agent_version().into()),
        ]);
    }
    let columns = || vec!["Instance", "OS", "State", "Agent", "Version"];
    by_scope
        .into_iter()
        .map(|(scope, rows)| section(&scope, "Fleet", columns(), rows))
        .collect()
}

fn managed(shared: &Shared, scope: &Scope, s: &State) -> Section {
    let rows = s
        .register_instances
        .newest_first()
        .map(|i| {
            let id = i["InstanceId"].as_str().unwrap_or_default();
            let presence = shared.hub.presence(id);
            let online = presence.as_ref().is_some_and(|p| p.online);
            let version = presence.map(|p| p.version).unwrap_or_default();
            vec![
                Cell::Text(id.into()),
                text(&i["InstanceName"]),
                text(&i["SystemName"]),
                Cell::Status(if online { "Online" } else { "Offline" }.into()),
                Cell::Text(version),
            ]
        })
        .collect();
    let columns = vec!["Managed instance", "Name", "System", "Agent", "Version"];
    section(scope, "Managed instances", columns, rows)
}

fn commands(scope: &Scope, s: &State) -> Section {
    let rows = s
        .commands
        .newest_first()
        .map(|c| {
            vec![
                text(&c["CommandId"]),
                text(&c["CommandName"]),
                text(&c["CommandType"]),
                text(&c["CreatedTime"]),
            ]
        })
        .collect();
    section(
        scope,
        "Commands",
        vec!["Command", "Name", "Type", "Created"],
        rows,
    )
}

fn invokers(scope: &Scope, s: &State) -> Section {
    let rows = s
        .invokers
        .newest_first()
        .map(|i| {
            let settings = &i["ScheduleSettings"];
            let when = settings["Recurrence"]
                .as_str()
                .or(settings["InvokeTime"].as_str());
            let enabled = i["Enable"] == Value::Bool(true);
            let next = Schedule::of(settings)
                .ok()
                .filter(|_| enabled)
                .and_then(|schedule| schedule.next_after(s.now))
                .map(iso)
                .unwrap_or_default();
            vec![
                text(&i["InvokerId"]),
                text(&i["Name"]),
                text(&i["CommandId"]),
                Cell::Text(format!(
                    "{} {}",
                    settings["Policy"].as_str().unwrap_or_default(),
                    when.unwrap_or_default()
                )),
                status(&i["Enable"]),
                Cell::Text(next),
            ]
        })
        .collect();
    let columns = vec![
        "Invoker",
        "Name",
        "Command",
        "Schedule",
        "Enabled",
        "Next firing",
    ];
    section(scope, "Invokers", columns, rows)
}

fn invocations(scope: &Scope, s: &State) -> Section {
    let mut rows = Vec::new();
    for invocation in s.invocations.newest_first().take(SHOWN_INVOCATIONS) {
        let id = invocation["InvocationId"].as_str().unwrap_or_default();
        let tasks = s.invocation_tasks.get(id).cloned().unwrap_or_default();
        for task_id in tasks {
            let Some(task) = s.tasks.get(&task_id) else {
                continue;
            };
            rows.push(vec![
                Cell::Text(id.into()),
                text(&invocation["CommandId"]),
                status(&invocation["InvocationStatus"]),
                Cell::Text(task_id.clone()),
                text(&task["InstanceId"]),
                status(&task["TaskStatus"]),
                text(&task["TaskResult"]["ExitCode"]),
                Cell::Output(output_of(s, &task_id, task)),
            ]);
        }
    }
    let columns = vec![
        "Invocation",
        "Command",
        "Status",
        "Task",
        "Instance",
        "Task status",
        "Exit code",
        "Output",
    ];
    section(scope, "Invocations", columns, rows)
}

/// A task's output as text: what it ended with, or what its agent uploaded so far.
fn output_of(s: &State, task_id: &str, task: &Value) -> String {
    let ended = task["TaskResult"]["Output"].as_str().unwrap_or_default();
    let encoded = match s.runs.get(task_id).map(|r| &r.run) {
        Some(Run::Agent(agent)) if ended.is_empty() => agent_output(agent).0,
        _ => ended.to_string(),
    };
    let bytes = shell::decode_base64_bytes(&encoded).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn codes(scope: &Scope, s: &State) -> Section {
    let rows = s
        .register_codes
        .newest_first()
        .map(|c| {
            let count = format!("{} of {}", c["RegisteredCount"], c["RegisterLimit"]);
            vec![
                text(&c["RegisterCodeId"]),
                text(&c["Description"]),
                status(&c["Enabled"]),
                Cell::Text(count),
                text(&c["ExpiredTime"]),
            ]
        })
        .collect();
    let columns = vec![
        "Registration code",
        "Description",
        "Enabled",
        "Registered",
        "Expires",
    ];
    section(scope, "Registration codes", columns, rows)
}
