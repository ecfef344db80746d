//! The control API of a running emulator, beside the service on the same port (the
//! service itself only answers `/`): switch faults on and off, read what it saw, read and
//! move the clock; any other path goes to the behaviour's own endpoints (TAT's fleet).
//!
//! - `POST /_emulator/faults` `{"fault": "status=503@RunCommand%0.5", "times": 2}` or
//!   `{"code": "UnauthorizedOperation.CamAuthFailed", "action": "RunCommand", "after": 2, "times": 1}`
//! - `DELETE /_emulator/faults`
//! - `GET /_emulator/stats?action=RunCommand` → `{"received", "succeeded", "errors": {code: n}}`
//! - `GET /_emulator/clock` → `{"now", "mode"}`; `POST /_emulator/clock` `{"advance": "90m"}`
//!   or `{"set": "2026-12-01T02:00:00+08:00"}`

use crate::behaviour::{Behaviour, ControlAnswer, ControlRequest};
use crate::clock::{iso, Clock, ClockMode};
use crate::faults::{FaultPlan, FaultRule};
use crate::stats::Stats;
use serde_json::{json, Value};
use std::sync::Mutex;
use std::time::SystemTime;

pub const PREFIX: &str = "/_emulator/";

/// What the control API acts on.
pub struct Controls<'a> {
    pub faults: &'a FaultPlan,
    pub stats: &'a Stats,
    pub clock: &'a Clock,
    /// Held while the clock moves, so two moves do not interleave with the behaviour's
    /// catching up.
    pub clock_moves: &'a Mutex<()>,
    pub behaviour: Option<&'a dyn Behaviour>,
}

/// The answer to a control request (`request.path` is the whole path).
pub fn handle(controls: &Controls<'_>, request: &ControlRequest<'_>) -> ControlAnswer {
    let path = request.path.strip_prefix(PREFIX).unwrap_or_default();
    match (request.method, path) {
        ("POST", "faults") => match add_fault(request.body, controls.faults) {
            Ok(()) => (200, json!({ "ok": true })),
            Err(e) => (400, json!({ "error": e })),
        },
        ("DELETE", "faults") => {
            controls.faults.clear();
            (200, json!({ "ok": true }))
        }
        ("GET", "stats") => stats(controls.stats, request.query),
        ("GET", "clock") => (200, clock_state(controls.clock)),
        ("POST", "clock") => match move_clock(controls, request.body) {
            Ok(()) => (200, clock_state(controls.clock)),
            Err(e) => (400, json!({ "error": e })),
        },
        _ => {
            let inner = ControlRequest { path, ..*request };
            let behaviour = controls.behaviour.and_then(|b| b.control(&inner));
            behaviour.unwrap_or_else(|| not_found(controls.behaviour))
        }
    }
}

fn not_found(behaviour: Option<&dyn Behaviour>) -> ControlAnswer {
    let mut endpoints = vec![
        "POST|DELETE /_emulator/faults",
        "GET /_emulator/stats?action=NAME",
        "GET|POST /_emulator/clock",
    ];
    endpoints.extend(behaviour.map(|b| b.control_endpoints()).unwrap_or_default());
    (
        404,
        json!({ "error": "no such control endpoint", "endpoints": endpoints }),
    )
}

fn stats(stats: &Stats, query: &str) -> ControlAnswer {
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

fn clock_state(clock: &Clock) -> Value {
    let mode = match clock.mode() {
        ClockMode::Real => "real",
        ClockMode::Manual => "manual",
    };
    json!({ "now": iso(clock.now()), "mode": mode })
}

/// `{"advance": "90m"}` or `{"set": "…"}`: the behaviour may refuse the move (too much
/// to do at once); once moved, it acts on what became due.
fn move_clock(controls: &Controls<'_>, body: &[u8]) -> Result<(), String> {
    let request: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body must be JSON: {e}"))?;
    let target = target_of(controls.clock, &request)?;
    move_clock_to(controls, target)
}

/// Moves the clock to `target`, if the clock and the behaviour allow it, and lets the
/// behaviour act on what became due.
pub fn move_clock_to(controls: &Controls<'_>, target: SystemTime) -> Result<(), String> {
    let _moving = controls
        .clock_moves
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let now = controls.clock.now();
    controls
        .clock
        .check_target(now, target)
        .map_err(|e| e.to_string())?;
    if let Some(behaviour) = controls.behaviour {
        behaviour.allow_clock_move(target)?;
    }
    controls.clock.move_to(target).map_err(|e| e.to_string())?;
    if let Some(behaviour) = controls.behaviour {
        behaviour.clock_moved();
    }
    Ok(())
}

fn target_of(clock: &Clock, request: &Value) -> Result<SystemTime, String> {
    let text = |key: &str| request.get(key).and_then(Value::as_str);
    match (text("advance"), text("set")) {
        (Some(by), None) => {
            let by = humantime::parse_duration(by)
                .map_err(|e| format!("`advance` wants a duration like \"90m\" or \"24h\": {e}"))?;
            clock.after(by).map_err(|e| e.to_string())
        }
        (None, Some(at)) => {
            let at =
                time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339)
                    .map_err(|e| {
                        format!(
                            "`set` wants an RFC 3339 time like \"2026-12-01T02:00:00+08:00\": {e}"
                        )
                    })?;
            Ok(SystemTime::from(at))
        }
        _ => {
            Err("give one of `advance` (\"90m\") and `set` (\"2026-12-01T02:00:00+08:00\")".into())
        }
    }
}

/// `{"fault": "FAULT[@ACTION][%P]"}` or `{"code": "…", "action": …}`, with optional
/// `times` and `after`.
fn add_fault(body: &[u8], faults: &FaultPlan) -> Result<(), String> {
    let request: Value =
        serde_json::from_slice(body).map_err(|e| format!("the body must be JSON: {e}"))?;
    let count = |key: &str| -> Result<Option<u32>, String> {
        match request.get(key).filter(|v| !v.is_null()) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| format!("`{key}` must be a non-negative integer")),
        }
    };
    let mut rule = match (request["fault"].as_str(), request["code"].as_str()) {
        (Some(text), None) => FaultRule::parse(text)?,
        (None, Some(code)) => FaultRule::code(code),
        _ => {
            return Err(
                "give `fault` (\"status=503@RunCommand%0.5\") or `code` (\"UnauthorizedOperation.CamAuthFailed\")"
                    .into(),
            )
        }
    };
    if let Some(action) = request.get("action").filter(|v| !v.is_null()) {
        let action = action.as_str().ok_or("`action` must be an action name")?;
        rule = rule.for_action(action);
    }
    if let Some(times) = count("times")? {
        rule = rule.times(times);
    }
    if let Some(after) = count("after")? {
        rule = rule.after(after);
    }
    faults.add(rule).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(controls: &Controls<'_>, method: &str, path: &str, body: &str) -> ControlAnswer {
        let request = ControlRequest {
            method,
            path,
            query: "action=RunCommand",
            body: body.as_bytes(),
        };
        handle(controls, &request)
    }

    #[test]
    fn faults_switch_on_and_off_stats_read_back_and_the_clock_moves() {
        let (faults, stats) = (FaultPlan::default(), Stats::default());
        let (clock, moves) = (Clock::new(ClockMode::Manual), Mutex::new(()));
        let controls = Controls {
            faults: &faults,
            stats: &stats,
            clock: &clock,
            clock_moves: &moves,
            behaviour: None,
        };
        let post = |body: &str| call(&controls, "POST", "/_emulator/faults", body);
        assert_eq!(
            post(r#"{"fault": "non-json@RunCommand", "times": 1}"#).0,
            200
        );
        assert_eq!(faults.draw("RunCommand").len(), 1);
        assert!(faults.draw("RunCommand").is_empty(), "fired once");
        assert_eq!(post(r#"{"fault": "explode"}"#).0, 400);
        assert_eq!(post("not json").0, 400);
        assert_eq!(post(r#"{"fault": "status=503", "after": -1}"#).0, 400);
        let (status, body) = post(r#"{"code": "InternalError", "action": "RunCommand"}"#);
        assert_eq!(
            status, 400,
            "a plan without pages refuses every code: {body}"
        );
        post(r#"{"fault": "status=503"}"#);
        assert_eq!(call(&controls, "DELETE", "/_emulator/faults", "").0, 200);
        assert!(faults.draw("X").is_empty());
        stats.received("RunCommand");
        let (status, body) = call(&controls, "GET", "/_emulator/stats", "");
        assert_eq!((status, body["received"].as_u64()), (200, Some(1)));
        let before = clock.now();
        let moved = call(
            &controls,
            "POST",
            "/_emulator/clock",
            r#"{"advance": "90m"}"#,
        );
        assert_eq!(moved.0, 200, "{}", moved.1);
        assert_eq!(clock.now(), before + std::time::Duration::from_secs(5400));
        for bad in [
            r#"{"set": "9999-01-01T00:00:00Z"}"#,
            r#"{"set": "1969-12-31T23:59:59Z"}"#,
            r#"{"set": "2001-01-01T00:00:00Z"}"#,
            r#"{"advance": "soon"}"#,
            r#"{"advance": "1h", "set": "2030-01-01T00:00:00Z"}"#,
        ] {
            let (status, body) = call(&controls, "POST", "/_emulator/clock", bad);
            assert_eq!(status, 400, "{bad}: {body}");
            assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()));
        }
        let (status, body) = call(&controls, "GET", "/_emulator/nothing", "");
        assert_eq!(status, 404);
        assert!(body["endpoints"].to_string().contains("/_emulator/clock"));
    }
}
