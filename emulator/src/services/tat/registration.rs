//! Registration codes and managed instances from the API's side (CreateRegisterCode,
//! DescribeRegisterCodes, DisableRegisterCodes, DeleteRegisterCodes,
//! DescribeRegisterInstances, ModifyRegisterInstance, DeleteRegisterInstance), and the
//! agents' status (DescribeAutomationAgentStatus) of the fleet and managed instances.
//! Instances register through their agents on the agents' port (`agents/`): a managed
//! instance exists once an agent registered with a code.

use super::agents::hub::Presence;
use super::answers::{describe_table, fields};
use super::codes::documented;
use super::fleet::{AgentState, Instance};
use super::ids::checked_ids;
use super::machines::InstanceKind;
use super::quotas::checked_quota;
use super::state::State;
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::iso;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::{Duration, SystemTime};
/// `EffectiveTime` past this many hours means "permanently valid".
const PERMANENT_HOURS: u64 = 99_999;
/// The expiry a permanently valid code shows.
const PERMANENT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

const REGISTER_CODE_FILTERS: FilterMap =
    &[("register-code-id", FilterField::Member("RegisterCodeId"))];
const REGISTER_INSTANCE_FILTERS: FilterMap = &[
    ("instance-id", FilterField::Member("InstanceId")),
    ("instance-name", FilterField::Member("InstanceName")),
    ("register-status", FilterField::Member("Status")),
    ("local-ip", FilterField::Member("LocalIp")),
    ("register-code-id", FilterField::Member("RegisterCodeId")),
    ("sys-name", FilterField::Member("SystemName")),
    ("tag-key", FilterField::TagKey),
    ("tag-value", FilterField::TagValue),
    ("tag", FilterField::Tag),
];
const AGENT_FILTERS: FilterMap = &[
    ("agent-status", FilterField::Member("AgentStatus")),
    ("environment", FilterField::Member("Environment")),
    ("instance-id", FilterField::Member("InstanceId")),
];

pub fn create_code(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    checked_quota(s, env, call, "REGISTER_CODE")?;
    let id = s.ids.next("rc");
    let value = format!("{:032x}", rand::random::<u128>());
    let now = s.now;
    // EffectiveTime is hours (default 4); past 99,999 the code is permanently valid.
    let hours = call
        .param("EffectiveTime")
        .and_then(Value::as_u64)
        .unwrap_or(4);
    let lasts = if hours > PERMANENT_HOURS {
        PERMANENT
    } else {
        Duration::from_secs(hours * 3600)
    };
    let param = |name: &str, fallback: Value| call.param(name).cloned().unwrap_or(fallback);
    s.register_codes.insert(json!({
        "RegisterCodeId": id, "Description": param("Description", json!("")),
        "InstanceNamePrefix": param("InstanceNamePrefix", json!("")),
        "RegisterLimit": param("RegisterLimit", json!(10)), "ExpiredTime": iso(now + lasts),
        "IpAddressRange": param("IpAddressRange", json!("")), "Enabled": true,
        "RegisteredCount": 0, "CreatedTime": iso(now), "UpdatedTime": iso(now),
    }));
    s.code_values.insert(id.clone(), value.clone());
    fields(json!({ "RegisterCodeId": id, "RegisterCodeValue": value }))
}

/// A code with a given id and value: 100 instances, permanently valid.
pub fn add_code(s: &mut State, id: &str, value: &str) {
    let now = s.now;
    s.register_codes.insert(json!({
        "RegisterCodeId": id, "Description": "given at start", "InstanceNamePrefix": "",
        "RegisterLimit": 100, "ExpiredTime": iso(now + PERMANENT), "IpAddressRange": "",
        "Enabled": true, "RegisteredCount": 0, "CreatedTime": iso(now), "UpdatedTime": iso(now),
    }));
    s.code_values.insert(id.to_string(), value.to_string());
}

pub fn describe_codes(s: &mut State, call: &Call<'_>) -> Answer {
    let (ids, set) = ("RegisterCodeIds", "RegisterCodeSet");
    checked_ids(call, ids, "rc", "RegisterCode")?;
    describe_table(
        &s.register_codes,
        call,
        ids,
        "RegisterCodeId",
        set,
        REGISTER_CODE_FILTERS,
    )
}

/// The codes named by `RegisterCodeIds`, each once, all of which must exist.
fn named_codes(s: &State, call: &Call<'_>) -> Result<Vec<String>, ApiError> {
    checked_ids(call, "RegisterCodeIds", "rc", "RegisterCode")?;
    let ids = call.strings("RegisterCodeIds");
    let mut seen = BTreeSet::new();
    if let Some(twice) = ids.iter().find(|id| !seen.insert(id.as_str())) {
        let code = documented(
            call.action,
            "InvalidParameterValue.ParameterKeyDuplicated",
            "InvalidParameterValue",
        );
        let message = format!("RegisterCodeIds names `{twice}` twice.");
        return Err(ApiError::new(code, message));
    }
    if let Some(missing) = ids.iter().find(|id| s.register_codes.get(id).is_none()) {
        let code = documented(
            call.action,
            "ResourceNotFound.RegisterCodesNotFoundCode",
            "ResourceNotFound",
        );
        return Err(ApiError::not_found(&code, "registration code", missing));
    }
    Ok(ids)
}

pub fn disable_codes(s: &mut State, call: &Call<'_>) -> Answer {
    let now = iso(s.now);
    for id in named_codes(s, call)? {
        if let Some(code) = s.register_codes.get_mut(&id) {
            code["Enabled"] = json!(false);
            code["UpdatedTime"] = json!(now);
        }
    }
    fields(json!({}))
}

pub fn delete_codes(s: &mut State, call: &Call<'_>) -> Answer {
    for id in named_codes(s, call)? {
        s.register_codes.remove(&id);
        s.code_values.remove(&id);
    }
    fields(json!({}))
}

pub fn describe_instances(s: &mut State, call: &Call<'_>) -> Answer {
    let (ids, set) = ("InstanceIds", "RegisterInstanceSet");
    checked_ids(call, ids, "rins", "RegisterInstance")?;
    describe_table(
        &s.register_instances,
        call,
        ids,
        "InstanceId",
        set,
        REGISTER_INSTANCE_FILTERS,
    )
}

/// A managed instance that exists, or the documented errors.
fn managed_instance<'s>(s: &'s mut State, call: &Call<'_>) -> Result<&'s mut Value, ApiError> {
    let id = call.str_param("InstanceId").unwrap_or_default().to_string();
    if InstanceKind::of(&id) != Some(InstanceKind::Managed) {
        let code = documented(
            call.action,
            "InvalidParameterValue.InvalidRegisterInstanceId",
            "InvalidParameterValue",
        );
        let message = format!("`{id}` is not a managed instance id (rins-…).");
        return Err(ApiError::new(code, message));
    }
    let code = documented(
        call.action,
        "ResourceNotFound.RegisterInstanceNotFoundCode",
        "ResourceNotFound",
    );
    let instance = s.register_instances.get_mut(&id);
    instance.ok_or_else(|| ApiError::not_found(&code, "managed instance", &id))
}

pub fn modify_instance(s: &mut State, call: &Call<'_>) -> Answer {
    let name = call.param("InstanceName").cloned().unwrap_or(Value::Null);
    let now = s.now;
    let instance = managed_instance(s, call)?;
    instance["InstanceName"] = name;
    instance["UpdatedTime"] = json!(iso(now));
    fields(json!({}))
}

/// Removes the managed instance; its agent is disconnected, and refused from then on.
pub fn delete_instance(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let instance = managed_instance(s, call)?;
    let id = instance["InstanceId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    s.register_instances.remove(&id);
    env.hub.disconnect(&id);
    fields(json!({}))
}

/// The agents DescribeAutomationAgentStatus reports: a managed instance's is Online
/// while its WebSocket is connected (with the version and environment it announced); a
/// declared instance's is what the fleet says (none when no agent is installed); an
/// undeclared id's is an online Linux agent, unless instances are strict. Listing all
/// shows the fleet's agents in the call's region, the undeclared instances commands ran
/// on, and the managed instances.
pub fn describe_agents(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let asked = call.strings("InstanceIds");
    if let Some(bad) = asked.iter().find(|id| InstanceKind::of(id).is_none()) {
        let code = documented(
            call.action,
            "InvalidParameterValue.InvalidInstanceId",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("`{bad}` is not a valid instance id."),
        ));
    }
    let ids = if asked.is_empty() {
        every_agent(s, env)
    } else {
        asked
    };
    let agents: Vec<Value> = ids
        .iter()
        .filter_map(|id| match InstanceKind::of(id) {
            Some(InstanceKind::Managed) => Some(agent_of(id, env.hub.presence(id))),
            _ => fleet_agent(env, id, s.now),
        })
        .collect();
    let listing = list(agents.iter(), call, "", "InstanceId", AGENT_FILTERS);
    fields(json!({ "AutomationAgentSet": listing.page, "TotalCount": listing.total }))
}

/// Every instance with an agent to report: declared ones, undeclared ones commands ran on,
/// managed ones.
fn every_agent(s: &State, env: &Env<'_>) -> Vec<String> {
    let mut ids: BTreeSet<String> = env.fleet.iter().map(|i| i.id.clone()).collect();
    let ran_on = s
        .tasks
        .newest_first()
        .filter_map(|t| t["InstanceId"].as_str())
        .filter(|id| InstanceKind::of(id) != Some(InstanceKind::Managed));
    ids.extend(ran_on.map(str::to_string));
    let managed = s
        .register_instances
        .newest_first()
        .filter_map(|i| i["InstanceId"].as_str());
    ids.extend(managed.map(str::to_string));
    ids.into_iter().collect()
}

/// A CVM or Lighthouse instance's agent, as the fleet declares it (or an undeclared id's
/// online agent); `None` when it has none to report.
fn fleet_agent(env: &Env<'_>, id: &str, now: SystemTime) -> Option<Value> {
    let undeclared = Instance::undeclared(id);
    let instance = match env.fleet.get(id) {
        Some(declared) => declared,
        None if env.settings.strict_instances => return None,
        None => &undeclared,
    };
    let region = Some(env.scope.region.as_str()).filter(|r| !r.is_empty());
    let elsewhere = !instance.in_region(region) || !instance.of_account(&env.scope.account);
    if instance.agent == AgentState::None || elsewhere {
        return None;
    }
    let online = instance.agent == AgentState::Online;
    Some(json!({
        "InstanceId": id, "Version": instance.agent_version(),
        "LastHeartbeatTime": if online { json!(iso(now)) } else { Value::Null },
        "AgentStatus": if online { "Online" } else { "Offline" },
        "Environment": instance.os.environment(), "SupportFeatures": ["RunCommand"],
    }))
}

fn agent_of(id: &str, presence: Option<Presence>) -> Value {
    let Some(p) = presence else {
        return json!({
            "InstanceId": id, "Version": "", "LastHeartbeatTime": null, "AgentStatus": "Offline",
            "Environment": "Linux", "SupportFeatures": [],
        });
    };
    json!({
        "InstanceId": id, "Version": p.version, "LastHeartbeatTime": iso(p.last_seen),
        "AgentStatus": if p.online { "Online" } else { "Offline" }, "Environment": p.environment,
        "SupportFeatures": ["RunCommand"],
    })
}
