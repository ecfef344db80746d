//! Quotas: what DescribeQuotas reports (`COMMAND`, `REGISTER_CODE`: used and total), and
//! the Create actions refused once a quota is used up, with the code their page documents
//! (`ResourceUnavailable.UserHasNoQuotaCode`), else the common `LimitExceeded`.

use super::answers::fields;
use super::codes::documented;
use super::state::State;
use super::world::Env;
use crate::api_error::ApiError;
use crate::behaviour::{Answer, Call};
use serde_json::json;

/// How much of `resource` exists.
fn used(s: &State, resource: &str) -> usize {
    match resource {
        "COMMAND" => s.commands.len(),
        "REGISTER_CODE" => s.register_codes.len(),
        _ => 0,
    }
}

/// Refuses creating one more `resource` once its quota is used up.
pub fn checked_quota(
    s: &State,
    env: &Env<'_>,
    call: &Call<'_>,
    resource: &str,
) -> Result<(), ApiError> {
    let Some(total) = env.settings.quota(resource) else {
        return Ok(());
    };
    let used = used(s, resource) as u64;
    if used < total {
        return Ok(());
    }
    let code = documented(
        call.action,
        "ResourceUnavailable.UserHasNoQuotaCode",
        "LimitExceeded",
    );
    let message = format!("The {resource} quota is used up ({used} of {total}).");
    Err(ApiError::new(code, message))
}

pub fn describe(s: &mut State, env: &Env<'_>, call: &Call<'_>) -> Answer {
    let mut set = Vec::new();
    for name in call.strings("ResourceNames") {
        let Some(total) = env.settings.quota(&name) else {
            let code = documented(
                call.action,
                "ResourceUnavailable.InvalidResourceQuotaResourceCode",
                "InvalidParameterValue",
            );
            let known: Vec<&str> = env.settings.quotas.keys().map(String::as_str).collect();
            let message = format!(
                "`{}` is not a resource with a quota ({}).",
                name.chars().take(64).collect::<String>(),
                known.join(", ")
            );
            return Err(ApiError::new(code, message));
        };
        set.push(json!({
            "ResourceName": name, "ResourceQuotaUsed": used(s, &name), "ResourceQuotaTotal": total,
        }));
    }
    fields(json!({ "GeneralResourceQuotaSet": set }))
}
