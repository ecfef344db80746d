//! `/_emulator/instances[/ID]`: the fleet over HTTP, as JSON with the fleet file's fields.
//!
//! - `GET /_emulator/instances` → `{"instances": […], "strict": bool}`
//! - `PUT /_emulator/instances` `{"instances": […]}`: the whole fleet, replaced
//! - `DELETE /_emulator/instances`: no declared instance left
//! - `GET|PUT|DELETE /_emulator/instances/ID`: one instance

use super::fleet::Fleet;
use super::shared::Shared;
use super::world::World;
use crate::behaviour::{ControlAnswer, ControlRequest};
use serde_json::{json, Value};

pub const ENDPOINTS: &[&str] = &[
    "GET|PUT|DELETE /_emulator/instances",
    "GET|PUT|DELETE /_emulator/instances/ID",
];

/// The answer to a fleet request; `None`: not a fleet path.
pub fn control(shared: &Shared, request: &ControlRequest<'_>) -> Option<ControlAnswer> {
    let rest = request.path.strip_prefix("instances")?;
    let answer = match rest.strip_prefix('/') {
        None if rest.is_empty() => whole(shared, request),
        Some(id) if !id.is_empty() && !id.contains('/') => one(shared, request, id),
        _ => return None,
    };
    Some(answer)
}

fn refused(why: String) -> ControlAnswer {
    (400, json!({ "error": why }))
}

/// Changes the fleet, and keeps the change before answering.
fn changed<T>(shared: &Shared, change: impl FnOnce(&mut World) -> T) -> Result<T, String> {
    let mut world = shared.lock();
    let result = change(&mut world);
    world.fleet_changed = true;
    shared.save(&mut world).map_err(|e| e.to_string())?;
    Ok(result)
}

fn whole(shared: &Shared, request: &ControlRequest<'_>) -> ControlAnswer {
    match request.method {
        "GET" => {
            let s = shared.lock();
            let instances: Vec<Value> = s
                .fleet
                .iter()
                .filter_map(|i| serde_json::to_value(i).ok())
                .collect();
            let strict = shared.settings.strict_instances;
            (200, json!({ "instances": instances, "strict": strict }))
        }
        "PUT" => match Fleet::from_json(request.body) {
            Ok(fleet) => {
                let count = fleet.len();
                changed(shared, |world| world.fleet = fleet)
                    .map_or_else(refused, |()| (200, json!({ "instances": count })))
            }
            Err(why) => refused(why),
        },
        "DELETE" => changed(shared, |world| world.fleet = Fleet::default())
            .map_or_else(refused, |()| (200, json!({ "instances": 0 }))),
        _ => (405, json!({ "error": "use GET, PUT or DELETE" })),
    }
}

fn one(shared: &Shared, request: &ControlRequest<'_>, id: &str) -> ControlAnswer {
    let not_found = || {
        let id: String = id.chars().take(64).collect();
        (
            404,
            json!({ "error": format!("no declared instance `{id}`") }),
        )
    };
    match request.method {
        "GET" => {
            let s = shared.lock();
            match s.fleet.get(id).and_then(|i| serde_json::to_value(i).ok()) {
                Some(instance) => (200, instance),
                None => not_found(),
            }
        }
        "PUT" => match Fleet::one_from_json(request.body, id) {
            Ok(instance) => {
                let shown = serde_json::to_value(&instance).unwrap_or_default();
                let put = changed(shared, |world| world.fleet.put(instance)).and_then(|r| r);
                put.map_or_else(refused, |()| (200, shown))
            }
            Err(why) => refused(why),
        },
        "DELETE" => match changed(shared, |world| world.fleet.remove(id)) {
            Ok(Some(_)) => (200, json!({ "deleted": id })),
            Ok(None) => not_found(),
            Err(why) => refused(why),
        },
        _ => (405, json!({ "error": "use GET, PUT or DELETE" })),
    }
}
