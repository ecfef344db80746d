//! The client generated crates wrap: a [`Transport`] with credentials (found and kept
//! fresh), retries where they are safe, the documented rates, and idempotency tokens. One
//! call validates, serialises, then sends; only validation, serialisation and the typed
//! decoding are generic, so the rest is compiled once here, not once per action.

use crate::breaker::BreakerSettings;
use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, Operation, ServiceSpec};
use crate::contract::wire::{AnyCode, ErrorCode};
use crate::credentials::cache::CachedCredentials;
use crate::credentials::chain::default_chain;
use crate::credentials::env::process_env;
use crate::credentials::keys::{Credentials, ProvideCredentials};
use crate::proxy::ProxyUrl;
use crate::rate_limit::ActionRateLimits;
use crate::response_future::{ResponseFuture, Untyped};
use crate::retry::{should_retry, RetryPolicy};
use crate::signing::SignedHeaders;
use crate::transport::{BuildError, Endpoint, SignedRequest, Transport, TransportSettings};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;
use tencentcloud_rules::Validate;
use tracing::Instrument;

/// Builds a [`Client`], or a generated crate's client type `C` wrapping one.
pub struct ClientBuilder<C = Client> {
    output: std::marker::PhantomData<fn() -> C>,
    spec: ServiceSpec,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    settings: TransportSettings,
    retry: RetryPolicy,
    rate_limit: bool,
    /// A `.proxy(…)` URL that could not be read, reported by `build()`.
    proxy_error: Option<BuildError>,
}

impl<C: From<Client>> ClientBuilder<C> {
    pub fn new(spec: ServiceSpec) -> Self {
        ClientBuilder {
            output: std::marker::PhantomData,
            spec,
            credentials: None,
            settings: TransportSettings::default(),
            retry: RetryPolicy::disabled(),
            rate_limit: false,
            proxy_error: None,
        }
    }

    /// Every request through this proxy: `http://[user:pass@]host:port` (or `https://…`);
    /// `NO_PROXY` still names hosts reached directly. Without it, `HTTPS_PROXY`,
    /// `HTTP_PROXY` and `NO_PROXY` are honoured, as the official SDKs do. The proxy's
    /// credentials appear in no `Debug`, error or log line.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        match ProxyUrl::parse(&url.into(), "the proxy URL") {
            Ok(proxy) => self.settings.proxy.explicit = Some(proxy),
            Err(e) => self.proxy_error = Some(BuildError::Proxy(e)),
        }
        self
    }

    /// Where `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` are read (default: the process
    /// environment).
    pub fn proxy_environment(
        mut self,
        env: impl Fn(&str) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.settings.proxy.env = Arc::new(env);
        self
    }

    /// Where calls go while the region breaker is open (`ap-guangzhou.tencentcloudapi.com`
    /// becomes `<service>.ap-guangzhou.tencentcloudapi.com`, as in the official SDKs; a URL
    /// is used as it is). The breaker opens after repeated network failures or 5xx
    /// answers from the primary endpoint, never for a 4xx or a service error, and after a
    /// cool-down a probe returns to the primary.
    pub fn backup_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.settings.backup_endpoint = Some(endpoint.into());
        self
    }

    /// The region breaker's thresholds (defaults as the official Go SDK's).
    pub fn region_breaker(mut self, settings: BreakerSettings) -> Self {
        self.settings.breaker = settings;
        self
    }

    /// Which headers the signature covers: by default `x-tc-action` too, so a captured
    /// request cannot be replayed as another action; [`SignedHeaders::Official`] signs
    /// what the official SDKs sign.
    pub fn signed_headers(mut self, signed_headers: SignedHeaders) -> Self {
        self.settings.signed_headers = signed_headers;
        self
    }

    /// Explicit keys; without them the [default chain](crate::credentials::default_chain)
    /// is asked (the environment, the profile file, the CVM instance role).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Keys from a source of your choosing ([`crate::credentials::AssumeRoleProvider`],
    /// [`crate::credentials::WebIdentityProvider`], a chain of your own). Temporary keys are
    /// kept and refreshed before they expire.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// The largest answer read, in bytes (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`](crate::transport::DEFAULT_MAX_RESPONSE_BYTES)); a
    /// larger one is [`SdkError::ResponseTooLarge`] and is not read further.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.settings.max_response_bytes = limit;
        self
    }

    /// Region (`ap-guangzhou`); defaults to `TENCENTCLOUD_REGION`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.settings.region = Some(region.into());
        self
    }

    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.settings.endpoint = endpoint;
        self
    }

    /// Shorthand for `endpoint(Endpoint::Url(url))`.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(Endpoint::Url(url.into()))
    }

    /// `X-TC-Language`: `zh-CN` or `en-US`.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.settings.language = Some(language.into());
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// Whole-request timeout (connect, send, and read the answer).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Wait client-side so no action exceeds its documented requests per second.
    pub fn rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    pub fn build(mut self) -> Result<C, BuildError> {
        if let Some(e) = self.proxy_error {
            return Err(e);
        }
        if self.settings.region.is_none() {
            self.settings.region = process_env("TENCENTCLOUD_REGION");
        }
        let transport = Transport::new(self.spec, self.settings)?;
        let source = self
            .credentials
            .unwrap_or_else(|| Arc::new(default_chain()));
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                transport,
                credentials: CachedCredentials::new(source),
                retry: self.retry,
                limits: self.rate_limit.then(ActionRateLimits::default),
            }),
        }))
    }
}

struct Inner {
    transport: Transport,
    credentials: CachedCredentials,
    retry: RetryPolicy,
    limits: Option<ActionRateLimits>,
}

/// Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
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
    pub fn builder(spec: ServiceSpec) -> ClientBuilder<Client> {
        ClientBuilder::new(spec)
    }

    /// Sends a typed request of any action.
    pub fn execute<O: Operation>(&self, request: &O) -> ResponseFuture<O::Response, O::Code> {
        self.call(O::SPEC, request)
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
            Ok(spec) => self.call(spec, &AnyBody(body)),
            Err(refused) => ResponseFuture::refused(SdkError::Validation(refused)),
        }
    }

    /// Signs a serialised request body for `action` at `timestamp` (Unix seconds).
    pub fn sign_request<'a>(
        &'a self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: &'a Credentials,
        timestamp: i64,
    ) -> SignedRequest<'a> {
        self.inner
            .transport
            .prepare(action, body, Some(credentials), timestamp)
    }

    /// Validates, signs and sends one call, retrying where it is safe.
    pub fn call<Req, Resp, C>(&self, action: ActionSpec, request: &Req) -> ResponseFuture<Resp, C>
    where
        Req: Serialize + Validate,
        C: ErrorCode,
    {
        match self.body_of(&action, request) {
            Ok(body) => ResponseFuture::sending(self.send_body(action, body)),
            Err(refused) => ResponseFuture::refused(refused),
        }
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

    /// Signs and sends a serialised request, retrying where it is safe: the answer's
    /// `Response` object and HTTP status, or the failure with its code still untyped. The
    /// call is one `tencentcloud.call` span: service, action, region, then the attempts
    /// made, the request id, the outcome (and the code of a service error) and the
    /// duration; no key, token or signature is ever a field.
    pub(crate) fn send_body(&self, action: ActionSpec, body: Vec<u8>) -> Untyped {
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
                let answer = match client.inner.credentials.get().await {
                    Ok(credentials) => client.send_with_retries(&action, body, &credentials).await,
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
    ) -> Result<(u16, serde_json::Value), SdkError<AnyCode>> {
        let policy = &self.inner.retry;
        let mut attempt = 1;
        loop {
            tracing::Span::current().record("attempt", attempt);
            if let (Some(limits), Some(rps)) = (&self.inner.limits, action.rate_limit_per_second) {
                limits.until_ready(action.name, rps).await;
            }
            let sent = self
                .inner
                .transport
                .attempt(action, body.clone(), Some(credentials));
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
    answer: &Result<(u16, serde_json::Value), SdkError<AnyCode>>,
    took: Duration,
) {
    span.record("duration_ms", took.as_secs_f64() * 1e3);
    let request_id = match answer {
        Ok((_, response)) => response.get("RequestId").and_then(|v| v.as_str()),
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
        let spec = ServiceSpec {
            name: "tat",
            version: "2020-10-28",
            default_host: "tat.tencentcloudapi.com",
        };
        let client = Client::builder(spec)
            .credentials(Credentials::new("AKIDEXAMPLE", "SECRETKEY").with_token("TOKEN-123"))
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
