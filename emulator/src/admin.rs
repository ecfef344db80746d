//! The control API of a running emulator, beside the service on the same port (the
//! service itself only answers `/`): switch faults on and off, read what it saw.
//!
//! - `POST /_emulator/faults` `{"fault": "status=503@RunCommand%0.5", "times": 2}`
//! - `DELETE /_emulator/faults`
//! - `GET /_emulator/stats?action=RunCommand` → `{"received", "succeeded", "errors": {code: n}}`

use crate::faults::{FaultPlan, FaultRule};
use crate::stats::Stats;
use serde_json::{json, Value};

pub const PREFIX: &str = "/_emulator/";

/// `(HTTP status, JSON body)` for a control request.
pub fn handle(
    method: &str,
    path: &str,
    query: &str,
    body: &[u8],
    faults: &FaultPlan,
    stats: &Stats,
) -> (u16, Value) {
    match (method, path.strip_prefix(PREFIX).unwrap_or_default()) {
        ("POST", "faults") => match add_fault(body, faults) {
            Ok(()) => (200, json!({ "ok": true })),
            Err(e) => (400, json!({ "error": e })),
        },
        ("DELETE", "faults") => {
            faults.clear();
            (200, json!({ "ok": true }))
        }
        ("GET", "stats") => {
            let action = query
                .split('&')
                .find_map(|kv| kv.strip_prefix("action="))
                .unwrap_or_default();
            let s = stats.action(action);
            (
                200,
                json!({ "action": action, "received": s.received, "succeeded": s.succeeded, "errors": s.errors }),
            )
        }
        _ => (
            404,
            json!({ "error": "control endpoints: POST|DELETE /_emulator/faults, GET /_emulator/stats?action=NAME" }),
        ),
    }
}

fn add_fault(body: &[u8], faults: &FaultPlan) -> Result<(), String> {
    let request: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body must be JSON: {e}"))?;
    let text = request["fault"]
        .as_str()
        .ok_or("`fault` is required, e.g. \"status=503@RunCommand%0.5\"")?;
    let mut rule = FaultRule::parse(text)?;
    if let Some(times) = request.get("times").filter(|v| !v.is_null()) {
        let n = times
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or("`times` must be a non-negative integer")?;
        rule = rule.times(n);
    }
    faults.add(rule);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_switch_on_and_off_and_stats_read_back() {
        let (faults, stats) = (FaultPlan::default(), Stats::default());
        let post = |body: &str| {
            handle(
                "POST",
                "/_emulator/faults",
                "",
                body.as_bytes(),
                &faults,
                &stats,
            )
        };
        assert_eq!(
            post(r#"{"fault": "non-json@RunCommand", "times": 1}"#).0,
            200
        );
        assert_eq!(faults.draw("RunCommand").len(), 1);
        assert!(faults.draw("RunCommand").is_empty(), "fired once");
        assert_eq!(post(r#"{"fault": "explode"}"#).0, 400);
        assert_eq!(post("not json").0, 400);
        post(r#"{"fault": "status=503"}"#);
        assert_eq!(
            handle("DELETE", "/_emulator/faults", "", b"", &faults, &stats).0,
            200
        );
        assert!(faults.draw("X").is_empty());
        stats.received("RunCommand");
        let (status, body) = handle(
            "GET",
            "/_emulator/stats",
            "action=RunCommand",
            b"",
            &faults,
            &stats,
        );
        assert_eq!((status, body["received"].as_u64()), (200, Some(1)));
        assert_eq!(
            handle("GET", "/_emulator/nothing", "", b"", &faults, &stats).0,
            404
        );
    }
}
