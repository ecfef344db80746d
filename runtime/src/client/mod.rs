//! The client generated crates wrap: a [`Transport`](crate::transport::Transport) with
//! credentials (found and kept fresh), retries where they are safe, the documented rates,
//! and idempotency tokens. One call validates, serialises, then sends; only validation,
//! serialisation and the typed decoding are generic, so the rest is compiled once here,
//! not once per action.

mod builder;
mod calls;

pub use builder::ClientBuilder;
pub use calls::Client;
