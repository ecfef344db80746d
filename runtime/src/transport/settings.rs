//! How requests of one service are sent: where (the endpoint), as whom (region, language,
//! the request client), with which connection settings (timeouts, proxies, trusted roots,
//! the HTTP client) and hooks; and why a client could not be built.

use crate::breaker::BreakerSettings;
use crate::http_client::exchange::{HttpClient, DEFAULT_MAX_RESPONSE_BYTES};
#[cfg(feature = "default-client")]
use crate::http_client::tls::RootCertificates;
use crate::interceptor::Interceptors;
#[cfg(feature = "default-client")]
use crate::proxy::ProxySettings;
use std::sync::Arc;
use std::time::Duration;
use tencentcloud_signing::SignedHeaders;

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
    /// A root certificate given to `.add_root_certificate_pem(…)` cannot be read.
    #[error("TLS: {0}")]
    Tls(String),
    /// A default header or the request client cannot be sent.
    #[error("header: {0}")]
    Header(#[from] crate::headers::HeaderError),
    /// The profile's configuration file (region, endpoint) cannot be read.
    #[error("{0}")]
    Profile(crate::credentials::keys::CredentialsError),
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
    #[cfg(feature = "default-client")]
    pub proxy: ProxySettings,
    /// The CAs the default HTTP client trusts.
    #[cfg(feature = "default-client")]
    pub roots: RootCertificates,
    /// Where calls go while the region breaker is open (`ap-guangzhou.tencentcloudapi.com`
    /// means `<service>.ap-guangzhou.tencentcloudapi.com`; a URL is used as it is).
    pub backup_endpoint: Option<String>,
    pub breaker: BreakerSettings,
    /// What sends requests; `None`: [`crate::http_client::ReqwestClient`] with the settings
    /// above (a client of yours has its own proxies, roots and connect timeout).
    pub http_client: Option<Arc<dyn HttpClient>>,
    /// Added to `X-TC-RequestClient` after `SDK_RUST_<version>`.
    pub request_client: Option<String>,
    /// Headers sent, and signed, with every request (checked when added).
    pub default_headers: http::HeaderMap,
    pub interceptors: Interceptors,
}

impl TransportSettings {
    /// How this client connects (timeouts, proxies, trusted roots, its HTTP client), for
    /// the calls it makes on its own behalf (STS, for an assumed role's keys): none of the
    /// service's endpoint, headers, hooks or breaker.
    pub(crate) fn connection(&self) -> TransportSettings {
        TransportSettings {
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            #[cfg(feature = "default-client")]
            proxy: self.proxy.clone(),
            #[cfg(feature = "default-client")]
            roots: self.roots.clone(),
            http_client: self.http_client.clone(),
            ..TransportSettings::default()
        }
    }
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
            #[cfg(feature = "default-client")]
            proxy: ProxySettings::default(),
            #[cfg(feature = "default-client")]
            roots: RootCertificates::default(),
            backup_endpoint: None,
            breaker: BreakerSettings::default(),
            http_client: None,
            request_client: None,
            default_headers: http::HeaderMap::new(),
            interceptors: Interceptors::default(),
        }
    }
}
