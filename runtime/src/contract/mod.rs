//! The contract generated crates compile against, in one place (as smithy-rs keeps
//! `aws-smithy-runtime-api` apart from `aws-smithy-runtime`): what a crate declares about
//! its service and actions ([`spec`]), its enums and error codes on the wire ([`wire`]),
//! its builders' required-parameter states ([`typestate`]), its member-by-member
//! (de)serialisation ([`serde_helpers`]) and the errors of a call ([`error`]); plus the
//! machinery it calls: the [`Client`] it wraps, the [`ResponseFuture`] its `send()` returns
//! and the [`pages`] of a paged action. The crate root re-exports all of it.

pub mod error;
pub mod error_codes;
pub mod paged;
pub mod required_macro;
pub mod serde_helpers;
pub mod serde_macros;
pub mod setter_macros;
pub mod spec;
pub mod typestate;
pub mod wire;
pub mod wire_enum_macro;

pub use crate::client::{Client, ClientBuilder};
pub use crate::pagination::pages;
pub use crate::response_future::ResponseFuture;
pub use error::{BoxError, SdkError, ServiceError};
pub use spec::{ActionSpec, Operation, ServiceSpec};
pub use typestate::{AllRequiredSet, Draft, Set, Unset};
pub use wire::{AnyCode, ErrorCode, UnknownValue, WireEnum};
