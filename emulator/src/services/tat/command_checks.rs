//! What a command's members must be beyond the limits the tables state (those the
//! request check applies): content that is Base64 of text, a user name a system accepts,
//! an absolute working directory, a COS bucket URL and key prefix as the pages describe
//! them, tags whose keys are not reserved. Each problem answers the code the action's
//! page documents for it.

use super::codes::{documented, documents, first_documented};
use super::shell;
use crate::api_error::ApiError;
use crate::behaviour::Call;
use serde_json::Value;

/// Tag key prefixes Tencent Cloud reserves for its own tags.
const RESERVED_TAG_PREFIXES: [&str; 3] = ["qcloud", "tencent", "project"];
/// Characters no user name on Linux or Windows holds.
const NOT_IN_USER_NAMES: &str = "/\\[]:;|=,+*?<>\"'@ \t\r\n";

/// Every member check a request that sets a command's members passes.
pub fn checked_members(call: &Call<'_>) -> Result<(), ApiError> {
    checked_username(call)?;
    checked_working_directory(call)?;
    checked_cos_bucket(call)?;
    checked_cos_prefix(call)?;
    checked_tags(call)
}

/// The command's content: Base64 (`CommandContentInvalid`) of UTF-8 text
/// (`InvalidContent`); `None` when the call gives none.
pub fn checked_content(call: &Call<'_>) -> Result<Option<String>, ApiError> {
    let Some(content) = call.str_param("Content") else {
        return Ok(None);
    };
    let Some(bytes) = shell::decode_base64_bytes(content) else {
        let code = documented(
            call.action,
            "InvalidParameterValue.CommandContentInvalid",
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            "Content must be the command text encoded in base64.",
        ));
    };
    if String::from_utf8(bytes).is_err() {
        let code = first_documented(
            call.action,
            &[
                "InvalidParameterValue.InvalidContent",
                "InvalidParameterValue.CommandContentInvalid",
            ],
            "InvalidParameterValue",
        );
        return Err(ApiError::new(
            code,
            "Content decodes to bytes that are not UTF-8 text.",
        ));
    }
    Ok(Some(content.to_string()))
}

fn checked_username(call: &Call<'_>) -> Result<(), ApiError> {
    let Some(name) = call.str_param("Username") else {
        return Ok(());
    };
    let valid = !name.is_empty()
        && name.chars().count() <= 64
        && !name
            .chars()
            .any(|c| NOT_IN_USER_NAMES.contains(c) || c.is_control());
    if valid {
        return Ok(());
    }
    let code = first_documented(
        call.action,
        &[
            "InvalidParameterValue.InvalidUsername",
            "InvalidParameter.InvalidUsername",
        ],
        "InvalidParameterValue",
    );
    let message = "Username must be 1 to 64 characters without spaces or any of / \\ [ ] : ; | = , + * ? < > \" ' @.";
    Err(ApiError::new(code, message))
}

fn checked_working_directory(call: &Call<'_>) -> Result<(), ApiError> {
    let Some(dir) = call.str_param("WorkingDirectory").filter(|d| !d.is_empty()) else {
        return Ok(());
    };
    let bytes = dir.as_bytes();
    let windows = bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/');
    let absolute = dir.starts_with('/') || windows;
    if absolute && !dir.chars().any(char::is_control) {
        return Ok(());
    }
    let code = documented(
        call.action,
        "InvalidParameterValue.InvalidWorkingDirectory",
        "InvalidParameterValue",
    );
    let message =
        "WorkingDirectory must be an absolute path (/root, or C:\\Program Files\\… on Windows).";
    Err(ApiError::new(code, message))
}

/// `https://BucketName-APPID.cos.REGION.myqcloud.com`, as the pages' example.
fn checked_cos_bucket(call: &Call<'_>) -> Result<(), ApiError> {
    let Some(url) = call
        .str_param("OutputCOSBucketUrl")
        .filter(|u| !u.is_empty())
    else {
        return Ok(());
    };
    let host = url
        .strip_prefix("https://")
        .map(|h| h.trim_end_matches('/'));
    let labels: Vec<&str> = host.map(|h| h.split('.').collect()).unwrap_or_default();
    let bucket_ok = |b: &str| {
        b.rsplit_once('-').is_some_and(|(name, appid)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !appid.is_empty()
                && appid.chars().all(|c| c.is_ascii_digit())
        })
    };
    let valid = matches!(labels.as_slice(), [bucket, "cos", region, "myqcloud", "com"]
        if bucket_ok(bucket) && !region.is_empty());
    if valid {
        return Ok(());
    }
    let code = documented(
        call.action,
        "InvalidParameterValue.InvalidOutputCOSBucketUrl",
        "InvalidParameterValue",
    );
    let message = "OutputCOSBucketUrl must be https://BucketName-APPID.cos.REGION.myqcloud.com.";
    Err(ApiError::new(code, message))
}

/// The pages' rules: visible characters, at most 60, no leading `/`, no `..` and no `//`.
fn checked_cos_prefix(call: &Call<'_>) -> Result<(), ApiError> {
    let Some(prefix) = call
        .str_param("OutputCOSKeyPrefix")
        .filter(|p| !p.is_empty())
    else {
        return Ok(());
    };
    let valid = prefix.chars().count() <= 60
        && prefix.chars().all(|c| c.is_ascii_graphic())
        && !prefix.starts_with('/')
        && !prefix.contains("..")
        && !prefix.contains("//");
    if valid {
        return Ok(());
    }
    let code = documented(
        call.action,
        "InvalidParameterValue.InvalidOutputCOSKeyPrefix",
        "InvalidParameterValue",
    );
    let message = "OutputCOSKeyPrefix: at most 60 visible characters, not starting with `/`, without `..` or `//`.";
    Err(ApiError::new(code, message))
}

/// Tag keys Tencent Cloud reserves fail the tag operation, where the page documents it.
fn checked_tags(call: &Call<'_>) -> Result<(), ApiError> {
    const CODE: &str = "FailedOperation.TagOperationFailed";
    if !documents(call.action, CODE) {
        return Ok(());
    }
    let tags = call.param("Tags").and_then(Value::as_array);
    let reserved = tags.into_iter().flatten().find_map(|tag| {
        let key = tag["Key"].as_str()?;
        let lower = key.to_ascii_lowercase();
        RESERVED_TAG_PREFIXES
            .iter()
            .any(|p| lower.starts_with(p))
            .then_some(key)
    });
    match reserved {
        Some(key) => Err(ApiError::new(
            CODE,
            format!("Tag key `{key}` starts with a prefix Tencent Cloud reserves (qcloud, tencent, project)."),
        )),
        None => Ok(()),
    }
}
