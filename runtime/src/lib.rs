//! Runtime shared by generated Tencent Cloud clients: TC3 signing, credentials,
//! transport with timeouts, safe retries, rate limiting, validation (the `rules` crate,
//! re-exported) and pagination.

#![forbid(unsafe_code)]

pub mod answer;
mod capped_body;
pub mod client;
pub mod credentials;
pub mod error;
pub mod pagination;
pub mod rate_limit;
pub mod response_future;
pub mod retry;
pub mod serde_helpers;
pub mod signing;
pub mod typestate;
pub mod wire;

pub use client::{ActionSpec, BuildError, Client, ClientBuilder, Endpoint, Operation, ServiceSpec};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use error::{BoxError, SdkError, ServiceError};
pub use response_future::ResponseFuture;
pub use retry::RetryPolicy;
/// Documented limits as data: the rules every generated `validate()` checks.
pub use tencentcloud_rules as rules;
pub use tencentcloud_rules::{Validate, ValidationErrors, Violation, Violations};
pub use typestate::{Draft, Set, Unset};
pub use wire::{ErrorCode, UnknownValue, WireEnum};

/// Re-exported so generated crates need no direct dependency on these.
pub use futures_util;
pub use serde;
pub use serde_json;
