//! One request through the service's checks, in the order the API applies them:
//! action header, signature, version, action, rate, body, documented limits, then the
//! behaviour (or the documented example).

use crate::api_error::ApiError;
use crate::auth::{Caller, Keyring};
use crate::behaviour::{Behaviour, Call};
use crate::envelope;
use crate::examples::answer_from_examples;
use crate::incoming::Head;
use crate::overview::{CallLog, LoggedCall};
use crate::request_style::{receive, Params, Received, Refused};
use crate::schema_answer::answer_from_schema;
use crate::service_model::ServiceModel;
use crate::stats::Stats;
use crate::throttle::Throttle;
use crate::validate::check_request;
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub struct Dispatcher {
    pub model: ServiceModel,
    pub keyring: Keyring,
    pub throttle: Option<Throttle>,
    pub behaviour: Option<Box<dyn Behaviour>>,
    pub stats: Stats,
    /// The last calls, for the page.
    pub calls: CallLog,
    /// Added to the clock when checking timestamps (tests of expired signatures).
    pub clock_offset: Duration,
}

impl Dispatcher {
    /// The `{"Response": …}` document for a request.
    pub fn handle(&self, mut head: Head<'_>, body: &[u8]) -> Value {
        let started = Instant::now();
        head.read_body(body);
        let request_id = envelope::next_request_id();
        let mut secret_id = String::new();
        let (action, outcome) =
            match receive(&head, body, &self.keyring, self.model.name(), self.now()) {
                Ok(received) => {
                    secret_id.clone_from(&received.caller.secret_id);
                    (received.action.clone(), self.answer(received))
                }
                Err(Refused { action, error }) => (action, Err(error)),
            };
        // Counted under the action's name only when the service has it: made-up names
        // must not grow the counters.
        let action = self.stats_key(&action).to_string();
        self.stats.received(&action);
        self.calls.record(LoggedCall {
            at: SystemTime::now(),
            secret_id,
            action: action.clone(),
            code: outcome.as_ref().err().map(|e| e.code.clone()),
            took: started.elapsed(),
            request_id: request_id.clone(),
        });
        match outcome {
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

    pub(crate) fn now(&self) -> i64 {
        (SystemTime::now() + self.clock_offset)
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }

    /// The name stats count a request under: the action's, or one name for all others.
    pub fn stats_key<'a>(&self, action: &'a str) -> &'a str {
        if self.model.action(action).is_some() {
            action
        } else {
            crate::stats::OTHER_ACTIONS
        }
    }

    fn answer(&self, request: Received<'_>) -> Result<serde_json::Map<String, Value>, ApiError> {
        let action_name = request.action.as_str();
        let caller = &request.caller;
        match request.version.as_deref() {
            None => return Err(ApiError::missing_parameter("X-TC-Version")),
            Some(v) if v != self.model.version() => {
                return Err(ApiError::new(
                    "NoSuchVersion",
                    format!(
                        "The API version `{v}` does not exist; this service is `{}`.",
                        self.model.version()
                    ),
                ))
            }
            Some(_) => {}
        }
        let Some(action) = self.model.action(action_name) else {
            return Err(ApiError::new(
                "InvalidAction",
                format!("The action `{action_name}` does not exist."),
            ));
        };
        if let Some(throttle) = &self.throttle {
            throttle.check(action_name, &caller.secret_id)?;
        }
        let region = request.region.as_deref();
        let region_required = action
            .common_parameters
            .iter()
            .any(|p| p.name == "Region" && p.required == Some(true));
        if region_required && region.is_none_or(|r| r.trim().is_empty()) {
            return Err(ApiError::missing_parameter("X-TC-Region"));
        }
        let body = self.parameters(action, request.params)?;
        self.checked_call(action, &body, caller, region)
    }

    /// A call with parameters `body`, as `caller` in `region`: checked against the
    /// documented limits, then answered. Seeds take this path too.
    pub fn checked_call(
        &self,
        action: &doc_model::ir::Action,
        body: &Value,
        caller: &Caller,
        region: Option<&str>,
    ) -> Result<serde_json::Map<String, Value>, ApiError> {
        check_request(&self.model, action, body)?;
        let params = body.as_object().cloned().unwrap_or_default();
        self.respond(action, &params, caller, region)
    }

    /// The request's parameters as the JSON body the POST style sends: flattened ones are
    /// typed by the action's parameter table, so every style meets the same checks.
    fn parameters(
        &self,
        action: &doc_model::ir::Action,
        params: Params<'_>,
    ) -> Result<Value, ApiError> {
        match params {
            Params::Json([]) => Ok(Value::Object(Default::default())),
            Params::Json(body) => serde_json::from_slice(body).map_err(|e| {
                ApiError::invalid_parameter(format!("The request body is not valid JSON: {e}."))
            }),
            Params::Flat(pairs) => {
                let types = self
                    .model
                    .service
                    .types
                    .iter()
                    .map(|t| (t.name.as_str(), t))
                    .collect();
                let (body, problems) = doc_model::ir::examples::get_form::request_from_pairs(
                    pairs,
                    &action.request,
                    &types,
                );
                match problems.into_iter().next() {
                    Some(problem) => Err(ApiError::invalid_parameter(format!("{problem}."))),
                    None => Ok(body),
                }
            }
        }
    }

    fn respond(
        &self,
        action: &doc_model::ir::Action,
        params: &serde_json::Map<String, Value>,
        caller: &Caller,
        region: Option<&str>,
    ) -> Result<serde_json::Map<String, Value>, ApiError> {
        let call = Call {
            action,
            params,
            caller,
            region,
        };
        if let Some(answer) = self.behaviour.as_ref().and_then(|b| b.handle(&call)) {
            return answer;
        }
        Ok(answer_from_examples(action, params).unwrap_or_else(|| {
            answer_from_schema(&action.response, &|name| self.model.struct_type(name))
        }))
    }
}
