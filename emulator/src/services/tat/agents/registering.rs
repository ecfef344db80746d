//! An agent becoming a managed instance (`RegisterInstance`, what
//! `tat_agent register REGION CODE_ID CODE_VALUE` sends) and confirming it at start
//! (`ValidateInstance`). Registering takes a code from CreateRegisterCode: its value, while
//! it is enabled and unexpired, up to its `RegisterLimit`, from an address in its
//! `IpAddressRange`; the agent's RSA public key is kept to check its later calls.

use super::signature::public_key_der;
use crate::api_error::ApiError;
use crate::auth::constant_time_eq;
use crate::services::tat::state::State;
use crate::services::tat::world::World;
use crate::store::table::{iso, parse_iso};
use serde_json::{json, Map, Value};
use std::net::IpAddr;

/// The longest host name, address or system name kept from an agent.
const LONGEST_TEXT: usize = 256;
/// The documented limit of a managed instance's name (ModifyRegisterInstance).
const LONGEST_NAME: usize = 60;

/// A text parameter of an agent's call, cut to [`LONGEST_TEXT`] characters.
pub fn text(params: &Map<String, Value>, name: &str) -> String {
    let value = params.get(name).and_then(Value::as_str).unwrap_or_default();
    value.chars().take(LONGEST_TEXT).collect()
}

/// `RegisterInstance`: the new managed instance's id. The instance belongs to the account
/// and region of the code it registered with.
pub fn register(
    world: &mut World,
    params: &Map<String, Value>,
    peer: IpAddr,
) -> Result<Map<String, Value>, ApiError> {
    let code_id = text(params, "ActiveCode");
    let Some((_, s)) = world.of_code(&code_id) else {
        let code = "ResourceNotFound.RegisterCodesNotFoundCode";
        return Err(ApiError::not_found(code, "registration code", &code_id));
    };
    let code = usable_code(s, &code_id, &text(params, "ActiveValue"), peer)?;
    let public_key = params
        .get("PublicKey")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if public_key_der(public_key).is_none() {
        let message =
            "PublicKey is not a PKCS#1 RSA public key in PEM (`-----BEGIN RSA PUBLIC KEY-----`).";
        return Err(ApiError::new("InvalidParameterValue.PublicKey", message));
    }
    let id = s.ids.next("rins");
    let now = iso(s.now);
    let host = text(params, "Hostname");
    let prefix = code["InstanceNamePrefix"].as_str().unwrap_or_default();
    let name: String = format!("{prefix}{host}")
        .chars()
        .take(LONGEST_NAME)
        .collect();
    let system = match text(params, "SystemName").as_str() {
        "Windows" => "Windows",
        _ => "Linux",
    };
    s.register_instances.insert(json!({
        "RegisterCodeId": code_id, "InstanceId": id, "InstanceName": name,
        "MachineId": text(params, "MachineId"), "SystemName": system, "HostName": host,
        "LocalIp": text(params, "LocalIp"), "PublicKey": public_key, "Status": "Offline",
        "CreatedTime": now, "UpdatedTime": now, "Tags": [],
    }));
    if let Some(code) = s.register_codes.get_mut(&code_id) {
        code["RegisteredCount"] = json!(code["RegisteredCount"].as_u64().unwrap_or(0) + 1);
        code["UpdatedTime"] = json!(now);
    }
    Ok(json!({ "InstanceId": id })
        .as_object()
        .cloned()
        .unwrap_or_default())
}

/// The registration code `code_id`, if `value` is its value and it can register one more
/// instance from `peer`.
fn usable_code(s: &State, code_id: &str, value: &str, peer: IpAddr) -> Result<Value, ApiError> {
    let Some(code) = s.register_codes.get(code_id) else {
        let code = "ResourceNotFound.RegisterCodesNotFoundCode";
        return Err(ApiError::not_found(code, "registration code", code_id));
    };
    let expected = s
        .code_values
        .get(code_id)
        .map(String::as_bytes)
        .unwrap_or_default();
    if !constant_time_eq(expected, value.as_bytes()) {
        let message = "The registration code's value is wrong.";
        return Err(ApiError::new(
            "InvalidParameterValue.RegisterCodeValue",
            message,
        ));
    }
    if code["Enabled"] != json!(true) {
        let message = format!("Registration code `{code_id}` is disabled.");
        return Err(ApiError::new(
            "ResourceUnavailable.RegisterCodeDisabled",
            message,
        ));
    }
    let expired = code["ExpiredTime"]
        .as_str()
        .and_then(parse_iso)
        .is_some_and(|at| at <= s.now);
    if expired {
        let message = format!("Registration code `{code_id}` has expired.");
        return Err(ApiError::new(
            "ResourceUnavailable.RegisterCodeExpired",
            message,
        ));
    }
    let (count, limit) = (
        code["RegisteredCount"].as_u64(),
        code["RegisterLimit"].as_u64(),
    );
    if count.unwrap_or(0) >= limit.unwrap_or(10) {
        let message = format!("Registration code `{code_id}` reached its RegisterLimit.");
        return Err(ApiError::new("LimitExceeded.RegisterLimit", message));
    }
    let range = code["IpAddressRange"].as_str().unwrap_or_default();
    if !range.is_empty() && !in_range(range, peer) {
        let message = format!("{peer} is not in the code's IpAddressRange {range}.");
        return Err(ApiError::new(
            "UnauthorizedOperation.IpAddressNotAllowed",
            message,
        ));
    }
    Ok(code.clone())
}

/// Whether `ip` is in an IPv4 address or CIDR range (`192.168.0.0/16`).
pub fn in_range(range: &str, ip: IpAddr) -> bool {
    let IpAddr::V4(ip) = ip else { return false };
    let (base, bits) = match range.split_once('/') {
        Some((base, bits)) => (base, bits.trim().parse::<u32>().ok()),
        None => (range, Some(32)),
    };
    let (Ok(base), Some(bits @ 0..=32)) = (base.trim().parse::<std::net::Ipv4Addr>(), bits) else {
        return false;
    };
    let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
    u32::from(ip) & mask == u32::from(base) & mask
}

/// `ValidateInstance`: the agent, starting, says which host it is on now.
pub fn validate(
    s: &mut State,
    instance: &str,
    params: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    if let Some(record) = s.register_instances.get_mut(instance) {
        record["HostName"] = json!(text(params, "Hostname"));
        record["LocalIp"] = json!(text(params, "LocalIp"));
        record["UpdatedTime"] = json!(iso(s.now));
    }
    Ok(Map::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_addresses_or_cidr() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(in_range("192.168.0.0/16", ip("192.168.3.4")));
        assert!(!in_range("192.168.0.0/16", ip("10.0.0.1")));
        assert!(in_range("127.0.0.1", ip("127.0.0.1")));
        assert!(in_range("0.0.0.0/0", ip("8.8.8.8")));
        assert!(!in_range("192.168.10.1/10", ip("127.0.0.1")));
        assert!(!in_range("not a range", ip("127.0.0.1")));
        assert!(!in_range("10.0.0.0/33", ip("10.0.0.1")));
    }
}
