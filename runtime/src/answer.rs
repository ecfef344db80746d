//! Reading an answer. The envelope (`Response`, its `Error`, the `RequestId`) is read once
//! without the action's types, so the transport, retries and this reading are compiled
//! once in the runtime; only the last step, the typed response or error code, is generic.
//! The `Response` object is kept as received ([`ResponseBody`]: its text, not a tree of
//! values), so a success is decoded from its bytes once, into its type.

use crate::contract::error::{SdkError, ServiceError};
use crate::contract::spec::ActionSpec;
use crate::contract::wire::{AnyCode, ErrorCode};
use crate::retry::FailureKind;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// A success's `Response` object, as its JSON text, and its `RequestId`.
#[derive(Debug)]
pub struct ResponseBody {
    text: Box<RawValue>,
    request_id: String,
}

impl ResponseBody {
    /// The `Response` object's JSON text.
    pub fn text(&self) -> &str {
        self.text.get()
    }

    pub fn request_id(&self) -> &str {
        &self.request_id
    }

    /// A `Response` object made in a test.
    #[cfg(test)]
    pub(crate) fn of(value: &Value) -> Self {
        let text = serde_json::value::to_raw_value(value).expect("JSON");
        let request_id = value["RequestId"].as_str().unwrap_or("test").to_string();
        ResponseBody { text, request_id }
    }
}

/// `{"Response": …}`, the member kept as text.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "Response", borrow)]
    response: Option<&'a RawValue>,
}

/// What the envelope's reading needs of `Response`: its `Error` (a member present even when
/// `null`) and its `RequestId`; the other members are skipped, not built.
#[derive(Deserialize)]
struct Head {
    #[serde(rename = "Error", default, deserialize_with = "present")]
    error: Option<Value>,
    #[serde(rename = "RequestId", default)]
    request_id: Option<Value>,
}

/// A member that is there, whatever its value (`null` included).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Reads `{"Response": {...}}`, or its `Error` form: the `Response` object of a success,
/// else the failure and whether a retry may help. An answer that is neither (no
/// `RequestId`, an `Error` that is not `{"Code": "…", "Message": "…"}`) is malformed: a
/// decode error, never a success or a service error with an empty code.
pub(crate) fn classify(
    action: &ActionSpec,
    status: u16,
    bytes: &[u8],
) -> Result<ResponseBody, (SdkError<AnyCode>, FailureKind)> {
    let decode = |message: String| {
        let kind = if status >= 500 {
            FailureKind::MaybeProcessed
        } else {
            FailureKind::Final
        };
        (
            SdkError::Decode {
                status,
                message,
                source: None,
            },
            kind,
        )
    };
    let envelope = envelope_of(status, bytes)?;
    let response = envelope.response.filter(|r| r.get().starts_with('{'));
    let Some(response) = response else {
        let message = format!("no `Response` object in the body: {}", snippet(bytes));
        return Err(not_an_answer(status, message, None));
    };
    let head: Head = serde_json::from_str(response.get())
        .map_err(|e| decode(format!("`Response` is not an object: {e}")))?;
    let request_id = head
        .request_id
        .as_ref()
        .and_then(|v| v.as_str())
        .map(str::to_string);
    if let Some(error) = &head.error {
        return Err(match service_error(action, error, request_id) {
            Some(failure) => failure,
            None => decode(format!(
                "`Response.Error` is not {{\"Code\": \"…\", \"Message\": \"…\"}}: {}",
                snippet(bytes)
            )),
        });
    }
    if status >= 300 {
        return Err(decode(format!("HTTP status {status}: {}", snippet(bytes))));
    }
    let Some(request_id) = request_id else {
        return Err(decode(format!(
            "the answer has no `RequestId`: {}",
            snippet(bytes)
        )));
    };
    Ok(ResponseBody {
        text: response.to_owned(),
        request_id,
    })
}

/// The body as JSON: anything else is not an answer of the API.
fn envelope_of(
    status: u16,
    bytes: &[u8],
) -> Result<Envelope<'_>, (SdkError<AnyCode>, FailureKind)> {
    serde_json::from_slice(bytes).map_err(|e| {
        let message = format!("body is not JSON: {}", snippet(bytes));
        not_an_answer(status, message, Some(Box::new(e)))
    })
}

/// A body that is not the API's envelope came from something in between (gateway, proxy,
/// a cut connection): no definite answer, so the call may have run.
fn not_an_answer(
    status: u16,
    message: String,
    source: Option<crate::contract::error::BoxError>,
) -> (SdkError<AnyCode>, FailureKind) {
    (
        SdkError::Decode {
            status,
            message,
            source,
        },
        FailureKind::MaybeProcessed,
    )
}

/// The service error of `Response.Error`, and whether a retry may help; `None` when it is
/// not `{"Code": "…", "Message": "…"}`.
fn service_error(
    action: &ActionSpec,
    error: &Value,
    request_id: Option<String>,
) -> Option<(SdkError<AnyCode>, FailureKind)> {
    let text = |key: &str| error.get(key).and_then(|v| v.as_str());
    let (code, message) = (text("Code")?, text("Message")?);
    let typed = ServiceError::<AnyCode>::new(action.name, code, message.to_string(), request_id);
    let kind = if typed.is_retryable() {
        FailureKind::Throttled
    } else {
        FailureKind::Final
    };
    tracing::debug!(
        code = typed.code(),
        request_id = typed.request_id(),
        "service error"
    );
    Some((SdkError::Service(typed), kind))
}

/// The typed response from a success's `Response` object, decoded from its text.
pub(crate) fn typed_response<Resp: DeserializeOwned, C: ErrorCode>(
    status: u16,
    response: &ResponseBody,
) -> Result<Resp, SdkError<C>> {
    serde_json::from_str(response.text()).map_err(|e| SdkError::Decode {
        status,
        message: format!("response does not match the documented shape: {e}"),
        source: Some(Box::new(e)),
    })
}

fn snippet(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let short: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::wire::UnknownValue;

    const SPEC: ActionSpec = ActionSpec::idempotent("DescribeThings");

    #[derive(Debug, Clone, PartialEq)]
    enum Code {
        Busy,
        Unknown(UnknownValue),
    }

    impl ErrorCode for Code {
        const CODES: &'static [&'static str] = &["ResourceBusy"];
        const VARIANTS: &'static [Self] = &[Code::Busy];
        crate::error_code_fns!();
    }

    #[derive(Debug, serde::Deserialize)]
    struct Things {
        #[serde(rename = "TotalCount")]
        total_count: i64,
    }

    /// A whole answer decoded as a call does after its last attempt.
    fn decode(status: u16, body: &str) -> Result<Things, SdkError<Code>> {
        let response = classify(&SPEC, status, body.as_bytes()).map_err(|(e, _)| e.typed())?;
        typed_response(status, &response)
    }

    #[test]
    fn a_success_decodes_into_the_typed_response() {
        let things = decode(200, r#"{"Response": {"TotalCount": 3, "RequestId": "r"}}"#).unwrap();
        assert_eq!(things.total_count, 3);
    }

    #[test]
    fn an_error_gets_the_actions_code_and_keeps_unknown_ones() {
        let e = decode(200, r#"{"Response": {"Error": {"Code": "ResourceBusy", "Message": "m"}, "RequestId": "r"}}"#).unwrap_err();
        assert_eq!(
            e.as_service_error().map(|s| s.code.clone()),
            Some(Code::Busy)
        );
        let e = decode(
            200,
            r#"{"Response": {"Error": {"Code": "Brand.New", "Message": "m"}, "RequestId": "r"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.as_service_error()
                .map(|s| s.code().to_string())
                .as_deref(),
            Some("Brand.New")
        );
    }

    #[test]
    fn throttling_may_be_retried_and_gateway_pages_may_have_run() {
        let throttled = classify(&SPEC, 200, br#"{"Response": {"Error": {"Code": "RequestLimitExceeded", "Message": "m"}, "RequestId": "r"}}"#);
        assert_eq!(throttled.unwrap_err().1, FailureKind::Throttled);
        let html = classify(&SPEC, 502, b"<html>bad gateway</html>");
        assert_eq!(html.unwrap_err().1, FailureKind::MaybeProcessed);
    }

    #[test]
    fn malformed_answers_are_decode_errors() {
        for body in [
            r#"{"Response": {"TotalCount": 3}}"#,
            r#"{"Response": {"Error": {"Code": 5}, "RequestId": "r"}}"#,
            r#"{"Response": {"TotalCount": "x", "RequestId": "r"}}"#,
        ] {
            assert!(
                matches!(decode(200, body), Err(SdkError::Decode { .. })),
                "{body}"
            );
        }
    }
}
