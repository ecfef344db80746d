//! One exchange: the signed request an [`HttpClient`] sends, its answer, and why none
//! came ([`HttpErrorKind`], what retries and the breaker need to know).

use crate::contract::error::BoxError;
use futures_util::future::BoxFuture;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// Answers larger than this are refused unless the builder says otherwise: the largest
/// documented answers (pages of 100 items with their outputs) are a few megabytes.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 10 << 20;

/// One signed request: always a `POST` of a JSON body to `url`. `Host` is the URL's; the
/// other headers are all here, signed.
#[derive(Clone)]
#[non_exhaustive]
pub struct HttpRequest {
    pub url: Arc<str>,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
    /// The whole exchange (connect, send, read the answer) ends within this.
    pub timeout: Duration,
    /// An answer longer than this is refused ([`HttpError::too_large`]), not read further.
    pub max_response_bytes: usize,
}

impl HttpRequest {
    pub fn new(url: Arc<str>, headers: http::HeaderMap, body: Vec<u8>) -> Self {
        HttpRequest {
            url,
            headers,
            body,
            timeout: Duration::from_secs(60),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// A header's value as text (`None` when absent or not visible ASCII).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The action (`X-TC-Action`).
    pub fn action(&self) -> Option<&str> {
        self.header("x-tc-action")
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("url", &self.url)
            .field("headers", &crate::headers::Shown(&self.headers))
            .field("body_bytes", &self.body.len())
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An answer, read whole (within the request's cap).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn new(status: u16, headers: http::HeaderMap, body: Vec<u8>) -> Self {
        HttpResponse {
            status,
            headers,
            body,
        }
    }

    /// A JSON answer with no other header (test doubles, replays).
    pub fn json(status: u16, body: Vec<u8>) -> Self {
        let mut headers = http::HeaderMap::new();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        HttpResponse::new(status, headers, body)
    }
}

/// Why no answer came: what retries and the breaker need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HttpErrorKind {
    /// The request never left (connecting failed): safe to send again.
    NotSent,
    /// No complete answer within the request's timeout.
    Timeout,
    /// The transfer failed after the request may have arrived.
    MaybeSent,
    /// The answer is longer than the request's `max_response_bytes`.
    TooLarge,
}

/// A failed exchange: its kind and, where there is one, the underlying error.
#[derive(Debug)]
pub struct HttpError {
    kind: HttpErrorKind,
    source: Option<BoxError>,
}

impl HttpError {
    pub fn new(kind: HttpErrorKind, source: impl Into<BoxError>) -> Self {
        HttpError {
            kind,
            source: Some(source.into()),
        }
    }

    /// The answer passed the request's cap.
    pub fn too_large() -> Self {
        HttpError {
            kind: HttpErrorKind::TooLarge,
            source: None,
        }
    }

    pub fn kind(&self) -> HttpErrorKind {
        self.kind
    }

    /// The underlying error, to keep as the source of the call's error.
    pub fn into_source(self) -> BoxError {
        match self.source {
            Some(source) => source,
            None => Box::new(self),
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            HttpErrorKind::NotSent => "the request was not sent",
            HttpErrorKind::Timeout => "no answer in time",
            HttpErrorKind::MaybeSent => "the exchange failed",
            HttpErrorKind::TooLarge => "the answer is larger than the limit",
        };
        match &self.source {
            Some(source) => write!(f, "{what}: {source}"),
            None => f.write_str(what),
        }
    }
}

impl std::error::Error for HttpError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Sends signed requests. Implementations honour the request's `timeout` and
/// `max_response_bytes`, never follow redirects (a 3xx is an answer like any other), and
/// say whether a failed request may have arrived ([`HttpErrorKind`]).
pub trait HttpClient: Send + Sync + fmt::Debug {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>>;
}

impl<T: HttpClient + ?Sized> HttpClient for Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        (**self).send(request)
    }
}
