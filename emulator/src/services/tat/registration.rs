//! Registration codes and managed instances (CreateRegisterCode, DescribeRegisterCodes,
//! DisableRegisterCodes, DeleteRegisterCodes, DescribeRegisterInstances,
//! ModifyRegisterInstance, DeleteRegisterInstance), quotas counted over what exists
//! (DescribeQuotas), and the agents of the instances commands have run on
//! (DescribeAutomationAgentStatus).
//!
//! Instances register through an agent, which the emulator does not run: the managed
//! instance table starts empty and stays so, and its actions answer as the API does for
//! instances that do not exist.

use super::{describe_table, documented, fields, State};
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use crate::store::listing::{list, FilterField, FilterMap};
use crate::store::table::iso;
use serde_json::{json, Value};
use std::time::{Duration, SystemTime};

/// The quotas the emulator gives each account (`ResourceQuotaTotal`).
const QUOTAS: [(&str, usize); 2] = [("COMMAND", 500), ("REGISTER_CODE", 100)];
/// The agent version every emulated instance reports.
const AGENT_VERSION: &str = "1.1.0";

const REGISTER_CODE_FILTERS: FilterMap =
    &[("register-code-id", FilterField::Member("RegisterCodeId"))];
const REGISTER_INSTANCE_FILTERS: FilterMap = &[
    ("instance-id", FilterField::Member("InstanceId")),
    ("instance-name", FilterField::Member("InstanceName")),
    ("register-status", FilterField::Member("Status")),
    ("local-ip", FilterField::Member("LocalIp")),
    ("register-code-id", FilterField::Member("RegisterCodeId")),
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
    // EffectiveTime is hours (default 4); larger than 99,999 it is an expiry in Unix seconds.
    let effective = call
        .param("EffectiveTime")
        .and_then(Value::as_u64)
        .unwrap_or(4);
    let expires = if effective > 99_999 {
        SystemTime::UNIX_EPOCH + Duration::from_secs(effective)
    } else {
        now + Duration::from_secs(effective * 3600)
    };
    let param = |name: &str, fallback: Value| call.param(name).cloned().unwrap_or(fallback);
    s.register_codes.insert(json!({
        "RegisterCodeId": id, "Description": param("Description", json!("")), "InstanceNamePrefix": param("InstanceNamePrefix", json!("")),
        "RegisterLimit": param("RegisterLimit", json!(10)), "ExpiredTime": iso(expires), "IpAddressRange": param("IpAddressRange", json!("")),
        "Enabled": true, "RegisteredCount": 0, "CreatedTime": iso(now), "UpdatedTime": iso(now),
    }));
    fields(json!({ "RegisterCodeId": id, "RegisterCodeValue": value }))
}

pub fn describe_codes(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.register_codes,
        call,
        "RegisterCodeIds",
        "RegisterCodeId",
        "RegisterCodeSet",
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
    }
    fields(json!({}))
}

pub fn describe_instances(s: &mut State, call: &Call<'_>) -> Answer {
    describe_table(
        &s.register_instances,
        call,
        "InstanceIds",
        "InstanceId",
        "RegisterInstanceSet",
        REGISTER_INSTANCE_FILTERS,
    )
}

/// A managed instance that exists, or the documented errors.
fn managed_instance<'s>(s: &'s mut State, call: &Call<'_>) -> Result<&'s mut Value, ApiError> {
    let id = call.str_param("InstanceId").unwrap_or_default().to_string();
    if !id.starts_with("mi-") {
        let code = documented(
            call.action,
            "InvalidParameterValue.InvalidRegisterInstanceId",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            format!("`{id}` is not a managed instance id (mi-…)."),
        ));
    }
    let code = documented(
        call.action,
        "ResourceNotFound.RegisterInstanceNotFoundCode",
        "ResourceNotFound",
    );
    s.register_instances
        .get_mut(&id)
        .ok_or_else(|| ApiError::not_found(&code, "managed instance", &id))
}

pub fn modify_instance(s: &mut State, call: &Call<'_>) -> Answer {
    let name = call.param("InstanceName").cloned().unwrap_or(Value::Null);
    let instance = managed_instance(s, call)?;
    instance["InstanceName"] = name;
    instance["UpdatedTime"] = json!(iso(SystemTime::now()));
    fields(json!({}))
}

pub fn delete_instance(s: &mut State, call: &Call<'_>) -> Answer {
    let id = managed_instance(s, call)?["InstanceId"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    s.register_instances.remove(&id);
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
            return Err(ApiError::new(
                code,
                format!("`{name}` is not a resource with a quota (COMMAND, REGISTER_CODE)."),
            ));
        };
        let used = if name == "COMMAND" {
            s.commands.newest_first().count()
        } else {
            s.register_codes.newest_first().count()
        };
        set.push(
            json!({ "ResourceName": name, "ResourceQuotaUsed": used, "ResourceQuotaTotal": total }),
        );
    }
    fields(json!({ "GeneralResourceQuotaSet": set }))
}

/// Every instance a command was sent to has an online agent; others asked for by id are
/// reported offline.
pub fn describe_agents(s: &mut State, call: &Call<'_>) -> Answer {
    let now = iso(SystemTime::now());
    let mut known: Vec<String> = s
        .tasks
        .newest_first()
        .filter_map(|t| t["InstanceId"].as_str().map(str::to_string))
        .collect();
    known.sort();
    known.dedup();
    let asked = call.strings("InstanceIds");
    let ids = if asked.is_empty() {
        known.clone()
    } else {
        asked
    };
    let agents: Vec<Value> = ids
        .iter()
        .map(|id| {
            let online = known.contains(id);
            json!({
                "InstanceId": id, "Version": AGENT_VERSION, "LastHeartbeatTime": if online { json!(now) } else { Value::Null },
                "AgentStatus": if online { "Online" } else { "Offline" }, "Environment": "Linux", "SupportFeatures": ["RunCommand"],
            })
        })
        .collect();
    let listing = list(agents.iter(), call, "", "InstanceId", AGENT_FILTERS);
    fields(json!({ "AutomationAgentSet": listing.page, "TotalCount": listing.total }))
}
