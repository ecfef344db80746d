//! Registration codes and managed instances from the API's side (CreateRegisterCode,
//! DescribeRegisterCodes, DisableRegisterCodes, DeleteRegisterCodes,
//! DescribeRegisterInstances, ModifyRegisterInstance, DeleteRegisterInstance), quotas
//! counted over what exists (DescribeQuotas), and the agents' status
//! (DescribeAutomationAgentStatus). Instances register through their agents on the agents'
//! port (`agents/`): a managed instance exists once an agent registered with a code.

use super::agents::hub::{Hub, Presence};
use super::answers::{describe_table, documented, fields, InstanceKind};
use super::state::State;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::iso;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

/// The quotas the emulator gives each account (`ResourceQuotaTotal`).
const QUOTAS: [(&str, usize); 2] = [("COMMAND", 500), ("REGISTER_CODE", 100)];
/// The agent version every simulated CVM or Lighthouse instance reports.
const SIMULATED_AGENT_VERSION: &str = "1.1.0";
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

pub fn create_code(s: &mut State, call: &Call<'_>) -> Answer {
    let id = s.ids.next("rc");
    let value = format!("{:032x}", rand::random::<u128>());
    let now = SystemTime::now();
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
    let now = SystemTime::now();
    s.register_codes.insert(json!({
        "RegisterCodeId": id, "Description": "given at start", "InstanceNamePrefix": "",
        "RegisterLimit": 100, "ExpiredTime": iso(now + PERMANENT), "IpAddressRange": "",
        "Enabled": true, "RegisteredCount": 0, "CreatedTime": iso(now), "UpdatedTime": iso(now),
    }));
    s.code_values.insert(id.to_string(), value.to_string());
}

pub fn describe_codes(s: &mut State, call: &Call<'_>) -> Answer {
    let (ids, set) = ("RegisterCodeIds", "RegisterCodeSet");
    describe_table(
        &s.register_codes,
        call,
        ids,
        "RegisterCodeId",
        set,
        REGISTER_CODE_FILTERS,
    )
}

/// The codes named by `RegisterCodeIds`, all of which must exist.
fn named_codes(s: &State, call: &Call<'_>) -> Result<Vec<String>, ApiError> {
    let ids = call.strings("RegisterCodeIds");
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
    let now = iso(SystemTime::now());
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
    let instance = managed_instance(s, call)?;
    instance["InstanceName"] = name;
    instance["UpdatedTime"] = json!(iso(SystemTime::now()));
    fields(json!({}))
}

/// Removes the managed instance; its agent is disconnected, and refused from then on.
pub fn delete_instance(s: &mut State, hub: &Hub, call: &Call<'_>) -> Answer {
    let instance = managed_instance(s, call)?;
    let id = instance["InstanceId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    s.register_instances.remove(&id);
    hub.disconnect(&id);
    fields(json!({}))
}

pub fn describe_quotas(s: &mut State, call: &Call<'_>) -> Answer {
    let mut set = Vec::new();
    for name in call.strings("ResourceNames") {
        let Some((_, total)) = QUOTAS.iter().find(|(n, _)| *n == name) else {
            let code = documented(
                call.action,
                "ResourceUnavailable.InvalidResourceQuotaResourceCode",
                "InvalidParameterValue",
            );
            let message =
                format!("`{name}` is not a resource with a quota (COMMAND, REGISTER_CODE).");
            return Err(ApiError::new(code, message));
        };
        let used = if name == "COMMAND" {
            s.commands.newest_first().count()
        } else {
            s.register_codes.newest_first().count()
        };
        let quota =
            json!({ "ResourceName": name, "ResourceQuotaUsed": used, "ResourceQuotaTotal": total });
        set.push(quota);
    }
    fields(json!({ "GeneralResourceQuotaSet": set }))
}

/// A managed instance's agent is Online while its WebSocket is connected (with the version
/// and environment it announced); a simulated CVM or Lighthouse instance a command was sent
/// to has an online agent; other instances asked for by id are Offline.
pub fn describe_agents(s: &mut State, hub: &Hub, call: &Call<'_>) -> Answer {
    let mut known: Vec<String> = s
        .tasks
        .newest_first()
        .filter_map(|t| t["InstanceId"].as_str().map(str::to_string))
        .filter(|id| InstanceKind::of(id) != Some(InstanceKind::Managed))
        .collect();
    known.sort();
    known.dedup();
    let managed = s
        .register_instances
        .newest_first()
        .filter_map(|i| i["InstanceId"].as_str());
    let managed: Vec<String> = managed.map(str::to_string).collect();
    let asked = call.strings("InstanceIds");
    let ids = if asked.is_empty() {
        [known.clone(), managed].concat()
    } else {
        asked
    };
    let now = SystemTime::now();
    let agents: Vec<Value> = ids
        .iter()
        .map(|id| match InstanceKind::of(id) {
            Some(InstanceKind::Managed) => agent_of(id, hub.presence(id)),
            _ => simulated_agent(id, known.contains(id), now),
        })
        .collect();
    let listing = list(agents.iter(), call, "", "InstanceId", AGENT_FILTERS);
    fields(json!({ "AutomationAgentSet": listing.page, "TotalCount": listing.total }))
}

fn simulated_agent(id: &str, online: bool, now: SystemTime) -> Value {
    json!({
        "InstanceId": id, "Version": SIMULATED_AGENT_VERSION,
        "LastHeartbeatTime": if online { json!(iso(now)) } else { Value::Null },
        "AgentStatus": if online { "Online" } else { "Offline" }, "Environment": "Linux",
        "SupportFeatures": ["RunCommand"],
    })
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
