//! The default [`HttpClient`]: reqwest over rustls, with the proxies, trusted roots and
//! connect timeout of the client's settings. Redirects are never followed and a redirect's
//! body is not read; an answer is read as a stream and cut off past the request's cap.

use super::exchange::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
use crate::capped_body::{read_capped, Unread};
use crate::proxy::reqwest_proxies;
use crate::transport::settings::{BuildError, TransportSettings};
use futures_util::future::BoxFuture;
use std::sync::{Arc, Mutex};

/// reqwest, configured as the client's settings say.
#[derive(Clone)]
pub struct ReqwestClient {
    http: reqwest::Client,
    /// The last URL parsed: a client's calls go to one or two endpoints, and parsing one
    /// (IDNA included) on every call is a visible share of a call's time.
    last_url: Arc<Mutex<Option<ParsedUrl>>>,
}

/// A URL's text and its parse.
type ParsedUrl = (Arc<str>, reqwest::Url);

// By hand: reqwest's own `Debug` lists the proxies, whose URLs may hold a password.
impl std::fmt::Debug for ReqwestClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReqwestClient").finish_non_exhaustive()
    }
}

impl ReqwestClient {
    /// A client for `settings`: its proxies (the builder's or the environment's), trusted
    /// roots and connect timeout.
    pub fn new(settings: &TransportSettings) -> Result<Self, BuildError> {
        // The API never redirects: a redirect is refused, so nothing (the body, the token)
        // is sent to another host. Proxies are decided here, not by reqwest's own reading
        // of the environment.
        let mut builder = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy();
        for proxy in reqwest_proxies(&settings.proxy).map_err(BuildError::Proxy)? {
            builder = builder.proxy(proxy);
        }
        let builder = settings.roots.apply(builder).map_err(BuildError::Tls)?;
        let http = builder
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        Ok(ReqwestClient::from_client(http))
    }

    /// A reqwest client of your own. It must not follow redirects (a redirect would take
    /// the request and its token to another host); the runtime refuses 3xx answers only
    /// once they reach it.
    pub fn from_client(http: reqwest::Client) -> Self {
        ReqwestClient {
            http,
            last_url: Arc::default(),
        }
    }

    /// `text` parsed, from the last call's parse when it is the same URL.
    fn url(&self, text: &Arc<str>) -> Result<reqwest::Url, HttpError> {
        let mut last = self.last_url.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, url)) = last.as_ref().filter(|(kept, _)| **kept == **text) {
            return Ok(url.clone());
        }
        let url =
            reqwest::Url::parse(text).map_err(|e| HttpError::new(HttpErrorKind::NotSent, e))?;
        *last = Some((text.clone(), url.clone()));
        Ok(url)
    }

    async fn exchange(&self, request: HttpRequest) -> Result<HttpResponse, HttpError> {
        let url = self.url(&request.url)?;
        let mut sent = reqwest::Request::new(reqwest::Method::POST, url);
        *sent.headers_mut() = request.headers;
        *sent.body_mut() = Some(request.body.into());
        *sent.timeout_mut() = Some(request.timeout);
        let mut response = self.http.execute(sent).await.map_err(failure)?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        if response.status().is_redirection() {
            return Ok(HttpResponse::new(status, headers, Vec::new()));
        }
        let body = read_capped(response, request.max_response_bytes)
            .await
            .map_err(|unread| match unread {
                Unread::TooLarge => HttpError::too_large(),
                Unread::Transport(e) => failure(e),
            })?;
        Ok(HttpResponse::new(status, headers, body))
    }
}

impl HttpClient for ReqwestClient {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, HttpError>> {
        Box::pin(self.exchange(request))
    }
}

/// What a reqwest error means for retries.
fn failure(e: reqwest::Error) -> HttpError {
    let kind = if e.is_timeout() {
        HttpErrorKind::Timeout
    } else if e.is_connect() {
        HttpErrorKind::NotSent
    } else {
        HttpErrorKind::MaybeSent
    };
    HttpError::new(kind, e)
}
