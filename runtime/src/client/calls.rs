//! A client's calls: one validated, serialised, signed and sent (retried where it is
//! safe), by type, by name, or polled by a waiter; and what a call's span records.

use crate::call_options::CallOptions;
use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, Operation};
use crate::contract::wire::{AnyCode, ErrorCode};
use crate::credentials::cache::CachedCredentials;
use crate::credentials::keys::Credentials;
use crate::http_client::HttpRequest;
use crate::rate_limit::ActionRateLimits;
use crate::response_future::{ResponseFuture, Untyped};
use crate::retry::{should_retry, RetryPolicy};
use crate::transport::{AttemptOf, Transport};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tencentcloud_rules::Validate;
use tracing::Instrument;

pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) credentials: CachedCredentials,
    pub(crate) retry: RetryPolicy,
    pub(crate) limits: Option<ActionRateLimits>,
    /// A test double's rules, which answer instead of the network.
    #[cfg(feature = "test-util")]
    pub(crate) rules: Option<crate::test_double::Rules>,
}

/// Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let transport = &self.inner.transport;
        f.debug_struct("Client")
            .field("service", &transport.spec().name)
            .field("endpoint", &transport.base_url())
            .field("region", &transport.region())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Sends a typed request of any action.
    pub fn execute<O: Operation + 'static>(
        &self,
        request: &O,
    ) -> ResponseFuture<O::Response, O::Code> {
        self.call_with(O::SPEC, request, None)
    }

    /// Sends a typed request with this call's own options.
    pub fn execute_with<O: Operation + 'static>(
        &self,
        request: &O,
        options: Option<Box<CallOptions>>,
    ) -> ResponseFuture<O::Response, O::Code> {
        self.call_with(O::SPEC, request, options)
    }

    pub fn region(&self) -> Option<&str> {
        self.inner.transport.region()
    }

    /// Calls any action by name with a JSON body (for actions newer than the crate): signed,
    /// retried by the same policy (a read if its name starts with `Describe`, `Get`,
    /// `List` or `Inquire`, otherwise a mutation), and the answer's envelope and error codes
    /// read as for typed calls; the `Response` object is returned. `call_json_among` gives
    /// the actions a crate knows, so theirs are rate-limited and retried as documented.
    pub fn call_json(
        &self,
        action: &str,
        body: serde_json::Value,
    ) -> ResponseFuture<serde_json::Value, AnyCode> {
        self.call_json_among(&[], action, body)
    }

    /// [`Client::call_json`], with the actions a generated crate declares.
    pub fn call_json_among(
        &self,
        known: &[ActionSpec],
        action: &str,
        body: serde_json::Value,
    ) -> ResponseFuture<serde_json::Value, AnyCode> {
        match crate::any_action::spec_for(known, action) {
            Ok(_) if !body.is_object() => ResponseFuture::refused(SdkError::Validation(
                crate::any_action::not_an_object(&body),
            )),
            Ok(spec) => self.call_with(spec, &AnyBody(body), None),
            Err(refused) => ResponseFuture::refused(SdkError::Validation(refused)),
        }
    }

    /// The request for `action` as it would be sent at `timestamp` (Unix seconds): every
    /// header, signed with `credentials`.
    ///
    /// # Panics
    ///
    /// When the action's name is not visible ASCII, which no generated action's is (a
    /// call through [`Client::call`] answers that with an error instead).
    pub fn sign_request(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: &Credentials,
        timestamp: i64,
    ) -> HttpRequest {
        self.inner
            .transport
            .prepare(action, body, Some(credentials), timestamp)
    }

    /// Validates, signs and sends one call, retrying where it is safe.
    pub fn call<Req, Resp, C>(&self, action: ActionSpec, request: &Req) -> ResponseFuture<Resp, C>
    where
        Req: Serialize + Validate + 'static,
        Resp: 'static,
        C: ErrorCode,
    {
        self.call_with(action, request, None)
    }

    /// [`Client::call`] with the call's own options.
    pub fn call_with<Req, Resp, C>(
        &self,
        action: ActionSpec,
        request: &Req,
        options: Option<Box<CallOptions>>,
    ) -> ResponseFuture<Resp, C>
    where
        Req: Serialize + Validate + 'static,
        Resp: 'static,
        C: ErrorCode,
    {
        let body = match self.body_of(&action, request) {
            Ok(body) => body,
            Err(refused) => return ResponseFuture::refused(refused),
        };
        #[cfg(feature = "test-util")]
        if let Some(rules) = &self.inner.rules {
            return rules.answer(&action, request, &body);
        }
        ResponseFuture::sending(self.send_body(action, body, options))
    }

    /// The request validated and serialised, with its idempotency token when the action
    /// has one; nothing is sent.
    pub(crate) fn body_of<Req, C>(
        &self,
        action: &ActionSpec,
        request: &Req,
    ) -> Result<Vec<u8>, SdkError<C>>
    where
        Req: Serialize + Validate,
        C: ErrorCode,
    {
        request.validate().map_err(SdkError::Validation)?;
        let body = match action.client_token {
            Some(member) => serde_json::to_value(request)
                .map(|value| with_client_token(value, member))
                .and_then(|value| serde_json::to_vec(&value)),
            None => serde_json::to_vec(request),
        };
        body.map_err(SdkError::Serialize)
    }

    /// One poll of a waiter: `body` (the request serialised) sent as a call is, or
    /// answered by a test double's rules.
    pub(crate) fn send_polled<Req: 'static>(
        &self,
        action: ActionSpec,
        request: &Req,
        body: Vec<u8>,
    ) -> Untyped {
        #[cfg(feature = "test-util")]
        if let Some(rules) = &self.inner.rules {
            let answer = rules.untyped(&action, request, &body);
            return Box::pin(std::future::ready(answer));
        }
        let _ = request;
        self.send_body(action, body, None)
    }

    /// Signs and sends a serialised request, retrying where it is safe: the answer's
    /// `Response` object and HTTP status, or the failure with its code still untyped. The
    /// call is one `tencentcloud.call` span: service, action, region, then the attempts
    /// made, the request id, the outcome (and the code of a service error) and the
    /// duration; no key, token or signature is ever a field.
    pub(crate) fn send_body(
        &self,
        action: ActionSpec,
        body: Vec<u8>,
        options: Option<Box<CallOptions>>,
    ) -> Untyped {
        let client = self.clone();
        let service = self.inner.transport.spec().name;
        let region = self.inner.transport.region().unwrap_or("");
        let span = tracing::info_span!(
            "tencentcloud.call",
            service,
            action = action.name,
            region,
            attempt = tracing::field::Empty,
            request_id = tracing::field::Empty,
            outcome = tracing::field::Empty,
            code = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
        );
        let recorded = span.clone();
        Box::pin(
            async move {
                let started = std::time::Instant::now();
                let options = options.as_deref();
                let answer = match client.inner.credentials.get().await {
                    Ok(keys) => {
                        client
                            .send_with_retries(&action, body, &keys, options)
                            .await
                    }
                    Err(e) => Err(e.into()),
                };
                record_outcome(&recorded, &answer, started.elapsed());
                answer
            }
            .instrument(span),
        )
    }

    async fn send_with_retries(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: &Credentials,
        options: Option<&CallOptions>,
    ) -> Result<(u16, crate::answer::ResponseBody), SdkError<AnyCode>> {
        let policy = options
            .and_then(|o| o.retry.as_ref())
            .unwrap_or(&self.inner.retry);
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            if let (Some(limits), Some(rps)) = (&self.inner.limits, action.rate_limit_per_second) {
                limits.until_ready(action.name, rps).await;
            }
            let of = AttemptOf {
                credentials: Some(credentials),
                options,
                number: attempt,
            };
            let sent = self.inner.transport.attempt_with(action, body.clone(), of);
            let (err, kind) = match sent.await {
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            if attempt >= policy.max_attempts.max(1) || !should_retry(kind, action.retry_safe()) {
                return Err(err);
            }
            let delay = policy.backoff(attempt);
            let delay_ms = delay.as_millis() as u64;
            tracing::info!(attempt, ?kind, delay_ms, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }
}

/// The end of a call on its span: request id, outcome (`ok`, or the failure's kind), the
/// code of a service error, and how long the call took.
fn record_outcome(
    span: &tracing::Span,
    answer: &Result<(u16, crate::answer::ResponseBody), SdkError<AnyCode>>,
    took: Duration,
) {
    span.record("duration_ms", took.as_secs_f64() * 1e3);
    let request_id = match answer {
        Ok((_, response)) => Some(response.request_id()),
        Err(SdkError::Service(e)) => e.request_id(),
        Err(_) => None,
    };
    if let Some(id) = request_id {
        span.record("request_id", id);
    }
    let outcome = match answer {
        Ok(_) => "ok",
        Err(SdkError::Service(e)) => {
            span.record("code", e.code());
            "service_error"
        }
        Err(SdkError::Validation(_)) => "validation",
        Err(SdkError::Credentials(_)) => "credentials",
        Err(SdkError::Serialize(_)) => "serialize",
        Err(SdkError::Transport { .. }) => "transport",
        Err(SdkError::Timeout(_)) => "timeout",
        Err(SdkError::Redirected { .. }) => "redirected",
        Err(SdkError::ResponseTooLarge { .. }) => "response_too_large",
        Err(SdkError::Decode { .. }) => "decode",
        Err(SdkError::Interceptor { .. }) => "interceptor",
        Err(SdkError::InvalidOptions(_)) => "invalid_options",
    };
    span.record("outcome", outcome);
}

/// A request body given as JSON: no documented limits to check here, the server checks.
#[derive(Serialize)]
#[serde(transparent)]
struct AnyBody(serde_json::Value);

impl Validate for AnyBody {
    fn validate_into(&self, _path: &str, _out: &mut tencentcloud_rules::Violations) {}
}

/// The request with its idempotency token: the caller's when set, else a fresh UUID.
fn with_client_token(mut request: serde_json::Value, member: &str) -> serde_json::Value {
    if let Some(members) = request.as_object_mut() {
        let given = members
            .get(member)
            .and_then(|v| v.as_str())
            .is_some_and(|token| !token.is_empty());
        if !given {
            let token = serde_json::Value::String(uuid::Uuid::new_v4().to_string());
            members.insert(member.to_string(), token);
        }
    }
    request
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_token_is_filled_only_when_left_out() {
        let filled = with_client_token(serde_json::json!({"Name": "x"}), "ClientToken");
        let token = filled["ClientToken"].as_str().unwrap();
        assert_eq!(uuid::Uuid::parse_str(token).unwrap().get_version_num(), 4);
        let empty = with_client_token(serde_json::json!({"ClientToken": ""}), "ClientToken");
        assert_ne!(empty["ClientToken"], "");
        let kept = with_client_token(serde_json::json!({"ClientToken": "mine"}), "ClientToken");
        assert_eq!(kept["ClientToken"], "mine");
        assert!(ActionSpec::non_idempotent("Run")
            .client_token("ClientToken")
            .retry_safe());
        assert!(!ActionSpec::non_idempotent("Run").retry_safe());
    }

    #[test]
    fn debug_of_a_client_shows_no_keys() {
        let client = Client::builder(crate::contract::spec::TEST_SPEC)
            .credentials(Credentials::new("AKIDEXAMPLE", "SECRETKEY").with_token("TOKEN-123"))
            .http_client(crate::http_client::Unsent)
            .build()
            .unwrap();
        let shown = format!("{client:?}");
        assert!(
            !shown.contains("TOKEN-123") && !shown.contains("SECRETKEY"),
            "{shown}"
        );
        assert!(shown.contains("tat.tencentcloudapi.com"), "{shown}");
    }
}
