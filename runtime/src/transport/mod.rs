//! One attempt of one request: the endpoint (the breaker's choice, or the call's), the
//! interceptors' hooks, the signed request, the exchange through the [`HttpClient`] and the
//! answer classified. Nothing here retries, waits for a rate, or looks for credentials:
//! [`crate::client::Client`] adds those, and credential providers that call a Tencent Cloud
//! API themselves (STS) use this alone.
//!
//! What a hostile server can do stops here: redirects are refused (nothing is sent to
//! another host), an answer is read within its cap.

pub(crate) mod settings;
mod signer;
pub(crate) mod target;

pub use crate::http_client::exchange::DEFAULT_MAX_RESPONSE_BYTES;
pub use settings::{BuildError, Endpoint, TransportSettings};
pub use target::Target;

use crate::answer;
use crate::breaker::{Breaker, Route};
use crate::call_options::CallOptions;
use crate::contract::error::SdkError;
use crate::contract::spec::{ActionSpec, ServiceSpec};
use crate::contract::wire::AnyCode;
use crate::credentials::keys::Credentials;
use crate::http_client::exchange::{
    HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse,
};
use crate::http_client::http_client_of;
use crate::interceptor::{AfterAnswer, AfterSigning, BeforeSigning};
use crate::retry::FailureKind;
use signer::{Outgoing, Signer};
use std::borrow::Cow;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// An attempt's result: the HTTP status and `Response` object, or the failure and whether
/// a retry may help.
pub type Attempted = Result<(u16, answer::ResponseBody), (SdkError<AnyCode>, FailureKind)>;

/// Requests of one service to one endpoint.
pub struct Transport {
    spec: ServiceSpec,
    http: Arc<dyn HttpClient>,
    settings: TransportSettings,
    primary: Target,
    /// The backup endpoint and the breaker that sends calls there.
    backup: Option<(Target, Breaker)>,
    signer: Signer,
}

/// What one attempt is, besides its action and body.
#[derive(Debug, Clone, Copy, Default)]
pub struct AttemptOf<'a> {
    pub credentials: Option<&'a Credentials>,
    pub options: Option<&'a CallOptions>,
    /// 1 for a call's first attempt.
    pub number: u32,
}

impl Transport {
    pub fn new(spec: ServiceSpec, settings: TransportSettings) -> Result<Self, BuildError> {
        let primary = Target::of(&spec, &settings.endpoint, settings.region.as_deref())?;
        let backup = match &settings.backup_endpoint {
            Some(endpoint) => Some((
                Target::backup(&spec, endpoint)?,
                Breaker::new(settings.breaker),
            )),
            None => None,
        };
        let http = http_client_of(&settings)?;
        let signer = Signer::new(spec, &settings)?;
        Ok(Transport {
            spec,
            http,
            settings,
            primary,
            backup,
            signer,
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
    ///
    /// # Panics
    ///
    /// When the action's name is not visible ASCII (generated names and those
    /// [`Client::call_json`](crate::Client::call_json) accepts always are).
    pub fn prepare(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
        timestamp: i64,
    ) -> HttpRequest {
        let out = Outgoing {
            target: &self.primary,
            action,
            credentials,
            timestamp,
            custom: &self.settings.default_headers,
            region: None,
        };
        let signed = self.signer.request(out, body);
        // Every value was checked when the client was built, but the action's name.
        signed.unwrap_or_else(|problem| panic!("{problem}"))
    }

    /// Sends a serialised request once, signed now, with the client's options.
    pub async fn attempt(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        credentials: Option<&Credentials>,
    ) -> Attempted {
        let of = AttemptOf {
            credentials,
            options: None,
            number: 1,
        };
        self.attempt_with(action, body, of).await
    }

    /// One attempt of a call, to the call's endpoint or the one the breaker chooses.
    pub async fn attempt_with(
        &self,
        action: &ActionSpec,
        body: Vec<u8>,
        of: AttemptOf<'_>,
    ) -> Attempted {
        let options = of.options;
        if let Some(problem) = options.and_then(|o| o.problem.as_ref()) {
            return Err((
                SdkError::InvalidOptions(problem.clone()),
                FailureKind::Final,
            ));
        }
        let target = self
            .call_target(options)
            .map_err(|e| (SdkError::InvalidOptions(e.to_string()), FailureKind::Final))?;
        let route = match target {
            Some(_) => None,
            None => self.backup.as_ref().map(|(_, b)| b.route(Instant::now())),
        };
        let target = match (target, &self.backup, route) {
            (Some(target), _, _) => Cow::Owned(target),
            (None, Some((backup, _)), Some(Route::Backup)) => Cow::Borrowed(backup),
            _ => Cow::Borrowed(&self.primary),
        };
        let answer = self.attempt_to(&target, action, body, of).await;
        if let (Some((_, breaker)), Some(route)) = (&self.backup, route) {
            breaker.record(route, primary_answered(&answer), Instant::now());
        }
        answer
    }

    /// The call's own endpoint: its URL, or the regional host of its region.
    fn call_target(&self, options: Option<&CallOptions>) -> Result<Option<Target>, BuildError> {
        let Some(options) = options else {
            return Ok(None);
        };
        if let Some(target) = &options.endpoint {
            return Ok(Some(target.clone()));
        }
        match (&options.region, &self.settings.endpoint) {
            (Some(region), settings::Endpoint::Regional) => {
                Target::of(&self.spec, &settings::Endpoint::Regional, Some(region)).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// One attempt to one endpoint, with the interceptors' hooks around it.
    async fn attempt_to(
        &self,
        target: &Target,
        action: &ActionSpec,
        body: Vec<u8>,
        of: AttemptOf<'_>,
    ) -> Attempted {
        let hooks = &self.settings.interceptors;
        let (request, started) = match self.signed(target, action, body, of) {
            Ok(signed) => signed,
            Err(e) => return Err((e, FailureKind::Final)),
        };
        let (timeout, limit) = (request.timeout, request.max_response_bytes);
        let exchanged = self.http.send(request).await;
        let (answer, response) = read(action, exchanged, timeout, limit);
        if hooks.is_empty() {
            return answer;
        }
        let outcome = match &answer {
            Ok(_) => Ok(()),
            Err((e, _)) => Err(e),
        };
        let end = AfterAnswer {
            action: action.name,
            attempt: of.number,
            response: response.as_ref(),
            elapsed: started.elapsed(),
            outcome,
        };
        match hooks.after_answer(&end) {
            Ok(()) => answer,
            Err(e) => Err((e, FailureKind::Final)),
        }
    }

    /// The attempt's request, through the hooks before and after signing, and when
    /// signing began.
    fn signed(
        &self,
        target: &Target,
        action: &ActionSpec,
        mut body: Vec<u8>,
        of: AttemptOf<'_>,
    ) -> Result<(HttpRequest, Instant), SdkError<AnyCode>> {
        let hooks = &self.settings.interceptors;
        let mut custom = Cow::Borrowed(&self.settings.default_headers);
        if let Some(options) = of.options.filter(|o| !o.headers.is_empty()) {
            let merged = custom.to_mut();
            for (name, value) in &options.headers {
                merged.insert(name.clone(), value.clone());
            }
        }
        if !hooks.is_empty() {
            let mut before = BeforeSigning {
                action: action.name,
                attempt: of.number,
                body: &mut body,
                headers: custom.to_mut(),
            };
            hooks.before_signing(&mut before)?;
        }
        let started = Instant::now();
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let out = Outgoing {
            target,
            action,
            credentials: of.credentials,
            timestamp,
            custom: &custom,
            region: of.options.and_then(|o| o.region.as_deref()),
        };
        let mut request = self
            .signer
            .request(out, body)
            .map_err(SdkError::InvalidOptions)?;
        request.timeout = of
            .options
            .and_then(|o| o.timeout)
            .unwrap_or(self.settings.timeout);
        request.max_response_bytes = self.settings.max_response_bytes;
        if !hooks.is_empty() {
            hooks.after_signing(&AfterSigning {
                attempt: of.number,
                request: &request,
            })?;
        }
        Ok((request, started))
    }
}

/// The answer of an exchange, classified, and the HTTP answer itself when one came.
fn read(
    action: &ActionSpec,
    exchanged: Result<HttpResponse, HttpError>,
    timeout: Duration,
    limit: usize,
) -> (Attempted, Option<HttpResponse>) {
    let response = match exchanged {
        Ok(response) => response,
        Err(e) => return (Err(http_failure(e, timeout, limit)), None),
    };
    let status = response.status;
    if (300..400).contains(&status) {
        let location = response.headers.get(http::header::LOCATION);
        let location = location.map(|v| shown_location(v.as_bytes()));
        let redirected = SdkError::Redirected { status, location };
        return (Err((redirected, FailureKind::Final)), Some(response));
    }
    if response.body.len() > limit {
        return (
            Err((SdkError::ResponseTooLarge { limit }, FailureKind::Final)),
            Some(response),
        );
    }
    let answer = answer::classify(action, status, &response.body).map(|r| (status, r));
    (answer, Some(response))
}

/// A failed exchange as the call's error, and whether a retry may help.
fn http_failure(e: HttpError, timeout: Duration, limit: usize) -> (SdkError<AnyCode>, FailureKind) {
    match e.kind() {
        HttpErrorKind::Timeout => (SdkError::Timeout(timeout), FailureKind::MaybeProcessed),
        HttpErrorKind::TooLarge => (SdkError::ResponseTooLarge { limit }, FailureKind::Final),
        HttpErrorKind::NotSent => (
            SdkError::Transport {
                source: e.into_source(),
                sent: false,
            },
            FailureKind::NotSent,
        ),
        _ => (
            SdkError::Transport {
                source: e.into_source(),
                sent: true,
            },
            FailureKind::MaybeProcessed,
        ),
    }
}

/// Whether an attempt shows the endpoint up: any answer of the API (a success, a 4xx, a
/// service error), as opposed to no answer (network, timeout, a 5xx that is not the API's).
fn primary_answered(answer: &Attempted) -> bool {
    match answer {
        Ok(_) => true,
        Err((SdkError::Transport { .. } | SdkError::Timeout(_), _)) => false,
        Err((SdkError::Decode { status, .. }, _)) => *status < 500,
        Err(_) => true,
    }
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
    use crate::contract::spec::TEST_SPEC as SPEC;

    /// The default settings with a client that sends nothing (these tests send nothing).
    fn unsent() -> TransportSettings {
        TransportSettings {
            http_client: Some(Arc::new(crate::http_client::Unsent)),
            ..TransportSettings::default()
        }
    }

    #[test]
    fn debug_of_a_signed_request_hides_the_signature_and_token() {
        let transport = Transport::new(SPEC, unsent()).unwrap();
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
            shown.contains("x-tc-action") && shown.contains("DescribeThings"),
            "{shown}"
        );
        assert_eq!(signed.header("x-tc-requestclient"), Some("SDK_RUST_0.1.0"));
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
            default_host: "tat.intl.tencentcloudapi.com",
            ..SPEC
        };
        let with = |endpoint, region: Option<&str>| {
            let settings = TransportSettings {
                endpoint,
                region: region.map(str::to_string),
                ..unsent()
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
