//! Stateful behaviour of a service, for the actions it models; every other action is
//! answered from its documented examples. A behaviour may also serve a port of its own
//! beside the API ([`PeerPort`]: TAT's agents talk to the service there), read the
//! emulator's clock and act when it moves, and answer control endpoints of its own
//! (TAT: `/_emulator/instances`).

use crate::api_error::ApiError;
use crate::auth::Caller;
use crate::clock::Clock;
use crate::http::listener::Handler;
use crate::overview::Section;
use crate::store::durable::Durable;
use doc_model::ir::Action;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::SystemTime;

/// Options for a service's behaviour, as `key=value` pairs (`--option task-ms=200,500`).
pub type ServiceOptions = BTreeMap<String, String>;

/// One validated call, as a behaviour sees it.
pub struct Call<'a> {
    pub action: &'a Action,
    pub params: &'a Map<String, Value>,
    pub caller: &'a Caller,
    pub region: Option<&'a str>,
}

impl Call<'_> {
    /// A parameter the request gives (not null).
    pub fn param(&self, name: &str) -> Option<&Value> {
        self.params.get(name).filter(|v| !v.is_null())
    }

    pub fn str_param(&self, name: &str) -> Option<&str> {
        self.param(name).and_then(Value::as_str)
    }

    /// A string array parameter (empty when not given).
    pub fn strings(&self, name: &str) -> Vec<String> {
        self.param(name)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The given value, else the page's documented default.
    pub fn param_or_default(&self, name: &str) -> Option<Value> {
        self.param(name).cloned().or_else(|| {
            self.action
                .request
                .iter()
                .find(|f| f.name == name)
                .and_then(|f| f.default_value().cloned())
        })
    }
}

/// Response fields (without `RequestId`), or the error to answer with.
pub type Answer = Result<Map<String, Value>, ApiError>;

/// A request to a behaviour's control endpoints: `path` is what follows `/_emulator/`.
pub struct ControlRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: &'a str,
    pub body: &'a [u8],
}

/// `(HTTP status, JSON body)` of a control request.
pub type ControlAnswer = (u16, Value);

/// What a behaviour found in its durable state when it started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Restored {
    /// Nothing was kept: the emulator starts afresh (and applies its seeds).
    pub empty: bool,
    /// The latest time the kept state saw (the clock does not go back past it).
    pub last_seen: Option<SystemTime>,
}

pub trait Behaviour: Send + Sync {
    /// `None`: this behaviour does not model the action.
    fn handle(&self, call: &Call<'_>) -> Option<Answer>;

    /// The behaviour's own port, if it serves one; the emulator listens for it beside the
    /// API, under the same connection limits.
    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        None
    }

    /// The emulator's clock, given before the first call: the behaviour reads time there.
    fn use_clock(&self, _clock: &Clock) {}

    /// Whether the clock may move to `to` (a behaviour refuses a move that would make it
    /// do more at once than it bounds itself to).
    fn allow_clock_move(&self, _to: SystemTime) -> Result<(), String> {
        Ok(())
    }

    /// The clock moved: act on what became due.
    fn clock_moved(&self) {}

    /// A control request under `/_emulator/` the core does not answer; `None`: not one of
    /// the behaviour's endpoints.
    fn control(&self, _request: &ControlRequest<'_>) -> Option<ControlAnswer> {
        None
    }

    /// The behaviour's control endpoints, as `METHOD /_emulator/path` lines.
    fn control_endpoints(&self) -> &'static [&'static str] {
        &[]
    }

    /// Keep state in `durable` from now on, after reading back what it holds. A behaviour
    /// that keeps no state has nothing to read.
    fn use_durable(&self, _durable: Durable) -> Result<Restored, String> {
        Ok(Restored {
            empty: true,
            last_seen: None,
        })
    }

    /// Forget what calls made: one account's (`Some`), or everything, back to what the
    /// emulator started with.
    fn reset(&self, _account: Option<&str>) -> Result<(), String> {
        Ok(())
    }

    /// What the emulator's page shows of the state, per account and region.
    fn overview(&self) -> Vec<Section> {
        Vec::new()
    }
}

impl Behaviour for Box<dyn Behaviour> {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        (**self).handle(call)
    }

    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        (**self).peer_port()
    }

    fn use_clock(&self, clock: &Clock) {
        (**self).use_clock(clock)
    }

    fn allow_clock_move(&self, to: SystemTime) -> Result<(), String> {
        (**self).allow_clock_move(to)
    }

    fn clock_moved(&self) {
        (**self).clock_moved()
    }

    fn control(&self, request: &ControlRequest<'_>) -> Option<ControlAnswer> {
        (**self).control(request)
    }

    fn control_endpoints(&self) -> &'static [&'static str] {
        (**self).control_endpoints()
    }

    fn use_durable(&self, durable: Durable) -> Result<Restored, String> {
        (**self).use_durable(durable)
    }

    fn reset(&self, account: Option<&str>) -> Result<(), String> {
        (**self).reset(account)
    }

    fn overview(&self) -> Vec<Section> {
        (**self).overview()
    }
}

/// A port of a behaviour's own: the service's peers (TAT: Tencent's agent on each
/// machine) talk to it there, and act on the same state as the API.
pub trait PeerPort: Handler {
    /// What a user is told once it listens at `addr` (the command line prints it).
    fn describe(&self, addr: SocketAddr) -> String;
}
