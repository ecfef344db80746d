//! The signed HTTP client shared by generated crates.

use crate::answer::{self, AnyCode};
use crate::credentials::{self, Credentials, CredentialsError};
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
}

impl ActionSpec {
    /// A read-only action: safe to re-send after a failure that may have reached the server.
    pub const fn idempotent(name: &'static str) -> Self {
        ActionSpec { name, idempotent: true, rate_limit_per_second: None }
    }

    /// An action that may act on the server: never re-sent once it may have arrived.
    pub const fn non_idempotent(name: &'static str) -> Self {
        ActionSpec { name, idempotent: false, rate_limit_per_second: None }
    }

    /// With the documented requests-per-second limit.
    pub const fn rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit_per_second = Some(per_second);
        self
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
    credentials: Option<Credentials>,
    region: Option<String>,
    endpoint: Endpoint,
    language: Option<String>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    rate_limit: bool,
    signed_headers: SignedHeaders,
}

impl<C: From<Client>> ClientBuilder<C> {
    pub fn new(spec: ServiceSpec) -> Self {
        ClientBuilder {
            output: std::marker::PhantomData,
            spec,
            credentials: None,
            region: None,
            endpoint: Endpoint::Default,
            language: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::disabled(),
            rate_limit: false,
            signed_headers: SignedHeaders::default(),
        }
    }

    /// Which headers the signature covers: by default `x-tc-action` too, so a captured
    /// request cannot be replayed as another action; [`SignedHeaders::Official`] signs
    /// what the official SDKs sign.
    pub fn signed_headers(mut self, signed_headers: SignedHeaders) -> Self {
        self.signed_headers = signed_headers;
        self
    }

    /// Explicit keys; without them the environment and then the profile file are used.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
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
        let region = self.region.or_else(|| credentials::process_env("TENCENTCLOUD_REGION"));
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
        let credentials = match self.credentials {
            Some(c) => Ok(c),
            None => credentials::default_chain(&credentials::process_env),
        };
        let http =
            reqwest::Client::builder().connect_timeout(self.connect_timeout).timeout(self.timeout).build().map_err(|e| BuildError::Http(e.to_string()))?;
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
                signing_key: Mutex::new(None),
            }),
        }))
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| host.to_string())
}

struct Inner {
    spec: ServiceSpec,
    http: reqwest::Client,
    credentials: Result<Credentials, CredentialsError>,
    region: Option<String>,
    base_url: String,
    host: String,
    language: Option<String>,
    timeout: Duration,
    retry: RetryPolicy,
    limits: Option<ActionRateLimits>,
    signed_headers: SignedHeaders,
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
            .field("credentials", &self.inner.credentials.as_ref().ok())
            .finish()
    }
}

/// A request ready to send: the body and every header, signed. Borrows from the client.
#[derive(Debug, Clone)]
pub struct SignedRequest<'a> {
    pub url: &'a str,
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    pub body: Vec<u8>,
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

    /// Serialises and signs a request body for `action` at `timestamp` (Unix seconds).
    pub fn sign_request<'a>(&'a self, action: &ActionSpec, body: Vec<u8>, credentials: &'a Credentials, timestamp: i64) -> SignedRequest<'a> {
        let inner = &self.inner;
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
        let authorization = authorization_header(&input, &key);
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
        if let Some(token) = &credentials.token {
            headers.push(("X-TC-Token", Cow::Borrowed(token.expose())));
        }
        if let Some(language) = &inner.language {
            headers.push(("X-TC-Language", Cow::Borrowed(language.as_str())));
        }
        SignedRequest { url: &inner.base_url, headers, body }
    }

    /// The cached signing key when it is for this day and secret, else a fresh one.
    fn signing_key(&self, input: &SigningInput<'_>) -> Arc<SigningKey> {
        let mut cache = self.inner.signing_key.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((secret_id, key)) = cache.as_ref() {
            if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) {
                return key.clone();
            }
        }
        let key = Arc::new(SigningKey::derive(input.secret_key, &utc_date(input.timestamp), input.service));
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
        match serde_json::to_vec(request) {
            Ok(body) => ResponseFuture::sending(self.send(action, body)),
            Err(e) => ResponseFuture::refused(SdkError::Serialize(e)),
        }
    }

    /// Signs and sends a serialised request, retrying where it is safe: the answer's
    /// `Response` object and HTTP status, or the failure with its code still untyped.
    fn send(&self, action: ActionSpec, body: Vec<u8>) -> Untyped {
        let client = self.clone();
        let span = tracing::info_span!("tencentcloud.call", service = self.inner.spec.name, action = action.name);
        Box::pin(
            async move {
                let credentials = client.inner.credentials.clone()?;
                client.send_with_retries(&action, body, &credentials).await
            }
            .instrument(span),
        )
    }

    async fn send_with_retries(&self, action: &ActionSpec, body: Vec<u8>, credentials: &Credentials) -> Result<(u16, serde_json::Value), SdkError<AnyCode>> {
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
            if attempt >= policy.max_attempts.max(1) || !should_retry(kind, action.idempotent) {
                return Err(err);
            }
            let delay = policy.backoff(attempt);
            tracing::debug!(attempt, ?kind, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: &Credentials,
    ) -> Result<(u16, serde_json::Value), (SdkError<AnyCode>, FailureKind)> {
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let signed = self.sign_request(action, body, credentials, timestamp);
        let mut request = self.inner.http.post(signed.url);
        for (name, value) in &signed.headers {
            if *name != "Host" {
                request = request.header(*name, value.as_ref());
            }
        }
        let response = request.body(signed.body).send().await.map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| self.transport_error(e))?;
        answer::classify(action, status, &bytes).map(|response| (status, response))
    }

    fn transport_error(&self, e: reqwest::Error) -> (SdkError<AnyCode>, FailureKind) {
        if e.is_timeout() {
            return (SdkError::Timeout(self.inner.timeout), FailureKind::MaybeProcessed);
        }
        let sent = !e.is_connect();
        let kind = if sent { FailureKind::MaybeProcessed } else { FailureKind::NotSent };
        (SdkError::Transport { source: Box::new(e), sent }, kind)
    }
}
