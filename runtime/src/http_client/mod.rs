//! The HTTP boundary: an [`HttpClient`] takes one signed request and gives its answer,
//! asynchronously. Everything above it (signing, retries, the breaker, interceptors, the
//! reading of the answer) is the runtime's and runs the same whichever client sends;
//! [`ReqwestClient`] is the default, and `.http_client(…)` on the builder takes any other
//! (a client of your own, a recording, a test double).

pub(crate) mod default_client;
pub(crate) mod exchange;
pub(crate) mod tls;

pub use default_client::ReqwestClient;
pub use exchange::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
pub use tls::{RootCertificates, TlsRoots};
