//! One attempt of one request: the endpoint, the signed headers, the HTTP exchange and the
//! answer read within its cap, classified. Nothing here retries, waits for a rate, or
//! looks for credentials: [`crate::client::Client`] adds those, and credential providers
//! that call a Tencent Cloud API themselves (STS) use this alone.
//!
//! What a hostile server can do stops here: redirects are refused (nothing is sent to
//! another host), an answer is read as a stream and cut off past its cap.

use crate::answer;
use crate::breaker::{Breaker, BreakerSettings, Route};
use crate::capped_body::{read_capped, Unread};
use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, ServiceSpec};
use crate::contract::wire::AnyCode;
use crate::credentials::keys::Credentials;
use crate::proxy::{reqwest_proxy, ProxySettings};
use crate::retry::FailureKind;
use crate::signing::{authorization_header, utc_date, SignedHeaders, SigningInput, SigningKey};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const CONTENT_TYPE: &str = "application/json";

/// Answers larger than this are refused unless the builder says otherwise: the largest
/// documented answers (pages of 100 items with their outputs) are a few megabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 << 20;

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
    /// The proxy's URL (from `.proxy(…)` or the environment) is unusable; its password is
    /// never part of the message.
    #[error("proxy: {0}")]
    Proxy(String),
    #[error("the regional endpoint needs a region: call .region(…) or set TENCENTCLOUD_REGION")]
    RegionRequired,
    #[error("the HTTP client could not be created: {0}")]
    Http(String),
}

/// How requests of one service are sent.
#[derive(Debug, Clone)]
pub struct TransportSettings {
    pub endpoint: Endpoint,
    pub region: Option<String>,
    /// `X-TC-Language`.
    pub language: Option<String>,
    pub connect_timeout: Duration,
    /// Whole-request timeout (connect, send, and read the answer).
    pub timeout: Duration,
    pub signed_headers: SignedHeaders,
    pub max_response_bytes: usize,
    pub proxy: ProxySettings,
    /// Where calls go while the region breaker is open (`ap-guangzhou.tencentcloudapi.com`
    /// means `<service>.ap-guangzhou.tencentcloudapi.com`; a URL is used as it is).
    pub backup_endpoint: Option<String>,
    pub breaker: BreakerSettings,
}

impl Default for TransportSettings {
    fn default() -> Self {
        TransportSettings {
            endpoint: Endpoint::Default,
            region: None,
            language: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(60),
            signed_headers: SignedHeaders::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            proxy: ProxySettings::default(),
            backup_endpoint: None,
            breaker: BreakerSettings::default(),
        }
    }
}

/// One endpoint: its base URL and the host the signature covers.
#[derive(Debug, Clone)]
struct Target {
    base_url: String,
    host: String,
}

impl Target {
    fn new(base_url: String) -> Result<Target, BuildError> {
        let host = host_of(&base_url).ok_or_else(|| BuildError::BadEndpoint(base_url.clone()))?;
        Ok(Target { base_url, host })
    }

    /// The backup endpoint as the Go SDK builds it: a URL as it is, a host that starts
    /// with the service's name as it is, any other host prefixed with it.
    fn backup(spec: &ServiceSpec, endpoint: &str) -> Result<Target, BuildError> {
        let endpoint = endpoint.trim().trim_end_matches('/');
        let url = if endpoint.starts_with("http://") || endpoint.starts_with("https://") {
            format!("{endpoint}/")
        } else if endpoint.starts_with(&format!("{}.", spec.name)) {
            format!("https://{endpoint}/")
        } else {
            format!("https://{}.{endpoint}/", spec.name)
        };
        Target::new(url)
    }
}

/// Requests of one service to one endpoint.
pub struct Transport {
    spec: ServiceSpec,
    http: reqwest::Client,
    settings: TransportSettings,
    primary: Target,
    /// The backup endpoint and the breaker that sends calls there.
    backup: Option<(Target, Breaker)>,
    /// The day's derived signing key, for the credentials in use.
    signing_key: Mutex<Option<(String, Arc<SigningKey>)>>,
}

/// A request ready to send: the body and every header, signed. Borrows from the transport.
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
        let shown = |(name, value): &(&'static str, Cow<'_, str>)| {
            let value = if REDACTED_HEADERS.contains(name) {
                "<redacted>"
            } else {
                value
            };
            (*name, value.to_string())
        };
        let headers: Vec<(&str, String)> = self.headers.iter().map(shown).collect();
        f.debug_struct("SignedRequest")
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl Transport {
    pub fn new(spec: ServiceSpec, settings: TransportSettings) -> Result<Self, BuildError> {
        let base_url = match &settings.endpoint {
            Endpoint::Default => format!("https://{}/", spec.default_host),
            Endpoint::Domestic => format!("https://{}.tencentcloudapi.com/", spec.name),
            Endpoint::Regional => {
                let region = settings
                    .region
                    .as_deref()
                    .ok_or(BuildError::RegionRequired)?;
                format!("https://{}.{region}.tencentcloudapi.com/", spec.name)
            }
            Endpoint::Url(url) => url.clone(),
        };
        let primary = Target::new(base_url)?;
        let backup = match &settings.backup_endpoint {
            Some(endpoint) => Some((
                Target::backup(&spec, endpoint)?,
                Breaker::new(settings.breaker),
            )),
            None => None,
        };
        // The API never redirects: a redirect is refused, so nothing (the body, the token)
        // is sent to another host. Proxies are decided here, not by reqwest's own reading
        // of the environment.
        let mut http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        if let Some(proxy) = reqwest_proxy(&settings.proxy).map_err(BuildError::Proxy)? {
            http = http.proxy(proxy);
        }
        let http = http.build().map_err(|e| BuildError::Http(e.to_string()))?;
        let signing_key = Mutex::new(None);
        Ok(Transport {
            spec,
            http,
            settings,
            primary,
            backup,
            signing_key,
        })
    }

    pub fn spec(&self) -> &ServiceSpec {
        &self.spec
    }

    pub fn region(&self) -> Option<&str> {
        self.settings.region.as_deref()
    }

    pub fn base_url(&self) -> &str {
        &self.primary.base_url
    }

    /// The request to the primary endpoint with every header: signed with `credentials`,
    /// or `Authorization: SKIP`.
    pub fn prepare<'a>(
        &'a self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&'a Credentials>,
        timestamp: i64,
    ) -> SignedRequest<'a> {
        self.prepare_to(&self.primary, action, body, credentials, timestamp)
    }

    /// The request to `target`, signed for its host.
    fn prepare_to<'a>(
        &'a self,
        target: &'a Target,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&'a Credentials>,
        timestamp: i64,
    ) -> SignedRequest<'a> {
        let authorization = match credentials {
            Some(credentials) => {
                self.authorization(&target.host, action, &body, credentials, timestamp)
            }
            None => "SKIP".to_string(),
        };
        let settings = &self.settings;
        let mut headers = Vec::with_capacity(9);
        headers.extend([
            ("Authorization", Cow::Owned(authorization)),
            ("Content-Type", Cow::Borrowed(CONTENT_TYPE)),
            ("Host", Cow::Borrowed(target.host.as_str())),
            ("X-TC-Action", Cow::Borrowed(action.name)),
            ("X-TC-Timestamp", Cow::Owned(timestamp.to_string())),
            ("X-TC-Version", Cow::Borrowed(self.spec.version)),
        ]);
        if let Some(region) = &settings.region {
            headers.push(("X-TC-Region", Cow::Borrowed(region.as_str())));
        }
        if let Some(token) = credentials.and_then(|c| c.token.as_ref()) {
            headers.push(("X-TC-Token", Cow::Borrowed(token.expose())));
        }
        if let Some(language) = &settings.language {
            headers.push(("X-TC-Language", Cow::Borrowed(language.as_str())));
        }
        SignedRequest {
            url: &target.base_url,
            headers,
            body,
        }
    }

    /// The TC3 `Authorization` of a request.
    fn authorization(
        &self,
        host: &str,
        action: &ActionSpec,
        body: &[u8],
        credentials: &Credentials,
        timestamp: i64,
    ) -> String {
        let input = SigningInput {
            secret_id: &credentials.secret_id,
            secret_key: credentials.secret_key.expose(),
            service: self.spec.name,
            host,
            content_type: CONTENT_TYPE,
            payload: body,
            timestamp,
            action: action.name,
            signed_headers: self.settings.signed_headers,
        };
        authorization_header(&input, &self.signing_key(&input))
    }

    /// The cached signing key when it is for this day and secret, else a fresh one.
    fn signing_key(&self, input: &SigningInput<'_>) -> Arc<SigningKey> {
        let mut cache = self
            .signing_key
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((secret_id, key)) = cache.as_ref() {
            if secret_id == input.secret_id && key.is_for(input.timestamp, input.service) {
                return key.clone();
            }
        }
        let date = utc_date(input.timestamp);
        let key = Arc::new(SigningKey::derive(input.secret_key, &date, input.service));
        *cache = Some((input.secret_id.to_string(), key.clone()));
        key
    }

    /// Sends a serialised request once, signed now: the answer's HTTP status and
    /// `Response` object, or the failure and whether a retry may help.
    pub async fn attempt(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
    ) -> Result<(u16, Value), (SdkError<AnyCode>, FailureKind)> {
        let route = self.backup.as_ref().map(|(_, b)| b.route(Instant::now()));
        let target = match (&self.backup, route) {
            (Some((backup, _)), Some(Route::Backup)) => backup,
            _ => &self.primary,
        };
        let answer = self.attempt_to(target, action, body, credentials).await;
        if let (Some((_, breaker)), Some(route)) = (&self.backup, route) {
            breaker.record(route, primary_answered(&answer), Instant::now());
        }
        answer
    }

    /// One attempt to one endpoint.
    async fn attempt_to(
        &self,
        target: &Target,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
    ) -> Result<(u16, Value), (SdkError<AnyCode>, FailureKind)> {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let signed = self.prepare_to(target, action, body, credentials, timestamp);
        let mut request = self.http.post(signed.url);
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
            let location = response.headers().get(reqwest::header::LOCATION);
            let location = location.map(|v| shown_location(v.as_bytes()));
            return Err((
                SdkError::Redirected { status, location },
                FailureKind::Final,
            ));
        }
        let limit = self.settings.max_response_bytes;
        let bytes = read_capped(response, limit)
            .await
            .map_err(|unread| match unread {
                Unread::TooLarge => (SdkError::ResponseTooLarge { limit }, FailureKind::Final),
                Unread::Transport(e) => self.transport_error(e),
            })?;
        answer::classify(action, status, &bytes).map(|response| (status, response))
    }

    fn transport_error(&self, e: reqwest::Error) -> (SdkError<AnyCode>, FailureKind) {
        if e.is_timeout() {
            return (
                SdkError::Timeout(self.settings.timeout),
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

/// Whether an attempt shows the endpoint up: any answer of the API (a success, a 4xx, a
/// service error), as opposed to no answer (network, timeout, a 5xx that is not the API's).
fn primary_answered(answer: &Result<(u16, Value), (SdkError<AnyCode>, FailureKind)>) -> bool {
    match answer {
        Ok(_) => true,
        Err((SdkError::Transport { .. } | SdkError::Timeout(_), _)) => false,
        Err((SdkError::Decode { status, .. }, _)) => *status < 500,
        Err(_) => true,
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split('/').next()?;
    (!host.is_empty()).then(|| host.to_string())
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
    fn debug_of_a_signed_request_hides_the_signature_and_token() {
        let spec = ServiceSpec {
            name: "tat",
            version: "2020-10-28",
            default_host: "tat.tencentcloudapi.com",
        };
        let transport = Transport::new(spec, TransportSettings::default()).unwrap();
        let credentials = Credentials::new("AKIDEXAMPLE", "SECRETKEY").with_token("TOKEN-123");
        let action = ActionSpec::idempotent("DescribeThings");
        let signed = transport.prepare(&action, b"{}".to_vec(), Some(&credentials), 1_700_000_000);
        let shown = format!("{signed:?}");
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

    #[test]
    fn endpoints_name_their_host() {
        let spec = ServiceSpec {
            name: "tat",
            version: "v",
            default_host: "tat.intl.tencentcloudapi.com",
        };
        let with = |endpoint, region: Option<&str>| {
            let settings = TransportSettings {
                endpoint,
                region: region.map(str::to_string),
                ..Default::default()
            };
            Transport::new(spec, settings).map(|t| t.base_url().to_string())
        };
        assert_eq!(
            with(Endpoint::Default, None).unwrap(),
            "https://tat.intl.tencentcloudapi.com/"
        );
        assert_eq!(
            with(Endpoint::Regional, Some("ap-guangzhou")).unwrap(),
            "https://tat.ap-guangzhou.tencentcloudapi.com/"
        );
        assert!(matches!(
            with(Endpoint::Regional, None),
            Err(BuildError::RegionRequired)
        ));
        assert!(matches!(
            with(Endpoint::Url("ftp://x".into()), None),
            Err(BuildError::BadEndpoint(_))
        ));
    }
}
