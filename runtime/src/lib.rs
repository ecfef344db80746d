//! Runtime shared by generated Tencent Cloud clients: TC3 signing, credentials,
//! transport with timeouts, safe retries, rate limiting, validation and pagination.

#![forbid(unsafe_code)]

pub mod client;
pub mod credentials;
pub mod error;
pub mod pagination;
pub mod rate_limit;
pub mod retry;
pub mod serde_helpers;
pub mod signing;
pub mod typestate;
pub mod validation;

pub use client::{ActionSpec, BuildError, Client, ClientBuilder, Endpoint, Operation, ServiceSpec};
pub use typestate::{Set, Unset};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use error::{SdkError, ServiceError, ServiceErrorParts};
pub use retry::RetryPolicy;
pub use validation::{Validate, ValidationErrors, Violation, Violations};

/// Re-exported so generated crates need no direct dependency on these.
pub use futures_util;
pub use serde;
pub use serde_json;
