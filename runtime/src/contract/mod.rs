//! The contract generated crates compile against, in one place (as smithy-rs keeps
//! `aws-smithy-runtime-api` apart from `aws-smithy-runtime`): what a crate declares about
//! its service and actions ([`spec`]), its enums and error codes on the wire ([`wire`]),
//! its builders' required-parameter states ([`typestate`]), its member-by-member
//! (de)serialisation ([`serde_helpers`]) and the errors of a call ([`error`]); plus the
//! machinery it calls: the [`Client`] it wraps, the [`ResponseFuture`] its `send()` returns
//! and the [`pages`] of a paged action; the encodings, waiters and call options its methods
//! take, what it re-exports to its users (credentials, endpoints, retries, validation), and
//! the crates its code names (`rules`, `serde`, `serde_json`, `futures_util`).
//! The crate root re-exports all of it. Generated code names nothing of the runtime that
//! is not declared here (`runtime/tests/it/contract_imports.rs` reads every generated
//! file to hold it so).

pub mod error;
pub mod error_codes;
mod lenient;
mod member_values;
pub mod paged;
pub mod required_macro;
pub mod serde_helpers;
pub mod serde_macros;
pub mod setter_macros;
pub mod spec;
pub mod typestate;
pub mod wire;
pub mod wire_enum_macro;

pub use crate::call_options::CallOptions;
pub use crate::client::{Client, ClientBuilder};
pub use crate::credentials::Credentials;
pub use crate::pagination::pages;
pub use crate::response_future::ResponseFuture;
pub use crate::retry::RetryPolicy;
/// A generated crate's `test_util` re-exports these (feature `test-util`).
#[cfg(feature = "test-util")]
pub use crate::test_double;
pub use crate::transport::Endpoint;
pub use crate::{encodings, pagination, waiter};
pub use error::{BoxError, SdkError, ServiceError};
pub use futures_util;
pub use paged::Paged;
pub use serde;
pub use serde_json;
pub use spec::{ActionSpec, Operation, ServiceSpec};
pub use tencentcloud_rules as rules;
pub use tencentcloud_rules::{Validate, ValidationErrors, Violation};
pub use typestate::{AllRequiredSet, Draft, Set, Unset};
pub use wire::{AnyCode, ErrorCode, UnknownValue, WireEnum};
