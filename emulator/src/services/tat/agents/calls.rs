//! The agent's calls (`POST /agent/invoke`, a JSON object with its `Action`), as
//! `src/network/` of Tencent's agent makes them: who is calling (a signed managed instance,
//! or an agent not yet registered, which may only register), then the action on TAT's
//! state.

use super::hub::{AgentLog, Hub};
use super::registering::{register, text, validate};
use super::signature::{ReplayGuard, SignedHeaders};
use super::tasks;
use crate::api_error::ApiError;
use crate::services::tat::shared::Shared;
use crate::services::tat::state::State;
use crate::services::tat::world::World;
use hyper::HeaderMap;
use serde_json::{json, Map, Value};
use std::net::IpAddr;
use std::time::{SystemTime, UNIX_EPOCH};

/// Who makes a call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// An agent that has not registered: it may only `RegisterInstance`.
    Unregistered,
    /// The agent of this managed instance, its signature verified.
    Instance(String),
}

/// The caller of a call with these headers: a signature is checked against the
/// instance's registered key, its machine, the clock and earlier calls.
pub fn caller(
    shared: &Shared,
    guard: &ReplayGuard,
    headers: &HeaderMap,
) -> Result<Caller, ApiError> {
    if !SignedHeaders::present(headers) {
        return Ok(Caller::Unregistered);
    }
    let signed = SignedHeaders::read(headers).map_err(refused)?;
    let instance = signed.instance_id.clone();
    let (key, machine) = {
        let mut world = shared.lock();
        let record = world
            .of_instance(&instance)
            .and_then(|(_, s)| s.register_instances.get(&instance));
        let Some(record) = record else {
            let message =
                format!("Managed instance `{instance}` is not registered (or was deleted).");
            return Err(ApiError::new("AuthFailure.InvalidAuthorization", message));
        };
        let field = |name: &str| record[name].as_str().unwrap_or_default().to_string();
        (field("PublicKey"), field("MachineId"))
    };
    if machine != signed.machine_id {
        let message = "The MachineId header is not the machine this instance registered from.";
        return Err(ApiError::new("AuthFailure.SignatureFailure", message));
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    signed.verify(&key, now).map_err(refused)?;
    guard.first_use(&signed, now).map_err(refused)?;
    shared.hub.heard_from(&instance, shared.now());
    Ok(Caller::Instance(instance))
}

fn refused(why: super::signature::Refused) -> ApiError {
    use super::signature::Refused;
    let code = match why {
        Refused::Stale => "AuthFailure.SignatureExpire",
        Refused::Missing(_) => "AuthFailure.InvalidAuthorization",
        Refused::Replayed | Refused::Invalid | Refused::BadKey => "AuthFailure.SignatureFailure",
    };
    ApiError::new(code, why.to_string())
}

/// The answer's fields to `action` by `caller`, from `peer`.
pub fn answer(
    shared: &Shared,
    caller: &Caller,
    action: &str,
    params: &Map<String, Value>,
    peer: IpAddr,
) -> Result<Map<String, Value>, ApiError> {
    let instance = match (caller, action) {
        (Caller::Unregistered, "RegisterInstance") => {
            let mut world = shared.lock();
            let answer = register(&mut world, params, peer);
            kept(shared, &mut world)?;
            return answer;
        }
        (Caller::Instance(instance), _) => instance.as_str(),
        (Caller::Unregistered, _) => {
            let message = format!("`{action}` needs the signed headers of a registered instance.");
            return Err(ApiError::new("AuthFailure.InvalidAuthorization", message));
        }
    };
    let mut world = shared.lock();
    let Some((_, s)) = world.of_instance(instance) else {
        let message = format!("Managed instance `{instance}` is not registered (or was deleted).");
        return Err(ApiError::new("AuthFailure.InvalidAuthorization", message));
    };
    let answer = act(shared, s, instance, action, params);
    kept(shared, &mut world)?;
    answer
}

/// Keeps what a call changed before it is answered.
fn kept(shared: &Shared, world: &mut World) -> Result<(), ApiError> {
    shared.save(world).map_err(|e| {
        ApiError::new(
            "InternalError",
            format!("The change could not be kept: {e}."),
        )
    })
}

/// The action of a registered instance's agent.
fn act(
    shared: &Shared,
    s: &mut State,
    instance: &str,
    action: &str,
    params: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    match action {
        "RegisterInstance" => Err(ApiError::new(
            "InvalidParameterValue.AlreadyRegistered",
            format!("This agent is already managed instance `{instance}`."),
        )),
        "ValidateInstance" => validate(s, instance, params),
        "DescribeTasks" => tasks::describe(s, instance),
        "ReportTaskStart" => tasks::start(s, instance, params),
        "UploadTaskLog" => tasks::upload(s, instance, params),
        "ReportTaskFinish" => tasks::finish(s, instance, params),
        "CheckUpdate" => Ok(json!({ "NeedUpdate": false }).as_object().cloned().unwrap_or_default()),
        "ReportAgentLog" => {
            keep_log(&shared.hub, instance, params, s.now);
            Ok(Map::new())
        }
        "GetCosCredential" => Err(ApiError::new(
            "UnsupportedOperation.CosUpload",
            "The emulator gives no COS credentials: output is kept in the task (TaskResult.Output); leave OutputCOSBucketUrl empty.",
        )),
        other => Err(ApiError::new(
            "InvalidAction",
            format!("The agent action `{}` does not exist.", other.chars().take(64).collect::<String>()),
        )),
    }
}

/// `ReportAgentLog`: kept (the newest lines) and logged.
fn keep_log(hub: &Hub, instance: &str, params: &Map<String, Value>, now: SystemTime) {
    let line = AgentLog {
        instance_id: instance.to_string(),
        level: text(params, "LogLevel"),
        version: text(params, "AgentVersion"),
        text: params
            .get("LogInfo")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .chars()
            .take(4096)
            .collect(),
        at: now,
    };
    tracing::warn!(
        target: "tencentcloud_emulator::agents",
        instance = line.instance_id, level = line.level, "agent log: {}", line.text
    );
    hub.log(line);
}
