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
//! - `GET /_emulator/health` → 200 `{"status": "ready", …}` (503 `{"status": "starting"}`
//!   before, from `readiness.rs`)
//! - `POST /_emulator/reset[?account=NAME]` → the state the emulator started with (its seeds
//!   made again), for every account or one

use crate::behaviour::{Behaviour, ControlAnswer, ControlRequest};
use crate::clock::{iso, Clock, ClockMode};
use crate::dispatch::Dispatcher;
use crate::faults::{FaultPlan, FaultRule};
use crate::seed::Seeds;
use crate::stats::Stats;
use serde_json::{json, Value};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Instant, SystemTime};

pub const PREFIX: &str = "/_emulator/";

/// What the control API acts on.
pub struct Controls<'a> {
    pub faults: &'a FaultPlan,
    pub dispatcher: &'a Dispatcher,
    pub clock: &'a Clock,
    /// Held while the clock moves or the state resets, so neither interleaves with the
    /// other.
    pub clock_moves: &'a Mutex<()>,
    pub seeds: &'a Seeds,
    pub started: Instant,
    pub state_file: Option<&'a Path>,
}

impl Controls<'_> {
    fn behaviour(&self) -> Option<&dyn Behaviour> {
        self.dispatcher.behaviour.as_deref()
    }

    fn stats(&self) -> &Stats {
        &self.dispatcher.stats
    }
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
        ("GET", "stats") => stats(controls.stats(), request.query),
        ("GET", "health") => (200, health(controls)),
        ("POST", "reset") => match reset(controls, request.query) {
            Ok(answer) => (200, answer),
            Err(e) => (500, json!({ "error": e })),
        },
        ("GET", "clock") => (200, clock_state(controls.clock)),
        ("POST", "clock") => match move_clock(controls, request.body) {
            Ok(()) => (200, clock_state(controls.clock)),
            Err(e) => (400, json!({ "error": e })),
        },
        _ => {
            let inner = ControlRequest { path, ..*request };
            let behaviour = controls.behaviour().and_then(|b| b.control(&inner));
            behaviour.unwrap_or_else(|| not_found(controls.behaviour()))
        }
    }
}

fn not_found(behaviour: Option<&dyn Behaviour>) -> ControlAnswer {
    let mut endpoints = vec![
        "GET /_emulator/health",
        "POST /_emulator/reset[?account=NAME]",
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

/// What a health check sees once the emulator serves.
fn health(controls: &Controls<'_>) -> Value {
    let model = &controls.dispatcher.model;
    let accounts: Vec<&str> = controls.dispatcher.keyring.accounts().into_iter().collect();
    json!({
        "status": "ready",
        "version": env!("CARGO_PKG_VERSION"),
        "services": [{
            "name": model.name(), "version": model.version(),
            "actions": model.service.actions.len(),
        }],
        "uptime_seconds": controls.started.elapsed().as_secs(),
        "clock": clock_state(controls.clock),
        "state_file": controls.state_file.map(|f| f.display().to_string()),
        "accounts": accounts,
    })
}

/// Back to the start: the behaviour forgets what calls made (one account's, or all), and
/// the seeds (of that account) are made again.
fn reset(controls: &Controls<'_>, query: &str) -> Result<Value, String> {
    let started = Instant::now();
    let account = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("account="))
        .map(|a| a.to_string())
        .filter(|a| !a.is_empty());
    let _resetting = controls
        .clock_moves
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(behaviour) = controls.behaviour() {
        behaviour.reset(account.as_deref())?;
    }
    let seeded = controls
        .seeds
        .apply(controls.dispatcher, account.as_deref())?;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(json!({ "reset": account.as_deref().unwrap_or("every account"), "seeds": seeded, "ms": ms }))
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
    if let Some(behaviour) = controls.behaviour() {
        behaviour.allow_clock_move(target)?;
    }
    controls.clock.move_to(target).map_err(|e| e.to_string())?;
    if let Some(behaviour) = controls.behaviour() {
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

    fn dispatcher() -> Dispatcher {
        let model = crate::ServiceModel::load(&crate::services::tat::specs_dir()).unwrap();
        Dispatcher {
            model,
            keyring: crate::auth::Keyring::default(),
            throttle: None,
            behaviour: None,
            stats: Stats::default(),
            calls: crate::overview::CallLog::default(),
            clock_offset: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn faults_switch_on_and_off_stats_read_back_and_the_clock_moves() {
        let (faults, dispatcher) = (FaultPlan::default(), dispatcher());
        let (clock, moves, seeds) = (
            Clock::new(ClockMode::Manual),
            Mutex::new(()),
            Seeds::default(),
        );
        let controls = Controls {
            faults: &faults,
            dispatcher: &dispatcher,
            clock: &clock,
            clock_moves: &moves,
            seeds: &seeds,
            started: Instant::now(),
            state_file: None,
        };
        let stats = &dispatcher.stats;
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
        let (status, body) = call(&controls, "GET", "/_emulator/health", "");
        assert_eq!((status, body["status"].as_str()), (200, Some("ready")));
        assert_eq!(body["services"][0]["name"], "tat");
        let (status, body) = call(&controls, "GET", "/_emulator/nothing", "");
        assert_eq!(status, 404);
        assert!(body["endpoints"].to_string().contains("/_emulator/clock"));
    }
}
