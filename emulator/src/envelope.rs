//! The wire envelopes: `{"Response": {..., "RequestId"}}` and its `Error` form.

use crate::api_error::ApiError;
use serde_json::{json, Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};

/// Request ids shaped like the service's (UUID text), unique per emulator process.
pub fn next_request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let salt: u32 = rand::random();
    format!("{salt:08x}-0000-4000-8000-{n:012x}")
}

/// `{"Response": {fields…, "RequestId"}}`; a `RequestId` already in `fields` is replaced.
pub fn success(fields: Map<String, Value>, request_id: &str) -> Value {
    let mut response = fields;
    response.insert("RequestId".into(), Value::from(request_id));
    json!({ "Response": response })
}

pub fn error(error: &ApiError, request_id: &str) -> Value {
    json!({ "Response": { "Error": { "Code": error.code, "Message": error.message }, "RequestId": request_id } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelopes_have_the_documented_shape() {
        let ok = success(
            Map::from_iter([("CommandId".to_string(), json!("cmd-1"))]),
            "r1",
        );
        assert_eq!(
            ok,
            json!({"Response": {"CommandId": "cmd-1", "RequestId": "r1"}})
        );
        let err = error(&ApiError::new("InvalidAction", "no"), "r2");
        assert_eq!(
            err,
            json!({"Response": {"Error": {"Code": "InvalidAction", "Message": "no"}, "RequestId": "r2"}})
        );
        assert_ne!(next_request_id(), next_request_id());
    }
}
