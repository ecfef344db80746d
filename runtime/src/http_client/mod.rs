//! The HTTP boundary: an [`HttpClient`] takes one signed request and gives its answer,
//! asynchronously. Everything above it (signing, retries, the breaker, interceptors, the
//! reading of the answer) is the runtime's and runs the same whichever client sends;
//! [`ReqwestClient`] is the default (feature `default-client`, on by default), and
//! `.http_client(…)` on the builder takes any other (a client of your own, a recording, a
//! test double).

#[cfg(feature = "default-client")]
pub(crate) mod default_client;
pub(crate) mod exchange;
#[cfg(feature = "default-client")]
pub(crate) mod tls;

#[cfg(feature = "default-client")]
pub use default_client::ReqwestClient;
pub use exchange::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
#[cfg(feature = "default-client")]
pub use tls::{RootCertificates, TlsRoots};

use crate::transport::settings::{BuildError, TransportSettings};
use std::sync::Arc;

/// What sends the requests: the builder's `.http_client(…)`, else the default client.
pub(crate) fn http_client_of(
    settings: &TransportSettings,
) -> Result<Arc<dyn HttpClient>, BuildError> {
    match &settings.http_client {
        Some(given) => Ok(given.clone()),
        None => default_http_client(settings),
    }
}

/// What sends requests when the builder was given no `.http_client(…)`: [`ReqwestClient`]
/// with the settings' proxies, roots and connect timeout (feature `default-client`).
#[cfg(feature = "default-client")]
fn default_http_client(settings: &TransportSettings) -> Result<Arc<dyn HttpClient>, BuildError> {
    Ok(Arc::new(ReqwestClient::new(settings)?))
}

/// Without the `default-client` feature there is no client to default to.
#[cfg(not(feature = "default-client"))]
fn default_http_client(_settings: &TransportSettings) -> Result<Arc<dyn HttpClient>, BuildError> {
    Err(BuildError::Http(
        "no HTTP client: the crate is built without its `default-client` feature, so the \
         builder needs `.http_client(…)`"
            .into(),
    ))
}

/// A client that sends nothing, for unit tests of what is built rather than sent, with or
/// without the `default-client` feature.
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Unsent;

#[cfg(test)]
impl HttpClient for Unsent {
    fn send(
        &self,
        _request: HttpRequest,
    ) -> futures_util::future::BoxFuture<'_, Result<HttpResponse, HttpError>> {
        let refused = "the unit tests send nothing";
        Box::pin(async move { Err(HttpError::new(HttpErrorKind::NotSent, refused)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_is_defaulted_to_exactly_with_the_feature() {
        let made = default_http_client(&TransportSettings::default());
        assert_eq!(made.is_ok(), cfg!(feature = "default-client"));
        if let Err(problem) = made {
            assert!(problem.to_string().contains(".http_client("), "{problem}");
        }
    }
}
