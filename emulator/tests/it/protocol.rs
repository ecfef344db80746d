//! The emulator's side of the protocol, with requests a typed client never sends:
//! signature vectors, shape errors, and every documented limit of every action.

use crate::raw_client::{code, Raw};
use doc_model::ir::boundary::{boundary, SampleJson};
use doc_model::ir::{Action, Field, TypeRef};
use serde_json::{json, Value};
use tencentcloud_emulator::auth::{verify, Keyring};
use tencentcloud_emulator::Emulator;
use tencentcloud_rules::Rule;

#[test]
fn official_signature_vectors_verify() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/tests/data/tc3_vectors.json"
    ))
    .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert!(!vectors.is_empty());
    for v in vectors {
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let mut keyring = Keyring::default();
        keyring.insert(
            s("secret_id"),
            s("secret_key"),
            v["session_token"].as_str().map(str::to_string),
        );
        let mut headers = hyper::HeaderMap::new();
        for (k, val) in [
            ("authorization", s("authorization")),
            ("content-type", s("content_type")),
            ("host", s("host")),
            ("x-tc-timestamp", v["timestamp"].to_string()),
        ] {
            headers.insert(k, val.parse().unwrap());
        }
        if let Some(token) = v["session_token"].as_str() {
            headers.insert("x-tc-token", token.parse().unwrap());
        }
        let now = v["timestamp"].as_i64().unwrap();
        let payload = s("payload");
        let caller = verify(
            &keyring,
            &s("service"),
            "POST",
            "",
            &headers,
            payload.as_bytes(),
            now,
        );
        assert_eq!(
            caller.map(|c| c.secret_id),
            Ok(s("secret_id")),
            "vector {}",
            s("name")
        );
        let tampered = verify(
            &keyring,
            &s("service"),
            "POST",
            "",
            &headers,
            format!("{payload} ").as_bytes(),
            now,
        );
        assert_eq!(
            tampered.unwrap_err().code,
            "AuthFailure.SignatureFailure",
            "vector {}",
            s("name")
        );
    }
}

async fn tat() -> (Emulator, Raw) {
    let emu = tencentcloud_emulator::services::tat::emulator()
        .rate_limits(None)
        .start()
        .await
        .unwrap();
    let raw = Raw::new(emu.url(), "tat", "2020-10-28");
    (emu, raw)
}

#[tokio::test]
async fn shape_errors_have_their_common_codes() {
    let (_emu, raw) = tat().await;
    let r = raw.call("RunCommand", r#"{"Content": "ZWNobw=="}"#).await;
    assert_eq!(
        (
            code(&r),
            r["Error"]["Message"]
                .as_str()
                .unwrap()
                .contains("`InstanceIds`")
        ),
        (Some("MissingParameter"), true)
    );
    let r = raw
        .call(
            "RunCommand",
            r#"{"Content": "ZWNobw==", "InstanceIds": ["ins-1"], "Bogus": 1}"#,
        )
        .await;
    assert_eq!(code(&r), Some("UnknownParameter"));
    let r = raw
        .call(
            "CreateCommand",
            r#"{"CommandName": "a", "Content": "ZWNobw==", "Timeout": "60"}"#,
        )
        .await;
    assert_eq!(code(&r), Some("InvalidParameter"));
    let r = raw
        .call(
            "CreateInvoker",
            r#"{"Name": "a", "Type": "SCHEDULE", "CommandId": "cmd-1", "InstanceIds": ["ins-1"], "ScheduleSettings": {"Policy": "ONCE", "Extra": 1}}"#,
        )
        .await;
    assert_eq!(
        (
            code(&r),
            r["Error"]["Message"]
                .as_str()
                .unwrap()
                .contains("ScheduleSettings.Extra")
        ),
        (Some("UnknownParameter"), true)
    );
    let r = raw.call("DescribeCommands", "not json").await;
    assert_eq!(code(&r), Some("InvalidParameter"));
    let r = raw.call("NoSuchThing", "{}").await;
    assert_eq!(code(&r), Some("InvalidAction"));
    let r = raw
        .call_with("DescribeCommands", "{}", &[("X-TC-Version", "2017-03-12")])
        .await;
    assert_eq!(code(&r), Some("NoSuchVersion"));
    assert!(r["RequestId"].as_str().is_some_and(|id| !id.is_empty()));
    let r = raw.call("DescribeCommands", "{}").await;
    assert_eq!((code(&r), r["TotalCount"].as_i64()), (None, Some(0)));
}

/// The values at a limit and one past it, from the generator's boundary samples (the same
/// ones the generated crates' limit tests use), as the field's JSON. A list repeats the
/// example's first item.
fn at_and_past(rule: &Rule<'_>, field: &Field, example: Option<&Value>) -> Option<(Value, Value)> {
    let boundary = boundary(rule)?;
    let item = example.and_then(Value::as_array).and_then(|a| a.first());
    let at = boundary.accepted.first()?.json_for(field, item)?;
    Some((at, boundary.refused.json_for(field, item)?))
}

fn is_validation_error(response: &Value) -> bool {
    response["Error"]["Message"]
        .as_str()
        .is_some_and(|m| m.contains("docs: \""))
}

/// Every documented limit of every action with a conforming example: at the limit the
/// emulator accepts the value (whatever else it may say), one past it refuses it with a
/// code the page (or the common page) documents, quoting the doc phrase.
#[tokio::test]
async fn every_documented_limit_is_enforced_with_a_documented_code() {
    let (emu, raw) = tat().await;
    let service = &emu.service_model().service;
    let documented = |a: &Action, c: &str| {
        a.errors
            .iter()
            .chain(&service.common_errors)
            .any(|e| e.code == c)
    };
    let mut checked = 0;
    for action in &service.actions {
        let Some(example) = action
            .examples
            .iter()
            .find(|e| e.problems.is_empty())
            .and_then(|e| e.request.as_object())
        else {
            continue;
        };
        for field in action
            .request
            .iter()
            .filter(|f| !f.ty.is_array() || matches!(f.ty, TypeRef::Array { .. }))
        {
            for c in field.constraints.iter().filter(|c| c.path.is_none()) {
                let Some(rule) = c.kind.rule() else { continue };
                let Some((at, past)) = at_and_past(rule, field, example.get(&field.name)) else {
                    continue;
                };
                let mut body = example.clone();
                body.insert(field.name.clone(), at.clone());
                let r = raw
                    .call(&action.name, &Value::Object(body.clone()).to_string())
                    .await;
                assert!(
                    !is_validation_error(&r),
                    "{}.{} at the limit ({}) was refused: {r}",
                    action.name,
                    field.name,
                    c.source
                );
                body.insert(field.name.clone(), past);
                let r = raw
                    .call(&action.name, &Value::Object(body).to_string())
                    .await;
                let got = code(&r).unwrap_or_else(|| {
                    panic!(
                        "{}.{} one past the limit ({}) was accepted",
                        action.name, field.name, c.source
                    )
                });
                assert!(
                    documented(action, got),
                    "{}.{}: `{got}` is not documented",
                    action.name,
                    field.name
                );
                assert!(
                    r["Error"]["Message"].as_str().unwrap().contains(&c.source),
                    "{}: message quotes the doc phrase: {r}",
                    action.name
                );
                checked += 1;
            }
        }
    }
    eprintln!("{checked} documented limits checked at and past the boundary");
    assert!(checked >= 40, "only {checked} limits checked");
}

#[tokio::test]
async fn limits_pick_the_code_that_names_the_problem() {
    let (_emu, raw) = tat().await;
    let long_name = "n".repeat(61);
    let r = raw
        .call(
            "CreateCommand",
            &json!({"CommandName": long_name, "Content": "ZWNobw=="}).to_string(),
        )
        .await;
    assert!(
        code(&r).is_some_and(|c| c.starts_with("InvalidParameterValue")),
        "{r}"
    );
    let bad_url =
        json!({"Content": "ZWNobw==", "InstanceIds": ["ins-1"], "OutputCOSBucketUrl": "http://x"});
    let r = raw.call("RunCommand", &bad_url.to_string()).await;
    assert_eq!(
        code(&r),
        Some("InvalidParameterValue.InvalidOutputCOSBucketUrl"),
        "{r}"
    );
    let params =
        json!({"CommandId": "cmd-1", "InstanceIds": ["ins-1"], "Parameters": "{\"a b\": \"x\"}"});
    let r = raw.call("InvokeCommand", &params.to_string()).await;
    assert_eq!(
        code(&r),
        Some("InvalidParameterValue.ParameterKeyContainsInvalidChar"),
        "{r}"
    );
    let params =
        json!({"CommandId": "cmd-1", "InstanceIds": ["ins-1"], "Parameters": "{\"a\": 1}"});
    let r = raw.call("InvokeCommand", &params.to_string()).await;
    assert_eq!(
        code(&r),
        Some("InvalidParameterValue.ParameterValueNotString"),
        "{r}"
    );
    let filters = json!({"Filters": [{"Name": "no-such-filter", "Values": ["x"]}]});
    let r = raw.call("DescribeCommands", &filters.to_string()).await;
    assert_eq!(code(&r), Some("InvalidParameterValue.InvalidFilter"), "{r}");
    let both =
        json!({"CommandIds": ["cmd-1"], "Filters": [{"Name": "command-id", "Values": ["cmd-1"]}]});
    let r = raw.call("DescribeCommands", &both.to_string()).await;
    assert_eq!(code(&r), Some("InvalidParameter.ConflictParameter"), "{r}");
}

/// Nothing in the emulator is about TAT but the state: another service's drop is served
/// from its own IR — signed with its own name, its limits, its rate, its examples.
#[tokio::test]
async fn another_service_is_served_from_its_drop() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../doc-model/tests/data/demo");
    let emu = Emulator::builder().specs_dir(dir).start().await.unwrap();
    let raw = Raw::new(emu.url(), "demo", "2023-03-03");
    let r = raw.call("ListWidgets", r#"{"Kind": "ROUND"}"#).await;
    assert_eq!(
        (
            code(&r),
            r["TotalCount"].as_i64(),
            r["WidgetSet"].as_array().map(Vec::len)
        ),
        (None, Some(0), Some(0)),
        "{r}"
    );
    assert_eq!(
        code(&raw.call("ListWidgets", r#"{"Kind": "OVAL"}"#).await),
        Some("InvalidParameterValue")
    );
    assert_eq!(
        code(
            &raw.call("ListWidgets", r#"{"Kind": "ROUND", "Limit": 51}"#)
                .await
        ),
        Some("InvalidParameterValue")
    );
    assert_eq!(
        code(&raw.call("DescribeCommands", "{}").await),
        Some("InvalidAction")
    );
    let tat_signed = Raw::new(emu.url(), "tat", "2023-03-03");
    assert_eq!(
        code(&tat_signed.call("ListWidgets", r#"{"Kind": "ROUND"}"#).await),
        Some("AuthFailure.SignatureFailure")
    );
    let mut refused = 0;
    for _ in 0..10 {
        if code(&raw.call("ListWidgets", r#"{"Kind": "ROUND"}"#).await)
            == Some("RequestLimitExceeded")
        {
            refused += 1;
        }
    }
    assert!(
        refused >= 3,
        "5 per second documented; {refused} of 10 refused"
    );
}
