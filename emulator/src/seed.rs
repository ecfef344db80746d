//! Seeds (`--seed FILE`, TOML or JSON): resources an emulator starts with, made by the
//! same calls a client makes, so they meet the same documented limits. Each top-level
//! key is an action and holds its requests in order (`[[CreateCommand]]`); `_account`
//! and `_region` say whose and where (default: the default account, `ap-guangzhou`);
//! `_name` names what a request made, and `{ seed = "NAME" }` anywhere in a later request
//! stands for the id it made. `[[instances]]` declares machines as the fleet file does.
//! A request the service refuses stops the start, naming `file:line` and the code.
//!
//! ```toml
//! [[CreateCommand]]
//! _name = "hello"
//! CommandName = "hello"
//! Content = "ZWNobyBoZWxsbw=="
//!
//! [[CreateInvoker]]
//! Name = "nightly"
//! Type = "SCHEDULE"
//! CommandId = { seed = "hello" }
//! InstanceIds = ["ins-abc12345"]
//! ScheduleSettings = { Policy = "RECURRENCE", Recurrence = "0 2 * * *" }
//! ```

use crate::auth::{Caller, DEFAULT_ACCOUNT};
use crate::behaviour::ControlRequest;
use crate::dispatch::Dispatcher;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The region a seed lands in unless it says `_region`.
pub const DEFAULT_REGION: &str = "ap-guangzhou";
/// The largest seed file read.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// One request of a seed file: where it is, what it calls, and with what.
#[derive(Debug, Clone)]
pub struct SeedEntry {
    /// `file:line` (TOML), or `file: Action[i]` (JSON).
    pub place: String,
    pub action: String,
    pub params: Map<String, Value>,
}

/// A seed file's requests, in the file's order.
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    pub entries: Vec<SeedEntry>,
}

impl Seeds {
    /// Reads a seed file: JSON when its name ends `.json`, else TOML.
    pub fn read(path: &Path) -> Result<Seeds, String> {
        let name = path.display().to_string();
        let text = read_text(path).map_err(|e| format!("{name}: {e}"))?;
        if path.extension().is_some_and(|e| e == "json") {
            Seeds::from_json(&text, &name)
        } else {
            Seeds::from_toml(&text, &name)
        }
    }

    /// A TOML seed; entries keep the file's order and their line.
    pub fn from_toml(text: &str, file: &str) -> Result<Seeds, String> {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line = |offset: usize| line_starts.partition_point(|s| *s <= offset);
        type Spanned = toml::Spanned<Map<String, Value>>;
        let parsed: BTreeMap<String, Vec<Spanned>> = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(1, |s| line(s.start));
            format!("{file}:{at}: {}", e.message())
        })?;
        let mut placed: Vec<(usize, SeedEntry)> = Vec::new();
        for (action, entries) in parsed {
            for entry in entries {
                let start = entry.span().start;
                let place = format!("{file}:{}", line(start));
                let params = entry.into_inner();
                placed.push((
                    start,
                    SeedEntry {
                        place,
                        action: action.clone(),
                        params,
                    },
                ));
            }
        }
        placed.sort_by_key(|(start, _)| *start);
        Ok(Seeds {
            entries: placed.into_iter().map(|(_, e)| e).collect(),
        })
    }

    /// A JSON seed: `{"CreateCommand": [{…}, …], …}`, actions in the file's order.
    pub fn from_json(text: &str, file: &str) -> Result<Seeds, String> {
        let parsed: serde_json::Map<String, Value> =
            serde_json::from_str(text).map_err(|e| format!("{file}:{}: {e}", e.line()))?;
        let mut entries = Vec::new();
        for (action, list) in parsed {
            let Value::Array(list) = list else {
                return Err(format!("{file}: `{action}` must hold a list of requests"));
            };
            for (i, params) in list.into_iter().enumerate() {
                let Value::Object(params) = params else {
                    return Err(format!("{file}: {action}[{i}] must be an object"));
                };
                let place = format!("{file}: {action}[{i}]");
                entries.push(SeedEntry {
                    place,
                    action: action.clone(),
                    params,
                });
            }
        }
        Ok(Seeds { entries })
    }

    /// Makes every seed of `account` (every seed for `None`), in order.
    pub fn apply(&self, dispatcher: &Dispatcher, account: Option<&str>) -> Result<usize, String> {
        let mut made: BTreeMap<String, String> = BTreeMap::new();
        let mut count = 0;
        for entry in &self.entries {
            let mut params = entry.params.clone();
            let text = |key: &str, params: &mut Map<String, Value>| {
                params
                    .remove(key)
                    .and_then(|v| v.as_str().map(str::to_string))
            };
            let name = text("_name", &mut params);
            let owner = text("_account", &mut params).unwrap_or_else(|| DEFAULT_ACCOUNT.into());
            let region = text("_region", &mut params).unwrap_or_else(|| DEFAULT_REGION.into());
            if account.is_some_and(|a| a != owner) {
                continue;
            }
            let mut params = Value::Object(params);
            resolve(&mut params, &made).map_err(|e| format!("{}: {e}", entry.place))?;
            let id = one(dispatcher, entry, params, &owner, &region)?;
            if let (Some(name), Some(id)) = (name, id) {
                made.insert(name, id);
            }
            count += 1;
        }
        Ok(count)
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut text,
    )
    .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("larger than {} MiB", MAX_FILE_BYTES >> 20));
    }
    Ok(text)
}

/// Replaces each `{ "seed": NAME }` by the id that seed made.
fn resolve(value: &mut Value, made: &BTreeMap<String, String>) -> Result<(), String> {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("seed") => {
            let name = map["seed"].as_str().unwrap_or_default().to_string();
            let id = made
                .get(&name)
                .ok_or_else(|| format!("no earlier seed is named `{name}`"))?;
            *value = Value::String(id.clone());
            Ok(())
        }
        Value::Object(map) => map.values_mut().try_for_each(|v| resolve(v, made)),
        Value::Array(items) => items.iter_mut().try_for_each(|v| resolve(v, made)),
        _ => Ok(()),
    }
}

/// Makes one seed; the id it made (the answer's first `…Id`), if any.
fn one(
    dispatcher: &Dispatcher,
    entry: &SeedEntry,
    params: Value,
    account: &str,
    region: &str,
) -> Result<Option<String>, String> {
    if entry.action == "instances" {
        return declare_instance(dispatcher, entry, params);
    }
    let action = dispatcher.model.action(&entry.action).ok_or_else(|| {
        format!(
            "{}: the service has no action `{}`",
            entry.place, entry.action
        )
    })?;
    let caller = Caller {
        secret_id: "(seed)".into(),
        account: account.to_string(),
    };
    let answer = dispatcher
        .checked_call(action, &params, &caller, Some(region))
        .map_err(|e| {
            format!(
                "{}: {}: {}: {}",
                entry.place, entry.action, e.code, e.message
            )
        })?;
    let id = answer
        .iter()
        .find(|(k, v)| k.ends_with("Id") && v.is_string())
        .and_then(|(_, v)| v.as_str().map(str::to_string));
    Ok(id)
}

/// `[[instances]]`: a machine of the fleet, as the behaviour's control API declares it.
fn declare_instance(
    dispatcher: &Dispatcher,
    entry: &SeedEntry,
    params: Value,
) -> Result<Option<String>, String> {
    let id = params["id"].as_str().unwrap_or_default().to_string();
    let body = params.to_string();
    let path = format!("instances/{id}");
    let request = ControlRequest {
        method: "PUT",
        path: &path,
        query: "",
        body: body.as_bytes(),
    };
    let answer = dispatcher
        .behaviour
        .as_ref()
        .and_then(|b| b.control(&request));
    match answer {
        Some((200, _)) => Ok(Some(id)),
        Some((_, error)) => Err(format!("{}: instances: {}", entry.place, error["error"])),
        None => Err(format!(
            "{}: this service declares no instances",
            entry.place
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_entries_keep_the_files_order_and_their_lines() {
        let text = "[[CreateInvoker]]\nName = \"i\"\n\n[[CreateCommand]]\n_name = \"c\"\n\n[[CreateInvoker]]\nName = \"j\"\n";
        let seeds = Seeds::from_toml(text, "seed.toml").unwrap();
        let seen: Vec<(&str, &str)> = seeds
            .entries
            .iter()
            .map(|e| (e.action.as_str(), e.place.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                ("CreateInvoker", "seed.toml:1"),
                ("CreateCommand", "seed.toml:4"),
                ("CreateInvoker", "seed.toml:7")
            ]
        );
        let error = Seeds::from_toml("[[CreateCommand]\n", "seed.toml").unwrap_err();
        assert!(error.starts_with("seed.toml:1:"), "{error}");
        assert!(Seeds::from_json("{\"CreateCommand\": 3}", "s.json").is_err());
    }

    #[test]
    fn seed_references_are_resolved() {
        let made = BTreeMap::from([("c".to_string(), "cmd-00000001".to_string())]);
        let mut params = serde_json::json!({"CommandId": {"seed": "c"}, "List": [{"seed": "c"}]});
        resolve(&mut params, &made).unwrap();
        assert_eq!(
            params,
            serde_json::json!({"CommandId": "cmd-00000001", "List": ["cmd-00000001"]})
        );
        let mut missing = serde_json::json!({"CommandId": {"seed": "nope"}});
        assert!(resolve(&mut missing, &made).unwrap_err().contains("nope"));
    }
}
