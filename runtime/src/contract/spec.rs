//! What a generated crate declares about its service and each action, and the trait its
//! request types implement.

use crate::contract::wire::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tencentcloud_rules::Validate;

/// What a generated crate knows about its service.
#[derive(Debug, Clone, Copy)]
pub struct ServiceSpec {
    /// Signing name and endpoint prefix (`tat`).
    pub name: &'static str,
    pub version: &'static str,
    /// The domain of the doc drop (`tat.intl.tencentcloudapi.com`).
    pub default_host: &'static str,
    /// The generated crate's version, sent as `X-TC-RequestClient: SDK_RUST_<version>`.
    pub sdk_version: &'static str,
}

/// TAT as the crate's own unit tests name it.
#[cfg(test)]
pub(crate) const TEST_SPEC: ServiceSpec = ServiceSpec {
    name: "tat",
    version: "2020-10-28",
    default_host: "tat.tencentcloudapi.com",
    sdk_version: "0.1.0",
};

/// What a generated crate knows about one action.
#[derive(Debug, Clone, Copy)]
pub struct ActionSpec {
    pub name: &'static str,
    /// Read-only: may be re-sent after a failure that might have reached the server.
    pub idempotent: bool,
    /// The documented requests-per-second limit.
    pub rate_limit_per_second: Option<u32>,
    /// The request member that carries an idempotency token (`ClientToken`): filled per
    /// call when left out, kept across retries, which makes the call safe to retry.
    pub client_token: Option<&'static str>,
}

impl ActionSpec {
    /// A read-only action: safe to re-send after a failure that may have reached the server.
    pub const fn idempotent(name: &'static str) -> Self {
        ActionSpec {
            name,
            idempotent: true,
            rate_limit_per_second: None,
            client_token: None,
        }
    }

    /// An action that may act on the server: never re-sent once it may have arrived.
    pub const fn non_idempotent(name: &'static str) -> Self {
        ActionSpec {
            name,
            idempotent: false,
            rate_limit_per_second: None,
            client_token: None,
        }
    }

    /// With the documented requests-per-second limit.
    pub const fn rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit_per_second = Some(per_second);
        self
    }

    /// With an idempotency token in request member `member`.
    pub const fn client_token(mut self, member: &'static str) -> Self {
        self.client_token = Some(member);
        self
    }

    /// Whether a failure that may have reached the server can be sent again: read-only
    /// actions, and actions whose token lets the server recognise the repeat.
    pub const fn retry_safe(&self) -> bool {
        self.idempotent || self.client_token.is_some()
    }
}

/// A typed request of one action; implemented by every generated request struct.
pub trait Operation: Serialize + Validate {
    type Response: DeserializeOwned;
    /// The action's error codes.
    type Code: ErrorCode;
    const SPEC: ActionSpec;
}
