//! Stateful behaviour of a service, for the actions it models; every other action is
//! answered from its documented examples. A behaviour may also serve a port of its own
//! beside the API ([`PeerPort`]: TAT's agents talk to the service there).

use crate::api_error::ApiError;
use crate::auth::Caller;
use crate::http::listener::Handler;
use doc_model::ir::Action;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;

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

pub trait Behaviour: Send + Sync {
    /// `None`: this behaviour does not model the action.
    fn handle(&self, call: &Call<'_>) -> Option<Answer>;

    /// The behaviour's own port, if it serves one; the emulator listens for it beside the
    /// API, under the same connection limits.
    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        None
    }
}

impl Behaviour for Box<dyn Behaviour> {
    fn handle(&self, call: &Call<'_>) -> Option<Answer> {
        (**self).handle(call)
    }

    fn peer_port(&self) -> Option<Arc<dyn PeerPort>> {
        (**self).peer_port()
    }
}

/// A port of a behaviour's own: the service's peers (TAT: Tencent's agent on each
/// machine) talk to it there, and act on the same state as the API.
pub trait PeerPort: Handler {
    /// What a user is told once it listens at `addr` (the command line prints it).
    fn describe(&self, addr: SocketAddr) -> String;
}
