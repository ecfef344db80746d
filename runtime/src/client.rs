//! The signed HTTP client shared by generated crates.

use crate::answer::{self, AnyCode};
use crate::capped_body::{self, Unread};
use crate::credentials::{self, CachedCredentials, Credentials, ProvideCredentials};
use crate::error::SdkError;
use crate::rate_limit::ActionRateLimits;
use crate::response_future::{ResponseFuture, Untyped};
use crate::retry::{should_retry, FailureKind, RetryPolicy};
use crate::rules::Validate;
use crate::signing::{authorization_header, utc_date, SignedHeaders, SigningInput, SigningKey};
use crate::wire::ErrorCode;
use std::borrow::Cow;
use std::sync::Mutex;

/// A typed request of one action; implemented by every generated request struct.
pub trait Operation: Serialize + Validate {
    type Response: DeserializeOwned;
    /// The action's error codes.
    type Code: ErrorCode;
    const SPEC: ActionSpec;
}
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tracing::Instrument;

const CONTENT_TYPE: &str = "application/json";

/// What a generated crate knows about its service.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSpec {
    /// Signing name and endpoint prefix (`tat`).
    pub name: &'static str,
    pub version: &'static str,
    /// The domain of the doc drop (`tat.intl.tencentcloudapi.com`).
    pub default_host: &'static str,
}

/// What a generated crate knows about one action.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    pub name: &'static str,
    /// Read-only: may be re-sent after a failure that might have reached the server.
    pub idempotent: bool,
    /// The documented requests-per-second limit.
    pub rate_limit_per_second: Option<u32>,
    /// The request member that carries an idempotency token (`ClientToken`): filled per
    /// call when left out, kept across retries, which makes the call safe to retry.
    pub client_token: Option<&'static str>,
}

impl ActionSpec {
    /// A read-only action: safe to re-send after a failure that may have reached the server.
    pub const fn idempotent(name: &'static str) -> Self {
        ActionSpec {
            name,
            idempotent: true,
            rate_limit_per_second: None,
            client_token: None,
        }
    }

    /// An action that may act on the server: never re-sent once it may have arrived.
    pub const fn non_idempotent(name: &'static str) -> Self {
        ActionSpec {
            name,
            idempotent: false,
            rate_limit_per_second: None,
            client_token: None,
        }
    }

    /// With the documented requests-per-second limit.
    pub const fn rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit_per_second = Some(per_second);
        self
    }

    /// With an idempotency token in request member `member`.
    pub const fn client_token(mut self, member: &'static str) -> Self {
        self.client_token = Some(member);
        self
    }

    /// Whether a failure that may have reached the server can be sent again: read-only
    /// actions, and actions whose token lets the server recognise the repeat.
    pub const fn retry_safe(&self) -> bool {
        self.idempotent || self.client_token.is_some()
    }
}

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// The drop's domain (international).
    Default,
    /// `<service>.tencentcloudapi.com` (mainland China).
    Domestic,
    /// `<service>.<region>.tencentcloudapi.com`.
    Regional,
    /// Any base URL (`http://127.0.0.1:9000/`), for emulators and tests.
    Url(String),
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("endpoint URL {0:?} is not an http(s) URL with a host")]
    BadEndpoint(String),
    #[error("the regional endpoint needs a region: call .region(…) or set TENCENTCLOUD_REGION")]
    RegionRequired,
    #[error("the HTTP client could not be created: {0}")]
    Http(String),
}

/// Builds a [`Client`], or a generated crate's client type `C` wrapping one.
pub struct ClientBuilder<C = Client> {
    output: std::marker::PhantomData<fn() -> C>,
    spec: ServiceSpec,
    credentials: Option<Arc<dyn ProvideCredentials>>,
    unsigned: bool,
    region: Option<String>,
    endpoint: Endpoint,
    language: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    rate_limit: bool,
    signed_headers: SignedHeaders,
    max_response_bytes: usize,
}

/// Answers larger than this are refused unless the builder says otherwise: the largest
/// documented answers (pages of 100 items with their outputs) are a few megabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 << 20;

impl<C: From<Client>> ClientBuilder<C> {
    pub fn new(spec: ServiceSpec) -> Self {
        ClientBuilder {
            output: std::marker::PhantomData,
            spec,
            credentials: None,
            unsigned: false,
            region: None,
            endpoint: Endpoint::Default,
            language: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::disabled(),
            rate_limit: false,
            signed_headers: SignedHeaders::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Which headers the signature covers: by default `x-tc-action` too, so a captured
    /// request cannot be replayed as another action; [`SignedHeaders::Official`] signs
    /// what the official SDKs sign.
    pub fn signed_headers(mut self, signed_headers: SignedHeaders) -> Self {
        self.signed_headers = signed_headers;
        self
    }

    /// Explicit keys; without them the [default chain](credentials::default_chain) is
    /// asked (the environment, the profile file, the CVM instance role).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// Keys from a source of your choosing ([`credentials::AssumeRoleProvider`],
    /// [`credentials::WebIdentityProvider`], a chain of your own). Temporary keys are kept
    /// and refreshed before they expire.
    pub fn credentials_provider(self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials_provider_shared(Arc::new(provider))
    }

    pub(crate) fn credentials_provider_shared(
        mut self,
        provider: Arc<dyn ProvideCredentials>,
    ) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Sends requests without a signature (`Authorization: SKIP`), for the few actions
    /// that take other proof (`AssumeRoleWithWebIdentity`).
    pub(crate) fn unsigned(mut self) -> Self {
        self.unsigned = true;
        self
    }

    /// The largest answer read, in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger
    /// one is [`SdkError::ResponseTooLarge`] and is not read further.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Region (`ap-guangzhou`); defaults to `TENCENTCLOUD_REGION`.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Shorthand for `endpoint(Endpoint::Url(url))`.
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.endpoint(Endpoint::Url(url.into()))
    }

    /// `X-TC-Language`: `zh-CN` or `en-US`.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Whole-request timeout (connect, send, and read the answer).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
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

    pub fn build(self) -> Result<C, BuildError> {
        let region = self
            .region
            .or_else(|| credentials::process_env("TENCENTCLOUD_REGION"));
        let base_url = match &self.endpoint {
            Endpoint::Default => format!("https://{}/", self.spec.default_host),
            Endpoint::Domestic => format!("https://{}.tencentcloudapi.com/", self.spec.name),
            Endpoint::Regional => {
                let region = region.as_deref().ok_or(BuildError::RegionRequired)?;
                format!("https://{}.{region}.tencentcloudapi.com/", self.spec.name)
            }
            Endpoint::Url(url) => url.clone(),
        };
        let host = host_of(&base_url).ok_or_else(|| BuildError::BadEndpoint(base_url.clone()))?;
        let credentials = (!self.unsigned).then(|| {
            let source = self
                .credentials
                .unwrap_or_else(|| Arc::new(credentials::default_chain()));
            Arc::new(CachedCredentials::new(source))
        });
        // The API never redirects: a redirect is refused, so nothing (the body, the token)
        // is sent to another host.
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        Ok(C::from(Client {
            inner: Arc::new(Inner {
                spec: self.spec,
                http,
                credentials,
                region,
                base_url,
                host,
                language: self.language,
                timeout: self.timeout,
                retry: self.retry,
                limits: self.rate_limit.then(ActionRateLimits::default),
                signed_headers: self.signed_headers,
                max_response_bytes: self.max_response_bytes,
                signing_key: Mutex::new(None),
            }),
        }))
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

struct Inner {
    spec: ServiceSpec,
    http: reqwest::Client,
    /// `None` for an unsigned client.
    credentials: Option<Arc<CachedCredentials>>,
    region: Option<String>,
    base_url: String,
    host: String,
    language: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    limits: Option<ActionRateLimits>,
    signed_headers: SignedHeaders,
    max_response_bytes: usize,
    /// The day's derived signing key, for the credentials in use.
    signing_key: Mutex<Option<(String, Arc<SigningKey>)>>,
}

/// Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("service", &self.inner.spec.name)
            .field("endpoint", &self.inner.base_url)
            .field("region", &self.inner.region)
            .field("signed", &self.inner.credentials.is_some())
            .finish()
    }
}

/// A request ready to send: the body and every header, signed. Borrows from the client.
#[derive(Clone)]
pub struct SignedRequest<'a> {
    pub url: &'a str,
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    pub body: Vec<u8>,
}

/// Headers whose values are secrets or replayable proofs, never shown.
const REDACTED_HEADERS: [&str; 2] = ["Authorization", "X-TC-Token"];

impl std::fmt::Debug for SignedRequest<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    *name,
                    if REDACTED_HEADERS.contains(name) {
                        "<redacted>"
                    } else {
                        value.as_ref()
                    },
                )
            })
            .collect();
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .finish()
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
        self.inner.region.as_deref()
    }

    /// Signs a serialised request body for `action` at `timestamp` (Unix seconds).
    pub fn sign_request<'a>(
        &'a self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: &'a Credentials,
        timestamp: i64,
    ) -> SignedRequest<'a> {
        self.prepare(action, body, Some(credentials), timestamp)
    }

    /// The request with every header: signed with `credentials`, or `Authorization: SKIP`.
    fn prepare<'a>(
        &'a self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&'a Credentials>,
        timestamp: i64,
    ) -> SignedRequest<'a> {
        let inner = &self.inner;
        let authorization = match credentials {
            Some(credentials) => {
                let input = SigningInput {
                    secret_id: &credentials.secret_id,
                    secret_key: credentials.secret_key.expose(),
                    service: inner.spec.name,
                    host: &inner.host,
                    content_type: CONTENT_TYPE,
                    payload: &body,
                    timestamp,
                    action: action.name,
                    signed_headers: inner.signed_headers,
                };
                let key = self.signing_key(&input);
                authorization_header(&input, &key)
            }
            None => "SKIP".to_string(),
        };
        let mut headers = Vec::with_capacity(9);
        headers.extend([
            ("Authorization", Cow::Owned(authorization)),
            ("Content-Type", Cow::Borrowed(CONTENT_TYPE)),
            ("Host", Cow::Borrowed(inner.host.as_str())),
            ("X-TC-Action", Cow::Borrowed(action.name)),
            ("X-TC-Timestamp", Cow::Owned(timestamp.to_string())),
            ("X-TC-Version", Cow::Borrowed(inner.spec.version)),
        ]);
        if let Some(region) = &inner.region {
            headers.push(("X-TC-Region", Cow::Borrowed(region.as_str())));
        }
        if let Some(token) = credentials.and_then(|c| c.token.as_ref()) {
            headers.push(("X-TC-Token", Cow::Borrowed(token.expose())));
        }
        if let Some(language) = &inner.language {
            headers.push(("X-TC-Language", Cow::Borrowed(language.as_str())));
        }
        SignedRequest {
            url: &inner.base_url,
            headers,
            body,
        }
    }

    /// The cached signing key when it is for this day and secret, else a fresh one.
    fn signing_key(&self, input: &SigningInput<'_>) -> Arc<SigningKey> {
        let mut cache = self
            .inner
            .signing_key
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((secret_id, key)) = cache.as_ref() {
            if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) {
                return key.clone();
            }
        }
        let key = Arc::new(SigningKey::derive(
            input.secret_key,
            &utc_date(input.timestamp),
            input.service,
        ));
        *cache = Some((input.secret_id.to_string(), key.clone()));
        key
    }

    /// Validates, signs and sends one call, retrying where it is safe. Only validation,
    /// serialisation and the typed decoding are generic: the transport, retries and the
    /// reading of the envelope are compiled once here, not once per action.
    pub fn call<Req, Resp, C>(&self, action: ActionSpec, request: &Req) -> ResponseFuture<Resp, C>
    where
        Req: Serialize + Validate,
        C: ErrorCode,
    {
        if let Err(errors) = request.validate() {
            return ResponseFuture::refused(SdkError::Validation(errors));
        }
        let body = match action.client_token {
            Some(member) => serde_json::to_value(request)
                .map(|value| with_client_token(value, member))
                .and_then(|value| serde_json::to_vec(&value)),
            None => serde_json::to_vec(request),
        };
        match body {
            Ok(body) => ResponseFuture::sending(self.send(action, body)),
            Err(e) => ResponseFuture::refused(SdkError::Serialize(e)),
        }
    }

    /// Signs and sends a serialised request, retrying where it is safe: the answer's
    /// `Response` object and HTTP status, or the failure with its code still untyped.
    fn send(&self, action: ActionSpec, body: Vec<u8>) -> Untyped {
        let client = self.clone();
        let span = tracing::info_span!(
            "tencentcloud.call",
            service = self.inner.spec.name,
            action = action.name
        );
        Box::pin(
            async move {
                let credentials = match &client.inner.credentials {
                    Some(source) => Some(source.get().await?),
                    None => None,
                };
                client
                    .send_with_retries(&action, body, credentials.as_ref())
                    .await
            }
            .instrument(span),
        )
    }

    async fn send_with_retries(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
    ) -> Result<(u16, serde_json::Value), SdkError<AnyCode>> {
        let policy = &self.inner.retry;
        let mut attempt = 1;
        loop {
            if let (Some(limits), Some(rps)) = (&self.inner.limits, action.rate_limit_per_second) {
                limits.until_ready(action.name, rps).await;
            }
            let (err, kind) = match self.attempt(action, body.clone(), credentials).await {
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            if attempt >= policy.max_attempts.max(1) || !should_retry(kind, action.retry_safe()) {
                return Err(err);
            }
            let delay = policy.backoff(attempt);
            tracing::debug!(
                attempt,
                ?kind,
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
    ) -> Result<(u16, serde_json::Value), (SdkError<AnyCode>, FailureKind)> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let signed = self.prepare(action, body, credentials, timestamp);
        let mut request = self.inner.http.post(signed.url);
        for (name, value) in &signed.headers {
            if *name != "Host" {
                request = request.header(*name, value.as_ref());
            }
        }
        let response = request
            .body(signed.body)
            .send()
            .await
            .map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|v| shown_location(v.as_bytes()));
            return Err((
                SdkError::Redirected { status, location },
                FailureKind::Final,
            ));
        }
        let bytes = self.read_capped(response).await?;
        answer::classify(action, status, &bytes).map(|response| (status, response))
    }

    /// The answer's body, capped at the configured size (see [`crate::capped_body`]).
    async fn read_capped(
        &self,
        response: reqwest::Response,
    ) -> Result<Vec<u8>, (SdkError<AnyCode>, FailureKind)> {
        let limit = self.inner.max_response_bytes;
        capped_body::read_capped(response, limit)
            .await
            .map_err(|unread| match unread {
                Unread::TooLarge => (SdkError::ResponseTooLarge { limit }, FailureKind::Final),
                Unread::Transport(e) => self.transport_error(e),
            })
    }

    fn transport_error(&self, e: reqwest::Error) -> (SdkError<AnyCode>, FailureKind) {
        if e.is_timeout() {
            return (
                SdkError::Timeout(self.inner.timeout),
                FailureKind::MaybeProcessed,
            );
        }
        let sent = !e.is_connect();
        let kind = if sent {
            FailureKind::MaybeProcessed
        } else {
            FailureKind::NotSent
        };
        (
            SdkError::Transport {
                source: Box::new(e),
                sent,
            },
            kind,
        )
    }
}

/// The request with its idempotency token: the caller's when set, else a fresh UUID.
fn with_client_token(mut request: serde_json::Value, member: &str) -> serde_json::Value {
    if let Some(members) = request.as_object_mut() {
        let given = members
            .get(member)
            .and_then(|v| v.as_str())
            .is_some_and(|token| !token.is_empty());
        if !given {
            members.insert(
                member.to_string(),
                serde_json::Value::String(uuid::Uuid::new_v4().to_string()),
            );
        }
    }
    request
}

/// A redirect's target as shown in the error: printable, and short.
fn shown_location(raw: &[u8]) -> String {
    const SHOWN: usize = 256;
    let text = String::from_utf8_lossy(raw);
    text.chars()
        .filter(|c| !c.is_control())
        .take(SHOWN)
        .collect()
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
    fn debug_of_a_signed_request_hides_the_signature_and_token() {
        let client = Client::builder(ServiceSpec {
            name: "tat",
            version: "2020-10-28",
            default_host: "tat.tencentcloudapi.com",
        })
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRETKEY").with_token("TOKEN-123"))
        .build()
        .unwrap();
        let credentials = Credentials::new("AKIDEXAMPLE", "SECRETKEY").with_token("TOKEN-123");
        let signed = client.sign_request(
            &ActionSpec::idempotent("DescribeThings"),
            b"{}".to_vec(),
            &credentials,
            1_700_000_000,
        );
        let shown = format!("{signed:?} {client:?}");
        assert!(
            !shown.contains("TOKEN-123")
                && !shown.contains("Signature=")
                && !shown.contains("SECRETKEY"),
            "{shown}"
        );
        assert!(
            shown.contains("X-TC-Action") && shown.contains("DescribeThings"),
            "{shown}"
        );
    }

    #[test]
    fn locations_are_shown_printable_and_short() {
        assert_eq!(
            shown_location(b"https://evil.example/\r\nx"),
            "https://evil.example/x"
        );
        assert_eq!(shown_location(b"a\x1b[31mb"), "a[31mb");
        assert_eq!(shown_location(&[b'x'; 10_000]).len(), 256);
    }
}
