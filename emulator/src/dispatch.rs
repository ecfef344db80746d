//! One request through the service's checks, in the order the API applies them:
//! action header, signature, version, action, rate, body, documented limits, then the
//! behaviour (or the documented example).

use crate::api_error::ApiError;
use crate::auth::{verify, Caller, Keyring};
use crate::behaviour::{Behaviour, Call};
use crate::catalog::Catalog;
use crate::envelope;
use crate::examples::answer_from_examples;
use crate::stats::Stats;
use crate::throttle::Throttle;
use crate::validate::check_request;
use hyper::HeaderMap;
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub struct Dispatcher {
    pub catalog: Catalog,
    pub keyring: Keyring,
    pub throttle: Option<Throttle>,
    pub behaviour: Option<Box<dyn Behaviour>>,
    pub stats: Stats,
    /// Added to the clock when checking timestamps (tests of expired signatures).
    pub clock_offset: Duration,
}

/// What a request looks like to the dispatcher.
pub struct Incoming<'a> {
    pub method: &'a str,
    pub query: &'a str,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl Dispatcher {
    /// The `{"Response": …}` document for a request.
    pub fn handle(&self, request: &Incoming<'_>) -> Value {
        let request_id = envelope::next_request_id();
        let action = header(request.headers, "x-tc-action").unwrap_or_default().to_string();
        self.stats.received(&action);
        match self.answer(&action, request) {
            Ok(fields) => {
                tracing::info!(target: "tencentcloud_emulator::requests", request_id, action, "ok");
                self.stats.succeeded(&action);
                envelope::success(fields, &request_id)
            }
            Err(error) => {
                tracing::info!(target: "tencentcloud_emulator::requests", request_id, action, code = error.code, "{}", error.message);
                self.stats.failed(&action, &error.code);
                envelope::error(&error, &request_id)
            }
        }
    }

    fn now(&self) -> i64 {
        (SystemTime::now() + self.clock_offset).duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    }

    fn answer(&self, action_name: &str, request: &Incoming<'_>) -> Result<serde_json::Map<String, Value>, ApiError> {
        if request.method != "POST" {
            return Err(ApiError::new("UnsupportedProtocol", format!("HTTP method {} is not supported; send POST with a JSON body.", request.method)));
        }
        if action_name.is_empty() {
            return Err(ApiError::missing_parameter("X-TC-Action"));
        }
        let caller = verify(&self.keyring, self.catalog.name(), request.method, request.query, request.headers, request.body, self.now())?;
        match header(request.headers, "x-tc-version") {
            None => return Err(ApiError::missing_parameter("X-TC-Version")),
            Some(v) if v != self.catalog.version() => {
                return Err(ApiError::new("NoSuchVersion", format!("The API version `{v}` does not exist; this service is `{}`.", self.catalog.version())))
            }
            Some(_) => {}
        }
        let Some(action) = self.catalog.action(action_name) else {
            return Err(ApiError::new("InvalidAction", format!("The action `{action_name}` does not exist.")));
        };
        if let Some(throttle) = &self.throttle {
            throttle.check(action_name, &caller.secret_id)?;
        }
        let region = header(request.headers, "x-tc-region");
        let region_required = action.common_parameters.iter().any(|p| p.name == "Region" && p.required == Some(true));
        if region_required && region.is_none_or(|r| r.trim().is_empty()) {
            return Err(ApiError::missing_parameter("X-TC-Region"));
        }
        let body: Value = if request.body.is_empty() {
            Value::Object(Default::default())
        } else {
            serde_json::from_slice(request.body).map_err(|e| ApiError::invalid_parameter(format!("The request body is not valid JSON: {e}.")))?
        };
        check_request(&self.catalog, action, &body)?;
        let params = body.as_object().cloned().unwrap_or_default();
        self.respond(action, &params, &caller, region)
    }

    fn respond(
        &self,
        action: &doc_model::ir::Action,
        params: &serde_json::Map<String, Value>,
        caller: &Caller,
        region: Option<&str>,
    ) -> Result<serde_json::Map<String, Value>, ApiError> {
        let call = Call { action, params, caller, region };
        if let Some(answer) = self.behaviour.as_ref().and_then(|b| b.handle(&call)) {
            return answer;
        }
        Ok(answer_from_examples(action, params))
    }
}
