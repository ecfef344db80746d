//! TAT's world as durable entries (`--state DIR`): what changed since the last save,
//! written before the answer that reports it, and the world read back at start. Keys are
//! JSON arrays (`["scope", account, region, container, id]`), so any region a call names
//! is kept as it is and one account's entries share a prefix.

use super::fleet::{Fleet, Instance};
use super::state::{Scope, State};
use super::world::World;
use crate::store::durable::Change;
use crate::store::table::{Saved, Table};
use crate::store::tracked::Tracked;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::SystemTime;

/// The tables of a scope, by the name their entries carry.
const TABLES: [&str; 7] = [
    "commands",
    "invocations",
    "tasks",
    "invokers",
    "invoker_records",
    "register_codes",
    "register_instances",
];

fn table<'s>(s: &'s mut State, name: &str) -> &'s mut Table {
    match name {
        "commands" => &mut s.commands,
        "invocations" => &mut s.invocations,
        "tasks" => &mut s.tasks,
        "invokers" => &mut s.invokers,
        "invoker_records" => &mut s.invoker_records,
        "register_codes" => &mut s.register_codes,
        _ => &mut s.register_instances,
    }
}

/// The key of an entry of `scope`.
pub fn scope_key(scope: &Scope, container: &str, id: &str) -> String {
    json!(["scope", scope.account, scope.region, container, id]).to_string()
}

/// The prefix every entry of `account` starts with.
pub fn account_prefix(account: &str) -> String {
    let key = json!(["scope", account]).to_string();
    format!("{},", key.trim_end_matches(']'))
}

fn encoded<T: Serialize>(value: &T) -> Option<Vec<u8>> {
    serde_json::to_vec(value).ok()
}

fn tracked_changes<V: Clone + Serialize>(
    scope: &Scope,
    name: &str,
    map: &mut Tracked<V>,
    out: &mut Vec<Change>,
) {
    for (key, value) in map.take_changes() {
        out.push((
            scope_key(scope, name, &key),
            value.as_ref().and_then(encoded),
        ));
    }
}

/// Every change since the last save, in every scope, and the world's own entries.
pub fn changes(world: &mut World, fleet_changed: bool) -> Vec<Change> {
    let mut out = Vec::new();
    for (scope, s) in world.scopes.iter_mut() {
        for name in TABLES {
            for (id, saved) in table(s, name).take_changes() {
                out.push((
                    scope_key(scope, name, &id),
                    saved.as_ref().and_then(encoded),
                ));
            }
        }
        tracked_changes(scope, "code_values", &mut s.code_values, &mut out);
        tracked_changes(scope, "runs", &mut s.runs, &mut out);
        tracked_changes(scope, "invocation_tasks", &mut s.invocation_tasks, &mut out);
        tracked_changes(scope, "invoker_checked", &mut s.invoker_checked, &mut out);
    }
    if !out.is_empty() || fleet_changed {
        out.push(("[\"ids\"]".into(), encoded(&world.ids.issued())));
        out.push(("[\"clock\"]".into(), encoded(&world.now)));
    }
    if fleet_changed {
        let fleet: Vec<&Instance> = world.fleet.iter().collect();
        out.push(("[\"fleet\"]".into(), encoded(&fleet)));
    }
    out
}

/// Forgets what changed (an emulator without a state directory saves nothing).
pub fn forget_changes(world: &mut World) {
    for s in world.scopes.values_mut() {
        for name in TABLES {
            table(s, name).forget_changes();
        }
        s.code_values.forget_changes();
        s.runs.forget_changes();
        s.invocation_tasks.forget_changes();
        s.invoker_checked.forget_changes();
    }
}

/// The world the entries describe, and the latest time it saw (the clock continues
/// from there). An entry that does not read is an error naming its key.
pub fn restore(
    entries: Vec<(String, Vec<u8>)>,
    fleet: Fleet,
) -> Result<(World, Option<SystemTime>), String> {
    let mut world = World::new(fleet);
    let mut last_seen = None;
    let mut parts: BTreeMap<Scope, Parts> = BTreeMap::new();
    for (key, bytes) in entries {
        let bad = |why: String| format!("entry {key}: {why}");
        let path: Vec<String> = serde_json::from_str(&key).map_err(|e| bad(e.to_string()))?;
        match path
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["ids"] => world.ids.continue_after(decode(&bytes).map_err(bad)?),
            ["clock"] => last_seen = Some(decode(&bytes).map_err(bad)?),
            ["fleet"] => world.fleet = fleet_of(&bytes).map_err(bad)?,
            ["scope", account, region, container, id] => {
                let scope = Scope {
                    account: account.to_string(),
                    region: region.to_string(),
                };
                let part = parts.entry(scope).or_default();
                part.take(container, id, &bytes).map_err(bad)?;
            }
            _ => return Err(bad("not an entry this emulator writes".into())),
        }
    }
    for (scope, part) in parts {
        let state = part.into_state(&world);
        world.scopes.insert(scope, state);
    }
    Ok((world, last_seen))
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| e.to_string())
}

fn fleet_of(bytes: &[u8]) -> Result<Fleet, String> {
    let instances: Vec<Value> = decode(bytes)?;
    Fleet::from_json(&serde_json::to_vec(&json!({ "instances": instances })).unwrap_or_default())
}

/// The entries of one scope, gathered before its state is built.
#[derive(Default)]
struct Parts {
    tables: BTreeMap<String, Vec<Saved>>,
    code_values: Vec<(String, String)>,
    runs: Vec<(String, super::state::TaskRun)>,
    invocation_tasks: Vec<(String, Vec<String>)>,
    invoker_checked: Vec<(String, SystemTime)>,
}

impl Parts {
    fn take(&mut self, container: &str, id: &str, bytes: &[u8]) -> Result<(), String> {
        let id = id.to_string();
        match container {
            "code_values" => self.code_values.push((id, decode(bytes)?)),
            "runs" => self.runs.push((id, decode(bytes)?)),
            "invocation_tasks" => self.invocation_tasks.push((id, decode(bytes)?)),
            "invoker_checked" => self.invoker_checked.push((id, decode(bytes)?)),
            table if TABLES.contains(&table) => {
                let saved = decode(bytes)?;
                self.tables
                    .entry(table.to_string())
                    .or_default()
                    .push(saved);
            }
            other => return Err(format!("no container `{other}`")),
        }
        Ok(())
    }

    fn into_state(mut self, world: &World) -> State {
        let mut s = State::new(world.ids.clone());
        for name in TABLES {
            let saved = self.tables.remove(name).unwrap_or_default();
            table(&mut s, name).restore(saved);
        }
        s.code_values = Tracked::restore(self.code_values);
        s.runs = Tracked::restore(self.runs);
        s.invocation_tasks = Tracked::restore(self.invocation_tasks);
        s.invoker_checked = Tracked::restore(self.invoker_checked);
        // Unfinished invocations move on again; agents fetch their tasks when they connect.
        s.active = s
            .invocation_tasks
            .iter()
            .filter(|(_, tasks)| {
                tasks
                    .iter()
                    .any(|t| s.runs.get(t).is_some_and(|run| !run.finished))
            })
            .map(|(invocation, _)| invocation.clone())
            .collect();
        s
    }
}
