//! Runtime shared by generated Tencent Cloud clients: TC3 signing, credentials (with
//! tccli's profiles), the [`HttpClient`] boundary and a transport with timeouts, headers,
//! per-call options, interceptors, safe retries, rate limiting, validation (the `rules`
//! crate, re-exported), pagination, and test doubles (feature `test-util`).
//!
//! What generated crates compile against is [`contract`]; the root re-exports it, with
//! what users of a client name (credentials, endpoints, retries, interceptors, HTTP
//! clients). Everything else is the crate's own (`pub(crate)` modules): users have no use
//! for it, and it can change without a new major version.

#![forbid(unsafe_code)]

mod answer;
mod any_action;
mod breaker;
mod call_options;
#[cfg(feature = "default-client")]
mod capped_body;
mod client;
pub mod contract;
pub mod credentials;
pub mod encodings;
mod headers;
mod http_client;
mod interceptor;
pub mod pagination;
#[cfg(feature = "default-client")]
mod proxy;
mod rate_limit;
mod response_future;
mod retry;
/// TC3 signing, the `tencentcloud-signing` crate (usable alone).
pub use tencentcloud_signing as signing;
#[cfg(feature = "test-util")]
pub mod test_double;
mod transport;
pub mod waiter;

pub use breaker::BreakerSettings;
pub use call_options::CallOptions;
pub use contract::{error, serde_helpers, typestate, wire};
pub use contract::{
    ActionSpec, AllRequiredSet, AnyCode, BoxError, Client, ClientBuilder, Draft, ErrorCode,
    Operation, Paged, ResponseFuture, SdkError, ServiceError, ServiceSpec, Set, UnknownValue,
    Unset, WireEnum,
};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use headers::HeaderError;
pub use http_client::{HttpClient, HttpError, HttpErrorKind, HttpRequest, HttpResponse};
#[cfg(feature = "default-client")]
pub use http_client::{ReqwestClient, RootCertificates, TlsRoots};
pub use interceptor::{AfterAnswer, AfterSigning, BeforeSigning, Interceptor};
pub use retry::RetryPolicy;
/// Documented limits as data: the rules every generated `validate()` checks.
pub use tencentcloud_rules as rules;
pub use tencentcloud_rules::{Validate, ValidationErrors, Violation, Violations};
pub use transport::{BuildError, Endpoint, DEFAULT_MAX_RESPONSE_BYTES};

/// Re-exported so generated crates need no direct dependency on these.
pub use futures_util;
/// Headers of [`HttpRequest`] and [`HttpResponse`].
pub use http;
pub use serde;
pub use serde_json;
